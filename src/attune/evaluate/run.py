"""``evaluate``: run the engine over labelled records and report the figures of one task.

Records are dicts (one JSON object a line in files):

- ``emotions`` / ``situations``: ``{"text", "labels": [names]}``
- ``stance``: ``{"customer", "reply", "label"}``
- ``mechanisms``: ``{"customer", "reply", "emotional_reaction"?, "interpretation"?, "exploration"?}``
- ``pairs``: ``{"customer", "better", "worse"}``

A record that cannot be judged (empty text, bad label) goes to ``errors`` with its line; nothing
is dropped silently.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from attune.errors import AttuneError, DataFileError, UsageError
from attune.evaluate.metrics import multilabel_report, single_label_report
from attune.taxonomy import EMOTIONS, MECHANISMS, SITUATIONS, STANCES

TASKS = ("emotions", "situations", "stance", "mechanisms", "pairs")


def load_records(path: str | Path) -> Iterator[dict[str, Any]]:
    """JSON objects, one a line; a line that is not one raises an error naming ``file:line``."""
    p = Path(path)
    if not p.is_file():
        raise DataFileError(f"{p} -> file: not found")
    with p.open(encoding="utf-8") as f:
        for lineno, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataFileError(f"{p}:{lineno} -> json: {exc.msg}") from exc
            if not isinstance(obj, dict):
                raise DataFileError(f"{p}:{lineno} -> record: expected a JSON object")
            obj.setdefault("_line", lineno)
            yield obj


def evaluate(task: str, records: Iterable[dict[str, Any]], *, limit: int | None = None) -> dict[str, Any]:
    """Figures for ``task`` on ``records``: see the module docstring for the record shapes.

    >>> r = evaluate("stance", [{"customer": "Late again!", "reply": "There's nothing I can do.",
    ...                          "label": "apathy"}])
    >>> r["accuracy"], r["n"]
    (1.0, 1)
    """
    if task not in TASKS:
        raise UsageError(f"unknown task '{task}'; one of {', '.join(TASKS)}")
    runner = {
        "emotions": _labels,
        "situations": _labels,
        "stance": _stance,
        "mechanisms": _mechanisms,
        "pairs": _pairs,
    }[task]
    errors: list[dict[str, Any]] = []
    rows = []
    for i, rec in enumerate(records):
        if limit is not None and i >= limit:
            break
        rows.append(rec)
    report = runner(task, rows, errors)
    report["task"] = task
    report["errors"] = errors[:100]
    report["error_count"] = len(errors)
    return report


def _err(errors: list[dict[str, Any]], rec: dict[str, Any], reason: str) -> None:
    errors.append({"line": rec.get("_line"), "reason": reason})


def _labels(task: str, rows: list[dict[str, Any]], errors: list[dict[str, Any]]) -> dict[str, Any]:
    from attune import analyze

    names = EMOTIONS if task == "emotions" else SITUATIONS
    key = "labels"
    gold: list[set[str]] = []
    pred: list[set[str]] = []
    top_pairs: Counter[tuple[str, str]] = Counter()
    for rec in rows:
        labels = rec.get(key)
        if not isinstance(labels, list) or not labels or any(x not in names for x in labels):
            _err(errors, rec, f"'{key}' must be a non-empty list of {task} names")
            continue
        try:
            a = analyze(rec.get("text", ""))
        except AttuneError as exc:
            _err(errors, rec, str(exc))
            continue
        scores = a.emotions if task == "emotions" else a.situations
        found = {k for k, v in scores.items() if v >= 0.5}
        gold.append(set(labels))
        pred.append(found)
        if len(labels) == 1:
            top_pairs[(labels[0], max(scores, key=lambda k: scores[k]))] += 1
    report = multilabel_report(gold, pred, names)
    report["top_label_confusion"] = {g: {p: top_pairs[(g, p)] for p in names if top_pairs[(g, p)]} for g in names}
    report["n"] = len(gold)
    return report


def _stance(task: str, rows: list[dict[str, Any]], errors: list[dict[str, Any]]) -> dict[str, Any]:
    from attune import assess

    gold: list[str] = []
    pred: list[str] = []
    for rec in rows:
        if rec.get("label") not in STANCES:
            _err(errors, rec, f"'label' must be one of {', '.join(STANCES)}")
            continue
        try:
            r = assess(
                rec.get("reply", ""), customer=rec.get("customer") or None, customer_name=rec.get("customer_name")
            )
        except AttuneError as exc:
            _err(errors, rec, str(exc))
            continue
        gold.append(rec["label"])
        pred.append(r.stance)
    return single_label_report(gold, pred, STANCES)


def _mechanisms(task: str, rows: list[dict[str, Any]], errors: list[dict[str, Any]]) -> dict[str, Any]:
    from attune import assess

    gold: dict[str, list[str]] = {m: [] for m in MECHANISMS}
    pred: dict[str, list[str]] = {m: [] for m in MECHANISMS}
    for rec in rows:
        wanted = [m for m in MECHANISMS if m in rec]
        if not wanted or any(rec[m] not in (0, 1, 2) for m in wanted):
            _err(errors, rec, "give at least one of emotional_reaction, interpretation, exploration as 0, 1 or 2")
            continue
        try:
            r = assess(rec.get("reply", ""), customer=rec.get("customer") or None)
        except AttuneError as exc:
            _err(errors, rec, str(exc))
            continue
        for m in wanted:
            gold[m].append(str(rec[m]))
            pred[m].append(str(r.dimensions[m].level))
    out: dict[str, Any] = {"n": sum(len(v) for v in gold.values())}
    for m in MECHANISMS:
        if gold[m]:
            rep = single_label_report(gold[m], pred[m], ["0", "1", "2"])
            binary = single_label_report(
                ["1" if g != "0" else "0" for g in gold[m]], ["1" if p != "0" else "0" for p in pred[m]], ["0", "1"]
            )
            rep["binary_macro_f1"] = binary["macro_f1"]
            out[m] = rep
    return out


def _pairs(task: str, rows: list[dict[str, Any]], errors: list[dict[str, Any]]) -> dict[str, Any]:
    from attune import analyze, assess

    right = total = 0
    for rec in rows:
        try:
            c = analyze(rec["customer"]) if rec.get("customer") else None
            better = assess(rec["better"], customer=c).score
            worse = assess(rec["worse"], customer=c).score
        except (AttuneError, KeyError) as exc:
            _err(errors, rec, str(exc))
            continue
        total += 1
        right += better > worse
    return {"n": total, "ranked_right": right, "share": round(right / total, 4) if total else 0.0}
