"""Scorecards: rates, trends, fatigue, repeat contacts and empathy against CSAT, from results."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from attune.qa.score import TURN_COLUMNS, ConversationResult
from attune.qa.scorecard import Reservoir, Scorecards
from attune.taxonomy import DIMENSIONS

DAY = dt.datetime(2024, 3, 4, tzinfo=dt.UTC).timestamp()


def turn(agent: str, ts: float, score: float, conv: str = "c", turn_no: int = 1, **extra: Any) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(TURN_COLUMNS)
    row.update(
        conversation_id=conv,
        turn=turn_no,
        agent=agent,
        team="T",
        channel="email",
        timestamp=ts,
        score=score,
        stance="empathy" if score >= 60 else "neutral",
        customer_emotion="frustration",
        response_seconds=60.0,
        reply=f"reply {score}",
        evidence=json.dumps({"spans": [], "short": [], "stance": ""}),
    )
    for d in DIMENSIONS:
        row[f"dim_{d}"] = 1.0 if score >= 60 else 0.0
    row.update(extra)
    return row


def result(
    turns: list[dict[str, Any]], cid: str, customer: str = "", created: float | None = None, **s: Any
) -> ConversationResult:
    summary = {
        "conversation_id": cid,
        "agent": turns[0]["agent"] if turns else "",
        "arc": "steady",
        "escalated": False,
        "abuse": False,
        "first_response_seconds": 60.0,
        "resolution_seconds": 3600.0,
        "situations": "delay",
        "nps": None,
        "csat": None,
        "mean_score": sum(t["score"] for t in turns) / len(turns) if turns else None,
        "customer_id": customer,
        "created_at": created,
        "agent_turns": len(turns),
        "scored_turns": len(turns),
    }
    summary.update(s)
    return ConversationResult(summary, tuple(turns))


def test_fatigue_is_flagged_when_late_replies_are_clearly_weaker() -> None:
    cards = Scorecards()
    n = 0
    for day in range(3):
        for hour in range(8):
            for k in range(2):
                ts = DAY + day * 86400 + (9 + hour) * 3600 + k * 600
                tired = 80 - 6 * hour + (k * 3)  # falls through the day
                steady = 70 + (k * 3) - (hour % 2) * 2
                cards.add(result([turn("Morgan", ts, tired, f"m{n}")], f"m{n}"))
                cards.add(result([turn("Priya", ts, steady, f"p{n}")], f"p{n}"))
                n += 1
    data = cards.to_dict()
    assert data["agents"]["Morgan"]["fatigue"]["flag"] is True
    assert data["agents"]["Morgan"]["fatigue"]["mean_drop"] > 30
    assert data["agents"]["Priya"]["fatigue"]["flag"] is False
    assert data["fatigue_curve"][0]["hour"] == 0


def test_too_few_replies_never_flag() -> None:
    cards = Scorecards()
    for hour in range(4):
        cards.add(result([turn("Sam", DAY + (9 + hour) * 3600, 90 - 20 * hour)], f"s{hour}"))
    assert cards.to_dict()["agents"]["Sam"]["fatigue"]["flag"] is False


def test_rates_trend_best_and_weakest() -> None:
    cards = Scorecards(period="day")
    for i, score in enumerate([10.0, 90.0, 50.0, 70.0, 30.0]):
        cards.add(result([turn("Ana", DAY + i * 86400, score, f"c{i}")], f"c{i}"))
    card = cards.to_dict()["agents"]["Ana"]
    assert card["turns"] == 5 and card["mean_score"] == 50.0
    assert card["dimension_rates"]["action"] == 0.4
    assert [t["period"] for t in card["trend"]] == [
        "2024-03-04",
        "2024-03-05",
        "2024-03-06",
        "2024-03-07",
        "2024-03-08",
    ]
    assert [b["score"] for b in card["best"]] == [90.0, 70.0, 50.0]
    assert [w["score"] for w in card["weakest"]] == [10.0, 30.0, 50.0]
    assert card["histogram"][1] == 1 and card["histogram"][9] == 1


def test_repeat_contacts_and_contacts_per_issue() -> None:
    cards = Scorecards()
    times = {"a": [0, 2, 30], "b": [0], "c": [0, 6]}  # days
    for customer, days in times.items():
        for d in days:
            cards.add(result([turn("Sam", DAY + d * 86400, 60)], f"{customer}{d}", customer, DAY + d * 86400))
    repeat = cards.to_dict()["repeat_contacts"]
    assert repeat["repeat_contacts"] == 2  # a on day 2, c on day 6
    assert repeat["customers_with_repeat"] == 2
    assert repeat["contacts_per_issue"] == round(6 / 4, 3)


def test_empathy_and_csat() -> None:
    cards = Scorecards()
    for i in range(10):
        score = 10.0 * i + 5
        cards.add(result([turn("Sam", DAY, score, f"c{i}")], f"c{i}", csat=1.0 if score > 50 else 0.0))
    conv = cards.to_dict()["conversations"]
    assert conv["csat"] == 0.5 and conv["csat_responses"] == 10
    assert conv["empathy_csat_correlation"] > 0.8
    bands = {b["band"]: b["csat"] for b in conv["csat_by_score"]}
    assert bands["0-20"] == 0.0 and bands["80-100"] == 1.0


def test_the_reservoir_is_exact_when_small_and_seeded_when_large() -> None:
    small = Reservoir()
    for v in (5.0, 1.0, 3.0):
        small.add(v)
    assert small.quantile(0.5) == 3.0
    a, b = Reservoir(size=100), Reservoir(size=100)
    for v in range(10_000):
        a.add(float(v))
        b.add(float(v))
    assert a.quantile(0.5) == b.quantile(0.5)
    assert 3000 < (a.quantile(0.5) or 0) < 7000
