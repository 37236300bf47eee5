"""``attune train neural``: fit the neural heads (needs ``attune[neural]`` and ``attune[train]``).

The encoder stays frozen (fine-tuning MiniLM on 43k GoEmotions texts did not fit a CPU session;
see docs/quality.md). Each head is a logistic layer over the embedding, fitted on the same rows as
the learned model it is blended with, and its blend weight and thresholds are chosen on rows that
model was *not* fitted on:

- ``emotions``: fitted on GoEmotions train plus the same three quarters of the project-written
  set as ``emotions.v1`` (weight 4); blend and thresholds on the other quarter (customer messages,
  as for ``emotions.v1``).
- ``situations``: fitted on the same four fifths of Bitext + project-written rows as
  ``situations.v1``; blend and thresholds on the other fifth.
- ``stance``: the reply corpus' training part; the learned stance model's probabilities come from
  5-fold cross-fitting, and the blend weight is chosen on the replies written whole (the part of the
  training set that looks like real replies), out of fold.

The held-out test sets (``corpus/*/test.jsonl``) are never read. EPITOME is never used.
Deterministic: seed 13, lbfgs, one pass over the data in a fixed order.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from attune.errors import AttuneError, UsageError
from attune.neural.heads import Head, head_path

SEED = 13
C_GRID = (0.25, 1.0, 4.0, 16.0)
ALPHAS = tuple(round(a * 0.1, 1) for a in range(11))
Array = NDArray[Any]


def _f1(pred: Array, gold: Array, reps: Array | None = None) -> float:
    w = np.ones(len(gold)) if reps is None else reps
    tp = float(np.sum(w * (pred & gold)))
    fp = float(np.sum(w * (pred & ~gold)))
    fn = float(np.sum(w * (~pred & gold)))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def _threshold(q: Array, gold: Array, reps: Array) -> tuple[float, float]:
    best, best_f1 = 0.5, -1.0
    for t in np.arange(0.05, 0.96, 0.025):
        f = _f1(q >= t, gold, reps)
        if f > best_f1:
            best, best_f1 = float(t), f
    return best, best_f1


class Embedder:
    """Embeds texts once, optionally caching arrays under ``cache`` keyed by the texts' hash."""

    def __init__(self, cache: Path | None = None) -> None:
        from attune.neural.encoder import encoder

        self.encoder = encoder()
        self.cache = cache

    def __call__(self, texts: Sequence[str]) -> Array:
        from attune.text import check, mask_quoted_and_signature

        prepped = []
        for t in texts:
            try:
                prepped.append(" ".join(mask_quoted_and_signature(check(t)).split()))
            except AttuneError:
                prepped.append("")
        key = hashlib.sha256("\x00".join(prepped).encode()).hexdigest()[:24]
        path = self.cache / f"emb-{key}.npy" if self.cache else None
        if path is not None and path.is_file():
            cached: Array = np.load(path)
            return cached
        x = self.encoder.embed(prepped, batch_size=64)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.save(path, x)
        return x


def _learned_scores(texts: Sequence[str], labels: Sequence[str], which: str) -> Array:
    """The learned tier's calibrated scores (as ``analyze`` returns them); NaN where unjudgeable."""
    from attune.config import settings_context
    from attune.perceive.analyze import analyze

    out = np.full((len(texts), len(labels)), np.nan, dtype=np.float32)
    with settings_context(tier="learned"):
        for i, t in enumerate(texts):
            try:
                a = analyze(t)
            except AttuneError:
                continue
            scores = a.emotions if which == "emotions" else a.situations
            out[i] = [scores[k] for k in labels]
    return out


def _fit_sigmoid(x: Array, y: Array, w: Array, c: float) -> tuple[Array, Array]:
    from sklearn.linear_model import LogisticRegression

    coef = np.zeros((x.shape[1], y.shape[1]), dtype=np.float32)
    bias = np.full(y.shape[1], -10.0, dtype=np.float32)
    for j in range(y.shape[1]):
        if y[:, j].sum() == 0:
            continue
        lr = LogisticRegression(C=c, class_weight="balanced", max_iter=3000, random_state=SEED)
        lr.fit(x, y[:, j], sample_weight=w)
        coef[:, j], bias[j] = lr.coef_[0], lr.intercept_[0]
    return coef, bias


def _multilabel_head(
    name: str,
    labels: Sequence[str],
    x_fit: Array,
    y_fit: Array,
    w_fit: Array,
    x_cal: Array,
    y_cal: Array,
    learned_cal: Array,
    reps_cal: Array,
    log: Callable[[str], None],
) -> tuple[Head, dict[str, Any]]:
    """Pick C, then per label the blend weight and threshold with the best F1 on the calibration rows."""
    ok = ~np.isnan(learned_cal[:, 0])
    x_cal, y_cal, learned_cal, reps_cal = x_cal[ok], y_cal[ok], learned_cal[ok], reps_cal[ok]
    best: tuple[float, float, Head] | None = None
    report: dict[str, Any] = {}
    for c in C_GRID:
        w, b = _fit_sigmoid(x_fit, y_fit, w_fit, c)
        zeros = np.zeros(len(labels), dtype=np.float32)
        probe = Head(name, tuple(labels), "sigmoid", "text", w, b, zeros, zeros + np.float32(0.5))
        neural = probe.neural(x_cal.astype(np.float32))
        alphas, thresholds, f1s = [], [], []
        for j in range(len(labels)):
            choice = (-1.0, 1.0, 0.5)
            for a in ALPHAS:
                q = a * learned_cal[:, j] + (1 - a) * neural[:, j]
                t, f = _threshold(q, y_cal[:, j], reps_cal)
                if f > choice[0] + 1e-9:
                    choice = (f, a, t)
            f1s.append(choice[0])
            alphas.append(choice[1])
            thresholds.append(choice[2])
        score = float(np.mean(f1s))
        learned_f1 = float(np.mean([_f1(learned_cal[:, j] >= 0.5, y_cal[:, j], reps_cal) for j in range(len(labels))]))
        log(f"{name}: C={c} calibration macro-F1 {score:.4f} (learned alone {learned_f1:.4f})")
        head = Head(
            name,
            tuple(labels),
            "sigmoid",
            "text",
            w,
            b,
            np.array(alphas, dtype=np.float32),
            np.array(thresholds, dtype=np.float32),
        )
        report[f"C={c}"] = round(score, 4)
        report["learned_alone"] = round(learned_f1, 4)
        if best is None or score > best[0] + 1e-9:
            best = (score, c, head)
    assert best is not None
    report["chosen_C"] = best[1]
    report["chosen_alpha"] = [round(float(a), 1) for a in best[2].alpha]
    return best[2], report


def train_emotion_head(embed: Embedder, data: Path, corpus: Path, log: Callable[[str], None]) -> tuple[Head, Any]:
    from attune.evaluate.readers import read_goemotions
    from attune.evaluate.run import load_records
    from attune.taxonomy import EMOTIONS

    go_train = list(read_goemotions(data / "goemotions" / "train.tsv"))
    cx = list(load_records(corpus / "cx_emotions" / "train.jsonl"))
    random.Random(SEED).shuffle(cx)  # the same split as `attune train emotions`
    cut = len(cx) * 3 // 4
    fit, cal = go_train + cx[:cut], cx[cut:]

    def y(rows: list[dict[str, Any]]) -> Array:
        return np.array([[k in r["labels"] for k in EMOTIONS] for r in rows])

    log(f"emotions: embedding {len(fit) + len(cal)} texts")
    x_fit, x_cal = embed([r["text"] for r in fit]), embed([r["text"] for r in cal])
    w_fit = np.r_[np.ones(len(go_train)), np.full(cut, 4.0)]
    reps = np.ones(len(cal))
    learned = _learned_scores([r["text"] for r in cal], EMOTIONS, "emotions")
    return _multilabel_head(
        "model:emotions.neural.v1", EMOTIONS, x_fit, y(fit), w_fit, x_cal, y(cal), learned, reps, log
    )


def train_situation_head(embed: Embedder, data: Path, corpus: Path, log: Callable[[str], None]) -> tuple[Head, Any]:
    from attune.models.train import situation_training_rows
    from attune.taxonomy import SITUATIONS

    rows = situation_training_rows(data, corpus)
    random.Random(SEED).shuffle(rows)  # the same split as `attune train situations`
    cut = len(rows) * 4 // 5
    fit, cal = rows[:cut], rows[cut:]

    def y(part: list[tuple[str, set[str], float]]) -> Array:
        return np.array([[k in r[1] for k in SITUATIONS] for r in part])

    log(f"situations: embedding {len(rows)} texts")
    x_fit, x_cal = embed([r[0] for r in fit]), embed([r[0] for r in cal])
    learned = _learned_scores([r[0] for r in cal], SITUATIONS, "situations")
    return _multilabel_head(
        "model:situations.neural.v1",
        SITUATIONS,
        x_fit,
        y(fit),
        np.array([r[2] for r in fit]),
        x_cal,
        y(cal),
        learned,
        np.ones(len(cal)),
        log,
    )


def _macro_f1(gold: Array, pred: Array, n: int) -> float:
    return float(np.mean([_f1(pred == k, gold == k) for k in range(n)]))


def train_stance_head(embed: Embedder, corpus: Path, log: Callable[[str], None]) -> tuple[Head, Any]:
    from sklearn.linear_model import LogisticRegression

    from attune.assess.stance import FEATURES
    from attune.config import settings_context
    from attune.evaluate.run import load_records
    from attune.models.features import extra_features
    from attune.models.train import fit_linear, stance_rows
    from attune.scan import scan
    from attune.taxonomy import STANCES
    from attune.text import check

    path = corpus / "replies" / "train.jsonl"
    records = list(load_records(path))
    with settings_context(tier="learned"):
        feats, labels = stance_rows(path)
    whole_path = corpus / "replies" / "handwritten_train.jsonl"
    whole = {r["reply"] for r in load_records(whole_path)} if whole_path.is_file() else set()
    written = np.array([r["reply"] in whole for r in records]) if whole else np.ones(len(records), dtype=bool)
    replies = [r["reply"] for r in records]
    y = np.array([STANCES.index(x) for x in labels])
    n, k = len(records), len(STANCES)
    order = list(range(n))
    random.Random(SEED).shuffle(order)
    folds = [order[i::5] for i in range(5)]
    names = [f for f in FEATURES if f != "bias"]
    learned = np.zeros((n, k))
    log("stance: cross-fitting the learned stance model (5 folds)")
    for fold in folds:
        held = set(fold)
        rest = [i for i in range(n) if i not in held]
        model = fit_linear(
            "cv",
            STANCES,
            [replies[i] for i in rest],
            [{labels[i]} for i in rest],
            rules=[feats[i] for i in rest],
            rule_inputs=names,
            c=8.0,
            max_features=20_000,
        )
        for i in fold:
            s = scan(check(replies[i]))
            raw = model.proba(model.vectorize_tokens(s.tokens, extra_features(s.tokens, s.masked)), feats[i])
            total = sum(raw.values()) or 1.0
            learned[i] = [raw[x] / total for x in STANCES]
    log(f"stance: embedding {n} replies")
    x = embed(replies)
    best: tuple[float, float, float] | None = None
    report: dict[str, Any] = {
        "learned_alone_oof_written": round(_macro_f1(y[written], learned[written].argmax(1), k), 4)
    }
    for c in C_GRID:
        neural = np.zeros((n, k))
        for fold in folds:
            held = set(fold)
            rest = [i for i in range(n) if i not in held]
            lr = LogisticRegression(C=c, class_weight="balanced", max_iter=3000, random_state=SEED)
            neural[fold] = lr.fit(x[rest], y[rest]).predict_proba(x[fold])
        for a in ALPHAS:
            q = a * learned + (1 - a) * neural
            f = _macro_f1(y[written], q[written].argmax(1), k)
            if best is None or f > best[0] + 1e-9:
                best = (f, c, a)
        report[f"C={c}"] = round(
            max(_macro_f1(y[written], (a * learned + (1 - a) * neural)[written].argmax(1), k) for a in ALPHAS), 4
        )
        log(f"stance: C={c} out-of-fold macro-F1 on replies written whole {report[f'C={c}']:.4f}")
    assert best is not None
    _, c, a = best
    lr = LogisticRegression(C=c, class_weight="balanced", max_iter=3000, random_state=SEED).fit(x, y)
    report.update({"chosen_C": c, "chosen_alpha": a})
    head = Head(
        "model:stance.neural.v1",
        tuple(STANCES),
        "softmax",
        "text",
        lr.coef_.T.astype(np.float32),
        lr.intercept_.astype(np.float32),
        np.full(k, a, dtype=np.float32),
        np.full(k, 0.5, dtype=np.float32),
    )
    return head, report


def train_neural(
    data: Path,
    corpus: Path,
    out: Path,
    *,
    heads: Sequence[str] = ("emotions", "situations", "stance"),
    cache: Path | None = None,
    log: Callable[[str], None] = lambda _m: None,
) -> dict[str, Any]:
    """Fit the neural heads and write ``<head>.neural.v1.npz`` files to ``out``."""
    try:
        import sklearn  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise UsageError("training needs scikit-learn: pip install 'attune[train]'") from exc
    embed = Embedder(cache)
    result: dict[str, Any] = {}
    out.mkdir(parents=True, exist_ok=True)
    for name in heads:
        if name == "emotions":
            head, report = train_emotion_head(embed, data, corpus, log)
        elif name == "situations":
            head, report = train_situation_head(embed, data, corpus, log)
        elif name == "stance":
            head, report = train_stance_head(embed, corpus, log)
        else:
            raise UsageError(f"unknown neural head '{name}'; one of emotions, situations, stance")
        target = head_path(name, out)
        head.save(target)
        result[name] = {"path": str(target), **report}
    return result
