"""What every importer needs: timestamps, HTML to text, channels, ratings, and checked fields."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from attune.qa.jsonstream import repair_text
from attune.qa.model import Conversation, Issue, Message, Role, Severity

#: Longest conversation read; the turns past it are reported, not read.
MAX_MESSAGES = 5000

_TAG = re.compile(r"<[^>]*>")
_BREAK = re.compile(r"<\s*(br|/p|/div|/li|/h\d)\s*/?\s*>", re.IGNORECASE)
_BLANKS = re.compile(r"[ \t\u00a0]+")
_NUMBER = re.compile(r"-?\d+(\.\d+)?")

_CHANNELS = {
    "email": "email",
    "mail": "email",
    "e-mail": "email",
    "chat": "chat",
    "messaging": "chat",
    "native_messaging": "chat",
    "conversation": "chat",
    "whatsapp": "chat",
    "sms": "chat",
    "messenger": "chat",
    "web": "web",
    "web_form": "web",
    "portal": "web",
    "web_widget": "web",
    "feedback_widget": "web",
    "api": "api",
    "voice": "phone",
    "phone": "phone",
    "phone_call": "phone",
    "call": "phone",
    "twitter": "social",
    "facebook": "social",
    "instagram": "social",
    "social": "social",
}

CUSTOMER_ROLES = frozenset({"customer", "user", "end-user", "end_user", "requester", "client", "contact", "lead"})
AGENT_ROLES = frozenset({"agent", "admin", "staff", "support", "operator", "rep", "representative", "team"})
BOT_ROLES = frozenset({"bot", "system", "automation", "operator_bot"})
NOTE_ROLES = frozenset({"note", "internal", "private", "internal_note"})


def channel_of(value: object) -> str:
    """A helpdesk's channel name, mapped to attune's few: email, chat, web, phone, social, api, other.

    >>> channel_of("Web Form"), channel_of("twitter"), channel_of(None)
    ('web', 'social', 'other')
    """
    if not isinstance(value, str):
        return "other"
    key = value.strip().lower().replace(" ", "_")
    return _CHANNELS.get(key, "other")


def role_of(value: object) -> Role | None:
    """A role word mapped to ``customer``, ``agent``, ``bot`` or ``note``; ``None`` if unknown.

    >>> role_of("End-user"), role_of("Admin"), role_of("robot")
    ('customer', 'agent', None)
    """
    if not isinstance(value, str):
        return None
    key = value.strip().lower()
    if key in CUSTOMER_ROLES:
        return "customer"
    if key in AGENT_ROLES:
        return "agent"
    if key in BOT_ROLES:
        return "bot"
    if key in NOTE_ROLES:
        return "note"
    return None


def parse_time(value: object) -> float | None:
    """Seconds since the epoch (UTC) from ISO 8601, ``YYYY-MM-DD HH:MM[:SS]`` or epoch seconds.

    Empty values give ``None``; anything else unreadable raises ``ValueError``. A time without a
    zone is read as UTC; epoch values above 10^11 are read as milliseconds.

    >>> parse_time("2024-03-01T10:00:00Z"), parse_time(1709287200)
    (1709287200.0, 1709287200.0)
    """
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValueError(f"not a time: {value!r}")
    if isinstance(value, int | float):
        seconds = float(value)
        return seconds / 1000 if seconds > 1e11 else seconds
    if not isinstance(value, str):
        raise ValueError(f"not a time: {value!r}")
    text = value.strip()
    if not text:
        return None
    if _NUMBER.fullmatch(text):
        return parse_time(float(text))
    try:
        when = dt.datetime.fromisoformat(text.replace("Z", "+00:00").replace(" UTC", "+00:00"))
    except ValueError:
        for fmt in ("%Y/%m/%d %H:%M:%S", "%Y/%m/%d %H:%M", "%d/%m/%Y %H:%M", "%Y-%m-%d %H:%M %z"):
            try:
                when = dt.datetime.strptime(text, fmt)
                break
            except ValueError:
                continue
        else:
            raise ValueError(f"not a time: {text!r} (use ISO 8601, such as 2024-03-01T10:00:00Z)") from None
    if when.tzinfo is None:
        when = when.replace(tzinfo=dt.UTC)
    return when.timestamp()


def csat_of(value: object) -> float | None:
    """CSAT normalised to 0..1: ``good``/``bad``, a 1..5 rating, or a percentage 0..100 with ``%``.

    >>> csat_of("good"), csat_of(4), csat_of("80%"), csat_of("")
    (1.0, 0.75, 0.8, None)
    """
    if value is None or value == "" or value in ("offered", "unoffered"):
        return None
    if isinstance(value, str):
        text = value.strip().lower()
        if text in ("good", "satisfied", "positive", "yes"):
            return 1.0
        if text in ("bad", "unsatisfied", "dissatisfied", "negative", "no"):
            return 0.0
        if text.endswith("%") and _NUMBER.fullmatch(text[:-1].strip()):
            pct = float(text[:-1])
            if 0 <= pct <= 100:
                return round(pct / 100, 4)
            raise ValueError(f"CSAT percentage {text!r} is outside 0..100%")
        if not _NUMBER.fullmatch(text):
            raise ValueError(f"CSAT {value!r} is not good/bad, a rating 1..5 or a percentage such as 80%")
        value = float(text)
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f"CSAT {value!r} is not good/bad, a rating 1..5 or a percentage such as 80%")
    if 1 <= value <= 5:
        return round((float(value) - 1) / 4, 4)
    raise ValueError(f"CSAT rating {value!r} is outside 1..5")


def nps_of(value: object) -> int | None:
    """NPS answer 0..10.

    >>> nps_of("9"), nps_of(None)
    (9, None)
    """
    if value is None or value == "":
        return None
    try:
        number = float(value) if isinstance(value, str | int | float) and not isinstance(value, bool) else None
    except ValueError:
        number = None
    if number is None or not number.is_integer() or not 0 <= number <= 10:
        raise ValueError(f"NPS {value!r} is not a whole number 0..10")
    return int(number)


def html_text(value: str) -> str:
    """Plain text of an HTML body: breaks become newlines, tags go, entities are decoded.

    >>> html_text("<p>Hi&nbsp;Ana,</p><p>Done.<br>Sam</p>")
    'Hi Ana,\\nDone.\\nSam'
    """
    if "<" not in value and "&" not in value:
        return value
    text = _TAG.sub("", _BREAK.sub("\n", value))
    text = _BLANKS.sub(" ", html.unescape(text))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


@dataclass(slots=True)
class Reporter:
    """Issues of one file: a short way to say (line, record, field, reason)."""

    file: str
    on_issue: Callable[[Issue], None]

    def __call__(self, line: int | None, record: str, field: str, reason: str, severity: Severity = "error") -> None:
        self.on_issue(Issue(self.file, line, record, field, reason, severity))

    def text(self, value: object, line: int | None, record: str, field: str) -> str | None:
        """A text field, with bytes that were not UTF-8 repaired (a warning) or ``None`` if absent."""
        if value is None:
            return None
        if not isinstance(value, str):
            self(line, record, field, f"expected text, found {type(value).__name__}; message skipped")
            return None
        if "\x00" in value:
            self(line, record, field, "holds NUL bytes (binary data, not text); message skipped")
            return None
        fixed, repaired = repair_text(value)
        if repaired:
            self(line, record, field, "not valid UTF-8; the bad bytes were read as Windows-1252", "warning")
        return fixed

    def time(self, value: object, line: int | None, record: str, field: str) -> float | None:
        """A timestamp; an unreadable one is reported (a warning) and left out."""
        try:
            return parse_time(value)
        except ValueError as exc:
            self(line, record, field, f"{exc}; the time is left out", "warning")
            return None

    def rating(self, parse: Callable[[object], Any], value: object, line: int | None, record: str, field: str) -> Any:
        try:
            return parse(value)
        except ValueError as exc:
            self(line, record, field, f"{exc}; left out", "warning")
            return None


def finish(
    report: Reporter,
    record: str,
    line: int | None,
    messages: Iterable[Message],
    **fields: Any,
) -> Conversation | None:
    """Build a conversation: drop (and report) empty turns, order turns by time, cap the length.

    Returns ``None`` (reported) when no turn has text.
    """
    kept: list[Message] = []
    for m in messages:
        if not m.text.strip():
            report(
                m.line if m.line is not None else line, record, f"message {m.id}".strip(), "empty text; message skipped"
            )
            continue
        kept.append(m)
    if not kept:
        report(line, record, "messages", "no message with text; conversation skipped")
        return None
    if len(kept) > MAX_MESSAGES:
        report(line, record, "messages", f"{len(kept)} messages, over {MAX_MESSAGES}; the turns after it are skipped")
        kept = kept[:MAX_MESSAGES]
    if all(m.timestamp is not None for m in kept):
        kept.sort(key=lambda m: m.timestamp or 0.0)
    created = fields.pop("created_at", None)
    if created is None:
        created = next((m.timestamp for m in kept if m.timestamp is not None), None)
    return Conversation(messages=tuple(kept), line=line, created_at=created, **fields)


def obj(value: object) -> dict[str, Any]:
    """``value`` if it is a JSON object, else an empty one."""
    return value if isinstance(value, dict) else {}


def as_str(value: object) -> str:
    """An id or name as text ("" for ``None``)."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
