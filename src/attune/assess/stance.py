"""Stance from reply features: a linear model whose weights are data (``weights.v1.json``).

The rules tier ships hand-set weights; the learned tier replaces them with weights fitted on the
labelled reply corpus. Either way the features, and so the explanation, are the same.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from attune.taxonomy import STANCES
from attune.types import Dimension

FEATURES = (
    "bias",
    "er",
    "ip",
    "ex",
    "feel_act",
    "canned",
    "apology",
    "own",
    "action",
    "expect",
    "apathy",
    "blame",
    "deflect",
    "cancel_but",
    "jargon",
    "cold",
)


#: How the stance features read in an explanation. The three mechanisms are the rules' reading:
#: the stance model is fitted on it, while the checklist may show a learned level instead.
FEATURE_NAMES = {
    "er": "emotional reaction (rules' reading)",
    "ip": "interpretation (rules' reading)",
    "ex": "exploration (rules' reading)",
    "feel_act": "feeling with action",
    "canned": "canned sympathy",
    "apology": "apology",
    "own": "ownership",
    "action": "action",
    "expect": "time frame",
    "apathy": "apathy phrases",
    "blame": "blame",
    "deflect": "deflection",
    "cancel_but": "an apology cancelled by 'but'",
    "jargon": "jargon",
    "cold": "no feeling or action for an upset customer",
    "personal": "the customer's name",
    "closing": "closing",
    "generic_val": "generic validation",
    "passive": "passive wording",
    "question": "a question",
    "length": "length",
    "upset": "an upset customer",
}


def explain(pushed: Sequence[tuple[str, float]], k: int = 4) -> str:
    """The ``k`` features that pushed a stance most, readable: ``"feeling with action +, 'so sorry' -"``
    (words the model read are quoted)."""
    return ", ".join(f"{FEATURE_NAMES.get(f, f)} {'+' if v > 0 else '-'}" for f, v in pushed[:k])


def features(dims: Mapping[str, Dimension], counts: Mapping[str, float], upset: bool) -> dict[str, float]:
    """The stance features of a reply: dimension levels and phrase-bank counts."""

    def val(name: str) -> float:
        d = dims[name]
        return d.score if d.applicable and d.score is not None else 0.0

    er, ip = val("emotional_reaction"), val("interpretation")
    act = max(val("action"), val("ownership"))
    return {
        "bias": 1.0,
        "er": er,
        "ip": ip,
        "ex": val("exploration"),
        "feel_act": max(er, ip if ip >= 1.0 else 0.5 * ip) * act,
        "canned": min(1.0, float(counts.get("canned", 0))),
        "apology": val("apology"),
        "own": val("ownership"),
        "action": val("action"),
        "expect": val("expectation"),
        "apathy": min(1.0, float(counts.get("apathy", 0))),
        "blame": min(1.0, float(counts.get("blame", 0))),
        "deflect": min(1.0, float(counts.get("deflect", 0))),
        "cancel_but": min(1.0, float(counts.get("cancel_but", 0))),
        "jargon": min(1.0, 0.5 * counts.get("jargon", 0)),
        "cold": float(upset) * (1 - act) * (1 - max(er, ip)),
        "personal": val("personalization"),
        "closing": val("closing"),
        "generic_val": min(1.0, float(counts.get("generic_validation", 0))),
        "passive": min(1.0, float(counts.get("passive", 0))),
        "question": min(1.0, float(counts.get("question", 0))),
        "length": min(1.0, counts.get("tokens", 0) / 80),
        "upset": float(upset),
    }


def stance_scores(feats: Mapping[str, float], weights: Mapping[str, Mapping[str, float]]) -> dict[str, float]:
    """Softmax of the linear logits, one probability per stance."""
    logits = {s: sum(w * feats.get(f, 0.0) for f, w in weights[s].items()) for s in STANCES}
    top = max(logits.values())
    exp = {s: math.exp(v - top) for s, v in logits.items()}
    total = sum(exp.values())
    return {s: round(exp[s] / total, 4) for s in STANCES}


def contributions(feats: Mapping[str, float], weights: Mapping[str, float]) -> list[tuple[str, float]]:
    """The features that pushed a stance most, largest effect first (for explanations)."""
    parts = [(f, w * feats.get(f, 0.0)) for f, w in weights.items() if f != "bias"]
    return sorted((p for p in parts if abs(p[1]) > 1e-9), key=lambda p: -abs(p[1]))
