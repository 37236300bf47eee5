"""Generic message rows, one message a row, as CSV, JSONL or Parquet.

Columns (names are case-insensitive; aliases in :data:`ALIASES`): ``conversation_id``, ``role``
(customer, agent, bot or note, with synonyms such as end-user or admin), ``text`` are required;
``author``, ``timestamp``, ``channel``, ``csat``, ``nps``, ``team``, ``customer_id``,
``customer_name``, ``subject``, ``status``, ``message_id`` are optional. The rows of one
conversation are expected together (sorted by conversation); a conversation whose rows come back
after others is read as a second part, ``ID~2``, with a warning.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import IO, Any

from attune.qa.errors import NotAnExportError
from attune.qa.importers.common import Reporter, as_str, channel_of, csat_of, finish, nps_of, role_of
from attune.qa.jsonstream import JsonRecords, repair_text, sniff_encoding
from attune.qa.model import Conversation, Issue, Message

SHAPE_CSV = "csv"
SHAPE_JSONL = "jsonl"
SHAPE_PARQUET = "parquet"
REQUIRED = ("conversation_id", "role", "text")
OPTIONAL = (
    "author",
    "timestamp",
    "channel",
    "csat",
    "nps",
    "team",
    "customer_id",
    "customer_name",
    "subject",
    "status",
    "message_id",
)
ALIASES = {
    "ticket_id": "conversation_id",
    "conversation": "conversation_id",
    "thread_id": "conversation_id",
    "body": "text",
    "message": "text",
    "content": "text",
    "sender": "author",
    "author_name": "author",
    "agent": "author",
    "created_at": "timestamp",
    "time": "timestamp",
    "date": "timestamp",
    "sender_role": "role",
    "author_role": "role",
    "satisfaction": "csat",
    "group": "team",
    "requester": "customer_name",
}
REPAIRED = "not valid UTF-8; the bad bytes were read as Windows-1252"
#: Longest CSV field accepted (the text limit of the core applies when scoring).
FIELD_LIMIT = 16 << 20


def column_name(name: str) -> str:
    """A header's canonical column name.

    >>> column_name(" Ticket ID"), column_name("Body")
    ('conversation_id', 'text')
    """
    key = name.strip().lower().replace(" ", "_").replace("-", "_").lstrip("\ufeff")
    return ALIASES.get(key, key)


def missing_columns(names: Iterable[str]) -> list[str]:
    found = {column_name(n) for n in names}
    return [c for c in REQUIRED if c not in found]


class _Grouper:
    """Turns consecutive rows of one conversation into a :class:`Conversation`."""

    def __init__(self, report: Reporter) -> None:
        self.report = report
        self.current: str | None = None
        self.base: str | None = None
        self.first_line: int | None = None
        self.rows: list[Message] = []
        self.fields: dict[str, Any] = {}
        self.parts: dict[str, int] = {}

    def add(self, row: Mapping[str, Any], line: int) -> Conversation | None:
        report = self.report
        cid = as_str(row.get("conversation_id"))
        record = f"row {line}"
        if not cid:
            report(line, record, "conversation_id", "empty; row skipped")
            return None
        done = None
        if cid != self.base:
            done = self.close()
            part = self.parts.get(cid, 0) + 1
            self.parts[cid] = part
            self.base = cid
            self.current = cid if part == 1 else f"{cid}~{part}"
            if part > 1:
                report(
                    line,
                    record,
                    "conversation_id",
                    f"conversation {cid} continues here after other conversations; read as part {self.current} "
                    "(sort the file by conversation_id to keep it whole)",
                    "warning",
                )
            self.first_line = line
        row = self._repaired(row, line, record)
        raw_role = row.get("role")
        role = role_of(raw_role)
        if role is None:
            report(line, record, "role", f"unknown role {raw_role!r} (use customer, agent, bot or note); row skipped")
            return done
        raw_text = row.get("text")
        if raw_text is None or (isinstance(raw_text, str) and not raw_text.strip()):
            report(line, record, "text", "empty; row skipped")
            return done
        text = report.text(raw_text, line, record, "text")
        if text is None:
            return done
        when = report.time(row.get("timestamp"), line, record, "timestamp")
        author = as_str(row.get("author")) or ("customer" if role == "customer" else role)
        self.rows.append(Message(role, text, author, when, as_str(row.get("message_id")), line))
        for key in ("channel", "team", "customer_id", "customer_name", "subject", "status"):
            value = as_str(row.get(key))
            if value and key not in self.fields:
                self.fields[key] = value
        for key, parse in (("csat", csat_of), ("nps", nps_of)):
            value = report.rating(parse, row.get(key), line, record, key)
            if value is not None:
                if key in self.fields and self.fields[key] != value:
                    report(
                        line,
                        record,
                        key,
                        f"differs from an earlier row ({self.fields[key]}); the last one is kept",
                        "warning",
                    )
                self.fields[key] = value
        return done

    def _repaired(self, row: Mapping[str, Any], line: int, record: str) -> Mapping[str, Any]:
        """The row with bytes that were not UTF-8 read as Windows-1252, one warning per field."""
        fixed: dict[str, Any] | None = None
        for key, value in row.items():
            if isinstance(value, str):
                text, changed = repair_text(value)
                if changed:
                    fixed = fixed if fixed is not None else dict(row)
                    fixed[key] = text
                    self.report(line, record, key, REPAIRED, "warning")
        return row if fixed is None else fixed

    def close(self) -> Conversation | None:
        if self.current is None:
            return None
        f, self.fields = self.fields, {}
        rows, self.rows = self.rows, []
        cid, self.current = self.current, None
        if not rows:
            return None  # every row was reported already
        agents = [m.author for m in rows if m.role == "agent"]
        return finish(
            self.report,
            f"conversation {cid}",
            self.first_line,
            rows,
            id=cid,
            source=self.report.file,
            channel=channel_of(f.get("channel")),
            customer_id=f.get("customer_id", ""),
            customer_name=f.get("customer_name"),
            agent=agents[-1] if agents else "",
            team=f.get("team", ""),
            subject=f.get("subject", ""),
            status=f.get("status", "").lower(),
            csat=f.get("csat"),
            nps=f.get("nps"),
        )


def _rows_to_conversations(rows: Iterable[tuple[int, Mapping[str, Any]]], report: Reporter) -> Iterator[Conversation]:
    grouper = _Grouper(report)
    for line, row in rows:
        done = grouper.add(row, line)
        if done is not None:
            yield done
    last = grouper.close()
    if last is not None:
        yield last


# ------------------------------------------------------------------------------------ CSV


def read_csv(raw: IO[bytes], name: str, on_issue: Callable[[Issue], None]) -> Iterator[Conversation]:
    """Conversations of a CSV of message rows (comma, semicolon or tab separated)."""
    report = Reporter(name, on_issue)
    head = raw.read(4)
    encoding, skip = sniff_encoding(head)
    raw.seek(skip)
    text = io.TextIOWrapper(raw, encoding=encoding, errors="surrogateescape", newline="")
    first = text.readline()
    delimiter = max(",;\t", key=first.count)
    header = next(csv.reader([first], delimiter=delimiter), [])
    missing = missing_columns(header)
    if missing:
        raise NotAnExportError(
            f"{name} is not a message export: its header lacks {', '.join(missing)} "
            f"(found: {', '.join(h.strip() for h in header[:12]) or 'nothing'}); "
            "a CSV needs the columns conversation_id, role and text"
        )
    columns = [column_name(h) for h in header]
    yield from _rows_to_conversations(_csv_rows(text, columns, delimiter, report), report)


def _csv_rows(
    text: IO[str], columns: list[str], delimiter: str, report: Reporter
) -> Iterator[tuple[int, dict[str, Any]]]:
    csv.field_size_limit(FIELD_LIMIT)
    reader = csv.reader(text, delimiter=delimiter)
    previous = 1  # the header was line 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            line = previous + 1
            previous = reader.line_num + 1
            report(line, f"row {line}", "(csv)", f"unreadable row: {exc}; row skipped")
            continue
        line = previous + 1
        end = reader.line_num + 1
        previous = end
        if not values or values == [""]:
            continue
        record = f"row {line}"
        if end - line > 50:
            report(
                line,
                record,
                "(csv)",
                f"this row spans lines {line}-{end}: a quote may be unclosed, so rows inside it were read as its text",
                "warning",
            )
        if len(values) > len(columns):
            report(
                line,
                record,
                "(csv)",
                f"{len(values)} fields, the header has {len(columns)} "
                "(an unquoted delimiter in the text?); row skipped",
            )
            continue
        row = dict(zip(columns, values, strict=False))
        if len(values) < len(columns):
            lacking = [c for c in REQUIRED if not row.get(c)]
            if lacking:
                report(line, record, lacking[0], f"{len(values)} fields, the header has {len(columns)}; row skipped")
                continue
            report(line, record, "(csv)", f"{len(values)} fields of {len(columns)}; the rest are left empty", "warning")
        yield line, row


# ----------------------------------------------------------------------------------- JSONL


def _is_row(value: Any) -> bool:
    return isinstance(value, dict)


def read_jsonl(raw: IO[bytes], name: str, on_issue: Callable[[Issue], None]) -> Iterator[Conversation]:
    """Conversations of a JSONL of message rows, one JSON object a line."""
    report = Reporter(name, on_issue)
    records = JsonRecords(raw, name, keys=(), is_record=_is_row, on_issue=on_issue, what="message row")

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        for rec in records:
            row = {column_name(k): v for k, v in rec.value.items()}
            lacking = [c for c in REQUIRED if c not in row]
            if lacking:
                report(rec.line, f"row {rec.line}", lacking[0], "missing; row skipped")
                continue
            yield rec.line, row

    yield from _rows_to_conversations(rows(), report)


# --------------------------------------------------------------------------------- Parquet


def read_parquet(raw: IO[bytes], name: str, on_issue: Callable[[Issue], None]) -> Iterator[Conversation]:
    """Conversations of a Parquet file of message rows (``line`` is the row number, from 1)."""
    import pyarrow.parquet as pq

    report = Reporter(name, on_issue)
    try:
        pf = pq.ParquetFile(raw)
    except Exception as exc:
        raise NotAnExportError(f"{name} is not a readable Parquet file: {exc}") from None
    columns = [column_name(c) for c in pf.schema_arrow.names]
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        raise NotAnExportError(f"{name} is not a message export: it lacks the columns {', '.join(missing)}")

    def rows() -> Iterator[tuple[int, dict[str, Any]]]:
        line = 0
        for batch in pf.iter_batches(batch_size=4096):
            for values in batch.to_pylist():
                line += 1
                row = {column_name(k): _plain(v) for k, v in values.items()}
                yield line, row

    yield from _rows_to_conversations(rows(), report)


def _plain(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return (value if value.tzinfo else value.replace(tzinfo=dt.UTC)).timestamp()
    return value
