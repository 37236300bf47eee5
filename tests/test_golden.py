"""The golden cases: project-written (customer, reply) pairs with expected stance and dimensions.

Figures are printed so a run shows where the rules stand, not only whether they pass.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from statistics import mean
from typing import Any

import pytest

from attune import assess
from attune.taxonomy import DIMENSIONS, SITUATIONS, STANCES
from attune.types import ReplyAssessment

Case = dict[str, Any]


@pytest.fixture(scope="module")
def judged(golden: list[Case]) -> list[tuple[Case, ReplyAssessment]]:
    return [(c, assess(c["reply"], customer=c["customer"], customer_name=c.get("customer_name"))) for c in golden]


def test_golden_file_covers_every_situation_and_stance(golden: list[Case]) -> None:
    assert len(golden) >= 150
    assert {c["stance"] for c in golden} == set(STANCES)
    covered = {s for c in golden for s in c["situations"]}
    assert covered == set(SITUATIONS)


def test_stance_accuracy_at_least_90_percent(judged: list[tuple[Case, ReplyAssessment]]) -> None:
    hits = sum(c["stance"] == a.stance for c, a in judged)
    accuracy = hits / len(judged)
    confusion = Counter((c["stance"], a.stance) for c, a in judged)
    print(f"\nstance accuracy on {len(judged)} golden cases: {accuracy:.3f}")
    for expected in STANCES:
        print(f"  {expected:9s}", {got: confusion[(expected, got)] for got in STANCES})
    assert accuracy >= 0.90


def test_empathy_reply_outscores_sympathy_reply_to_the_same_message(
    judged: list[tuple[Case, ReplyAssessment]],
) -> None:
    groups: dict[str, list[tuple[Case, ReplyAssessment]]] = defaultdict(list)
    for c, a in judged:
        groups[c["group"]].append((c, a))
    pairs = wrong = 0
    for items in groups.values():
        for ce, ae in items:
            for cs, as_ in items:
                if ce["stance"] == "empathy" and cs["stance"] == "sympathy":
                    pairs += 1
                    if not ae.score > as_.score:
                        wrong += 1
                        print(f"not ranked right: {ce['id']} {ae.score} <= {cs['id']} {as_.score}")
    print(f"\n(empathy, sympathy) pairs ranked right: {pairs - wrong}/{pairs}")
    assert pairs >= 40 and wrong == 0


def test_apathy_replies_score_lowest(judged: list[tuple[Case, ReplyAssessment]]) -> None:
    by_stance: dict[str, list[float]] = defaultdict(list)
    for c, a in judged:
        by_stance[c["stance"]].append(a.score)
    means = {s: round(mean(v), 1) for s, v in by_stance.items()}
    print(f"\nmean score by labelled stance: {means}")
    assert means["apathy"] == min(means.values())
    groups: dict[str, list[tuple[Case, ReplyAssessment]]] = defaultdict(list)
    for c, a in judged:
        groups[c["group"]].append((c, a))
    beaten = below_all = total = 0
    for items in groups.values():
        for c, a in items:
            if c["stance"] != "apathy":
                continue
            total += 1
            others = [b.score for d, b in items if d["stance"] in ("empathy", "neutral")]
            beaten += all(a.score < o for o in others)
            below_all += all(a.score < b.score for d, b in items if d is not c)
    print(
        f"apathy below empathy and neutral in its group: {beaten}/{total}; below every other reply: {below_all}/{total}"
    )
    assert beaten == total


def test_dimension_expectations_mostly_hold(judged: list[tuple[Case, ReplyAssessment]]) -> None:
    checked = held = 0
    misses: Counter[str] = Counter()
    for c, a in judged:
        for name in c.get("present", []):
            checked += 1
            ok = a.dimensions[name].present
            held += ok
            misses[f"{name} missed"] += not ok
        for name in c.get("absent", []):
            checked += 1
            ok = not a.dimensions[name].present
            held += ok
            misses[f"{name} false alarm"] += not ok
        for name in c.get("not_applicable", []):
            checked += 1
            ok = not a.dimensions[name].applicable
            held += ok
            misses[f"{name} applied"] += not ok
    share = held / checked
    print(f"\ndimension expectations held: {held}/{checked} = {share:.3f}; worst: {misses.most_common(5)}")
    assert share >= 0.85


def test_every_dimension_has_evidence_or_a_reason(
    judged: list[tuple[Case, ReplyAssessment]],
) -> None:
    for _, a in judged:
        assert set(a.dimensions) == set(DIMENSIONS)
        for d in a.dimensions.values():
            if d.applicable:
                assert d.score is not None and 0.0 <= d.score <= 1.0
                assert d.evidence, f"{d.name} is applicable without evidence"
                assert d.reason
            else:
                assert d.score is None and d.reason, f"{d.name} not applicable without a reason"
            if d.name in ("emotional_reaction", "interpretation", "exploration") and d.applicable:
                assert d.level in (0, 1, 2) and d.score == d.level / 2
