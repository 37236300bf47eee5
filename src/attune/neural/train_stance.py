"""The neural stance head (``attune train neural``, see :mod:`attune.neural.train`): MiniLM's top
layers fine-tuned with a softmax layer on the reply corpus, blended with the learned stance model.

The shipped head reads the reply alone (``inputs == "text"``). ``pairs=True`` fits one that
reads the reply together with the customer's message it answers (a sentence pair, pooled over
the reply; ``inputs == "reply|customer"``): tried on the hand-written batches held out
(``scripts/neural_stance.py``), a little better alone, no better blended, and 40% slower, so
not shipped (docs/quality.md, "Neural tier")."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from attune.neural.heads import Head
from attune.neural.train import ALPHAS, Array, _f1, prepared


def _macro_f1(gold: Array, pred: Array, n: int) -> float:
    return float(np.mean([_f1(pred == k, gold == k) for k in range(n)]))


@dataclass(frozen=True)
class StanceData:
    """The reply corpus' training part as the stance head is fitted on it."""

    records: list[dict[str, Any]]
    feats: list[dict[str, float]]  # the learned stance model's rule features
    labels: list[str]
    texts: list[Any]  # what the encoder reads: replies, or (reply, customer) pairs
    pairs: bool

    @classmethod
    def load(cls, corpus: Path, *, pairs: bool = False) -> StanceData:
        from attune.evaluate.run import load_records
        from attune.models.train_replies import stance_rows

        path = corpus / "replies" / "train.jsonl"
        records = list(load_records(path))
        feats, labels = stance_rows(path)
        texts: list[Any] = [
            (prepared(r["reply"]), prepared(r["customer"])) if pairs else prepared(r["reply"]) for r in records
        ]
        return cls(records, feats, labels, texts, pairs)


def validate(
    data: StanceData, fit: Sequence[int], val: Sequence[int], log: Callable[[str], None], *, epochs: int
) -> tuple[dict[str, Any], float]:
    """Fine-tune a head and fit the learned stance model on rows ``fit`` (as `attune train stance`
    fits it), then score rows ``val``: macro-F1 of each alone and of their blend at every weight in
    :data:`~attune.neural.train.ALPHAS`. Returns the report and the best weight."""
    from attune.assess.stance import FEATURES
    from attune.models.features import text_features
    from attune.models.train import fit_linear
    from attune.models.train_replies import STANCE_C, STANCE_KINDS, stance_weights, written_whole
    from attune.neural.encoder import Encoder
    from attune.neural.finetune import finetune, probabilities
    from attune.taxonomy import STANCES

    records, feats, labels = data.records, data.feats, data.labels
    y = np.array([STANCES.index(x) for x in labels])
    k = len(STANCES)
    weights = stance_weights(records)
    learned_model = fit_linear(
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
    log(f"stance: fine-tuning on {len(fit)} replies, validating on {len(val)}")
    enc = Encoder()
    tuned = finetune(enc, [data.texts[i] for i in fit], y[list(fit)], k, epochs=epochs, log=log)
    enc.lay(tuned.layers)  # validate what ships: the layers as stored (float16)
    neural = probabilities(enc, [data.texts[i] for i in val], tuned.w, tuned.b)
    gold = y[list(val)]
    report: dict[str, Any] = {
        "validation_rows": len(val),
        "pairs": data.pairs,
        "learned_alone": round(_macro_f1(gold, learned.argmax(1), k), 4),
        "neural_alone": round(_macro_f1(gold, neural.argmax(1), k), 4),
    }
    best: tuple[float, float] | None = None
    for a in ALPHAS:
        f = _macro_f1(gold, (a * learned + (1 - a) * neural).argmax(1), k)
        report[f"alpha={a}"] = round(f, 4)
        if best is None or f > best[0] + 1e-9:
            best = (f, a)
    if best is None:
        raise ValueError("no blend weights to choose from")
    log(
        f"stance: validation macro-F1 learned {report['learned_alone']}, tuned {report['neural_alone']}, "
        f"blend {best[0]:.4f} at alpha {best[1]}"
    )
    return report, best[1]


def train_stance_head(
    corpus: Path, log: Callable[[str], None], *, epochs: int | None = None, pairs: bool = False
) -> tuple[Head, Any]:
    """The stance head: MiniLM's top layers fine-tuned with a softmax layer on the reply corpus'
    training part (:mod:`attune.neural.finetune`), blended with the learned stance model.

    The blend weight is chosen on a validation split: the replies written whole to a fifth of the
    customer messages (as ``scripts/select_models.py stance`` splits them). The encoder and the
    learned model are fitted on the other replies, composed ones included; then the encoder is
    fine-tuned again on every training reply, and that is what ships with the chosen weight."""
    from attune.models.train_replies import customer_folds, written_whole
    from attune.neural.encoder import Encoder
    from attune.neural.finetune import EPOCHS, finetune
    from attune.taxonomy import STANCES

    epochs = EPOCHS if epochs is None else epochs
    data = StanceData.load(corpus, pairs=pairs)
    records = data.records
    whole = [i for i, r in enumerate(records) if written_whole(r)] or list(range(len(records)))
    fold = customer_folds([records[i]["customer"] for i in whole])
    val = [i for i in whole if fold[records[i]["customer"]] == 0]
    held = set(val)
    report, alpha = validate(data, [i for i in range(len(records)) if i not in held], val, log, epochs=epochs)
    log(f"stance: fine-tuning on all {len(records)} replies")
    k = len(STANCES)
    y = np.array([STANCES.index(x) for x in data.labels])
    final = finetune(Encoder(), data.texts, y, k, epochs=epochs, log=log)
    layers = len({n.split(".")[2] for n in final.layers})
    report.update({"chosen_alpha": alpha, "epochs": epochs, "tuned_layers": layers})
    head = Head(
        "model:stance.neural.v1",
        tuple(STANCES),
        "softmax",
        "reply|customer" if pairs else "text",
        final.w,
        final.b,
        np.full(k, alpha, dtype=np.float32),
        np.full(k, 0.5, dtype=np.float32),
        final.layers,
    )
    return head, report
