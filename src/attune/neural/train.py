"""``attune train neural``: fit the neural heads (needs ``attune[neural]`` and ``attune[train]``).

Each head is blended with a learned model, and its blend weights and thresholds are chosen on
rows that model was *not* fitted on:

- ``emotions``: the top two layers of the encoder fine-tuned with one sigmoid a label on the
  same three quarters of the project-written set as ``emotions.v1`` (GoEmotions is too large to
  fine-tune on a CPU); blend and thresholds per label on the other quarter. ``emotions-frozen``,
  the previous recipe: a logistic layer over the frozen encoder, fitted on GoEmotions train plus
  those three quarters (weight 4), calibrated the same way.
- ``situations``: a logistic layer over the emotion head's tuned encoder (so one encoder pass
  serves both heads), fitted on the same four fifths of Bitext + project-written rows as
  ``situations.v1``; blend and thresholds on the other fifth.
- ``stance``: the top two layers of the encoder are fine-tuned with the head on the reply
  corpus' training part (3,497 replies, minutes on a CPU; :mod:`attune.neural.train_stance`);
  the blend weight with the learned stance model is chosen on the replies written whole to a fifth of the
  customer messages, held out of both fits, before a final fine-tune on every training reply.

The held-out test sets (``corpus/*/test.jsonl``) are never read. EPITOME is never used.
Deterministic: seed 13, lbfgs, one pass over the data in a fixed order; the fine-tune is
deterministic for a given number of torch threads.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace
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


def prepared(text: str) -> str:
    """A text as the tier's encoder sees it (checked, quoted history and signature masked, spaces
    collapsed: :func:`attune.neural.runtime.model_input` of the masked text)."""
    from attune.neural.runtime import model_input
    from attune.signoff import mask_quoted_and_signature
    from attune.text import check

    return model_input(mask_quoted_and_signature(check(text)))


class Embedder:
    """Embeds texts once, optionally caching arrays under ``cache`` keyed by the texts' hash (and
    by the tuned layers, when ``layers`` are laid over the released encoder)."""

    def __init__(self, cache: Path | None = None, layers: Mapping[str, Array] | None = None) -> None:
        from attune.neural.encoder import Encoder, encoder
        from attune.neural.heads import layers_digest

        self.encoder = Encoder(layers=layers) if layers else encoder()
        self.cache = cache
        self.salt = layers_digest(layers) if layers else ""

    def __call__(self, texts: Sequence[str]) -> Array:
        prepped = []
        for t in texts:
            try:
                prepped.append(prepared(t))
            except AttuneError:
                prepped.append("")
        key = hashlib.sha256((self.salt + "\x00".join(prepped)).encode()).hexdigest()[:24]
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


def _blend_per_label(neural: Array, gold: Array, learned: Array, reps: Array) -> tuple[list[float], list[float], float]:
    """Per label, the blend weight and threshold with the best F1 on calibration rows; and the
    macro-F1 they reach."""
    alphas, thresholds, f1s = [], [], []
    for j in range(gold.shape[1]):
        choice = (-1.0, 1.0, 0.5)
        for a in ALPHAS:
            t, f = _threshold(a * learned[:, j] + (1 - a) * neural[:, j], gold[:, j], reps)
            if f > choice[0] + 1e-9:
                choice = (f, a, t)
        f1s.append(choice[0])
        alphas.append(choice[1])
        thresholds.append(choice[2])
    return alphas, thresholds, float(np.mean(f1s))


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
        alphas, thresholds, score = _blend_per_label(neural, y_cal, learned_cal, reps_cal)
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
    """The emotion head, frozen encoder: a logistic layer fitted on GoEmotions train plus three
    quarters of the project-written messages (weight 4); blend and thresholds on the other quarter."""
    from attune.evaluate.readers import read_goemotions
    from attune.taxonomy import EMOTIONS

    go_train = list(read_goemotions(data / "goemotions" / "train.tsv"))
    cx_fit, cal = _cx_split(corpus)
    fit = go_train + cx_fit

    log(f"emotions: embedding {len(fit) + len(cal)} texts")
    x_fit, x_cal = embed([r["text"] for r in fit]), embed([r["text"] for r in cal])
    w_fit = np.r_[np.ones(len(go_train)), np.full(len(cx_fit), 4.0)]
    reps = np.ones(len(cal))
    learned = _learned_scores([r["text"] for r in cal], EMOTIONS, "emotions")
    return _multilabel_head(
        "model:emotions.neural.v1",
        EMOTIONS,
        x_fit,
        _emotion_matrix(fit),
        w_fit,
        x_cal,
        _emotion_matrix(cal),
        learned,
        reps,
        log,
    )


def _cx_split(corpus: Path) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The project-written messages split as `attune train emotions` splits them: three quarters
    to fit, a quarter to calibrate."""
    from attune.evaluate.run import load_records

    cx = list(load_records(corpus / "cx_emotions" / "train.jsonl"))
    random.Random(SEED).shuffle(cx)
    cut = len(cx) * 3 // 4
    return cx[:cut], cx[cut:]


def _emotion_matrix(rows: Sequence[dict[str, Any]]) -> Array:
    from attune.taxonomy import EMOTIONS

    return np.array([[k in r["labels"] for k in EMOTIONS] for r in rows])


def train_tuned_emotion_head(
    corpus: Path, log: Callable[[str], None], *, epochs: int | None = None
) -> tuple[Head, Any]:
    """The emotion head, fine-tuned encoder: MiniLM's top layers and one sigmoid a label fine-tuned
    on three quarters of the project-written messages (:mod:`attune.neural.finetune`; GoEmotions'
    43k Reddit comments are too slow to fine-tune on a CPU); blend and thresholds per label on the
    other quarter, as for the frozen head, and the head ships as fitted."""
    from attune.neural.encoder import Encoder
    from attune.neural.finetune import EPOCHS, finetune, probabilities
    from attune.taxonomy import EMOTIONS

    def prep(rows: Sequence[dict[str, Any]]) -> list[str]:
        return [prepared(r["text"]) for r in rows]

    epochs = EPOCHS if epochs is None else epochs
    fit, cal = _cx_split(corpus)
    y_fit, y_cal = _emotion_matrix(fit), _emotion_matrix(cal)
    log(f"emotions: fine-tuning on {len(fit)} messages, calibrating on {len(cal)}")
    enc = Encoder()
    tuned = finetune(enc, prep(fit), y_fit.astype(np.float32), len(EMOTIONS), epochs=epochs, log=log)
    enc.lay(tuned.layers)  # calibrate what ships: the layers as stored (float16)
    neural = probabilities(enc, prep(cal), tuned.w, tuned.b, multilabel=True)
    learned = _learned_scores([r["text"] for r in cal], EMOTIONS, "emotions")
    ok = ~np.isnan(learned[:, 0])
    reps = np.ones(int(ok.sum()))
    alphas, thresholds, score = _blend_per_label(neural[ok], y_cal[ok], learned[ok], reps)
    learned_f1 = float(np.mean([_f1(learned[ok][:, j] >= 0.5, y_cal[ok][:, j], reps) for j in range(len(EMOTIONS))]))
    tuned_f1 = float(np.mean([_f1(neural[ok][:, j] >= 0.5, y_cal[ok][:, j], reps) for j in range(len(EMOTIONS))]))
    log(f"emotions: calibration macro-F1 learned {learned_f1:.4f}, tuned alone {tuned_f1:.4f}, blend {score:.4f}")
    head = Head(
        "model:emotions.neural.v1",
        tuple(EMOTIONS),
        "sigmoid",
        "text",
        tuned.w,
        tuned.b,
        np.array(alphas, dtype=np.float32),
        np.array(thresholds, dtype=np.float32),
        tuned.layers,
    )
    report = {
        "calibration_rows": int(ok.sum()),
        "learned_alone": round(learned_f1, 4),
        "tuned_alone": round(tuned_f1, 4),
        "blend": round(score, 4),
        "chosen_alpha": [round(float(a), 1) for a in alphas],
        "epochs": epochs,
    }
    return head, report


def train_situation_head(
    data: Path, corpus: Path, emotions: Head, log: Callable[[str], None], *, cache: Path | None = None
) -> tuple[Head, Any]:
    """The situation head: a logistic layer over the embedding by the emotion head's tuned encoder
    (one encoder pass a customer message serves both heads; calibration macro-F1 0.888 against
    0.885 over the released encoder, docs/quality.md), fitted on the same four fifths of Bitext +
    project-written rows as ``situations.v1``; blend and thresholds on the other fifth."""
    from attune.models.train import situation_training_rows
    from attune.neural.heads import layers_digest
    from attune.taxonomy import SITUATIONS

    rows = situation_training_rows(data, corpus)
    random.Random(SEED).shuffle(rows)  # the same split as `attune train situations`
    cut = len(rows) * 4 // 5
    fit, cal = rows[:cut], rows[cut:]

    def y(part: list[tuple[str, set[str], float]]) -> Array:
        return np.array([[k in r[1] for k in SITUATIONS] for r in part])

    log(f"situations: embedding {len(rows)} texts with the emotion head's encoder")
    embed = Embedder(cache, emotions.encoder)
    x_fit, x_cal = embed([r[0] for r in fit]), embed([r[0] for r in cal])
    learned = _learned_scores([r[0] for r in cal], SITUATIONS, "situations")
    head, report = _multilabel_head(
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
    return replace(head, encoder_from="emotions", encoder_digest=layers_digest(emotions.encoder)), report


def _emotion_source(out: Path, log: Callable[[str], None]) -> Head:
    """The emotion head whose tuned encoder the situation head reads: the one in ``out`` (just
    trained, or from before), else the shipped one, copied to ``out`` so the folder is whole."""
    import shutil

    from attune.neural.heads import load_head

    target = head_path("emotions", out)
    if not target.is_file():
        shipped = head_path("emotions")
        if not shipped.is_file():
            raise UsageError("the situation head reads the emotion head's encoder: train `emotions` first")
        log(f"situations: reading the shipped emotion head's encoder; copied to {target}")
        if shipped.resolve() != target.resolve():
            shutil.copyfile(shipped, target)
    head = load_head(target)
    if not head.encoder:
        raise UsageError(f"{target} has no tuned encoder (a frozen emotion head); train `emotions` first")
    return head


NEURAL_HEADS = ("emotions", "emotions-frozen", "situations", "stance")


def _fitting_order(heads: Sequence[str], out: Path, log: Callable[[str], None]) -> list[str]:
    """The heads to fit, emotions before situations (which read the emotion head's encoder). A
    situation head already in ``out`` that reads the emotion head is refitted with it, so the
    folder never holds one fitted over an encoder that is gone."""
    from attune.neural.heads import load_head

    unknown = [h for h in heads if h not in NEURAL_HEADS]
    if unknown:
        raise UsageError(f"unknown neural head '{unknown[0]}'; one of {', '.join(NEURAL_HEADS)}")
    wanted = set(heads)
    if "emotions" in wanted and "emotions-frozen" in wanted:
        raise UsageError("emotions and emotions-frozen are two recipes for the same head file; fit one")
    present = head_path("situations", out)
    reads_emotions = present.is_file() and load_head(present).encoder_from == "emotions"
    if reads_emotions and "situations" not in wanted:
        if "emotions-frozen" in wanted:
            raise UsageError(
                f"the situation head in {out} reads the tuned emotion head's encoder, which emotions-frozen "
                "would replace; fit emotions-frozen into another --out folder"
            )
        if "emotions" in wanted:
            log("situations: refitted too, since it reads the emotion head's encoder")
            wanted.add("situations")
    return [h for h in NEURAL_HEADS if h in wanted]


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
    result: dict[str, Any] = {}
    out.mkdir(parents=True, exist_ok=True)
    for name in _fitting_order(heads, out, log):
        if name == "emotions":
            head, report = train_tuned_emotion_head(corpus, log)
        elif name == "emotions-frozen":  # the previous recipe, kept to compare (docs/quality.md)
            head, report = train_emotion_head(Embedder(cache), data, corpus, log)
            name = "emotions"
        elif name == "situations":
            head, report = train_situation_head(data, corpus, _emotion_source(out, log), log, cache=cache)
        else:
            from attune.neural.train_stance import train_stance_head

            head, report = train_stance_head(corpus, log)
        target = head_path(name, out)
        head.save(target)
        result[name] = {"path": str(target), **report}
    return result
