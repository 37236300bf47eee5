"""``draft``: a complete reply following the nine elements, with placeholders for facts."""

from __future__ import annotations

import re
from collections.abc import Mapping

from attune.perceive.analyze import analyze
from attune.respond.personal import slots, validation_line
from attune.taxonomy import COMPANY_ERRED
from attune.types import CustomerAnalysis, Draft

_PLACEHOLDER = re.compile(r"\[\[[^\]]+\]\]")
#: The facts a caller may pass, and the placeholder each one fills.
FACT_KEYS = {
    "action": "[[what you are doing about it]]",
    "when": "[[when the next step happens]]",
    "next_step": "[[the next step]]",
}


def draft(
    customer: str | CustomerAnalysis,
    *,
    agent_name: str | None = None,
    facts: Mapping[str, str] | None = None,
) -> Draft:
    """A reply built from the customer's analysis: greeting, validation, understanding, apology
    when the company erred, action, expectation, a question when specifics are missing, closing.

    ``facts`` fills placeholders: ``action`` ("refunded the second charge"), ``when`` ("Friday").

    >>> d = draft("I was charged twice for my subscription. Thanks, Priya", facts={"action": "refunded it"})
    >>> d.text.splitlines()[0]
    'Hi Priya,'
    """
    analysis = analyze(customer) if isinstance(customer, str) else customer
    facts = dict(facts or {})
    unknown = set(facts) - set(FACT_KEYS)
    if unknown:
        from attune.errors import UsageError

        raise UsageError(f"unknown fact(s) {sorted(unknown)}; known: {sorted(FACT_KEYS)}")
    v = slots(analysis)
    sit = set(analysis.present_situations)
    top = analysis.top_emotions[0]
    detail = v.get("detail")
    el: dict[str, str] = {}
    el["greeting"] = f"Hi {v['name']}," if "name" in v else "Hi there,"
    if "bereavement" in sit:
        el["validation"] = "I'm so sorry for your loss, and thank you for letting us know."
        el["understanding"] = "I'll keep this as simple as I can for you."
    elif ("praise" in sit and top in ("happiness", "neutral")) or (top == "happiness" and sit <= {"feedback", "other"}):
        el["validation"] = "Thank you so much for taking the time to tell us; this made our day."
        el["understanding"] = (
            f"It's great to hear {detail} worked out for you."
            if detail
            else "It's great to hear it all worked out for you."
        )
    else:
        if top == "neutral":
            el["validation"] = "Thanks for getting in touch about this."
        else:
            el["validation"] = validation_line(analysis, v)
        parts = []
        if "count" in v:
            parts.append(f"you've had to contact us {v['count']}")
        if "wait" in v:
            parts.append(f"you've been waiting {v['wait']}")
        if parts:
            el["understanding"] = "And " + " and ".join(parts) + ", which shouldn't happen."
    erred = sit & COMPANY_ERRED
    if erred and "bereavement" not in sit and not ("how_to" in sit and top in ("neutral", "confusion")):
        # own a clear failure; for what is not yet checked (a charge, a login), regret without admitting fault
        if top == "confusion":
            el["apology"] = "I'm sorry for the confusion."
        elif erred & {"delay", "defect", "repeat_contact"}:
            el["apology"] = "I'm sorry we got this wrong."
        else:
            el["apology"] = "I'm sorry for the trouble this has caused."
    only_thanks = ("praise" in sit or top == "happiness") and not sit - {"praise", "other", "feedback"}
    if not only_thanks:
        action = facts.get("action", FACT_KEYS["action"])
        el["action"] = f"I've {action}." if "action" in facts else f"I'm going to take care of this: {action}."
        when = facts.get("when", FACT_KEYS["when"])
        el["expectation"] = f"You'll hear from me by {when}."
        if not analysis.details and "bereavement" not in sit:  # never quiz someone who is grieving
            el["exploration"] = "Could you tell me a little more, such as an order number or when this started?"
    el["closing"] = "Is there anything else I can help with today?"
    el["signoff"] = f"Best,\n{agent_name}" if agent_name else "Best,\n[[your name]]"
    body = " ".join(
        el[k] for k in ("validation", "understanding", "apology", "action", "expectation", "exploration") if k in el
    )
    text = f"{el['greeting']}\n\n{body}\n\n{el['closing']}\n\n{el['signoff']}"
    return Draft(text=text, elements=el, placeholders=tuple(dict.fromkeys(_PLACEHOLDER.findall(text))))
