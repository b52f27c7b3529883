"""Quote extraction: who said what, direct and indirect, with the speaker resolved to an actor.

Rules (the words themselves live in ``data/speech_cues.tsv``, ``data/complementizers.tsv`` and
``data/speaker_words.tsv``):

- a speech cue (قال، أضاف، أكد، أشار إلى أن، نقل عن...) opens content at the first complementizer
  (أن/إن/بأن، على أن، إلى أن، عن), colon or quotation that follows it; the words in between hold
  the subject (VSO: وقال وزير الخارجية إن). A subject right before the cue (SVO: الوزير قال) wins.
- with no subject, the speaker is the previous quote's speaker in the sentence, the "other party"
  after بدوره/من جهته, or the last speaker / subject of the preceding sentences.
- direct content runs to the closing quotation mark (or the paragraph end when unbalanced); after a
  bare colon it runs to the end of the paragraph; indirect content to the end of its sentence. Both
  stop where the next speech cue of a new clause begins (، مضيفا أن ...).
- source markers (بحسب، وفق، حسب ما أفاد X) quote the clause before them, or after them at the
  start of a sentence. Speech acts coded as events (أدان، دعا، شكر...) are never quotes, and an outlet
  cited for a report (أفادت وكالة تسنيم) is an attribution, not a speaker.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Protocol

from ahdath.language import analyze
from ahdath.language.normalize import fold_text
from ahdath.model import Actor, Document, Quote, Sentence, Span, Token
from ahdath.quotes.attribution import AttributionLexicon, AttributionTagger, outlet_at, reported_by
from ahdath.quotes.link import same_actor
from ahdath.quotes.phrases import CLOSERS, OPENERS, QUOTE_MARKS, conj_forms, read_tsv, strip_article, token_keys

MAX_REGION = 20  # words between a cue and its content (subject, adverbials)
MAX_SPEAKER_WORDS = 6  # words kept for a speaker that no actor mention covers
MIN_QUOTED_WORDS = 3  # a quotation-marked stretch shorter than this is a name or scare quote
MIN_UNCUED_WORDS = 6  # a quoted stretch with no cue must be this long to count as a statement
SUBJECT_WINDOW = 8  # a sentence's subject actor starts within its first words
LOOKBACK_SENTENCES = 3
TITLE_WORDS = 3  # a bare definite title speaker (المتحدثة، الوزير الإسرائيلي) has at most this many words
TITLE_WINDOW = 6  # tokens around a named person where its title may stand
_PRONOUN_SUFFIXES = ("هما", "هم", "هن", "ها", "نا", "ني", "ه")
_COLONS = frozenset(":：")
_DASHES = frozenset("—–")
# How telling a mention is, by the kind the resolver records in doc.user_data["actor_mentions"].
_MENTION_RANK = {"name": 5, "surname": 4, "title": 3, "loaded": 2, "agent": 2, "capital": 1, "nisba": 1}
_NAMED = ("يدعي", "تدعي")  # (الرجل الذي) يدعى: "named", folded
_SPEAKER_RANK = {"person": 5, "organization": 4, "igo": 4, "agent": 3, "unknown": 2, "country": 1}


class SpanResolver(Protocol):
    def resolve_span(self, doc: Document, start: int, end: int) -> Actor | None: ...


@dataclass(frozen=True, slots=True)
class Cue:
    lemma: str
    kind: str  # verb | participle | noun | prep | event | tag
    complements: frozenset[str]


@dataclass(frozen=True)
class SpeechLexicon:
    cues: dict[str, Cue]
    complementizers: dict[str, str]
    words: dict[str, str]
    title_heads: frozenset[str] = frozenset()

    def title_head(self, tok: Token) -> bool:
        """Whether the token heads a person's title over a body (وكيل، مدير، أحد، متحدث)."""
        return not tok.is_punct and any(strip_article(f) in self.title_heads for f in conj_forms(tok.norm))

    def cue(self, tok: Token) -> Cue | None:
        if tok.is_punct:
            return None
        for form in conj_forms(tok.norm):
            if form in self.cues:
                return self.cues[form]
        return None

    def comp(self, tok: Token) -> str | None:
        """The complementizer kind of a token (أن، بأنه، فإن، على...), or None."""
        if tok.is_punct:
            return None
        for form in conj_forms(tok.norm):
            if form in self.complementizers:
                return self.complementizers[form]
            for suf in _PRONOUN_SUFFIXES:
                if form.endswith(suf) and form[: -len(suf)] in self.complementizers:
                    kind = self.complementizers[form[: -len(suf)]]
                    return kind if kind == "an" else None
        return None

    def word(self, tok: Token) -> str | None:
        for form in conj_forms(tok.norm):
            if form in self.words:
                return self.words[form]
        for form in token_keys(tok.norm):  # لبيان، والصادر
            if self.words.get(form) == "statement":
                return "statement"
        return None


def _has_turn(lex: SpeechLexicon, toks: list[Token]) -> bool:
    return any(lex.word(t) == "turn" for t in toks)


def turn_marked(doc: Document, sent: Sentence, before: int, window: int = 3) -> bool:
    """Whether the sentence opens with "in his turn" (بدوره، من جهته، من جانبه) within its first ``window``
    tokens before token ``before``: its subject is the other party, not the one the text was about."""
    return _has_turn(load_lexicon(), doc.tokens[sent.token_start:min(before, sent.token_start + window)])


@lru_cache(maxsize=1)
def load_lexicon() -> SpeechLexicon:
    cues = {
        fold_text(form): Cue(fold_text(lemma), kind, frozenset(c for c in comps.split(",") if c))
        for form, lemma, kind, comps in read_tsv("speech_cues.tsv", 4)
    }
    comps = {fold_text(form): kind for form, kind in read_tsv("complementizers.tsv", 2)}
    words = {fold_text(form): kind for form, kind in read_tsv("speaker_words.tsv", 2)}
    heads = frozenset(fold_text(form) for (form,) in read_tsv("title_heads.tsv", 1))
    return SpeechLexicon(cues, comps, words, heads)


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch in quotation marks: ``open`` is the opening mark, content is ``[start, end)``."""

    open: int
    start: int
    end: int
    closed: bool


def quote_segments(text: str) -> list[Segment]:
    """Quotation-marked stretches per paragraph, tolerant to mixed, doubled and unbalanced marks."""
    out: list[Segment] = []
    pos = 0
    for para in text.split("\n"):
        opened: int | None = None
        for m in _MARK_RE.finditer(para):
            j, ch = m.start(), m.group()
            if j > 0 and para[j - 1] == ch:
                continue  # a doubled mark ("") counts once
            i = pos + j
            if opened is None:
                if ch in "»":
                    continue
                if ch in "”" and not any(c in CLOSERS for c in para[j + 1 :]):
                    continue  # a stray closer with nothing after it to close
                opened = i
            elif ch in CLOSERS or (ch in "“" and text[opened] in "“”"):
                if i - _after_marks(text, opened) > 1:
                    out.append(Segment(opened, _after_marks(text, opened), i, True))
                opened = None
        if opened is not None and pos + len(para) - _after_marks(text, opened) > 1:
            out.append(Segment(opened, _after_marks(text, opened), pos + len(para), False))
        pos += len(para) + 1
    return out


_MARK_RE = re.compile("[" + re.escape(OPENERS + CLOSERS) + "]")


def _after_marks(text: str, i: int) -> int:
    """The first position after the quotation mark at ``i`` and its doubles."""
    j = i + 1
    while j < len(text) and text[j] == text[i]:
        j += 1
    return j


@dataclass
class _Candidate:
    cue_first: int  # token indices (document level)
    cue_last: int
    speaker: Actor | None
    start: int
    end: int
    direct: bool
    mode: str  # colon | quote | an | obj | prep | uncued
    sent: int
    extra: dict[str, Any] = field(default_factory=dict)


class QuoteExtractor:
    """Pipeline component: fills ``doc.quotes`` (and ``doc.attributions`` when the tagger is given)."""

    def __init__(
        self,
        lexicon: SpeechLexicon,
        attribution: AttributionTagger | None = None,
        resolver: SpanResolver | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.attribution = attribution
        self.resolver = resolver

    @classmethod
    def load(cls, resolver: SpanResolver | None = None, attribution: bool = True) -> QuoteExtractor:
        """``resolver``: the actor resolver (its ``resolve_span`` names speakers no mention covers)."""
        return cls(load_lexicon(), AttributionTagger.load() if attribution else None, resolver)

    @property
    def _alex(self) -> AttributionLexicon | None:
        return self.attribution.lexicon if self.attribution else None

    def __call__(self, doc: Document) -> Document:
        if doc.text and not doc.sentences:
            analyze(doc)  # the language layer has not run: quotes need sentences and tokens
        if self.attribution is not None:
            self.attribution(doc)
        doc.quotes = self.extract(doc)
        for i, q in enumerate(doc.quotes):
            q.id = i
            q.reported_by = reported_by(doc, q.cue.start)
        return doc

    # ------------------------------------------------------------------ extraction

    def extract(self, doc: Document) -> list[Quote]:
        run = _Run(self, doc)
        return run.quotes()


class _Run:
    """One document's extraction state (segments, candidates so far, sentence subjects)."""

    def __init__(self, ex: QuoteExtractor, doc: Document) -> None:
        self.ex = ex
        self.lex = ex.lexicon
        self.doc = doc
        self.toks = doc.tokens
        self.starts = [t.start for t in doc.tokens]
        self._seg_words: dict[int, int] = {}
        self.segments = quote_segments(doc.text)
        self.seg_by_open = {s.open: s for s in self.segments}
        kinds = doc.user_data.get("actor_mentions", {})
        self._places = frozenset(span for span, kind in kinds.items() if kind == "place")
        self.actors = sorted(
            # a town or region (الغوطة الشرقية، الموصل) is where something was said, never who said it
            (a for a in doc.actors if self.lex.words.get(fold_text(a.text)) not in ("stop", "adverb", "link", "channel")
             and kinds.get((a.start, a.end)) != "place"),
            key=lambda a: (a.start, -a.end),
        )
        self.cands: list[_Candidate] = []
        self.consumed: set[int] = set()
        self.subjects: dict[int, Actor] = {}
        self.cut_points: list[tuple[int, int]] = []  # (offset, sentence) where a new clause's cue starts

    # ---------------------------------------------------------------- helpers

    def seg_words(self, seg: Segment) -> int:
        if seg.open not in self._seg_words:
            lo, hi = bisect_left(self.starts, seg.start), bisect_left(self.starts, seg.end)
            self._seg_words[seg.open] = sum(1 for t in self.toks[lo:hi] if not t.is_punct)
        return self._seg_words[seg.open]

    def in_long_segment(self, offset: int) -> bool:
        return any(s.start <= offset < s.end and self.seg_words(s) >= MIN_QUOTED_WORDS for s in self.segments)

    def actor_in(self, lo: int, hi: int, skip_prep: bool = True) -> Actor | None:
        """The first actor mention starting inside token range [lo, hi) and not governed by a preposition."""
        if lo >= hi:
            return None
        start, end = self.toks[lo].start, self.toks[hi - 1].end
        for a in self.actors:
            if start <= a.start < end:
                if skip_prep and self._after_preposition(a.start):
                    continue
                return a
        return None

    def subject_in(self, lo: int, hi: int, title_name: bool = True) -> Actor | None:
        """The speaker among the subject words [lo, hi): the actors of the subject phrase and its
        comma appositions, a named person first; an organization or role mention widens to the whole
        subject phrase; a phrase no mention covers followed by a title (فكرت أوزار، سفير تركيا) is that
        titled person; with ``title_name``, a title no mention covers is the person named after its
        modifiers (a verb's subject, not the source after بحسب). «كل من X وY» speaks through X."""
        if hi - lo > 2 and self.toks[lo].norm == "كل" and self.toks[lo + 1].norm == "من":
            first = self.actor_in(lo + 2, hi, skip_prep=False)  # وتقول كل من حركة حماس وحركة الجهاد: the list's first
            if first is not None:
                return first
        np = self.np_speaker(lo, hi, resolve=False)
        if np is None:
            first = self.actor_in(lo, hi)
            if first is None:
                return None
            span_end = first.end
        else:
            inside = [a for a in self.actors if np.start <= a.start < np.end]
            if not inside:
                return self._named_by_apposition(np, hi) or (self._name_after_title(np, hi) if title_name else None)
            first = inside[0]
            span_end = np.end
        group = [first] + [a for a in self.actors if first.start < a.start and a.end <= span_end]
        # appositions: actors that follow, separated by commas only (X، وزير الخارجية، إن)
        last_end = max(span_end, first.end)
        for a in self.actors:
            if a.start < last_end or a.start >= self.toks[hi - 1].end:
                continue
            if self.doc.text[last_end : a.start].strip(" ،,") == "" and not self._after_preposition(a.start):
                group.append(a)
                last_end = a.end
        # a mention inside another is its modifier (المتحدث باسم [الحكومة الأردنية]): the outer one speaks
        group = [a for a in group if not any(b is not a and b.start <= a.start and a.end <= b.end for b in group)]
        if first.kind in ("organization", "igo") and first in group:
            # مكتب رئيس الوزراء الإسرائيلي بنيامين نتنياهو: the name right after a body names the title inside it
            group = [a for a in group if not (a.kind == "person" and not self.doc.text[first.end : a.start].strip())]
        best = max(group, key=lambda a: (_SPEAKER_RANK.get(a.kind, 0), bool(a.name), a.start))
        if best.kind == "agent":  # العقيد الركن صادق الدويد: the title's holder named after it
            named = self._name_after_title(best, hi)
            if named is not None:
                return named
        k = self.token_at(np.start) if np is not None else None
        if best.kind != "person" and k is not None and self.lex.title_head(self.toks[k]):
            # وزير شؤون الاتحاد الأوروبي التركي عمر جليك: the title's holder speaks, not the EU
            named = next((a for a in self.actors if np.start < a.start < np.end and a.kind == "person" and a.name
                          and self._mention_kind(a) != "title" and not self._after_preposition(a.start)), None)
            if named is not None:
                return _holder(named)
            named = self._name_after_title(np, hi)
            if named is not None:
                return named
        if np is not None and not (best.kind == "person" and best.name) and last_end == max(span_end, first.end):
            name = self._apposed_name(np.end, hi)  # القاضي، جيمس بوسبيرغ، من المحكمة
            if name is not None:
                return best.with_mention(name[0], name[1], self.doc.text[name[0] : name[1]], reason="apposed name")
        if (
            best.kind != "person"
            and np is not None
            and np.start <= best.start
            and (
                best.end < np.end
                or best.start > np.start and (best.kind == "country" or self._title_words(np.start, best.start))
            )
        ):  # وزارة الخارجية اليمنية، حاكم اسطنبول، وكيل مشيخة الأزهر: the whole phrase, the place or body its modifier
            return best.with_mention(np.start, np.end, np.text, reason=(best.reason + "; subject phrase").strip("; "))
        if (
            best.kind == "person"
            and np is not None
            and self._mention_kind(best) == "title"
            and np.start == best.start
            and best.end < np.end
        ):  # متحدث باسم جهاز الإطفاء: the title mention stops short of the phrase
            return best.with_mention(np.start, np.end, np.text, reason=(best.reason + "; subject phrase").strip("; "))
        return best

    def _apposed_name(self, end: int, hi: int) -> tuple[int, int] | None:
        """``، NAME،`` right after a title phrase: two to four plain words closed by a comma (one word when
        it is a person's mention)."""
        i = next((t.i for t in self.toks[:hi] if t.start >= end), None)
        if i is None or self.toks[i].text not in "،,":
            return None
        j = i + 1
        while j < hi and not self.toks[j].is_punct and j - i <= 4:
            t = self.toks[j]
            if self.lex.word(t) is not None or self.lex.cue(t) is not None or self.lex.comp(t) is not None:
                return None
            if any(a.start <= t.start < a.end and a.kind != "person" for a in self.actors):
                return None
            j += 1
        if j >= hi or self.toks[j].text not in "،,":
            return None
        one = self.toks[i + 1]  # a one-word name (القاضي، يانتو،) only when the actor layer knows it as a person
        if j - i < 3 and not (j - i == 2 and any(a.kind == "person" and a.start <= one.start < a.end for a in self.actors)):
            return None
        return self.toks[i + 1].start, self.toks[j - 1].end

    def _named_by_apposition(self, np: Actor, hi: int) -> Actor | None:
        """``np`` (a name the actor layer does not know) followed by ``، title``: the titled person."""
        rest = self.doc.text[np.end : self.toks[hi - 1].end]
        if not rest.lstrip().startswith(("،", ",")):
            return None
        after = [a for a in self.actors if np.end < a.start < self.toks[hi - 1].end]
        if not after or self.doc.text[np.end : after[0].start].strip(" ،,"):
            return None
        title = after[0]
        i = self.token_at(np.start)
        if i is not None and self.lex.title_head(self.toks[i]) and title.kind == "person" and title.name \
                and self._mention_kind(title) != "title":  # المفوض السامي لحقوق الإنسان، زيد بن رعد الحسين
            return title.with_mention(title.start, title.end, title.text, reason=f"{np.text}: named after the title")
        return Actor(
            np.start,
            np.end,
            np.text,
            country=title.country,
            sector=title.sector,
            kind="person",
            reason=f"named in apposition to {title.text}",
            confidence=0.5,
        )

    def _name_after_title(self, np: Actor, hi: int) -> Actor | None:
        """``np`` (a title no mention covers) whose modifiers lead to a name: الموظف السابق في إدارة السجلات في
        البيت الأبيض سولومون لارتي. The first mention within MAX_SPEAKER_WORDS words that no preposition
        governs is the speaker when it names a person; a cue, complementizer, stop mark, possessed noun or
        function word (but في، لدى, adverbs: المحامي العام, and الذي يدعى) ends the search."""
        end = self.toks[hi - 1].end
        i = next((t.i for t in self.toks[:hi] if t.start >= np.end), hi)
        limit = min(hi, i + MAX_SPEAKER_WORDS + 4)
        for a in self.actors:
            if a.start < np.end or a.start >= end:
                continue
            while i < limit and self.toks[i].end <= a.start:
                t = self.toks[i]
                if t.is_punct and t.text not in "،," or self.lex.cue(t) is not None or self.lex.comp(t) is not None:
                    return None
                named = self.lex.word(t) == "link" and i + 1 < hi and self.toks[i + 1].norm in _NAMED
                if t.suffix or self.lex.word(t) not in (None, "adverb") and t.norm not in ("في", "لدي") and not named:
                    return None  # خلال لقائه الرئيس: a function word or possessed noun opens a new phrase
                i += 1
            if i >= limit:
                return None
            if self._after_preposition(a.start):
                continue
            if a.kind == "person" and a.name and self._mention_kind(a) != "title":
                return _holder(a)
            if a.kind == "person":
                return None
            # a body or place the title governs (المتحدث باسم قوات التحالف، العقيد تركي المالكي): read on
        return None

    def _definite(self, speaker: Actor) -> Actor:
        """A bare definite head (الوزارة، الشركة) points back to the last phrase it heads (وزارة الحج ...)."""
        i = self.token_at(speaker.start)
        if i is None or speaker.kind in ("person", "country") or speaker.end != self.toks[i].end:
            return speaker
        if "ال" not in self.toks[i].prefixes:
            return speaker
        head = self.toks[i].stem
        for j in range(i - 1, -1, -1):
            t = self.toks[j]
            if t.stem == head and "ال" not in t.prefixes and j + 1 < len(self.toks):
                np = self.np_speaker(j, min(len(self.toks), j + MAX_SPEAKER_WORDS), resolve=False)
                if np is not None and np.end > t.end:
                    return speaker.with_mention(np.start, np.end, np.text, reason="definite head: antecedent phrase")
                return speaker
        return speaker

    def _pronoun_subject(self, k: int, lo: int) -> Actor | None:
        """لكنه قال: the last person (else actor) named before the cue in the sentence."""
        if k <= lo or self.lex.word(self.toks[k - 1]) != "pronoun":
            return None
        offset = self.toks[k - 1].start
        before = [a for a in self.actors if self.toks[lo].start <= a.start and a.end <= offset]
        persons = [a for a in before if a.kind == "person"]
        return (persons or before or [None])[-1]

    def actor_ending_at(self, offset: int) -> Actor | None:
        best = None
        for a in self.actors:
            adjacent = a.end == offset or (a.end < offset and not self.doc.text[a.end : offset].strip(" \u200f\u200e"))
            if adjacent and (best is None or a.start < best.start):
                best = a
        return best

    def _after_preposition(self, offset: int) -> bool:
        i = self.token_at(offset)
        if i is None:
            return False
        tok = self.toks[i]
        if tok.prefixes and tok.prefixes[-1] in ("ب", "ل", "ك") or tok.norm.startswith(("لل", "ولل")):
            return True
        if i > 1 and self.toks[i - 1].text in '"«“':  # على قناة "روسيا 1": the name in marks of a governed noun
            return self.lex.word(self.toks[i - 2]) == "stop" or self._after_preposition(self.toks[i - 2].start)
        return i > 0 and self.lex.word(self.toks[i - 1]) == "stop"

    def token_at(self, offset: int) -> int | None:
        """Index of the token covering ``offset`` (None between tokens)."""
        k = bisect_right(self.starts, offset) - 1
        if k >= 0 and self.toks[k].start <= offset < self.toks[k].end:
            return k
        return None

    def sent_range(self, s: Sentence) -> tuple[int, int]:
        return s.token_start, s.token_end

    def para_end(self, offset: int) -> int:
        j = self.doc.text.find("\n", offset)
        return len(self.doc.text) if j < 0 else j

    def is_outlet(self, actor: Actor) -> bool:
        i = self.token_at(actor.start)
        outlet = outlet_at(self.toks, i, self.ex._alex) if i is not None else None
        if outlet is not None:
            return outlet.kind != "media"
        return actor.sector == "JRN" and actor.kind in ("organization", "agent")  # وسائل إعلام سعودية، الصحافة

    def np_speaker(self, lo: int, hi: int, resolve: bool = True) -> Actor | None:
        """A speaker phrase from the words [lo, hi) no actor mention covers (مصادر ميدانية)."""
        i = lo
        while i < hi and (self.toks[i].is_punct or self.lex.word(self.toks[i]) in ("adverb", "turn")):
            i += 1
        if i < hi and self._after_preposition(self.toks[i].start) and i > lo:
            return None
        if i < hi and self.toks[i].prefixes[:2] in (("ب",), ("ل",), ("ب", "ال"), ("ل", "ال")):
            return None
        j = i
        while j < hi and j - i < MAX_SPEAKER_WORDS:
            t = self.toks[j]
            if t.is_punct or self.lex.word(t) in ("stop", "adverb", "link") or self.lex.comp(t) is not None:
                break
            if self.lex.cue(t) is not None:
                break
            j += 1
        if j <= i:
            return None
        if _adverbial_participle(self.toks[i].norm) and not self._in_mention(self.toks[i]):
            return None  # وأضاف مقدما التعازي: how it was said, not who
        start, end = self.toks[i].start, self.toks[j - 1].end
        if any(a <= start and end <= b for a, b in self._places):
            return None  # a town or region is where it was said
        if resolve and self.ex.resolver is not None:
            resolved = self.ex.resolver.resolve_span(self.doc, start, end)
            if resolved is not None:
                return None if (resolved.start, resolved.end) in self._places and resolved.start == start else resolved
        return Actor(
            start, end, self.doc.text[start:end], kind="unknown", reason="quote subject phrase", confidence=0.3
        )

    # ----------------------------------------------------------- subjects

    def sentence_subject(self, sent: Sentence, before: int | None = None) -> Actor | None:
        lo, hi = self.sent_range(sent)
        lo = self._after_dateline(lo, hi)
        hi = min(hi, lo + SUBJECT_WINDOW)
        if before is not None:
            hi = min(hi, before)
        first = self.actor_in(lo, hi)
        if first is not None and self._mention_kind(first) == "nisba":  # الفيلسوف المغربي سعيد ...
            after = self.token_at(first.start)
            rest = self.actor_in(after + 1, hi) if after is not None else None
            if rest is None and first.kind == "country":
                return None  # «قالت يوليا، ابنة الجاسوس الروسي»: an adjective alone is no one's subject
            return rest or first
        return first

    def _in_mention(self, tok: Token) -> bool:
        """The token lies inside an actor mention (ماريا in ماريا زخاروفا is a name, not a participle)."""
        return any(a.start <= tok.start < a.end for a in self.actors)

    def _mention_kind(self, a: Actor) -> str:
        return self.doc.user_data.get("actor_mentions", {}).get((a.start, a.end), "")

    def _after_dateline(self, lo: int, hi: int) -> int:
        """Skip a dateline (دبي، الإمارات العربية المتحدة (CNN)—) at the start of a sentence."""
        for i in range(lo, min(hi, lo + SUBJECT_WINDOW)):
            if self.toks[i].text in _DASHES or self.toks[i].text == "-" and i + 1 < hi and self.toks[i + 1].text == "-":
                return i + 1
        return lo

    def previous_speaker(self, sent_i: int, offset: int, turn: bool) -> Actor | None:
        same = [c for c in self.cands if c.sent == sent_i and self.toks[c.cue_first].start < offset and c.speaker]
        if same:
            return same[-1].speaker
        sent = self.doc.sentences[sent_i]
        cue_tok = self.token_at(offset)
        own = self._issuer(sent.token_start, cue_tok) if cue_tok is not None else None
        own = own or self.sentence_subject(sent, before=cue_tok)
        if own is not None:  # بدوره شكر X ...، وقال: X
            return own
        last = self.last_speaker(sent_i)
        if turn and sent_i > 0:  # بدوره قال: the other party of the previous sentence
            prev = self.doc.sentences[sent_i - 1]
            others = [a for a in self.actors if prev.start <= a.start < prev.end and not same_actor(a, last)]
            if others:
                return others[-1]
        return last

    def last_speaker(self, sent_i: int) -> Actor | None:
        """The latest speaker or sentence subject before sentence ``sent_i`` (quoted sentences skipped)."""
        lo_sent = max(0, sent_i - LOOKBACK_SENTENCES)
        floor = self.doc.sentences[lo_sent].start if self.doc.sentences else 0
        limit = self.doc.sentences[sent_i].start
        best: tuple[int, Actor] | None = None
        for c in self.cands:
            cue_at = self.toks[c.cue_first].start
            if c.speaker is not None and floor <= cue_at < limit and (best is None or cue_at >= best[0]):
                best = (cue_at, c.speaker)
        quoted = {c.sent for c in self.cands}
        for k, subj in self.subjects.items():
            if k >= sent_i or k in quoted or subj.start < floor or self._inside_content(subj.start):
                continue
            s_start = self.doc.sentences[k].start
            if any(seg.closed and seg.start <= s_start and subj.start < seg.end for seg in self.segments):
                continue  # a sentence inside quotation marks («لا تحاول تهديد الولايات المتحدة») is someone's words
            if self.is_outlet(subj):
                continue
            if best is None or subj.start > best[0]:
                best = (subj.start, subj)
        return best[1] if best else None

    def _inside_content(self, offset: int) -> bool:
        return any(c.start <= offset < c.end and c.mode in ("colon", "quote") for c in self.cands)

    # ------------------------------------------------------------- cues

    def quotes(self) -> list[Quote]:
        for sent in self.doc.sentences:
            lo, hi = self.sent_range(sent)
            for k in range(lo, hi):
                if k in self.consumed:
                    continue
                tok = self.toks[k]
                cue = self.lex.cue(tok)
                if cue is None or self.in_long_segment(tok.start):
                    continue
                if cue.kind in ("verb", "participle", "noun", "prep", "event", "belief") and self._new_clause(k, lo):
                    self.cut_points.append((tok.start, sent.i))
                if cue.kind in ("verb", "participle", "noun"):
                    self._from_verb(k, cue, sent)
                elif cue.kind == "prep":
                    self._from_prep(k, sent)
            if sent.i not in self.subjects:
                subj = self.sentence_subject(sent)
                if subj is not None:
                    self.subjects[sent.i] = subj
        self._uncued()
        return self._finish()

    def _new_clause(self, k: int, lo: int) -> bool:
        tok = self.toks[k]
        if k == lo or tok.norm[:1] in "وف" and self.lex.cue(tok) is not None and tok.norm not in self.lex.cues:
            return True
        prev = self.toks[k - 1]
        return prev.is_punct and prev.text not in QUOTE_MARKS

    def _region(self, k: int, lo: int, hi: int, cue: Cue) -> tuple[int, str | None, int | None, int]:
        """Scan after the cue: (cue_last, intro kind, intro token, source token)."""
        cue_last = k
        j = k + 1
        if j < hi:
            nxt = self.lex.cue(self.toks[j])
            if (nxt is not None and nxt.kind == "participle" and nxt.lemma == "قال") or strip_article(
                self.toks[j].norm
            ) in ("قول", "بالقول"):
                cue_last = j
                j += 1
        source = -1
        words = 0
        while j < hi and words <= MAX_REGION:
            words += not self.toks[j].is_punct
            t = self.toks[j]
            comps = cue.complements
            if t.text in _COLONS and comps & {"colon", "quote"}:
                return cue_last, "colon", j, source
            seg = self.seg_by_open.get(t.start)
            if (
                seg is not None
                and comps & {"colon", "quote"}
                and self.seg_words(seg) >= MIN_QUOTED_WORDS
                and not self._comp_after(seg)
                and not self._quote_follows(seg)
            ):
                return cue_last, "quote", j, source
            comp = self.lex.comp(t)
            if comp == "an" and comps & {"an", "prep"}:
                return cue_last, "an", j, source
            if comp == "prep" and j + 1 < hi and comps & {"prep", "an"}:
                if self.lex.comp(self.toks[j + 1]) == "an":
                    return cue_last, "an", j, source
                if "prepnoun" in comps and j == cue_last + 1 and not self.toks[j + 1].is_punct:
                    return cue_last, "an", j, source
            if comp == "3an":
                if "source" in cue.complements and source < 0:
                    source = j
                elif "3an" in cue.complements:
                    return cue_last, "3an", j, source
            if "source" in cue.complements and source < 0 and "لسان" in token_keys(t.norm):
                source = j
            other = self.lex.cue(t)
            if other is not None:
                if other.kind == "noun" and source >= 0:
                    self.consumed.add(j)
                elif other.kind in ("verb", "event", "participle", "prep", "belief"):
                    break
            j += 1
        return cue_last, None, None, source

    def _quote_follows(self, seg: Segment) -> bool:
        """A quoted name followed by the quotation itself: أطلق عليها "وحدة الطائرات"، "علمنا أن..."."""
        rest = self.doc.text[seg.end + 1 : seg.end + 6].lstrip(" ،,")
        return bool(rest) and rest[0] in OPENERS and self.doc.text.find(rest[0], seg.end + 1) in self.seg_by_open

    def _comp_after(self, seg: Segment) -> bool:
        """A quoted name followed by the complementizer: قالت "الخوذ البيضاء" إن."""
        after = [t for t in self.toks if t.start >= seg.end + 1][:1]
        return bool(after) and self.lex.comp(after[0]) == "an"

    def _svo(self, k: int, lo: int, comma: bool = False) -> Actor | None:
        """An actor standing right before the cue (الوزير قال، ترامب والذي أكد; with ``comma``: X، أعلن)."""
        i = k - 1
        while i >= lo and (self.lex.word(self.toks[i]) == "link" or (comma and self.toks[i].text in "،,")):
            i -= 1
        if i < lo or self.toks[i].is_punct and self.toks[i].text not in QUOTE_MARKS:
            return None
        a = self.actor_ending_at(self.toks[i].end)
        if a is None or a.end != self.toks[i].end or self._after_preposition(a.start):
            return None
        return a

    def _from_verb(self, k: int, cue: Cue, sent: Sentence) -> None:
        lo, hi = self.sent_range(sent)
        cue_last, intro, at, source = self._region(k, lo, hi, cue)
        tok = self.toks[k]
        turn = _has_turn(self.lex, self.toks[lo:k])
        region_lo = cue_last + 1
        if intro is None:
            if "obj" not in cue.complements:
                self._inverted(k, cue_last, sent)
                return
            speaker, subj_end = self._subject(k, lo, region_lo, hi, cue, sent, obj=True, turn=turn)
            content_tok = subj_end
            apposed = next((a for a in self.actors if content_tok < hi and a.start == self.toks[content_tok].start), None)
            if speaker is not None and apposed is not None and same_actor(apposed, speaker):
                while content_tok < hi and self.toks[content_tok].start < apposed.end:
                    content_tok += 1  # وصف رئيس الأركان هرتسي هاليفي الغارة: the name after the title is the subject too
            while content_tok < hi and self.toks[content_tok].is_punct:
                content_tok += 1
            if hi - content_tok < 2 or self.lex.cue(self.toks[content_tok]) is not None:
                return
            if speaker is not None and speaker.kind == "country":
                return  # أعلنت تركيا عزل ...: a state's announced act is an event, not a statement
            self._add(
                k, cue_last, speaker, self.toks[content_tok].start, self.doc.sentences[sent.i].end, False, "obj", sent
            )
            return
        assert at is not None
        if "stmt" in cue.complements and not any(self.lex.word(t) == "statement" for t in self.toks[k:at]):
            return
        if source >= 0:
            region_lo = source + 1
            if self.toks[source].norm.endswith("ي") or "لسان" in token_keys(self.toks[source].norm):
                region_lo = source + 1
            speaker = self.actor_in(region_lo, at, skip_prep=False) or self.np_speaker(region_lo, at)
            if speaker is None:
                return
        else:
            speaker, _ = self._subject(k, lo, region_lo, at, cue, sent, obj=False, turn=turn)
            if speaker is not None and self.is_outlet(speaker):
                return  # an outlet cited for a report: an attribution, not a quote
        for j in range(k, at):
            self.consumed.add(j)
        start, end, direct = self._content(intro, at, sent)
        if end <= start:
            return
        self._add(k, cue_last, speaker, start, end, direct, intro, sent)
        del tok

    def _subject(
        self, k: int, lo: int, region_lo: int, region_hi: int, cue: Cue, sent: Sentence, obj: bool, turn: bool
    ) -> tuple[Actor | None, int]:
        """(speaker, first token after the subject) for a verb cue."""
        if cue.kind != "participle":
            svo = self._svo(k, lo)
            if svo is not None:
                return svo, region_lo
            if obj:
                # the subject must follow the verb at once (a day name or comma may intervene)
                i = region_lo
                while i < region_hi and (self.toks[i].is_punct or self.lex.word(self.toks[i]) == "adverb"):
                    i += 1
                a = self.actor_in(i, min(region_hi, i + 1))
                if a is not None and _disagrees(self.toks[k].norm, a.text):
                    a = None  # ووصفت المحتجين: a feminine verb, a masculine plural object
                if a is not None:
                    end_tok = i
                    while end_tok < region_hi and self.toks[end_tok].start < a.end:
                        end_tok += 1
                    return a, end_tok
                return self.previous_speaker(sent.i, self.toks[k].start, turn), region_lo
            pron = self._pronoun_subject(k, lo) if region_lo == region_hi else None
            if pron is not None:
                return pron, region_hi
            first_word = next((t for t in self.toks[region_lo:region_hi] if not t.is_punct), None)
            if first_word is not None and (
                self.lex.word(first_word) == "circumstantial"
                or _adverbial_participle(first_word.norm) and not self._in_mention(first_word)
            ):  # وأضاف وهو يقف، وأضاف مقدما التعازي: the subject is the one before (not قالت ماريا زخاروفا)
                return self.previous_speaker(sent.i, self.toks[k].start, turn), region_hi
            if first_word is not None and self.lex.word(first_word) == "statement":  # وقال البيان، وأضاف البيان
                issuer = self._issuer(region_lo, region_hi)
                return issuer or self.previous_speaker(sent.i, self.toks[k].start, turn), region_hi
            a = self.subject_in(region_lo, region_hi)
            if a is not None:
                return self._definite(a), region_hi
            np = self.np_speaker(region_lo, region_hi)
            if np is not None:
                if self.lex.word(self.toks[self.token_at(np.start) or region_lo]) == "statement":
                    return self.previous_speaker(sent.i, self.toks[k].start, turn), region_hi  # وقال البيان
                return self._definite(np), region_hi
            issuer = self._issuer(region_lo, region_hi)
            if issuer is not None:
                return issuer, region_hi
            if self.toks[k].norm[:1] not in "وف" or self.toks[k].norm in self.lex.cues:
                # a fronted subject (ناصر بوريطة، أعلن); not before "، وأضاف": a new clause
                before = self._svo(k, lo, comma=True) or self._np_before(k, lo)
                if before is not None:
                    return before, region_hi
        return self.previous_speaker(sent.i, self.toks[k].start, turn), region_hi

    def _issuer(self, lo: int, hi: int) -> Actor | None:
        """The issuer of a statement named in the subject words: في بيان صادر عن X, بيان الجيش المصري, تغريدة
        للجبير."""
        for i in range(lo, hi - 1):
            if self.lex.word(self.toks[i]) != "statement":
                continue
            if self.lex.comp(self.toks[i + 1]) == "3an":
                return self.actor_in(i + 2, hi, skip_prep=False) or self.np_speaker(i + 2, hi)
            nxt = self.toks[i + 1]
            after_fi = (i > 0 and self.toks[i - 1].norm == "في") or "ب" in self.toks[i].prefixes
            if not after_fi and (not nxt.prefixes or nxt.prefixes == ("ال",)):  # بيان الجيش المصري
                # (not في بيان X: «حمّل حزب الله في بيان العدو» — X is the verb's object; not a nisba: بيان فلسطيني)
                a = next((a for a in self.actors if a.start == nxt.start), None)
                if a is not None and not self.is_outlet(a) and self._mention_kind(a) not in ("nisba", "loaded"):
                    return a
            if nxt.norm.startswith("ل"):  # تغريدة للجبير، بيان لوزارة، تقرير للأمم المتحدة
                a = self.actor_in(i + 1, i + 2, skip_prep=False)
                if a is None and not after_fi and not nxt.is_punct and self.lex.word(nxt) is None \
                        and not nxt.norm.startswith("لل" + "ا"):  # (في كلمة لقدامى المحاربين: its audience)
                    a = Actor(nxt.start, nxt.end, nxt.text, kind="unknown", reason="statement issuer", confidence=0.3)
                if a is not None and not self.is_outlet(a):
                    return a
        return None

    def _np_before(self, k: int, lo: int) -> Actor | None:
        """A fronted subject no mention covers, between a boundary and the cue (كما أن رئيس البرلمان علق), when
        the resolver makes an actor of it; unresolved words are no speaker (the previous speaker is taken)."""
        i = k - 1
        if i >= lo and self.toks[i].text in "،,":
            i -= 1
        first = i + 1
        while i >= lo and first - i <= MAX_SPEAKER_WORDS:
            t = self.toks[i]
            if t.is_punct and t.text not in QUOTE_MARKS:
                break
            if self.lex.comp(t) == "an" or self.lex.word(t) == "pronoun":
                break
            if self.lex.cue(t) is not None or self.lex.word(t) in ("stop", "link", "statement"):
                return None
            i -= 1
        else:
            if i >= lo:
                return None
        first = i + 1
        last = k - 1
        while last >= first and (self.toks[last].is_punct or self.lex.word(self.toks[last]) in ("adverb", "turn")):
            last -= 1
        words = [t for t in self.toks[first : last + 1] if not t.is_punct]
        if not words or all(self.lex.word(t) in ("adverb", "turn") for t in words):
            return None
        if self.ex.resolver is None:
            return None
        return self.ex.resolver.resolve_span(self.doc, self.toks[first].start, self.toks[last].end)

    def _content(self, intro: str, at: int, sent: Sentence) -> tuple[int, int, bool]:
        tok = self.toks[at]
        if intro == "quote":
            seg = self.seg_by_open[tok.start]
            return seg.start, seg.end, True
        if intro == "colon":
            nxt = at + 1
            if nxt < len(self.toks):
                seg = self.seg_by_open.get(self.toks[nxt].start)
                if seg is not None:
                    return seg.start, seg.end, True
                return self.toks[nxt].start, self.para_end(tok.start), True
            return tok.end, tok.end, True
        direct = False
        nxt = at + 1
        if nxt < sent.token_end:
            seg = self.seg_by_open.get(self.toks[nxt].start)
            direct = seg is not None and self.seg_words(seg) >= MIN_QUOTED_WORDS and seg.end >= sent.end - 3
        return tok.start, sent.end, direct

    def _inverted(self, k: int, cue_last: int, sent: Sentence) -> None:
        """«...»، قال الوزير: the quotation stands before its cue."""
        lo, hi = self.sent_range(sent)
        i = k - 1
        while i >= 0 and self.toks[i].text in "،,":
            i -= 1
        if i < 0 or self.toks[i].text not in CLOSERS:
            return
        seg = next((s for s in self.segments if s.end == self.toks[i].start), None)
        if seg is None or self.seg_words(seg) < MIN_QUOTED_WORDS:
            return
        speaker = self.actor_in(cue_last + 1, hi) or self.np_speaker(cue_last + 1, hi)
        if speaker is None or self.is_outlet(speaker):
            return
        self._add(k, cue_last, speaker, seg.start, seg.end, True, "quote", sent)

    def _from_prep(self, k: int, sent: Sentence) -> None:
        """بحسب/وفق/حسب (ما أفاد) X: X said the clause before (or after, at a sentence start)."""
        lo, hi = self.sent_range(sent)
        j = k + 1
        cue_last = k
        if j < hi and strip_article(self.toks[j].norm) in ("ما", "لما"):
            j += 1
            alex = self.ex._alex
            if j < hi and (self.lex.cue(self.toks[j]) is not None or (alex is not None and alex.is_cue(self.toks[j]))):
                cue_last = j
                j += 1
        if j < hi and (self.toks[j].text in "،," or self.lex.word(self.toks[j]) == "stop"):
            return
        pronoun = j < hi and self.lex.cue(self.toks[j]) is not None and self.lex.cue(self.toks[j]).kind == "noun"
        if j < hi and self.lex.cue(self.toks[j]) is not None and self.lex.cue(self.toks[j]).kind == "tag":
            return
        if j > lo and k > lo and strip_article(self.toks[k - 1].norm) == "حد":
            return
        np_hi = j
        while (
            np_hi < hi
            and np_hi - j < MAX_REGION
            and not (self.toks[np_hi].is_punct and self.toks[np_hi].text not in '()"«»“”')
        ):
            if self.lex.comp(self.toks[np_hi]) == "an" or self.toks[np_hi].text in "()":
                break
            np_hi += 1
        if pronoun:
            cue_last = j
            speaker = self.previous_speaker(sent.i, self.toks[k].start, False)
            np_hi = j + 1
        else:
            if j >= hi:
                return
            outlet = outlet_at(self.toks, j, self.ex._alex)
            if outlet is not None and outlet.kind != "media":
                return
            speaker = self._issuer(j, np_hi) or self.subject_in(j, np_hi, title_name=False) or self.np_speaker(j, np_hi)
            if speaker is None or self.is_outlet(speaker):
                return
            if speaker.kind == "unknown" and cue_last == k:
                return  # وفق عائداته، حسب الخطة: a phrase the resolver does not know is a source only after a speech verb
        at_start = all(t.is_punct for t in self.toks[lo:k])
        if at_start:
            c = np_hi
            while c < hi and self.toks[c].is_punct:
                c += 1
            if c >= hi:
                return
            start, end = self.toks[c].start, sent.end
        else:
            start, end = self.toks[lo].start, self.toks[k].start
            prior = [c for c in self.cands if c.sent == sent.i]
            if prior:
                return  # the clause before already is a quote (قال X إن ...، بحسب تعبيره)
        for i in range(k, np_hi):
            self.consumed.add(i)
        self._add(k, cue_last, speaker, start, end, False, "prep", sent)

    def _uncued(self) -> None:
        """A long quotation with no speech cue, in a sentence opened by its speaker (X أطلع Y "...")."""
        for seg in self.segments:
            if self.seg_words(seg) < MIN_UNCUED_WORDS:
                continue
            if any(c.start <= seg.start < c.end or seg.start <= c.start < seg.end for c in self.cands):
                continue
            sent = self.doc.sentence_of(seg.open)
            if sent is None:
                continue
            lo, hi = self.sent_range(sent)
            first = next((i for i in range(lo, hi) if not self.toks[i].is_punct), None)
            if first is None:
                continue
            a = self.actor_in(first, first + 1, skip_prep=False)
            if a is None:
                continue
            verb = first
            while verb < hi and self.toks[verb].start < a.end:
                verb += 1
            inner = [t for t in self.toks if seg.start <= t.start < seg.end and not t.is_punct]
            if verb >= hi or self.toks[verb].start >= seg.open or self.toks[verb].is_punct:
                continue
            if self.lex.cue(self.toks[verb]) is not None or (inner and self.lex.cue(inner[0]) is not None):
                continue
            self._add(verb, verb, a, seg.start, seg.end, True, "uncued", sent)

    def _add(
        self,
        k: int,
        cue_last: int,
        speaker: Actor | None,
        start: int,
        end: int,
        direct: bool,
        mode: str,
        sent: Sentence,
    ) -> None:
        self.cands.append(_Candidate(k, cue_last, speaker, start, end, direct, mode, sent.i))

    # ------------------------------------------------------------ finishing

    def _finish(self) -> list[Quote]:
        text = self.doc.text
        out: list[Quote] = []
        cands = sorted(self.cands, key=lambda c: self.toks[c.cue_first].start)
        for c in cands:
            if c.speaker is None and self.ex.resolver is not None:
                continue  # who said what: with the actor layer, content whose speaker no rule finds is not emitted
            start, end = c.start, c.end
            if c.mode in ("an", "3an", "obj", "colon"):
                for off, s_i in self.cut_points:
                    if not start < off < end:
                        continue
                    if c.mode == "colon" and not self._sentence_initial(off):
                        continue
                    if c.mode != "colon" and s_i != c.sent:
                        continue
                    end = off
                    break
            start, end = _trim(text, start, end)
            lo, hi = bisect_left(self.starts, start), bisect_left(self.starts, end)
            if sum(1 for t in self.toks[lo:hi] if not t.is_punct and self.lex.comp(t) is None) < 1:
                continue  # nothing said beyond "إن"
            if any(q.start <= start < q.end and c.mode in ("prep", "uncued") for q in out):
                continue
            cue_start, cue_end = self.toks[c.cue_first].start, self.toks[c.cue_last].end
            out.append(
                Quote(
                    self._canonical(self._widened(self._title_antecedent(c.speaker))),
                    Span(cue_start, cue_end, text[cue_start:cue_end]),
                    start,
                    end,
                    text[start:end],
                    c.direct,
                )
            )
        return out

    def _widened(self, speaker: Actor | None) -> Actor | None:
        """A title or unnamed source with its ``في`` modifier (مسؤول في وزارة الخارجية التركية، مصادر في
        المقاومة): the phrase, not the bare noun, is what tells who spoke. The modifier runs to the first
        punctuation, cue, complementizer, function word or possessed noun, at most MAX_SPEAKER_WORDS words; a
        person named in it is the title's holder and the speaker."""
        if speaker is None or speaker.kind not in ("agent", "unknown"):
            return speaker
        i = bisect_left(self.starts, speaker.end)
        if i < len(self.toks) and self.toks[i].start - speaker.end > 1:
            return speaker
        for _ in range(2):  # its adjectives first (مسؤول سابق في البيت الأبيض)
            t = self.toks[i]
            if i + 1 >= len(self.toks) or t.norm == "في" or not self._plain(t) or not _adjective(t.stem):
                break
            i += 1
        if i >= len(self.toks) or self.toks[i].norm != "في":
            return speaker
        j = i + 1
        while j < len(self.toks) and j - i <= MAX_SPEAKER_WORDS:
            t = self.toks[j]
            if not self._plain(t, lex=False):
                break
            holder = next((a for a in self.actors if a.start == t.start and a.kind == "person" and a.name), None)
            if holder is not None:  # the title's holder named after it (… في مقر شرطة قندهار قاسم أفغان)
                return holder.with_mention(holder.start, holder.end, holder.text, reason=f"{speaker.text}: named after the title")
            if self.lex.word(t) is not None and not (t.norm == "في" and j > i + 1):
                break
            j += 1
        while j > i + 1 and self.toks[j - 1].norm == "في":
            j -= 1
        if j == i + 1:
            return speaker
        end = self.toks[j - 1].end
        return speaker.with_mention(speaker.start, end, self.doc.text[speaker.start : end])

    def _title_words(self, start: int, end: int) -> bool:
        """Whether the words in [start, end) are a title before a body's name (وكيل مشيخة الأزهر، متحدث باسم):
        one to three plain words, the first a title head (title_heads.tsv)."""
        words = [t for t in self.toks if start <= t.start < end]
        return 0 < len(words) <= 3 and self.lex.title_head(words[0]) and all(self._plain(t) for t in words)

    def _plain(self, t: Token, lex: bool = True) -> bool:
        """A content word that may continue a noun phrase: no punctuation, cue, complementizer, possessive
        suffix or (with ``lex``) speaker function word."""
        if t.is_punct or t.suffix or self.lex.cue(t) is not None or self.lex.comp(t) is not None:
            return False
        return not (lex and self.lex.word(t) is not None)

    def _title_antecedent(self, speaker: Actor | None) -> Actor | None:
        """A definite title with no name (وتابعت المتحدثة، وقال المحامي) is the person named earlier
        with that title (المتحدثة باسم المفوضية كارولين غلوك; المحامي مايكل والدز)."""
        if speaker is None or speaker.kind not in ("agent", "unknown", "person") or (
            speaker.kind == "person" and speaker.name
        ):
            return speaker
        i = self.token_at(speaker.start)
        last = bisect_left(self.starts, speaker.end)
        if i is None or last - i > TITLE_WORDS or self.lex.words.get(self.toks[i].norm) is not None:
            return speaker
        words = [t for t in self.toks[i:last] if not t.is_punct]
        titled = self._mention_kind(speaker) == "title" or self.lex.title_head(words[0])
        if not titled:
            return speaker  # الشرطة، المرصد، الحكومة: a body speaks for itself, not a person named near it
        # مسؤول في الوزارة: a new referent; a title in construct (وزير الدولة الإماراتي) is definite
        if "ال" not in words[0].prefixes and not (len(words) > 1 and "ال" in words[1].prefixes):
            return speaker
        # the title's head and the nouns it governs (رئيس اللجنة); nisba adjectives (الأممي) may differ
        need = {_title_stem(words[0].stem)} | {
            _title_stem(t.stem) for t in words[1:] if not t.stem.endswith(("ي", "يه", "ية"))
        }
        if any(len(w) < 3 for w in need):
            return speaker
        for a in reversed(self.actors):
            if a.end > speaker.start or a.kind != "person" or not a.name:
                continue
            lo = bisect_left(self.starts, a.start)
            hi = bisect_left(self.starts, a.end)
            # the title's words near that name and in its sentence (not a later sentence's: وقال ترامب ... وأكد الوزير)
            window = self.toks[max(0, lo - TITLE_WINDOW) : min(len(self.toks), hi + TITLE_WINDOW)]
            sent = self.toks[lo].sent
            if need <= {_title_stem(t.stem) for t in window if not t.is_punct and t.sent == sent}:
                return a.with_mention(a.start, a.end, a.text, reason=f"{speaker.text}: title named before")
        return speaker

    def _canonical(self, speaker: Actor | None) -> Actor | None:
        """The speaker pointed at the most specific mention of its entity, when the resolver can tell."""
        if speaker is None or speaker.kind in ("", "unknown") or not speaker.name:
            return speaker
        if not any((a.start, a.end) == (speaker.start, speaker.end) for a in self.actors):
            return speaker  # a subject phrase or apposed name: already the most telling text
        canonical = getattr(self.ex.resolver, "canonical", None)
        if canonical is not None:
            return canonical(self.doc, speaker)
        return self._most_specific(speaker)

    def _most_specific(self, speaker: Actor) -> Actor:
        """Without the resolver at hand: the best mention of the same entity (a name beats a title)."""
        ranks = self.doc.user_data.get("actor_mentions", {})

        def same(a: Actor) -> bool:
            if speaker.actor_id:
                return a.actor_id == speaker.actor_id and a.kind == speaker.kind
            return a.kind == speaker.kind == "person" and a.name == speaker.name

        pool = [a for a in self.actors if same(a)]
        if not pool:
            return speaker
        best = max(pool, key=lambda a: (_MENTION_RANK.get(ranks.get((a.start, a.end), ""), 0), a.end - a.start))
        return speaker.with_mention(best.start, best.end, best.text)

    def _sentence_initial(self, offset: int) -> bool:
        sent = self.doc.sentence_of(offset)
        if sent is None:
            return False
        lead = [t for t in self.doc.sentence_tokens(sent) if t.start < offset and not t.is_punct]
        return len(lead) <= 1


_ADJECTIVES = ("سابق", "سابقون", "سابقين", "اخر", "اخرون", "اخرين", "كبير", "كبار", "رفيع", "بارز", "مطلع")


def _holder(a: Actor) -> Actor:
    """The person named after a title, as the speaker (its reason says so)."""
    return a.with_mention(a.start, a.end, a.text, reason=(a.reason + "; named after the title").strip("; "))


def _adjective(stem: str) -> bool:
    """A nisba (أمني، دبلوماسية) or one of the few adjectives of unnamed sources (سابق، آخر، رفيع), folded."""
    return stem.endswith(("ي", "يه", "يون", "يين", "يان")) or stem in _ADJECTIVES


def _title_stem(stem: str) -> str:
    """A title noun without its feminine ending (متحدثة -> متحدث)."""
    return stem[:-1] if stem.endswith(("ه", "ة")) else stem


def _disagrees(verb: str, subject: str) -> bool:
    """A feminine singular past verb (وصفت) cannot have a masculine plural subject (المحتجين)."""
    last = fold_text(subject).split()[-1] if subject.split() else ""
    return verb.endswith("ت") and last.endswith(("ين", "ون"))


def _adverbial_participle(norm: str) -> bool:
    """مستنكرا، متسائلا: an indefinite accusative participle describing how something was said."""
    return len(norm) >= 5 and norm.startswith("م") and norm.endswith("ا") and not norm.endswith("اا")


_TRIM = " \t\r\n،,.:;؛-–—" + "".join(QUOTE_MARKS)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in " \t\r\n،,.:;؛-–—":
        end -= 1
    return start, end
