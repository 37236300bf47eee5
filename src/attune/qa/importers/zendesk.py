"""Zendesk tickets with their comments: a JSON export, JSONL, or incremental API pages.

A ticket holds ``comments`` (``author_id``, ``body`` or ``plain_body`` or ``html_body``,
``public``, ``created_at``); a comment by the ``requester_id`` is the customer's, a private one
is an internal note, one made ``via`` the answer bot or a rule is a bot's, any other is an
agent's. Names come from a ``users`` sideload read before
the tickets (``include=users``), from ``requester``/``assignee`` objects on the ticket, or fall
back to ``agent <id>``. Teams come from a ``groups`` sideload or ``group_id``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import IO, Any

from attune.qa.importers.common import Reporter, as_str, channel_of, csat_of, finish, html_text
from attune.qa.jsonstream import JsonRecords
from attune.qa.model import Conversation, Issue, Message, Role

SHAPE = "zendesk"
MARKERS = ('"requester_id"', '"comments"', '"assignee_id"', '"via"', '"author_id"', '"satisfaction_rating"')
_SOLVED = ("solved", "closed")
_BOT_CHANNELS = frozenset({"answer_bot", "answer_bot_for_agents", "system", "rule", "sample_ticket"})


def is_ticket(value: Any) -> bool:
    return isinstance(value, dict) and "id" in value and ("comments" in value or "requester_id" in value)


def read(raw: IO[bytes], name: str, on_issue: Callable[[Issue], None]) -> Iterator[Conversation]:
    """Conversations of a Zendesk export, one ticket at a time."""
    report = Reporter(name, on_issue)
    records = JsonRecords(
        raw,
        name,
        keys=("tickets", "results"),
        single_keys=("ticket",),
        is_record=is_ticket,
        on_issue=on_issue,
        what="Zendesk ticket",
    )
    for rec in records:
        conv = _ticket(rec.value, rec.line, rec.context, report)
        if conv is not None:
            yield conv


def _index(items: object) -> dict[str, Mapping[str, Any]]:
    if not isinstance(items, list):
        return {}
    return {as_str(u.get("id")): u for u in items if isinstance(u, dict)}


def _ticket(t: dict[str, Any], line: int, context: Mapping[str, Any], report: Reporter) -> Conversation | None:
    tid = as_str(t.get("id"))
    record = f"ticket {tid}"
    users = _index(context.get("users"))
    groups = _index(context.get("groups"))
    requester = as_str(t.get("requester_id"))
    for key in ("requester", "assignee", "submitter"):
        embedded = t.get(key)
        if isinstance(embedded, dict) and embedded.get("id") is not None:
            users.setdefault(as_str(embedded["id"]), embedded)
    if not requester and isinstance(t.get("requester"), dict):
        requester = as_str(t["requester"].get("id"))

    def name_of(uid: str, fallback: str) -> str:
        user = users.get(uid)
        return as_str(user.get("name")) if user and user.get("name") else fallback

    comments = t.get("comments")
    messages: list[Message] = []
    if isinstance(comments, list):
        for i, c in enumerate(comments):
            if not isinstance(c, dict):
                report(line, record, f"comments[{i}]", "a comment that is not an object; skipped")
                continue
            msg = _comment(c, i, requester, users, name_of, line, record, report)
            if msg is not None:
                messages.append(msg)
    elif comments is not None:
        report(line, record, "comments", "not a list; the ticket's description is read instead")
    if not messages:
        text = report.text(t.get("description"), line, record, "description")
        if text:
            when = report.time(t.get("created_at"), line, record, "created_at")
            messages.append(Message("customer", text, name_of(requester, "customer"), when, "description", line))

    via = t.get("via")
    channel = channel_of(via.get("channel") if isinstance(via, dict) else via)
    group = as_str(t.get("group_id"))
    team = as_str(groups[group].get("name")) if group in groups else (f"group {group}" if group else "")
    assignee = as_str(t.get("assignee_id"))
    rating = t.get("satisfaction_rating")
    score = rating.get("score") if isinstance(rating, dict) else rating
    status = as_str(t.get("status")).lower()
    solved = t.get("solved_at")
    metrics = t.get("metric_set")
    if solved is None and isinstance(metrics, dict):
        solved = metrics.get("solved_at")
    resolved_at = report.time(solved, line, record, "solved_at")
    if resolved_at is None and status in _SOLVED:
        resolved_at = report.time(t.get("updated_at"), line, record, "updated_at")
    tags = t.get("tags")
    return finish(
        report,
        record,
        line,
        messages,
        id=tid,
        source=report.file,
        channel=channel,
        customer_id=requester,
        customer_name=name_of(requester, "") or None,
        agent=name_of(assignee, f"agent {assignee}") if assignee else "",
        team=team,
        subject=as_str(t.get("subject") or t.get("raw_subject")),
        created_at=report.time(t.get("created_at"), line, record, "created_at"),
        resolved_at=resolved_at,
        status=status,
        csat=report.rating(csat_of, score, line, record, "satisfaction_rating"),
        tags=tuple(as_str(x) for x in tags) if isinstance(tags, list) else (),
    )


def _comment(
    c: dict[str, Any],
    i: int,
    requester: str,
    users: Mapping[str, Mapping[str, Any]],
    name_of: Callable[[str, str], str],
    line: int,
    record: str,
    report: Reporter,
) -> Message | None:
    field = f"comments[{i}]"
    body = c.get("plain_body")
    if body is None:
        body = c.get("body")
    html = False
    if body is None and c.get("html_body") is not None:
        body, html = c.get("html_body"), True
    if body is None:
        report(line, record, field, "no body, plain_body or html_body; comment skipped")
        return None
    text = report.text(body, line, record, field)
    if text is None:
        return None
    if html:
        text = html_text(text)
    author = as_str(c.get("author_id"))
    user = users.get(author)
    role: Role
    via = c.get("via")
    if c.get("public") is False:
        role = "note"
    elif isinstance(via, dict) and via.get("channel") in _BOT_CHANNELS:
        role = "bot"
    elif (author and author == requester) or (user is not None and as_str(user.get("role")) == "end-user"):
        role = "customer"
    elif not author:
        report(line, record, field, "no author_id; read as the customer's", "warning")
        role = "customer"
    else:
        role = "agent"
    fallback = "customer" if role == "customer" else f"agent {author}"
    when = report.time(c.get("created_at"), line, record, f"{field}.created_at")
    return Message(role, text, name_of(author, fallback), when, as_str(c.get("id")), line)
