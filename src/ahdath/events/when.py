"""When an event happened: time expressions near the trigger, resolved from the article date.

``أمس`` → the day before the article; ``الأحد`` / ``الأحد الماضي`` → the last Sunday on or before
the article date (``المقبل`` → the next one); ``منذ يومين`` → two days before; ``14 أكتوبر`` →
that day in the article's year (or the year given). Words live in ``data/time_words.tsv``.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ahdath.language.tokenize import lookup_forms
from ahdath.model import Document, Sentence, Token

DATA = Path(__file__).parent / "data" / "time_words.tsv"
PAST = frozenset({"الماضي", "الفايت", "المنصرم"})
FUTURE = frozenset({"المقبل", "القادم"})
AGO = "منذ"
UNITS = {"يوم": 1, "يومين": 2, "ايام": 1, "اسبوع": 7, "اسبوعين": 14, "اسابيع": 7}
NUMBER_WORDS = {"ثلاثه": 3, "اربعه": 4, "خمسه": 5, "سته": 6, "سبعه": 7, "عشره": 10}


@dataclass(frozen=True, slots=True)
class TimeWord:
    kind: str
    value: int


@lru_cache(maxsize=2)
def load_time_words(path: Path = DATA) -> dict[str, TimeWord]:
    with path.open(encoding="utf-8") as f:
        rows = csv.DictReader((line for line in f if not line.startswith("#")), delimiter="\t")
        return {r["word"]: TimeWord(r["kind"], int(r["value"])) for r in rows}


def _number(tok: Token) -> int | None:
    if tok.norm.isdigit():
        return int(tok.norm)
    return NUMBER_WORDS.get(tok.norm)


class DateResolver:
    def __init__(self, words: dict[str, TimeWord]) -> None:
        self.words = words

    @classmethod
    def load(cls) -> DateResolver:
        return cls(load_time_words())

    def _word(self, toks: list[Token], i: int) -> tuple[int, TimeWord] | None:
        if i + 1 < len(toks):
            two = self.words.get(f"{toks[i].norm} {toks[i + 1].norm}")
            if two:
                return 2, two
        for form in (*lookup_forms(toks[i]), "ال" + toks[i].stem):
            w = self.words.get(form)
            if w:
                return 1, w
        return None

    def resolve(self, doc: Document, sent: Sentence, trigger_tok: int) -> tuple[str, str] | None:
        """(ISO date, reason) for the time expression nearest the trigger, if the article date is known."""
        if not doc.date:
            return None
        try:
            base = dt.date.fromisoformat(doc.date[:10])
        except ValueError:
            return None
        toks = doc.sentence_tokens(sent)
        found: list[tuple[int, dt.date, str]] = []
        for i in range(len(toks)):
            hit = self._resolve_at(toks, i, base)
            if hit:
                found.append((abs(sent.token_start + i - trigger_tok), *hit))
        if not found:
            return None
        _, day, why = min(found, key=lambda x: x[0])
        return day.isoformat(), why

    def _resolve_at(self, toks: list[Token], i: int, base: dt.date) -> tuple[dt.date, str] | None:
        tok = toks[i]
        if tok.norm == AGO and i + 1 < len(toks):
            n = _number(toks[i + 1])
            unit_tok = toks[i + 2] if n is not None and i + 2 < len(toks) else toks[i + 1]
            unit = UNITS.get(unit_tok.stem) or UNITS.get(unit_tok.norm)
            if unit:
                days = unit * (n if n is not None and unit_tok.norm not in ("يومين", "اسبوعين") else 1)
                return base - dt.timedelta(days=days), f"'منذ' {days} day(s) before the article date"
        hit = self._word(toks, i)
        if hit is None:
            return None
        n, word = hit
        after = toks[i + n].norm if i + n < len(toks) else ""
        if word.kind == "offset":
            return base + dt.timedelta(days=word.value), f"'{tok.text}' relative to the article date"
        if word.kind == "weekday":
            delta = (base.weekday() - word.value) % 7
            if after in FUTURE:
                return base + dt.timedelta(days=(word.value - base.weekday()) % 7 or 7), f"next '{tok.text}' after the article date"
            if after in PAST and delta == 0:
                delta = 7
            return base - dt.timedelta(days=delta), f"last '{tok.text}' on or before the article date"
        if word.kind == "month" and i > 0:
            day = _number(toks[i - 1])
            if day is None or not 1 <= day <= 31:
                return None
            year = base.year
            if i + n < len(toks) and toks[i + n].norm.isdigit() and len(toks[i + n].norm) == 4:
                year = int(toks[i + n].norm)
            try:
                return dt.date(year, word.value, day), f"explicit date '{toks[i - 1].text} {tok.text}'"
            except ValueError:
                return None
        return None
