"""Result types of the core: frozen dataclasses that carry their evidence."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Stance = Literal["empathy", "sympathy", "neutral", "apathy"]
EditKind = Literal["insert", "replace", "delete"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """Why a score is what it is: a span of the judged text and the rule or model behind it.

    ``start``/``end`` index into the text the result was computed on (``result.text``); a span of
    ``(0, 0)`` with empty ``text`` marks evidence about the whole text (for example a missing
    element). ``source`` names the rule, such as ``bank:sympathy.v1#12`` or ``model:emotions.v1``.
    """

    start: int
    end: int
    text: str
    source: str
    weight: float
    explanation: str
    label: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Detail:
    """A specific worth paraphrasing: an order number, product, amount, date, wait, contact count."""

    kind: str
    text: str
    start: int
    end: int
    value: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class CustomerAnalysis:
    """What a customer's message says about how they feel and what happened.

    Scores of ``emotions`` and ``situations`` are 0..1; ``>= 0.5`` means present.
    """

    text: str
    emotions: Mapping[str, float]
    intensity: float
    urgency: float
    escalation: bool
    abuse: bool
    situations: Mapping[str, float]
    name: str | None
    details: tuple[Detail, ...]
    evidence: tuple[Evidence, ...]
    fine_emotions: Mapping[str, float] = field(default_factory=dict)
    source: str = "rules"

    @property
    def top_emotions(self) -> list[str]:
        """Present emotions, strongest first (``neutral`` when nothing else is present)."""
        found = sorted(
            (e for e, s in self.emotions.items() if s >= 0.5 and e != "neutral"),
            key=lambda e: -self.emotions[e],
        )
        return found or ["neutral"]

    @property
    def present_situations(self) -> list[str]:
        """Present situations, strongest first."""
        return sorted((s for s, v in self.situations.items() if v >= 0.5), key=lambda s: -self.situations[s])

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "emotions": dict(self.emotions),
            "intensity": self.intensity,
            "urgency": self.urgency,
            "escalation": self.escalation,
            "abuse": self.abuse,
            "situations": dict(self.situations),
            "name": self.name,
            "details": [d.to_dict() for d in self.details],
            "evidence": [e.to_dict() for e in self.evidence],
            "fine_emotions": dict(self.fine_emotions),
            "source": self.source,
        }


@dataclass(frozen=True, slots=True)
class Dimension:
    """One scored element of a reply.

    The three EPITOME mechanisms carry ``level`` 0/1/2 (``score`` is ``level / 2``); the others
    carry ``score`` 0..1 and ``level`` ``None``. A dimension that does not apply has
    ``applicable=False``, ``score=None`` and a ``reason``.
    """

    name: str
    applicable: bool
    score: float | None
    level: int | None
    reason: str
    evidence: tuple[Evidence, ...]
    suggestion: str | None = None

    @property
    def present(self) -> bool:
        """Applicable and at least half-way there (level >= 1 or score >= 0.5)."""
        return self.applicable and self.score is not None and self.score >= 0.5

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "applicable": self.applicable,
            "score": self.score,
            "level": self.level,
            "reason": self.reason,
            "evidence": [e.to_dict() for e in self.evidence],
            "suggestion": self.suggestion,
        }


@dataclass(frozen=True, slots=True)
class ReplyAssessment:
    """How an agent's reply lands with the customer it answers."""

    text: str
    stance: Stance
    stance_scores: Mapping[str, float]
    score: float
    dimensions: Mapping[str, Dimension]
    evidence: tuple[Evidence, ...]
    customer: CustomerAnalysis | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "stance": self.stance,
            "stance_scores": dict(self.stance_scores),
            "score": self.score,
            "dimensions": {k: d.to_dict() for k, d in self.dimensions.items()},
            "evidence": [e.to_dict() for e in self.evidence],
            "customer": self.customer.to_dict() if self.customer else None,
        }


@dataclass(frozen=True, slots=True)
class Suggestion:
    """A statement that fits the customer's situation, personalised and ranked."""

    text: str
    situation: str
    practice: str
    score: float
    source: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Edit:
    """One sentence-level change of a rewrite, with the reason for it.

    ``start``/``end`` index into the original reply; ``before`` is the text replaced there
    (empty for an insert) and ``after`` the new text (empty for a delete).
    """

    kind: EditKind
    start: int
    end: int
    before: str
    after: str
    reason: str
    source: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Rewrite:
    """A warmer version of a reply and the edits that make it."""

    original: str
    text: str
    edits: tuple[Edit, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "original": self.original,
            "text": self.text,
            "edits": [e.to_dict() for e in self.edits],
        }


@dataclass(frozen=True, slots=True)
class Draft:
    """A complete reply built from the nine elements, with placeholders the agent must fill.

    Placeholders look like ``[[what you will do]]``; ``placeholders`` lists those left.
    """

    text: str
    elements: Mapping[str, str]
    placeholders: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "elements": dict(self.elements),
            "placeholders": list(self.placeholders),
        }
