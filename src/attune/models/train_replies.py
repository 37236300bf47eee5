"""Training the reply models (``attune train stance``, ``attune train mechanisms``): their rows,
the rule features they read, and folds by customer message; fitted with
:func:`attune.models.train.fit_linear`. Which data: the reply corpus' training part
(``corpus/replies``), its stance labels and its levels of the three EPITOME mechanisms.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from attune.models.linear import LinearModel
from attune.models.train import SEED, fit_linear


def customer_folds(keys: Sequence[str], k: int = 5) -> dict[str, int]:
    """A fold (0..k-1) for each distinct key (a customer's message), shuffled with the seed, so the
    replies to one message always fall in the same fold."""
    distinct = sorted(set(keys))
    random.Random(SEED).shuffle(distinct)
    return {key: i % k for i, key in enumerate(distinct)}


def stance_rows(path: Path) -> tuple[list[dict[str, float]], list[str]]:
    """Stance features (the rule features of each reply, :func:`rule_feats`) and labels of a reply
    corpus (``customer``, ``reply``, ``label``), one per record, in file order (callers pair them
    with the records by position). A record the engine cannot read stops training with a
    :class:`DataFileError` naming every such row."""
    from attune.evaluate.run import load_records

    records = list(load_records(path))
    rows = [
        {
            "id": rec.get("id", "no id"),
            "where": f"line {rec['_line']}",
            "customer": rec.get("customer") or None,
            "customer_name": rec.get("customer_name"),
            "reply": rec.get("reply", ""),
        }
        for rec in records
    ]
    return rule_feats(rows, what=f"{path}: "), [rec["label"] for rec in records]


#: The stance model's regularisation and text features (words and word pairs, no character
#: n-grams: those of "sorry" outvoted the rule features), chosen by ``scripts/select_models.py
#: stance`` (docs/quality.md).
STANCE_C = 16.0
STANCE_KINDS = "wb"


def written_whole(record: dict[str, Any]) -> bool:
    """A reply written whole by hand (ids ``r-1xxxx``), not composed from shared fragments."""
    return str(record.get("id", "")).startswith("r-1")


#: The weight of a reply written whole against one composed from fragments in the stance fit.
STANCE_WHOLE_WEIGHT = 2.0


def stance_weights(records: Sequence[dict[str, Any]]) -> list[float]:
    """Each training reply's weight in the stance fit: :data:`STANCE_WHOLE_WEIGHT` for those
    written whole. Chosen once the corpus held 1,737 of them: on the hand-written batches held out
    it scored 0.008 to 0.011 above weight 1; leaving the composed replies out scored higher still
    on validation but lowered golden stance accuracy from 0.909 to 0.877 (docs/quality.md)."""
    return [STANCE_WHOLE_WEIGHT if written_whole(r) else 1.0 for r in records]


def train_stance(corpus: Path, out: Path, *, c: float = STANCE_C) -> dict[str, Any]:
    """Fit ``stance.v1``: reply words and word pairs plus the rule features of the reply
    (dimension levels, phrase-bank counts), one-vs-rest logistic regression. The replies written
    whole (ids ``r-1xxxx``, see corpus/replies/README.md) weigh :data:`STANCE_WHOLE_WEIGHT` and
    are marked in-domain against the ones composed from fragments (see :func:`fit_linear`).
    ``c``, the features, the weights and the marking were chosen on validation
    (cross-validation over the replies written whole, grouped by customer message, and
    hand-written batches held out; docs/quality.md), never on the corpus' test part."""
    from attune.assess.stance import FEATURES
    from attune.evaluate.run import load_records
    from attune.taxonomy import STANCES

    path = corpus / "replies" / "train.jsonl"
    feats, labels = stance_rows(path)
    records = list(load_records(path))
    names = [f for f in FEATURES if f != "bias"]
    model = fit_linear(
        "model:stance.v1",
        STANCES,
        [r["reply"] for r in records],
        [{x} for x in labels],
        weights=stance_weights(records),
        rules=feats,
        rule_inputs=names,
        in_domain=[written_whole(r) for r in records],
        c=c,
        max_features=20_000,
        kinds=STANCE_KINDS,
    )
    out.mkdir(parents=True, exist_ok=True)
    model.save(out / "stance.v1.npz")
    return {"stance": str(out / "stance.v1.npz"), "train_rows": len(labels), "C": c}


def _mechanism_row(rec: dict[str, Any], customer_key: str, reply_key: str, where: str) -> dict[str, Any]:
    from attune.errors import DataFileError
    from attune.models.fuse import MECHANISMS

    levels = {m: rec.get(m) for m in MECHANISMS}
    if not isinstance(rec.get(reply_key), str) or any(
        type(v) is not int or v not in (0, 1, 2) for v in levels.values()
    ):
        raise DataFileError(f"{where} -> record: needs '{reply_key}' and levels 0, 1 or 2 for each mechanism")
    rid = str(rec.get("id", where))
    customer = rec.get(customer_key) or None
    return {
        "id": rid,
        "where": where,
        "customer": customer,
        "customer_name": rec.get("customer_name"),
        "reply": rec[reply_key],
        #: replies to one message stay together in folds and threshold splits
        "group": customer or rid,
        #: composed from fragments shared across messages (reply corpus ids other than r-1...)
        "composed": reply_key == "reply" and not written_whole(rec),
        **levels,
    }


def _mechanism_file(path: Path, customer_key: str, reply_key: str) -> list[dict[str, Any]]:
    from attune.evaluate.run import load_records

    return [_mechanism_row(rec, customer_key, reply_key, f"{path}:{rec['_line']}") for rec in load_records(path)]


def mechanism_rows(corpus: Path, *, peer: bool = False) -> list[dict[str, Any]]:
    """Labelled (customer, reply, levels) rows for the mechanism model: the reply corpus' training
    part, and with ``peer`` every file of ``corpus/mechanisms`` too (``seeker``/``response``
    records in EPITOME's reading, see its README; measured, not in the shipped recipe). A row with
    a level that is not 0, 1 or 2 stops training, naming ``file:line``."""
    rows = _mechanism_file(corpus / "replies" / "train.jsonl", "customer", "reply")
    for path in sorted((corpus / "mechanisms").glob("*.jsonl")) if peer else ():
        rows += _mechanism_file(path, "seeker", "response")
    return rows


def mechanism_labels(row: dict[str, Any]) -> set[str]:
    """The mechanism model's labels of a row: ``{name}>=1`` for level 1 or 2, ``{name}=2`` for 2."""
    from attune.models.fuse import MECHANISMS

    out = {f"{m}>=1" for m in MECHANISMS if row[m] >= 1}
    return out | {f"{m}=2" for m in MECHANISMS if row[m] == 2}


def rule_feats(rows: Sequence[dict[str, Any]], *, what: str = "") -> list[dict[str, float]]:
    """The rule features of each row's reply (``customer``, ``customer_name``, ``reply``): the
    inputs of the stance and mechanism models, the customer side read by the learned tier as the
    packaged models will see it. Rows the engine cannot read stop training with a
    :class:`DataFileError` naming each by its ``where`` and ``id`` (``what`` prefixes the message)."""
    from attune.assess.assess import judge
    from attune.config import settings_context
    from attune.errors import AttuneError, DataFileError
    from attune.perceive.analyze import analyze
    from attune.text import check

    feats: list[dict[str, float]] = []
    bad: list[str] = []
    with settings_context(tier="learned"):
        for row in rows:
            try:
                customer = analyze(row["customer"]) if row["customer"] else None
                feats.append(judge(check(row["reply"]), customer, row["customer_name"], mechanisms=None).feats)
            except AttuneError as e:
                bad.append(f"{row['where']} ({row['id']}): {e}")
    if bad:
        raise DataFileError(f"{what}{len(bad)} unreadable replies; " + "; ".join(bad[:5]))
    return feats


#: The mechanism model's regularisation (the default of the other models; not selected separately).
MECHANISMS_C = 4.0


def fit_mechanisms(
    rows: Sequence[dict[str, Any]], feats: Sequence[dict[str, float]], *, in_domain: bool = False, kinds: str = "wbc"
) -> LinearModel:
    """The mechanism model of ``rows`` (with their rule features ``feats``): two labels per
    mechanism (at least weak, strong). Thresholds are tuned on a fifth of the rows held out from
    fitting: a fifth of the messages, among rows not composed from shared fragments (composed
    replies are always fitted on, so no threshold is tuned on sentences the model saw)."""
    from attune.assess.stance import FEATURES
    from attune.models.fuse import MECHANISMS

    fold = customer_folds([row["group"] for row in rows if not row["composed"]])
    cal = [i for i, row in enumerate(rows) if not row["composed"] and fold[row["group"]] == 0]
    fit = [i for i, row in enumerate(rows) if row["composed"] or fold[row["group"]] != 0]
    return fit_linear(
        "model:mechanisms.v1",
        [f"{m}{suffix}" for m in MECHANISMS for suffix in (">=1", "=2")],
        [rows[i]["reply"] for i in fit],
        [mechanism_labels(rows[i]) for i in fit],
        rules=[feats[i] for i in fit],
        rule_inputs=[f for f in FEATURES if f != "bias"],
        calib_texts=[rows[i]["reply"] for i in cal],
        calib_gold=[mechanism_labels(rows[i]) for i in cal],
        calib_rules=[feats[i] for i in cal],
        in_domain=[rows[i]["id"].startswith("r-") for i in fit] if in_domain else None,
        c=MECHANISMS_C,
        max_features=20_000,
        kinds=kinds,
    )


def train_mechanisms(corpus: Path, out: Path) -> dict[str, Any]:
    """Fit ``mechanisms.v1`` (:func:`fit_mechanisms`): the three EPITOME mechanisms of a reply
    from its words and character n-grams plus its rule features (the stance model's inputs, with
    the rules' levels), on the reply corpus' training part. Adding ``corpus/mechanisms`` was
    measured and not kept (docs/quality.md). EPITOME is never used."""
    rows = mechanism_rows(corpus)
    model = fit_mechanisms(rows, rule_feats(rows))
    out.mkdir(parents=True, exist_ok=True)
    model.save(out / "mechanisms.v1.npz")
    return {"mechanisms": str(out / "mechanisms.v1.npz"), "rows": len(rows), "C": MECHANISMS_C}
