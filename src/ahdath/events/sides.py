"""A learned ranker for the sides of an event: which mention is the actor, which the recipient.

Candidates are the actor mentions of the trigger's sentence, the speaker of the quote that
holds the trigger, and the subject carried over from the previous statement. Each
(candidate, role) pair is described by sparse features -- direction and distance from the
trigger, the preposition that introduces the candidate and whether it is the cue's own,
genitive position, agent markers, the trigger's part of speech and type, the candidate's
kind, sector and country, punctuation in between, the words around the mention and between it
and the trigger, and whether the hand-written word-order rules chose it -- and scored by a
model trained on the annotations
(``training/events/train_sides.py``): since session 18 a pair model with a hidden layer
(``HiddenPairModel``, numpy arrays in ``data/sides_model.npz``); the linear pair model before it
(JSON: feature name → weight, ``data/sides_model.json``) is read when no ``.npz`` is shipped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np

from ahdath.events.arguments import (
    Mention,
    MentionIndex,
    complement_opened,
    entity_key,
    introduced_by,
    is_agent_marked,
    is_construct,
    is_genitive,
    marks_between,
    same_entity,
)
from ahdath.events.classifier import pack_int8, pack_vocab, unpack_vocab
from ahdath.events.lexicon import TriggerMatch
from ahdath.events.linear import LinearModel
from ahdath.events.place import locative_before
from ahdath.model import Actor, Document, Sentence, Token
from ahdath.quotes.extract import turn_marked

MODEL_PATH = Path(__file__).parent / "data" / "sides_model.json"
HIDDEN_MODEL_PATH = Path(__file__).parent / "data" / "sides_model.npz"  # when present, used instead (HiddenPairModel)
SidesModel = LinearModel  # roles: "actor", "recipient"
ROLES = ("actor", "recipient")


@dataclass(slots=True)
class Candidate:
    actor: Actor
    mention: Mention | None  # None for a candidate from outside the sentence
    origin: str  # sentence | speaker | carried | prev (previous sentence) | lead (first sentence)
    rank: int = 0  # position among the mentions of its sentence, for prev and lead candidates


def _bucket(n: int) -> str:
    for limit in (0, 1, 2, 3, 5, 8, 12, 20):
        if n <= limit:
            return str(limit)
    return "far"


def candidate_features(
    doc: Document,
    sent: Sentence,
    m: TriggerMatch,
    c: Candidate,
    nominal: bool,
    rule_choice: dict[str, tuple[int, int] | None],
    arg_preps: frozenset[str | None],
    order: int,
    bare_order: int = 0,
    aside: frozenset[int] = frozenset(),
    idx: MentionIndex | None = None,
    speaker: Actor | None = None,
    cited: frozenset[tuple[int, int]] = frozenset(),
) -> list[str]:
    """Role-independent features of one candidate for one trigger (the model crosses them with the role).

    ``cited``: char spans of the outlets the article cites as its sources (حسبما أفادت وكالة ...): they
    report events, they rarely act in them."""
    pos = "nominal" if nominal else "verbal"
    mtype = doc.user_data.get("actor_mentions", {}).get((c.actor.start, c.actor.end), "none")
    f = [f"origin={c.origin}", f"kind={c.actor.kind or 'none'}", f"sector={c.actor.sector or 'none'}", f"pos={pos}", f"type={m.type}"]
    f.append(f"cue={m.cue}")  # the same for every candidate: how often this cue has a side at all
    # The verb's own morphology: an object pronoun (تتهمه المرأة، أطلقته) leaves the next bare noun as its
    # subject; plural agreement (اتهموا السلطات) means the subject came before, the next noun is the object.
    suf = head_suffix(doc, m, nominal)
    f.append(f"head_suf={suf}|origin={c.origin}|pos={pos}")
    f += [f"mention={mtype}", f"mention={mtype}|type={m.type}"]
    f.append(f"loaded={c.actor.loaded}")
    # who tends to do what: Israel acts in ASSAULT, a UN body rarely; learned per country from the annotations
    cty = c.actor.country or "-"
    f += [f"cty={cty}|type={m.type}", f"cty={cty}|origin={c.origin}"]
    f += salience(doc).features(c.actor, m.type, c.origin)  # the article's main players act more
    # بدوره شكر X ...: "in his turn" hands the sentence to the other party, not the lead or carried subject
    turn = turn_marked(doc, sent, m.head)
    f += [f"turn={turn}|origin={c.origin}", f"turn={turn}|origin={c.origin}|pos={pos}"]
    if speaker is not None:
        is_speaker = same_entity(c.actor, speaker)
        f += [f"is_speaker={is_speaker}|origin={c.origin}", f"is_speaker={is_speaker}|type={m.type}"]
    if c.mention is None:
        f += [f"origin={c.origin}|pos={pos}", f"origin={c.origin}|type={m.type}", f"origin={c.origin}|rank={min(c.rank, 3)}"]
        return f
    mention = c.mention
    span = (mention.start_tok, mention.end_tok)
    if any(a < c.actor.end and c.actor.start < b for a, b in cited):
        f += ["cited", f"cited|type={m.type}"]
    locative = locative_before(doc, sent, mention.start_tok)
    f += [f"locative={locative}|kind={c.actor.kind or 'none'}", f"locative={locative}|mention={mtype}"]
    if is_after(m, mention):
        direction, dist = "after", mention.start_tok - m.end_tok if mention.start_tok >= m.end_tok else mention.start_tok - m.head - 1
    else:
        direction, dist = "before", m.start_tok - mention.end_tok
    dist = max(dist, 0)
    prep = introduced_by(doc, mention, sent) or "none"
    toks = doc.tokens[mention.end_tok : m.start_tok] if direction == "before" else doc.tokens[m.end_tok : mention.start_tok]
    punct = sum(t.is_punct for t in toks)
    commas = sum(t.norm in ("،", ",") for t in toks)
    genitive = is_genitive(doc, mention, sent)
    agent = is_agent_marked(doc, mention, sent)
    f += [
        f"turn={turn}|dir={direction}|order={min(order, 3)}",
        f"dir={direction}",
        f"dir={direction}|dist={_bucket(dist)}",
        f"dir={direction}|order={min(order, 3)}",
        f"dir={direction}|pos={pos}",
        f"dir={direction}|type={m.type}",
        f"dir={direction}|prep={prep}",
        f"dir={direction}|prep={prep}|pos={pos}",
        f"prep={prep}|type={m.type}",
        f"cue_prep={prep in arg_preps and prep != 'none'}",
        f"cue_obj={prep == 'none' and None in arg_preps}",
        f"dir={direction}|punct={min(punct, 3)}",
        f"dir={direction}|commas={min(commas, 2)}",
        f"genitive={genitive}|dir={direction}|pos={pos}",
        f"agent_marked={agent}",
        f"dir={direction}|kind={c.actor.kind}",
        f"mention={mtype}|prep={prep}",
        f"rule_actor={rule_choice.get('actor') == span}",
        f"rule_recipient={rule_choice.get('recipient') == span}",
        f"rule_actor={rule_choice.get('actor') == span}|pos={pos}",
        f"sent_first={mention.start_tok == _first_mention_tok(rule_choice)}",
        # the cue's own argument frame (اتهم X Y، اتصل بـ، تلقى ... من): learned per cue from the annotations
        f"cue={m.cue}|dir={direction}",
        f"cue={m.cue}|dir={direction}|prep={prep}",
    ]
    f += [f"head_suf={suf}|dir={direction}|prep={prep}|pos={pos}", f"head_suf={suf}|dir={direction}|dist={_bucket(dist)}"]
    if dist == 0:
        f.append(f"adjacent|dir={direction}|pos={pos}")
    elif direction == "after" and is_construct(doc, mention, sent):
        # the genitive of another cue's noun (واعتبر دعم أمريكا ...) belongs to that noun's event
        head = "cue" if idx is not None and idx.marks.get(mention.start_tok - 1) == "verb" else "word"
        f += [f"construct={head}|pos={pos}", f"construct={head}|type={m.type}"]
    if bare_order:
        f += [f"bare_after={min(bare_order, 3)}", f"bare_after={min(bare_order, 3)}|pos={pos}", f"bare_after={min(bare_order, 3)}|type={m.type}"]
    f.append(f"in_aside={mention.start_tok in aside}|dir={direction}")
    in_gap = m.head < mention.start_tok and mention.end_tok <= m.end_tok
    if in_gap:
        f += ["in_gap", f"in_gap|type={m.type}"]
    if idx is not None and idx.marks:
        own = frozenset(range(m.start_tok, m.end_tok))
        lo, hi = (mention.end_tok, m.start_tok) if direction == "before" else (m.end_tok if not in_gap else m.head + 1, mention.start_tok)
        marks = marks_between(idx, lo, hi, own)
        for kind in ("verb", "rel", "sub"):
            n = min(marks.get(kind, 0), 2)
            f += [f"dir={direction}|{kind}={n}", f"dir={direction}|{kind}={n}|pos={pos}"]
        f.append(f"dir={direction}|clause_free={not marks}|type={m.type}")
    if direction == "after":
        # Inside the complement the cue's own preposition opens (طالب X بضرورة وقف جرائم Y): the demand's target.
        opener = complement_opened(doc, m.end_tok, mention.start_tok, arg_preps)
        f += [f"in_complement={opener}|type={m.type}", f"in_complement={opener}|pos={pos}"]
    before_tok = doc.tokens[mention.start_tok - 1] if mention.start_tok > sent.token_start else None
    f.append(f"comma_before={before_tok is not None and before_tok.norm in ('،', ',')}|dir={direction}")
    f += _word_features(doc, sent, m, mention, direction, before_tok, toks)
    return f


@dataclass(slots=True, frozen=True)
class Salience:
    """How much an article talks about each entity (``salience``): what the side ranker's ``sal`` features read."""

    entities: dict[tuple, int]  # mentions per entity (``arguments.entity_key``)
    countries: dict[str, int]  # mentions per country
    top_entity: tuple | None
    top_country: str | None
    lead: frozenset[tuple]  # the entities of the first sentence

    def features(self, a: Actor, event_type: str, origin: str) -> list[str]:
        """The candidate's standing in its article: its entity's mention count, whether it is the most mentioned
        entity or of the most mentioned country, whether the lead names it, how often its country is named."""
        k = entity_key(a)
        n = self.entities.get(k, 0)
        b = "1" if n <= 1 else "2" if n == 2 else "3-5" if n <= 5 else "6+"
        nc = self.countries.get(a.country, 0) if a.country else 0
        bc = "0" if nc == 0 else "1" if nc == 1 else "2-3" if nc <= 3 else "4-8" if nc <= 8 else "9+"
        top, lead = k == self.top_entity, k in self.lead
        return [
            f"sal={b}",
            f"sal={b}|type={event_type}",
            f"sal={b}|origin={origin}",
            f"sal_top={top}|type={event_type}",
            f"sal_top={top}|origin={origin}",
            f"cty_top={bool(a.country) and a.country == self.top_country}|type={event_type}",
            f"in_lead={lead}",
            f"in_lead={lead}|origin={origin}",
            f"cty_sal={bc}|type={event_type}",
        ]


def salience(doc: Document) -> Salience:
    """The article's ``Salience`` over its resolved actor mentions (computed once per document)."""
    cached = doc.user_data.get("side_salience")
    if cached is not None:
        return cached
    entities: dict[tuple, int] = {}
    countries: dict[str, int] = {}
    lead_end = doc.sentences[0].end if doc.sentences else 0
    lead = set()
    for a in doc.actors:
        k = entity_key(a)
        entities[k] = entities.get(k, 0) + 1
        if a.country:
            countries[a.country] = countries.get(a.country, 0) + 1
        if a.start < lead_end:
            lead.add(k)
    out = Salience(
        entities,
        countries,
        max(entities, key=entities.__getitem__) if entities else None,
        max(countries, key=countries.__getitem__) if countries else None,
        frozenset(lead),
    )
    doc.user_data["side_salience"] = out
    return out


GAP_WORDS = 6  # the words between trigger and candidate are features when the gap is at most this long


def _word_features(
    doc: Document, sent: Sentence, m: TriggerMatch, mention: Mention, direction: str, before_tok: Token | None, gap: list[Token]
) -> list[str]:
    """The words around a candidate mention: the word before it (بحق، لصالح، رئيس، جرائم), the word after it
    (a verb whose subject it is), its own first stem (قوات، وزير، محكمة) and, over a short gap, the words
    between it and the trigger -- lexical context the annotations teach per word."""
    f = []
    if before_tok is not None:
        f += [f"prevw={before_tok.norm}|dir={direction}", f"prevw={before_tok.norm}|type={m.type}"]
    if mention.end_tok < sent.token_end:
        after = doc.tokens[mention.end_tok].norm
        f += [f"nextw={after}|dir={direction}", f"nextw={after}|type={m.type}"]
    f.append(f"headw={doc.tokens[mention.start_tok].stem}|dir={direction}")
    if len(gap) <= GAP_WORDS:
        f += [f"gapw={t.norm}|dir={direction}" for t in gap]
    return f


def head_suffix(doc: Document, m: TriggerMatch, nominal: bool) -> str:
    """``pron`` when the trigger's head word carries a pronoun suffix (اتهمه، زيارته), ``pl`` for a verb's plural
    agreement (اتهموا، قتلوا), else ``none``."""
    head = doc.tokens[m.head]
    if head.suffix:
        return "pron"
    return "pl" if not nominal and head.stem.endswith("وا") else "none"


def is_after(m: TriggerMatch, mention: Mention) -> bool:
    """The mention follows the trigger's head (inside a gapped cue counts: طالب [X] بـ)."""
    return mention.start_tok >= m.end_tok or (mention.start_tok > m.head and mention.start_tok not in m.tokens)


def _first_mention_tok(rule_choice: dict[str, tuple[int, int] | None]) -> int:
    first = rule_choice.get("first")
    return first[0] if first else -1


def sentence_candidates(idx: MentionIndex, sent: Sentence) -> list[Candidate]:
    return [Candidate(mt.actor, mt, "sentence") for mt in idx.in_range(sent.token_start, sent.token_end)]


def null_features(feats: list[list[str]]) -> list[str]:
    """Features of the "none of the candidates" option, from the candidates' own features."""
    first = feats[0] if feats else []
    typ = next((f for f in first if f.startswith("type=")), "type=none")
    pos = next((f for f in first if f.startswith("pos=")), "pos=none")
    flat = {f for fs in feats for f in fs}
    cue_prep = "cue_prep=True" in flat
    bare = "bare_after=1" in flat
    out = [
        f"null|{typ}",
        f"null|{pos}",
        f"null|{typ}|{pos}",
        f"null|n={_bucket(len(feats))}",
        f"null|cue_prep={cue_prep}",
        f"null|cue_prep={cue_prep}|{typ}",
        f"null|bare_after={bare}",
        f"null|bare_after={bare}|{pos}",
        f"null|before={'dir=before' in flat}",
        f"null|after={'dir=after' in flat}",
        f"null|speaker={'origin=speaker' in flat}",
        f"null|carried={'origin=carried' in flat}",
        f"null|rule_actor={'rule_actor=True' in flat}",
        f"null|rule_recipient={'rule_recipient=True' in flat}",
    ]
    return out


# -- joint choice of actor and recipient --------------------------------------------------------------
# The two sides are not independent: an ASSAULT by a MIL actor on CVL recipients, an actor before a
# verb with its recipient after it, two mentions of one country on both sides. The pair model scores
# each (actor, recipient-or-none) pair as the actor's and the recipient's own features (the two
# roles' weights) plus features of the pair; a softmax over all pairs picks both at once.


@dataclass(slots=True, frozen=True)
class SideInfo:
    """What the pair features need to know about one candidate."""

    direction: str  # before | after | out (not in the sentence)
    prep: str
    start_tok: int
    end_tok: int
    country: str
    sector: str
    kind: str


def side_info(doc: Document, sent: Sentence, m: TriggerMatch, c: Candidate) -> SideInfo:
    a = c.actor
    if c.mention is None:
        return SideInfo("out", "none", -1, -1, a.country, a.sector, a.kind or "none")
    direction = "after" if is_after(m, c.mention) else "before"
    prep = introduced_by(doc, c.mention, sent) or "none"
    return SideInfo(direction, prep, c.mention.start_tok, c.mention.end_tok, a.country, a.sector, a.kind or "none")


def pair_features(a: SideInfo, r: SideInfo | None, event_type: str, pos: str, cue: str = "") -> list[str]:
    """Features of an (actor, recipient) pair beyond each side's own; ``r`` None: no recipient."""
    if r is None:
        return [
            f"none|cue={cue}|ad={a.direction}",
            f"none|ad={a.direction}|type={event_type}",
            f"none|ad={a.direction}|pos={pos}",
            f"none|aprep={a.prep}",
            f"none|as={a.sector or '-'}|type={event_type}",
        ]
    f = [
        f"ad={a.direction}|rd={r.direction}",
        f"ad={a.direction}|rd={r.direction}|pos={pos}",
        f"ad={a.direction}|rd={r.direction}|type={event_type}",
        f"aprep={a.prep}|rprep={r.prep}",
        f"as={a.sector or '-'}|rs={r.sector or '-'}",
        f"as={a.sector or '-'}|rs={r.sector or '-'}|type={event_type}",
        f"ak={a.kind}|rk={r.kind}",
        f"cue={cue}|ad={a.direction}|rd={r.direction}",  # the cue's own frame: اتهم X Y، تلقى X اتصالا من Y
    ]
    if a.country and r.country:
        f.append(f"same_country={a.country == r.country}|type={event_type}")
    if a.start_tok >= 0 and r.start_tok >= 0:
        first, second = (a, r) if a.start_tok < r.start_tok else (r, a)
        gap = second.start_tok - first.end_tok
        f.append(f"a_first={a is first}|ad={a.direction}|rd={r.direction}")
        f.append(f"pair_gap={_bucket(max(gap, 0))}")
        if gap == 0:
            f.append(f"pair_adjacent|a_first={a is first}")
    return f


@dataclass(slots=True, frozen=True)
class PairChoice:
    actor: int
    recipient: int | None
    actor_p: float  # the chosen actor's probability, summed over its recipients
    recipient_p: float  # the chosen pair's share of the actor's probability


_ROLE_PREFIXES = ("a:", "r:", "rn:", "p:")  # the pair model's feature roles
TOP_ACTORS = 4  # pairs are scored for the best few actors by their own score
PAIR_CACHE = 50_000  # distinct pair feature lists whose sums a HiddenPairModel keeps


class HiddenPairModel:
    """The pair ranker with one hidden layer (``training/events/train_sides.py``, ``fit_pairs``): a pair's score
    is a linear part (the summed weights of the actor's, the recipient's -- or the "none" option's -- and the
    pair's features) plus ``v · relu(b + the same features' summed hidden rows)``. Features are keyed by role:
    ``a:`` actor, ``r:`` recipient, ``rn:`` the none option (with ``rn:__none__``), ``p:`` pair. Shipped as
    numpy arrays (``data/sides_model.npz``; the hidden rows int8 with one scale per unit)."""

    kind = "pair"
    # every candidate actor's pairs are scored: the network was trained on all pairs, and its linear part alone
    # ranks actors worse than the linear model did (with the best four only, held-out dyad F1 fell on hp-ie)
    top_actors: int | None = None

    def __init__(
        self, vocab: dict[str, int], linear: np.ndarray, hidden: np.ndarray, b: np.ndarray, v: np.ndarray,
        scale: np.ndarray | None = None,
    ) -> None:
        """``hidden``: float rows, or (with ``scale``, one per unit: the shipped form) int8 rows, summed as
        integers and scaled once -- exact sums, an eighth of float64's memory and gather traffic."""
        self.vocab, self.linear, self.hidden, self.b, self.v, self.scale = vocab, linear, hidden, b, v, scale
        self._rows: dict[str, dict[str, int]] = {p: {} for p in _ROLE_PREFIXES}
        # a pair's features take few distinct values (directions, prepositions, sectors, the cue, a gap bucket):
        # their sums are kept by feature list (cleared when it grows past PAIR_CACHE lists)
        self._pair_sums: dict[tuple[str, ...], int] = {}
        self._pair_lin, self._pair_hid = np.zeros(0), np.zeros((0, len(b)))
        for name, i in vocab.items():
            head, sep, rest = name.partition(":")
            if sep and head + ":" in self._rows:
                self._rows[head + ":"][rest] = i

    @classmethod
    def load(cls, path: Path) -> HiddenPairModel:
        return _load_hidden(str(path))

    @classmethod
    def average(cls, models: list[HiddenPairModel]) -> HiddenPairModel:
        """One model whose pair scores are the mean of ``models``' (fit on the same features, e.g. with other
        seeds): linear parts averaged, hidden units side by side, each output weight divided by their number."""
        if any(m.vocab != models[0].vocab for m in models):
            raise ValueError("the models to average must share one feature vocabulary")
        k = len(models)
        return cls(
            models[0].vocab, sum(m.linear for m in models) / k, np.concatenate([m.hidden_rows() for m in models], axis=1),
            np.concatenate([m.b for m in models]), np.concatenate([m.v for m in models]) / k,
        )

    def ids(self, features: list[str], prefix: str) -> list[int]:
        """The rows of the features known under ``prefix`` (a role: ``a:``, ``r:``, ``rn:``, ``p:``), each once."""
        found = set(map(self._rows[prefix].get, features))
        found.discard(None)
        return list(found)  # type: ignore[arg-type]

    def sums(self, lists: list[list[str]], prefix: str) -> tuple[np.ndarray, np.ndarray]:
        """(linear score, hidden pre-activation) of each feature list under one role, in a few array operations."""
        return self._row_sums([self.ids(fs, prefix) for fs in lists])

    def _row_sums(self, rows: list[list[int]]) -> tuple[np.ndarray, np.ndarray]:
        """(linear score, hidden pre-activation) of each list of rows (any roles: one matrix holds them all)."""
        lens = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
        flat = np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=int(lens.sum()))
        lin, hid = np.zeros(len(rows)), np.zeros((len(rows), len(self.b)))
        filled = lens > 0
        if filled.any():
            starts = (np.cumsum(lens) - lens)[filled]
            lin[filled] = np.add.reduceat(self.linear.take(flat), starts)
            rows = self.hidden.take(flat, axis=0)  # (take: a plain gather, faster than fancy indexing)
            if self.scale is None:
                hid[filled] = np.add.reduceat(rows, starts, axis=0)
            else:
                hid[filled] = np.add.reduceat(rows, starts, axis=0, dtype=np.int32) * self.scale
        return lin, hid

    def hidden_rows(self) -> np.ndarray:
        """The hidden rows as floats (int8 rows times their unit's scale)."""
        return self.hidden if self.scale is None else self.hidden.astype(np.float64) * self.scale

    def pair_sums(self, pair_feats: list[list[str]]) -> tuple[np.ndarray, np.ndarray]:
        """``sums(pair_feats, "p:")``, each distinct feature list summed once (its sums kept as a row of
        ``_pair_lin`` / ``_pair_hid``, found by ``_pair_sums``)."""
        index = self._pair_sums
        keys = [tuple(f) for f in pair_feats]
        uniq = dict.fromkeys(keys)
        missing = [k for k in uniq if k not in index]
        if missing:
            if len(index) + len(missing) > PAIR_CACHE:
                index.clear()
                missing = list(uniq)
            lin, hid = self.sums(missing, "p:")  # type: ignore[arg-type]
            n0, n1 = len(index), len(index) + len(missing)
            if n1 > len(self._pair_lin):  # grow by doubling
                size = max(n1, 2 * len(self._pair_lin), 256)
                self._pair_lin = np.concatenate((self._pair_lin[:n0], np.zeros(size - n0)))
                self._pair_hid = np.concatenate((self._pair_hid[:n0], np.zeros((size - n0, len(self.b)))))
            self._pair_lin[n0:n1], self._pair_hid[n0:n1] = lin, hid
            index.update(zip(missing, range(n0, n1), strict=True))
        rows = np.fromiter(map(index.__getitem__, keys), dtype=np.int64, count=len(keys))
        return self._pair_lin[rows], self._pair_hid[rows]

    def sides(self, feats: list[list[str]], null: list[str]) -> tuple[Any, Any]:
        """Each candidate's part as the actor, and as the recipient with the none option last (one sum over
        the rows of all three roles)."""
        n = len(feats)
        lin, hid = self._row_sums(
            [self.ids(fs, "a:") for fs in feats] + [self.ids(fs, "r:") for fs in feats] + [self.ids([*null, "__none__"], "rn:")]
        )
        return (lin[:n], hid[:n]), (lin[n:], hid[n:])

    @staticmethod
    def actor_ranks(a: Any) -> list[float]:
        """How each candidate ranks as the actor before pairing (the linear part)."""
        return a[0].tolist()

    def scores(self, a: Any, r: Any, options: list[tuple[int, int | None]], pair_feats: list[list[str]]) -> list[float]:
        """The score of each (actor, recipient-or-none) option."""
        p_lin, p_hid = self.pair_sums(pair_feats)
        none = len(r[0]) - 1
        ii = np.fromiter((i for i, _ in options), dtype=np.int64, count=len(options))
        jj = np.fromiter((none if j is None else j for _, j in options), dtype=np.int64, count=len(options))
        h = np.maximum(a[1][ii] + r[1][jj] + p_hid + self.b, 0.0)
        return (a[0][ii] + r[0][jj] + p_lin + h @ self.v).tolist()

    def save(self, path: Path) -> None:
        q, scale = pack_int8(self.hidden) if self.scale is None else (self.hidden, self.scale.astype(np.float32))
        names = sorted(self.vocab, key=self.vocab.__getitem__)
        np.savez_compressed(
            path, vocab=pack_vocab(names), linear=self.linear.astype(np.float32), hidden=q, hidden_scale=scale,
            b=self.b.astype(np.float32), v=self.v.astype(np.float32),
        )


@lru_cache(maxsize=4)
def _load_hidden(path: str) -> HiddenPairModel:
    with np.load(path, allow_pickle=False) as z:
        return HiddenPairModel(
            unpack_vocab(z["vocab"]), z["linear"].astype(np.float64), z["hidden"],
            z["b"].astype(np.float64), z["v"].astype(np.float64), z["hidden_scale"].astype(np.float64),
        )


class _LinearPairs:
    """A linear pair model (``LinearModel`` of kind "pair", the JSON format) behind ``HiddenPairModel``'s methods."""

    top_actors: int | None = TOP_ACTORS

    def __init__(self, model: LinearModel) -> None:
        self.m = model

    def sides(self, feats: list[list[str]], null: list[str]) -> tuple[list[float], list[float]]:
        r_none = self.m.bias["recipient"] + self.m.margin(null, "recipient")
        return [self.m.margin(f, "actor") for f in feats], [*(self.m.margin(f, "recipient") for f in feats), r_none]

    @staticmethod
    def actor_ranks(a: list[float]) -> list[float]:
        return a

    def scores(self, a: list[float], r: list[float], options: list[tuple[int, int | None]], pair_feats: list[list[str]]) -> list[float]:
        none = len(r) - 1
        return [a[i] + r[none if j is None else j] + self.m.margin(pf, "pair") for (i, j), pf in zip(options, pair_feats, strict=True)]


def load_sides_model(json_path: Path | None = None, hidden_path: Path | None = None) -> LinearModel | HiddenPairModel | None:
    """The shipped sides ranker: the hidden-layer pair model when its file exists, else the JSON one (None if neither)."""
    json_path, hidden_path = json_path or MODEL_PATH, hidden_path or HIDDEN_MODEL_PATH
    if hidden_path.exists():
        return HiddenPairModel.load(hidden_path)
    return LinearModel.load(json_path) if json_path.exists() else None


def choose_pair(
    model: LinearModel | HiddenPairModel,
    feats: list[list[str]],
    null: list[str],
    infos: list[SideInfo],
    event_type: str,
    pos: str,
    cue: str,
    blocked: list[bool],
    actors: list[Actor] | None,
    no_actor: list[bool] | None = None,
) -> PairChoice | None:
    """The best (actor, recipient-or-none) pair under a pair model (``kind == "pair"``): the linear model scores
    the pairs of its best ``TOP_ACTORS`` actors, the hidden-layer model every pair.

    A candidate ``blocked`` as recipient (inside an aside) can still be the actor, one in ``no_actor`` (the
    patient of a passive verb) only the recipient; None when no candidate may be the actor. A recipient that is
    the same entity as the actor is not considered (``actors`` None: no such check)."""
    sc = model if isinstance(model, HiddenPairModel) else _LinearPairs(model)
    a, r = sc.sides(feats, null)
    ranks = sc.actor_ranks(a)
    top = sorted((i for i in range(len(feats)) if not (no_actor and no_actor[i])), key=lambda i: -ranks[i])[: sc.top_actors]
    if not top:
        return None
    options: list[tuple[int, int | None]] = []
    pair_feats: list[list[str]] = []
    for i in top:
        options.append((i, None))
        pair_feats.append(pair_features(infos[i], None, event_type, pos, cue))
        for j in range(len(feats)):
            if j == i or blocked[j] or (actors is not None and same_entity(actors[i], actors[j])):
                continue
            options.append((i, j))
            pair_feats.append(pair_features(infos[i], infos[j], event_type, pos, cue))
    scored = [(z, i, j) for z, (i, j) in zip(sc.scores(a, r, options, pair_feats), options, strict=True)]
    hi = max(z for z, _, _ in scored)
    weights = [(math.exp(z - hi), i, j) for z, i, j in scored]
    total = sum(w for w, _, _ in weights)
    best_w, best_i, best_j = max(weights, key=lambda x: x[0])
    actor_mass = sum(w for w, i, _ in weights if i == best_i)
    return PairChoice(best_i, best_j, actor_mass / total, best_w / actor_mass)


PARTITIVE = "من"
PATIENT_WINDOW = 4  # tokens between a passive verb and its patient (قتل ثمانية من عناصر الشرطة)


def patient_of(doc: Document, sent: Sentence, m: TriggerMatch, cands: list[Candidate]) -> int | None:
    """The candidate that is the grammatical subject of a passive or counted verb (``trigger_voice``):
    the first mention after it, bare or partitive (من), within a few tokens -- the one who suffered the act,
    never its actor (اغتيل القيادي X بغارة إسرائيلية; قتل ثمانية من عناصر الشرطة)."""
    best: tuple[int, int] | None = None
    for i, c in enumerate(cands):
        mt = c.mention
        if mt is None or not is_after(m, mt) or mt.start_tok - m.end_tok > PATIENT_WINDOW:
            continue
        if introduced_by(doc, mt, sent) not in (None, PARTITIVE):
            continue
        if best is None or mt.start_tok < best[0]:
            best = (mt.start_tok, i)
    return best[1] if best else None


def context_candidates(doc: Document, idx: MentionIndex, sent: Sentence, taken: list[Candidate]) -> list[Candidate]:
    """Mentions of the previous sentence and of the lead sentence that are not already candidates: a side
    is often named a sentence earlier (الرئيس ... ، وأضاف أن بلاده ...) or in the article's first sentence."""
    out: list[Candidate] = []
    seen = [c.actor for c in taken]
    sources = []
    if sent.i > 0:
        sources.append(("prev", doc.sentences[sent.i - 1]))
    if sent.i > 1:
        sources.append(("lead", doc.sentences[0]))
    for origin, other in sources:
        for rank, mt in enumerate(idx.in_range(other.token_start, other.token_end)):
            if any(same_entity(mt.actor, a) for a in seen):
                continue
            seen.append(mt.actor)
            out.append(Candidate(mt.actor, None, origin, rank))
    return out
