"""Helpdesk webhooks: verify, parse each helpdesk's event, store and judge the message once.

Signatures (``ATTUNE_WEBHOOK_SECRET`` is the shared secret):

- Zendesk: ``X-Zendesk-Webhook-Signature`` = base64(HMAC-SHA256(secret, timestamp + body)) with
  ``X-Zendesk-Webhook-Signature-Timestamp``.
- Intercom: ``X-Hub-Signature`` = ``sha1=`` hex(HMAC-SHA1(secret, body)).
- Freshdesk (whose automations cannot sign): ``X-Attune-Signature`` = ``sha256=`` hex(HMAC-SHA256(
  secret, body)), or the secret itself in a custom header ``X-Attune-Secret``.

A delivery repeated with the same comment id stores nothing new and posts no second note.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import html
import json
import logging
import re
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from sqlalchemy.exc import IntegrityError
from starlette.concurrency import run_in_threadpool

from attune import analyze
from attune.server import schemas as s
from attune.server.errors import RequestInvalid, ServiceUnavailable, Unauthenticated
from attune.server.helpdesk import Note, Provider, render_note
from attune.server.judge import Turn, judge_turn
from attune.store import CustomerIn, Store

log = logging.getLogger("attune.server.webhooks")

router = APIRouter(prefix="/v1/webhooks", tags=["webhooks"])

#: How many earlier customer turns an agent turn is read with (each is analysed again)
EARLIER_TURNS = 5
_TAG = re.compile(r"<[^>]+>")
_BREAK = re.compile(r"<\s*(?:br|/p|/div|/li)\s*/?>", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Event:
    """A helpdesk comment, whatever helpdesk it came from."""

    provider: Provider
    ticket_id: str
    message_id: str
    role: str
    text: str
    author: str | None
    author_id: str | None
    subject: str | None
    customer_id: str | None
    customer_name: str | None
    channel: str


# ---------------------------------------------------------------------------------- signatures


def _hmac(secret: str, data: bytes, digest: str) -> bytes:
    return hmac.new(secret.encode("utf-8"), data, digest).digest()


def verify(provider: Provider, secret: str, headers: dict[str, str], body: bytes) -> bool:
    """True when the delivery carries a valid signature of ``body`` with ``secret``."""
    if provider == "zendesk":
        sent = headers.get("x-zendesk-webhook-signature", "")
        stamp = headers.get("x-zendesk-webhook-signature-timestamp", "")
        expected = base64.b64encode(_hmac(secret, stamp.encode("utf-8") + body, "sha256")).decode("ascii")
        return bool(sent and stamp) and hmac.compare_digest(sent, expected)
    if provider == "intercom":
        sent = headers.get("x-hub-signature", "")
        expected = "sha1=" + _hmac(secret, body, "sha1").hex()
        return bool(sent) and hmac.compare_digest(sent, expected)
    sent = headers.get("x-attune-signature", "")
    if sent:
        expected = "sha256=" + _hmac(secret, body, "sha256").hex()
        return hmac.compare_digest(sent if sent.startswith("sha256=") else "sha256=" + sent, expected)
    plain = headers.get("x-attune-secret", "")
    return bool(plain) and hmac.compare_digest(plain.encode("utf-8"), secret.encode("utf-8"))


def sign(provider: Provider, secret: str, body: bytes, timestamp: str = "2024-01-01T00:00:00Z") -> dict[str, str]:
    """The headers a helpdesk would send with ``body`` (for tests and for relays you write).

    >>> sign("intercom", "s3cret", b"{}")["X-Hub-Signature"][:5]
    'sha1='
    """
    if provider == "zendesk":
        digest = _hmac(secret, timestamp.encode("utf-8") + body, "sha256")
        return {
            "X-Zendesk-Webhook-Signature": base64.b64encode(digest).decode("ascii"),
            "X-Zendesk-Webhook-Signature-Timestamp": timestamp,
        }
    if provider == "intercom":
        return {"X-Hub-Signature": "sha1=" + _hmac(secret, body, "sha1").hex()}
    return {"X-Attune-Signature": "sha256=" + _hmac(secret, body, "sha256").hex()}


# ------------------------------------------------------------------------------------- parsing


def plain_text(value: Any) -> str:
    """Helpdesk bodies (HTML in Intercom and Freshdesk) as plain text."""
    if not isinstance(value, str):
        return ""
    text = _BREAK.sub("\n", value)
    return html.unescape(_TAG.sub("", text)).strip()


def _str(value: Any) -> str | None:
    if value is None or isinstance(value, dict | list):
        return None
    found = str(value).strip()
    return found[:200] or None


def parse_zendesk(data: dict[str, Any]) -> Event | None:
    """A Zendesk ``zen:event-type:ticket.comment_added`` event."""
    event = data.get("event") or {}
    comment = event.get("comment") if isinstance(event, dict) else None
    detail = data.get("detail") or {}
    if not isinstance(comment, dict) or not isinstance(detail, dict):
        return None
    author = comment.get("author") or {}
    if not isinstance(author, dict):
        author = {}
    ticket = _str(detail.get("id")) or _str(str(data.get("subject", "")).rpartition(":")[2])
    message = _str(comment.get("id")) or _str(data.get("id"))
    if ticket is None or message is None:
        return None
    via = detail.get("via") if isinstance(detail.get("via"), dict) else {}
    return Event(
        provider="zendesk",
        ticket_id=ticket,
        message_id=message,
        role="agent" if author.get("is_staff") is True else "customer",
        text=plain_text(comment.get("body")),
        author=_str(author.get("name")),
        author_id=_str(author.get("id")),
        subject=_str(detail.get("subject")),
        customer_id=_str(detail.get("requester_id")),
        customer_name=None if author.get("is_staff") else _str(author.get("name")),
        channel=_channel(_str((via or {}).get("channel"))),
    )


def parse_freshdesk(data: dict[str, Any]) -> Event | None:
    """A Freshdesk automation webhook (``{"freshdesk_webhook": {...}}`` with ticket placeholders)."""
    hook = data.get("freshdesk_webhook", data)
    if not isinstance(hook, dict):
        return None
    ticket = _str(hook.get("ticket_id"))
    text = plain_text(hook.get("ticket_latest_public_comment") or hook.get("ticket_description"))
    if ticket is None or not text:
        return None
    message = _str(hook.get("comment_id")) or hashlib.sha256(f"{ticket}\n{text}".encode()).hexdigest()[:32]
    kind = str(hook.get("comment_author_type", "requester")).lower()
    return Event(
        provider="freshdesk",
        ticket_id=ticket,
        message_id=message,
        role="agent" if kind in {"agent", "staff"} else "customer",
        text=text,
        author=_str(hook.get("comment_author_name")),
        author_id=None,
        subject=_str(hook.get("ticket_subject")),
        customer_id=_str(hook.get("ticket_contact_id") or hook.get("ticket_requester_id")),
        customer_name=_str(hook.get("ticket_requester_name")),
        channel=_channel(_str(hook.get("ticket_source"))),
    )


def parse_intercom(data: dict[str, Any]) -> Event | None:
    """An Intercom ``conversation.user.created``, ``conversation.user.replied`` or ``conversation.admin.replied``."""
    topic = str(data.get("topic", ""))
    item = (data.get("data") or {}).get("item") if isinstance(data.get("data"), dict) else None
    if not isinstance(item, dict) or not topic.startswith("conversation."):
        return None
    ticket = _str(item.get("id"))
    parts = (item.get("conversation_parts") or {}).get("conversation_parts") or []
    comments = [p for p in parts if isinstance(p, dict) and p.get("part_type") in {"comment", None}]
    if comments:
        part = comments[-1]
        message = _str(part.get("id"))
    elif isinstance(item.get("source"), dict):
        part = item["source"]
        message = f"source-{ticket}"
    else:
        return None
    author: dict[str, Any] = part["author"] if isinstance(part.get("author"), dict) else {}
    if ticket is None or message is None:
        return None
    staff = author.get("type") in {"admin", "bot", "team"} or ".admin." in topic
    listed = item.get("contacts")
    contacts = listed.get("contacts") if isinstance(listed, dict) else None
    first: dict[str, Any] = (
        contacts[0] if isinstance(contacts, list) and contacts and isinstance(contacts[0], dict) else {}
    )
    return Event(
        provider="intercom",
        ticket_id=ticket,
        message_id=message,
        role="agent" if staff else "customer",
        text=plain_text(part.get("body")),
        author=_str(author.get("name")),
        author_id=_str(author.get("id")),
        subject=_str(part.get("subject")) or _str((item.get("source") or {}).get("subject")),
        customer_id=_str(first.get("id")) or (None if staff else _str(author.get("id"))),
        customer_name=None if staff else _str(author.get("name")),
        channel="chat",
    )


PARSERS = {"zendesk": parse_zendesk, "freshdesk": parse_freshdesk, "intercom": parse_intercom}


def _channel(value: str | None) -> str:
    value = (value or "").lower()
    if value in {"email", "mail", "1"}:
        return "email"
    if value in {"chat", "web", "messaging", "native_messaging", "7", "3"}:
        return "chat"
    if value in {"twitter", "facebook", "social", "instagram"}:
        return "social"
    if value in {"voice", "phone", "2"}:
        return "phone"
    return "email" if not value else "other"


# ---------------------------------------------------------------------------------- handling


def record(store: Store, team: str, event: Event) -> tuple[str, int, bool, dict[str, Any] | None]:
    """Store and judge ``event`` once; returns conversation id, message id, whether it was new, assessment."""
    team_id = store.ensure_team(team)
    conv = store.find_conversation(team_id, event.provider, event.ticket_id)
    if conv is None:
        customer = (
            CustomerIn(f"{event.provider}:{event.customer_id}", event.customer_name) if event.customer_id else None
        )
        try:
            conv = store.add_conversation(
                team_id,
                [],
                subject=event.subject,
                channel=event.channel,
                customer=customer,
                source=event.provider,
                external_id=event.ticket_id,
            )
        except IntegrityError:  # created by a concurrent delivery
            conv = store.find_conversation(team_id, event.provider, event.ticket_id)
            if conv is None:
                raise
    if store.has_message(team_id, conv, event.message_id):
        return conv, 0, False, None
    stored = store.get_conversation(team_id, conv)
    context: list[str] = []
    earlier: list[str] = []  # the customer turns before those, as stored (redacted), the latest last
    customer_name = event.customer_name
    if stored is not None:
        customer_name = customer_name or (stored.customer.name if stored.customer else None)
        for m in reversed(stored.messages):
            if m.role != "customer":
                if context:
                    break
                continue
            context.insert(0, m.text)
        earlier = [m.text for m in stored.messages if m.role == "customer"]
        earlier = earlier[: len(earlier) - len(context)][-EARLIER_TURNS:]
    turn = Turn(
        role=event.role,
        text=event.text,
        author=event.author,
        channel=event.channel,
        external_id=event.message_id,
    )
    read = [analyze(text, customer_name=customer_name) for text in earlier] if event.role != "customer" else []
    message, _ = judge_turn(turn, context, customer_name, read)
    message_id, new = store.append_message(team_id, conv, message)
    return conv, message_id, new, message.assessment if new else None


async def _handle(provider: Provider, request: Request) -> dict[str, Any]:
    settings = request.app.state.settings
    if settings.webhook_secret is None:
        raise ServiceUnavailable("webhooks are off: set ATTUNE_WEBHOOK_SECRET to the secret shared with the helpdesk")
    body = await request.body()
    headers = {k.lower(): v for k, v in request.headers.items()}
    if not verify(provider, settings.webhook_secret.get_secret_value(), headers, body):
        raise Unauthenticated(f"missing or wrong {provider} webhook signature")
    try:
        data = json.loads(body)
    except ValueError as exc:
        raise RequestInvalid(f"webhook body is not JSON: {exc}") from None
    event = PARSERS[provider](data) if isinstance(data, dict) else None
    if event is None or not event.text:
        return {"status": "ignored", "reason": "not a comment event with text"}
    store: Store = request.app.state.store
    conv, message_id, new, assessment = await run_in_threadpool(record, store, settings.webhook_team, event)
    log.info(
        "webhook",
        extra={"event": "webhook", "provider": provider, "new": new, "role": event.role, "team": settings.webhook_team},
    )
    if not new:
        return {"status": "duplicate", "conversation_id": conv}
    posted = False
    helpdesk = request.app.state.helpdesk
    if assessment is not None and helpdesk is not None:
        try:
            await helpdesk.post_note(Note(provider, event.ticket_id, render_note(assessment), event.author_id))
            posted = True
        except Exception as exc:  # the message is stored; a failed note must not fail the delivery
            log.warning(
                "note not posted", extra={"event": "note_failed", "provider": provider, "error": type(exc).__name__}
            )
    return {"status": "stored", "conversation_id": conv, "message_id": message_id, "posted_note": posted}


_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": s.ErrorOut, "description": "Missing or wrong signature."},
    503: {"model": s.ErrorOut, "description": "Webhooks are off (no ATTUNE_WEBHOOK_SECRET)."},
}


@router.post("/zendesk", response_model=s.WebhookOut, responses=_RESPONSES)
async def zendesk(request: Request) -> Any:
    """A Zendesk webhook subscribed to ``zen:event-type:ticket.comment_added``."""
    return await _handle("zendesk", request)


@router.post("/freshdesk", response_model=s.WebhookOut, responses=_RESPONSES)
async def freshdesk(request: Request) -> Any:
    """A Freshdesk automation webhook with the ticket's latest public comment."""
    return await _handle("freshdesk", request)


@router.post("/intercom", response_model=s.WebhookOut, responses=_RESPONSES)
async def intercom(request: Request) -> Any:
    """An Intercom webhook for conversation.user.created / user.replied / admin.replied."""
    return await _handle("intercom", request)
