"""Attribution: the outlets and agencies an article cites, and which stretch of text each covers.

``أفادت وكالة تسنيم``، ``نقلت رويترز عن``، ``بحسب وكالة الأنباء السعودية (واس)``، ``ذكر التلفزيون الرسمي``
become ``doc.attributions`` (spans over the original text) with a normalized English name
(``Tasnim``, ``Reuters``, ``SPA``, ``state television``) kept in ``doc.user_data["attributions"]``.
:func:`reported_by` answers which agency covers a position in the text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

from ahdath.language.normalize import fold_text
from ahdath.model import Document, Span, Token
from ahdath.quotes.phrases import QUOTE_MARKS, PhraseMatcher, conj_forms, phrase_key, read_tsv, token_keys

USER_DATA_KEY = "attributions"
LEAD_SENTENCES = 1  # a lead sentence is covered by the first attribution within this many sentences after it
CUE_WINDOW = 4  # how many words before an outlet a citing cue may stand
MAX_OUTLET_WORDS = 4  # words after an outlet head noun kept as the outlet's name (صحيفة بيرجن المعارضة)
# Tokens that end an unknown outlet's name after its head noun.
_NAME_STOPS = frozenset({"ان", "بان", "عن", "في", "الي", "علي", "من", "ما", "لما", "قوله", "قولها", "التي", "الذي"})


@dataclass(frozen=True, slots=True)
class Agency:
    name: str  # normalized English name
    kind: str  # agency | newspaper | tv | radio | website | state-media | unknown
    country: str = ""


@dataclass(frozen=True, slots=True)
class Attribution:
    start: int
    end: int
    text: str
    name: str  # English name, or the Arabic outlet phrase when the outlet is not in the list
    kind: str
    sentence: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class AttributionLexicon:
    agencies: PhraseMatcher[Agency]
    heads: PhraseMatcher[str]  # outlet head nouns (صحيفة، وكالة، وسائل إعلام)
    anaphors: frozenset[str]  # head nouns that, with the article, refer back (الصحيفة)
    cues: frozenset[str]
    news_words: frozenset[str] = frozenset()

    def news_after(self, tokens: list[Token], i: int, window: int = 3) -> bool:
        """A news word within ``window`` words after ``tokens[i]`` (وكالة أنباء، وكالة X الإخبارية)."""
        return any(token_keys(t.norm) & self.news_words for t in tokens[i + 1 : i + 1 + window])

    def is_anaphor(self, tok: Token, nxt: Token | None = None) -> bool:
        """الصحيفة، الوكالة standing alone (not الوكالة الدولية للطاقة الذرية: a name goes on)."""
        keys = token_keys(tok.norm)
        if not any(k in self.anaphors and "ال" + k in keys for k in keys):
            return False
        return nxt is None or nxt.is_punct or self.is_cue(nxt) or bool(token_keys(nxt.norm) & _NAME_STOPS)

    def is_cue(self, tok: Token) -> bool:
        return any(f in self.cues for f in conj_forms(tok.norm)) or tok.norm in self.cues


@lru_cache(maxsize=1)
def load_lexicon() -> AttributionLexicon:
    entries: list[tuple[str, Agency]] = []
    for arabic, english, kind, country in read_tsv("agencies.tsv", 4):
        agency = Agency(english, kind, country)
        entries.extend((variant.strip(), agency) for variant in arabic.split("|") if variant.strip())
    cues: set[str] = set()
    heads: list[tuple[str, str]] = []
    anaphors: set[str] = set()
    news: set[str] = set()
    for form, kind in read_tsv("attribution_cues.tsv", 2):
        if kind == "cue":
            cues.add(fold_text(form.split()[0]))
        elif kind in ("head", "media", "agencyhead"):
            heads.append((form, kind))
        elif kind == "newsword":
            news.add(phrase_key(form))
        elif kind == "anaphor":
            heads.append((form, kind))
            anaphors.add(phrase_key(form))
    return AttributionLexicon(
        PhraseMatcher(entries), PhraseMatcher(heads), frozenset(anaphors), frozenset(cues), frozenset(news)
    )


def outlet_at(tokens: list[Token], i: int, lexicon: AttributionLexicon | None = None) -> Agency | None:
    """The outlet a phrase starting at ``tokens[i]`` names (a listed agency, or an outlet head noun)."""
    lex = lexicon or load_lexicon()
    m = lex.agencies.match_at(tokens, i)
    if m is not None:
        return m.value
    h = lex.heads.match_at(tokens, i)
    if h is None:
        return None
    nxt = tokens[i + 1] if i + 1 < len(tokens) else None
    if h.value == "agencyhead" and not lex.is_anaphor(tokens[i], nxt) and not lex.news_after(tokens, h.last):
        return None
    return Agency("", "media" if h.value == "media" else "head")


class AttributionTagger:
    """Pipeline component: fills ``doc.attributions`` and ``doc.user_data["attributions"]``."""

    def __init__(self, lexicon: AttributionLexicon) -> None:
        self.lexicon = lexicon

    @classmethod
    def load(cls) -> AttributionTagger:
        return cls(load_lexicon())

    def __call__(self, doc: Document) -> Document:
        found = self.find(doc)
        doc.attributions = [Span(a.start, a.end, a.text) for a in found]
        doc.user_data[USER_DATA_KEY] = [a.to_dict() for a in found]
        return doc

    def find(self, doc: Document) -> list[Attribution]:
        out: list[Attribution] = []
        for sent in doc.sentences:
            # quotation marks around names (وكالة "معا"، لقناة "العربية") are skipped when matching
            toks = [t for t in doc.sentence_tokens(sent) if t.text not in QUOTE_MARKS]
            i = 0
            while i < len(toks):
                att, last = self._at(doc, toks, i, sent.i, out)
                if att is not None:
                    out.append(att)
                    i = last + 1
                else:
                    i += 1
        return out

    def _cited(self, toks: list[Token], first: int, last: int) -> bool:
        """A citing cue stands shortly before the outlet, or right after it (رويترز نقلت)."""
        lo = max(0, first - CUE_WINDOW)
        if any(self.lexicon.is_cue(t) for t in toks[lo:first]):
            return True
        return last + 1 < len(toks) and self.lexicon.is_cue(toks[last + 1])

    def _at(
        self, doc: Document, toks: list[Token], i: int, sent: int, found: list[Attribution]
    ) -> tuple[Attribution | None, int]:
        lex = self.lexicon
        first = i
        head = lex.heads.match_at(toks, i)
        m = lex.agencies.match_at(toks, i)
        anaphor = head is not None and lex.is_anaphor(toks[i], toks[i + 1] if i + 1 < len(toks) else None)
        if m is None and head is not None and not anaphor and head.last + 1 < len(toks):
            m = lex.agencies.match_at(toks, head.last + 1)  # قناة + سكاي نيوز
        if m is not None:
            last = m.last
            # a parenthesized acronym after the name: وكالة الأنباء السعودية (واس)
            if (
                last + 3 < len(toks)
                and toks[last + 1].text == "("
                and toks[last + 3].text == ")"
                and lex.agencies.match_at(toks, last + 2) is not None
            ):
                last += 3
            if not self._cited(toks, first, last):
                return None, i
            agency = m.value
            return self._make(doc, toks, first, last, agency.name, agency.kind, sent), last
        if head is None or not self._cited(toks, first, head.last):
            return None, i
        if head.value == "agencyhead" and not anaphor and not lex.news_after(toks, head.last):
            return None, i  # a government agency (الوكالة الدولية للطاقة الذرية), not a news agency
        if anaphor:
            name = found[-1].name if found else doc.text[toks[first].start : toks[head.last].end]
            return self._make(doc, toks, first, head.last, name, "anaphor", sent), head.last
        last = head.last
        while last + 1 < len(toks) and last - head.last < MAX_OUTLET_WORDS:
            nxt = toks[last + 1]
            if nxt.is_punct or lex.is_cue(nxt) or token_keys(nxt.norm) & _NAME_STOPS:
                break
            last += 1
        while last > head.last and toks[last].is_punct:
            last -= 1
        text = doc.text[toks[first].start : toks[last].end]
        return self._make(doc, toks, first, last, text, "unknown", sent), last

    @staticmethod
    def _make(doc: Document, toks: list[Token], first: int, last: int, name: str, kind: str, sent: int) -> Attribution:
        start, end = toks[first].start, toks[last].end
        return Attribution(start, end, doc.text[start:end], name, kind, sent)


def attributions_of(doc: Document) -> list[Attribution]:
    """The attributions recorded on ``doc`` (found now if the tagger has not run)."""
    rows = doc.user_data.get(USER_DATA_KEY)
    if rows is None:
        return AttributionTagger.load().find(doc)
    return [Attribution(**r) for r in rows]


def reported_by(doc: Document, offset: int, scope: str = "sentence") -> str | None:
    """The agency that covers ``offset``.

    ``scope="sentence"`` (default, as the gold annotation does it): an attribution covers its own
    sentence; a lead sentence without one is covered by an attribution in the second sentence
    (wire style: the lead states the news, the next sentence cites the agency).
    ``scope="following"``: an attribution covers everything after it until the next attribution.
    """
    atts = attributions_of(doc)
    sent = doc.sentence_of(offset)
    if not atts or sent is None:
        return None
    if scope == "following":
        before = [a for a in atts if a.sentence < sent.i or (a.sentence == sent.i and a.start <= offset)]
        if before:
            return before[-1].name
        same = [a for a in atts if a.sentence == sent.i]
        return same[0].name if same else None
    same = [a for a in atts if a.sentence == sent.i]
    if same:
        before = [a for a in same if a.start <= offset]
        return (before[-1] if before else same[0]).name
    if sent.i == 0:
        lead = [a for a in atts if a.sentence <= LEAD_SENTENCES]
        if lead:
            return lead[0].name
    return None
