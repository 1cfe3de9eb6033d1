"""The learned document model at run time: small JSON weights, numpy, no scikit-learn.

Two linear heads over the same hashed features (`classifiers.features`): one says what the page
is about (topic), one what kind of paper it is. A kind's probability is the product of its
topic's and its paper's (`classifiers.kinds`); `other` is the rest. The file is written by
`make model` (fixtures/training/train.py); a test checks it is exactly what the trainer makes.

There are two such models, one per stage of `classifiers.kinds`: the first kinds' (`kinds.json`)
and the family documents' (`family.json`, which also reads the family concepts).
"""

from __future__ import annotations

import base64
import json
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from classifiers.features import (
    FAMILY_FEATURES,
    FIRST_FEATURES,
    FeatureSet,
    feature_index,
    for_topic,
    hashed,
    page_features,
)
from classifiers.kinds import PAPER_NAMES, TOPIC_NAMES, KindRule, stage_rules, supported
from classifiers.types import Kind

MODEL_PATH = Path(__file__).parent / "model" / "kinds.json"
FAMILY_MODEL_PATH = Path(__file__).parent / "model" / "family.json"
FEATURE_SETS: dict[str, FeatureSet] = {"first": FIRST_FEATURES, "family": FAMILY_FEATURES}


@dataclass(frozen=True)
class Head:
    name: str
    classes: tuple[str, ...]
    bias: np.ndarray  # (classes,)
    weights: np.ndarray  # (classes, dim)
    # Each class's weights minus the mean of the others: how much a feature favours it.
    contrast: np.ndarray  # (classes, dim)

    def probabilities(self, indices: list[int], values: list[float]) -> np.ndarray:
        scores = self.bias + self.weights[:, indices] @ np.asarray(values, dtype=np.float32)
        scores = scores - scores.max()
        exp = np.exp(scores)
        return exp / exp.sum()


def encode_matrix(matrix: np.ndarray) -> str:
    return base64.b64encode(np.ascontiguousarray(matrix, dtype="<f2").tobytes()).decode("ascii")


def decode_matrix(text: str, rows: int, columns: int) -> np.ndarray:
    flat = np.frombuffer(base64.b64decode(text), dtype="<f2")
    return flat.reshape(rows, columns).astype(np.float32)


@dataclass(frozen=True)
class Prediction:
    """One page as the model sees it."""

    topic: dict[str, float]
    paper: dict[str, float]
    kinds: dict[Kind, float]
    reasons: dict[Kind, tuple[str, ...]]
    # The subject concepts named on the page ("c:tb", "c:crime", ...).
    concepts: frozenset[str] = frozenset()

    def ranked(self) -> list[tuple[Kind, float]]:
        # Ties broken by the order of Kind, so the ranking never depends on dict order.
        order = list(Kind)
        return sorted(self.kinds.items(), key=lambda item: (-item[1], order.index(item[0])))


class KindModel:
    def __init__(self, dim: int, topic: Head, paper: Head, meta: dict[str, object],
                 stage: str = "first") -> None:
        self.dim = dim
        self.topic = topic
        self.paper = paper
        self.meta = meta
        self.stage = stage
        self.rules: tuple[KindRule, ...] = stage_rules(stage)
        self.feature_set = FEATURE_SETS[stage]

    @classmethod
    def from_json(cls, data: dict[str, object]) -> KindModel:
        dim = int(data["dim"])  # type: ignore[call-overload]
        heads = {}
        for name in ("topic", "paper"):
            head = data["heads"][name]  # type: ignore[index]
            classes = tuple(head["classes"])
            weights = decode_matrix(head["weights"], len(classes), dim)
            rest = (weights.sum(axis=0, keepdims=True) - weights) / max(1, len(classes) - 1)
            heads[name] = Head(name, classes, np.asarray(head["bias"], dtype=np.float32),
                               weights, weights - rest)
        # A file without a stage is the first kinds' (written before there were two).
        stage = str(data.get("stage", "first"))
        return cls(dim, heads["topic"], heads["paper"], dict(data.get("meta", {})),  # type: ignore[arg-type]
                   stage)

    def predict(self, text: str) -> Prediction:
        features = page_features(text, self.feature_set)
        indices, values = hashed(features, self.dim)
        topic_indices, topic_values = hashed(features, self.dim, topic_only=True,
                                             feature_set=self.feature_set)
        readable = [(name, feature_index(name, self.dim), value)
                    for name, value in zip(features.names, features.values, strict=True)
                    if _worth_showing(name)]
        topic = dict(zip(self.topic.classes,
                         self.topic.probabilities(topic_indices, topic_values).tolist(),
                         strict=True))
        paper = dict(zip(self.paper.classes, self.paper.probabilities(indices, values).tolist(),
                         strict=True))
        concepts = frozenset(name for name in features.names if name.startswith("c:"))
        kinds: dict[Kind, float] = {}
        for rule in self.rules:
            kinds[rule.kind] = topic.get(rule.topic, 0.0) * paper.get(rule.paper, 0.0) \
                if supported(rule, concepts) else 0.0
        kinds[Kind.OTHER] = max(0.0, 1.0 - sum(kinds.values()))
        reasons = {kind: self._reasons(kind, readable, topic, paper) for kind in kinds}
        return Prediction(topic, paper, kinds, reasons, concepts)

    def _reasons(self, kind: Kind, features: list[tuple[str, int, float]], topic: dict[str, float],
                 paper: dict[str, float]) -> tuple[str, ...]:
        rule = next((r for r in self.rules if r.kind is kind), None)
        if rule is None:  # other: say what it is instead
            best_topic = max(topic, key=topic.__getitem__)
            best_paper = max(paper, key=paper.__getitem__)
            pairs = [(self.topic, best_topic, TOPIC_NAMES), (self.paper, best_paper, PAPER_NAMES)]
        else:
            pairs = [(self.topic, rule.topic, TOPIC_NAMES), (self.paper, rule.paper, PAPER_NAMES)]
        out = []
        for head, name, names in pairs:
            probability = (topic if head is self.topic else paper)[name]
            shown = [f for f in features
                     if head is not self.topic or for_topic(f[0], self.feature_set)]
            signals = self.top_signals(head, name, shown)
            shown = f": {', '.join(signals)}" if signals else ""
            out.append(f"{names.get(name, name)} ({probability:.2f}){shown}")
        return tuple(out)

    def top_signals(self, head: Head, name: str, features: list[tuple[str, int, float]],
                    limit: int = 4) -> list[str]:
        """The readable features that pushed hardest towards `name`."""
        if not features:
            return []
        row = head.contrast[head.classes.index(name)]
        contributions = row[[index for _, index, _ in features]] * np.asarray(
            [value for _, _, value in features], dtype=np.float32)
        order = sorted(range(len(features)),
                       key=lambda i: (-float(contributions[i]), features[i][0]))
        return [_readable(features[i][0]) for i in order[:limit] if contributions[i] > 0]


_CUES = {
    "l:fields_many": "many fields to fill in", "l:fields_few": "fields to fill in",
    "l:checkbox_many": "check boxes", "l:checkbox_few": "check boxes",
    "l:yesno_many": "yes/no questions", "l:yesno_few": "yes/no questions",
    "l:placeholder_date_few": "date fields", "l:placeholder_date_1": "a date field",
    "l:digit_date_few": "written dates", "l:salutation": "a salutation",
    "l:mail_headers": "e-mail headers", "l:url": "a web address", "l:breadcrumb": "web navigation",
    "l:mrz_p": "a passport MRZ line", "l:mrz_other": "an ID-card or visa MRZ line",
    "l:questions_many": "many questions", "l:first_person_many": "first-person statements",
    "l:first_person_few": "first-person statements",
}


def _worth_showing(name: str) -> bool:
    """Words of four letters or more, word pairs, concepts and the named layout cues."""
    if name in _CUES or name.startswith("c:"):
        return True
    if name.startswith("w:"):
        return len(name) >= 6 and not name[2:].isdigit()
    return name.startswith("b:") and len(name) >= 9


def _readable(feature: str) -> str:
    kind, _, rest = feature.partition(":")
    if kind == "c":
        concept, _, level = rest.partition("_")
        if level in ("several", "many"):  # how many different words name the subject
            return f"{level} {concept} words"
        return f"{rest} words"
    if kind == "l":
        return _CUES.get(feature, rest.replace("_", " "))
    return "'" + rest.replace("_", " ") + "'"


_LOCK = threading.Lock()
_LOADED: dict[Path, KindModel] = {}


def load(path: Path = MODEL_PATH) -> KindModel:
    """The model, read once per process."""
    with _LOCK:
        model = _LOADED.get(path)
        if model is None:
            model = KindModel.from_json(json.loads(path.read_text(encoding="utf-8")))
            _LOADED[path] = model
        return model


def load_family(path: Path = FAMILY_MODEL_PATH) -> KindModel:
    """The family stage's model, read once per process."""
    return load(path)


__all__ = ["FAMILY_MODEL_PATH", "MODEL_PATH", "Head", "KindModel", "Prediction", "decode_matrix",
           "encode_matrix", "load", "load_family"]
