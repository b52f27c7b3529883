"""Merge curators' knowledge-base fragments into the shipped actor files, keeping their layout.

A fragment is a YAML list of
- new entries, in the format of ``src/ahdath/actors/data/people.yaml`` (``id``, ``type``, ``name``, ``ar``,
  ``country``, ``sector``, optional ``wikidata``, ``roles``, ``member_of``, ``loaded``, ``ambiguous``,
  ``ner_ar``): appended to people.yaml (persons), organizations.yaml or igos.yaml (by ``type``);
- additions to an existing entry: ``{add_to: ID, ar: [...], roles: [...], fix: true|false}``: the spelling
  variants and dated roles are added to that entry's lines; with ``fix: true`` the entry's roles with the
  same (role, of) as a given role are replaced by the given ones.

Entries whose id is taken, additions to unknown ids and roles already present are reported and skipped.
Run the knowledge-base tests afterwards (``pytest tests/test_kb_entries.py``).

    python training/actors/merge_kb.py FRAGMENT.yaml [...] [--dry-run]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parents[2] / "src" / "ahdath" / "actors" / "data"
FILES = {"person": "people.yaml", "organization": "organizations.yaml", "igo": "igos.yaml"}
KEY_ORDER = ("id", "type", "name", "ar", "country", "sector", "wikidata", "roles", "member_of", "loaded", "ambiguous",
             "ner_ar")
ROLE_ORDER = ("role", "of", "sector", "start", "end")
_PLAIN = re.compile(r"^[^\s\[\]{},:#&*!|>'\"%@`?-][^\[\]{},:#]*$")


def scalar(v: object) -> str:
    """A YAML flow scalar in the files' style: plain when safe, else double-quoted."""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, dt.date):
        return v.isoformat()
    s = str(v)
    if _PLAIN.match(s) and s.strip() == s and s.lower() not in ("true", "false", "null", "yes", "no", "on", "off"):
        return s
    return json.dumps(s, ensure_ascii=False)


def flow_list(items: list) -> str:
    return "[" + ", ".join(scalar(x) for x in items) + "]"


def role_line(r: dict) -> str:
    keys = [k for k in ROLE_ORDER if r.get(k) not in (None, "")] + [k for k in r if k not in ROLE_ORDER]
    return "    - {" + ", ".join(f"{k}: {scalar(r[k])}" for k in keys) + "}"


def entry_lines(e: dict) -> list[str]:
    out: list[str] = []
    for k in [k for k in KEY_ORDER if k in e] + [k for k in e if k not in KEY_ORDER]:
        v = e[k]
        lead = "- " if not out else "  "
        if k == "roles":
            out.append(f"{lead}roles:")
            out.extend(role_line(r) for r in v or [])
        elif isinstance(v, list):
            out.append(f"{lead}{k}: {flow_list(v)}")
        else:
            out.append(f"{lead}{k}: " + ('""' if v == "" else scalar(v)))
    return out


def _role_key(r: dict) -> tuple[str, str, str, str]:
    return (str(r.get("role")), str(r.get("of")), str(r.get("start") or ""), str(r.get("end") or ""))


def _block(lines: list[str], entry_id: str) -> tuple[int, int] | None:
    """Line range [a, b) of the entry ``- id: entry_id``."""
    head = f"- id: {entry_id}"
    for a, line in enumerate(lines):
        if line.rstrip() == head:
            b = a + 1
            while b < len(lines) and not lines[b].startswith("- ") and not lines[b].startswith("#"):
                b += 1
            return a, b
    return None


def add_to(lines: list[str], entry: dict, add: dict, log: list[str]) -> dict:
    """Apply an addition to ``entry``'s lines; return the entry as it now reads."""
    merged = dict(entry)
    merged["ar"] = list(entry.get("ar") or []) + [x for x in add.get("ar") or [] if x not in (entry.get("ar") or [])]
    roles = list(add.get("roles") or [])
    if roles:
        kept = list(entry.get("roles") or [])
        if add.get("fix"):
            replaced = {(str(r["role"]), str(r["of"])) for r in roles}
            kept = [r for r in kept if (str(r.get("role")), str(r.get("of"))) not in replaced]
            log.append(f"fix: {entry['id']} roles {sorted(replaced)} replaced")
        have = {_role_key(r) for r in kept}
        fresh = [r for r in roles if _role_key(r) not in have]
        if len(fresh) < len(roles):
            log.append(f"skip: {len(roles) - len(fresh)} role(s) already on {entry['id']}")
        merged["roles"] = kept + fresh
    span = _block(lines, entry["id"])
    if span is None:
        log.append(f"skip: {entry['id']} not found as a block")
        return entry
    a, b = span
    block = lines[a:b]
    if merged["ar"] != list(entry.get("ar") or []):
        block = [f"  ar: {flow_list(merged['ar'])}" if line.startswith("  ar: ") else line for line in block]
    if roles:
        block = [line for line in block if not line.startswith("    - {") and line.rstrip() != "  roles:"]
        at = next((k for k, line in enumerate(block) if line.startswith(("  member_of:", "  loaded:", "  ambiguous:",
                                                                          "  ner_ar:"))), len(block))
        if merged["roles"]:
            block[at:at] = ["  roles:"] + [role_line(r) for r in merged["roles"]]
    lines[a:b] = block
    return merged


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("fragments", nargs="+", type=Path)
    ap.add_argument("--dry-run", action="store_true")
    args = ap.parse_args()
    texts = {f: (DATA / f).read_text(encoding="utf-8").splitlines() for f in set(FILES.values())}
    where: dict[str, tuple[str, dict]] = {}
    for f in texts:
        for e in yaml.safe_load((DATA / f).read_text(encoding="utf-8")) or []:
            where[e["id"]] = (f, e)
    log: list[str] = []
    n_new = n_add = 0
    for frag in args.fragments:
        for item in yaml.safe_load(frag.read_text(encoding="utf-8")) or []:
            if "add_to" in item:
                hit = where.get(item["add_to"])
                if hit is None:
                    log.append(f"skip: add_to unknown id {item['add_to']} ({frag.name})")
                    continue
                where[item["add_to"]] = (hit[0], add_to(texts[hit[0]], hit[1], item, log))
                n_add += 1
                continue
            if item.get("id") in where:
                log.append(f"skip: id {item.get('id')} exists ({frag.name})")
                continue
            f = FILES.get(item.get("type", ""))
            if f is None:
                log.append(f"skip: {item.get('id')} has type {item.get('type')!r}")
                continue
            texts[f].extend(entry_lines(item))
            where[item["id"]] = (f, item)
            n_new += 1
    print("\n".join(log), file=sys.stderr)
    print(f"{n_new} new entries, {n_add} additions", file=sys.stderr)
    if not args.dry_run:
        for f, lines in texts.items():
            (DATA / f).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
