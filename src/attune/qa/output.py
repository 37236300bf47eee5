"""Tables out: the per-turn scores, conversations and promises, as Parquet and CSV side by side.

Rows are buffered and written a row group at a time, so memory stays flat. Times are UTC:
``timestamp[ms, UTC]`` in Parquet, ISO 8601 with ``Z`` in CSV.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path
from types import TracebackType
from typing import IO, Any

from attune.qa.score import TURN_COLUMNS
from attune.taxonomy import DIMENSIONS, STANCES

# Column types: "str", "int", "float", "bool", "time".
TURN_TYPES: dict[str, str] = {
    **dict.fromkeys(TURN_COLUMNS, "str"),
    "line": "int",
    "turn": "int",
    "timestamp": "time",
    "score": "float",
    **{f"p_{s}": "float" for s in STANCES},
    **{f"dim_{d}": "float" for d in DIMENSIONS},
    "customer_intensity": "float",
    "customer_negativity": "float",
    "escalation": "bool",
    "abuse": "bool",
    "response_seconds": "float",
    "promises": "int",
}
CONVERSATION_TYPES: dict[str, str] = {
    "conversation_id": "str",
    "source": "str",
    "line": "int",
    "channel": "str",
    "agent": "str",
    "agents": "str",
    "team": "str",
    "customer_id": "str",
    "subject": "str",
    "status": "str",
    "created_at": "time",
    "resolved_at": "time",
    "messages": "int",
    "customer_turns": "int",
    "agent_turns": "int",
    "bot_turns": "int",
    "notes": "int",
    "scored_turns": "int",
    "mean_score": "float",
    "min_score": "float",
    "first_response_seconds": "float",
    "resolution_seconds": "float",
    "start_emotion": "str",
    "start_negativity": "float",
    "end_emotion": "str",
    "end_negativity": "float",
    "arc": "str",
    "escalated": "bool",
    "abuse": "bool",
    "situations": "str",
    "repeat_contact_said": "bool",
    "promises": "int",
    "promises_kept": "int",
    "promises_broken": "int",
    "csat": "float",
    "nps": "int",
}
PROMISE_TYPES: dict[str, str] = {
    "conversation_id": "str",
    "turn": "int",
    "agent": "str",
    "text": "str",
    "due_phrase": "str",
    "made_at": "time",
    "due_at": "time",
    "status": "str",
}


def iso(ts: float | None) -> str:
    """``2024-03-04T10:00:00Z`` for epoch seconds; ``""`` for ``None``.

    >>> iso(1709546400.0)
    '2024-03-04T10:00:00Z'
    """
    if ts is None:
        return ""
    when = dt.datetime.fromtimestamp(ts, tz=dt.UTC)
    text = when.isoformat(timespec="milliseconds" if when.microsecond else "seconds")
    return text.replace("+00:00", "Z")


def _schema(types: dict[str, str]) -> Any:
    import pyarrow as pa

    kinds = {
        "str": pa.string(),
        "int": pa.int64(),
        "float": pa.float64(),
        "bool": pa.bool_(),
        "time": pa.timestamp("ms", tz="UTC"),
    }
    return pa.schema([(name, kinds[kind]) for name, kind in types.items()])


class TableWriter:
    """Writes rows of one table to ``NAME.parquet`` and ``NAME.csv`` in ``folder``."""

    def __init__(self, folder: Path, name: str, types: dict[str, str], batch: int = 5000) -> None:
        import pyarrow.parquet as pq

        self.types = types
        self.columns = list(types)
        self.schema = _schema(types)
        self.batch = batch
        self.rows = 0
        self._buffer: list[dict[str, Any]] = []
        self.parquet_path = folder / f"{name}.parquet"
        self.csv_path = folder / f"{name}.csv"
        self._parquet = pq.ParquetWriter(self.parquet_path, self.schema, compression="zstd")
        self._csv_file: IO[str] = self.csv_path.open("w", encoding="utf-8", newline="")
        self._csv = csv.writer(self._csv_file)
        self._csv.writerow(self.columns)

    def write(self, row: dict[str, Any]) -> None:
        self.rows += 1
        self._buffer.append(row)
        self._csv.writerow([_csv_value(row.get(c), self.types[c]) for c in self.columns])
        if len(self._buffer) >= self.batch:
            self.flush()

    def flush(self) -> None:
        import pyarrow as pa

        if not self._buffer:
            return
        arrays = []
        for name, kind in self.types.items():
            values = [r.get(name) for r in self._buffer]
            if kind == "time":
                values = [None if v is None else round(v * 1000) for v in values]
            arrays.append(pa.array(values, type=self.schema.field(name).type))
        self._parquet.write_table(pa.Table.from_arrays(arrays, schema=self.schema))
        self._buffer = []

    def close(self) -> None:
        self.flush()
        self._parquet.close()
        self._csv_file.close()

    def __enter__(self) -> TableWriter:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.close()


def _csv_value(value: Any, kind: str) -> Any:
    if value is None:
        return ""
    if kind == "time":
        return iso(value)
    if kind == "bool":
        return "true" if value else "false"
    return value


def read_table(path: Path) -> list[dict[str, Any]]:
    """All rows of a Parquet table as dicts (for tests and small reports)."""
    import pyarrow.parquet as pq

    rows: list[dict[str, Any]] = pq.read_table(path).to_pylist()
    return rows
