"""Pretrain a small word-level bidirectional LSTM language model on ANT news (unlabelled, Apache-2.0)
whose hidden states become contextual input features of the NER BiLSTM (ELMo/TagLM-style, frozen).

Input per token: the same frozen subword vector as the NER network's first vector (the folded word's,
or its clitic-stripped stem's when the word is not in the vector table). The forward LSTM predicts the
next word, the backward LSTM the previous one, each scored against the vectors of the distinct words
of the batch (in-batch softmax over the frozen vector table, no output vocabulary to learn or ship).
Sentences are cut at sentence-final punctuation (3-60 tokens), as the tagger sees them.

usage: python training/ner/lm_train.py OUT.npz [--hidden 128] [--tokens 3000000] [--threads 1] [--device cpu]
The export holds lm_{f,b}_{wi,wh,b} (torch gate order i f g o, biases summed), loaded by
ahdath.ner.neural.NumpyBiLSTMCRF through nn_train.py --lm.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import numpy as np
import torch
from torch import nn

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import TRAIN_FILE, WORK, load_tagged, split_train_dev  # noqa: E402

from ahdath.ner.features import FeatureExtractor  # noqa: E402
from ahdath.ner.tagger import SENT_END  # noqa: E402
from ahdath.ner.text import fold_key  # noqa: E402


def corpus_index(corpus: Path, vocab: dict[str, int], max_tokens: int, seed: int, lo: int = 3, hi: int = 60) -> list[np.ndarray]:
    """Sentences of the folded corpus as vector-table rows (word, else its stem, else 0), shuffled,
    the first ones up to max_tokens tokens."""
    fx = FeatureExtractor({}, {})
    row: dict[str, int] = {}

    def ix(w: str) -> int:
        r = row.get(w)
        if r is None:
            r = row[w] = vocab.get(w) or vocab.get(fx.stem(w)[1], 0)
        return r

    sents: list[list[int]] = []
    with corpus.open(encoding="utf-8") as f:
        for line in f:
            cur: list[int] = []
            for t in line.split():
                cur.append(ix(t))
                if t in SENT_END or len(cur) >= hi:
                    if len(cur) >= lo:
                        sents.append(cur)
                    cur = []
            if len(cur) >= lo:
                sents.append(cur)
    random.Random(seed).shuffle(sents)
    out, n = [], 0
    for s in sents:
        if n >= max_tokens:
            break
        out.append(np.array(s, dtype=np.int64))
        n += len(s)
    return out


class BiLM(nn.Module):
    def __init__(self, emb: np.ndarray, hidden: int) -> None:
        super().__init__()
        self.emb = nn.Embedding.from_pretrained(torch.from_numpy(emb), freeze=True)
        d = emb.shape[1]
        self.fwd = nn.LSTM(d, hidden, batch_first=True)
        self.bwd = nn.LSTM(d, hidden, batch_first=True)
        self.proj_f = nn.Linear(hidden, d)
        self.proj_b = nn.Linear(hidden, d)
        self.drop = nn.Dropout(0.1)

    def loss(self, idx: torch.Tensor, lengths: torch.Tensor) -> tuple[torch.Tensor, int]:
        b, t = idx.shape
        x = self.emb(idx)
        mask = torch.arange(t, device=idx.device)[None, :] < lengths[:, None]
        hf, _ = self.fwd(x)
        rev = (lengths[:, None] - 1 - torch.arange(t, device=idx.device)[None, :]).clamp(min=0)
        xr = x.gather(1, rev[:, :, None].expand_as(x))
        hb_r, _ = self.bwd(xr)
        hb = hb_r.gather(1, rev[:, :, None].expand(b, t, hb_r.shape[2]))  # back in sentence order
        uniq, inv = torch.unique(idx, return_inverse=True)
        cand = self.emb(uniq)  # (U, d)
        total = torch.zeros((), device=idx.device)
        count = 0
        # forward: h_f[t] predicts token t+1; backward: h_b[t] predicts token t-1 (known words only)
        for h, proj, src, tgt in ((hf, self.proj_f, slice(0, t - 1), slice(1, t)), (hb, self.proj_b, slice(1, t), slice(0, t - 1))):
            m = mask[:, tgt] & mask[:, src] & (idx[:, tgt] > 0)
            q = proj(self.drop(h[:, src][m]))  # (M, d)
            logits = q @ cand.T
            total = total + nn.functional.cross_entropy(logits, inv[:, tgt][m], reduction="sum")
            count += int(m.sum())
        return total, count

    def export(self) -> dict[str, np.ndarray]:
        sd = {k: v.detach().cpu().numpy().astype(np.float32) for k, v in self.state_dict().items()}
        out = {}
        for d, name in (("f", "fwd"), ("b", "bwd")):
            out[f"lm_{d}_wi"] = sd[f"{name}.weight_ih_l0"].T.copy()
            out[f"lm_{d}_wh"] = sd[f"{name}.weight_hh_l0"].T.copy()
            out[f"lm_{d}_b"] = sd[f"{name}.bias_ih_l0"] + sd[f"{name}.bias_hh_l0"]
        return out


def main(argv: list[str] | None = None) -> float:
    from nn_train import build_vocab

    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--tokens", type=int, default=3_000_000, help="corpus tokens (one pass)")
    ap.add_argument("--epochs", type=int, default=1)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--threads", type=int, default=1)
    ap.add_argument("--device", default="cpu")
    a = ap.parse_args(argv)
    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)
    t0 = time.time()
    train, _ = split_train_dev(load_tagged(TRAIN_FILE))
    words, emb = build_vocab(WORK / "ant_ft.bin", WORK / "ant_tokens.txt", [fold_key(t) for toks, _ in train for t in toks], 100_000)
    vocab = {w: i for i, w in enumerate(words) if i}
    sents = corpus_index(WORK / "ant_tokens.txt", vocab, a.tokens, a.seed)
    held = sents[-200:]  # a few sentences to report the loss on
    sents = sents[:-200]
    print(f"setup {time.time() - t0:.0f}s: {len(sents)} sentences, {sum(map(len, sents))} tokens", flush=True)
    net = BiLM(emb, a.hidden).to(a.device)
    opt = torch.optim.Adam([p for p in net.parameters() if p.requires_grad], lr=a.lr)
    order = sorted(range(len(sents)), key=lambda i: len(sents[i]))
    batches = [order[i : i + a.batch] for i in range(0, len(order), a.batch)]

    def batch(rows: list[np.ndarray]) -> tuple[torch.Tensor, torch.Tensor]:
        t = max(map(len, rows))
        idx = np.zeros((len(rows), t), dtype=np.int64)
        for r, s in enumerate(rows):
            idx[r, : len(s)] = s
        return torch.from_numpy(idx).to(a.device), torch.tensor([len(s) for s in rows], device=a.device)

    def held_loss() -> float:
        net.eval()
        with torch.no_grad():
            tot, n = net.loss(*batch(held))
        net.train()
        return float(tot) / max(n, 1)

    rng = random.Random(a.seed)
    steps = len(batches) * a.epochs
    step = 0
    for _ in range(a.epochs):
        rng.shuffle(batches)
        run, run_n = 0.0, 0
        for bi in batches:
            for g in opt.param_groups:  # linear decay to 10%
                g["lr"] = a.lr * (1 - 0.9 * step / steps)
            loss, n = net.loss(*batch([sents[i] for i in bi]))
            opt.zero_grad()
            (loss / max(n, 1)).backward()
            nn.utils.clip_grad_norm_(net.parameters(), 5.0)
            opt.step()
            run, run_n = run + float(loss.detach()), run_n + n
            step += 1
            if step % 500 == 0:
                print(f"step {step}/{steps} train {run / max(run_n, 1):.3f} held {held_loss():.3f} {time.time() - t0:.0f}s", flush=True)
                run, run_n = 0.0, 0
    final = held_loss()
    print(f"LM done: held-out loss {final:.3f} (in-batch softmax), {time.time() - t0:.0f}s", flush=True)
    a.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez(a.out, **net.export())
    return final


if __name__ == "__main__":
    main()
