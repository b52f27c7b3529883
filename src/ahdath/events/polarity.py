"""The polarity of a description: «وصفها بالدبلوماسية الديناميكية» praises, «وصفه بالإرهابي» accuses.

Evaluative cues (``data/evaluative_cues.tsv``: وصف، اعتبر) stand in the trigger lexicon with their usual
reading in news, an accusation. The description that follows such a cue, up to the end of its clause
(at most ``WINDOW`` tokens), is read with a small polarity lexicon (``data/polarity.tsv``): when it holds
evaluative words and all of them are positive, the cue takes the file's positive type (SUPPORT). A
negator (غير، ليس، لا) turns the next evaluative word around (غير مسؤول is negative).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ahdath.events.lexicon import TriggerMatch, read_rows
from ahdath.language.normalize import fold_text
from ahdath.model import Document, Sentence

DATA = Path(__file__).parent / "data"
WINDOW = 15
STOPS = frozenset({"؛", ";", ".", ":", "!", "؟", "?"})
FLIP = {"pos": "neg", "neg": "pos"}


@dataclass(frozen=True, slots=True)
class Polarity:
    words: dict[str, str]  # folded word -> pos | neg | not
    cues: dict[str, str]  # lexicon key -> the type it takes when its description is positive

    @classmethod
    def load(cls, words: Path = DATA / "polarity.tsv", cues: Path = DATA / "evaluative_cues.tsv") -> Polarity:
        return cls(
            {fold_text(row["word"]): row["polarity"] for _, row in read_rows(words)},
            {row["cue"]: row["positive_type"] for _, row in read_rows(cues)},
        )

    def description(self, doc: Document, sent: Sentence, start_tok: int) -> str | None:
        """``pos`` or ``neg`` when the clause from ``start_tok`` holds evaluative words all of one
        polarity, ``mixed`` when both, None when none."""
        seen: set[str] = set()
        negate = False
        for t in range(start_tok, min(start_tok + WINDOW, sent.token_end)):
            tok = doc.tokens[t]
            if tok.norm in STOPS:
                break
            pol = self.words.get(tok.norm) or self.words.get(tok.stem)
            if pol == "not":
                negate = True
                continue
            if pol is not None:
                seen.add(FLIP[pol] if negate else pol)
            negate = False
        if len(seen) > 1:
            return "mixed"
        return next(iter(seen), None)

    def positive_type(self, doc: Document, sent: Sentence, m: TriggerMatch) -> str | None:
        """The type an evaluative cue takes when its description is positive; None otherwise."""
        positive = self.cues.get(m.cue)
        if positive is None or self.description(doc, sent, m.end_tok) != "pos":
            return None
        return positive
