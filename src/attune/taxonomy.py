"""Stable names of the taxonomies in the spec; the API and the data use them."""

from __future__ import annotations

from typing import Final

EMOTIONS: Final = (
    "anger",
    "frustration",
    "disappointment",
    "confusion",
    "anxiety",
    "sadness",
    "happiness",
    "neutral",
)

SITUATIONS: Final = (
    "delay",
    "defect",
    "technical_issue",
    "billing_error",
    "how_to",
    "feedback",
    "repeat_contact",
    "cancellation",
    "refund",
    "account_access",
    "bereavement",
    "praise",
    "other",
)

STANCES: Final = ("empathy", "sympathy", "neutral", "apathy")

MECHANISMS: Final = ("emotional_reaction", "interpretation", "exploration")

DIMENSIONS: Final = (
    *MECHANISMS,
    "personalization",
    "ownership",
    "apology",
    "action",
    "expectation",
    "tone",
    "closing",
)

#: Situations in which the company (not the customer) is usually at fault, so a sincere
#: apology is expected.
COMPANY_ERRED: Final = frozenset(
    {"delay", "defect", "technical_issue", "billing_error", "repeat_contact", "account_access"}
)

#: Situations that call for a concrete next step from the agent.
NEEDS_ACTION: Final = frozenset(set(SITUATIONS) - {"praise"})
