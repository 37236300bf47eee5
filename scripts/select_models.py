"""The model-selection runs behind `attune train`'s settings (docs/quality.md, "How the settings
were chosen"). Neither reads a test part (``corpus/*/test.jsonl``).

- ``emotions``: CX training set split 60/20/20 (fit / thresholds / validation, seed 13); fit on
  GoEmotions train plus the fit part, with and without the in-domain marking; prints macro-F1 on
  the validation part.
- ``situations``: Bitext split 4/5 fit, 1/5 thresholds; the CX training set split 60/20/20 as for
  emotions; ``cxcal=1`` tunes the thresholds on the CX threshold part only (else on both);
  prints macro-F1 on the CX validation part, with the 'other' rule of the engine.
- ``stance``: 5-fold cross-validation over the replies written whole (``r-1xxxx``), grouped by
  customer message; the composed replies are always in the fit. ``mech=1`` puts cross-fitted
  learned mechanism levels in the features instead of the rules' (``mech=2``: the fold models
  also fitted on the composed replies); tried, not shipped.
  ``hold=3`` (or ``hold=1``) instead fits on every other reply and validates on the third
  hand-written batch (``r-10614`` to ``r-10937``), written in another session: a check of how
  the model carries to a writer it has not seen; ``hold=4`` holds out the fourth batch
  (``r-10938`` to ``r-11337``, four writers), ``hold=5`` the fifth (``r-11338`` on, four
  more). ``last=N`` leaves the batches after the N-th out of every fit, so ``hold=3,last=3``
  against ``hold=3`` measures what the fourth and fifth add on the third. ``comp=0`` leaves the
  composed replies out of the fit. An empty setting (``""``) is the shipped recipe
  (``C`` = ``STANCE_C``, ``w`` = ``STANCE_WHOLE_WEIGHT``, words and word pairs, the replies
  written whole marked in-domain); ``char=1`` adds character n-grams, ``aug=0`` drops the
  marking, ``w=1`` the weight.

- ``mechanisms``: 5-fold cross-validation over the reply corpus' replies written whole, grouped
  by customer message, the composed replies always in the fit; ``new=1`` adds
  ``corpus/mechanisms`` to the fit (``aug=1`` marking the reply corpus in-domain), ``remap=1``
  fits on the reply corpus relabelled to EPITOME's reading (see ``_remapped``); prints macro-F1
  of the levels of each mechanism.

    python scripts/select_models.py emotions "w=4" "w=4,aug=1" "w=8,aug=1,C=8"
    python scripts/select_models.py stance "" "hold=5" "C=8,w=1,aug=0"

Each emotion setting takes about 3 minutes, each stance setting about 3 minutes, on one core.
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path
from typing import Any

from attune.evaluate.metrics import multilabel_report
from attune.evaluate.run import load_records
from attune.taxonomy import EMOTIONS, STANCES

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"


def _macro_f1(gold: list[set[str]], pred: list[set[str]], labels: tuple[str, ...]) -> float:
    """Macro-F1 as ``attune eval`` computes it (labels with no support left out)."""
    return float(multilabel_report(gold, pred, labels)["macro_f1"])


def _setting(text: str) -> dict[str, float]:
    return {k: float(v) for k, v in (kv.split("=") for kv in text.split(",") if kv)}


def emotions(settings: list[str]) -> None:
    from attune.evaluate.readers import read_goemotions
    from attune.models.linear import LinearModel
    from attune.models.train import EMOTION_RULES, SEED, _rule_emotions, fit_linear

    go = list(read_goemotions(DATA / "goemotions" / "train.tsv"))
    cx = list(load_records(ROOT / "corpus" / "cx_emotions" / "train.jsonl"))
    random.Random(SEED).shuffle(cx)
    n = len(cx)
    fit, cal, val = cx[: n * 6 // 10], cx[n * 6 // 10 : n * 8 // 10], cx[n * 8 // 10 :]
    texts = [r["text"] for r in go + fit]
    gold = [set(r["labels"]) for r in go + fit]
    rules, cal_rules = _rule_emotions(texts), _rule_emotions([r["text"] for r in cal])
    val_rules = _rule_emotions([r["text"] for r in val])
    for text in settings:
        s = _setting(text)
        model = fit_linear(
            "select",
            EMOTIONS,
            texts,
            gold,
            weights=[1.0] * len(go) + [s.get("w", 4.0)] * len(fit),
            rules=rules,
            rule_inputs=EMOTION_RULES,
            calib_texts=[r["text"] for r in cal],
            calib_gold=[set(r["labels"]) for r in cal],
            calib_rules=cal_rules,
            in_domain=[False] * len(go) + [True] * len(fit) if s.get("aug") else None,
            domain_bias=bool(s.get("bias")),
            c=s.get("C", 4.0),
        )
        if s.get("refit"):  # thresholds from the fit above, weights refitted on fit + threshold parts
            refit = fit_linear(
                "select",
                EMOTIONS,
                texts + [r["text"] for r in cal],
                gold + [set(r["labels"]) for r in cal],
                weights=[1.0] * len(go) + [s.get("w", 4.0)] * (len(fit) + len(cal)),
                rules=rules + cal_rules,
                rule_inputs=EMOTION_RULES,
                in_domain=[False] * len(go) + [True] * (len(fit) + len(cal)) if s.get("aug") else None,
                domain_bias=bool(s.get("bias")),
                c=s.get("C", 4.0),
            )
            model = LinearModel(**{**refit.__dict__, "thresholds": model.thresholds})
        pred = []
        for r, rule in zip(val, val_rules, strict=True):
            scores = model.calibrate(model.proba(model.vectorize(_features(r["text"])), rule))
            present = {k for k, v in scores.items() if v >= 0.5}
            if s.get("one") and not present:  # every message has a label: the likeliest one
                present = {max(scores, key=scores.__getitem__)}
            pred.append(present)
        score = _macro_f1([set(r["labels"]) for r in val], pred, EMOTIONS)
        print(f"emotions {text}: validation macro-F1 {score:.3f} (n={len(val)})", flush=True)


def situations(settings: list[str]) -> None:
    from attune.evaluate.readers import read_bitext
    from attune.models.train import SEED, SITUATION_RULES, _rule_emotions, fit_linear
    from attune.taxonomy import SITUATIONS

    bitext = [(r["text"], set(r["labels"])) for r in read_bitext(DATA / "bitext" / "customer_support_train.csv")]
    cx_path = ROOT / "corpus" / "cx_emotions" / "train.jsonl"
    cx = [(r["text"], set(r["situations"])) for r in load_records(cx_path) if r.get("situations")]
    random.Random(SEED).shuffle(bitext)
    random.Random(SEED).shuffle(cx)
    n, b = len(cx), len(bitext) * 4 // 5
    fit, cal, val = cx[: n * 6 // 10], cx[n * 6 // 10 : n * 8 // 10], cx[n * 8 // 10 :]
    rows = bitext[:b] + fit
    rules = _rule_emotions([t for t, _ in rows])
    cal_bitext, cal_rules_bitext = bitext[b:], _rule_emotions([t for t, _ in bitext[b:]])
    cal_rules, val_rules = _rule_emotions([t for t, _ in cal]), _rule_emotions([t for t, _ in val])
    for text in settings:
        st = _setting(text)
        calib = cal if st.get("cxcal") else cal_bitext + cal
        calib_rules = cal_rules if st.get("cxcal") else cal_rules_bitext + cal_rules
        model = fit_linear(
            "select",
            SITUATIONS,
            [t for t, _ in rows],
            [g for _, g in rows],
            weights=[1.0] * b + [st.get("w", 3.0)] * len(fit),
            rules=rules,
            rule_inputs=SITUATION_RULES,
            calib_texts=[t for t, _ in calib],
            calib_gold=[g for _, g in calib],
            calib_rules=calib_rules,
            in_domain=[False] * b + [True] * len(fit) if st.get("aug") else None,
            domain_bias=bool(st.get("bias")),
            c=st.get("C", 4.0),
        )
        pred = []
        for (t, _), rule in zip(val, val_rules, strict=True):
            scores = model.calibrate(model.proba(model.vectorize(_features(t)), rule))
            scores["other"] = max(scores["other"], 1.0 - max(v for k, v in scores.items() if k != "other"))
            pred.append({k for k, v in scores.items() if v >= 0.5})
        score = _macro_f1([g for _, g in val], pred, SITUATIONS)
        print(f"situations {text}: validation macro-F1 {score:.3f} (n={len(val)})", flush=True)


def _features(text: str) -> list[str]:
    from attune.models.features import text_features

    return text_features(text)


#: the first id of each hand-written batch (the third: 324 replies, another session's writer;
#: the fourth and fifth: 400 each, four writers each, 2026-12-03) and the end of the ids
BATCH_STARTS = {1: "r-10001", 2: "r-10313", 3: "r-10614", 4: "r-10938", 5: "r-11338", 6: "r-2"}
#: ``hold=N``: the ids of the batch held out (``hold=1`` is the third, its first use)
HELD_BATCHES = {n: (BATCH_STARTS[n], BATCH_STARTS[n + 1]) for n in (3, 4, 5)} | {1: ("r-10614", "r-10938")}


def stance(settings: list[str]) -> None:
    from attune.assess.stance import FEATURES
    from attune.models.train import fit_linear
    from attune.models.train_replies import (
        STANCE_C,
        STANCE_KINDS,
        STANCE_WHOLE_WEIGHT,
        customer_folds,
        stance_rows,
        written_whole,
    )

    path = ROOT / "corpus" / "replies" / "train.jsonl"
    recs: list[dict[str, Any]] = list(load_records(path))
    rule_feats, labels = stance_rows(path)
    rows: dict[int, list[dict[str, float]]] = {0: rule_feats}
    names = [f for f in FEATURES if f != "bias"]
    whole = [i for i, r in enumerate(recs) if written_whole(r)]
    composed = [i for i, r in enumerate(recs) if not written_whole(r)]
    fold_of = customer_folds([recs[i]["customer"] for i in whole])
    for text in settings:
        s = _setting(text)
        mech = int(s.get("mech", 0))
        if mech not in rows:
            rows[mech] = _learned_level_feats(path, with_composed=mech == 2)
        feats = rows[mech]
        gold: list[set[str]] = []
        pred: list[set[str]] = []
        folds = [
            (
                [i for i in whole if fold_of[recs[i]["customer"]] == k],
                composed + [i for i in whole if fold_of[recs[i]["customer"]] != k],
            )
            for k in range(5)
        ]
        folds = _batch_folds(folds, [r["id"] for r in recs], whole, composed, s)
        if s.get("comp", 1) == 0:  # the composed replies left out of the fit
            folds = [(t, [i for i in f if written_whole(recs[i])]) for t, f in folds]
        for test, fit in folds:
            model = fit_linear(
                "select",
                STANCES,
                [recs[i]["reply"] for i in fit],
                [{labels[i]} for i in fit],
                weights=[s.get("w", STANCE_WHOLE_WEIGHT) if written_whole(recs[i]) else 1.0 for i in fit],
                rules=[feats[i] for i in fit],
                rule_inputs=names,
                in_domain=[written_whole(recs[i]) for i in fit] if s.get("aug", 1) else None,
                domain_bias=bool(s.get("bias")),
                c=s.get("C", STANCE_C),
                max_features=20_000,
                rule_scale=s.get("rs", 1.0),
                kinds="wbc" if s.get("char") else STANCE_KINDS,
            )
            for i in test:
                p = model.proba(model.vectorize(_features(recs[i]["reply"])), feats[i])
                pred.append({max(p, key=lambda x: p[x])})
                gold.append({labels[i]})
        acc = sum(g == p for g, p in zip(gold, pred, strict=True)) / len(gold)
        score = _macro_f1(gold, pred, STANCES)
        what = f"batch {HELD_BATCHES[int(s['hold'])][0]}.. held out" if s.get("hold") else "out-of-fold"
        print(f"stance {text}: {what} macro-F1 {score:.3f}, accuracy {acc:.3f} (n={len(gold)})", flush=True)


def _batch_folds(
    folds: list[tuple[list[int], list[int]]], ids: list[str], whole: list[int], composed: list[int], s: dict[str, float]
) -> list[tuple[list[int], list[int]]]:
    """The (validation, fit) splits a setting asks for: ``hold=N`` one split with hand-written
    batch N held out (the others and the composed replies fitted); ``last=N`` the batches after
    the N-th left out of every fit and of validation."""
    if s.get("hold", 0) not in (0, *HELD_BATCHES) or s.get("last", 0) not in (0, 3, 4, 5):
        raise SystemExit(f"hold= takes one of {sorted(HELD_BATCHES)}, last= one of 3, 4, 5")
    if s.get("hold") and s.get("last") and int(s["last"]) < {1: 3}.get(int(s["hold"]), int(s["hold"])):
        raise SystemExit("last= is before the batch hold= holds out: nothing would be left to validate on")
    if s.get("hold"):
        lo, hi = HELD_BATCHES[int(s["hold"])]
        folds = [([i for i in whole if lo <= ids[i] < hi], composed + [i for i in whole if not lo <= ids[i] < hi])]
    if s.get("last"):
        end = BATCH_STARTS[int(s["last"]) + 1]
        folds = [([i for i in t if ids[i] < end], [i for i in f if ids[i] < end]) for t, f in folds]
    return folds


def _learned_level_feats(path: Path, *, with_composed: bool) -> list[dict[str, float]]:
    """Stance features with learned mechanism levels in place of the rules' (tried, not shipped):
    the replies fall in 5 folds by customer message, each judged by a mechanism model fitted on
    the other folds' replies written whole (and, ``with_composed``, every composed reply, whose
    fragments recur across messages, so their own levels are partly seen)."""
    from attune.assess.assess import judge, refine_judgment
    from attune.assess.stance import features
    from attune.config import settings_context
    from attune.models.train_replies import customer_folds, fit_mechanisms, mechanism_rows
    from attune.perceive.analyze import analyze
    from attune.text import check

    rows = mechanism_rows(path.parents[1])
    with settings_context(tier="learned"):
        judged = [
            judge(
                check(r["reply"]),
                analyze(r["customer"]) if r["customer"] else None,
                r["customer_name"],
                mechanisms=None,
            )
            for r in rows
        ]
    fold = customer_folds([r["group"] for r in rows])
    out: list[dict[str, float]] = [{} for _ in rows]
    for k in range(5):
        fit = [i for i, r in enumerate(rows) if fold[r["group"]] != k and (with_composed or not r["composed"])]
        model = fit_mechanisms([rows[i] for i in fit], [judged[i].feats for i in fit])
        for i, r in enumerate(rows):
            if fold[r["group"]] == k:
                j = refine_judgment(judged[i], model)
                out[i] = features(j.dims, j.counts, j.ctx.upset)
    return out


def mechanisms(settings: list[str]) -> None:
    from attune.models.fuse import MECHANISMS, mechanism_levels
    from attune.models.train_replies import customer_folds, fit_mechanisms, mechanism_rows, rule_feats

    rows = mechanism_rows(ROOT / "corpus", peer=True)
    feats = rule_feats(rows)
    replies = [i for i, r in enumerate(rows) if r["id"].startswith("r-")]
    whole = [i for i in replies if not rows[i]["composed"]]
    composed = [i for i in replies if rows[i]["composed"]]
    extra = [i for i, r in enumerate(rows) if not r["id"].startswith("r-")]
    fold_of = customer_folds([rows[i]["group"] for i in whole])
    for text in settings:
        s = _setting(text)
        gold: dict[str, list[int]] = {m: [] for m in MECHANISMS}
        pred: dict[str, list[int]] = {m: [] for m in MECHANISMS}
        folds = [
            (
                [i for i in whole if fold_of[rows[i]["group"]] == k],
                composed + [i for i in whole if fold_of[rows[i]["group"]] != k],
            )
            for k in range(5)
        ]
        for held, fit in _batch_folds(folds, [r["id"] for r in rows], whole, composed, s):
            if s.get("comp", 1) == 0:  # the composed replies left out of the fit
                fit = [i for i in fit if not rows[i]["composed"]]
            fit += extra if s.get("new") else []
            fit_rows = [_remapped(rows[i]) if s.get("remap") and i in replies else rows[i] for i in fit]
            kinds = "wb" if s.get("nochar") else "wbc"
            model = fit_mechanisms(fit_rows, [feats[i] for i in fit], in_domain=bool(s.get("aug")), kinds=kinds)
            for i in held:
                levels = mechanism_levels(model, model.vectorize(_features(rows[i]["reply"])), feats[i])
                for m in MECHANISMS:
                    gold[m].append(rows[i][m])
                    pred[m].append(levels[m][0])
        scores = [
            _macro_f1([{str(g)} for g in gold[m]], [{str(p)} for p in pred[m]], ("0", "1", "2")) for m in MECHANISMS
        ]
        what = f"batch {HELD_BATCHES[int(s['hold'])][0]}.. held out" if s.get("hold") else "out-of-fold"
        print(f"mechanisms {text}: {what} macro-F1 ER/IP/EX " + " / ".join(f"{x:.3f}" for x in scores), flush=True)


def _remapped(row: dict[str, Any]) -> dict[str, Any]:
    """A reply corpus row in EPITOME's reading: the corpus' strong emotional reaction (naming the
    customer's own feeling) is a weak emotional reaction plus a strong interpretation."""
    if row["emotional_reaction"] != 2:
        return row
    return {**row, "emotional_reaction": 1, "interpretation": 2}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model", choices=("emotions", "situations", "stance", "mechanisms"))
    parser.add_argument("settings", nargs="+", help="comma-separated: C=4,w=4,aug=1,bias=1,refit=1")
    args = parser.parse_args()
    {"emotions": emotions, "situations": situations, "stance": stance, "mechanisms": mechanisms}[args.model](
        args.settings
    )


if __name__ == "__main__":
    main()
