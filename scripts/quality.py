"""Every quality figure of docs/quality.md, in one run: ``python scripts/quality.py [--tier learned]``.

Needs ../shared/data (GoEmotions, EPITOME, Bitext) and, for the Bitext cross-validation,
scikit-learn (``pip install -e '.[train]'``). Prints Markdown.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

from attune.config import settings_context
from attune.evaluate import evaluate, load_records
from attune.evaluate.metrics import multilabel_report
from attune.evaluate.readers import read_bitext, read_epitome, read_goemotions
from attune.taxonomy import SITUATIONS

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def bitext_cv(folds: int = 5) -> float:
    """Situation macro-F1 on Bitext, k-fold: each fold scored by a model trained without it."""
    from attune.models.fuse import fuse  # noqa: F401  (the learned tier must be importable)
    from attune.models.train import SEED, SITUATION_RULES, _rule_emotions, fit_linear, situation_training_rows

    rows = situation_training_rows(DATA, ROOT / "corpus")
    bitext = [r for r in rows if r[2] == 1.0]
    extra = [r for r in rows if r[2] != 1.0]
    random.Random(SEED).shuffle(bitext)
    gold: list[set[str]] = []
    pred: list[set[str]] = []
    for k in range(folds):
        test = bitext[k::folds]
        train = [r for i, r in enumerate(bitext) if i % folds != k] + extra
        texts = [r[0] for r in train]
        model = fit_linear(
            "cv",
            SITUATIONS,
            texts,
            [r[1] for r in train],
            weights=[r[2] for r in train],
            rules=_rule_emotions(texts),
            rule_inputs=SITUATION_RULES,
        )
        rules = _rule_emotions([r[0] for r in test])
        from attune.models.features import text_features

        for (text, labels, _), rule_row in zip(test, rules, strict=True):
            probs = model.proba(text_features(text), rule_row)
            gold.append(labels)
            pred.append({k2 for k2, v in probs.items() if v >= 0.5} or {"other"})
    return float(multilabel_report(gold, pred, SITUATIONS)["macro_f1"])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tier", default="learned", choices=["rules", "learned"])
    parser.add_argument("--cv", action="store_true", help="also cross-validate the situation model on Bitext")
    args = parser.parse_args()
    rows = []
    t0 = time.time()
    with settings_context(tier=args.tier, fine_emotions=True):
        cx = list(load_records(ROOT / "corpus" / "cx_emotions" / "test.jsonl"))
        r = evaluate("emotions", cx)
        rows.append(("CX emotion test set (456, held out), 8 emotions", "macro-F1", r["macro_f1"], r))
        r = evaluate("situations", [{**x, "labels": x["situations"]} for x in cx])
        rows.append(("CX emotion test set, 13 situations", "macro-F1", r["macro_f1"], r))
        dev = list(read_goemotions(DATA / "goemotions" / "dev.tsv"))
        r = evaluate("emotions", dev)
        rows.append(("GoEmotions dev, our 8 emotions", "macro-F1", r["macro_f1"], r))
        if args.tier == "learned":
            from attune.evaluate.readers import GOEMOTIONS_LABELS
            from attune.perceive import analyze

            gold, pred = [], []
            for rec in dev:
                a = analyze(rec["text"]) if rec["text"].strip() else None
                if a is None:
                    continue
                gold.append(set(rec["fine"]))
                pred.append({k for k, v in a.fine_emotions.items() if v >= 0.5})
            fine = multilabel_report(gold, pred, GOEMOTIONS_LABELS)
            rows.append(("GoEmotions dev, 28 labels (thresholds tuned on dev)", "macro-F1", fine["macro_f1"], fine))
        r = evaluate("mechanisms", read_epitome(DATA / "epitome"))
        for m in ("emotional_reaction", "interpretation", "exploration"):
            rows.append((f"EPITOME dev, {m} (levels 0/1/2)", "macro-F1", r[m]["macro_f1"], r[m]))
            rows.append((f"EPITOME dev, {m} (none vs any)", "macro-F1", r[m]["binary_macro_f1"], r[m]))
        r = evaluate("situations", read_bitext(DATA / "bitext" / "customer_support_train.csv"))
        rows.append(
            ("Bitext (all rows) situations, engine as shipped (trained on 4/5 of it)", "macro-F1", r["macro_f1"], r)
        )
        r = evaluate("stance", load_records(ROOT / "corpus" / "replies" / "test.jsonl"))
        rows.append(("Reply corpus test part (474, hand-written, held out), stance", "macro-F1", r["macro_f1"], r))
        rows.append(("Reply corpus test part, stance", "accuracy", r["accuracy"], r))
        r = evaluate("mechanisms", load_records(ROOT / "corpus" / "replies" / "test.jsonl"))
        for m in ("emotional_reaction", "interpretation", "exploration"):
            rows.append((f"Reply corpus test part, {m} (levels 0/1/2)", "macro-F1", r[m]["macro_f1"], r[m]))
        golden = [json.loads(x) for x in (ROOT / "tests" / "golden" / "replies.jsonl").read_text().splitlines()]
        r = evaluate(
            "stance",
            [
                {
                    "customer": g["customer"],
                    "reply": g["reply"],
                    "label": g["stance"],
                    "customer_name": g.get("customer_name"),
                }
                for g in golden
            ],
        )
        rows.append(("Golden cases (187, used to write the rules), stance", "accuracy", r["accuracy"], r))
    if args.cv and args.tier == "learned":
        rows.append(("Bitext situations, 5-fold cross-validated", "macro-F1", bitext_cv(), {}))
    print(f"tier: {args.tier}; {time.strftime('%Y-%m-%d')}; {time.time() - t0:.0f} s\n")
    print("| data | metric | value |\n|---|---|---|")
    for name, metric, value, _ in rows:
        print(f"| {name} | {metric} | {value:.3f} |")
    print()
    shown: set[int] = set()
    for name, _, _, rep in rows:
        if rep.get("per_label") and id(rep) not in shown:  # once a report, not once a row of it
            shown.add(id(rep))
            per = ", ".join(f"{k} {v['f1']:.2f}" for k, v in rep["per_label"].items() if v["support"])
            print(f"- {name}: per-label F1: {per}")


if __name__ == "__main__":
    main()
