"""Training entry points (``attune train ...``); needs ``pip install 'attune[train]'``.

Every run is deterministic (fixed seed, liblinear solver) and writes ``.npz`` weights that
:mod:`attune.models.linear` reads. Which data trains which model:

- ``emotions``: GoEmotions train (Apache-2.0; 28 labels mapped to attune's eight) plus three
  quarters of the project-written ``corpus/cx_emotions/train.jsonl`` (weight 4, and marked
  in-domain: see :func:`fit_linear`); thresholds tuned on the remaining quarter, which is held
  out from fitting. ``emotions_fine`` keeps the 28 labels (GoEmotions only; thresholds tuned on
  GoEmotions dev; C and vocabulary size compared in docs/quality.md).
- ``situations``: Bitext (CDLA-Sharing-1.0; intents mapped) plus the project-written set.
- ``mechanisms`` and ``stance``: the reply corpus' training part (``corpus/replies``), in
  :mod:`attune.models.train_replies`.

Retrain in that order when the data change: emotions and situations (the customer side every
reply model reads), then mechanisms and stance, then the neural heads (``attune train neural``).
EPITOME is never used to learn shipped weights (its license is non-commercial).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from attune.errors import UsageError
from attune.models.features import text_features
from attune.models.linear import LinearModel
from attune.taxonomy import EMOTIONS, SITUATIONS

SEED = 13


def _sklearn() -> Any:
    try:
        import scipy.sparse
        import sklearn  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise UsageError("training needs scikit-learn: pip install 'attune[train]'") from exc
    return scipy.sparse


def _best_threshold(p: np.ndarray, y: np.ndarray) -> float:
    best, best_f1 = 0.5, -1.0
    for t in np.arange(0.05, 0.96, 0.025):
        pred = p >= t
        tp = float(np.sum(pred & y))
        fp = float(np.sum(pred & ~y))
        fn = float(np.sum(~pred & y))
        f1 = 2 * tp / (2 * tp + fp + fn) if tp else 0.0
        if f1 > best_f1:
            best, best_f1 = float(t), f1
    return best


def fit_linear(
    name: str,
    labels: Sequence[str],
    texts: Sequence[str],
    gold: Sequence[set[str]],
    *,
    weights: Sequence[float] | None = None,
    rules: Sequence[dict[str, float]] | None = None,
    rule_inputs: Sequence[str] = (),
    calib_texts: Sequence[str] = (),
    calib_gold: Sequence[set[str]] = (),
    calib_rules: Sequence[dict[str, float]] | None = None,
    calib_weights: Sequence[float] | None = None,
    in_domain: Sequence[bool] | None = None,
    domain_bias: bool = False,
    c: float = 4.0,
    max_features: int = 60_000,
    rule_scale: float = 1.0,
    kinds: str = "wbc",
) -> LinearModel:
    """Fit one-vs-rest logistic regressions over TF-IDF features (+ rule scores); tune thresholds.

    ``in_domain`` marks the rows written like the texts the model will judge (customer-support
    messages, as against Reddit comments). Their features are also copied into a second block that
    only they use, so the fit learns general weights plus an in-domain correction (feature
    augmentation, Daume III 2007); the shipped weights are the sum, the model as it applies in
    the domain. Thresholds are then best calibrated on in-domain texts only. ``rule_scale``
    multiplies the rule scores in the fit (and divides their weights back), so the penalty holds
    them ``rule_scale**2`` times more loosely than the word features. ``kinds``: which text
    features to use, of ``w`` (words), ``b`` (word pairs), ``c`` (character n-grams) and the rest
    (``x``: shape and punctuation features), all by default."""
    sparse = _sklearn()
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    def features(text: str) -> list[str]:
        all_feats = text_features(text)
        if kinds == "wbc":
            return all_feats
        return [f for f in all_feats if (f[0] if f[1:2] == ":" and f[0] in "wbc" else "x") in kinds + "x"]

    feats = [features(t) for t in texts]
    vec = TfidfVectorizer(
        analyzer=lambda x: x, min_df=2, max_features=max_features, sublinear_tf=True, dtype=np.float32
    )
    x_text = vec.fit_transform(feats)

    def with_rules(x: Any, rows: Sequence[dict[str, float]] | None, scale: float = 1.0) -> Any:
        if not rule_inputs:
            return x
        r = np.array([[row.get(k, 0.0) for k in rule_inputs] for row in rows or []], dtype=np.float32)
        return sparse.hstack([x, sparse.csr_matrix(r * np.float32(scale))]).tocsr()

    x = with_rules(x_text, rules, rule_scale)
    n_vocab = x_text.shape[1]
    n_cols = x.shape[1]
    if in_domain is not None:
        dom = np.asarray(in_domain, dtype=np.float32)
        blocks = [x, sparse.diags(dom) @ x]
        if domain_bias:  # an in-domain intercept correction: the base rates differ between domains
            blocks.append(sparse.csr_matrix(dom[:, None]))
        x = sparse.hstack(blocks).tocsr()
    coef = np.zeros((n_vocab, len(labels)), dtype=np.float32)
    rule_coef = np.zeros((len(rule_inputs), len(labels)), dtype=np.float32)
    intercept = np.zeros(len(labels), dtype=np.float32)
    sw = np.asarray(weights, dtype=np.float64) if weights is not None else None
    for j, label in enumerate(labels):
        y = np.array([label in g for g in gold])
        if y.sum() == 0:
            intercept[j] = -10.0
            continue
        lr = LogisticRegression(C=c, class_weight="balanced", solver="liblinear", max_iter=200, random_state=SEED)
        lr.fit(x, y, sample_weight=sw)
        w = lr.coef_[0][:n_cols] + (lr.coef_[0][n_cols : 2 * n_cols] if in_domain is not None else 0.0)
        coef[:, j] = w[:n_vocab]
        rule_coef[:, j] = w[n_vocab:] * rule_scale
        intercept[j] = lr.intercept_[0] + (lr.coef_[0][2 * n_cols] if in_domain is not None and domain_bias else 0.0)
    vocab = {f: int(i) for f, i in vec.vocabulary_.items()}
    model = LinearModel(
        name=name,
        labels=tuple(labels),
        vocab=vocab,
        idf=vec.idf_.astype(np.float32),
        coef=coef,
        rule_inputs=tuple(rule_inputs),
        rule_coef=rule_coef,
        intercept=intercept,
        thresholds=np.full(len(labels), 0.5, dtype=np.float32),
    )
    if calib_texts:
        x_cal = with_rules(vec.transform([features(t) for t in calib_texts]), calib_rules)
        z = x_cal @ np.vstack([coef, rule_coef]) + intercept
        probs = 1.0 / (1.0 + np.exp(-np.asarray(z)))
        reps = np.asarray(calib_weights if calib_weights is not None else [1] * len(calib_texts), dtype=int)
        thresholds = []
        for j, label in enumerate(labels):
            y = np.repeat(np.array([label in g for g in calib_gold]), reps)
            thresholds.append(_best_threshold(np.repeat(probs[:, j], reps), y) if y.any() else 0.5)
        model = LinearModel(**{**model.__dict__, "thresholds": np.array(thresholds, dtype=np.float32)})
    return model


def _rule_emotions(texts: Sequence[str]) -> list[dict[str, float]]:
    from attune.errors import AttuneError
    from attune.perceive.analyze import rule_analysis

    out: list[dict[str, float]] = []
    for t in texts:
        try:
            a = rule_analysis(t)
        except AttuneError:
            out.append({})
            continue
        row = {f"e:{k}": v for k, v in a.emotions.items()}
        row.update({f"s:{k}": v for k, v in a.situations.items()})
        out.append(row)
    return out


EMOTION_RULES = tuple(f"e:{k}" for k in EMOTIONS)


def train_emotions(data: Path, corpus: Path, out: Path, *, fine: bool = True) -> dict[str, Any]:
    """Train ``emotions.v1`` (and ``emotions_fine.v1``) and write them to ``out``."""
    from attune.evaluate.readers import GOEMOTIONS_LABELS, read_goemotions
    from attune.evaluate.run import load_records

    go_train = list(read_goemotions(data / "goemotions" / "train.tsv"))
    go_dev = list(read_goemotions(data / "goemotions" / "dev.tsv"))
    cx = list(load_records(corpus / "cx_emotions" / "train.jsonl"))
    random.Random(SEED).shuffle(cx)
    cut = len(cx) * 3 // 4
    cx_fit, cx_cal = cx[:cut], cx[cut:]
    texts = [r["text"] for r in go_train] + [r["text"] for r in cx_fit]
    gold = [set(r["labels"]) for r in go_train] + [set(r["labels"]) for r in cx_fit]
    weights = [1.0] * len(go_train) + [4.0] * len(cx_fit)
    cal_texts = [r["text"] for r in cx_cal]
    model = fit_linear(
        "model:emotions.v1",
        EMOTIONS,
        texts,
        gold,
        weights=weights,
        rules=_rule_emotions(texts),
        rule_inputs=EMOTION_RULES,
        calib_texts=cal_texts,
        calib_gold=[set(r["labels"]) for r in cx_cal],
        calib_rules=_rule_emotions(cal_texts),
        in_domain=[False] * len(go_train) + [True] * len(cx_fit),
        domain_bias=True,
    )
    out.mkdir(parents=True, exist_ok=True)
    model.save(out / "emotions.v1.npz")
    result: dict[str, Any] = {"emotions": str(out / "emotions.v1.npz"), "train_rows": len(texts)}
    if fine:
        fine_model = fit_linear(
            "model:emotions_fine.v1",
            GOEMOTIONS_LABELS,
            [r["text"] for r in go_train],
            [set(r["fine"]) for r in go_train],
            calib_texts=[r["text"] for r in go_dev],
            calib_gold=[set(r["fine"]) for r in go_dev],
            c=1.5,
            max_features=100_000,
        )
        fine_model.save(out / "emotions_fine.v1.npz")
        result["emotions_fine"] = str(out / "emotions_fine.v1.npz")
    return result


SITUATION_RULES = tuple(f"s:{k}" for k in SITUATIONS)


def situation_training_rows(data: Path, corpus: Path) -> list[tuple[str, set[str], float]]:
    from attune.evaluate.readers import read_bitext
    from attune.evaluate.run import load_records

    rows = [(r["text"], set(r["labels"]), 1.0) for r in read_bitext(data / "bitext" / "customer_support_train.csv")]
    rows += [
        (r["text"], set(r["situations"]), 3.0)
        for r in load_records(corpus / "cx_emotions" / "train.jsonl")
        if r.get("situations")
    ]
    return rows


def train_situations(data: Path, corpus: Path, out: Path) -> dict[str, Any]:
    """Train ``situations.v1`` on Bitext + the project-written set; thresholds on a held-out fifth."""

    rows = situation_training_rows(data, corpus)
    random.Random(SEED).shuffle(rows)
    cut = len(rows) * 4 // 5
    fit, cal = rows[:cut], rows[cut:]
    texts = [r[0] for r in fit]
    model = fit_linear(
        "model:situations.v1",
        SITUATIONS,
        texts,
        [r[1] for r in fit],
        weights=[r[2] for r in fit],
        rules=_rule_emotions(texts),
        rule_inputs=SITUATION_RULES,
        calib_texts=[r[0] for r in cal],
        calib_gold=[r[1] for r in cal],
        calib_rules=_rule_emotions([r[0] for r in cal]),
    )
    out.mkdir(parents=True, exist_ok=True)
    model.save(out / "situations.v1.npz")
    return {"situations": str(out / "situations.v1.npz"), "train_rows": len(fit)}
