"""Freshdesk tickets with their conversations (the tickets API with ``include=conversations``).

The ticket's ``description_text`` (or HTML ``description``) is the customer's first message;
each entry of ``conversations`` is a reply (``incoming`` false), a customer follow-up (``incoming``
true or by the ``requester_id``) or a private note (``private`` true). Names come from a
``requester`` object, a ``contacts``/``agents`` sideload read before the tickets, or fall back to
``agent <id>``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import IO, Any

from attune.qa.importers.common import Reporter, as_str, csat_of, finish, html_text, obj
from attune.qa.jsonstream import JsonRecords
from attune.qa.model import Conversation, Issue, Message, Role

SHAPE = "freshdesk"
MARKERS = ('"description_text"', '"responder_id"', '"incoming"', '"conversations"', '"requester_id"', '"body_text"')
# Freshdesk's source codes: https://developers.freshdesk.com/api/#tickets (ticket properties).
_SOURCES = {1: "email", 2: "web", 3: "phone", 7: "chat", 9: "web", 10: "email"}
_STATUS = {2: "open", 3: "pending", 4: "resolved", 5: "closed"}
# Survey answers from "extremely happy" (103) to "extremely unhappy" (-103).
_SURVEY = {103: 1.0, 102: 0.8333, 101: 0.6667, 100: 0.5, -101: 0.3333, -102: 0.1667, -103: 0.0}


def is_ticket(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and "id" in value
        and "ticket_id" not in value
        and any(k in value for k in ("conversations", "description_text", "description", "requester_id"))
    )


def read(raw: IO[bytes], name: str, on_issue: Callable[[Issue], None]) -> Iterator[Conversation]:
    """Conversations of a Freshdesk export, one ticket at a time."""
    report = Reporter(name, on_issue)
    records = JsonRecords(
        raw, name, keys=("tickets", "results"), is_record=is_ticket, on_issue=on_issue, what="Freshdesk ticket"
    )
    for rec in records:
        conv = _ticket(rec.value, rec.line, rec.context, report)
        if conv is not None:
            yield conv


def _names(context: Mapping[str, Any], t: Mapping[str, Any]) -> dict[str, str]:
    names: dict[str, str] = {}
    for key in ("contacts", "agents"):
        for item in context.get(key) or ():
            if isinstance(item, dict):
                contact = item.get("contact") if isinstance(item.get("contact"), dict) else item
                name = as_str(contact.get("name")) if isinstance(contact, dict) else ""
                if name:
                    names[as_str(item.get("id"))] = name
    requester = t.get("requester")
    if isinstance(requester, dict) and requester.get("name"):
        names[as_str(requester.get("id") or t.get("requester_id"))] = as_str(requester["name"])
    return names


def _body(c: Mapping[str, Any], plain: str, rich: str) -> object:
    if c.get(plain) is not None:
        return c.get(plain)
    value = c.get(rich)
    return html_text(value) if isinstance(value, str) else value


def _ticket(t: dict[str, Any], line: int, context: Mapping[str, Any], report: Reporter) -> Conversation | None:
    tid = as_str(t.get("id"))
    record = f"ticket {tid}"
    requester = as_str(t.get("requester_id"))
    names = _names(context, t)
    messages: list[Message] = []
    first = report.text(_body(t, "description_text", "description"), line, record, "description_text")
    created = report.time(t.get("created_at"), line, record, "created_at")
    if first:
        messages.append(Message("customer", first, names.get(requester, "customer"), created, "description", line))
    conversations = t.get("conversations")
    if isinstance(conversations, list):
        for i, c in enumerate(conversations):
            field = f"conversations[{i}]"
            if not isinstance(c, dict):
                report(line, record, field, "an entry that is not an object; skipped")
                continue
            text = report.text(_body(c, "body_text", "body"), line, record, field)
            if text is None:
                report(line, record, field, "no body_text or body; entry skipped")
                continue
            user = as_str(c.get("user_id"))
            role: Role
            if c.get("private") is True:
                role = "note"
            elif c.get("incoming") is True or (user and user == requester):
                role = "customer"
            else:
                role = "agent"
            fallback = "customer" if role == "customer" else f"agent {user}"
            when = report.time(c.get("created_at"), line, record, f"{field}.created_at")
            messages.append(Message(role, text, names.get(user, fallback), when, as_str(c.get("id")), line))
    elif conversations is not None:
        report(line, record, "conversations", "not a list; only the description is read")
    stats = obj(t.get("stats"))
    status_raw = t.get("status")
    status = _STATUS.get(status_raw, as_str(status_raw).lower()) if isinstance(status_raw, int) else as_str(status_raw)
    source = t.get("source")
    channel = _SOURCES.get(source, "other") if isinstance(source, int) else "other"
    responder = as_str(t.get("responder_id"))
    group = as_str(t.get("group_id"))
    resolved = report.time(stats.get("resolved_at") or stats.get("closed_at"), line, record, "stats.resolved_at")
    return finish(
        report,
        record,
        line,
        messages,
        id=tid,
        source=report.file,
        channel=channel,
        customer_id=requester,
        customer_name=names.get(requester),
        agent=names.get(responder, f"agent {responder}") if responder else "",
        team=as_str(t.get("group_name")) or (f"group {group}" if group else ""),
        subject=as_str(t.get("subject")),
        created_at=created,
        resolved_at=resolved,
        status=status.lower(),
        csat=_csat(t.get("satisfaction_rating"), line, record, report),
        tags=tuple(as_str(x) for x in t.get("tags") or () if x is not None),
    )


def _csat(rating: object, line: int, record: str, report: Reporter) -> float | None:
    if isinstance(rating, dict):
        ratings = rating.get("ratings")
        value = ratings.get("default_question") if isinstance(ratings, dict) else rating.get("rating")
        if isinstance(value, int) and value in _SURVEY:
            return _SURVEY[value]
        rating = value
    result: float | None = report.rating(csat_of, rating, line, record, "satisfaction_rating")
    return result
