"""Specifics of a customer's message worth paraphrasing back: ids, items, amounts, dates, waits."""

from __future__ import annotations

import re
from functools import cache

from attune.lexicon import load
from attune.types import Detail

_NUMBER_WORDS = (
    r"(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a few|a couple of|several|many)"
)
#: (kind, pattern) with every letter in lower case: they run case-sensitively over the lower-cased
#: text (Python's ``re`` is two to three times slower on these alternations with IGNORECASE)
_SOURCES: tuple[tuple[str, str], ...] = (
    (
        "id",
        r"(?:#\s?(?P<a>[a-z0-9-]*\d[a-z0-9-]{2,})"
        r"|\b(?:order|ticket|case|ref(?:erence)?|invoice|booking|confirmation|tracking|account|"
        r"claim|policy|reservation)\s*(?:number|no\.?|num|id|code)?\s*(?:is\s+)?[:#]?\s*"
        r"(?P<b>[a-z]{0,4}-?\d[a-z0-9-]{3,}))",
    ),
    (
        "amount",
        r"(?:[$€£¥₹]\s?\d[\d,]*(?:\.\d{1,2})?(?:\s?(?:k|m))?"
        r"|\b\d[\d,]*(?:\.\d{1,2})?\s?(?:dollars|euros|pounds|usd|eur|gbp|cad|aud|bucks|quid)\b)",
    ),
    (
        "wait",
        # not how long they have been with us: "a customer for 10 years" is loyalty, not a wait
        r"\b(?<!customer )(?<!member )(?<!client )(?<!subscriber )(?<!with you )(?<!with us )"
        rf"(?:for|over|more than|almost|nearly|about|since|after|been|waiting|waited)\s+(?:the\s+(?:last|past)\s+)?"
        rf"{_NUMBER_WORDS}\s+(?:minutes?|hours?|days?|weeks?|months?|years?)\b"
        rf"|\b{_NUMBER_WORDS}\s+(?:minutes?|hours?|days?|weeks?|months?)\s+(?:now|ago|late|later|on hold|waiting)\b"
        r"|\bsince\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|last\s+\w+|yesterday|"
        r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*(?:\s+\d{1,2})?)\b",
    ),
    (
        "contacts",
        r"\b(?:(?:second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th))\s+(?:time|call|email|message|"
        r"attempt|request|ticket|chat)"
        r"|(?:(?:called|emailed|contacted|written|wrote|messaged|chatted|asked|reached out|spoken|spoke|"
        r"tried (?:to )?(?:call|phone|ring|email|reach|contact|get through|chat))"
        r"\b[^.!?\n]{0,30}?\b(?:twice|three times|four times|five times|\d+\s+times|several times|"
        r"multiple times|many times|countless times|over and over)))\b",
    ),
    (
        "date",
        r"\b(?:(?:on|since|last|this|next|by)\s+)?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
        r"|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s+\d{1,2}(?:st|nd|rd|th)?\b"
        r"|\b\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:january|february|march|april|june|july|august|"
        r"september|october|november|december|jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)\b"
        r"|\b\d{1,2}/\d{1,2}(?:/\d{2,4})?\b|\b(?:yesterday|last week|last month|last night)\b"
        r"|\b(?:on|by|before|until|since)\s+the\s+\d{1,2}(?:st|nd|rd|th)\b",  # "my wedding on the 22nd"
    ),
    ("item", r"\b(?:my|the|our|this|that|your)\s+(?:brand\s+)?(?P<first>[a-z]+)(?:-?\s+(?P<noun>[a-z]+))?\b"),
)
#: case-sensitive, for the lower-cased text; and with IGNORECASE, for the rare text whose lower case
#: has another length (so that spans still index the original)
_LOWER = tuple((kind, re.compile(src)) for kind, src in _SOURCES)
_DIGIT = re.compile(r"\d")
#: a duration that dates a loss is not a wait ("my father passed away two weeks ago")
#: how long something worked or was used is not a wait ("the TV worked for 2 weeks")
_NOT_WAITING = re.compile(
    r"\b(?:worked|lasted|used (?:it|them)|had (?:it|them)|owned (?:it|them)|ran|running)\s*$", re.IGNORECASE
)
_LOSS_BEFORE = re.compile(
    r"\b(?:passed (?:away|on)|death|funeral|buried|deceased|lost (?:my|our|her|his)|(?:mother|father|mum|mom|dad|"
    r"husband|wife|son|daughter|brother|sister|partner|grandmother|grandfather|grandma|grandpa|aunt|uncle|friend)"
    r"\s+(?:\w+\s+)?(?:died|passed))\b[^.!?\n]{0,40}$",
    re.IGNORECASE,
)
_ANY_CASE = tuple((kind, re.compile(src, re.IGNORECASE)) for kind, src in _SOURCES)


@cache
def _products() -> frozenset[str]:
    words = load().raw_classes["product"]
    return frozenset(words) | frozenset(w + "s" for w in words)


_UNITS = ("minute", "hour", "day", "week", "month", "year", "since")
_DATES = (
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
    "yesterday",
    "last ",
)


def _worth_trying(kind: str, lower: str, has_digit: bool) -> bool:
    """Cheap checks that skip a pattern that cannot match (most messages hold no numbers)."""
    if kind == "id":
        return has_digit
    if kind == "amount":
        return has_digit
    if kind == "wait":
        return any(u in lower for u in _UNITS)
    if kind == "contacts":
        return "time" in lower or "twice" in lower or "over and over" in lower or has_digit
    if kind == "date":
        return has_digit or any(d in lower for d in _DATES)
    return True


def extract_details(text: str) -> tuple[Detail, ...]:
    """Specifics found in ``text``, in order of appearance, without overlaps.

    >>> [d.kind for d in extract_details("Order #55123 was charged $40, I called twice, for 3 weeks now.")]
    ['id', 'amount', 'contacts', 'wait']
    """
    found: list[Detail] = []
    products = _products()
    lower = text.lower()
    has_digit = _DIGIT.search(text) is not None
    subject, patterns = (lower, _LOWER) if len(lower) == len(text) else (text, _ANY_CASE)
    for kind, pattern in patterns:
        if not _worth_trying(kind, lower, has_digit):
            continue
        for m in pattern.finditer(subject):
            start, end = m.span()
            if kind == "item" and subject[slice(*m.span("noun"))].lower() not in products:
                if subject[slice(*m.span("first"))].lower() not in products:
                    continue
                head = text[start : m.end("first")].strip()
                found.append(Detail(kind, head, start, m.end("first"), head))
                continue
            if kind == "wait" and (
                _LOSS_BEFORE.search(subject, max(0, start - 60), start)
                or _NOT_WAITING.search(subject, max(0, start - 30), start)
            ):
                continue
            whole = text[start:end].strip()
            value = whole
            if kind == "id":
                group = "a" if m.start("a") >= 0 else "b"
                value = text[slice(*m.span(group))].strip()
            found.append(Detail(kind, whole, start, end, value))
    found.sort(key=lambda d: (d.start, -(d.end - d.start)))
    out: list[Detail] = []
    for d in found:
        if out and d.start < out[-1].end:
            continue
        if (
            d.kind == "item"
            and d.text.lower().split()[-1] in {"order", "account", "charge", "payment"}
            and any(x.kind == "id" and d.start < x.start < d.end + 3 for x in found)  # "my order #12345"
        ):
            continue
        out.append(d)
    return tuple(out)
