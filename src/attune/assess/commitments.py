"""What the reply commits to: who owns the next step (ownership), the step itself (action), and
when it happens (expectation). Each returns a :class:`~attune.types.Dimension` judged against the
customer's context; none reads files or keeps state.
"""

from __future__ import annotations

import re

from attune.assess.context import Context
from attune.assess.dimensions import dimension, ev, not_applicable, whole_evidence
from attune.matcher import Match
from attune.scan import Scan
from attune.types import Dimension


def ownership(s: Scan, ctx: Context) -> Dimension:
    if not ctx.needs_action:
        return not_applicable("ownership", "nothing to act on: the customer is giving praise")
    closing_sents = {m.sentence for m in s.bank("closing")}
    first = [m for m in s.bank("ownership", "first_person") if m.sentence not in closing_sents]
    we = [m for m in s.bank("ownership", "we_action") if m.sentence not in closing_sents]
    passive = s.bank("ownership", "passive")
    deflect = s.affirmed(s.bank("ownership", "deflect") + s.bank("apathy"))
    evidence = [ev(s, m, "ownership", "owns the next step in the first person") for m in first]
    evidence += [ev(s, m, "ownership", "acts as 'we': ownership, less personal") for m in we]
    evidence += [ev(s, m, "ownership", "passive: nobody in particular is doing it") for m in passive]
    evidence += [ev(s, m, "ownership", "deflects the problem elsewhere") for m in deflect]
    good = len(first) + 0.6 * len(we)
    bad = 0.6 * len(passive) + 1.2 * len(deflect)
    if good + bad == 0:
        return dimension(
            "ownership",
            None,
            0.0,
            [whole_evidence("rule:no-owner", "nobody takes the next step", "ownership", 0.0)],
            "nobody takes the next step",
            ctx,
        )
    score = good / (good + bad)
    if first:
        score = max(score, 0.5)
    reason = "first-person ownership" if score >= 0.5 else "passive or deflecting"
    return dimension("ownership", None, score, evidence, reason, ctx)


def action(s: Scan, ctx: Context) -> Dimension:
    if not ctx.needs_action:
        return not_applicable("action", "nothing to act on: the customer is giving praise")
    closing_sents = {m.sentence for m in s.bank("closing")}
    # a brush-off is no step ("please try again later", "please check with your bank")
    walls = [(m.start, m.end) for m in s.affirmed(s.bank("apathy") + s.bank("ownership", "deflect"))]
    offered = [
        m
        for m in s.bank("action", "done") + s.bank("action", "will")
        if m.sentence not in closing_sents
        and not any(a < m.end and m.start < b for a, b in walls)
        and not _offers_help(s, m)
    ]
    # "we will look into it", "I'm checking": a look, not yet a step
    looking = [m for m in offered if (m.entry.label == "will" or _under_way(s, m)) and _only_looks(s, m)]
    done = [m for m in offered if m.entry.label == "done" and m not in looking]
    will = [m for m in offered if m.entry.label == "will" and m not in looking]
    extra = s.bank("action", "extra_mile")
    evidence = [ev(s, m, "action", "an action already taken") for m in done]
    evidence += [ev(s, m, "action", "a concrete action offered or a step to take") for m in will]
    evidence += [ev(s, m, "action", "promises to look into it: say what will be done") for m in looking]
    evidence += [ev(s, m, "action", "goes the extra mile") for m in extra]
    evidence.sort(key=lambda e: (e.start, e.end))
    if done or (will and extra):
        return dimension("action", None, 1.0, evidence, "takes concrete action", ctx)
    if will:
        return dimension("action", None, 0.8, evidence, "offers a concrete next step", ctx)
    if looking:
        return dimension("action", None, 0.5, evidence, "promises to look into it, no concrete step yet", ctx)
    if extra:
        return dimension("action", None, 0.6, evidence, "offers a gesture, no clear step", ctx)
    return dimension(
        "action",
        None,
        0.0,
        [whole_evidence("rule:no-action", "no concrete step is taken or offered", "action", 0.0)],
        "no concrete step is taken or offered",
        ctx,
    )


#: verbs that promise a look, not a step ("we will look into it", "I'll check")
_LOOKING = frozenset({"look", "check", "investig", "review", "dig", "see", "find", "help", "into"})


def _only_looks(s: Scan, m: Match) -> bool:
    """Whether an offered action only promises to look into it (its last word is such a verb)."""
    return m.first >= 0 and s.tokens[m.last].norm in _LOOKING


def _under_way(s: Scan, m: Match) -> bool:
    """Whether an action match is in the present progressive ("I'm checking", "we are reviewing")."""
    return m.first >= 0 and any(s.tokens[i].norm in ("am", "are") for i in range(m.first, m.last + 1))


def _offers_help(s: Scan, m: Match) -> bool:
    """An offer of help in a question ("How can I help you today?") is no action."""
    return (
        m.first >= 0
        and s.sentences[m.sentence].is_question
        and any(s.tokens[i].norm == "help" for i in range(m.first, m.last + 1))
    )


def expectation(s: Scan, ctx: Context) -> Dimension:
    if not ctx.needs_action:
        return not_applicable("expectation", "no next step to time: the customer is giving praise")
    ahead = [m for m in s.bank("expectation") if not _customers_own(s, m) and not _in_the_past(s, m)]
    times = [m for m in ahead if m.entry.label in ("deadline", "duration")]
    follow_ups = s.bank("expectation", "follow_up")
    asked = [q for q in s.sentences if q.is_question]  # "How can I help you today?" times nothing
    vague = [m for m in ahead if m.entry.label == "when" and not any(q.start <= m.start < q.end for q in asked)]
    soon = [m for m in ahead if m.entry.label == "soon"]
    evidence = [ev(s, m, "expectation", "says when the next step happens") for m in times]
    evidence += [ev(s, m, "expectation", "promises a next step") for m in follow_ups]
    evidence += [ev(s, m, "expectation", "a time word, not a firm time frame") for m in vague]
    evidence += [ev(s, m, "expectation", "'soon' is no time frame: say when") for m in soon]
    evidence.sort(key=lambda e: (e.start, e.end))
    acting = [  # a timed step, not an offer of help ("How can I help you today?")
        s.sentences[m.sentence]
        for m in s.bank("action", "done") + s.bank("action", "will")
        if not s.sentences[m.sentence].is_question
    ]
    timed_act = any(q.start <= m.start < q.end for m in vague for q in acting)  # regex matches have no sentence
    if times or (vague and (follow_ups or timed_act)):
        # "by Friday"; "I'll email you tomorrow"; "I'm sending it today"
        return dimension("expectation", None, 1.0, evidence, "sets a clear time frame", ctx)
    if follow_ups:  # "we will get back to you (shortly)" says what, not when
        return dimension("expectation", None, 0.6, evidence, "promises a next step but not when", ctx)
    if vague or soon:
        return dimension("expectation", None, 0.6, evidence, "a loose time frame", ctx)
    return dimension(
        "expectation",
        None,
        0.0,
        [whole_evidence("rule:no-timeframe", "no time frame for the next step", "expectation", 0.0)],
        "no time frame for the next step",
        ctx,
    )


#: what a customer needs or asked for, just before a time frame ("you need it by Friday" is their
#: deadline, not a promise)
_CUSTOMER_WANTS = re.compile(
    r"\byou(?:'d| would)?\s+(?:\w+\s+)?(?:need|needed|want|wanted|like|hope|hoped|hoping|asked|mentioned|said|"
    r"expect|expected|expecting|wish|required)\b[^.!?\n]{0,40}$",
    re.IGNORECASE,
)


#: an event already over just before a time ("it expired on 31 March", "you were promised a call on
#: Tuesday", "it shipped this morning"): history, not a time frame
_PAST_EVENT = re.compile(
    r"\b(?P<past>expired|ended|renewed|promised|shipped|dispatched|ordered|placed|paid|charged|called|emailed|"
    r"contacted|received|arrived|happened|started|began|was|were|did|told|said|came|attempted|tried|missed|visited)\b"
    r"(?:\s+[\w']+){0,3}\s*$",
    re.IGNORECASE,
)
#: ... unless the future follows it ("it was dispatched and will arrive Thursday")
_FUTURE = re.compile(r"\b(?:will|ll|shall|going|should|can)\b", re.IGNORECASE)


def _in_the_past(s: Scan, m: Match) -> bool:
    """Whether a time expression dates something already over (``_PAST_EVENT``)."""
    window = s.masked[max(0, m.start - 40) : m.start]
    hit = _PAST_EVENT.search(window)
    return hit is not None and _FUTURE.search(window, hit.end("past")) is None


#: ... or what the customer must do by then ("your bill is due by Friday", "pay by Friday", "your
#: contract ends on 30 June", "I know it's needed by Friday")
_OBLIGATION = re.compile(
    r"\b(?:due|pay|paid|payable|ends?|ended|expires?|renews?|must|needs? to|have to|has to|needed)\b"
    r"(?:\s+[\w']+){0,2}\s*$",
    re.IGNORECASE,
)


def _customers_own(s: Scan, m: Match) -> bool:
    """Whether a time frame repeats what the customer wants or owes ("you need it by Friday")."""
    return (
        _CUSTOMER_WANTS.search(s.masked, max(0, m.start - 70), m.start) is not None
        or _OBLIGATION.search(s.masked, max(0, m.start - 40), m.start) is not None
    )
