"""Arabic-script person names -> English (Latin) spelling.

A joint-sequence ("graphone") n-gram model in the style of Sequitur/Phonetisaurus: every name
token is a sequence of graphones (1-2 Arabic letters paired with 0-3 Latin letters) and a
Kneser-Ney smoothed n-gram over graphones scores candidate spellings; a small beam search picks
the best one. Frequent tokens come from a memorized dictionary (the most frequent English spelling
per Arabic token in the training data). Name-level conventions (``ال`` -> ``al-``, ``عبد الله`` ->
``Abdullah``, ``أبو`` -> ``Abu``, ``بن`` -> ``bin``) live in ``data/translit/particles.tsv`` and
``data/translit/phrases.tsv``. Model and data are trained from Wikidata labels (CC0) by
``training/translit/train.py``.

>>> transliterate("زياد النخالة")  # doctest: +SKIP
'Ziyad al-Nakhalah'
"""

from __future__ import annotations

import functools
import json
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).resolve().parent / "data" / "translit"
MODEL_PATH = DATA_DIR / "model.npz"
MODEL_FORMAT = "ahdath-translit-1"
_SHIFT = 20  # arc key = state << _SHIFT | graphone id (graphone ids < 2**20)

BOS = 0  # graphone id of the word boundary (both start and end)
_UNSEEN_LOGP = -12.0  # log10 probability of an unseen graphone (unknown letter)
_NO_MOVES: tuple[int, tuple[str, ...]] = (0, ())  # a chunk without candidate graphones
_DROPPED_CATEGORIES = frozenset("PSZC")  # punctuation, symbols, separators, controls
_ARABIC_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))


def _is_arabic_char(ch: str) -> bool:
    o = ord(ch)
    return any(a <= o <= b for a, b in _ARABIC_RANGES)


def has_arabic(text: str) -> bool:
    """True when ``text`` contains at least one Arabic-script character."""
    return any(_is_arabic_char(ch) for ch in text)


def _read_tsv(path: Path) -> list[list[str]]:
    rows: list[list[str]] = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip() or line.startswith("#"):
                continue
            rows.append(line.split("\t"))
    return rows


@functools.lru_cache(maxsize=1)
def _letter_map() -> Mapping[str, str]:
    """Variant letters -> the letter the model knows ('' drops the character)."""
    out: dict[str, str] = {}
    for row in _read_tsv(DATA_DIR / "letters.tsv"):
        src, dst = row[0], row[1] if len(row) > 1 else ""
        out[src] = "" if dst == "-" else dst
    return out


def normalize_token(token: str) -> str:
    """Canonical Arabic form of one name token.

    Presentation forms are unfolded (NFKC), variant letters mapped (letters.tsv), and harakat,
    tatweel, controls, punctuation and symbols dropped: ``(هَنِيّة)`` -> ``هنية``.
    """
    lmap = _letter_map()
    chars: list[str] = []
    for ch in unicodedata.normalize("NFKC", token):
        if ch in lmap:
            chars.append(lmap[ch])
        elif unicodedata.category(ch)[0] not in _DROPPED_CATEGORIES and unicodedata.category(ch) != "Mn":
            chars.append(ch)
    return "".join(chars)


@functools.lru_cache(maxsize=1)
def _latin_map() -> Mapping[str, str]:
    return {r[0]: "" if r[1] == "-" else r[1] for r in _read_tsv(DATA_DIR / "latin.tsv")}


def to_ascii(text: str) -> str:
    """Latin text without accents or special letters (Müller -> Muller, Łódź -> Lodz)."""
    lmap = _latin_map()
    out: list[str] = []
    for ch in unicodedata.normalize("NFKD", text):
        if ch in lmap:
            out.append(lmap[ch])
        elif not unicodedata.combining(ch):
            out.append(ch)
    return "".join(out)


@dataclass(frozen=True)
class Automaton:
    """A backoff graphone n-gram as a deterministic automaton, one state per n-gram context.

    Arc ``i`` leaves state ``arc_src[i]`` on graphone ``arc_gid[i]`` with log10 probability
    ``arc_logp[i]`` into ``arc_next[i]``; a graphone without an arc backs off to ``backoff[state]``
    at a cost of ``bow[state]``. State 0 is the empty context, ``start`` the word-start context.
    """

    arc_src: np.ndarray
    arc_gid: np.ndarray
    arc_logp: np.ndarray
    arc_next: np.ndarray
    backoff: np.ndarray
    bow: np.ndarray
    start: np.ndarray

    @classmethod
    def compile(cls, ngrams: Iterable[tuple[tuple[int, ...], float, float | None]], order: int) -> Automaton:
        """From backoff n-grams ``(ids, log10 p, log10 backoff weight or None)``."""
        table = {tuple(ids): (logp, bow) for ids, logp, bow in ngrams}
        contexts = sorted({ids for ids, (_, bow) in table.items() if bow is not None} | {()}, key=len)
        state_of = {ctx: i for i, ctx in enumerate(contexts)}
        hist_len = max(order - 1, 0)
        src, gid, logps, nxts = [], [], [], []
        for ids, (logp, _) in table.items():
            s = state_of.get(ids[:-1])
            if s is None:
                continue
            nxt = ids[max(len(ids) - hist_len, 0) :] if hist_len else ()
            while nxt and nxt not in state_of:
                nxt = nxt[1:]
            src.append(s)
            gid.append(ids[-1])
            logps.append(logp)
            nxts.append(state_of[nxt])
        return cls(
            arc_src=np.asarray(src, dtype=np.int32),
            arc_gid=np.asarray(gid, dtype=np.int32),
            arc_logp=np.asarray(logps, dtype=np.float32),
            arc_next=np.asarray(nxts, dtype=np.int32),
            backoff=np.asarray([state_of.get(c[1:], 0) for c in contexts], dtype=np.int32),
            bow=np.asarray([(table[c][1] or 0.0) if c else 0.0 for c in contexts], dtype=np.float32),
            start=np.asarray(state_of.get((BOS,), 0), dtype=np.int32),
        )


@dataclass(frozen=True)
class NameRules:
    """Name-level conventions: attached prefixes, standalone particles and multi-token phrases."""

    prefixes: tuple[tuple[str, str], ...]  # (normalized Arabic prefix, Latin form), longest first
    particles: Mapping[str, str]  # normalized Arabic token -> Latin form (kept as written)
    absorbs_article: frozenset[str]  # particles after which the next token's article is dropped
    phrases: Mapping[tuple[str, ...], str]  # normalized Arabic token sequence -> Latin form
    max_phrase: int

    @classmethod
    def load(cls, data_dir: Path = DATA_DIR) -> NameRules:
        prefixes = sorted(
            ((normalize_token(r[0]), r[1]) for r in _read_tsv(data_dir / "prefixes.tsv")),
            key=lambda kv: -len(kv[0]),
        )
        particle_rows = _read_tsv(data_dir / "particles.tsv")
        particles = {normalize_token(r[0]): r[1] for r in particle_rows}
        absorbs = frozenset(normalize_token(r[0]) for r in particle_rows if "absorb_article" in r[2:])
        phrases = {tuple(normalize_token(t) for t in r[0].split()): r[1] for r in _read_tsv(data_dir / "phrases.tsv")}
        return cls(
            prefixes=tuple(prefixes),
            particles=particles,
            absorbs_article=absorbs,
            phrases=phrases,
            max_phrase=max((len(k) for k in phrases), default=1),
        )


class Transliterator:
    """Arabic-script name -> Latin spelling. ``Transliterator.load()(name)`` -> ``str``."""

    def __init__(
        self,
        graphones: list[tuple[str, str]],
        automaton: Automaton,
        dictionary: Mapping[str, str],
        rules: NameRules,
        beam: int = 4,
        max_candidates: int = 8,
    ) -> None:
        self.graphones = graphones
        self.dictionary = dict(dictionary)
        self.rules = rules
        self.beam = beam
        self._backoff: list[int] = automaton.backoff.tolist()
        self._bow: list[float] = automaton.bow.tolist()
        self._start = int(automaton.start)
        arc_src = automaton.arc_src.astype(np.int64)
        at_root = arc_src == 0
        unigram = dict(zip(automaton.arc_gid[at_root].tolist(), automaton.arc_logp[at_root].tolist(), strict=True))
        # Candidate graphones per Arabic chunk, most frequent (by unigram probability) first.
        by_chunk: dict[str, list[tuple[float, int]]] = {}
        for gid, (ar, _en) in enumerate(graphones):
            if gid == BOS:
                continue
            by_chunk.setdefault(ar, []).append((unigram.get(gid, _UNSEEN_LOGP), gid))
        ranked = {ar: [g for _, g in sorted(lst, reverse=True)] for ar, lst in by_chunk.items()}
        self._cands: dict[str, tuple[int, ...]] = {ar: tuple(gids[:max_candidates]) for ar, gids in ranked.items()}
        self._n_cands = max_candidates
        self._max_chunk = max((len(a) for a in self._cands), default=1)
        # Arcs grouped by (state, chunk): one lookup per backoff level finds all of a chunk's candidate
        # graphones there. A graphone is (chunk id, rank k within its chunk); chunk 0 is the boundary BOS.
        self._chunk_id: dict[str, int] = {ar: c for c, ar in enumerate(ranked, 1)}
        # per chunk: (chunk id, Latin side of each candidate graphone)
        self._moves: dict[str, tuple[int, tuple[str, ...]]] = {
            ar: (self._chunk_id[ar], tuple(graphones[g][1] for g in gids)) for ar, gids in self._cands.items()
        }
        self._gid_pos: dict[int, tuple[int, int]] = {BOS: (0, 0)}
        for ar, gids in ranked.items():
            for k, g in enumerate(gids):
                self._gid_pos[g] = (self._chunk_id[ar], k)
        n_gid = max(len(graphones), int(automaton.arc_gid.max(initial=0)) + 1)
        chunk_of, rank_of = np.zeros(n_gid, dtype=np.int64), np.full(n_gid, max_candidates, dtype=np.int64)
        for g, (c, k) in self._gid_pos.items():
            chunk_of[g], rank_of[g] = c, k
        arc_k = rank_of[automaton.arc_gid]
        cand = arc_k < max_candidates
        # arcs of graphones that are never candidates (ranked below max_candidates): only _step reads them
        other = ~cand
        self._other_arcs: dict[int, tuple[float, int]] = dict(
            zip(
                (arc_src[other] << _SHIFT | automaton.arc_gid[other]).tolist(),
                zip(automaton.arc_logp[other].tolist(), automaton.arc_next[other].tolist(), strict=True),
                strict=True,
            )
        )
        keys = (arc_src << _SHIFT | chunk_of[automaton.arc_gid])[cand]
        order = np.argsort(keys, kind="stable")
        keys = keys[order]
        cols = (arc_k[cand][order], automaton.arc_logp[cand][order], automaton.arc_next[cand][order])
        triples: list[tuple[int, float, int]] = []
        for lo in range(0, len(keys), 1 << 16):  # in slices: fewer temporary Python objects at once
            triples.extend(zip(*(c[lo : lo + (1 << 16)].tolist() for c in cols), strict=True))
        starts = np.flatnonzero(np.diff(keys, prepend=-1))  # first arc of each (state, chunk)
        ends = np.append(starts[1:], len(keys)) if len(starts) else starts
        # state << _SHIFT | chunk id -> ((rank k, log10 p, next state), ...) for the candidate graphones
        self._level: dict[int, tuple[tuple[int, float, int], ...]] = {}
        for lo in range(0, len(starts), 1 << 16):
            part = slice(lo, lo + (1 << 16))
            for key, a, b in zip(keys[starts[part]].tolist(), starts[part].tolist(), ends[part].tolist(), strict=True):
                self._level[key] = tuple(triples[a:b])
        self._token = functools.lru_cache(maxsize=65536)(self._token_uncached)

    # -- loading -----------------------------------------------------------------------------
    @classmethod
    def load(cls, path: str | Path | None = None) -> Transliterator:
        """Load a model file (``model.npz``); the shipped model when ``path`` is None."""
        p = Path(path) if path is not None else MODEL_PATH
        with np.load(p, allow_pickle=False) as z:
            meta = json.loads(bytes(z["meta"]).decode("utf-8"))
            automaton = Automaton(**{k: z[k] for k in Automaton.__dataclass_fields__})
        if meta.get("format") != MODEL_FORMAT:
            raise ValueError(f"{p}: not an {MODEL_FORMAT} model")
        return cls(
            graphones=[(a, e) for a, e in meta["graphones"]],
            automaton=automaton,
            dictionary=meta.get("dictionary", {}),
            rules=NameRules.load(),
            beam=int(meta.get("beam", 4)),
            max_candidates=int(meta.get("max_candidates", 8)),
        )

    @staticmethod
    def save(path: str | Path, meta: Mapping, automaton: Automaton) -> None:
        """Write a model file: ``meta`` (format, graphones, dictionary, decoder settings) + automaton."""
        blob = np.frombuffer(json.dumps(dict(meta), ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
        arrays = {k: getattr(automaton, k) for k in Automaton.__dataclass_fields__}
        with open(path, "wb") as fh:
            np.savez_compressed(fh, meta=blob, **arrays)

    # -- scoring -----------------------------------------------------------------------------
    def _step(self, state: int, gid: int) -> tuple[float, int]:
        """(log10 p(gid | state), next state), backing off through lower-order states."""
        total = 0.0
        level, backoff, bow = self._level, self._backoff, self._bow
        c, k = self._gid_pos.get(gid, (-1, -1))
        other = self._other_arcs if k >= self._n_cands else None
        while True:
            if other is not None:
                arc = other.get(state << _SHIFT | gid)
                if arc is not None:
                    return total + arc[0], arc[1]
            else:
                for kk, lp, nxt in level.get(state << _SHIFT | c, ()):
                    if kk == k:
                        return total + lp, nxt
            if state == 0:
                return total + _UNSEEN_LOGP, 0
            total += bow[state]
            state = backoff[state]

    def _expand(self, state: int, chunk: int, latins: tuple[str, ...]) -> list[tuple[float, int, str]]:
        """``(log10 p, next state, Latin)`` of each candidate graphone of ``chunk`` (Latin sides ``latins``)
        after ``state``: ``_step`` for all of them with one walk down the backoff chain (the same sums
        in the same order, so the same scores)."""
        n = len(latins)
        out: list[tuple[float, int, str] | None] = [None] * n
        level, backoff, bow = self._level, self._backoff, self._bow
        left = n
        total = 0.0
        while True:
            hits = level.get(state << _SHIFT | chunk)
            if hits is not None:
                for k, lp, nxt in hits:
                    if out[k] is None:
                        out[k] = (total + lp, nxt, latins[k])
                        left -= 1
                if not left:
                    break
            if state == 0:
                for k in range(n):
                    if out[k] is None:
                        out[k] = (total + _UNSEEN_LOGP, 0, latins[k])
                break
            total += bow[state]
            state = backoff[state]
        return out  # type: ignore[return-value]

    def nbest(self, token: str, n: int = 5, beam: int | None = None) -> list[tuple[str, float]]:
        """Up to ``n`` distinct Latin spellings of one normalized Arabic token with log10 scores."""
        width = beam or self.beam
        length = len(token)
        if length == 0:
            return [("", 0.0)]
        # stacks[pos]: automaton state -> (score, output so far)
        stacks: list[dict[int, tuple[float, str]]] = [{} for _ in range(length + 1)]
        stacks[0][self._start] = (0.0, "")
        chunk_moves, expand = self._moves, self._expand
        for pos in range(length):
            stack = stacks[pos]
            if not stack:
                continue
            # (target stack, candidate graphones) per chunk length starting here
            moves = [(stacks[pos + ln], *chunk_moves.get(token[pos : pos + ln], _NO_MOVES))
                     for ln in range(1, min(self._max_chunk, length - pos) + 1)]
            expandable = any(g for _, _, g in moves)
            hyps = sorted(stack.items(), key=lambda kv: kv[1][0], reverse=True)[:width] if len(stack) > 1 \
                else stack.items()
            for state, (score, out) in hyps:
                if not expandable:  # a letter the model never saw: skip it
                    target = stacks[pos + 1]
                    s = score + _UNSEEN_LOGP
                    old = target.get(0)
                    if old is None or s > old[0]:
                        target[0] = (s, out)
                    continue
                for target, chunk, gids in moves:
                    if not gids:
                        continue
                    for lp, nxt, latin in expand(state, chunk, gids):
                        s = score + lp
                        old = target.get(nxt)
                        if old is None or s > old[0]:
                            target[nxt] = (s, out + latin)
        finals: dict[str, float] = {}
        step = self._step
        for state, (score, out) in stacks[length].items():
            s = score + step(state, BOS)[0]
            if out not in finals or s > finals[out]:
                finals[out] = s
        return sorted(finals.items(), key=lambda kv: kv[1], reverse=True)[:n]

    def _token_uncached(self, token: str) -> str:
        hit = self.dictionary.get(token)
        if hit is not None:
            return hit
        best = self.nbest(token, n=1)
        return best[0][0] if best else ""

    def token(self, token: str, use_dictionary: bool = True) -> str:
        """Lower-case Latin spelling of one Arabic name token (no name conventions applied)."""
        norm = normalize_token(token)
        if use_dictionary:
            return self._token(norm)
        best = self.nbest(norm, n=1)
        return best[0][0] if best else ""

    # -- names -------------------------------------------------------------------------------
    def _word(self, tok: str, drop_prefix: bool = False) -> str:
        """One normalized Arabic token of a name -> capitalized Latin form."""
        rules = self.rules
        hit = rules.phrases.get((tok,))
        if hit is not None:
            return hit
        if tok in rules.particles:
            return rules.particles[tok]
        if tok in self.dictionary:
            return _capitalize(self.dictionary[tok])
        for prefix, latin in rules.prefixes:
            if tok.startswith(prefix) and len(tok) > len(prefix) + 1:
                rest = self._word(tok[len(prefix) :])
                return rest if drop_prefix else latin + rest
        return _capitalize(self._token(tok))

    def __call__(self, arabic_name: str) -> str:
        tokens = arabic_name.split()
        rules = self.rules
        out: list[str] = []
        i = 0
        drop_prefix = False
        while i < len(tokens):
            raw = tokens[i]
            if not has_arabic(raw):
                out.append(raw)
                i += 1
                drop_prefix = False
                continue
            norm = [normalize_token(t) for t in tokens[i : i + rules.max_phrase]]
            for n in range(len(norm), 1, -1):
                hit = rules.phrases.get(tuple(norm[:n]))
                if hit is not None:
                    out.append(hit)
                    i += n
                    drop_prefix = False
                    break
            else:
                out.append(self._word(norm[0], drop_prefix=drop_prefix))
                drop_prefix = norm[0] in rules.absorbs_article
                i += 1
        return " ".join(w for w in out if w)


def _capitalize(word: str) -> str:
    return word[:1].upper() + word[1:] if word else word


@functools.lru_cache(maxsize=1)
def default_transliterator() -> Transliterator:
    """The shipped model, loaded once."""
    return Transliterator.load()


def transliterate(name: str) -> str:
    """English spelling of an Arabic-script person name with the shipped model."""
    return default_transliterator()(name)
