"""Train the BiLSTM-CRF with torch; export numpy weights for ahdath.ner.neural.

usage: python training/ner/nn_train.py NAME [--full] [--epochs N] [--vocab N] [--hidden N] [--seed N]
Without --full: trains on train minus the dev slice and reports dev F1 after every epoch (keeps the best).
With --full: trains on the whole training file for --epochs epochs.
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import TRAIN_FILE, WORK, entity_prf, format_prf, load_tagged, split_train_dev  # noqa: E402

from ahdath.ner.features import FeatureExtractor, load_gazetteer  # noqa: E402
from ahdath.ner.neural import GAZ_TYPES, MAX_CHARS, TAGS, Featurizer, NeuralTagger, NumpyBiLSTMCRF, n_feats  # noqa: E402
from ahdath.ner.text import fold_key  # noqa: E402


def corpus_counts(corpus: Path) -> Counter[str]:
    cache = WORK / "ant_counts.tsv"
    if cache.is_file():
        c: Counter[str] = Counter()
        for line in cache.open(encoding="utf-8"):
            w, n = line.rstrip("\n").split("\t")
            c[w] = int(n)
        return c
    c = Counter()
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            c.update(line.split())
    with cache.open("w", encoding="utf-8") as w:
        for word, n in c.most_common():
            if n >= 2 and "\t" not in word:
                w.write(f"{word}\t{n}\n")
    return corpus_counts(corpus)  # from the cache, so that every run sees the same counts


def build_vocab(vectors: Path, corpus: Path, train_words: list[str], size: int) -> tuple[list[str], np.ndarray]:
    import floret

    model = floret.load_model(str(vectors))
    counts = corpus_counts(corpus)
    words = ["<unk>"] + [w for w, _ in counts.most_common(size)]
    seen = set(words)
    words += [w for w in dict.fromkeys(train_words) if w not in seen]
    mat = np.stack([np.zeros(model.get_dimension(), dtype=np.float32)] + [model.get_word_vector(w) for w in words[1:]])
    mat /= np.linalg.norm(mat, axis=1, keepdims=True) + 1e-8
    return words, mat.astype(np.float32)


class CRF(nn.Module):
    def __init__(self, n: int) -> None:
        super().__init__()
        self.trans = nn.Parameter(torch.zeros(n, n))
        self.start = nn.Parameter(torch.zeros(n))
        self.end = nn.Parameter(torch.zeros(n))

    def nll(self, em: torch.Tensor, tags: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
        b, t, n = em.shape
        maskf = mask.float()
        # gold score
        score = self.start[tags[:, 0]] + em[:, 0].gather(1, tags[:, :1]).squeeze(1)
        for s in range(1, t):
            step = self.trans[tags[:, s - 1], tags[:, s]] + em[:, s].gather(1, tags[:, s : s + 1]).squeeze(1)
            score = score + step * maskf[:, s]
        last = tags.gather(1, (mask.sum(1) - 1).unsqueeze(1)).squeeze(1)
        score = score + self.end[last]
        # partition
        alpha = self.start + em[:, 0]
        for s in range(1, t):
            nxt = torch.logsumexp(alpha.unsqueeze(2) + self.trans.unsqueeze(0), dim=1) + em[:, s]
            alpha = torch.where(mask[:, s : s + 1], nxt, alpha)
        logz = torch.logsumexp(alpha + self.end, dim=1)
        return (logz - score).sum()


class Net(nn.Module):
    def __init__(
        self,
        emb: np.ndarray,
        n_chars: int,
        hidden: int,
        n_idx: int = 1,
        char_dim: int = 25,
        char_filters: int = 50,
        gaz_types: tuple[str, ...] = GAZ_TYPES,
        lm: dict[str, np.ndarray] | None = None,
    ) -> None:
        super().__init__()
        self.gaz_types = gaz_types
        self.lm = None
        lm_dim = 0
        if lm is not None:  # a frozen pretrained bidirectional LM (lm_train.py): its states are extra inputs
            self.lm_weights = lm
            hl = lm["lm_f_wh"].shape[0]
            self.lm = nn.ModuleDict({d: nn.LSTM(emb.shape[1], hl, batch_first=True) for d in ("f", "b")})
            for d, m in self.lm.items():
                m.weight_ih_l0.data = torch.from_numpy(lm[f"lm_{d}_wi"].T.copy())
                m.weight_hh_l0.data = torch.from_numpy(lm[f"lm_{d}_wh"].T.copy())
                m.bias_ih_l0.data = torch.from_numpy(lm[f"lm_{d}_b"].copy())
                m.bias_hh_l0.data = torch.zeros_like(m.bias_hh_l0.data)
                m.requires_grad_(False)
            lm_dim = 2 * hl
        self.word_emb = nn.Embedding.from_pretrained(torch.from_numpy(emb), freeze=True)
        self.char_emb = nn.Embedding(n_chars, char_dim, padding_idx=0)
        self.char_conv = nn.Conv1d(char_dim, char_filters, 3, padding=1)
        self.drop_in = nn.Dropout(0.5)
        self.lstm = nn.LSTM(n_idx * emb.shape[1] + char_filters + n_feats(gaz_types) + lm_dim, hidden, batch_first=True, bidirectional=True)
        self.drop_out = nn.Dropout(0.3)
        self.out = nn.Linear(2 * hidden, len(TAGS))
        self.crf = CRF(len(TAGS))

    def emissions(self, idx, ch, feats, lengths):
        b, t, c = ch.shape
        ce = self.char_emb(ch.view(b * t, c)).transpose(1, 2)  # (BT, D, C)
        conv = self.char_conv(ce)  # (BT, F, C)
        cmask = (ch.view(b * t, 1, c) > 0)
        conv = conv.masked_fill(~cmask, -1e4).max(dim=2).values
        conv = torch.where(conv < -1e3, torch.zeros_like(conv), conv).view(b, t, -1)
        parts = [self.word_emb(idx).view(b, t, -1), conv, feats]
        if self.lm is not None:
            parts.append(self.lm_states(idx[:, :, 0], lengths))
        x = torch.cat(parts, dim=2)
        x = self.drop_in(x)
        packed = nn.utils.rnn.pack_padded_sequence(x, lengths.cpu(), batch_first=True, enforce_sorted=False)
        h, _ = self.lstm(packed)
        h, _ = nn.utils.rnn.pad_packed_sequence(h, batch_first=True, total_length=t)
        return self.out(self.drop_out(h))

    def lm_states(self, idx: torch.Tensor, lengths: torch.Tensor) -> torch.Tensor:
        """(B, T, 2H) forward and backward LM states (frozen, no gradient) of the word vectors idx."""
        assert self.lm is not None
        b, t = idx.shape
        with torch.no_grad():
            x = self.word_emb(idx)
            hf, _ = self.lm["f"](x)
            rev = (lengths.to(idx.device)[:, None] - 1 - torch.arange(t, device=idx.device)[None, :]).clamp(min=0)
            hb, _ = self.lm["b"](x.gather(1, rev[:, :, None].expand_as(x)))
            hb = hb.gather(1, rev[:, :, None].expand_as(hb))
        return torch.cat([hf, hb], dim=2)

    def export(self) -> dict[str, np.ndarray]:
        sd = {k: v.detach().cpu().numpy() for k, v in self.state_dict().items() if not k.startswith("lm.")}
        w: dict[str, np.ndarray] = {
            "word_emb": sd["word_emb.weight"].astype(np.float16),
            "char_emb": sd["char_emb.weight"],
            "out_w": sd["out.weight"].T.copy(),
            "out_b": sd["out.bias"],
            "crf_trans": sd["crf.trans"],
            "crf_start": sd["crf.start"],
            "crf_end": sd["crf.end"],
        }
        cw = sd["char_conv.weight"]  # (F, D, k)
        w["char_conv_w"] = cw.transpose(2, 1, 0).reshape(-1, cw.shape[0]).copy()
        w["char_conv_b"] = sd["char_conv.bias"]
        if self.gaz_types != GAZ_TYPES:
            w["gaz_types"] = np.array(self.gaz_types)
        if self.lm is not None:
            w.update(self.lm_weights)
        for d, suf in (("f", ""), ("b", "_reverse")):
            w[f"lstm_{d}_wi"] = sd[f"lstm.weight_ih_l0{suf}"].T.copy()
            w[f"lstm_{d}_wh"] = sd[f"lstm.weight_hh_l0{suf}"].T.copy()
            w[f"lstm_{d}_b"] = sd[f"lstm.bias_ih_l0{suf}"] + sd[f"lstm.bias_hh_l0{suf}"]
        return w


def make_batch(feat: Featurizer, sents: list[tuple[list[str], list[str]]], word_dropout: float = 0.0, device: str = "cpu"):
    t = max(len(s[0]) for s in sents)
    b = len(sents)
    idx = np.zeros((b, t, feat.n_idx), dtype=np.int64)
    ch = np.zeros((b, t, MAX_CHARS), dtype=np.int64)
    fs = np.zeros((b, t, n_feats(feat.gaz_types)), dtype=np.float32)
    tags = np.zeros((b, t), dtype=np.int64)
    lengths = np.zeros(b, dtype=np.int64)
    for r, (toks, tg) in enumerate(sents):
        a, c, f = feat.sentence(toks)
        n = len(toks)
        idx[r, :n], ch[r, :n], fs[r, :n], lengths[r] = a, c, f, n
        tags[r, :n] = [TAGS.index(x) for x in tg]
    mask = np.arange(t)[None, :] < lengths[:, None]
    if word_dropout > 0:  # the token's word and stem vectors replaced by the unknown row (0)
        idx[np.random.random((b, t)) < word_dropout] = 0
    lengths_t = torch.from_numpy(lengths)
    return (*(torch.from_numpy(x).to(device) for x in (idx, ch, fs)), lengths_t,
            *(torch.from_numpy(x).to(device) for x in (tags, mask)))


def save_model(out_dir: Path, net: Net, words: list[str], chars: list[str], meta: dict) -> None:
    out_dir.mkdir(parents=True, exist_ok=True)
    np.savez(out_dir / "bilstm.npz", **net.export())
    (out_dir / "vocab.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    (out_dir / "chars.txt").write_text("\n".join(chars) + "\n", encoding="utf-8")
    (out_dir / "nn_meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> tuple[float, int]:
    ap = argparse.ArgumentParser()
    ap.add_argument("name")
    ap.add_argument("--full", action="store_true")
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--vocab", type=int, default=100_000)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--batch", type=int, default=16)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--stem-emb", action="store_true", help="also feed the clitic-stripped stem's vector")
    ap.add_argument("--char-filters", type=int, default=50)
    ap.add_argument("--out", type=Path)
    ap.add_argument("--gazetteer", type=Path, default=WORK / "gazetteer.tsv")
    ap.add_argument("--word-dropout", type=float, default=0.0, help="training: replace a token's vectors by <unk> with this probability")
    ap.add_argument("--extra", type=Path, help="more hand-tagged sentences (token tag lines, e.g. training/data/ner) added to training")
    ap.add_argument("--extra-weight", type=float, default=1.0, help="loss weight of the --extra sentences")
    ap.add_argument("--silver", type=Path, help="extra machine-tagged sentences (token tag lines) added to training")
    ap.add_argument("--silver-weight", type=float, default=0.5, help="loss weight of the silver sentences")
    ap.add_argument("--device", default="cpu")
    ap.add_argument("--lm", type=Path, help="pretrained bidirectional LM (lm_train.py): its states as extra inputs")
    ap.add_argument("--avg-from", type=int, default=0, help="also keep the average of the weights from this epoch on (0: off)")
    a = ap.parse_args(argv)
    torch.manual_seed(a.seed)
    random.seed(a.seed)
    np.random.seed(a.seed)
    torch.set_num_threads(a.threads)
    t0 = time.time()
    sents = load_tagged(TRAIN_FILE)
    train, dev = (sents, []) if a.full else split_train_dev(sents)
    n_aner = len(train)
    if a.extra:  # hand-tagged sentences: batched with the gold ones, weighted by --extra-weight
        train = train + load_tagged(a.extra)
    train_words = [fold_key(t) for toks, _ in train for t in toks]
    words, emb = build_vocab(WORK / "ant_ft.bin", WORK / "ant_tokens.txt", train_words, a.vocab)
    char_counts = Counter(c for w in train_words for c in w)
    chars = ["<pad>", "<unk>"] + [c for c, n in char_counts.most_common() if n >= 2]
    gaz = load_gazetteer(a.gazetteer)
    fx = FeatureExtractor({}, gaz)
    n_idx = 2 if a.stem_emb else 1
    kinds = {k for v in gaz.values() for k in v.split("|")}
    gaz_types = GAZ_TYPES + tuple(sorted(kinds - set(GAZ_TYPES)))
    feat = Featurizer({w: i for i, w in enumerate(words) if i}, {c: i for i, c in enumerate(chars) if i > 1}, fx, n_idx, gaz_types)
    lm = None
    if a.lm:
        with np.load(a.lm) as z:
            lm = {k: z[k].astype(np.float32) for k in z.files}
    net = Net(emb, len(chars), a.hidden, n_idx=n_idx, char_filters=a.char_filters, gaz_types=gaz_types, lm=lm).to(a.device)
    opt = torch.optim.Adam([p for p in net.parameters() if p.requires_grad], lr=a.lr)
    print(f"setup {time.time() - t0:.0f}s vocab {len(words)} chars {len(chars)}", flush=True)
    out_dir = a.out or (WORK / "nn" / a.name)
    best = (-1.0, 0)
    avg: dict[str, torch.Tensor] | None = None
    n_avg = 0
    n_gold = len(train)
    if a.silver:  # after the gold sentences; their own batches, weighted by --silver-weight
        train = train + load_tagged(a.silver)
    batches = []
    for lo, hi in ((0, n_aner), (n_aner, n_gold)):  # ANERcorp and --extra sentences in batches of their own
        order = sorted(range(lo, hi), key=lambda i: len(train[i][0]))
        batches += [order[i : i + a.batch] for i in range(0, len(order), a.batch)]
    order = sorted(range(n_gold, len(train)), key=lambda i: len(train[i][0]))
    batches += [order[i : i + a.batch] for i in range(0, len(order), a.batch)]
    for ep in range(1, a.epochs + 1):
        net.train()
        random.shuffle(batches)
        tot = 0.0
        for bi in batches:
            idx, ch, fs, lengths, tags, mask = make_batch(feat, [train[i] for i in bi], a.word_dropout, a.device)
            em = net.emissions(idx, ch, fs, lengths)
            loss = net.crf.nll(em, tags, mask)
            opt.zero_grad()
            weight = a.silver_weight if bi[0] >= n_gold else a.extra_weight if bi[0] >= n_aner else 1.0
            (weight * loss / len(bi)).backward()
            nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            tot += loss.item()
        for g in opt.param_groups:
            g["lr"] = a.lr / (1 + 0.05 * ep)
        msg = f"epoch {ep} loss {tot / len(train):.3f} {time.time() - t0:.0f}s"
        candidates = [(net, ep, "")]
        if a.avg_from and ep >= a.avg_from:
            state = net.state_dict()
            if avg is None:
                avg, n_avg = {k: v.detach().clone() for k, v in state.items()}, 1
            else:
                n_avg += 1
                for k, v in state.items():
                    if v.is_floating_point():
                        avg[k] += (v.detach() - avg[k]) / n_avg
            avg_net = copy.deepcopy(net)
            avg_net.load_state_dict(avg)
            candidates.append((avg_net, ep, f"avg{a.avg_from}-{ep}"))
        for model, e, tag in candidates if dev else []:
            model.eval()
            weights = {k: v.astype(np.float32) for k, v in model.export().items() if k != "gaz_types"}
            tagger = NeuralTagger(feat, NumpyBiLSTMCRF(weights, gaz_types))
            res = entity_prf([g for _, g in dev], tagger.tag([t for t, _ in dev]))
            f1 = res["micro"][2]
            msg += f" dev F1 {tag or 'epoch'} {100 * f1:.2f}"
            if f1 > best[0]:
                best = (f1, e)
                meta = {"epoch": e, "averaged": tag, "dev_f1": round(100 * f1, 2), **vars(a)}
                save_model(out_dir, model, words, chars, meta | {"out": None, "gazetteer": str(a.gazetteer), "silver": a.silver and str(a.silver), "extra": a.extra and str(a.extra), "lm": a.lm and str(a.lm)})
                (out_dir / "dev_report.txt").write_text(format_prf(res) + "\n", encoding="utf-8")
        print(msg, flush=True)
    if not dev:
        final = candidates[-1][0]
        meta = {"epoch": a.epochs, "averaged": candidates[-1][2], **vars(a)}
        save_model(out_dir, final, words, chars, meta | {"out": None, "gazetteer": str(a.gazetteer), "silver": a.silver and str(a.silver), "extra": a.extra and str(a.extra), "lm": a.lm and str(a.lm)})
    print(f"best {best} total {time.time() - t0:.0f}s", flush=True)
    return best


if __name__ == "__main__":
    main()
