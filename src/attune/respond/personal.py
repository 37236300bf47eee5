"""Slots for personalising statements and drafts, filled from a customer analysis."""

from __future__ import annotations

import re

from attune.assess.dimensions import feeling_word
from attune.taxonomy import COMPANY_ERRED
from attune.types import CustomerAnalysis

_ORDINAL_COUNT = {
    "second": "twice",
    "2nd": "twice",
    "third": "three times",
    "3rd": "three times",
    "fourth": "four times",
    "4th": "four times",
    "fifth": "five times",
    "5th": "five times",
}


def slots(customer: CustomerAnalysis) -> dict[str, str]:
    """Values for ``{name}``, ``{detail}``, ``{feeling}``, ``{count}`` and ``{wait}`` that the
    message supports; a slot is absent when the message gives nothing to fill it with.

    >>> from attune import analyze
    >>> sorted(slots(analyze("My router died again, third time this month. Dana")))
    ['count', 'detail', 'feeling', 'name']
    """
    out: dict[str, str] = {}
    if customer.name:
        out["name"] = customer.name
    top = customer.top_emotions[0]
    # a "happy" customer with a problem is likely sarcastic: no "I can see how great this has been"
    if top != "neutral" and not (top == "happiness" and set(customer.present_situations) & COMPANY_ERRED):
        out["feeling"] = feeling_word(customer)
    for kind in ("id", "item", "amount"):
        found = next((d for d in customer.details if d.kind == kind), None)
        if found is not None:
            out["detail"] = _as_detail(found.kind, found.text, customer.text[max(0, found.start - 30) : found.start])
            break
    contacts = next((d for d in customer.details if d.kind == "contacts"), None)
    if contacts is not None:
        word = contacts.text.lower().split()[0]
        count = re.search(r"(twice|\w+ times|over and over)$", contacts.text.lower())
        out["count"] = _ORDINAL_COUNT.get(word) or (count.group(1) if count else "more than once")
    wait = next((d for d in customer.details if d.kind == "wait"), None)
    if wait is not None:
        out["wait"] = _as_wait(wait.text)
    return out


_WEEKDAY = re.compile(r"\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b")


def _as_wait(text: str) -> str:
    """How long they waited, to follow "you've been waiting": "3 weeks", "since Monday".

    >>> _as_wait("3 weeks ago"), _as_wait("since yesterday"), _as_wait("an hour late"), _as_wait("waited 2 days")
    ('3 weeks', 'since yesterday', 'an hour', '2 days')
    """
    t = text.lower().strip()
    if t.startswith("since "):
        return _WEEKDAY.sub(lambda m: m.group(1).capitalize(), t)
    t = re.sub(r"^(for|after|been|waiting|waited)\s+", "", t)  # "over a week", "nearly a month" stay
    t = re.sub(r"\s+(now|ago|late|later|on hold|waiting)$", "", t)
    return t


_THEIRS = {"my": "your", "our": "your", "your": "our"}


def _as_detail(kind: str, text: str, before: str = "") -> str:
    """Turn the customer's words into ours: "my router" -> "your router", "your app" -> "our app";
    an amount is named for what the customer said it was (``before``: the words just before it)."""
    t = re.sub(r"^(my|our|your)\b", lambda m: _THEIRS[m.group(1).lower()], text.strip(), flags=re.IGNORECASE)
    t = re.sub(r"^(the|this|that)\b", "the", t, flags=re.IGNORECASE)
    if kind == "id" and not re.match(r"(?i)order|ticket|case|booking|invoice|ref|account|claim|policy", t):
        t = f"order {t}" if t.startswith("#") else t
    if kind == "amount":
        said = before.lower()
        if "refund" in said:
            t = f"your refund of {t}"
        elif re.search(r"charg|bill|paid|pay|debit|fee|price|cost", said):
            t = f"the charge of {t}"
        else:
            t = f"the {t}"
    if t.isupper():
        t = t.lower()
    return t


def validation_line(customer: CustomerAnalysis, values: dict[str, str], *, default: str = "frustrating") -> str:
    """ "I can see how <feeling> ..." for the customer's problem, not for an object: a detail is
    named only where the situation says what happened to it ("still waiting for order #123").

    >>> from attune import analyze
    >>> a = analyze("My order #4471 is two weeks late and nobody answers!")
    >>> validation_line(a, slots(a))
    'I can see how frustrating it is to still be waiting for order #4471.'
    """
    feeling, detail = values.get("feeling", default), values.get("detail")
    sit = set(customer.present_situations)
    if detail and ("delay" in sit or ("refund" in sit and "billing_error" not in sit)):
        return f"I can see how {feeling} it is to still be waiting for {detail}."
    if detail and "defect" in sit and not detail.startswith(("order", "ticket", "case", "the charge", "your refund")):
        return f"I can see how {feeling} it is when {detail} doesn't work as it should."
    if (
        detail
        and "billing_error" in sit
        and detail.startswith(("the charge", "the "))
        and any(c.isdigit() for c in detail)
    ):
        return f"I can see how {feeling} it is to find {detail} on your account."
    return f"I can see how {feeling} this has been."


def fill(text: str, values: dict[str, str]) -> str:
    """Fill ``{slot}`` markers; the caller made sure every needed slot has a value."""
    for key, value in values.items():
        text = text.replace("{" + key + "}", value)
    return text
