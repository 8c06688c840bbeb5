"""A linear classifier over string features, trained by scikit-learn, stored as JSON + npz.

The tagger scores a few dozen candidates per paragraph; a sparse dot product
done as dictionary look-ups is faster there than building matrices, and the
weights are plain numbers that load without running any code.
"""
from __future__ import annotations

import json
import math
from pathlib import Path

import numpy as np


class LinearModel:
    """Multinomial logistic regression over binary string features.

    Parameters
    ----------
    C : float, default 1.0
        Inverse regularisation strength, as in scikit-learn.
    class_weight : str or None, default None
        Passed to scikit-learn (``"balanced"`` for rare labels).

    >>> m = LinearModel(C=10.0).fit([["a"], ["a"], ["b"], ["b"]], ["X", "X", "Y", "Y"])
    >>> m.predict_proba(["a"])["X"] > 0.5
    True
    """

    def __init__(self, *, C: float = 1.0, class_weight=None):
        self.C = C
        self.class_weight = class_weight

    def fit(self, feature_lists, labels, *, seed: int = 0) -> "LinearModel":
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression

        vec = DictVectorizer()
        X = vec.fit_transform([dict.fromkeys(f, 1.0) for f in feature_lists])
        self.classes_ = sorted(set(labels))
        if len(self.classes_) == 1:  # degenerate corpus: always that label
            self.vocabulary_ = {}
            self.coef_ = np.zeros((1, 0))
            self.intercept_ = np.array([0.0])
            self._index()
            return self
        clf = LogisticRegression(C=self.C, class_weight=self.class_weight, max_iter=2000, random_state=seed)
        clf.fit(X, labels)
        self.classes_ = [str(c) for c in clf.classes_]
        self.vocabulary_ = {k: int(v) for k, v in vec.vocabulary_.items()}
        self.coef_ = clf.coef_.astype(np.float32)
        self.intercept_ = clf.intercept_.astype(np.float32)
        self._index()
        return self

    def _index(self) -> None:
        # feature -> row of weights (one per class row of coef_), for look-up scoring
        self._weights = {f: self.coef_[:, i].tolist() for f, i in self.vocabulary_.items()}
        self._bias = self.intercept_.tolist()

    def predict_proba(self, features) -> dict:
        """Probability of each class for one candidate's features."""
        scores = list(self._bias)
        for f in features:
            w = self._weights.get(f)
            if w is not None:
                for k in range(len(scores)):
                    scores[k] += w[k]
        if len(self.classes_) == 1:
            return {self.classes_[0]: 1.0}
        if len(self.classes_) == 2:  # binary: one row of weights for the second class
            p = 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, scores[0]))))
            return {self.classes_[0]: 1.0 - p, self.classes_[1]: p}
        top = max(scores)
        exps = [math.exp(s - top) for s in scores]
        total = sum(exps)
        return {c: e / total for c, e in zip(self.classes_, exps)}

    def to_disk(self, path) -> None:
        path = Path(path)
        path.mkdir(parents=True, exist_ok=True)
        (path / "model.json").write_text(json.dumps(
            {"classes": self.classes_, "C": self.C, "features": sorted(self.vocabulary_, key=self.vocabulary_.get)},
            ensure_ascii=False), encoding="utf-8")
        np.savez_compressed(path / "weights.npz", coef=self.coef_, intercept=self.intercept_)

    @classmethod
    def from_disk(cls, path) -> "LinearModel":
        path = Path(path)
        meta = json.loads((path / "model.json").read_text(encoding="utf-8"))
        with np.load(path / "weights.npz", allow_pickle=False) as data:
            coef, intercept = data["coef"], data["intercept"]
        m = cls(C=meta.get("C", 1.0))
        m.classes_ = meta["classes"]
        m.vocabulary_ = {f: i for i, f in enumerate(meta["features"])}
        if coef.shape[1] != len(m.vocabulary_):
            raise ValueError(f"{path}: {coef.shape[1]} weights for {len(m.vocabulary_)} features")
        m.coef_, m.intercept_ = coef, intercept
        m._index()
        return m
