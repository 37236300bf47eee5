"""Synthetic conversations (:mod:`attune.qa.synth`) written in the shapes helpdesks export:
a Zendesk ticket export (JSON, with users), a CSV of message rows, or JSONL message rows. The
demo and the QA benchmark write these; the importers (:mod:`attune.qa.importers`) read them.

Writers stream: one conversation at a time, so an export of a million messages is never held in
memory.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
from collections.abc import Iterator
from typing import IO, Any

from attune.qa.model import Conversation
from attune.qa.synth import AGENTS, Agent


def _iso(ts: float | None) -> str | None:
    if ts is None:
        return None
    return dt.datetime.fromtimestamp(ts, tz=dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _user_ids(convs_agents: tuple[Agent, ...]) -> dict[str, int]:
    return {a.name: 900 + i for i, a in enumerate(convs_agents)}


_CUSTOMER_BASE = 10_000_000


def zendesk_ticket(c: Conversation, agent_ids: dict[str, int], customer_ids: dict[str, int]) -> dict[str, Any]:
    """A conversation as a Zendesk ticket with comments."""
    requester = customer_ids.setdefault(c.customer_id, _CUSTOMER_BASE + len(customer_ids))
    comments = []
    for m in c.messages:
        author = requester if m.role == "customer" else agent_ids.get(m.author, 1)
        comment: dict[str, Any] = {
            "id": int(m.id.replace("-", "")) if m.id.replace("-", "").isdigit() else m.id,
            "type": "Comment",
            "author_id": author,
            "body": m.text,
            "public": m.role != "note",
            "created_at": _iso(m.timestamp),
        }
        if m.role == "bot":
            comment["author_id"] = 1
            comment["via"] = {"channel": "answer_bot"}
        comments.append(comment)
    via = {"email": "email", "chat": "chat", "web": "web", "social": "twitter", "phone": "voice"}.get(c.channel, "api")
    return {
        "id": int(c.id) if c.id.isdigit() else c.id,
        "subject": c.subject,
        "status": c.status,
        "created_at": _iso(c.created_at),
        "updated_at": _iso(c.resolved_at),
        "solved_at": _iso(c.resolved_at),
        "requester_id": requester,
        "assignee_id": agent_ids.get(c.agent),
        "group_id": {"Orders": 31, "Billing": 32, "Tech support": 33}.get(c.team),
        "via": {"channel": via},
        "tags": list(c.tags),
        "satisfaction_rating": {"score": "offered" if c.csat is None else ("good" if c.csat >= 0.5 else "bad")},
        "comments": comments,
    }


def write_zendesk(convs: Iterator[Conversation], out: IO[str], *, with_users: bool = True) -> int:
    """Write conversations as one Zendesk incremental-export page (users and groups first)."""
    agent_ids = _user_ids(AGENTS)
    customer_ids: dict[str, int] = {}
    out.write("{\n")
    if with_users:
        users = [{"id": i, "name": name, "role": "agent"} for name, i in agent_ids.items()]
        users.append({"id": 1, "name": "Answer Bot", "role": "agent"})
        out.write(' "users": ' + json.dumps(users, ensure_ascii=False) + ",\n")
        groups = [{"id": 31, "name": "Orders"}, {"id": 32, "name": "Billing"}, {"id": 33, "name": "Tech support"}]
        out.write(' "groups": ' + json.dumps(groups) + ",\n")
    out.write(' "tickets": [\n')
    count = 0
    for c in convs:
        ticket = zendesk_ticket(c, agent_ids, customer_ids)
        if c.customer_name:
            ticket["requester"] = {"id": ticket["requester_id"], "name": c.customer_name}
        out.write(("  " if count == 0 else ",\n  ") + json.dumps(ticket, ensure_ascii=False))
        count += 1
    out.write(f'\n ],\n "count": {count},\n "end_of_stream": true,\n "next_page": null\n}}\n')
    return count


CSV_COLUMNS = (
    "conversation_id",
    "role",
    "author",
    "timestamp",
    "channel",
    "text",
    "team",
    "customer_id",
    "customer_name",
    "subject",
    "status",
    "csat",
    "nps",
)


def message_rows(c: Conversation) -> Iterator[dict[str, Any]]:
    """A conversation as generic message rows (CSAT and NPS on the last row)."""
    last = len(c.messages) - 1
    for i, m in enumerate(c.messages):
        yield {
            "conversation_id": c.id,
            "role": m.role,
            "author": m.author,
            "timestamp": _iso(m.timestamp),
            "channel": c.channel,
            "text": m.text,
            "team": c.team,
            "customer_id": c.customer_id,
            "customer_name": c.customer_name or "",
            "subject": c.subject,
            "status": c.status,
            "csat": None if i != last or c.csat is None else ("good" if c.csat >= 0.5 else "bad"),
            "nps": None if i != last or c.nps is None else c.nps,
        }


def write_csv(convs: Iterator[Conversation], out: IO[str]) -> int:
    """Write conversations as generic message rows (CSV)."""
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    count = 0
    for c in convs:
        writer.writerows(message_rows(c))
        count += 1
    return count


def write_jsonl(convs: Iterator[Conversation], out: IO[str]) -> int:
    """Write conversations as generic message rows (JSONL)."""
    count = 0
    for c in convs:
        for row in message_rows(c):
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
        count += 1
    return count


WRITERS = {"zendesk": write_zendesk, "csv": write_csv, "jsonl": write_jsonl}
