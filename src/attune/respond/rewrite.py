"""``rewrite``: minimal sentence-level edits that turn a cold or canned reply into empathy.

Edits come from the phrase banks' ``alt`` fields and from what the assessment finds missing.
Facts are never changed: an edit that would drop a number, date, name, link or id is skipped.
"""

from __future__ import annotations

import re

from attune.assess import assess
from attune.assess.dimensions import cancelling_buts
from attune.lexicon import Match, alternative
from attune.perceive.analyze import analyze
from attune.respond.personal import slots
from attune.scan import Scan, scan
from attune.text import Sentence, check
from attune.types import CustomerAnalysis, Edit, Rewrite

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


def rewrite(reply: str, *, customer: str | CustomerAnalysis | None = None) -> Rewrite:
    """A warmer version of ``reply`` and the edits that make it, each with its reason.

    >>> r = rewrite("Please be advised that your refund is processed.", customer="Where is my refund??")
    >>> [e.before for e in r.edits if e.kind == "delete"]
    ['Please be advised that ']
    >>> r.text.startswith("Please be advised")
    False
    """
    text = check(reply, what="reply")
    analysis = analyze(customer) if isinstance(customer, str) else customer
    s = scan(text)
    judged = assess(text, customer=analysis)
    values = slots(analysis) if analysis else {}
    feeling = values.get("feeling", "frustrating")
    edits: list[Edit] = []
    taken: list[tuple[int, int]] = []

    def add(edit: Edit) -> None:
        if any(edit.start < b and a < edit.end for a, b in taken if edit.end > edit.start):
            return
        if edit.kind != "insert":
            kept = facts(edit.after)
            lost = [f for f in facts(edit.before) if f not in kept]
            if lost:
                return  # never drop a fact
        edits.append(edit)
        if edit.end > edit.start:
            taken.append((edit.start, edit.end))

    # 1. whole sentences that are canned, apathetic or blaming
    for sent in s.sentences:
        kinds = _sentence_problems(s, sent)
        if not kinds:
            continue
        kind, m = kinds[0]
        if kind == "canned_apology":
            detail = values.get("detail")
            after = (
                f"I'm sorry about {detail}; I can see how {feeling} this is."
                if detail
                else f"I'm sorry this happened; I can see how {feeling} it is."
            )
            add(
                Edit(
                    "replace",
                    sent.start,
                    sent.end,
                    sent.text,
                    after,
                    "canned apology: name what went wrong and how it feels",
                    m.entry.id,
                )
            )
        elif kind == "canned_sympathy":
            add(_delete_sentence(text, sent, "boiler-plate sympathy adds nothing the customer can use", m.entry.id))
        elif kind == "apathy":
            add(
                Edit(
                    "replace",
                    sent.start,
                    sent.end,
                    sent.text,
                    "Here's what I can do: [[an option you can offer]].",
                    "a refusal with no way forward reads as indifference; offer what you can",
                    m.entry.id,
                )
            )
        elif kind == "blame":
            add(_delete_sentence(text, sent, "blames the customer; explain the fix instead", m.entry.id))

    # 2. phrases: jargon with a plain alternative, passive voice, "sorry, but"
    for m in s.bank("tone", "jargon"):
        alt = (alternative(m, text) or "").replace("{name}", values.get("name", "there"))
        before = text[m.start : m.end]
        after = _match_case(before, alt)
        if not after:
            end = _eat_space(text, m.end)
            add(
                Edit(
                    "delete",
                    m.start,
                    end,
                    text[m.start : end],
                    "",
                    "corporate jargon; plain words land warmer",
                    m.entry.id,
                )
            )
        else:
            add(
                Edit(
                    "replace",
                    m.start,
                    m.end,
                    before,
                    after,
                    "corporate jargon; plain words land warmer",
                    m.entry.id,
                )
            )
    for ev in cancelling_buts(s):
        but = re.search(r"\b(but|however)\b(?!.*\b(but|however)\b)", ev.text, re.IGNORECASE)
        if but:
            start, end = ev.start + but.start(), ev.start + but.end()
            while start > 0 and text[start - 1] in " ,;":
                start -= 1
            add(
                Edit(
                    "replace",
                    start,
                    _eat_space(text, end),
                    text[start : _eat_space(text, end)],
                    ". ",
                    "'but' after an apology cancels it; end the apology, then explain",
                    ev.source,
                )
            )

    # 3. what is missing
    dims = judged.dimensions
    lead = _opening_end(s)
    lead_greet = 0
    wrote = " ".join(e.after for e in edits)
    if (
        dims["personalization"].applicable
        and not dims["personalization"].present
        and values.get("name")
        and values["name"] not in wrote
    ):
        add(
            Edit(
                "insert",
                lead_greet,
                lead_greet,
                "",
                f"Hi {values['name']}, ",
                "greet the customer by name",
                "rule:personalization",
            )
        )
    if (
        analysis is not None
        and dims["emotional_reaction"].level == 0
        and _upset(analysis)
        and "I can see how" not in wrote
    ):
        detail = values.get("detail")
        line = (
            f"I can see how {feeling} it is to deal with {detail}. "
            if detail
            else f"I can see how {feeling} this has been. "
        )
        add(
            Edit(
                "insert",
                lead,
                lead,
                "",
                line,
                "acknowledge the feeling before the facts",
                "rule:validation",
            )
        )
    body_end = len(s.masked.rstrip())  # before a sign-off block, which the scan masked
    if dims["action"].applicable and not dims["action"].present and not dims["ownership"].present:
        end = body_end
        add(
            Edit(
                "insert",
                end,
                end,
                "",
                " I'll [[what you will do]] myself.",
                "say what you will do about it, in the first person",
                "rule:action",
            )
        )
    if dims["expectation"].applicable and not dims["expectation"].present:
        end = body_end
        add(
            Edit(
                "insert",
                end,
                end,
                "",
                " I'll update you by [[day/time]].",
                "say when the next step happens",
                "rule:expectation",
            )
        )

    edits.sort(key=lambda e: (e.start, e.end))  # stable: inserts at one place keep their order
    pieces: list[str] = []
    pos = 0
    for e in edits:
        pieces.append(text[pos : e.start])
        pieces.append(e.after)
        pos = max(pos, e.end)
    pieces.append(text[pos:])
    out = "".join(pieces)
    out = re.sub(r"[ \t]{2,}", " ", out).strip()
    out = re.sub(r"\.\s*\.", ".", out)
    out = re.sub(r"(^|[.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(), out)
    return Rewrite(original=text, text=out, edits=tuple(edits))


def _delete_sentence(text: str, sent: Sentence, reason: str, source: str) -> Edit:
    end = _eat_space(text, sent.end)
    return Edit("delete", sent.start, end, text[sent.start : end], "", reason, source)


def _sentence_problems(s: Scan, sent: Sentence) -> list[tuple[str, Match]]:
    found: list[tuple[str, Match]] = []
    for kind, matches in (
        ("apathy", s.affirmed(s.bank("apathy"))),
        ("blame", s.affirmed(s.bank("tone", "blame"))),
        ("canned_apology", s.bank("sympathy", "canned_apology")),
        ("canned_sympathy", s.bank("sympathy", "canned_sympathy")),
    ):
        for m in matches:
            if sent.start <= m.start < sent.end and _mostly(m, sent, kind):
                found.append((kind, m))
    return found


def _mostly(m: Match, sent: Sentence, kind: str) -> bool:
    """Replace a whole sentence only when the problem is most of it (the rest is kept otherwise)."""
    share = (m.end - m.start) / max(1, len(sent.text))
    if kind in ("apathy", "blame"):
        return share >= 0.4 and not facts(sent.text)
    return share >= 0.45 and not facts(sent.text)


def _upset(analysis: CustomerAnalysis) -> bool:
    return any(
        analysis.emotions[e] >= 0.5
        for e in ("anger", "frustration", "disappointment", "anxiety", "sadness", "confusion")
    )


def _opening_end(s: Scan) -> int:
    """Where the body starts: after a greeting line or sentence."""
    greet = s.bank("greeting")
    if greet and greet[0].start < 5:
        first = s.sentences[0] if s.sentences else None
        nl = s.text.find("\n", greet[0].end)
        comma = s.text.find(",", greet[0].end)
        ends = [x for x in (nl, comma) if 0 <= x < greet[0].end + 30]
        if ends:
            return _eat_space(s.text, min(ends) + 1)
        if first is not None and first.end - first.start < 40:
            return _eat_space(s.text, first.end + 1)
    return 0


def _eat_space(text: str, i: int) -> int:
    while i < len(text) and text[i] in " \t":
        i += 1
    return i


def _match_case(before: str, after: str) -> str:
    if before[:1].isupper() and after:
        return after[0].upper() + after[1:]
    return after
