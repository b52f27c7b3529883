"""Finding the actor and recipient of a trigger in Arabic word order.

Works over actor mentions (``doc.actors``, filled by the actor resolver) and tokens:
VSO subjects right after a verb, SVO subjects before it, recipients introduced by the
trigger's preposition (``مع``، ``على``، ``إلى``، ``بـ``) or as a direct object, agents of
passives after ``على يد`` / ``من قبل``, and coordinated sides (``هنية، والنخالة``) split.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ahdath.events.lexicon import TriggerMatch, read_rows
from ahdath.language.tokenize import FUTURE
from ahdath.model import Actor, Document, Sentence, Token

# Separate prepositions (folded). Clitic prepositions ب ل ك show up in Token.prefixes.
PREPOSITIONS = frozenset({"مع", "علي", "الي", "عن", "من", "ضد", "في", "لدي", "بين", "نحو", "تجاه", "حول", "عبر", "بحق"})
CLITIC_PREPS = frozenset({"ب", "ل", "ك"})
AGENT_MARKERS = (("علي", "يد"), ("من", "قبل"), ("بيد",))
CONJ_TOKENS = frozenset({"،", ",", "و"})
# "and other(s)" before a nisba: طائرات حربية بريطانية وأخرى فرنسية (the French ones are another member)
AND_OTHER = frozenset({"واخري", "واخر", "واخرون", "واخرين"})
# Particles that may stand right before a subject (بأن X أجرى، إن X قال).
PARTICLES = frozenset({"ان", "بان", "لان", "كان", "وان", "فان", "انه", "بانه", "اذ", "حيث", "بينما", "فيما", "لكن", "كما", "قد", "لقد", "ثم", "حين", "عندما", "بعدما", "كذلك", "ايضا"})
COMMAS = frozenset({"،", ","})
# Words that open a circumstantial aside between commas: "طالب الوزير، في اتصال مع X، بـ..."
ASIDE_OPENERS = frozenset({"في", "خلال", "عقب", "اثناء", "لدي", "علي", "بعد", "قبل", "اثر", "وفي", "وخلال"})
SUBJECT_WINDOW = 4  # tokens after a verb where a VSO subject may start
LEFT_WINDOW = 12  # tokens before a trigger where an SVO subject may end
RIGHT_WINDOW = 14  # tokens after a trigger where a recipient may start
CLAUSE_WORDS = Path(__file__).parent / "data" / "clause_words.tsv"


@dataclass(slots=True)
class Mention:
    actor: Actor
    start_tok: int
    end_tok: int  # exclusive


class MentionIndex:
    """Actor mentions of a document, addressable by token position."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        starts = [t.start for t in doc.tokens]
        self.mentions: list[Mention] = []
        for a in sorted(doc.actors, key=lambda a: (a.start, -a.end)):
            s = max(bisect_right(starts, a.start) - 1, 0)  # the token holding the mention's start
            e = bisect_left(starts, a.end)
            if e <= s:
                e = s + 1
            self.mentions.append(Mention(a, s, e))
        # Keep the longest mention at each start; drop mentions nested inside another.
        kept: list[Mention] = []
        for m in self.mentions:
            if kept and m.start_tok < kept[-1].end_tok:
                continue
            kept.append(m)
        self.mentions = kept
        self._by_start = {m.start_tok: m for m in kept}
        # Clause marks by token (see ``clause_marks``); filled by the coder once it has the triggers.
        self.marks: dict[int, str] = {}

    def starting_at(self, tok: int) -> Mention | None:
        return self._by_start.get(tok)

    def in_range(self, start_tok: int, end_tok: int) -> list[Mention]:
        return [m for m in self.mentions if start_tok <= m.start_tok and m.end_tok <= end_tok]


def is_preposition(tok: Token) -> bool:
    return tok.norm in PREPOSITIONS


def introduced_by(doc: Document, m: Mention, sent: Sentence) -> str | None:
    """The preposition introducing mention ``m`` (separate word or clitic on its first token)."""
    first = doc.tokens[m.start_tok]
    clitics = [p for p in first.prefixes if p in CLITIC_PREPS]
    if clitics:
        return clitics[0]
    if m.start_tok - 1 >= sent.token_start:
        prev = doc.tokens[m.start_tok - 1]
        if is_preposition(prev):
            return prev.norm
    return None


def is_agent_marked(doc: Document, m: Mention, sent: Sentence) -> bool:
    """``على يد X`` / ``من قبل X``: X is the agent of a passive or nominal event."""
    for marker in AGENT_MARKERS:
        n = len(marker)
        if m.start_tok - n < sent.token_start:
            continue
        if tuple(t.norm for t in doc.tokens[m.start_tok - n : m.start_tok]) == marker:
            return True
    first = doc.tokens[m.start_tok]
    return first.norm.startswith("بيد")


def after_wa(doc: Document, m: Mention) -> bool:
    """The mention's first word carries the conjunction و: segmented off (وتركيا) or, for a name the segmenter
    keeps whole (وسلوفاكيا), left outside the actor's own span."""
    tok = doc.tokens[m.start_tok]
    return tok.prefixes[:1] == ("و",) or (tok.text[:1] == "و" and m.actor.start > tok.start)


def first_object(
    doc: Document, index: MentionIndex, start_tok: int, stop_tok: int, hit: Callable[[int], bool], passable: Callable[[Token], bool]
) -> int | None:
    """The first token in ``[start_tok, stop_tok)`` that ``hit`` accepts, when only mentions, punctuation and
    ``passable`` words stand before it: a cue's object after the names of its subject (أدانت مصر وتركيا الهجوم،
    وتنفي قطر تلك الاتهامات، ورحب السيسي بالاتفاق). None when another word comes first."""
    inside = {t for x in index.in_range(start_tok, stop_tok) for t in range(x.start_tok, x.end_tok)}
    for t in range(start_tok, stop_tok):
        if hit(t):
            return t
        tok = doc.tokens[t]
        if not (t in inside or tok.is_punct or passable(tok)):
            return None
    return None


def coordinated(doc: Document, index: MentionIndex, m: Mention, sent: Sentence) -> list[Mention]:
    """Mentions joined to ``m`` by و (``مع هنية، والنخالة``; ``إيران وتركيا``); a comma alone does not join.
    One member each: a name in apposition to its title (``الأمين العام للأمم المتحدة أنطونيو غوتيريس``) is
    part of the title's member, and the list goes on after the name."""
    return distinct_members(list_mentions(doc, index, m, sent))


def distinct_members(chain: list[Mention]) -> list[Mention]:
    """A ``list_mentions`` chain less the mentions of an entity already in it: one mention per member."""
    out = [chain[0]]
    for x in chain[1:]:
        if not any(same_entity(x.actor, y.actor) for y in out):
            out.append(x)
    return out


def apposed(doc: Document, index: MentionIndex, m: Mention, sent: Sentence) -> Mention | None:
    """The mention right after ``m`` (or after a comma) that is the same entity: a name after its title."""
    tok = m.end_tok
    if tok < sent.token_end and doc.tokens[tok].norm in COMMAS:
        tok += 1
    nxt = index.starting_at(tok)
    if nxt is None or nxt.end_tok > sent.token_end or after_wa(doc, nxt):
        return None
    return nxt if same_entity(m.actor, nxt.actor) else None


def list_mentions(doc: Document, index: MentionIndex, m: Mention, sent: Sentence) -> list[Mention]:
    """``m`` and every mention that follows it in its و-list, names in apposition included (الرئيس الفرنسي
    إيمانويل ماكرون والمستشارة الألمانية أنغيلا ميركل: four mentions, two members; ``coordinated`` keeps one each)."""
    out = [m]
    cur = m
    while True:
        app = apposed(doc, index, cur, sent)
        if app is not None:
            out.append(app)
            cur = app
            continue
        tok = cur.end_tok
        while tok < sent.token_end and (doc.tokens[tok].norm in CONJ_TOKENS or doc.tokens[tok].norm in AND_OTHER):
            tok += 1
        nxt = index.starting_at(tok)
        between = {t.norm for t in doc.tokens[cur.end_tok : tok]}
        if nxt is None or nxt.end_tok > sent.token_end or not ("و" in between or between & AND_OTHER or after_wa(doc, nxt)):
            return out
        out.append(nxt)
        cur = nxt


EACH_OF = ("كل", "من")  # كل من X وY: "each of X and Y", a subject list after its verb
BETWEEN = "بين"  # بين X وY: two sides of one act, not one list of fellows


def list_head(doc: Document, index: MentionIndex, m: Mention, sent: Sentence, subject: bool = True) -> Mention:
    """The first mention of the و-list that ``m`` closes or sits inside (ندد كل من العراق وقطر وسلطنة عمان: for
    قطر, العراق), when that first one can be a subject (no preposition, or after كل من), or whatever it is
    when not ``subject`` (a recipient: سفيريها لدى مالي والنيجر); else ``m``."""
    for x in index.in_range(sent.token_start, m.start_tok):
        if not any(y is m for y in list_mentions(doc, index, x, sent)[1:]):
            continue
        if not subject:  # بين X وY pairs two sides: Y is not X's fellow
            return m if introduced_by(doc, x, sent) == BETWEEN else x
        before = tuple(t.norm for t in doc.tokens[max(sent.token_start, x.start_tok - 2) : x.start_tok])
        if introduced_by(doc, x, sent) is None or before == EACH_OF:
            return x
    return m


def is_genitive(doc: Document, m: Mention, sent: Sentence) -> bool:
    """The mention follows a noun (``لجرائم الكيان``, ``بالشعب الفلسطيني``): a genitive, not a subject."""
    if m.start_tok <= sent.token_start:
        return False
    prev = doc.tokens[m.start_tok - 1]
    if prev.is_punct or prev.norm in PARTICLES or prev.norm.removeprefix("و") in PARTICLES:
        return False
    return "ال" in prev.prefixes or any(p in CLITIC_PREPS for p in prev.prefixes)


def is_construct(doc: Document, m: Mention, sent: Sentence) -> bool:
    """The mention follows a bare word, with no article or clitic (واعتبر دعم أمريكا ...): most often the
    second term of an idafa whose head is that word, so the mention is not the verb's subject."""
    if m.start_tok <= sent.token_start:
        return False
    prev = doc.tokens[m.start_tok - 1]
    return not prev.is_punct and not prev.prefixes and prev.norm not in PARTICLES and not prev.norm[:1].isdigit()


def entity_key(a: Actor | None) -> tuple | None:
    """One key for all mentions of an entity: its knowledge-base id, else its name, country and sector."""
    if a is None:
        return None
    return ("id", a.actor_id) if a.actor_id else (a.name, a.country, a.sector)


def same_entity(a: Actor | None, b: Actor | None) -> bool:
    if a is None or b is None:
        return False
    if a.actor_id and b.actor_id:
        return a.actor_id == b.actor_id
    return (a.name, a.country, a.sector) == (b.name, b.country, b.sector)


def aside_tokens(doc: Document, sent: Sentence, start_tok: int, end_tok: int) -> set[int]:
    """Token indices inside comma-enclosed asides opened by a preposition, in [start_tok, end_tok)."""
    out: set[int] = set()
    i = start_tok
    while i < end_tok:
        if doc.tokens[i].norm in COMMAS and i + 1 < sent.token_end and doc.tokens[i + 1].norm in ASIDE_OPENERS:
            j = i + 2
            while j < sent.token_end and doc.tokens[j].norm not in COMMAS and not (doc.tokens[j].is_punct and doc.tokens[j].norm in ".؟!"):
                j += 1
            if j < sent.token_end and doc.tokens[j].norm in COMMAS:
                out.update(range(i, j + 1))
                i = j
                continue
        i += 1
    return out


@lru_cache(maxsize=1)
def _clause_words(path: Path = CLAUSE_WORDS) -> dict[str, str]:
    return {r["word"]: r["kind"] for _, r in read_rows(path)}


def clause_marks(doc: Document, heads: list[int]) -> dict[int, str]:
    """Tokens that separate clauses: ``verb`` (the head of another trigger, or a reporting cue such as
    قال), ``rel`` (a relative pronoun) and ``sub`` (a complementizer or subordinator)."""
    words = _clause_words()
    out = {t.i: words[t.norm] for t in doc.tokens if t.norm in words}
    for h in heads:
        out[h] = "verb"
    starts = [t.start for t in doc.tokens]
    for q in doc.quotes:
        i = bisect_right(starts, q.cue.start) - 1
        if 0 <= i < len(doc.tokens):
            out[i] = "verb"
    return out


def marks_between(index: MentionIndex, start_tok: int, end_tok: int, skip: frozenset[int] = frozenset()) -> dict[str, int]:
    """How many clause marks of each kind lie in tokens [start_tok, end_tok), ``skip`` left out."""
    out: dict[str, int] = {}
    marks = index.marks
    for t in range(start_tok, end_tok):
        k = marks.get(t)
        if k is not None and t not in skip:
            out[k] = out.get(k, 0) + 1
    return out


VOICE_WORDS = Path(__file__).parent / "data" / "voice_words.tsv"


@lru_cache(maxsize=1)
def _voice_words(path: Path = VOICE_WORDS) -> dict[str, str]:
    return {r["word"]: r["kind"] for _, r in read_rows(path)}


def trigger_voice(doc: Document, sent: Sentence, head: int, end_tok: int, nominal: bool, gapped: bool = False) -> str:
    """How a trigger's sides read: ``nominal`` (a noun), ``passive`` (a form that is passive or agentless
    without vowels: أصيب، اغتيل، استشهد), ``counted`` (a past verb followed by a count, قتل 20 شخصا: its
    victims follow, its agent is unnamed or after على يد) or ``active``. A ``gapped`` cue (words between its
    own: أطلقت السلطات سراح العشرة) holds its subject in the gap, so a count after it is no sign of an
    agentless verb."""
    if nominal:
        return "nominal"
    words = _voice_words()
    tok = doc.tokens[head]
    forms = [tok.norm, tok.norm.removeprefix("و").removeprefix("ف"), tok.stem]
    if any(words.get(f) == "passive" for f in forms):
        return "passive"
    nxt = end_tok if end_tok > head + 1 else head + 1
    if nxt < sent.token_end and not gapped:
        t = doc.tokens[nxt]
        if t.norm[:1].isdigit() or words.get(t.norm) == "number" or words.get(t.stem) == "number":
            return "counted"
    return "active"


FIRST_PERSON_WINDOW = 2  # tokens before the trigger that may carry its first-person verb (سنواصل مواجهة)


def first_person(doc: Document, sent: Sentence, start_tok: int, head: int) -> bool:
    """Whether the trigger's clause speaks in the first person: a segmented future verb of the first
    person (سنواصل، سنرد), a first-person verb after لن (لن نسمح) or a first-person pronoun
    (data/voice_words.tsv, kind ``first``: نحن), on the trigger or just before it. In a quote, the
    speaker is then the actor."""
    words = _voice_words()
    for k in range(max(sent.token_start, start_tok - FIRST_PERSON_WINDOW), head + 1):
        tok = doc.tokens[k]
        if FUTURE in tok.prefixes and tok.stem[:1] in ("ن", "ا") and len(tok.stem) >= 3:
            return True
        if words.get(tok.norm.removeprefix("و")) == "first":
            return True
        prev = doc.tokens[k - 1] if k > sent.token_start else None
        if prev is not None and prev.norm.removeprefix("و").removeprefix("ف") == "لن" and tok.norm[:1] == "ن":
            return True
    return False


def vowed(doc: Document, sent: Sentence, start_tok: int) -> bool:
    """A first-person vow to go on (data/voice_words.tsv, kind ``vow``: سنواصل، سنستمر) just before the trigger."""
    words = _voice_words()
    return any(
        words.get(doc.tokens[k].norm.removeprefix("و")) == "vow"
        for k in range(max(sent.token_start, start_tok - FIRST_PERSON_WINDOW), start_tok)
    )


def complement_opened(doc: Document, start_tok: int, until: int, arg_preps: frozenset[str | None]) -> bool:
    """Some word in tokens [start_tok, until) carries one of the cue's own prepositions."""
    preps = arg_preps - {None}
    if not preps:
        return False
    for t in range(start_tok, until):
        tok = doc.tokens[t]
        if tok.norm in preps or any(p in preps for p in tok.prefixes):
            return True
    return False


DEMAND_TYPES = frozenset({"REQUEST"})
DEMAND_WINDOW = 30  # tokens from a request cue to the furthest trigger its demand can hold
DEMAND_STOPS = frozenset({"؛", ";", ":", ".", "!", "؟", "?"})


def demand_of(
    doc: Document, idx: MentionIndex, requests: list[tuple[TriggerMatch, frozenset[str | None]]], m: TriggerMatch, heads: frozenset[int]
) -> TriggerMatch | None:
    """The request cue whose demanded content holds trigger ``m``: the nearest earlier request of the
    sentence (``requests``: cue and its recipient prepositions) whose own preposition opens a complement
    (طالب ... بضرورة، دعا إلى; in a gapped cue, inside the gap) reaching ``m``'s first word, with no other clause between (a reporting
    verb, ؛ or :). In «طالب الوزير بضرورة وقف جرائم الاحتلال وفتح المعبر» the opening of the crossing is
    demanded, not done; ``heads``: the document's trigger heads (clause marks that do not close it)."""
    for r, preps in reversed(requests):
        if r.head >= m.start_tok or m.start_tok - r.end_tok > DEMAND_WINDOW:
            continue
        if not complement_opened(doc, r.head + 1, m.start_tok + 1, preps):
            continue
        closed = any(
            doc.tokens[t].norm in DEMAND_STOPS or (idx.marks.get(t) == "verb" and t not in heads) for t in range(r.head + 1, m.start_tok)
        )
        return None if closed else r
    return None
