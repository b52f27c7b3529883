"""Shared pieces of the trainers of the event coder's field models (``train_modes.py``, ``train_status.py``):
annotated events' sentences analysed once with their triggers located, and a multinomial logistic
regression written as ``LinearModel`` weights whose roles are the classes."""

from __future__ import annotations

from ahdath.language import analyze
from ahdath.model import Document


class SentenceTriggers:
    """Annotated sentences, each analysed once (language layer only), and the tokens of a trigger in one."""

    def __init__(self) -> None:
        self._docs: dict[str, Document] = {}

    def locate(self, sent: str, trig: str, skip_punct: bool = False) -> tuple[Document, int, int] | None:
        """The analysed sentence and the token range ``[start, end)`` its first occurrence of ``trig`` covers
        (punctuation tokens left out with ``skip_punct``); None when the trigger is not in the sentence."""
        if not trig or trig not in sent:
            return None
        doc = self._docs.get(sent)
        if doc is None:
            doc = self._docs[sent] = analyze(Document(id="s", text=sent))
        at = sent.index(trig)
        toks = [tk for tk in doc.tokens if tk.start < at + len(trig) and at < tk.end and not (skip_punct and tk.is_punct)]
        if not toks:
            return None
        return doc, toks[0].i, toks[-1].i + 1


def fit_roles(feats: list[list[str]], labels: list[str], c: float, prune: float, max_iter: int,
              prefix: str = "") -> tuple[dict[str, float], dict[str, float]]:
    """Weights (``"{prefix}{class}:{feature}"``, those under ``prune`` dropped) and biases (``"{prefix}{class}"``)
    of a logistic regression of ``labels`` on binary features; two classes are written as two roles too."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    x = vec.fit_transform([dict.fromkeys(f, 1) for f in feats])
    clf = LogisticRegression(C=c, max_iter=max_iter)
    clf.fit(x, labels)
    names = vec.get_feature_names_out()
    rows = clf.coef_ if len(clf.classes_) > 2 else [-clf.coef_[0], clf.coef_[0]]
    inter = clf.intercept_ if len(clf.classes_) > 2 else [-clf.intercept_[0], clf.intercept_[0]]
    weights: dict[str, float] = {}
    bias: dict[str, float] = {}
    for cls, row, b in zip(clf.classes_, rows, inter, strict=True):
        bias[f"{prefix}{cls}"] = round(float(b), 4)
        for name, w in zip(names, row, strict=True):
            if abs(w) >= prune:
                weights[f"{prefix}{cls}:{name}"] = round(float(w), 4)
    return weights, bias
