"""The QA run: exports in, per-turn scores, scorecards and a report out.

:func:`run_qa` reads every export as a stream, scores chunks of conversations on an executor,
writes each result as it comes back (Parquet and CSV), feeds the scorecards, and at the end
writes ``summary.json`` and ``report.html``. Nothing is held but the chunks in flight and the
scorecards' accumulators.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from attune import __version__
from attune.errors import UsageError
from attune.qa.errors import require
from attune.qa.executors import DaskExecutor, Executor, InlineExecutor, LocalExecutor, cpu_count
from attune.qa.importers import Export, open_exports
from attune.qa.model import Conversation, Issue, IssueLog
from attune.qa.output import CONVERSATION_TYPES, PROMISE_TYPES, TURN_TYPES, TableWriter
from attune.qa.score import ConversationResult
from attune.qa.scorecard import Scorecards

Engine = Literal["local", "dask"]
#: Shapes a Dask worker can read from a partition file itself.
PARTITION_SHAPES = frozenset({"jsonl", "parquet", "csv"})
Progress = Callable[[int, int, int], None]  # bytes done, bytes total, conversations done


@dataclass(slots=True)
class QAOptions:
    """How to run: engine, workers, chunk size, period of trends, forced shape, report title."""

    engine: Engine = "local"
    workers: int | None = None
    scheduler: str | None = None
    chunk_size: int = 32
    period: str = "auto"
    shape: str | None = None
    title: str = "attune QA report"
    report: bool = True
    save: bool = False
    team: str = "default"


@dataclass(slots=True)
class QARun:
    """What a run wrote and the figures it found (``summary`` is ``summary.json``)."""

    out: Path
    summary: dict[str, Any]
    files: dict[str, Path] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "out": str(self.out),
            "files": {k: str(v) for k, v in self.files.items()},
            "run": self.summary["run"],
            "import": self.summary["import"],
            **({"save": self.summary["save"]} if "save" in self.summary else {}),
        }


def _executor(options: QAOptions) -> Executor:
    if options.engine == "dask":
        return DaskExecutor(options.scheduler, options.workers)
    if options.engine != "local":
        raise UsageError(f"unknown engine {options.engine!r}; use local or dask")
    workers = options.workers or cpu_count()
    return InlineExecutor() if workers == 1 else LocalExecutor(workers)


class _Reader:
    """Conversations of every export in order, duplicates reported, bytes read counted."""

    def __init__(self, exports: list[Export], log: IssueLog) -> None:
        self.exports = exports
        self.log = log
        self.seen: set[str] = set()
        self.done_bytes = 0
        self.position = 0
        self.read = 0
        self.stats: dict[str, dict[str, Any]] = {
            str(e.path): {"shape": e.shape, "bytes": e.size, "conversations": 0, "messages": 0} for e in exports
        }

    def first_time(self, conv_id: str, source: str, line: int | None) -> bool:
        if conv_id in self.seen:
            self.log.add(
                Issue(
                    source,
                    line,
                    f"conversation {conv_id}",
                    "id",
                    "the same id was read before; this copy is skipped",
                    "warning",
                )
            )
            return False
        self.seen.add(conv_id)
        return True

    def conversations(self) -> Iterator[tuple[Conversation, int]]:
        for export in self.exports:
            stats = self.stats[str(export.path)]

            def moved(pos: int) -> None:
                self.position = self.done_bytes + pos

            for conv in export.read(self.log.add, moved):
                if not self.first_time(conv.id, conv.source, conv.line):
                    continue
                stats["conversations"] += 1
                stats["messages"] += len(conv.messages)
                self.read += 1
                yield conv, self.position
            self.done_bytes += export.size
            self.position = self.done_bytes

    def chunks(self, size: int) -> Iterator[tuple[list[Conversation], int]]:
        chunk: list[Conversation] = []
        position = 0
        for conv, position in self.conversations():
            chunk.append(conv)
            if len(chunk) >= size:
                yield chunk, position
                chunk = []
        if chunk:
            yield chunk, self.position


def _split(chunks: Iterable[tuple[list[Conversation], int]], positions: list[int]) -> Iterator[list[Conversation]]:
    for chunk, position in chunks:
        positions.append(position)
        yield chunk


def run_qa(
    paths: list[Path],
    out: Path,
    options: QAOptions | None = None,
    progress: Progress | None = None,
) -> QARun:
    """Score every conversation of the exports at ``paths``; write tables and a report to ``out``.

    >>> import tempfile
    >>> from attune.qa.demo import demo_paths
    >>> run = run_qa(demo_paths()[:1], Path(tempfile.mkdtemp()), QAOptions(workers=1, report=False))
    >>> run.summary["import"]["conversations"] > 150
    True
    """
    options = options or QAOptions()
    require("pyarrow", "qa")
    if not paths:
        raise UsageError("give at least one export file (or --demo)")
    exports = open_exports([Path(p) for p in paths], options.shape)
    out.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    total = sum(e.size for e in exports)
    cards = Scorecards(period=options.period)
    saver = None
    if options.save:
        from attune.qa.save import Saver

        saver = Saver(options.team).open()
    files = {
        "turns_parquet": out / "turns.parquet",
        "turns_csv": out / "turns.csv",
        "conversations_parquet": out / "conversations.parquet",
        "conversations_csv": out / "conversations.csv",
        "promises_parquet": out / "promises.parquet",
        "promises_csv": out / "promises.csv",
        "issues_csv": out / "issues.csv",
        "summary_json": out / "summary.json",
    }
    with files["issues_csv"].open("w", encoding="utf-8", newline="") as sink:
        log = IssueLog(sink=sink)
        reader = _Reader(exports, log)
        executor = _executor(options)
        workers = executor.workers
        conversations_done = 0
        try:
            with (
                TableWriter(out, "turns", TURN_TYPES) as turns,
                TableWriter(out, "conversations", CONVERSATION_TYPES) as convs,
                TableWriter(out, "promises", PROMISE_TYPES) as promises,
            ):

                def take(result: ConversationResult) -> None:
                    for row in result.turns:
                        turns.write(row)
                    convs.write(result.summary)
                    for p in result.promises:
                        promises.write(p.to_dict())
                    log.extend(result.issues)
                    cards.add(result)
                    if saver is not None and result.stored is not None:
                        saver.save(result.summary, result.stored)

                for batch, position in _results(executor, exports, reader, options):
                    for result in batch:
                        take(result)
                    conversations_done += len(batch)
                    if progress is not None:
                        progress(position, total, conversations_done)
        finally:
            executor.close()
            if saver is not None:
                saver.close()
    if not files["issues_csv"].stat().st_size:
        files["issues_csv"].write_text("file,line,record,field,reason,severity\n", encoding="utf-8")
    elapsed = time.perf_counter() - started
    summary = cards.to_dict()
    scored = summary["overall"]["turns"]
    summary["run"] = {
        "attune": __version__,
        "title": options.title,
        "generated": dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "engine": options.engine,
        "workers": workers,
        "seconds": round(elapsed, 2),
        "turns_per_second": round(scored / elapsed, 1) if elapsed > 0 else None,
        "exports": [str(e.path) for e in exports],
    }
    summary["import"] = {
        "files": reader.stats,
        "conversations": reader.read,
        "messages": sum(s["messages"] for s in reader.stats.values()),
        "issues": log.total,
        "errors": log.errors,
        "warnings": log.warnings,
        "kinds": log.summary(),
        "first_issues": [i.to_dict() for i in log.kept[:200]],
    }
    if saver is not None:
        summary["save"] = saver.to_dict()
    files["summary_json"].write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")
    if options.report:
        from attune.qa.report import write_report

        files["report_html"] = write_report(summary, out / "report.html")
    return QARun(out, summary, files)


def _results(
    executor: Executor, exports: list[Export], reader: _Reader, options: QAOptions
) -> Iterator[tuple[list[ConversationResult], int]]:
    """Batches of results in input order, each with the bytes read when its chunk was cut."""
    if isinstance(executor, DaskExecutor) and all(e.shape in PARTITION_SHAPES for e in exports):
        # Partitions: each worker reads its own file; the driver only gathers the results.
        done = 0
        files = [(str(e.path), e.shape) for e in exports]
        for export, (results, issues) in zip(exports, executor.map_files(files, options.save), strict=True):
            reader.log.extend(issues)
            stats = reader.stats[str(export.path)]
            kept = [
                r
                for r in results
                if reader.first_time(r.summary["conversation_id"], r.summary["source"], r.summary["line"])
            ]
            stats["conversations"] += len(kept)
            stats["messages"] += sum(r.summary["messages"] for r in kept)
            reader.read += len(kept)
            done += export.size
            yield kept, done
        return
    positions: list[int] = []
    for batch in executor.map(_split(reader.chunks(options.chunk_size), positions), options.save):
        yield batch, positions.pop(0)
