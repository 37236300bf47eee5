"""Promises an agent makes ("I'll update you by Friday"): found, given a due time, and checked.

A promise is a first-person commitment to a next step (``I'll``, ``we will``, ``you'll hear
from me``) in one sentence; its due time comes from a time phrase in the same sentence
(``by Friday``, ``within 24 hours``, ``tomorrow``, ``by end of day``), counted from when the reply
was sent. Days end at 23:59:59 UTC. A promise is **kept** when the agent writes again by its due
time (an hour's grace), **late** when the next agent turn comes after it, **broken** when no agent
turn follows and the conversation went on past it, **open** when the export ends before it is due,
and **untimed** when it names no time.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any, Literal

Status = Literal["kept", "late", "broken", "open", "untimed"]
GRACE_SECONDS = 3600.0

_SENTENCE = re.compile(r"[^.!?\n]+[.!?]*")
_COMMIT = re.compile(
    r"\b(?:(?:i|we)\s*(?:'|’)?\s*(?:ll|will|shall|am going to|'m going to|’m going to|are going to|'re going to)"
    r"\s+(?:personally\s+|also\s+|then\s+|definitely\s+)?"
    r"(?:update|follow[- ]up|get back|email|e-mail|call|ring|send|reach out|check|confirm|let you know|contact"
    r"|write|message|ping|look into|investigate|escalate|process|refund|ship|arrange|make sure|keep you"
    r"|have (?:this|it|that|an? \w+)|fix|sort|resolve|chase|circle back|be in touch|text|post|credit|replace)"
    r"|you\s*(?:'|’)?\s*(?:ll|will)\s+(?:hear|receive|get|have)\s+(?:back\s+)?"
    r"(?:from (?:me|us)|an? (?:update|email|reply|call|confirmation|answer|refund|replacement|credit)|it|the \w+)"
    r"|expect (?:an? )?(?:update|reply|email|call|response|answer) from (?:me|us))",
    re.IGNORECASE,
)
_DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_NUMBERS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "a couple of": 2,
    "couple of": 2,
    "three": 3,
    "a few": 3,
    "few": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "ten": 10,
    "twenty-four": 24,
    "forty-eight": 48,
}
_NUM = r"(\d+|a couple of|couple of|a few|few|an?|one|two|three|four|five|six|seven|ten|twenty-four|forty-eight)"
_UNIT = r"(minutes?|mins?|hours?|hrs?|(?:business |working )?days?|weeks?)"
_TIME = re.compile(
    r"\b(?:(?:within|in|in the next|over the next|inside)\s+" + _NUM + r"\s+" + _UNIT + r"(?P<span_end>)"
    r"|(?P<eod>end of (?:the |your |my )?(?:business )?day|eod|close of business|cob|tonight|later today|today"
    r"|this (?:afternoon|evening|morning))"
    r"|(?P<eow>end of (?:the |this )?week|eow|this week)"
    r"|(?P<tomorrow>tomorrow(?: morning| afternoon| evening)?)"
    r"|(?P<nextweek>next week|early next week)"
    r"|(?:by |on |before |until |this |next )?(?P<weekday>" + "|".join(_DAYS) + r")"
    r"|(?:by |on |before )(?P<month>" + "|".join(_MONTHS) + r")\s+(?P<mday>\d{1,2})(?:st|nd|rd|th)?)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Promise:
    """A commitment found in a reply: the sentence's span and the due time it names, if any."""

    start: int
    end: int
    text: str
    due_phrase: str
    due_at: float | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _end_of_day(day: dt.date) -> float:
    return dt.datetime(day.year, day.month, day.day, 23, 59, 59, tzinfo=dt.UTC).timestamp()


def _add_business_days(day: dt.date, n: int) -> dt.date:
    while n > 0:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            n -= 1
    return day


def due_time(match: re.Match[str], made_at: float) -> float:
    """The due time a time phrase names, counted from ``made_at`` (seconds, UTC)."""
    now = dt.datetime.fromtimestamp(made_at, tz=dt.UTC)
    today = now.date()
    groups = match.groupdict()
    if groups["eod"]:
        return _end_of_day(today)
    if groups["tomorrow"]:
        return _end_of_day(today + dt.timedelta(days=1))
    if groups["eow"]:
        ahead = (4 - today.weekday()) % 7
        return _end_of_day(today + dt.timedelta(days=ahead))
    if groups["nextweek"]:
        return _end_of_day(today + dt.timedelta(days=7 + (4 - today.weekday()) % 7))
    if groups["weekday"]:
        ahead = (_DAYS.index(groups["weekday"].lower()) - today.weekday()) % 7 or 7
        return _end_of_day(today + dt.timedelta(days=ahead))
    if groups["month"]:
        month = _MONTHS.index(groups["month"].lower()) + 1
        day = min(int(groups["mday"]), 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)
        due = dt.date(today.year, month, max(1, day))
        if due < today:
            due = dt.date(today.year + 1, month, max(1, day))
        return _end_of_day(due)
    amount_text, unit = match.group(1).lower(), match.group(2).lower()
    amount = int(amount_text) if amount_text.isdigit() else _NUMBERS.get(amount_text, 1)
    if unit.startswith("min"):
        return made_at + 60 * amount
    if unit.startswith(("hour", "hr")):
        return made_at + 3600 * amount
    if unit.startswith(("business", "working")):
        return _end_of_day(_add_business_days(today, amount))
    if unit.startswith("week"):
        return _end_of_day(today + dt.timedelta(days=7 * amount))
    return _end_of_day(today + dt.timedelta(days=amount))


def find_promises(text: str, made_at: float | None) -> list[Promise]:
    """Promises in a reply, each with the due time its sentence names (``None`` if none or unknown).

    >>> import datetime as dt
    >>> monday = dt.datetime(2024, 3, 4, 10, tzinfo=dt.UTC).timestamp()
    >>> [p.due_phrase for p in find_promises("Thanks! I'll update you by Friday.", monday)]
    ['by Friday']
    >>> dt.datetime.fromtimestamp(find_promises("I'll call you tomorrow.", monday)[0].due_at, dt.UTC).day
    5
    """
    found: list[Promise] = []
    for sentence in _SENTENCE.finditer(text):
        commit = _COMMIT.search(sentence.group())
        if commit is None:
            continue
        when = _TIME.search(sentence.group())
        start = sentence.start() + len(sentence.group()) - len(sentence.group().lstrip())
        end = sentence.start() + len(sentence.group().rstrip())
        due = due_time(when, made_at) if when is not None and made_at is not None else None
        found.append(Promise(start, end, text[start:end], when.group().strip() if when else "", due))
    return found


def check_promise(
    promise: Promise, made_at: float | None, later_agent_times: Sequence[float | None], ends_at: float | None
) -> Status:
    """Whether a later agent turn kept a promise (see the module's docstring for each status).

    >>> p = Promise(0, 10, "I'll call", "tomorrow", due_at=100.0)
    >>> check_promise(p, 0.0, [50.0], 9e3), check_promise(p, 0.0, [], 9e3), check_promise(p, 0.0, [], 60.0)
    ('kept', 'broken', 'open')
    """
    times = [t for t in later_agent_times if t is not None]
    if promise.due_at is None:
        return "untimed"
    if times:
        return "kept" if min(times) <= promise.due_at + GRACE_SECONDS else "late"
    if later_agent_times:  # later turns without times: cannot tell when
        return "untimed"
    if ends_at is not None and ends_at > promise.due_at + GRACE_SECONDS:
        return "broken"
    return "open"
