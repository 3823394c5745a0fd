"""A filter that learns which of the rules' candidates are records.

The rules propose candidates generously; a small logistic regression over what they saw
(`Record.features`: the rule, the sentence's cues, which fields the sentence gave) keeps
those that analysts' gold, or their review decisions, show to be records. The model is
a JSON file of weights, read without scikit-learn; training needs scikit-learn.
"""

from __future__ import annotations

import json
import math
import os
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from kirok.errors import ModelError
from kirok.knowledge import data_path
from kirok.model import Record

SHIPPED = "filter_model.json"


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    bias: float
    threshold: float
    trained_on: dict[str, int] = field(default_factory=dict)  # examples per label

    def score(self, record: Record) -> float:
        z = self.bias + sum(self.weights.get(k, 0.0) * v for k, v in record.features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def keep(self, records: Sequence[Record]) -> list[Record]:
        """The records scored at the threshold or above, each with its score as its
        confidence."""
        kept = []
        for record in records:
            score = self.score(record)
            if score >= self.threshold:
                record.confidence = round(score, 3)
                kept.append(record)
        return kept

    def save(self, path: Path) -> None:
        path.write_text(json.dumps(asdict(self), indent=1, sort_keys=True) + "\n", "utf-8")


def load(path: Path) -> Model:
    data = json.loads(path.read_text(encoding="utf-8"))
    return Model(data["weights"], data["bias"], data["threshold"], data.get("trained_on", {}))


@cache
def shipped() -> Model | None:
    """The filter in use: the file KIROK_FILTER_MODEL names (`kirok train -o`), else the
    one shipped with Kirok, if any."""
    chosen = os.environ.get("KIROK_FILTER_MODEL")
    path = Path(chosen) if chosen else data_path(SHIPPED)
    if not path.is_file():
        if chosen:
            raise ModelError(f"KIROK_FILTER_MODEL names {chosen}, which is no file")
        return None
    return load(path)


def fit(examples: Sequence[tuple[Record, bool]], missed: int = 0, c: float = 0.5) -> Model:
    """A model from candidates labelled record (True) or not, with the threshold that
    gives the best F1 on its own training examples' cross-validated scores; `missed`
    counts the records no candidate found, which recall must count too."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import cross_val_predict

    features = [r.features for r, _ in examples]
    labels = [int(y) for _, y in examples]
    if len(set(labels)) < 2:
        raise ModelError(
            "training needs both records and non-records among the candidates: "
            "give more gold, or review more records"
        )
    vectors = DictVectorizer()
    x = vectors.fit_transform(features)
    classifier = LogisticRegression(C=c, max_iter=2000)
    folds = min(5, min(labels.count(0), labels.count(1)))
    threshold = 0.5
    if folds >= 2:
        scores = cross_val_predict(classifier, x, labels, cv=folds, method="predict_proba")[:, 1]
        threshold = best_threshold(list(scores), labels, missed)
    classifier.fit(x, labels)
    weights = {
        name: round(float(w), 5)
        for name, w in zip(vectors.get_feature_names_out(), classifier.coef_[0], strict=True)
        if abs(w) > 1e-6
    }
    counts = {"records": labels.count(1), "non_records": labels.count(0)}
    return Model(weights, round(float(classifier.intercept_[0]), 5), threshold, counts)


def best_threshold(scores: list[float], labels: list[int], missed: int = 0) -> float:
    """The cut that maximises F1 over the candidates, never above 0.5 (recall lost to the
    filter is not regained later)."""
    positives = sum(labels) + missed
    best, best_f1 = 0.0, -1.0
    for cut in [n / 100 for n in range(5, 51)]:
        kept = [y for s, y in zip(scores, labels, strict=True) if s >= cut]
        tp = sum(kept)
        if not kept or not positives:
            continue
        p, r = tp / len(kept), tp / positives
        f1 = 2 * p * r / (p + r) if p + r else 0.0
        if f1 > best_f1 + 1e-9:
            best, best_f1 = cut, f1
    return best
