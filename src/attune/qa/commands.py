"""The body of ``attune qa``: options in, a run with a Rich progress bar, a short summary out.

:mod:`attune.cli` stays a thin shell: it declares the options and calls :func:`run_command`,
and its one decorator turns errors into exit codes.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from rich.console import Console, Group, RenderableType
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from attune.errors import UsageError
from attune.qa.demo import demo_paths
from attune.qa.pipeline import QAOptions, QARun, run_qa
from attune.qa.report import duration, percent

DEMO_OUT = Path("attune-qa-demo")


def run_command(
    exports: list[Path],
    *,
    out: Path | None,
    demo: bool = False,
    engine: str = "local",
    workers: int | None = None,
    scheduler: str | None = None,
    shape: str | None = None,
    period: str = "auto",
    chunk_size: int = 32,
    title: str | None = None,
    save: bool = False,
    team: str = "default",
    as_json: bool = False,
    quiet: bool = False,
) -> QARun:
    """Run QA as the command line asks, printing progress to stderr and a summary to stdout."""
    if demo:
        if exports:
            raise UsageError("give export files or --demo, not both")
        exports = demo_paths()[:1]
        out = out or DEMO_OUT
        title = title or "attune QA report (demo data)"
    if not exports:
        raise UsageError("give at least one export file, or --demo for the packaged sample")
    if out is None:
        raise UsageError("give --out DIR, the folder for the report and the tables")
    if engine not in ("local", "dask"):
        raise UsageError(f"--engine must be local or dask, not {engine!r}")
    if scheduler and engine != "dask":
        raise UsageError("--scheduler needs --engine dask")
    if period not in ("auto", "day", "week", "month"):
        raise UsageError(f"--period must be auto, day, week or month, not {period!r}")
    if workers is not None and workers < 1:
        raise UsageError("--workers must be 1 or more")
    if chunk_size < 1:
        raise UsageError("--chunk-size must be 1 or more")
    options = QAOptions(
        engine=engine,  # type: ignore[arg-type]
        workers=workers,
        scheduler=scheduler,
        chunk_size=chunk_size,
        period=period,
        shape=shape,
        title=title or "attune QA report",
        save=save,
        team=team,
    )
    console = Console(stderr=True)
    with Progress(
        TextColumn("[bold]scoring"),
        BarColumn(),
        TaskProgressColumn(),
        MofNCompleteColumn(),
        TextColumn("bytes · {task.fields[conversations]} conversations"),
        TimeElapsedColumn(),
        TextColumn("ETA"),
        TimeRemainingColumn(),
        console=console,
        disable=quiet or as_json or not console.is_terminal,
        transient=False,
    ) as bar:
        task = bar.add_task("scoring", total=None, conversations=0)

        def progress(done: int, total: int, conversations: int) -> None:
            bar.update(task, completed=done, total=total, conversations=conversations)

        run = run_qa(exports, out, options, progress)
    if as_json:
        sys.stdout.write(json.dumps(run.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        Console(highlight=False).print(render_run(run), crop=False)
    return run


def render_run(run: QARun) -> RenderableType:
    """What a lead sees on the terminal after a run: key figures and where the files are."""
    s: dict[str, Any] = run.summary
    overall, conv, imp = s["overall"], s["conversations"], s["import"]
    figures = Table(show_header=False, box=None)
    figures.add_column(style="bold")
    figures.add_column()
    figures.add_row("conversations", f"{imp['conversations']:,} ({imp['messages']:,} messages)")
    figures.add_row("replies scored", f"{overall['turns']:,}, mean score {overall['mean_score'] or 0:.1f}")
    stances = overall["stances"]
    total = max(1, overall["turns"])
    figures.add_row("stances", ", ".join(f"{k} {100 * v / total:.0f}%" for k, v in stances.items()))
    figures.add_row("CSAT", f"{percent(conv['csat'])} of {conv['csat_responses']} ratings")
    figures.add_row("first response", f"median {duration(conv['median_first_response_seconds'])}")
    figures.add_row("promises kept", f"{percent(conv['promise_kept_rate'])} of {conv['promises']['total']}")
    flagged = [a for a, c in s["agents"].items() if c["fatigue"]["flag"]]
    figures.add_row("fatigue signal", ", ".join(flagged) or "none")
    style = "bold red" if imp["errors"] else "yellow" if imp["warnings"] else ""
    figures.add_row(
        "import issues",
        Text(f"{imp['issues']} ({imp['errors']} skipped, {imp['warnings']} repaired) in issues.csv", style=style),
    )
    run_info = s["run"]
    figures.add_row(
        "run",
        f"{run_info['engine']}, {run_info['workers']} workers, {run_info['seconds']} s, "
        f"{run_info['turns_per_second']} replies/s",
    )
    if "save" in s:
        saved = s["save"]
        figures.add_row(
            "saved",
            f"{saved['saved']} conversations to {saved['database']} (team {saved['team']}); "
            f"{saved['already_saved']} were there already",
        )
    report = run.files.get("report_html")
    where = Text.assemble(
        ("Report: ", "bold"), str(report or "(not written)"), "\n", ("Tables: ", "bold"), str(run.out)
    )
    return Group(figures, Text(), where)
