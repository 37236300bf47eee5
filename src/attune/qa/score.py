"""Score one conversation in context: every agent turn against the customer turns it answers.

:func:`score_conversation` is the one pure function both executors run, so the local and the Dask
engine give the same numbers. An agent turn is judged with :func:`attune.assess` against the
customer's turns since the agent last wrote (or the latest customer turn when the agent writes
twice); the conversation gets its arc (the customer's emotion at the start and at the end), first
response and resolution times, and its promises with whether they were kept.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from attune.assess import assess
from attune.config import get_settings
from attune.errors import AttuneError
from attune.perceive import analyze
from attune.perceive.history import in_conversation
from attune.qa.model import Conversation, Issue, Message
from attune.qa.promises import check_promise, find_promises
from attune.taxonomy import DIMENSIONS, STANCES
from attune.types import CustomerAnalysis, ReplyAssessment

NEGATIVE = ("anger", "frustration", "disappointment", "confusion", "anxiety", "sadness")
#: How far the customer's negative feeling must move, start to end, to count as a change.
ARC_STEP = 0.2

#: Columns of the per-turn table, in order (Parquet and CSV).
TURN_COLUMNS = (
    "conversation_id",
    "source",
    "line",
    "turn",
    "message_id",
    "agent",
    "team",
    "channel",
    "timestamp",
    "customer_id",
    "score",
    "stance",
    *(f"p_{s}" for s in STANCES),
    *(f"dim_{d}" for d in DIMENSIONS),
    "customer_emotion",
    "customer_intensity",
    "customer_negativity",
    "situations",
    "escalation",
    "abuse",
    "response_seconds",
    "promises",
    "customer_excerpt",
    "reply",
    "evidence",
)
#: Longest excerpt of the customer's message kept next to each scored reply.
EXCERPT_CHARS = 600


@dataclass(frozen=True, slots=True)
class PromiseRow:
    """A promise with the conversation it is in and whether it was kept."""

    conversation_id: str
    turn: int
    agent: str
    text: str
    due_phrase: str
    made_at: float | None
    due_at: float | None
    status: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ConversationResult:
    """A scored conversation: one row per agent turn, the conversation's own figures, and issues."""

    summary: dict[str, Any]
    turns: tuple[dict[str, Any], ...]
    promises: tuple[PromiseRow, ...] = ()
    issues: tuple[Issue, ...] = field(default_factory=tuple)
    #: With ``--save``: the turns judged and made safe to store, and the customer's name.
    stored: tuple[Any, ...] | None = None


def negativity(a: CustomerAnalysis) -> float:
    """The strongest negative emotion of a customer message, 0..1."""
    return max(a.emotions.get(e, 0.0) for e in NEGATIVE)


def _analyze(m: Message, conv: Conversation, issues: list[Issue]) -> CustomerAnalysis | None:
    try:
        return analyze(m.text, customer_name=conv.customer_name)
    except AttuneError as exc:
        issues.append(
            Issue(
                conv.source,
                m.line,
                f"conversation {conv.id}",
                f"message {m.id}".strip(),
                f"customer turn not read: {exc}",
                "warning",
            )
        )
        return None


def _context(
    pending: Sequence[int], last_customer: int | None, conv: Conversation, cache: dict[int, CustomerAnalysis | None]
) -> tuple[CustomerAnalysis | None, int | None]:
    """The analysis of the customer turns an agent turn answers, and the first of them."""
    turns = [i for i in pending if cache.get(i) is not None]
    if not turns:
        if last_customer is None or cache.get(last_customer) is None:
            return None, None
        return cache[last_customer], None
    if len(turns) == 1:
        return cache[turns[0]], turns[0]
    limit = get_settings().max_chars - 100
    joined = "\n\n".join(conv.messages[i].text for i in turns)
    if len(joined) > limit:
        joined = joined[-limit:]
    try:
        return analyze(joined, customer_name=conv.customer_name), turns[0]
    except AttuneError:
        return cache[turns[-1]], turns[0]


def _with_history(
    latest: CustomerAnalysis | None, first: int | None, cache: dict[int, CustomerAnalysis | None]
) -> CustomerAnalysis | None:
    """``latest`` read with the customer turns before ``first`` (see :func:`in_conversation`)."""
    if latest is None or first is None:
        return latest
    earlier = [a for j, a in sorted(cache.items()) if j < first and a is not None]
    return in_conversation(latest, earlier)


def _excerpt(text: str) -> str:
    return text if len(text) <= EXCERPT_CHARS else text[: EXCERPT_CHARS - 1].rstrip() + "…"


def _evidence(r: ReplyAssessment) -> str:
    spans = [[e.start, e.end, e.label or e.source, e.explanation] for e in r.evidence if e.end > e.start]
    short = [[name, d.reason, d.suggestion or ""] for name, d in r.dimensions.items() if d.applicable and not d.present]
    stance = next((e.explanation for e in r.evidence if e.label == "stance"), "")
    return json.dumps({"spans": spans, "short": short, "stance": stance}, ensure_ascii=False, separators=(",", ":"))


def score_conversation(conv: Conversation) -> ConversationResult:
    """Score every agent turn of a conversation in context; see the module's docstring."""
    issues: list[Issue] = []
    cache: dict[int, CustomerAnalysis | None] = {}
    turns: list[dict[str, Any]] = []
    promise_rows: list[PromiseRow] = []
    pending: list[int] = []
    last_customer: int | None = None
    first_customer_at: float | None = None
    first_agent_at: float | None = None
    escalated = abusive = repeat_said = False
    situations: set[str] = set()
    agent_times = [(i, m.timestamp) for i, m in enumerate(conv.messages) if m.role == "agent"]
    ends_at = max((t for t in (conv.resolved_at, *(m.timestamp for m in conv.messages)) if t is not None), default=None)
    counts = {"customer": 0, "agent": 0, "bot": 0, "note": 0}
    for i, m in enumerate(conv.messages):
        counts[m.role] += 1
        if m.role == "customer":
            a = cache[i] = _analyze(m, conv, issues)
            if a is not None:
                escalated |= a.escalation
                abusive |= a.abuse
                situations.update(a.present_situations)
            if first_customer_at is None:
                first_customer_at = m.timestamp
            pending.append(i)
            last_customer = i
            continue
        if m.role != "agent":
            continue
        if first_agent_at is None:
            first_agent_at = m.timestamp
        latest, first_pending = _context(pending, last_customer, conv, cache)
        context = _with_history(latest, first_pending if first_pending is not None else last_customer, cache)
        answered_at = conv.messages[first_pending].timestamp if first_pending is not None else None
        pending = []
        try:
            r = assess(m.text, customer=context, customer_name=conv.customer_name, agent_name=m.author or None)
        except AttuneError as exc:
            issues.append(
                Issue(
                    conv.source,
                    m.line,
                    f"conversation {conv.id}",
                    f"message {m.id}".strip(),
                    f"agent turn not scored: {exc}",
                )
            )
            continue
        found = find_promises(r.text, m.timestamp)
        later = [t for j, t in agent_times if j > i]
        for p in found:
            promise_rows.append(
                PromiseRow(
                    conv.id,
                    i,
                    m.author,
                    p.text,
                    p.due_phrase,
                    m.timestamp,
                    p.due_at,
                    check_promise(p, m.timestamp, later, ends_at),
                )
            )
        row: dict[str, Any] = {
            "conversation_id": conv.id,
            "source": conv.source,
            "line": m.line,
            "turn": i,
            "message_id": m.id,
            "agent": m.author,
            "team": conv.team,
            "channel": conv.channel,
            "timestamp": m.timestamp,
            "customer_id": conv.customer_id,
            "score": r.score,
            "stance": r.stance,
        }
        for s in STANCES:
            row[f"p_{s}"] = round(r.stance_scores.get(s, 0.0), 4)
        for d in DIMENSIONS:
            dim = r.dimensions[d]
            row[f"dim_{d}"] = dim.score if dim.applicable else None
        row["customer_emotion"] = context.top_emotions[0] if context else ""
        row["customer_intensity"] = round(context.intensity, 4) if context else None
        row["customer_negativity"] = round(negativity(context), 4) if context else None
        row["situations"] = ",".join(context.present_situations) if context else ""
        row["escalation"] = bool(context and context.escalation)
        row["abuse"] = bool(context and context.abuse)
        row["response_seconds"] = (
            round(m.timestamp - answered_at, 3) if m.timestamp is not None and answered_at is not None else None
        )
        row["promises"] = len(found)
        row["customer_excerpt"] = _excerpt(latest.text) if latest else ""
        row["reply"] = r.text
        row["evidence"] = _evidence(r)
        turns.append(row)
    analysed = [a for i, a in sorted(cache.items()) if a is not None]
    start, end = (analysed[0], analysed[-1]) if analysed else (None, None)
    repeat_said = "repeat_contact" in situations
    start_neg = negativity(start) if start else None
    end_neg = negativity(end) if end else None
    if start_neg is None or end_neg is None or len(analysed) < 2:
        arc = "single" if analysed else "none"
    elif end_neg <= start_neg - ARC_STEP or (end is not None and end.top_emotions[0] == "happiness"):
        arc = "improved"
    elif end_neg >= start_neg + ARC_STEP:
        arc = "worsened"
    else:
        arc = "steady"
    created = conv.created_at if conv.created_at is not None else first_customer_at
    scores = [t["score"] for t in turns]
    summary: dict[str, Any] = {
        "conversation_id": conv.id,
        "source": conv.source,
        "line": conv.line,
        "channel": conv.channel,
        "agent": conv.agent or (turns[-1]["agent"] if turns else ""),
        "agents": ",".join(conv.agents),
        "team": conv.team,
        "customer_id": conv.customer_id,
        "subject": conv.subject,
        "status": conv.status,
        "created_at": created,
        "resolved_at": conv.resolved_at,
        "messages": len(conv.messages),
        "customer_turns": counts["customer"],
        "agent_turns": counts["agent"],
        "bot_turns": counts["bot"],
        "notes": counts["note"],
        "scored_turns": len(turns),
        "mean_score": round(sum(scores) / len(scores), 2) if scores else None,
        "min_score": min(scores) if scores else None,
        "first_response_seconds": (
            first_agent_at - first_customer_at
            if first_agent_at is not None and first_customer_at is not None and first_agent_at >= first_customer_at
            else None
        ),
        "resolution_seconds": (
            conv.resolved_at - created if conv.resolved_at is not None and created is not None else None
        ),
        "start_emotion": start.top_emotions[0] if start else "",
        "start_negativity": round(start_neg, 4) if start_neg is not None else None,
        "end_emotion": end.top_emotions[0] if end else "",
        "end_negativity": round(end_neg, 4) if end_neg is not None else None,
        "arc": arc,
        "escalated": escalated,
        "abuse": abusive,
        "situations": ",".join(sorted(situations)),
        "repeat_contact_said": repeat_said,
        "promises": len(promise_rows),
        "promises_kept": sum(p.status == "kept" for p in promise_rows),
        "promises_broken": sum(p.status in ("broken", "late") for p in promise_rows),
        "csat": conv.csat,
        "nps": conv.nps,
    }
    return ConversationResult(summary, tuple(turns), tuple(promise_rows), tuple(issues))


def score_chunk(conversations: Sequence[Conversation], save: bool = False) -> list[ConversationResult]:
    """Score a chunk of conversations (the unit of work of both executors).

    With ``save``, each result also carries what ``--save`` writes to the server's database.
    """
    results = [score_conversation(c) for c in conversations]
    if save:
        results = [_with_stored(r, c) for r, c in zip(results, conversations, strict=True)]
    return results


def _with_stored(result: ConversationResult, conv: Conversation) -> ConversationResult:
    from attune.qa.save import to_store

    try:
        stored = to_store(conv)
    except AttuneError as exc:
        issue = Issue(conv.source, conv.line, f"conversation {conv.id}", "(save)", f"not saved: {exc}")
        return replace(result, issues=(*result.issues, issue))
    return replace(result, stored=stored)
