"""Two tiers on the same held-out rows, with a paired bootstrap interval of their macro-F1
difference (docs/quality.md, "Neural tier").

    python scripts/compare_tiers.py                       # learned against neural, the three test parts
    python scripts/compare_tiers.py --a rules --b learned --resamples 2000

Each row is judged once per tier; the bootstrap draws the same row indices for both tiers
(seed 0), so the interval is of the difference, not of either figure. The neural tier needs
``pip install 'attune[neural]'``; ``ATTUNE_NEURAL_DIR`` picks retrained heads.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from attune import analyze, assess
from attune.config import settings_context
from attune.evaluate.run import load_records
from attune.taxonomy import EMOTIONS, SITUATIONS, STANCES

ROOT = Path(__file__).resolve().parents[1]
CX = ROOT / "corpus" / "cx_emotions" / "test.jsonl"
REPLIES = ROOT / "corpus" / "replies" / "test.jsonl"


def _macro_f1(gold: np.ndarray, pred: np.ndarray) -> float:
    """Macro-F1 over label columns of 0/1 matrices (rows × labels)."""
    tp = (gold & pred).sum(0)
    fp = (~gold & pred).sum(0)
    fn = (gold & ~pred).sum(0)
    denom = 2 * tp + fp + fn
    return float(np.mean(np.where(denom > 0, 2 * tp / np.maximum(denom, 1), 0.0)))


def _onehot(rows: Sequence[set[str]], names: Sequence[str]) -> np.ndarray:
    return np.array([[n in r for n in names] for r in rows], dtype=bool)


def _task(name: str) -> tuple[list[dict[str, Any]], Callable[[dict[str, Any]], set[str]], Sequence[str], str]:
    if name == "stance":

        def stance(r: dict[str, Any]) -> set[str]:
            return {assess(r["reply"], customer=r.get("customer") or None, customer_name=r.get("customer_name")).stance}

        return list(load_records(REPLIES)), stance, STANCES, "label"
    recs = list(load_records(CX))
    if name == "emotions":
        return recs, lambda r: {k for k, v in analyze(r["text"]).emotions.items() if v >= 0.5}, EMOTIONS, "labels"
    return recs, lambda r: {k for k, v in analyze(r["text"]).situations.items() if v >= 0.5}, SITUATIONS, "situations"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--a", default="learned")
    parser.add_argument("--b", default="neural")
    parser.add_argument("--tasks", default="emotions,situations,stance")
    parser.add_argument("--resamples", type=int, default=2000)
    args = parser.parse_args()
    rng = np.random.default_rng(0)
    for task in args.tasks.split(","):
        recs, judge, names, key = _task(task)
        gold_rows = [set(r[key]) if isinstance(r[key], list) else {r[key]} for r in recs]
        preds = {}
        for tier in (args.a, args.b):
            with settings_context(tier=tier):
                preds[tier] = _onehot([judge(r) for r in recs], names)
        gold = _onehot(gold_rows, names)
        fa, fb = _macro_f1(gold, preds[args.a]), _macro_f1(gold, preds[args.b])
        diffs = []
        for _ in range(args.resamples):
            i = rng.integers(0, len(recs), len(recs))
            diffs.append(_macro_f1(gold[i], preds[args.b][i]) - _macro_f1(gold[i], preds[args.a][i]))
        lo, hi = np.percentile(diffs, [2.5, 97.5])
        interval = f"[{lo:+.3f}, {hi:+.3f}]"
        print(f"{task}: n={len(recs)} {args.a} {fa:.3f} {args.b} {fb:.3f} difference {fb - fa:+.3f} {interval}")


if __name__ == "__main__":
    main()
