"""What is wrong with a reply, sentence by sentence, and which span a fix may replace: canned,
apathetic, blaming or passive phrasing (the banks' matches), and the facts no edit may drop.
:func:`~attune.respond.rewrite.rewrite` turns these into edits.
"""

from __future__ import annotations

import re

from attune.lexicon import load
from attune.matcher import Match
from attune.scan import Scan
from attune.text import Sentence

_FACT = re.compile(
    r"https?://\S+|www\.\S+|\S+@\S+|#?[A-Z]{0,5}-?\d[\w./:-]*|[$€£¥]\s?\d[\d,.]*"
    r"|\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|"
    r"june|july|august|september|october|november|december)\b",
    re.IGNORECASE,
)


def facts(text: str) -> list[str]:
    """The facts of a text that a rewrite must keep: numbers, amounts, ids, dates, links.

    >>> facts("Order #123 ships Friday, $5 off: https://x.io")
    ['#123', 'Friday', '$5', 'https://x.io']
    """
    return [m.group().rstrip(".,;:!?") for m in _FACT.finditer(text)]


def sentence_problems(s: Scan, sent: Sentence) -> list[tuple[str, Match, tuple[int, int]]]:
    """The sentence's problems with the span each one replaces (see :func:`_problem_span`)."""
    found: list[tuple[str, Match, tuple[int, int]]] = []
    for kind, matches in (
        ("apathy", s.affirmed(s.bank("apathy"))),
        ("blame", s.affirmed(s.bank("tone", "blame"))),
        ("canned_apology", s.bank("sympathy", "canned_apology")),
        ("canned_sympathy", s.bank("sympathy", "canned_sympathy")),
        ("passive", [m for m in s.bank("ownership", "passive") if m.entry.alt and not plainer(s, m)]),
    ):
        for m in matches:
            if sent.start <= m.start < sent.end:
                span = problem_span(s, sent, m, whole_if_no_fact=kind == "blame" or only_who(s.text, m, sent))
                if span != (-1, -1):
                    found.append((kind, m, span))
    return found


#: what may join a problem phrase to the rest of its sentence: "Sorry for the trouble, but ..."
_JOIN = re.compile(r"\s*(?:[,;:\u2013\u2014-]\s*(?:(?:but|however|so|and)\b\s*)?|\s(?:but|however|so)\s+)(?=\w)", re.I)


def problem_span(s: Scan, sent: Sentence, m: Match, *, whole_if_no_fact: bool = False) -> tuple[int, int]:
    """What to replace for a problem phrase ``m`` in ``sent``, or ``(-1, -1)`` to leave it.

    The whole sentence (after a greeting that opens it) when the phrase is all it says, or most of
    it with no fact beside it (any share of it for blame and passive voice, ``whole_if_no_fact``:
    "You should have checked the package before signing for it" is blame throughout); the phrase
    and its joint when the rest of the sentence is a clause of its own ("Sorry for the
    inconvenience, but your account is suspended" keeps "your account is suspended"); otherwise
    nothing, so that no information is lost.
    """
    text = s.text
    start = sent.start
    for g in s.bank("greeting"):
        if g.start == sent.start:  # keep "Hi Priya," (the greeting and the name after it)
            cut = [i for i in (text.find(",", g.end), text.find("\n", g.end)) if g.end <= i < min(m.start, g.end + 30)]
            name = re.match(r"[ \t]+[A-Z][\w'-]*", text[g.end : m.start])  # "Hi Priya sorry ..."
            start = min(cut) + 1 if cut else g.end + (name.end() if name else 0)
            while start < m.start and text[start] in " ,!\t\n":
                start += 1
    stop = sent.end
    while stop > m.end and text[stop - 1] in ".!?\"' ":
        stop -= 1
    stop_words = load().classes["stopword"]
    before = [t for t in s.tokens if start <= t.start < m.start and t.norm not in stop_words]
    rest = text[m.end : stop]
    if not before and not rest.strip(" ,;:-"):
        return start, sent.end
    join = _JOIN.match(rest)
    if not before and join is not None:
        return start, m.end + join.end()
    share = (m.end - m.start) / max(1, len(sent.text))
    if (share >= 0.45 or whole_if_no_fact) and not facts(text[start : m.start] + rest):
        return start, sent.end
    return -1, -1


def only_who(text: str, m: Match, sent: Sentence) -> bool:
    """Whether what follows a passive phrase only says who is doing it ("... by the billing team.")."""
    rest = text[m.end : sent.end].strip(" .!")
    return (
        not rest
        or re.fullmatch(r"(?:by|to|with)\s+(?:the|our|a)\s+[\w -]{0,30}?(?:team|department|specialists?)", rest, re.I)
        is not None
    )


def plainer(s: Scan, m: Match) -> bool:
    """Whether a jargon entry with a plain wording covers part of ``m`` (that finer edit wins:
    "has been logged" becomes "is with me")."""
    return any(j.entry.alt and j.start < m.end and m.start < j.end for j in s.bank("tone", "jargon"))


#: who a passive sentence says is doing it ("by the relevant team"), to name in the first-person line
TEAM = re.compile(r"\b(?:the|our)\s+(?:\w+\s+)?(?:team|department|specialists?)\b", re.IGNORECASE)
