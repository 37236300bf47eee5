"""Classification metrics (from scikit-learn when installed, else the same formulas)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any


def multilabel_report(gold: Sequence[set[str]], pred: Sequence[set[str]], labels: Sequence[str]) -> dict[str, Any]:
    """Per-label precision, recall, F1 and support; macro and micro F1."""
    per: dict[str, dict[str, float]] = {}
    tp_all = fp_all = fn_all = 0
    for label in labels:
        tp = sum(1 for g, p in zip(gold, pred, strict=True) if label in g and label in p)
        fp = sum(1 for g, p in zip(gold, pred, strict=True) if label not in g and label in p)
        fn = sum(1 for g, p in zip(gold, pred, strict=True) if label in g and label not in p)
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        per[label] = {
            "precision": round(precision, 4),
            "recall": round(recall, 4),
            "f1": round(f1, 4),
            "support": tp + fn,
        }
    scored = [label for label in labels if per[label]["support"] > 0]
    macro = sum(per[label]["f1"] for label in scored) / len(scored) if scored else 0.0
    micro_p = tp_all / (tp_all + fp_all) if tp_all + fp_all else 0.0
    micro_r = tp_all / (tp_all + fn_all) if tp_all + fn_all else 0.0
    micro = 2 * micro_p * micro_r / (micro_p + micro_r) if micro_p + micro_r else 0.0
    return {
        "per_label": per,
        "macro_f1": round(macro, 4),
        "micro_f1": round(micro, 4),
        "n": len(gold),
        "labels_scored": scored,
    }


def single_label_report(gold: Sequence[str], pred: Sequence[str], labels: Sequence[str]) -> dict[str, Any]:
    """Accuracy, per-label P/R/F1, macro-F1 and the confusion matrix (gold rows, predicted columns)."""
    report = multilabel_report([{g} for g in gold], [{p} for p in pred], labels)
    accuracy = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold) if gold else 0.0
    counts = Counter(zip(gold, pred, strict=True))
    report["accuracy"] = round(accuracy, 4)
    report["confusion"] = {g: {p: counts[(g, p)] for p in labels} for g in labels}
    return report
