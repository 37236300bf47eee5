"""The conversation model every importer produces, and the per-row issues of an import.

Timestamps are seconds since the epoch in UTC (``float``), or ``None`` when the export has none;
a timestamp without a zone is read as UTC.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO, Any, Literal

Role = Literal["customer", "agent", "bot", "note"]
Severity = Literal["error", "warning"]

ROLES: tuple[Role, ...] = ("customer", "agent", "bot", "note")
CHANNELS = ("email", "chat", "web", "phone", "social", "api", "other")


@dataclass(frozen=True, slots=True)
class Message:
    """One turn of a conversation.

    ``role`` ``agent`` turns are scored; ``customer`` turns give the context and the arc;
    ``bot`` and ``note`` (internal notes) are kept and counted but neither scored nor shown to
    the customer. ``line`` is where the message starts in its file (``None`` when unknown).
    """

    role: Role
    text: str
    author: str = ""
    timestamp: float | None = None
    id: str = ""
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Conversation:
    """A ticket or chat: its messages in order and what the export says about it.

    ``csat`` is normalised to 0..1 (``good`` 1, ``bad`` 0, a 1..5 rating ``(r - 1) / 4``);
    ``nps`` is 0..10. ``resolved_at`` comes from the export; ``status`` is the export's word.
    """

    id: str
    source: str
    messages: tuple[Message, ...]
    channel: str = "other"
    customer_id: str = ""
    customer_name: str | None = None
    agent: str = ""
    team: str = ""
    subject: str = ""
    created_at: float | None = None
    resolved_at: float | None = None
    status: str = ""
    csat: float | None = None
    nps: int | None = None
    line: int | None = None
    tags: tuple[str, ...] = ()

    @property
    def agents(self) -> list[str]:
        """Authors of agent turns, in order of first appearance."""
        return list(dict.fromkeys(m.author for m in self.messages if m.role == "agent"))


@dataclass(frozen=True, slots=True)
class Issue:
    """A problem with one row, record or field of an export, or with one turn when scoring.

    ``severity`` ``error``: what ``record`` names was skipped (``reason`` says so);
    ``warning``: it was kept, repaired as ``reason`` says.
    """

    file: str
    line: int | None
    record: str
    field: str
    reason: str
    severity: Severity = "error"

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line is not None else self.file
        return f"{where} {self.record} -> {self.field}: {self.reason} ({self.severity})"


ISSUE_FIELDS = ("file", "line", "record", "field", "reason", "severity")


@dataclass(slots=True)
class IssueLog:
    """Collects issues: counts them all, keeps the first ``keep`` and streams all to ``sink``.

    Memory stays flat however many rows are bad; the CSV written to ``sink`` has every issue.
    """

    keep: int = 1000
    sink: IO[str] | None = None
    kept: list[Issue] = field(default_factory=list)
    counts: Counter[tuple[str, str]] = field(default_factory=Counter)
    total: int = 0
    _writer: Any = None

    def add(self, issue: Issue) -> None:
        self.total += 1
        self.counts[(issue.severity, _kind(issue.reason))] += 1
        if len(self.kept) < self.keep:
            self.kept.append(issue)
        if self.sink is not None:
            if self._writer is None:
                self._writer = csv.writer(self.sink)
                self._writer.writerow(ISSUE_FIELDS)
            self._writer.writerow(["" if v is None else v for v in (getattr(issue, f) for f in ISSUE_FIELDS)])

    def extend(self, issues: Iterator[Issue] | list[Issue] | tuple[Issue, ...]) -> None:
        for issue in issues:
            self.add(issue)

    @property
    def errors(self) -> int:
        return sum(n for (sev, _), n in self.counts.items() if sev == "error")

    @property
    def warnings(self) -> int:
        return sum(n for (sev, _), n in self.counts.items() if sev == "warning")

    def summary(self) -> list[dict[str, Any]]:
        """One row per kind of issue, most frequent first."""
        return [
            {"severity": sev, "kind": kind, "count": n}
            for (sev, kind), n in sorted(self.counts.items(), key=lambda kv: (-kv[1], kv[0]))
        ]


def _kind(reason: str) -> str:
    """The stable part of a reason, for the summary: the text before the first ``;`` or ``:``."""
    for sep in (";", ":", " ("):
        reason = reason.split(sep, 1)[0]
    return reason.strip()


@dataclass(slots=True)
class ImportStats:
    """What was read from each file, for the summary next to the issues."""

    files: dict[str, dict[str, Any]] = field(default_factory=dict)

    def file(self, path: str | Path, shape: str) -> dict[str, Any]:
        entry = self.files.setdefault(
            str(path), {"shape": shape, "conversations": 0, "messages": 0, "skipped_records": 0}
        )
        entry["shape"] = shape
        return entry
