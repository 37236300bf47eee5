"""Pydantic models of the API: requests, and responses that mirror the core's result types.

Response models carry the same fields as the core's ``to_dict()``; a test checks that they
validate every core result, so the OpenAPI schema cannot drift from what the API returns.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from attune.taxonomy import DIMENSIONS, EMOTIONS, SITUATIONS

Role = Literal["customer", "agent"]
Channel = Literal["email", "chat", "social", "phone", "other"]


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ------------------------------------------------------------------------------------ results


class EvidenceOut(Model):
    """A span of the judged text and the rule or model behind a score."""

    start: int = Field(description="Start offset in the judged text (`text` of the result).")
    end: int = Field(description="End offset; `start == end == 0` marks evidence about the whole text.")
    text: str
    source: str = Field(description="Rule or model id, such as `bank:sympathy.v1#12`.")
    weight: float
    explanation: str
    label: str = ""


class DetailOut(Model):
    kind: str
    text: str
    start: int
    end: int
    value: str = ""


class AnalysisOut(Model):
    """How a customer's message reads: emotions, situations, urgency, with evidence."""

    text: str = Field(description="The text that was judged; spans index into it.")
    emotions: dict[str, float] = Field(description=f"Each of {', '.join(EMOTIONS)}: 0..1.")
    intensity: float
    urgency: float
    escalation: bool
    abuse: bool
    situations: dict[str, float] = Field(description=f"Each of {', '.join(SITUATIONS)}: 0..1.")
    name: str | None
    details: list[DetailOut]
    evidence: list[EvidenceOut]
    fine_emotions: dict[str, float] = {}
    source: str = "rules"


class DimensionOut(Model):
    name: str
    applicable: bool
    score: float | None
    level: int | None
    reason: str
    evidence: list[EvidenceOut]
    suggestion: str | None = None


class AssessmentOut(Model):
    """How a reply lands: stance, a 0..100 score and each dimension with evidence."""

    text: str
    stance: Literal["empathy", "sympathy", "neutral", "apathy"]
    stance_scores: dict[str, float]
    score: float
    dimensions: dict[str, DimensionOut] = Field(description=f"Each of {', '.join(DIMENSIONS)}.")
    evidence: list[EvidenceOut]
    customer: AnalysisOut | None


class SuggestionOut(Model):
    text: str
    situation: str
    practice: str
    score: float
    source: str
    reason: str


class EditOut(Model):
    kind: Literal["insert", "replace", "delete"]
    start: int
    end: int
    before: str
    after: str
    reason: str
    source: str


class RewriteOut(Model):
    original: str
    text: str
    edits: list[EditOut]


class DraftOut(Model):
    text: str
    elements: dict[str, str]
    placeholders: list[str]


# ----------------------------------------------------------------------------------- requests


class AnalyzeIn(Model):
    text: str = Field(min_length=1, max_length=100_000, description="The customer's message.")
    customer_name: str | None = Field(None, max_length=200)


class AssessIn(Model):
    reply: str = Field(min_length=1, max_length=100_000, description="The agent's reply.")
    customer: str | None = Field(None, max_length=100_000, description="The customer's message it answers.")
    customer_name: str | None = Field(None, max_length=200)
    agent_name: str | None = Field(None, max_length=200)


class SuggestIn(Model):
    customer: str = Field(min_length=1, max_length=100_000)
    reply: str | None = Field(None, max_length=100_000, description="The reply so far; what it lacks ranks first.")
    n: int = Field(3, ge=1, le=20)
    seed: int = Field(0, ge=0, le=2**31 - 1, description="Picks among statements of equal fit.")


class RewriteIn(Model):
    reply: str = Field(min_length=1, max_length=100_000)
    customer: str | None = Field(None, max_length=100_000)


class DraftIn(Model):
    customer: str = Field(min_length=1, max_length=100_000)
    agent_name: str | None = Field(None, max_length=200)
    facts: dict[str, str] = Field(default_factory=dict, description="Fills placeholders: action, when, next_step.")


# ------------------------------------------------------------------------------ conversations


class CustomerIn(Model):
    id: str = Field(min_length=1, max_length=200, description="The customer's id in your systems.")
    name: str | None = Field(None, max_length=200)
    preferences: dict[str, Any] = Field(default_factory=dict, description='Such as {"updates": "email"}.')


class MessageIn(Model):
    role: Role
    text: str = Field(min_length=1, max_length=100_000)
    author: str | None = Field(None, max_length=200, description="The agent's or customer's name.")
    channel: Channel | None = Field(None, description="Defaults to the conversation's channel.")
    sent_at: dt.datetime | None = None


class ConversationIn(Model):
    subject: str | None = Field(None, max_length=500)
    channel: Channel = "email"
    customer: CustomerIn | None = None
    messages: list[MessageIn] = Field(min_length=1, max_length=500)


class MessageOut(Model):
    id: int
    position: int
    role: str
    author: str | None
    channel: str
    sent_at: dt.datetime
    text: str = Field(description="The message as stored: redacted unless ATTUNE_REDACT=false.")
    redactions: dict[str, int] = Field(description="How many pieces of each kind were redacted.")
    analysis: AnalysisOut | None = Field(description="For customer turns.")
    assessment: AssessmentOut | None = Field(
        description="For agent turns, judged against the customer turns before it (`customer` is left out)."
    )


class CustomerOut(Model):
    id: str
    name: str | None
    preferences: dict[str, Any]
    history: list[dict[str, Any]]


class ConversationOut(Model):
    id: str
    subject: str | None
    channel: str
    source: str
    external_id: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    customer: CustomerOut | None
    messages: list[MessageOut]


class ConversationSummaryOut(Model):
    id: str
    subject: str | None
    channel: str
    source: str
    created_at: dt.datetime
    messages: int
    customer_name: str | None


class ConversationListOut(Model):
    total: int
    items: list[ConversationSummaryOut]


class CreatedOut(Model):
    id: str
    url: str


# --------------------------------------------------------------------------------------- misc


class ErrorBody(Model):
    code: str = Field(description="Stable error code, such as E401 or E101.")
    message: str
    details: list[dict[str, Any]] = []


class ErrorOut(Model):
    error: ErrorBody


class HealthOut(Model):
    status: Literal["ok"]
    version: str


class ReadyOut(Model):
    status: Literal["ready"]
    database: str
    schema_revision: str


class MeOut(Model):
    team: str
    role: str


class KeyCreateIn(Model):
    role: Literal["agent", "lead", "admin"] = "agent"
    name: str = Field("", max_length=100)


class KeyOut(Model):
    id: int
    team: str
    role: str
    name: str
    prefix: str
    created_at: dt.datetime
    revoked: bool


class KeyCreatedOut(KeyOut):
    key: str = Field(description="The key itself, shown only in this response.")


class WebhookOut(Model):
    status: Literal["stored", "duplicate", "ignored"]
    conversation_id: str | None = None
    message_id: int | None = None
    posted_note: bool = False
    reason: str = ""
