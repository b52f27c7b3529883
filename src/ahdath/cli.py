"""Command-line interface: each command is a thin wrapper over one Python API function."""

from __future__ import annotations

import datetime as dt
import itertools
import sys
from pathlib import Path

import click

import ahdath
from ahdath.export.writers import FORMATS, Writer
from ahdath.io.readers import Record, RecordError, read_paths
from ahdath.io.validate import DEFAULT_MAX_CHARS
from ahdath.pipeline import Pipeline, Settings, actor_paths, tune_gc_for_batch


def _valid_date(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date in YYYY-MM-DD form") from None


@click.group()
@click.version_option(ahdath.__version__, prog_name="ahdath")
def main() -> None:
    """ahdath: Arabic news to political event data (PLOVER/CAMEO) with evidence offsets."""


@main.command("code")
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(FORMATS), default=None, help="Output format (default: table on a terminal, else jsonl).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None, help="Write to FILE instead of standard output.")
@click.option("--date", callback=_valid_date, default=None, help="Article date (YYYY-MM-DD) for records that give none.")
@click.option("--actors", "actors", multiple=True, type=click.Path(exists=True, dir_okay=False), help="Extra actor dictionary (YAML, same format as the shipped one); repeatable.")
@click.option("--max-chars", type=int, default=DEFAULT_MAX_CHARS, show_default=True, help="Refuse articles longer than this.")
@click.option("--limit", type=int, default=None, help="Stop after this many records.")
def code_cmd(
    paths: tuple[str, ...], fmt: str | None, output: str | None, date: str | None, actors: tuple[str, ...], max_chars: int, limit: int | None
) -> None:
    """Code articles: PATH is a .txt article, a .jsonl file of {"id","text",...} records, a directory, or - for stdin."""
    pipeline = Pipeline.load(Settings(actors_paths=actor_paths(actors), max_chars=max_chars))
    tune_gc_for_batch()
    out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    fmt = fmt or ("table" if out.isatty() else "jsonl")
    writer = Writer(out, fmt)
    ok = failed = 0
    try:
        records = read_paths(paths)
        if limit is not None:
            records = itertools.islice(records, limit)
        if date:
            records = (_with_date(r, date) for r in records)
        for result in pipeline.code_records(records):
            if isinstance(result, RecordError):
                failed += 1
                click.echo(f"ahdath: error: {result}", err=True)
            else:
                ok += 1
                writer.write(result)
        writer.close()
    finally:
        if output:
            out.close()
    click.echo(f"ahdath: coded {ok} article(s), {failed} failed", err=True)
    if failed:
        sys.exit(1)


def _with_date(rec: Record | RecordError, date: str) -> Record | RecordError:
    if not isinstance(rec, RecordError) and not rec.date:
        rec.date = date
    return rec


@main.command("tag-conll")
@click.argument("inp", type=click.Path(exists=True, dir_okay=False))
@click.argument("out", type=click.Path(dir_okay=False, writable=True))
@click.option("--model", "model", type=click.Path(exists=True, file_okay=False), default=None,
              help="NER model directory (default: the shipped model).")
def tag_conll_cmd(inp: str, out: str, model: str | None) -> None:
    """Tag a CoNLL file (one token per line) with IOB2 entity tags: writes `TOKEN TAG` lines."""
    from ahdath.ner.conll import tag_conll
    from ahdath.ner.tagger import NERTagger

    n = tag_conll(inp, out, NERTagger.load(model) if model else None)
    click.echo(f"ahdath: tagged {n} sentence(s) -> {out}", err=True)


@main.group("actors")
def actors_group() -> None:
    """Inspect the actor knowledge base."""


@actors_group.command("lookup")
@click.argument("text")
@click.option("--date", callback=_valid_date, default=None, help="Resolve as of this date (YYYY-MM-DD).")
@click.option("--actors", "actors", multiple=True, type=click.Path(exists=True, dir_okay=False), help="Extra actor dictionary (YAML).")
def actors_lookup_cmd(text: str, date: str | None, actors: tuple[str, ...]) -> None:
    """Show how TEXT resolves to actors on DATE, and why."""
    import json

    from ahdath.actors.lookup import lookup
    from ahdath.actors.resolve import ActorResolver

    resolver = ActorResolver.load(extra_paths=actor_paths(actors))
    results = lookup(text, date, resolver)
    if not results:
        click.echo(f"no actor found for {text!r}", err=True)
        sys.exit(1)
    for r in results:
        click.echo(json.dumps(r, ensure_ascii=False))


@main.group("eval")
def eval_group() -> None:
    """Evaluate ahdath against annotated data."""


@eval_group.command("events")
@click.argument("gold", type=click.Path(exists=True, dir_okay=False))
@click.argument("articles", type=click.Path(exists=True, dir_okay=False))
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Also keep the coded JSONL here.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
def eval_events_cmd(gold: str, articles: str, output: str | None, as_json: bool) -> None:
    """Code ARTICLES (JSONL) and score them against GOLD (JSONL, per the event guidelines)."""
    import json

    from ahdath.evaluate import evaluate_events, format_report

    report = evaluate_events(Path(gold), Path(articles), output=Path(output) if output else None)
    click.echo(json.dumps(report, ensure_ascii=False, indent=1) if as_json else format_report(report))


if __name__ == "__main__":
    main()
