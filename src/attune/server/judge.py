"""Judge a conversation turn by turn and make the results safe to store.

Customer turns are analysed; agent turns are assessed against the customer turns since the
previous agent turn. The core always sees the full text; what is stored is redacted, with every
span of the results mapped onto the redacted text.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from attune import analyze, assess
from attune.config import get_settings
from attune.errors import AttuneError
from attune.perceive.history import in_conversation
from attune.privacy import Redaction, redact
from attune.store import MessageIn
from attune.types import CustomerAnalysis

_SPAN_LISTS = ("evidence", "details")


@dataclass(frozen=True, slots=True)
class Turn:
    role: str
    text: str
    author: str | None = None
    channel: str = "email"
    sent_at: dt.datetime | None = None
    external_id: str | None = None


def redact_result(result: dict[str, Any], redaction: Redaction) -> dict[str, Any]:
    """A ``to_dict()`` result of ``redaction``'s original text, with its text and spans redacted."""
    out = dict(result)
    out["text"] = redaction.text
    for key in _SPAN_LISTS:
        if key in out:
            out[key] = [_redact_span(item, redaction) for item in out[key]]
    if "dimensions" in out:
        out["dimensions"] = {
            name: {**dim, "evidence": [_redact_span(e, redaction) for e in dim["evidence"]]}
            for name, dim in out["dimensions"].items()
        }
    return out


def _redact_span(item: dict[str, Any], redaction: Redaction) -> dict[str, Any]:
    out = dict(item)
    if not redaction.found:
        return out
    if item["end"] > item["start"]:
        start, end = redaction.map_span(item["start"], item["end"])
        out.update(start=start, end=end, text=redaction.text[start:end])
    for key in ("explanation", "value"):
        if isinstance(out.get(key), str) and out[key]:
            out[key] = redact(out[key]).text
    return out


def stored_text(text: str) -> tuple[str, dict[str, int]]:
    """The text to store and the count of redactions by kind (none when redaction is off)."""
    if not get_settings().redact:
        return text, {}
    r = redact(text)
    return r.text, r.kinds


def safe_result(result: dict[str, Any]) -> dict[str, Any]:
    """A result dict ready to store: redacted when redaction is on."""
    if not get_settings().redact:
        return result
    return redact_result(result, redact(result["text"]))


def judge_turn(
    turn: Turn, context: Sequence[str], customer_name: str | None, earlier: Sequence[CustomerAnalysis] = ()
) -> tuple[MessageIn, CustomerAnalysis | None]:
    """One turn, judged and made safe to store, and a customer turn's analysis. ``context`` holds
    the customer turns an agent turn answers, ``earlier`` the analyses of those before them."""
    text, kinds = stored_text(turn.text)
    analysis: dict[str, Any] | None = None
    assessment: dict[str, Any] | None = None
    read: CustomerAnalysis | None = None
    if turn.role == "customer":
        read = analyze(turn.text, customer_name=customer_name)
        analysis = safe_result(read.to_dict())
    else:
        joined = _context_text(context)
        customer = analyze(joined, customer_name=customer_name) if joined else None
        if customer is not None:
            customer = in_conversation(customer, earlier)
        result = assess(turn.text, customer=customer, customer_name=customer_name, agent_name=turn.author)
        assessment = safe_result({**result.to_dict(), "customer": None})
    message = MessageIn(
        role=turn.role,
        text=text,
        author=turn.author,
        channel=turn.channel,
        sent_at=turn.sent_at,
        redactions=kinds,
        external_id=turn.external_id,
        analysis=analysis,
        assessment=assessment,
    )
    return message, read


def judge_conversation(turns: Sequence[Turn], customer_name: str | None = None) -> list[MessageIn]:
    """Every turn judged in order; an error names the turn (``messages[2]: ...``). An agent turn is
    judged against the customer turns since the agent last wrote (or the last such group when the
    agent writes twice), read with the conversation's earlier customer turns."""
    out: list[MessageIn] = []
    pending: list[str] = []
    last_block: list[str] = []
    read: list[CustomerAnalysis] = []  # every customer turn so far
    before = 0  # how many of them come before the group the next agent turn answers
    for i, turn in enumerate(turns):
        try:
            if turn.role == "customer":
                if not pending:
                    before = len(read)
                message, analysis = judge_turn(turn, (), customer_name)
                if analysis is not None:
                    read.append(analysis)
                pending.append(turn.text)
            else:
                block = pending or last_block
                message, _ = judge_turn(turn, block, customer_name, read[:before])
                if pending:
                    last_block, pending = pending, []
            out.append(message)
        except AttuneError as exc:
            err = type(exc)(f"messages[{i}]: {exc.message}")
            raise err from exc
    return out


def _context_text(texts: Sequence[str]) -> str | None:
    """The customer turns an agent turn answers, joined while they fit the length limit."""
    limit = get_settings().max_chars
    kept: list[str] = []
    size = 0
    for text in reversed(texts):
        if size + len(text) + 2 > limit:
            break
        kept.append(text)
        size += len(text) + 2
    return "\n\n".join(reversed(kept)) or None
