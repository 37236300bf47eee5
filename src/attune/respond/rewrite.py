"""``rewrite``: minimal sentence-level edits that turn a cold or canned reply into empathy.

Edits come from the phrase banks' ``alt`` fields and from what the assessment finds missing.
Facts are never changed: an edit that would drop a number, date, name, link or id is skipped.
"""

from __future__ import annotations

import re

from attune.assess import assess
from attune.assess.dimensions import cancelling_buts
from attune.lexicon import alternative
from attune.perceive.analyze import analyze
from attune.respond.personal import slots, validation_line
from attune.respond.problems import TEAM, facts, sentence_problems
from attune.scan import Scan, scan
from attune.text import check
from attune.types import CustomerAnalysis, Edit, Rewrite


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

    # 1. sentences (or the clause of one) that are canned, apathetic or blaming
    apology_owed = judged.dimensions["apology"].applicable
    offered = False  # one "Here's what I can do" is enough
    feeling_written = judged.dimensions["emotional_reaction"].level == 2  # a specific one, not the canned line
    for sent in s.sentences:
        kinds = sentence_problems(s, sent)
        if not kinds:
            continue
        kind, m, (start, stop) = kinds[0]
        if kind == "apathy" and offered:
            continue
        offered |= kind == "apathy"
        if kind == "canned_apology" and not apology_owed:
            kind = "canned_sympathy"  # nothing went wrong: drop it rather than apologise better
        whole = stop >= sent.end
        if kind == "canned_sympathy" and analysis is not None and (analysis.situations["bereavement"] >= 0.5):
            after, reason = "I'm so sorry for your loss.", "a grieving customer needs condolence, not boiler-plate"
        elif kind == "canned_sympathy" and analysis is not None and _upset(analysis) and not feeling_written:
            after = validation_line(analysis, values)
            reason = "boiler-plate sympathy: say what you see they are going through"
            feeling_written = True
        elif kind == "passive":
            team = TEAM.search(sent.text)
            after = (alternative(m, text) or "").replace("{team}", team.group() if team else "the right team") + "."
            reason = "passive: nobody in particular is doing it; say who, in the first person"
        elif kind == "canned_apology":
            detail = values.get("detail")
            after = (
                f"I'm sorry about {detail}; I can see how {feeling} this is."
                if detail
                else f"I'm sorry this happened; I can see how {feeling} it is."
            )
            reason = "canned apology: name what went wrong and how it feels"
        elif kind == "canned_sympathy":
            after, reason = "", "boiler-plate sympathy adds nothing the customer can use"
        elif kind == "apathy":
            after = "Here's what I can do: [[an option you can offer]]."
            reason = "a refusal with no way forward reads as indifference; offer what you can"
        else:
            after, reason = "", "blames the customer; explain the fix instead"
        if not after:
            stop = _eat_space(text, stop)
        elif not whole:
            after += " "  # the rest of the sentence follows, as a sentence of its own
        add(Edit("delete" if not after else "replace", start, stop, text[start:stop], after, reason, m.entry.id))

    # 2. phrases: jargon with a plain alternative, passive voice, "sorry, but"
    for m in s.bank("tone", "jargon"):
        alt = (alternative(m, text) or "").replace("{name}", values.get("name", "there"))
        before = text[m.start : m.end]
        after = _match_case(before, alt)
        if not after:
            end = _eat_space(text, m.end)
            if text[end : end + 1] in (",", ":", ";"):  # "Please be advised, the ..."
                end = _eat_space(text, end + 1)
            to = re.match(r"to\s+", text[end:])  # "Please be advised to retry later"
            if to:
                end += to.end()
            # what is left must not open on a bare order: "Kindly await ..." -> "Please await ..."
            opens = m.start == 0 or text[: m.start].rstrip()[-1:] in (".", "!", "?", "\n", ",", "")
            nxt = re.match(r"[a-z]+", text[end:])
            polite = bool(to) or (opens and nxt is not None and nxt.group() not in _NOT_ORDERS)
            replacement = _match_case(before, "please ") if polite else ""
            add(
                Edit(
                    "replace" if replacement else "delete",
                    m.start,
                    end,
                    text[m.start : end],
                    replacement,
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
    soon = s.bank("expectation", "soon") if (judged.dimensions["expectation"].score or 0.0) < 1.0 else ()
    for m in soon:  # "shortly" -> "by [[day/time]]": say when, unless the reply already does
        add(
            Edit(
                "replace",
                m.start,
                m.end,
                text[m.start : m.end],
                alternative(m, text) or "",
                "'soon' is no time frame; say when",
                m.entry.id,
            )
        )
    for ev in cancelling_buts(s):
        but = re.search(r"\b(but|however)\b(?!.*\b(but|however)\b)", ev.text, re.IGNORECASE)
        if but:
            start, end = ev.start + but.start(), ev.start + but.end()
            while start > 0 and text[start - 1] in " ,;":
                start -= 1
            bare_sorry = re.fullmatch(r"\s*sorry", text[ev.start : start], re.IGNORECASE)
            if bare_sorry:  # "Sorry, but ..." -> "I'm sorry. ...", not a curt "Sorry."
                start = ev.start + bare_sorry.start()
                who = _SORRY_SUBJECT.search(text, 0, start)  # "I'm sorry, but" / "We're sorry, but"
                if who is not None:
                    start = who.start()
                end_ = _eat_space(text, end)
                add(
                    Edit(
                        "replace",
                        start,
                        end_,
                        text[start:end_],
                        "I'm sorry. ",
                        "'but' after an apology cancels it; end the apology, then explain",
                        ev.source,
                    )
                )
                continue
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
    greeted = (
        dims["personalization"].applicable
        and not dims["personalization"].present
        and bool(values.get("name"))
        and values["name"] not in wrote
    )
    opening = next((g for g in s.bank("greeting") if g.start < 5), None)
    bare = opening if opening is not None and re.match(r"[ \t]*[,.!\n]", text[opening.end :]) else None
    stand_in = _STAND_IN.match(text, opening.end) if opening is not None and bare is None else None
    if greeted and stand_in is not None:  # "Hi there!" / "Hi team," / "Hi [Name]," -> "Hi Dana!"
        add(
            Edit(
                "replace",
                stand_in.start(1),
                stand_in.end(1),
                stand_in.group(1),
                values["name"],
                "greet the customer by name",
                "rule:personalization",
            )
        )
    elif greeted and opening is not None and bare is None:
        pass  # the reply greets someone by a name of its own: one greeting, never two
    elif greeted and bare is not None:  # "Hi," -> "Hi Dana,": one greeting, with the name
        add(
            Edit(
                "insert",
                bare.end,
                bare.end,
                "",
                f" {values['name']}",
                "greet the customer by name",
                "rule:personalization",
            )
        )
    elif greeted:
        add(
            Edit(
                "insert",
                lead_greet,
                lead_greet,
                "",
                f"Hi {values['name']},\n\n" if "\n" in text.strip() else f"Hi {values['name']}, ",
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
        line = validation_line(analysis, values) + " "
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
    closing = [s.sentences[m.sentence] for m in s.bank("closing") if m.sentence > 0]
    if closing and text[closing[-1].end : body_end].strip() == "":
        body_end = len(text[: closing[0].start].rstrip())  # before "Anything else I can help with?"
    # "It will arrive Friday" needs no "I'll [[...]]" beside it
    timed = dims["expectation"].present and _ARRIVES.search(s.masked) is not None
    if dims["action"].applicable and not dims["action"].present and not dims["ownership"].present and not timed:
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
    # a how-to question answered needs no "I'll update you by ..."
    answered = (
        analysis is not None
        and dims["action"].present
        and "how_to" in analysis.present_situations
        and analysis.top_emotions[0] in ("neutral", "confusion", "happiness")
    )
    if dims["expectation"].applicable and not dims["expectation"].present and not answered:
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
    out = re.sub(r"\n[ \t]+", "\n", out)  # no paragraph opening on a space after a deletion
    out = re.sub(r"\.\s*\.", ".", out)
    out = re.sub(r"(^|[.!?]\s+|\n[ \t]*\n\s*)([a-z])", lambda m: m.group(1) + m.group(2).upper(), out)
    if greeted:  # "Hi Priya, thank you ..." rather than "Hi Priya, Thank you ..." (not "I", not "NASA")
        out = re.sub(r"^(Hi [^,\n]+, )([A-Z])(?=[a-z])", lambda m: m.group(1) + m.group(2).lower(), out)
    return Rewrite(original=text, text=out, edits=tuple(edits))


#: who is sorry, just before "sorry, but": replaced with the "sorry" ("We're sorry, but" -> "I'm sorry.")
_SORRY_SUBJECT = re.compile(
    r"\b(?:i'm|i am|we're|we are|i\u2019m|we\u2019re)\s+(?:so\s+|very\s+|really\s+|truly\s+)?$", re.I
)
#: what stands in for a name after a greeting ("Hi there", "Hi team", "Dear customer", "Hi [Name]")
_STAND_IN = re.compile(
    r"[ \t]+(there|team|all|everyone|customer|valued customer|sir|madam|sir or madam|sir/madam|friend|"
    r"\[name\]|\[customer name\]|\{name\}|<name>)(?=[ \t]*[,.!\n]|$)",
    re.I,
)
#: words that open a sentence that is not an order ("Please be advised that your refund ...")
_NOT_ORDERS = frozenset(
    {
        *("i", "we", "you", "your", "our", "the", "a", "an", "this", "that", "these", "those", "it", "its"),
        *("there", "here", "my", "he", "she", "they", "their", "as", "if", "when", "once", "since"),
        *("because", "so", "all", "any", "some", "no"),
    }
)


#: the awaited thing comes at a stated time: no step of the agent's is missing
_ARRIVES = re.compile(
    r"\b(?:will|should|'ll)\s+(?:now\s+)?(?:arrive|be delivered|be with you|reach you|be there)\b", re.I
)


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
            at = min(ends) + 1
            while at < len(s.text) and s.text[at] in " \t\n":  # the body starts after the greeting's line
                at += 1
            return at
        dash = re.match(r"[^\n]{0,40}?\s[-\u2013\u2014:]\s+", s.text[greet[0].end :])  # "Hi Kate - your ..."
        if dash is not None:
            return greet[0].end + dash.end()
        if first is not None and first.end - first.start < 40 and first.end < len(s.text.rstrip()):
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
