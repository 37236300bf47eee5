"""What the store takes and gives back: plain, frozen dataclasses, never ORM rows (see
:mod:`attune.store.repository`), and the roles a key may have."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any, Literal

Role = Literal["agent", "lead", "admin"]
ROLES: tuple[Role, ...] = ("agent", "lead", "admin")


@dataclass(frozen=True, slots=True)
class Principal:
    """Who a request acts as: a key of one team with one role."""

    key_id: int
    team_id: int
    team: str
    role: Role


@dataclass(frozen=True, slots=True)
class KeyInfo:
    id: int
    team: str
    role: Role
    name: str
    prefix: str
    created_at: dt.datetime
    revoked: bool


@dataclass(frozen=True, slots=True)
class CustomerIn:
    external_id: str
    name: str | None = None
    preferences: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class MessageIn:
    """A message to store: text already redacted, judgments already computed and redacted."""

    role: str
    text: str
    author: str | None = None
    channel: str = "email"
    sent_at: dt.datetime | None = None
    redactions: dict[str, int] = field(default_factory=dict)
    external_id: str | None = None
    analysis: dict[str, Any] | None = None
    assessment: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class MessageRecord:
    id: int
    position: int
    role: str
    author: str | None
    channel: str
    sent_at: dt.datetime
    text: str
    redactions: dict[str, int]
    external_id: str | None
    analysis: dict[str, Any] | None
    assessment: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class CustomerRecord:
    id: int
    external_id: str
    name: str | None
    preferences: dict[str, Any]
    history: list[dict[str, Any]]


@dataclass(frozen=True, slots=True)
class ConversationRecord:
    id: str
    subject: str | None
    channel: str
    source: str
    external_id: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    customer: CustomerRecord | None
    messages: tuple[MessageRecord, ...]


@dataclass(frozen=True, slots=True)
class ConversationSummary:
    id: str
    subject: str | None
    channel: str
    source: str
    created_at: dt.datetime
    messages: int
    customer_name: str | None
