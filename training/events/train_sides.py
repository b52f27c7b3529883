"""Train the event-sides ranker (src/ahdath/events/data/sides_model.json) on the silver annotations
(../shared/data/silver plus training/data/silver_extra_*.jsonl) and the arabic_event_gsr span sets
(``gsr_sides.py``; ``--no-gsr`` leaves them out).

    python training/events/train_sides.py [--shared ../shared] [--c 0.3] [--kind softmax|logistic]

For each silver event whose trigger the lexicon finds, every side candidate of that trigger
(sentence mentions, quote speaker, carried subject) is labelled by whether it matches the
annotated actor / recipient (the scorer's side match). Per role, a conditional logit (softmax
over the event's candidates plus a "none" option, which gives recipient-less events their own
score) is fit on the candidates' features; ``--kind logistic`` fits the older pointwise model. Reports candidate-level accuracy on the dev gold set (never trained
on) and writes the weights as JSON. Needs scikit-learn (training only).
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from event_sets import PRE, analyze_articles, dev_set, training_set  # training/events/event_sets.py
from scipy.optimize import minimize
from scipy.sparse import csr_matrix
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression

import ahdath
from ahdath.evaluate import side_match
from ahdath.events.arguments import MentionIndex, clause_marks
from ahdath.events.coder import EventCoder, is_receiving
from ahdath.events.linear import LinearModel
from ahdath.events.sides import (
    HIDDEN_MODEL_PATH,
    MODEL_PATH,
    HiddenPairModel,
    SideInfo,
    choose_pair,
    null_features,
    pair_features,
    side_info,
)
from ahdath.language.normalize import fold_text
from ahdath.model import Document

ROOT = Path(__file__).resolve().parents[2]


Example = tuple[list[list[str]], list[int], list[int], bool, list[SideInfo]]
# L2 strength of the shipped ranker (and of eval_gsr.py's cross-validated ones): 1.0 since session 15 (held-out
# pair top-1 0.630 / 0.578 at 0.3, 0.631 / 0.580 at 1.0, 0.624 / 0.574 at 3.0)
C = 1.0
# hidden units of the pair ranker (0: the linear pair softmax) and its epochs. Session 18: held-out pair top-1
# (raw argmax over all pairs) linear 0.632 / 0.590 (fb-fq / hp-ie), 32 units 0.616 / 0.575 after one epoch,
# 0.639 / 0.588 after two, 0.644 / 0.601 after three (the planned number of epochs, not tuned further)
HIDDEN = 32
HIDDEN_EPOCHS = 3
# the shipped ranker is the mean of this many such networks (seeds 0, 1, ...; ``HiddenPairModel.average``).
# Session 21, held-out pair top-1 (fb-fq / hp-ie): seeds alone 0.649 / 0.598, 0.640 / 0.599, 0.648 / 0.594
# (one seed's runs also differ by ~0.002: torch's sums are not deterministic); their mean 0.652 / 0.607.
# More epochs or units, one network: 32 x 4 0.656 / 0.604, 32 x 5 0.652 / 0.599, 64 x 3 0.654 / 0.594
ENSEMBLE = 3


def examples(docs: dict[str, Document], golds: dict[str, dict], coder: EventCoder) -> Iterator[Example]:
    """(features per candidate, actor labels, recipient labels, gold has recipient, candidate infos) per matched gold event."""
    for doc_id, g in golds.items():
        doc = docs.get(doc_id)
        if doc is None:
            continue
        yield from doc_examples(doc, g, coder)


def doc_examples(doc: Document, g: dict, coder: EventCoder) -> Iterator[Example]:
    idx = MentionIndex(doc)
    matches = coder.matches(doc, idx)
    idx.marks = clause_marks(doc, [m.head for m in matches])
    folded_text = fold_text(doc.text)
    last_subject = None
    for ge in g["events"]:
        s0 = doc.text.find(ge["sentence"][:40])
        if s0 < 0:
            s0 = folded_text.find(fold_text(ge["sentence"][:40]))
        if s0 < 0:
            continue
        t0 = doc.text.find(ge["trigger"], s0)
        if t0 < 0:
            continue
        sent = doc.sentence_of(t0)
        if sent is None:
            continue
        t1 = t0 + len(ge["trigger"])
        ms = [m for m in matches if m.start < t1 and t0 < m.end and doc.tokens[m.start_tok].sent == sent.i]
        if not ms:
            continue
        m = next((x for x in ms if x.type == ge["type"]), ms[0])
        # the carried subject at this point: the rule subject of the previous lexicon match
        prev = [x for x in matches if x.start < m.start]
        if prev:
            p = prev[-1]
            psent = doc.sentences[doc.tokens[p.start_tok].sent]
            _, _, _, subj, _ = coder.rule_sides(doc, idx, psent, p, p.type, None)
            last_subject = subj[0] if subj else last_subject
        cands, feats, _ = coder.candidates(doc, idx, sent, m, ge["type"], last_subject)
        if not cands:
            continue
        ya = [int(side_match(c.actor.to_dict(), ge["actor"])) for c in cands]
        yr = [int(ge.get("recipient") is not None and side_match(c.actor.to_dict(), ge["recipient"])) for c in cands]
        if is_receiving(m.cue) and ge.get("recipient") is not None:  # the ranker learns subject/object (see coder)
            ya, yr = yr, ya
        infos = [side_info(doc, sent, m, c) for c in cands]
        yield feats, ya, yr, ge.get("recipient") is not None, infos


def fit(data: list, role: int, c: float) -> tuple[DictVectorizer, LogisticRegression]:
    xs, ys = [], []
    for feats, ya, yr, *_ in data:
        labels = ya if role == 0 else yr
        for f, y in zip(feats, labels, strict=True):
            xs.append(dict.fromkeys(f, 1))
            ys.append(y)
    vec = DictVectorizer()
    x = vec.fit_transform(xs)
    clf = LogisticRegression(C=c, max_iter=2000)
    clf.fit(x, np.array(ys))
    return vec, clf


def probs(data: list, vec: DictVectorizer, clf: LogisticRegression) -> list[np.ndarray]:
    """The model's probability for every candidate, per event (one transform for all)."""
    flat = [dict.fromkeys(f, 1) for feats, *_ in data for f in feats]
    p = clf.predict_proba(vec.transform(flat))[:, 1] if flat else np.zeros(0)
    out, i = [], 0
    for feats, *_ in data:
        out.append(p[i : i + len(feats)])
        i += len(feats)
    return out


def top1(data: list, ps: list[np.ndarray], role: int, threshold: float) -> tuple[float, float, int]:
    """(accuracy of the top candidate among events with a matching candidate, of events with any gold side, n)."""
    hit = n_any = n_possible = 0
    for (_, ya, yr, has_rec, *_), p in zip(data, ps, strict=True):
        labels = ya if role == 0 else yr
        if role == 1 and not has_rec:
            hit += p.max() < threshold  # correctly no recipient
            n_any += 1
            n_possible += 1
            continue
        n_any += 1
        if not any(labels):
            continue
        n_possible += 1
        best = int(p.argmax())
        hit += labels[best] == 1 and p[best] >= threshold
    return hit / max(n_possible, 1), hit / max(n_any, 1), n_possible


def softmax_groups(data: list, role: int, null_when_unanswerable: bool) -> list[tuple[list[list[str]], list[int]]]:
    """Per event: (candidate features + the "none" option's, positive indices); events no option fits are left out."""
    out = []
    for feats, ya, yr, has_rec, *_ in data:
        labels = ya if role == 0 else yr
        rows = [*feats, null_features(feats)]
        if role == 1 and not has_rec:
            pos = [len(feats)]
        elif any(labels):
            pos = [i for i, y in enumerate(labels) if y]
        elif null_when_unanswerable:
            pos = [len(feats)]
        else:
            continue
        out.append((rows, pos))
    return out


def grouped_nll(z: np.ndarray, starts: np.ndarray, group: np.ndarray, is_pos: np.ndarray) -> tuple[float, np.ndarray]:
    """Softmax within each group of rows (``starts``: first row of each group; ``group``: each row's group):
    the negative log probability of the positive rows summed over groups, and its gradient in ``z``."""
    top = np.maximum.reduceat(z, starts)
    e = np.exp(z - top[group])
    tot = np.add.reduceat(e, starts)
    ep = np.where(is_pos, e, 0.0)
    totp = np.add.reduceat(ep, starts)
    nll = float(np.sum(np.log(tot) - np.log(totp)))
    return nll, e / tot[group] - ep / totp[group]


def fit_softmax(groups: list[tuple[list[list[str]], list[int]]], c: float) -> tuple[dict[str, float], float]:
    """A conditional logit: per event, a softmax over its options; the last option ("none") carries the bias.

    Minimises the negative log probability of the positive options plus ||w||^2 / (2c). Returns
    (feature weights, bias)."""
    vocab: dict[str, int] = {}
    indptr, indices, starts, pos_rows = [0], [], [], []
    n = 0
    for rows, pos in groups:
        starts.append(n)
        for i, f in enumerate(rows):
            indices.extend(vocab.setdefault(x, len(vocab)) for x in dict.fromkeys(f))
            if i == len(rows) - 1:
                indices.append(vocab.setdefault("__bias__", len(vocab)))
            indptr.append(len(indices))
        pos_rows.extend(n + p for p in pos)
        n += len(rows)
    x = csr_matrix((np.ones(len(indices)), indices, indptr), shape=(n, len(vocab)))
    starts_a = np.array(starts)
    group = np.repeat(np.arange(len(groups)), np.diff(np.append(starts_a, n)))
    is_pos = np.zeros(n, dtype=bool)
    is_pos[pos_rows] = True
    bias_i = vocab["__bias__"]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        nll, g = grouped_nll(x @ w, starts_a, group, is_pos)
        reg = w.copy()
        reg[bias_i] = 0.0
        return nll + float(reg @ reg) / (2 * c), x.T @ g + reg / c

    res = minimize(loss, np.zeros(len(vocab)), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    w = res.x
    weights = {f: float(w[i]) for f, i in vocab.items() if f != "__bias__"}
    return weights, float(w[bias_i])


def softmax_top1(groups: list, weights: dict[str, float], bias: float, threshold: float) -> float:
    """Share of events whose best option (a candidate if its probability reaches ``threshold``, else none) is positive."""
    hit = 0
    for rows, pos in groups:
        zs = [sum(weights.get(f, 0.0) for f in r) for r in rows]
        zs[-1] += bias
        top = max(zs)
        es = np.exp(np.array(zs) - top)
        ps = es / es.sum()
        best = int(np.argmax(ps[:-1])) if len(ps) > 1 else len(ps) - 1
        choice = best if len(ps) > 1 and ps[best] >= threshold else len(ps) - 1
        hit += choice in pos
    return hit / max(len(groups), 1)


def train_softmax(train: list, c: float, null_actor: bool = False) -> LinearModel:
    """Softmax rankers for both roles; each threshold (the least probability for the best candidate) chosen
    for top-1 accuracy on the training events."""
    weights: dict[str, float] = {}
    bias: dict[str, float] = {}
    thresholds: dict[str, float] = {}
    for role, name in ((0, "actor"), (1, "recipient")):
        groups = softmax_groups(train, role, null_actor if role == 0 else False)
        w, b = fit_softmax(groups, c)
        best_t = max(np.arange(0.0, 0.5, 0.05), key=lambda t, g=groups, w=w, b=b: softmax_top1(g, w, b, float(t)))
        weights.update({f"{name}:{f}": round(v, 4) for f, v in w.items() if abs(v) > 1e-4})
        bias[name] = round(b, 4)
        thresholds[name] = round(float(best_t), 2)
    return LinearModel(weights, bias, thresholds, "softmax")


def _trigger_of(feats: list[list[str]]) -> tuple[str, str, str]:
    """(type, part of speech, cue) of the trigger, from its first candidate's features (``sides.candidate_features``)."""
    first = feats[0]
    typ = next(f for f in first if f.startswith("type="))[5:]
    pos = next(f for f in first if f.startswith("pos="))[4:]
    cue = next(f for f in first if f.startswith("cue=") and "|" not in f)[4:]
    return typ, pos, cue


def pair_rows(ex: Example) -> tuple[list[tuple[int, int]], list[list[str]]]:
    """Every (actor, recipient) pair of an example's candidates, recipient -1 = none, with its pair features."""
    feats, *_, infos = ex
    typ, pos, cue = _trigger_of(feats)
    pairs, pf = [], []
    for i, a in enumerate(infos):
        for j, r in enumerate(infos):
            if j != i:
                pairs.append((i, j))
                pf.append(pair_features(a, r, typ, pos, cue))
        pairs.append((i, -1))
        pf.append(pair_features(a, None, typ, pos, cue))
    return pairs, pf


def pair_targets(ex: Example, pairs: list[tuple[int, int]]) -> list[bool]:
    """Which pairs are right: the actor matches (or no candidate does) and the recipient matches, or is none
    when the gold event has none (or no candidate matches)."""
    _, ya, yr, has_rec, _ = ex
    any_a, any_r = any(ya), any(yr)
    out = []
    for i, j in pairs:
        a_ok = ya[i] == 1 or not any_a
        r_ok = (j == -1) if not has_rec else ((j >= 0 and yr[j] == 1) or not any_r)
        out.append(a_ok and r_ok)
    return out


def fit_pairs(data: list[Example], c: float, hidden: int | None = None, ensemble: int = ENSEMBLE) -> LinearModel | HiddenPairModel:
    """A softmax over (actor, recipient) pairs: score = actor weights · actor features + recipient weights ·
    recipient features (or the "none" option's) + pair weights · pair features. Trained on every event with
    a matching candidate on at least one side; L2 with strength 1/c. With ``hidden`` units (default
    ``HIDDEN``; 0 = linear) the score also has a hidden layer (``fit_pairs_hidden``), averaged over
    ``ensemble`` seeds."""
    hidden = HIDDEN if hidden is None else hidden
    if hidden:
        rows = hidden_rows(data)
        return HiddenPairModel.average([fit_pair_rows(rows, hidden, seed=s) for s in range(ensemble)])
    vocab: dict[str, int] = {}
    pvocab: dict[str, int] = {}
    c_ind, c_ptr = [], [0]  # candidate rows (+ one "none" row per event)
    p_ind, p_ptr = [], [0]  # pair rows
    pa, pr, pos_rows, starts = [], [], [], []
    n_rows = n_pairs = 0
    for ex in data:
        feats, ya, yr, has_rec, _ = ex
        if not any(ya) and not (any(yr) or not has_rec):
            continue
        base = n_rows
        for f in feats:
            c_ind.extend(vocab.setdefault(x, len(vocab)) for x in dict.fromkeys(f))
            c_ptr.append(len(c_ind))
        c_ind.extend(vocab.setdefault(x, len(vocab)) for x in [*null_features(feats), "__bias__"])
        c_ptr.append(len(c_ind))
        null_row = base + len(feats)
        n_rows += len(feats) + 1
        pairs, pfs = pair_rows(ex)
        targets = pair_targets(ex, pairs)
        if not any(targets):
            continue
        starts.append(n_pairs)
        for (i, j), f, t in zip(pairs, pfs, targets, strict=True):
            p_ind.extend(pvocab.setdefault(x, len(pvocab)) for x in dict.fromkeys(f))
            p_ptr.append(len(p_ind))
            pa.append(base + i)
            pr.append(base + j if j >= 0 else null_row)
            if t:
                pos_rows.append(n_pairs)
            n_pairs += 1
    xc = csr_matrix((np.ones(len(c_ind)), c_ind, c_ptr), shape=(n_rows, len(vocab)))
    xp = csr_matrix((np.ones(len(p_ind)), p_ind, p_ptr), shape=(n_pairs, len(pvocab)))
    pa_a, pr_a = np.array(pa), np.array(pr)
    starts_a = np.array(starts)
    group = np.repeat(np.arange(len(starts)), np.diff(np.append(starts_a, n_pairs)))
    is_pos = np.zeros(n_pairs, dtype=bool)
    is_pos[pos_rows] = True
    nv, npv = len(vocab), len(pvocab)
    bias_i = vocab["__bias__"]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        wa, wr, wp = w[:nv], w[nv : 2 * nv], w[2 * nv :]
        sa, sr = xc @ wa, xc @ wr
        nll, g = grouped_nll(sa[pa_a] + sr[pr_a] + xp @ wp, starts_a, group, is_pos)
        ga = xc.T @ np.bincount(pa_a, weights=g, minlength=n_rows)
        gr = xc.T @ np.bincount(pr_a, weights=g, minlength=n_rows)
        gp = xp.T @ g
        reg = w.copy()
        reg[bias_i] = 0.0
        reg[nv + bias_i] = 0.0
        return nll + float(reg @ reg) / (2 * c), np.concatenate([ga, gr, gp]) + reg / c

    res = minimize(loss, np.zeros(2 * nv + npv), jac=True, method="L-BFGS-B", options={"maxiter": 500})
    w = res.x
    weights: dict[str, float] = {}
    for f, i in vocab.items():
        if f == "__bias__":
            continue
        for k, name in ((0, "actor"), (1, "recipient")):
            v = float(w[k * nv + i])
            if abs(v) > 1e-4:
                weights[f"{name}:{f}"] = round(v, 4)
    for f, i in pvocab.items():
        v = float(w[2 * nv + i])
        if abs(v) > 1e-4:
            weights[f"pair:{f}"] = round(v, 4)
    bias = {"actor": 0.0, "recipient": round(float(w[nv + bias_i]), 4)}
    return LinearModel(weights, bias, {"actor": 0.0, "recipient": 0.0}, "pair")


def fit_pairs_hidden(data: list[Example], hidden: int, epochs: int = HIDDEN_EPOCHS, seed: int = 0) -> HiddenPairModel:
    """The pair softmax with a hidden layer: score = linear part + v · relu(b + hidden rows), both parts summed
    over the actor's (``a:``), the recipient's (``r:``) or none option's (``rn:``, with ``rn:__none__``) and the
    pair's (``p:``) features (seen twice or more). Negative log of the right pairs' total probability; Adam
    (sparse for the feature rows), 64 events a batch, dropout 0.2 on the units, ``epochs`` passes. torch is a
    training-time dependency only."""
    return fit_pair_rows(hidden_rows(data), hidden, epochs, seed)


def hidden_rows(data: list[Example]) -> list[PairRow]:
    """The events of ``data`` as the hidden-layer model's pair rows (those with at least one right pair)."""
    rows = []
    for ex in data:
        pairs, pfs = pair_rows(ex)
        targets = pair_targets(ex, pairs)
        if any(targets):
            rows.append((ex[0], null_features(ex[0]), pairs, pfs, targets))
    return rows


PairRow = tuple[list[list[str]], list[str], list[tuple[int, int]], list[list[str]], list[bool]]  # feats, null, pairs, pair feats, targets


def fit_pair_rows(rows: list[PairRow], hidden: int, epochs: int = HIDDEN_EPOCHS, seed: int = 0) -> HiddenPairModel:
    """``fit_pairs_hidden`` on events already turned into pair rows (each with at least one right pair)."""
    import torch

    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    counts: dict[str, int] = {}
    for feats, null, _, pfs, _ in rows:
        for f in feats:
            for x in dict.fromkeys(f):
                counts["a:" + x] = counts.get("a:" + x, 0) + 1
                counts["r:" + x] = counts.get("r:" + x, 0) + 1
        for x in dict.fromkeys(null):
            counts["rn:" + x] = counts.get("rn:" + x, 0) + 1
        for pf in pfs:
            for x in dict.fromkeys(pf):
                counts["p:" + x] = counts.get("p:" + x, 0) + 1
    vocab = {f: i for i, f in enumerate(sorted(f for f, n in counts.items() if n >= 2))}
    vocab.setdefault("rn:__none__", len(vocab))

    def ids(prefix: str, feats: list[str]) -> list[int]:
        return [vocab[k] for k in (prefix + x for x in dict.fromkeys(feats)) if k in vocab]

    encoded = []
    for feats, null, pairs, pfs, targets in rows:
        a = [ids("a:", f) for f in feats]
        r = [ids("r:", f) for f in feats] + [ids("rn:", [*null, "__none__"])]
        p = [ids("p:", pf) for pf in pfs]
        encoded.append((a, r, p, [i for i, _ in pairs], [j if j >= 0 else len(feats) for _, j in pairs], targets))
    emb = torch.nn.EmbeddingBag(len(vocab), hidden + 1, mode="sum", sparse=True)  # column 0: the linear part
    torch.nn.init.normal_(emb.weight, 0.0, 0.01)
    with torch.no_grad():
        emb.weight[:, 0] = 0.0
    b = torch.nn.Parameter(torch.zeros(hidden))
    v = torch.nn.Parameter(torch.randn(hidden) * 0.1)
    drop = torch.nn.Dropout(0.2)
    dense = torch.optim.Adam([b, v], lr=1e-3)
    sparse = torch.optim.SparseAdam(list(emb.parameters()), lr=1e-3)

    def bag(lists: list[list[int]]) -> tuple[torch.Tensor, torch.Tensor]:
        offsets = torch.tensor(np.cumsum([0] + [len(x) for x in lists[:-1]]), dtype=torch.long)
        return torch.tensor([i for x in lists for i in x], dtype=torch.long), offsets

    def group_lse(z: torch.Tensor, group: torch.Tensor, n: int) -> torch.Tensor:
        top = torch.full((n,), -1e9).scatter_reduce(0, group, z, "amax", include_self=True)
        return torch.log(torch.zeros(n).index_add(0, group, torch.exp(z - top[group]))) + top

    for _ in range(epochs):
        order = rng.permutation(len(encoded))
        for k in range(0, len(order), 64):
            A: list[list[int]] = []
            R: list[list[int]] = []
            P: list[list[int]] = []
            ai: list[int] = []
            rj: list[int] = []
            group: list[int] = []
            tgt: list[bool] = []
            for g, n in enumerate(order[k : k + 64]):
                a, r, p, ii, jj, targets = encoded[n]
                ai += [len(A) + i for i in ii]
                rj += [len(R) + j for j in jj]
                A += a
                R += r
                P += p
                group += [g] * len(ii)
                tgt += targets
            z = emb(*bag(A))[torch.tensor(ai)] + emb(*bag(R))[torch.tensor(rj)] + emb(*bag(P))
            score = z[:, 0] + drop(torch.relu(z[:, 1:] + b)) @ v
            gi, n_groups = torch.tensor(group), len(order[k : k + 64])
            right = score.masked_fill(~torch.tensor(tgt), -1e9)
            loss = (group_lse(score, gi, n_groups) - group_lse(right, gi, n_groups)).mean()
            dense.zero_grad()
            sparse.zero_grad()
            loss.backward()
            dense.step()
            sparse.step()
    w = emb.weight.detach().numpy().astype(np.float64)
    return HiddenPairModel(vocab, w[:, 0].copy(), w[:, 1:].copy(), b.detach().numpy().astype(np.float64), v.detach().numpy().astype(np.float64))


def pair_top1(model: LinearModel | HiddenPairModel, data: list[Example]) -> tuple[float, int]:
    """Share of events (with a right pair among the options) whose pair ``sides.choose_pair`` picks is right."""
    hit = n = 0
    for ex in data:
        feats, *_, infos = ex
        pairs, _ = pair_rows(ex)
        targets = pair_targets(ex, pairs)
        if not any(targets):
            continue
        typ, pos, cue = _trigger_of(feats)
        pick = choose_pair(model, feats, null_features(feats), infos, typ, pos, cue, [False] * len(feats), None)
        n += 1
        hit += pick is not None and targets[pairs.index((pick.actor, -1 if pick.recipient is None else pick.recipient))]
    return hit / max(n, 1), n


def held_out_examples(shared: Path, pipe: object, coder: EventCoder) -> dict[str, list[Example]]:
    """Side examples of the held-out annotation batches (``event_sets.HELD_OUT_GROUPS``), per group, as
    ``eval_batches.py`` scores them (without articles whose text is annotated in another batch)."""
    from eval_batches import batch_set
    from event_sets import HELD_OUT_GROUPS

    out = {}
    for group, names in HELD_OUT_GROUPS.items():
        gold, arts = batch_set(names, shared)
        out[group] = list(examples(analyze_articles(arts, gold, pipe), gold, coder))
    return out


def report_held_out(model: LinearModel, shared: Path, pipe: object, coder: EventCoder) -> None:
    for group, data in held_out_examples(shared, pipe, coder).items():
        acc, n = pair_top1(model, data)
        print(f"held-out {group}: pair top-1 {acc:.4f} (of {n} events with a right pair among the options)")


def prune(model: LinearModel, min_abs: float) -> LinearModel:
    """The model without its weights below ``min_abs`` in size (the word features leave many tiny ones:
    at 0.01 a third of them go with no change in held-out pair accuracy)."""
    weights = {f: w for f, w in model.weights.items() if abs(w) >= min_abs}
    return LinearModel(weights, model.bias, model.thresholds, model.kind)


def train_model(train: list, c: float) -> LinearModel:
    """Fit both roles and choose each threshold for top-1 accuracy on the training events."""
    weights: dict[str, float] = {}
    bias: dict[str, float] = {}
    thresholds: dict[str, float] = {}
    for role, name in ((0, "actor"), (1, "recipient")):
        vec, clf = fit(train, role, c)
        ps = probs(train, vec, clf)
        best_t, best_acc = 0.5, -1.0
        for t in np.arange(0.05, 0.75, 0.05):
            acc = top1(train, ps, role, float(t))[1]
            if acc > best_acc:
                best_t, best_acc = float(t), acc
        for feat, w in zip(vec.get_feature_names_out(), clf.coef_[0], strict=True):
            if abs(w) > 1e-4:
                weights[f"{name}:{feat}"] = round(float(w), 4)
        bias[name] = round(float(clf.intercept_[0]), 4)
        thresholds[name] = round(best_t, 2)
    return LinearModel(weights, bias, thresholds)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--c", type=float, default=C)
    ap.add_argument("--out", help=f"where to write the model (default {HIDDEN_MODEL_PATH.name} for the hidden-layer pair model, else {MODEL_PATH.name})")
    ap.add_argument("--hidden", type=int, default=HIDDEN, help="hidden units of the pair model (0: linear, written as JSON)")
    ap.add_argument("--ensemble", type=int, default=ENSEMBLE, help="networks (seeds) averaged into the hidden-layer pair model")
    ap.add_argument(
        "--kind",
        choices=("pair", "softmax", "logistic"),
        default="pair",
        help="actor and recipient chosen together (pair), candidates compete per role (softmax), or are scored alone",
    )
    ap.add_argument("--prune", type=float, default=0.01, help="drop weights smaller than this in the written model")
    ap.add_argument("--no-gsr", action="store_true", help="leave out the arabic_event_gsr span sets (gsr_sides.py)")
    ap.add_argument("--held-out", action="store_true", help="report pair top-1 accuracy on the held-out batches (pair kind)")
    ap.add_argument("--score", action="store_true", help="no training: report the held-out pair top-1 of the model at --out")
    args = ap.parse_args()
    shared = Path(args.shared)
    coder = EventCoder.load(use_model=False)
    pipe = ahdath.load(components=PRE)
    hidden = args.hidden if args.kind == "pair" else 0
    out = Path(args.out) if args.out else (HIDDEN_MODEL_PATH if hidden else MODEL_PATH)
    if args.score:
        report_held_out(HiddenPairModel.load(out) if out.suffix == ".npz" else LinearModel.load(out), shared, pipe, coder)
        return
    tr_arts, tr_gold = training_set(shared)
    dv_arts, dv_gold = dev_set(shared)
    train = list(examples(analyze_articles(tr_arts, tr_gold, pipe), tr_gold, coder))
    dev = list(examples(analyze_articles(dv_arts, dv_gold, pipe), dv_gold, coder))
    print(f"silver events with a lexicon trigger: {len(train)}; dev: {len(dev)}")
    if not args.no_gsr:
        import gsr_sides  # imports this module

        gsr = [e for exs in gsr_sides.gsr_examples(pipe, coder).values() for e in exs]
        train += gsr
        print(f"+ arabic_event_gsr span-set examples with a lexicon trigger: {len(gsr) // gsr_sides.GSR_REPEAT}, each counted {gsr_sides.GSR_REPEAT} times")
    if args.kind == "pair":
        model = fit_pairs(train, args.c, hidden, args.ensemble)
    elif args.kind == "softmax":
        model = train_softmax(train, args.c)
        for role, name in ((0, "actor"), (1, "recipient")):
            w = {f[len(name) + 1 :]: v for f, v in model.weights.items() if f.startswith(f"{name}:")}
            t, b = model.thresholds[name], model.bias[name]
            tr = softmax_top1(softmax_groups(train, role, False), w, b, t)
            dv = softmax_top1(softmax_groups(dev, role, False), w, b, t)
            print(f"{name}: threshold {t:.2f}; top-1 of answerable events: silver {tr:.3f}, dev {dv:.3f}")
    else:
        model = train_model(train, args.c)
        for role, name in ((0, "actor"), (1, "recipient")):
            vec, clf = fit(train, role, args.c)
            t = model.thresholds[name]
            tr1 = top1(train, probs(train, vec, clf), role, t)
            dv1 = top1(dev, probs(dev, vec, clf), role, t)
            print(f"{name}: threshold {t:.2f}; silver top-1 {tr1[0]:.3f} (of {tr1[2]} answerable), dev top-1 {dv1[0]:.3f} (of {dv1[2]})")
    if isinstance(model, HiddenPairModel):
        if args.held_out:
            report_held_out(model, shared, pipe, coder)
        model.save(out)
        print(f"wrote {len(model.vocab)} feature rows x {len(model.b)} units to {out}")
        return
    model = prune(model, args.prune)
    if args.held_out and args.kind == "pair":
        report_held_out(model, shared, pipe, coder)
    out.write_text(model.to_json("event sides ranker; trained by training/events/train_sides.py on shared/data/silver, training/data and the arabic_event_gsr span sets"), encoding="utf-8")
    print(f"wrote {len(model.weights)} weights to {out}")


if __name__ == "__main__":
    main()
