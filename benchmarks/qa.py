"""Throughput and peak memory of ``attune qa``: the local executor against a Dask local cluster.

Run by hand from the repository root (the test extra brings pyarrow, jinja2 and dask)::

    python benchmarks/qa.py                         # 10,000 and 100,000 conversations, 2 workers
    python benchmarks/qa.py --sizes 2000            # quicker
    python benchmarks/qa.py --sizes 2000 --json     # the same figures as JSON

For each size the script writes a synthetic export with :mod:`attune.qa.synth` (``long=True``:
about ten messages a conversation, so 100,000 conversations are about a million messages) as
partitioned JSONL, 1,000 conversations a file, the layout ``--engine dask`` reads. Then, in the
same run and on the same files, it runs the whole QA (import, scoring, Parquet and CSV, scorecards,
the HTML report) once with each engine, each in a fresh process: ``local`` (a process pool) and
``dask`` (a ``LocalCluster`` of worker processes, one thread each; workers read their partitions).
Both get the same number of workers (``--workers``, 2 by default).

Peak memory is sampled every 100 ms from ``/proc`` (Linux): the driver process alone, and the
driver with every process it started (workers, Dask's scheduler and nannies). The driver's peak
staying flat from 10k to 100k conversations is what shows that the pipeline streams.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

PARTITION = 1000


def write_partitions(folder: Path, conversations: int, seed: int) -> tuple[list[Path], int]:
    """Write ``conversations`` synthetic conversations as JSONL partitions; paths and messages."""
    from attune.qa import exports, synth

    folder.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    messages = 0
    stream = synth.conversations(conversations, seed=seed, days=90, long=True)
    for part in range(0, conversations, PARTITION):
        path = folder / f"part-{part // PARTITION:04d}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for _ in range(min(PARTITION, conversations - part)):
                conv = next(stream)
                messages += len(conv.messages)
                for row in exports.message_rows(conv):
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths, messages


def _rss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def _tree(root: int) -> list[int]:
    parents: dict[int, list[int]] = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", encoding="ascii", errors="replace") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        parents.setdefault(ppid, []).append(int(name))
    found, todo = [], [root]
    while todo:
        pid = todo.pop()
        found.append(pid)
        todo.extend(parents.get(pid, []))
    return found


class Sampler(threading.Thread):
    """Samples the RSS of a process and of its whole tree until stopped."""

    def __init__(self, pid: int, every: float = 0.1) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.every = every
        self.driver_kib = 0
        self.total_kib = 0
        self._halt = threading.Event()

    def run(self) -> None:
        while not self._halt.is_set():
            self.driver_kib = max(self.driver_kib, _rss_kib(self.pid))
            self.total_kib = max(self.total_kib, sum(_rss_kib(p) for p in _tree(self.pid)))
            self._halt.wait(self.every)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def run_one(engine: str, workers: int, out: Path, paths: list[Path]) -> dict[str, Any]:
    """One measured run, in this process (the child of :func:`measure`)."""
    from attune.qa.pipeline import QAOptions, run_qa

    started = time.perf_counter()
    result = run_qa(paths, out, QAOptions(engine=engine, workers=workers))  # type: ignore[arg-type]
    seconds = time.perf_counter() - started
    s = result.summary
    return {
        "seconds": round(seconds, 2),
        "conversations": s["import"]["conversations"],
        "messages": s["import"]["messages"],
        "replies": s["overall"]["turns"],
        "issues": s["import"]["issues"],
    }


def measure(engine: str, workers: int, out: Path, paths: list[Path]) -> dict[str, Any]:
    """Run :func:`run_one` in a fresh process and sample its memory."""
    load_before = os.getloadavg()[0]
    args = [sys.executable, __file__, "--run-one", engine, "--workers", str(workers), "--out", str(out)]
    child = subprocess.Popen([*args, *map(str, paths)], stdout=subprocess.PIPE, text=True)
    sampler = Sampler(child.pid)
    sampler.start()
    stdout, _ = child.communicate()
    sampler.stop()
    if child.returncode != 0:
        raise SystemExit(f"{engine} run failed with exit code {child.returncode}")
    figures: dict[str, Any] = json.loads(stdout.strip().splitlines()[-1])
    figures.update(
        engine=engine,
        workers=workers,
        peak_driver_mib=round(sampler.driver_kib / 1024, 1),
        peak_total_mib=round(sampler.total_kib / 1024, 1),
        conversations_per_s=round(figures["conversations"] / figures["seconds"], 1),
        messages_per_s=round(figures["messages"] / figures["seconds"], 1),
        replies_per_s=round(figures["replies"] / figures["seconds"], 1),
        # Other work on the machine slows a run down; the 1-minute load average says how much there was.
        load_before=round(load_before, 2),
        load_after=round(os.getloadavg()[0], 2),
    )
    return figures


def machine() -> dict[str, Any]:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="ascii", errors="replace") as f:
            cpu = next((line.split(":", 1)[1].strip() for line in f if line.startswith("model name")), cpu)
    except OSError:
        pass
    from importlib.metadata import version

    from attune.config import get_settings

    return {
        "tier": get_settings().tier,
        "date": dt.date.today().isoformat(),
        "python": platform.python_version(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "attune": version("attune"),
        "dask": version("dask"),
        "pyarrow": version("pyarrow"),
    }


def table(rows: list[dict[str, Any]]) -> str:
    head = (
        "| conversations | messages | engine | workers | wall s | conv/s | msg/s | replies/s "
        "| peak driver MiB | peak all processes MiB |"
    )
    lines = [head, "|" + "---|" * 10]
    for r in rows:
        lines.append(
            f"| {r['conversations']:,} | {r['messages']:,} | {r['engine']} | {r['workers']} | {r['seconds']:,} "
            f"| {r['conversations_per_s']:,} | {r['messages_per_s']:,} | {r['replies_per_s']:,} "
            f"| {r['peak_driver_mib']:,} | {r['peak_total_mib']:,} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="10000,100000", help="conversations per run, comma separated")
    parser.add_argument("--engines", default="local,dask")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--dir", type=Path, default=None, help="work folder (a temporary one by default)")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--run-one", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=None, help=argparse.SUPPRESS)
    parser.add_argument("paths", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.run_one:
        print(json.dumps(run_one(args.run_one, args.workers, args.out, args.paths)))
        return
    work = args.dir or Path(tempfile.mkdtemp(prefix="attune-qa-bench-"))
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        started = time.perf_counter()
        paths, messages = write_partitions(work / f"export-{size}", size, seed=size)
        written = time.perf_counter() - started
        megabytes = sum(p.stat().st_size for p in paths) / 1e6
        print(
            f"# {size:,} conversations, {messages:,} messages, {len(paths)} partitions, {megabytes:.0f} MB "
            f"(written in {written:.0f} s)",
            file=sys.stderr,
        )
        for engine in args.engines.split(","):
            figures = measure(engine, args.workers, work / f"out-{size}-{engine}", paths)
            figures["input_mb"] = round(megabytes, 1)
            rows.append(figures)
            print(json.dumps(figures), file=sys.stderr)
    if args.json:
        print(json.dumps({"machine": machine(), "rows": rows}, indent=2))
    else:
        print(json.dumps(machine()))
        print(table(rows))
        for size in sorted({r["conversations"] for r in rows}):
            by = {r["engine"]: r for r in rows if r["conversations"] == size}
            if "local" in by and "dask" in by:
                ratio = by["dask"]["seconds"] / by["local"]["seconds"]
                print(f"{size:,} conversations: dask/local wall time {ratio:.2f}")


if __name__ == "__main__":
    main()
