"""``suggest``: statements that fit the customer's situation and feelings, personalised."""

from __future__ import annotations

import hashlib
from typing import Any

from attune.perceive.analyze import analyze
from attune.respond.personal import fill, slots
from attune.respond.statements import statement_bank
from attune.types import CustomerAnalysis, ReplyAssessment, Suggestion

#: Which dimension a statement's practice makes up for, when the reply lacks it.
PRACTICE_FILLS = {
    "validation": "emotional_reaction",
    "understanding": "interpretation",
    "exploration": "exploration",
    "apology": "apology",
    "ownership": "ownership",
    "action": "action",
    "expectation": "expectation",
    "closing": "closing",
}


def suggest(
    customer: str | CustomerAnalysis,
    *,
    reply: str | ReplyAssessment | None = None,
    n: int = 3,
    seed: int = 0,
) -> list[Suggestion]:
    """Up to ``n`` statements that fit, best first, each from a different practice.

    ``seed`` picks among statements of equal fit: the same seed gives the same list, and the
    next seed never repeats the previous top statement word for word (the live coach passes a
    counter). With ``reply``, practices the reply lacks rank first.

    >>> [s.situation for s in suggest("I was charged twice for March!", n=2)]
    ['billing_error', 'billing_error']
    """
    from attune.assess import assess
    from attune.errors import UsageError

    if n < 1 or n > 20:
        raise UsageError(f"n must be between 1 and 20, got {n}")
    analysis = analyze(customer) if isinstance(customer, str) else customer
    assessment = assess(reply, customer=analysis) if isinstance(reply, str) else reply
    values = slots(analysis)
    present = analysis.present_situations or ["other"]
    feelings = set(analysis.top_emotions) - {"neutral"}
    lacking = set()
    if assessment is not None:
        lacking = {name for name, d in assessment.dimensions.items() if d.applicable and not d.present}
        used = assessment.text.lower()
    else:
        used = ""

    scored: list[tuple[float, str, dict[str, Any], str]] = []
    for st in statement_bank():
        if any(slot not in values for slot in st["needs"]):
            continue
        if "bereavement" in present and "bereavement" not in st["situations"]:
            continue  # a loss sets the tone: only lines written for it
        fit_sit = [s for s in st["situations"] if s in present]
        fit_emo = feelings.intersection(st["emotions"])
        if not fit_sit:  # a statement speaks of its situation ("on your statement"): feelings alone don't fit it
            continue
        if st["emotions"] and not fit_emo and "neutral" not in st["emotions"]:
            continue  # written for a feeling ("You're right to be angry") the customer does not show
        text = fill(st["text"], values)
        if text.lower() in used:
            continue
        score = st["weight"] * (
            1.0
            + max((analysis.situations[s] for s in fit_sit), default=0.0)
            + 0.5 * len(fit_emo)
            + 0.3 * len(st["needs"])
        )
        if PRACTICE_FILLS.get(st["practice"]) in lacking:
            score += 1.0
        situation = fit_sit[0] if fit_sit else present[0]
        scored.append((round(score, 4), situation, st, text))

    scored.sort(key=lambda x: (-x[0], x[2]["id"]))
    by_practice: dict[str, list[tuple[float, str, dict[str, Any], str]]] = {}
    for item in scored:
        by_practice.setdefault(item[2]["practice"], []).append(item)
    order = sorted(by_practice, key=lambda p: -by_practice[p][0][0])
    salt = int(hashlib.sha256(analysis.text.encode("utf-8")).hexdigest()[:8], 16)
    out: list[Suggestion] = []
    for practice in order[:n]:
        group = by_practice[practice]
        pool = group[: max(1, min(len(group), 4))]
        score, situation, st, text = pool[(seed + salt) % len(pool)]
        reason = f"fits {situation}" + (
            f" and {', '.join(sorted(feelings & set(st['emotions'])))}" if feelings & set(st["emotions"]) else ""
        )
        if PRACTICE_FILLS.get(practice) in lacking:
            reason += f"; the reply lacks {PRACTICE_FILLS[practice]}"
        out.append(
            Suggestion(
                text=text,
                situation=situation,
                practice=practice,
                score=score,
                source=st["source"],
                reason=reason,
            )
        )
    return out
