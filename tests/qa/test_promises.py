"""Promises: found in a reply with their due time, and checked against the agent's later turns."""

from __future__ import annotations

import datetime as dt

import pytest

from attune.qa.promises import Promise, check_promise, find_promises

MONDAY_10 = dt.datetime(2024, 3, 4, 10, 0, tzinfo=dt.UTC).timestamp()


def at(day: int, hour: int = 23, minute: int = 59, second: int = 59) -> float:
    return dt.datetime(2024, 3, day, hour, minute, second, tzinfo=dt.UTC).timestamp()


@pytest.mark.parametrize(
    ("reply", "phrase", "due"),
    [
        ("I'll update you by Friday.", "by Friday", at(8)),
        ("I will call you tomorrow morning.", "tomorrow morning", at(5)),
        ("You'll hear from me within 24 hours.", "within 24 hours", MONDAY_10 + 24 * 3600),
        ("We'll get back to you by end of day.", "end of day", at(4)),
        ("I'll send the tracking number within 2 business days.", "within 2 business days", at(6)),
        ("I'll follow up on Monday.", "on Monday", at(11)),
        ("I'm going to check with the courier in a few hours.", "in a few hours", MONDAY_10 + 3 * 3600),
        ("We will ship the replacement next week.", "next week", at(15)),
        ("I'll confirm by March 20th.", "by March 20th", at(20)),
        ("I'll keep you posted on this.", "", None),
    ],
)
def test_a_promise_and_its_due_time(reply: str, phrase: str, due: float | None) -> None:
    found = find_promises(reply, MONDAY_10)
    assert len(found) == 1
    assert found[0].due_phrase == phrase
    assert found[0].due_at == due
    assert reply[found[0].start : found[0].end] == found[0].text


@pytest.mark.parametrize(
    "reply",
    ["Thanks for your patience.", "The refund was processed on Friday.", "You can call us any time."],
)
def test_no_promise(reply: str) -> None:
    assert find_promises(reply, MONDAY_10) == []


def test_each_sentence_is_its_own_promise() -> None:
    found = find_promises(
        "Hi Ana! I've refunded you. I'll email the receipt today, and I'll call you Friday.", MONDAY_10
    )
    assert len(found) == 1  # one sentence, one promise: the first time phrase is its due time
    assert found[0].due_phrase == "today"


def test_without_a_send_time_there_is_no_due_time() -> None:
    assert find_promises("I'll update you by Friday.", None)[0].due_at is None


@pytest.mark.parametrize(
    ("later", "ends_at", "status"),
    [
        ([MONDAY_10 + 3600], None, "kept"),
        ([at(8) + 1800], None, "kept"),  # within the hour of grace
        ([at(9, 12)], None, "late"),
        ([], at(10), "broken"),
        ([], at(8, 12), "open"),
        ([None], at(10), "untimed"),
    ],
)
def test_a_promise_is_checked_against_later_agent_turns(
    later: list[float | None], ends_at: float | None, status: str
) -> None:
    promise = Promise(0, 10, "I'll update you by Friday.", "by Friday", at(8))
    assert check_promise(promise, MONDAY_10, later, ends_at) == status
