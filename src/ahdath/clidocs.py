"""Generate docs/cli.md from the CLI's own --help texts, so the reference cannot drift.

    python -m ahdath.clidocs > docs/cli.md
"""

from __future__ import annotations

import click

from ahdath.cli import main


def _walk(cmd: click.Command, path: list[str]) -> list[tuple[list[str], click.Command]]:
    out = [(path, cmd)]
    if isinstance(cmd, click.Group):
        for name in sorted(cmd.commands):
            out += _walk(cmd.commands[name], [*path, name])
    return out


def render() -> str:
    parts = ["# CLI reference", "", "Generated from `--help` by `python -m ahdath.clidocs > docs/cli.md`; a test keeps it current.", ""]
    for path, cmd in _walk(main, ["ahdath"]):
        with click.Context(cmd, info_name=" ".join(path), terminal_width=88, max_content_width=88) as ctx:
            help_text = cmd.get_help(ctx)
        parts += [f"## {' '.join(path)}", "", "```", help_text, "```", ""]
    return "\n".join(parts)


if __name__ == "__main__":
    print(render(), end="")
