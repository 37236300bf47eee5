"""Intercom conversations with their parts (``GET /conversations/{id}``, or a list of them).

The ``source`` is the opening message; ``conversation_parts`` hold the rest. Authors of type
``user``, ``lead`` or ``contact`` are the customer, ``admin`` an agent, ``bot`` a bot; parts of
type ``note`` are internal notes. Parts without a body (assignments, open, close, snooze) are
events, not messages, and are not read. Bodies are HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import IO, Any

from attune.qa.importers.common import Reporter, as_str, channel_of, csat_of, finish, html_text, obj
from attune.qa.jsonstream import JsonRecords
from attune.qa.model import Conversation, Issue, Message, Role

SHAPE = "intercom"
MARKERS = ('"conversation_parts"', '"part_type"', '"conversation.list"', '"admin"', '"conversation_rating"')
_AUTHORS: dict[str, Role] = {
    "user": "customer",
    "lead": "customer",
    "contact": "customer",
    "admin": "agent",
    "bot": "bot",
}
_TEXT_PARTS = frozenset({"comment", "note", "quick_reply", "close", "open", "assignment"})


def is_conversation(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and "id" in value
        and value.get("type", "conversation") == "conversation"
        and ("conversation_parts" in value or "source" in value)
    )


def read(raw: IO[bytes], name: str, on_issue: Callable[[Issue], None]) -> Iterator[Conversation]:
    """Conversations of an Intercom export, one at a time."""
    report = Reporter(name, on_issue)
    records = JsonRecords(
        raw,
        name,
        keys=("conversations", "data"),
        single_keys=("conversation",),
        is_record=is_conversation,
        on_issue=on_issue,
        what="Intercom conversation",
    )
    for rec in records:
        conv = _conversation(rec.value, rec.line, report)
        if conv is not None:
            yield conv


def _message(
    part: Mapping[str, Any], field: str, line: int, record: str, report: Reporter, role_hint: Role | None = None
) -> Message | None:
    body = part.get("body")
    if body is None or body == "":
        return None
    text = report.text(body, line, record, field)
    if text is None:
        return None
    author = obj(part.get("author"))
    kind = as_str(author.get("type")).lower()
    role: Role | None = role_hint or _AUTHORS.get(kind)
    if role is None:
        report(line, record, f"{field}.author.type", f"unknown author type {kind!r}; read as an agent", "warning")
        role = "agent"
    name = as_str(author.get("name")) or (
        "customer" if role == "customer" else f"{role} {as_str(author.get('id'))}".strip()
    )
    when = report.time(part.get("created_at"), line, record, f"{field}.created_at")
    return Message(role, html_text(text), name, when, as_str(part.get("id")), line)


def _conversation(c: dict[str, Any], line: int, report: Reporter) -> Conversation | None:
    cid = as_str(c.get("id"))
    record = f"conversation {cid}"
    messages: list[Message] = []
    source = obj(c.get("source"))
    opening = _message(source, "source", line, record, report)
    if opening is not None:
        messages.append(opening)
    parts_obj = c.get("conversation_parts")
    parts = parts_obj.get("conversation_parts") if isinstance(parts_obj, dict) else parts_obj
    if isinstance(parts, list):
        for i, part in enumerate(parts):
            field = f"conversation_parts[{i}]"
            if not isinstance(part, dict):
                report(line, record, field, "a part that is not an object; skipped")
                continue
            kind = as_str(part.get("part_type"))
            if kind not in _TEXT_PARTS and not part.get("body"):
                continue
            msg = _message(part, field, line, record, report, "note" if kind == "note" else None)
            if msg is None and kind in ("comment", "note"):
                report(line, record, field, "a comment without a body; skipped")
            elif msg is not None:
                messages.append(msg)
    elif parts is not None:
        report(line, record, "conversation_parts", "not a list; only the opening message is read")
    customer = next((m for m in messages if m.role == "customer"), None)
    contacts = c.get("contacts")
    contact_list = contacts.get("contacts") if isinstance(contacts, dict) else contacts
    customer_id = ""
    if isinstance(contact_list, list) and contact_list and isinstance(contact_list[0], dict):
        customer_id = as_str(contact_list[0].get("id"))
    author = obj(source.get("author"))
    customer_id = customer_id or (as_str(author.get("id")) if author.get("type") in ("user", "lead", "contact") else "")
    rating = c.get("conversation_rating")
    stats = obj(c.get("statistics"))
    state = as_str(c.get("state")).lower()
    resolved = report.time(stats.get("last_close_at"), line, record, "statistics.last_close_at")
    if resolved is None and state == "closed":
        resolved = report.time(c.get("updated_at"), line, record, "updated_at")
    assignee = as_str(c.get("admin_assignee_id"))
    team = as_str(c.get("team_assignee_id"))
    agent_names = [m.author for m in messages if m.role == "agent"]
    return finish(
        report,
        record,
        line,
        messages,
        id=cid,
        source=report.file,
        channel=channel_of(source.get("type") if source.get("type") != "conversation" else "chat"),
        customer_id=customer_id,
        customer_name=(customer.author if customer and customer.author != "customer" else None),
        agent=agent_names[-1] if agent_names else (f"admin {assignee}" if assignee else ""),
        team=f"team {team}" if team else "",
        subject=html_text(as_str(source.get("subject"))),
        created_at=report.time(c.get("created_at"), line, record, "created_at"),
        resolved_at=resolved,
        status=state,
        csat=report.rating(
            csat_of, rating.get("rating") if isinstance(rating, dict) else rating, line, record, "conversation_rating"
        ),
    )
