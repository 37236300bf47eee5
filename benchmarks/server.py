"""``attune serve`` under load, and the live coach's keystroke-to-update time in a real browser.

Run by hand from the repository root with the server and test extras installed
(``pip install -e '.[server,test]'``, and Debian's ``chromium`` for the browser part)::

    python benchmarks/server.py                      # 30 s per workload, 50 connections, + browser
    python benchmarks/server.py --seconds 10 --no-browser
    python benchmarks/server.py --json

What it does:

1. Starts ``attune serve`` in its own process on a free port with a fresh SQLite database, and
   creates an API key with ``attune keys create``.
2. **Load**: a closed-loop HTTP/1.1 client in this (separate) process keeps 50 keep-alive
   connections busy with ``POST /v1/assess`` for 30 s per workload, and reports requests/s,
   p50/p99 latency and errors (any non-200 or connection failure). Where the OS allows, the
   server is pinned to CPU 0 and the client to CPU 1, so they do not share a core.

   - ``coach``: what the live coach sends. 200 conversations from ``benchmarks/core.py``'s
     generator; for each, the reply as it grows word by word, judged against the customer's
     message (the message repeats, the reply never does).
   - ``distinct``: every request a new (customer, reply) pair, nothing repeated.
   - ``healthz``: ``GET /healthz``, the peer: the same server, stack and client doing no
     judging, so ``assess/healthz`` says what the judging costs over HTTP.
3. **Browser**: Playwright drives Debian's headless chromium on the live coach; it types 40
   bursts of 3-8 characters (35 ms apart, then a pause) and reads the page's own timing of each
   update: from the last keystroke to the verdict shown (``window.attuneTimings``), which
   includes the page's 40 ms debounce. Reports p50/p95/max.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import datetime as dt
import json
import os
import platform
import random
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from core import make_pairs

CONNECTIONS = 50
SECONDS = 30.0
RATE = 4.0  # an agent typing: the live coach sends about one assessment per 250 ms
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def server(workdir: Path, workers: int) -> Iterator[tuple[str, str, int]]:
    """A running ``attune serve``; yields (host, key, pid)."""
    # The core's settings (ATTUNE_TIER, ...) pass through; the server's own are the benchmark's.
    env = {k: v for k, v in os.environ.items() if k not in {"ATTUNE_DATABASE_URL", "ATTUNE_HOST", "ATTUNE_PORT"}}
    env["ATTUNE_DATABASE_URL"] = f"sqlite:///{workdir / 'bench.db'}"
    made = subprocess.run(
        [sys.executable, "-m", "attune.cli", "keys", "create", "--team", "bench", "--role", "lead", "--json"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    key = json.loads(made.stdout)["key"]
    port = free_port()
    cmd = [sys.executable, "-m", "attune.cli", "serve", "--port", str(port), "--log-level", "warning"]
    if workers > 1:
        cmd += ["--workers", str(workers)]
    with (workdir / "server.log").open("wb") as log:
        proc = subprocess.Popen(cmd, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
                break
            time.sleep(0.1)
        else:
            raise RuntimeError("server did not start: " + (workdir / "server.log").read_text())
        yield f"127.0.0.1:{port}", key, proc.pid
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def pin(pid: int, cpu: int) -> bool:
    try:
        if (os.cpu_count() or 1) < 2:
            return False
        os.sched_setaffinity(pid, {cpu})
        for child in Path(f"/proc/{pid}/task").iterdir():
            os.sched_setaffinity(int(child.name), {cpu})
        return True
    except (AttributeError, OSError):
        return False


# ------------------------------------------------------------------------------------ workloads


def coach_bodies(conversations: int = 200) -> list[bytes]:
    """Replies growing word by word against their customer's message, interleaved across conversations."""
    streams: list[list[bytes]] = []
    for p in make_pairs(conversations, seed=7):
        words = p.reply.split()
        streams.append(
            [
                json.dumps({"reply": " ".join(words[:i]), "customer": p.customer}).encode()
                for i in range(1, len(words) + 1)
            ]
        )
    out: list[bytes] = []
    while any(streams):
        for s in streams:
            if s:
                out.append(s.pop(0))
    return out


def distinct_bodies(n: int = 60_000) -> list[bytes]:
    return [json.dumps({"reply": p.reply, "customer": p.customer}).encode() for p in make_pairs(n, seed=11)]


@dataclass
class LoadResult:
    name: str
    seconds: float
    ok: int = 0
    errors: int = 0
    latencies: list[float] = field(default_factory=list)
    error_kinds: dict[str, int] = field(default_factory=dict)
    server_cpu: float = float("nan")

    def summary(self) -> dict[str, Any]:
        lat = sorted(self.latencies)
        return {
            "workload": self.name,
            "requests": self.ok + self.errors,
            "errors": self.errors,
            "error_kinds": self.error_kinds,
            "rps": round(self.ok / self.seconds, 1),
            "p50_ms": round(_pct(lat, 0.50), 2),
            "p99_ms": round(_pct(lat, 0.99), 2),
            "max_ms": round(lat[-1], 2) if lat else 0.0,
            "server_cpu_ms_per_request": round(1000 * self.server_cpu / max(1, self.ok + self.errors), 3),
        }


def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    return values[min(len(values) - 1, int(q * len(values)))]


async def _connection(
    host: str,
    requests: list[bytes],
    next_index: list[int],
    deadline: float,
    result: LoadResult,
    interval: float,
    offset: float,
) -> None:
    hostname, port = host.split(":")
    reader, writer = await asyncio.open_connection(hostname, int(port))
    scheduled = time.perf_counter() + offset
    try:
        while time.perf_counter() < deadline:
            i = next_index[0]
            next_index[0] = i + 1
            request = requests[i % len(requests)]
            if interval:
                # Open loop: the request is due at its scheduled time, whether or not the previous
                # answer came in time; latency counts from then (no coordinated omission).
                await asyncio.sleep(max(0.0, scheduled - time.perf_counter()))
                started = scheduled
                scheduled += interval
                if started >= deadline:
                    break
            else:
                started = time.perf_counter()
            try:
                writer.write(request)
                head = await reader.readuntil(b"\r\n\r\n")
                status = int(head[9:12])
                length = int(re.search(rb"(?i)content-length: *(\d+)", head).group(1))  # type: ignore[union-attr]
                await reader.readexactly(length)
            except Exception as exc:
                result.errors += 1
                result.error_kinds[type(exc).__name__] = result.error_kinds.get(type(exc).__name__, 0) + 1
                writer.close()
                reader, writer = await asyncio.open_connection(hostname, int(port))
                continue
            elapsed = (time.perf_counter() - started) * 1000
            if status == 200:
                result.ok += 1
                result.latencies.append(elapsed)
            else:
                result.errors += 1
                result.error_kinds[str(status)] = result.error_kinds.get(str(status), 0) + 1
    finally:
        writer.close()


def _stat(pid: int) -> list[str]:
    return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()


def cpu_seconds(pid: int) -> float:
    """CPU time (user + system) so far of process ``pid`` and its children (``--workers``)."""
    try:
        pids = [pid]
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                with contextlib.suppress(OSError, IndexError):
                    if int(_stat(int(entry.name))[1]) == pid:
                        pids.append(int(entry.name))
        ticks = 0
        for p in pids:
            with contextlib.suppress(OSError):
                fields = _stat(p)
                ticks += int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError, AttributeError):
        return float("nan")


def load(
    name: str,
    host: str,
    key: str,
    bodies: list[bytes] | None,
    seconds: float,
    connections: int,
    pid: int = 0,
    rate: float = 0.0,
) -> LoadResult:
    """Closed loop (``rate`` 0): each connection sends its next request as soon as the previous
    answer is in. Open loop: each connection sends ``rate`` requests per second on a fixed schedule."""
    if bodies is None:
        requests = [f"GET /healthz HTTP/1.1\r\nHost: {host}\r\n\r\n".encode()]
    else:
        head = (
            f"POST /v1/assess HTTP/1.1\r\nHost: {host}\r\nAuthorization: Bearer {key}\r\n"
            "Content-Type: application/json\r\nContent-Length: {n}\r\n\r\n"
        )
        requests = [head.replace("{n}", str(len(b))).encode() + b for b in bodies]
    # warm up: phrase banks, caches and connection setup are not counted
    warm = LoadResult(name, 2.0)
    asyncio.run(_run(host, requests[-200:], 2.0, 4, warm, 0.0))
    result = LoadResult(name, seconds)
    before = cpu_seconds(pid)
    asyncio.run(_run(host, requests, seconds, connections, result, rate))
    result.server_cpu = cpu_seconds(pid) - before
    return result


async def _run(
    host: str, requests: list[bytes], seconds: float, connections: int, result: LoadResult, rate: float
) -> None:
    deadline = time.perf_counter() + seconds
    index = [0]
    interval = 1.0 / rate if rate else 0.0
    rng = random.Random(3)
    await asyncio.gather(
        *(
            _connection(host, requests, index, deadline, result, interval, rng.uniform(0, interval))
            for _ in range(connections)
        )
    )


# -------------------------------------------------------------------------------------- browser


def browser_timings(host: str, key: str, bursts: int = 40) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    rng = random.Random(5)
    words = [
        "Hi",
        "Priya",
        "I",
        "can",
        "see",
        "why",
        "being",
        "charged",
        "twice",
        "is",
        "frustrating",
        "and",
        "I",
        "am",
        "sorry",
        "I",
        "have",
        "refunded",
        "the",
        "second",
        "charge",
        "myself",
        "and",
        "you",
        "will",
        "see",
        "it",
        "on",
        "your",
        "statement",
        "by",
        "Friday",
        "is",
        "there",
        "anything",
        "else",
        "I",
        "can",
        "help",
        "with",
    ]
    timings: list[float] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1280, "height": 1000})
        page.goto(f"http://{host}/login")
        page.fill("#key", key)
        page.press("#key", "Enter")
        page.wait_for_url("**/coach")
        page.fill("#reply", "")
        page.wait_for_timeout(500)
        page.focus("#reply")
        text = ""
        for i in range(bursts):
            chunk = (" " if text else "") + words[i % len(words)]
            chunk = chunk[: rng.randint(3, 8)] if len(chunk) > 8 else chunk
            before = page.evaluate("() => window.attuneTimings.length")
            page.keyboard.type(chunk, delay=35)
            text += chunk
            page.wait_for_function(
                "([n, t]) => window.attuneTimings.length > n && document.getElementById('highlight').textContent === t",
                arg=[before, text.strip()],
                timeout=10_000,
            )
            timings.append(page.evaluate("() => window.attuneTimings[window.attuneTimings.length - 1]"))
            page.wait_for_timeout(rng.randint(150, 400))  # a pause between bursts, as people type
        version = browser.version
        browser.close()
    timings.sort()
    return {
        "bursts": bursts,
        "p50_ms": round(statistics.median(timings), 1),
        "p95_ms": round(_pct(timings, 0.95), 1),
        "max_ms": round(timings[-1], 1),
        "chromium": version,
    }


# ----------------------------------------------------------------------------------------- main


def run(seconds: float, connections: int, browser: bool, workers: int, rate: float) -> dict[str, Any]:
    out: dict[str, Any] = {
        "command": "python benchmarks/server.py " + " ".join(sys.argv[1:]),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "cpus": os.cpu_count(),
        "cpu": _cpu_model(),
        "connections": connections,
        "seconds": seconds,
        "workers": workers,
        "open_loop_rate": rate,
        "load_average": " ".join(f"{x:.2f}" for x in os.getloadavg()),
        "tier": os.environ.get("ATTUNE_TIER", "default"),
    }
    with tempfile.TemporaryDirectory() as tmp, server(Path(tmp), workers) as (host, key, pid):
        pinned = workers == 1 and pin(pid, 0) and pin(os.getpid(), 1)
        out["pinned"] = "server CPU 0, client CPU 1" if pinned else "no"
        coach, distinct = coach_bodies(), distinct_bodies()
        results = [
            load("healthz (peer)", host, key, None, seconds, connections, pid),
            load("assess: coach", host, key, coach, seconds, connections, pid),
            load("assess: distinct", host, key, distinct, seconds, connections, pid),
        ]
        if rate:
            results += [
                load(f"coach @{rate:g}/s/conn", host, key, coach, seconds, connections, pid, rate),
                load(f"distinct @{rate:g}/s/conn", host, key, distinct, seconds, connections, pid, rate),
            ]
        out["load"] = [r.summary() for r in results]
        peer = results[0].ok / seconds
        for r in out["load"][1:]:
            r["ratio_to_peer"] = round(r["rps"] / peer, 3) if peer else None
        if browser:
            with contextlib.suppress(AttributeError, OSError):
                os.sched_setaffinity(os.getpid(), set(range(os.cpu_count() or 1)))
            out["browser"] = browser_timings(host, key)
    return out


def _cpu_model() -> str:
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    return platform.processor() or "unknown"


def print_report(r: dict[str, Any]) -> None:
    print("# attune serve: /v1/assess under load, and the live coach in a browser\n")
    for k in (
        "command",
        "date",
        "python",
        "cpu",
        "cpus",
        "pinned",
        "workers",
        "connections",
        "seconds",
        "open_loop_rate",
        "load_average",
        "tier",
    ):
        print(f"{k:<12}: {r[k]}")
    print()
    print("| workload             | requests/s | p50 ms | p99 ms | max ms | errors | server CPU ms/req | vs healthz |")
    print("|----------------------|-----------:|-------:|-------:|-------:|-------:|------------------:|-----------:|")
    for x in r["load"]:
        ratio = x.get("ratio_to_peer")
        print(
            f"| {x['workload']:<20} | {x['rps']:>10,.0f} | {x['p50_ms']:>6.1f} | {x['p99_ms']:>6.1f} | "
            f"{x['max_ms']:>6.1f} | {x['errors']:>6} | {x['server_cpu_ms_per_request']:>17.3f} | "
            f"{'' if ratio is None else f'{ratio:.3f}':>10} |"
        )
    if "browser" in r:
        b = r["browser"]
        print(
            f"\nlive coach, keystroke to update ({b['bursts']} bursts, chromium {b['chromium']}): "
            f"p50 {b['p50_ms']} ms, p95 {b['p95_ms']} ms, max {b['max_ms']} ms"
        )


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    ap.add_argument("--seconds", type=float, default=SECONDS, help="per workload (default 30)")
    ap.add_argument("--connections", type=int, default=CONNECTIONS, help="concurrent connections (default 50)")
    ap.add_argument("--workers", type=int, default=1, help="attune serve --workers (default 1)")
    ap.add_argument(
        "--rate",
        type=float,
        default=RATE,
        help="open-loop requests/s per connection for the paced runs; 0 skips them (default 4)",
    )
    ap.add_argument("--no-browser", action="store_true", help="skip the live coach measurement")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    args = ap.parse_args(argv)
    result = run(args.seconds, args.connections, not args.no_browser, args.workers, args.rate)
    if args.json:
        print(json.dumps(result, indent=2))
    else:
        print_report(result)


if __name__ == "__main__":
    main()
