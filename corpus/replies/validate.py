"""Validate corpus/replies/{train,test}.jsonl and print counts.

    python corpus/replies/validate.py

Checks: every line parses; fields, types and values follow the schema; ids are unique
across both files; not-applicable (null) values are used consistently; non-apathy stances
follow the stance rule in make_train.py; no test reply text appears in train, and no test
sentence of four or more words shares a sentence or a six-word run with train replies.
Exits non-zero on any hard failure.
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from make_train import DIMS, FIELDS, stance_rule  # noqa: E402

LABELS = {"empathy", "sympathy", "neutral", "apathy"}
CHANNELS = {"email", "chat", "social"}
DOMAINS = {"retail", "software", "telecom", "banking", "travel"}
LEVEL3 = {"emotional_reaction", "interpretation", "exploration"}
NULLABLE = {"personalization", "ownership", "apology", "action", "expectation"}
MIN_TRAIN, MIN_TEST, MIN_HAND = 2000, 400, 300
MIN_STANCE = {"train": 350, "test": 80}


def load(path: Path, errors: list[str]) -> list[dict[str, Any]]:
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            errors.append(f"{path.name}:{n}: empty line")
            continue
        try:
            rows.append(json.loads(line))
        except json.JSONDecodeError as e:
            errors.append(f"{path.name}:{n}: does not parse: {e}")
    return rows


def check_row(r: dict[str, Any], where: str, errors: list[str]) -> None:
    if list(r) != FIELDS:
        errors.append(f"{where}: fields {list(r)} != {FIELDS}")
        return
    if not re.fullmatch(r"r-\d{5}", r["id"]):
        errors.append(f"{where}: bad id {r['id']!r}")
    for k in ("customer", "reply"):
        if not isinstance(r[k], str) or not r[k].strip():
            errors.append(f"{where}: empty {k}")
    if r["customer_name"] is not None and not (isinstance(r["customer_name"], str) and r["customer_name"].strip()):
        errors.append(f"{where}: bad customer_name")
    if r["label"] not in LABELS:
        errors.append(f"{where}: bad label {r['label']!r}")
    if r["channel"] not in CHANNELS:
        errors.append(f"{where}: bad channel")
    if r["domain"] not in DOMAINS:
        errors.append(f"{where}: bad domain")
    for d in DIMS:
        v = r[d]
        ok = v in (0, 1, 2) if d in LEVEL3 else (v in (0, 1) or (v is None and d in NULLABLE))
        if not ok or isinstance(v, bool):
            errors.append(f"{where}: bad {d}={v!r}")
    if (r["customer_name"] is None) != (r["personalization"] is None):
        errors.append(f"{where}: personalization must be null exactly when the name is unknown")
    acts = {r[k] is None for k in ("ownership", "action", "expectation")}
    if len(acts) != 1:
        errors.append(f"{where}: ownership/action/expectation must be null together")


def sentences(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+|\n+", text) if s.strip()]


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower())


def main() -> int:
    errors: list[str] = []
    warnings: list[str] = []
    data = {name: load(HERE / f"{name}.jsonl", errors) for name in ("train", "test")}
    hand = load(HERE / "handwritten_train.jsonl", errors)
    for name, rows in data.items():
        for r in rows:
            check_row(r, f"{name}:{r.get('id')}", errors)

    ids = [r["id"] for rows in data.values() for r in rows]
    dup = [i for i, c in Counter(ids).items() if c > 1]
    if dup:
        errors.append(f"duplicate ids: {dup[:10]}")
    if any(not r["id"].startswith("r-2") for r in data["test"]):
        errors.append("test ids must be r-2xxxx")
    if any(r["id"].startswith("r-2") for r in data["train"]):
        errors.append("train holds a test id")

    # stance rule (apathy is decided by markers in the text, so only the other three are checked)
    for name, rows in data.items():
        bad = [r["id"] for r in rows if r["label"] != "apathy" and stance_rule(r, False) != r["label"]]
        if bad:
            errors.append(f"{name}: {len(bad)} replies disagree with the stance rule, e.g. {bad[:5]}")

    # leakage
    train_replies = {r["reply"].strip() for r in data["train"]}
    leaked = [r["id"] for r in data["test"] if r["reply"].strip() in train_replies]
    if leaked:
        errors.append(f"test reply texts found in train: {leaked[:10]}")
    train_sents = {s.lower() for r in data["train"] for s in sentences(r["reply"]) if len(words(s)) >= 4}
    grams: set[tuple[str, ...]] = set()
    for r in data["train"]:
        w = words(r["reply"])
        grams.update(tuple(w[i:i + 6]) for i in range(len(w) - 5))
    shared = []
    for r in data["test"]:
        for s in sentences(r["reply"]):
            w = words(s)
            if len(w) >= 4 and (s.lower() in train_sents or any(tuple(w[i:i + 6]) in grams for i in range(len(w) - 5))):
                shared.append((r["id"], s))
    if shared:
        errors.append(f"{len(shared)} test sentences share text with train, e.g. {shared[:3]}")
    shared_customers = {r["customer"] for r in data["test"]} & {r["customer"] for r in data["train"]}
    if shared_customers:
        warnings.append(f"{len(shared_customers)} customer messages appear in both train and test")

    # sizes
    n_tr, n_te = len(data["train"]), len(data["test"])
    if n_tr < MIN_TRAIN:
        errors.append(f"train has {n_tr} < {MIN_TRAIN}")
    if n_te < MIN_TEST:
        errors.append(f"test has {n_te} < {MIN_TEST}")
    if len(hand) < MIN_HAND:
        errors.append(f"handwritten_train has {len(hand)} < {MIN_HAND}")
    hand_ids = {r["id"] for r in hand}
    if not hand_ids <= {r["id"] for r in data["train"]}:
        errors.append("handwritten_train.jsonl is not fully merged into train.jsonl")

    # counts
    for name, rows in data.items():
        st = Counter(r["label"] for r in rows)
        print(f"\n== {name}: {len(rows)} replies, {len({r['customer'] for r in rows})} distinct customer messages")
        if name == "train":
            print(f"   composed {sum(r['id'] < 'r-10000' for r in rows)}, hand-written {sum(r['id'] in hand_ids for r in rows)}")
        print("   stance  ", dict(sorted(st.items())))
        for lab in LABELS:
            if st[lab] < MIN_STANCE[name]:
                errors.append(f"{name}: only {st[lab]} {lab} replies (< {MIN_STANCE[name]})")
        print("   channel ", dict(sorted(Counter(r["channel"] for r in rows).items())))
        print("   domain  ", dict(sorted(Counter(r["domain"] for r in rows).items())))
        for d in DIMS:
            c = Counter(r[d] for r in rows)
            print(f"   {d:<19}", {("n/a" if k is None else k): v for k, v in sorted(c.items(), key=lambda kv: (kv[0] is None, kv[0] or 0))})
            present = sum(v for k, v in c.items() if k)
            absent = c.get(0, 0)
            if not present or not absent:
                errors.append(f"{name}: dimension {d} is never {'present' if not present else 'absent'}")
        lens = sorted(len(r["reply"].split()) for r in rows)
        print(f"   reply words: min {lens[0]}, median {lens[len(lens) // 2]}, max {lens[-1]}")

    for w in warnings:
        print("WARNING:", w)
    if errors:
        print("\nFAILED:")
        for e in errors:
            print("  -", e)
        return 1
    print("\nOK: all checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
