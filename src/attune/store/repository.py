"""The repository: every read and write of ``attune serve``, each scoped to one team.

Methods take and return plain dataclasses, never ORM rows, so callers cannot lazy-load across
teams or outside a session. Texts and judgments arrive already redacted; this layer stores what
it is given.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, cast

from sqlalchemy import Engine, create_engine, event, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, selectinload, sessionmaker

from attune.store.models import (
    Agent,
    Analysis,
    ApiKey,
    Assessment,
    Conversation,
    Customer,
    Message,
    Team,
    utcnow,
)
from attune.store.records import (
    ROLES,
    ConversationRecord,
    ConversationSummary,
    CustomerIn,
    CustomerRecord,
    KeyInfo,
    MessageIn,
    MessageRecord,
    Principal,
    Role,
)

KEY_PREFIX = "att_"
HISTORY_LIMIT = 100


def hash_key(key: str) -> str:
    """The digest stored for an API key (keys are random, so a plain SHA-256 suffices)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def aware(value: dt.datetime) -> dt.datetime:
    """SQLite returns naive datetimes; every stored time is UTC."""
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def make_engine(url: str) -> Engine:
    """An engine for ``url``; SQLite gets foreign keys, WAL and a busy timeout."""
    if url.startswith("sqlite"):
        engine = create_engine(url, connect_args={"check_same_thread": False, "timeout": 30})

        @event.listens_for(engine, "connect")
        def _pragmas(conn: Any, _record: Any) -> None:
            cur = conn.cursor()
            cur.execute("PRAGMA foreign_keys=ON")
            if ":memory:" not in url:
                cur.execute("PRAGMA journal_mode=WAL")
            cur.execute("PRAGMA synchronous=NORMAL")
            cur.close()

        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=10)


class Store:
    """All persistence of the server, over one SQLAlchemy engine."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def from_url(cls, url: str) -> Store:
        return cls(make_engine(url))

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self._sessions.begin() as s:
            yield s

    def ping(self) -> None:
        """Raise when the database cannot be reached."""
        with self.engine.connect() as conn:
            conn.exec_driver_sql("SELECT 1")

    # ------------------------------------------------------------------------- teams and keys

    def ensure_team(self, name: str) -> int:
        """The id of team ``name``, created when missing."""
        with self.session() as s:
            found = s.scalar(select(Team.id).where(Team.name == name))
            if found is not None:
                return found
        try:
            with self.session() as s:
                team = Team(name=name)
                s.add(team)
                s.flush()
                return team.id
        except IntegrityError:  # created concurrently
            with self.session() as s:
                return s.scalars(select(Team.id).where(Team.name == name)).one()

    def team_id(self, name: str) -> int | None:
        with self.session() as s:
            return s.scalar(select(Team.id).where(Team.name == name))

    def create_key(self, team: str, role: Role, name: str = "") -> tuple[str, KeyInfo]:
        """Create a key for ``team`` (created when missing); returns the key, shown only now."""
        if role not in ROLES:
            raise ValueError(f"role must be one of {ROLES}, got {role!r}")
        team_id = self.ensure_team(team)
        key = KEY_PREFIX + secrets.token_urlsafe(32)
        with self.session() as s:
            row = ApiKey(team_id=team_id, prefix=key[:12], hash=hash_key(key), role=role, name=name)
            s.add(row)
            s.flush()
            info = KeyInfo(row.id, team, role, name, row.prefix, aware(row.created_at), False)
        return key, info

    def principal(self, key: str) -> Principal | None:
        """Who ``key`` belongs to, ``None`` for an unknown or revoked key."""
        with self.session() as s:
            row = s.execute(
                select(ApiKey.id, ApiKey.team_id, Team.name, ApiKey.role)
                .join(Team, Team.id == ApiKey.team_id)
                .where(ApiKey.hash == hash_key(key), ApiKey.revoked_at.is_(None))
            ).one_or_none()
        if row is None:
            return None
        return Principal(row[0], row[1], row[2], cast(Role, row[3]))

    def principal_by_id(self, key_id: int) -> Principal | None:
        """The principal of an unrevoked key by its id (for web UI sessions)."""
        with self.session() as s:
            row = s.execute(
                select(ApiKey.id, ApiKey.team_id, Team.name, ApiKey.role)
                .join(Team, Team.id == ApiKey.team_id)
                .where(ApiKey.id == key_id, ApiKey.revoked_at.is_(None))
            ).one_or_none()
        return None if row is None else Principal(row[0], row[1], row[2], cast(Role, row[3]))

    def touch_key(self, key_id: int) -> None:
        with self.session() as s:
            row = s.get(ApiKey, key_id)
            if row is not None:
                row.last_used_at = utcnow()

    def list_keys(self, team_id: int) -> list[KeyInfo]:
        with self.session() as s:
            rows = s.execute(
                select(ApiKey, Team.name).join(Team, Team.id == ApiKey.team_id).where(ApiKey.team_id == team_id)
            ).all()
            return [
                KeyInfo(k.id, t, cast(Role, k.role), k.name, k.prefix, aware(k.created_at), k.revoked_at is not None)
                for k, t in rows
            ]

    def revoke_key(self, team_id: int, key_id: int) -> bool:
        """Revoke a key of ``team_id``; False when the team has no such key."""
        with self.session() as s:
            row = s.scalar(select(ApiKey).where(ApiKey.id == key_id, ApiKey.team_id == team_id))
            if row is None:
                return False
            if row.revoked_at is None:
                row.revoked_at = utcnow()
            return True

    # ----------------------------------------------------------------------------- conversations

    def add_conversation(
        self,
        team_id: int,
        messages: Sequence[MessageIn],
        *,
        subject: str | None = None,
        channel: str = "email",
        customer: CustomerIn | None = None,
        source: str = "api",
        external_id: str | None = None,
    ) -> str:
        """Store a conversation and its messages; returns its id."""
        with self.session() as s:
            conv = Conversation(
                team_id=team_id,
                subject=subject,
                channel=channel,
                source=source,
                external_id=external_id,
            )
            if customer is not None:
                conv.customer_id = self._customer(s, team_id, customer).id
            s.add(conv)
            s.flush()
            for i, m in enumerate(messages):
                self._add_message(s, team_id, conv, i, m)
            if conv.customer_id is not None:
                self._remember(s, conv.customer_id, conv)
            return conv.id

    def find_conversation(self, team_id: int, source: str, external_id: str) -> str | None:
        with self.session() as s:
            return s.scalar(
                select(Conversation.id).where(
                    Conversation.team_id == team_id,
                    Conversation.source == source,
                    Conversation.external_id == external_id,
                )
            )

    def append_message(
        self,
        team_id: int,
        conversation_id: str,
        message: MessageIn,
    ) -> tuple[int, bool]:
        """Add one message at the end of a conversation of ``team_id``, once per ``external_id``.

        Returns the message id and whether it was new; a repeated ``external_id`` returns the
        stored message untouched (webhook deliveries repeat, sometimes at the same moment).
        """
        for attempt in range(3):
            try:
                return self._append(team_id, conversation_id, message)
            except IntegrityError:
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def _append(self, team_id: int, conversation_id: str, message: MessageIn) -> tuple[int, bool]:
        with self.session() as s:
            conv = s.scalar(
                select(Conversation).where(Conversation.id == conversation_id, Conversation.team_id == team_id)
            )
            if conv is None:
                raise KeyError(conversation_id)
            if message.external_id is not None:
                found = s.scalar(
                    select(Message.id).where(
                        Message.conversation_id == conversation_id, Message.external_id == message.external_id
                    )
                )
                if found is not None:
                    return found, False
            last = s.scalar(select(func.max(Message.position)).where(Message.conversation_id == conversation_id))
            row = self._add_message(s, team_id, conv, -1 if last is None else last + 1, message)
            conv.updated_at = utcnow()
            return row.id, True

    def has_message(self, team_id: int, conversation_id: str, external_id: str) -> bool:
        with self.session() as s:
            return (
                s.scalar(
                    select(Message.id).where(
                        Message.team_id == team_id,
                        Message.conversation_id == conversation_id,
                        Message.external_id == external_id,
                    )
                )
                is not None
            )

    def get_conversation(self, team_id: int, conversation_id: str) -> ConversationRecord | None:
        """A conversation of ``team_id`` with its messages and judgments; ``None`` for another team's."""
        with self.session() as s:
            conv = s.scalar(
                select(Conversation)
                .where(Conversation.id == conversation_id, Conversation.team_id == team_id)
                .options(
                    selectinload(Conversation.messages).selectinload(Message.analysis),
                    selectinload(Conversation.messages).selectinload(Message.assessment),
                    selectinload(Conversation.customer),
                )
            )
            if conv is None:
                return None
            return ConversationRecord(
                id=conv.id,
                subject=conv.subject,
                channel=conv.channel,
                source=conv.source,
                external_id=conv.external_id,
                created_at=aware(conv.created_at),
                updated_at=aware(conv.updated_at),
                customer=None if conv.customer is None else _customer_record(conv.customer),
                messages=tuple(_message_record(m) for m in conv.messages),
            )

    def list_conversations(self, team_id: int, *, limit: int = 50, offset: int = 0) -> list[ConversationSummary]:
        """The team's conversations, newest first."""
        counts = (
            select(Message.conversation_id, func.count(Message.id).label("n"))
            .where(Message.team_id == team_id)
            .group_by(Message.conversation_id)
            .subquery()
        )
        with self.session() as s:
            rows = s.execute(
                select(Conversation, counts.c.n, Customer.name)
                .outerjoin(counts, counts.c.conversation_id == Conversation.id)
                .outerjoin(Customer, Customer.id == Conversation.customer_id)
                .where(Conversation.team_id == team_id)
                .order_by(Conversation.created_at.desc(), Conversation.id)
                .limit(limit)
                .offset(offset)
            ).all()
            return [
                ConversationSummary(c.id, c.subject, c.channel, c.source, aware(c.created_at), n or 0, name)
                for c, n, name in rows
            ]

    def count_conversations(self, team_id: int) -> int:
        with self.session() as s:
            return s.scalar(select(func.count(Conversation.id)).where(Conversation.team_id == team_id)) or 0

    def get_customer(self, team_id: int, external_id: str) -> CustomerRecord | None:
        with self.session() as s:
            row = s.scalar(select(Customer).where(Customer.team_id == team_id, Customer.external_id == external_id))
            return None if row is None else _customer_record(row)

    # ---------------------------------------------------------------------------------- helpers

    def _customer(self, s: Session, team_id: int, c: CustomerIn) -> Customer:
        row = s.scalar(select(Customer).where(Customer.team_id == team_id, Customer.external_id == c.external_id))
        if row is None:
            row = Customer(team_id=team_id, external_id=c.external_id, name=c.name, preferences=dict(c.preferences))
            s.add(row)
            s.flush()
        else:
            if c.name:
                row.name = c.name
            if c.preferences:
                row.preferences = {**row.preferences, **c.preferences}
        return row

    def _remember(self, s: Session, customer_id: int, conv: Conversation) -> None:
        row = s.get(Customer, customer_id)
        if row is None:
            return
        entry = {"conversation_id": conv.id, "at": aware(conv.created_at).isoformat(), "subject": conv.subject}
        row.history = [*row.history, entry][-HISTORY_LIMIT:]

    def _agent_id(self, s: Session, team_id: int, name: str) -> int:
        found = s.scalar(select(Agent.id).where(Agent.team_id == team_id, Agent.name == name))
        if found is not None:
            return found
        agent = Agent(team_id=team_id, name=name)
        s.add(agent)
        s.flush()
        return agent.id

    def _add_message(self, s: Session, team_id: int, conv: Conversation, position: int, m: MessageIn) -> Message:
        row = Message(
            conversation_id=conv.id,
            team_id=team_id,
            position=max(position, 0),
            role=m.role,
            author=m.author,
            agent_id=self._agent_id(s, team_id, m.author) if m.role == "agent" and m.author else None,
            channel=m.channel,
            sent_at=m.sent_at or utcnow(),
            text=m.text,
            redactions=dict(m.redactions),
            external_id=m.external_id,
        )
        s.add(row)
        s.flush()
        if m.analysis is not None:
            s.add(
                Analysis(
                    message_id=row.id,
                    team_id=team_id,
                    intensity=float(m.analysis.get("intensity", 0.0)),
                    result=m.analysis,
                )
            )
        if m.assessment is not None:
            s.add(
                Assessment(
                    message_id=row.id,
                    team_id=team_id,
                    stance=str(m.assessment.get("stance", "")),
                    score=float(m.assessment.get("score", 0.0)),
                    result=m.assessment,
                )
            )
        s.flush()
        return row


def _customer_record(c: Customer) -> CustomerRecord:
    return CustomerRecord(c.id, c.external_id, c.name, dict(c.preferences), list(c.history))


def _message_record(m: Message) -> MessageRecord:
    return MessageRecord(
        id=m.id,
        position=m.position,
        role=m.role,
        author=m.author,
        channel=m.channel,
        sent_at=aware(m.sent_at),
        text=m.text,
        redactions=dict(m.redactions),
        external_id=m.external_id,
        analysis=None if m.analysis is None else dict(m.analysis.result),
        assessment=None if m.assessment is None else dict(m.assessment.result),
    )
