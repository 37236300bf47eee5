"""The neural stance head (``attune train neural``, see :mod:`attune.neural.train`): MiniLM's top
layers fine-tuned with a softmax layer on the reply corpus, blended with the learned stance model.
The encoder reads each reply together with the customer's message it answers (a sentence pair,
pooled over the reply), since a reply's stance depends on what it answers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from attune.neural.heads import Head
from attune.neural.train import ALPHAS, Array, _f1, prepared


def _macro_f1(gold: Array, pred: Array, n: int) -> float:
    return float(np.mean([_f1(pred == k, gold == k) for k in range(n)]))


def train_stance_head(corpus: Path, log: Callable[[str], None], *, epochs: int | None = None) -> tuple[Head, Any]:
    """The stance head: MiniLM's top layers fine-tuned with a softmax layer on the reply corpus'
    training part (:mod:`attune.neural.finetune`), blended with the learned stance model.

    The blend weight is chosen on a validation split: the replies written whole to a fifth of the
    customer messages (as ``scripts/select_models.py stance`` splits them). The encoder and the
    learned model are fitted on the other replies, composed ones included; then the encoder is
    fine-tuned again on every training reply, and that is what ships with the chosen weight."""
    from attune.assess.stance import FEATURES
    from attune.evaluate.run import load_records
    from attune.models.features import text_features
    from attune.models.train import fit_linear
    from attune.models.train_replies import (
        STANCE_C,
        STANCE_KINDS,
        customer_folds,
        stance_rows,
        stance_weights,
        written_whole,
    )
    from attune.neural.encoder import Encoder
    from attune.neural.finetune import EPOCHS, finetune, probabilities
    from attune.taxonomy import STANCES

    epochs = EPOCHS if epochs is None else epochs
    path = corpus / "replies" / "train.jsonl"
    records = list(load_records(path))
    feats, labels = stance_rows(path)
    texts = [(prepared(r["reply"]), prepared(r["customer"])) for r in records]  # read as a pair
    y = np.array([STANCES.index(x) for x in labels])
    k = len(STANCES)
    whole = [i for i, r in enumerate(records) if written_whole(r)] or list(range(len(records)))
    fold = customer_folds([records[i]["customer"] for i in whole])
    val = [i for i in whole if fold[records[i]["customer"]] == 0]
    held = set(val)
    fit = [i for i in range(len(records)) if i not in held]
    weights = stance_weights(records)
    learned_model = fit_linear(  # as `attune train stance` fits it, without the validation replies
        "validation",
        STANCES,
        [records[i]["reply"] for i in fit],
        [{labels[i]} for i in fit],
        weights=[weights[i] for i in fit],
        rules=[feats[i] for i in fit],
        rule_inputs=[f for f in FEATURES if f != "bias"],
        in_domain=[written_whole(records[i]) for i in fit],
        c=STANCE_C,
        max_features=20_000,
        kinds=STANCE_KINDS,
    )
    learned = np.zeros((len(val), k))
    for row, i in enumerate(val):
        p = learned_model.proba(learned_model.vectorize(text_features(records[i]["reply"])), feats[i])
        learned[row] = [p[x] for x in STANCES]
    learned /= learned.sum(axis=1, keepdims=True)
    log(f"stance: fine-tuning on {len(fit)} replies, validating on {len(val)} written whole")
    enc = Encoder()
    tuned = finetune(enc, [texts[i] for i in fit], y[fit], k, epochs=epochs, log=log)
    enc.lay(tuned.layers)  # validate what ships: the layers as stored (float16)
    neural = probabilities(enc, [texts[i] for i in val], tuned.w, tuned.b)
    gold = y[val]
    report: dict[str, Any] = {
        "validation_rows": len(val),
        "learned_alone": round(_macro_f1(gold, learned.argmax(1), k), 4),
        "neural_alone": round(_macro_f1(gold, neural.argmax(1), k), 4),
    }
    best: tuple[float, float] | None = None
    for a in ALPHAS:
        f = _macro_f1(gold, (a * learned + (1 - a) * neural).argmax(1), k)
        report[f"alpha={a}"] = round(f, 4)
        if best is None or f > best[0] + 1e-9:
            best = (f, a)
    assert best is not None
    alpha = best[1]
    log(
        f"stance: validation macro-F1 learned {report['learned_alone']}, tuned {report['neural_alone']}, "
        f"blend {best[0]:.4f} at alpha {alpha}"
    )
    log(f"stance: fine-tuning on all {len(records)} replies")
    final = finetune(Encoder(), texts, y, k, epochs=epochs, log=log)
    layers = len({n.split(".")[2] for n in final.layers})
    report.update({"chosen_alpha": alpha, "epochs": epochs, "tuned_layers": layers})
    head = Head(
        "model:stance.neural.v1",
        tuple(STANCES),
        "softmax",
        "reply|customer",
        final.w,
        final.b,
        np.full(k, alpha, dtype=np.float32),
        np.full(k, 0.5, dtype=np.float32),
        final.layers,
    )
    return head, report
