"""Fixtures of the server tests: databases (SQLite always, PostgreSQL when configured) and live servers.

PostgreSQL runs when ``ATTUNE_TEST_POSTGRES_URL`` names an empty-able database (``.ci/run`` starts
one and sets it); the tests drop and recreate its ``public`` schema.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

pytest.importorskip("fastapi", reason="needs the server extra: pip install -e '.[server,test]'")

from sqlalchemy import create_engine, text

from attune.store import Store, make_engine, upgrade

POSTGRES_URL = os.environ.get("ATTUNE_TEST_POSTGRES_URL", "")
ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "artifacts"

BACKENDS = [
    pytest.param("sqlite", id="sqlite"),
    pytest.param(
        "postgres",
        id="postgres",
        marks=[
            pytest.mark.postgres,
            pytest.mark.skipif(not POSTGRES_URL, reason="set ATTUNE_TEST_POSTGRES_URL (.ci/run does)"),
        ],
    ),
]


def reset_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


def fresh_database_url(backend: str, tmp_path: Path) -> str:
    if backend == "postgres":
        reset_postgres(POSTGRES_URL)
        return POSTGRES_URL
    return f"sqlite:///{tmp_path / 'attune.db'}"


@pytest.fixture(params=BACKENDS)
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """A URL of an empty database, once per backend."""
    return fresh_database_url(request.param, tmp_path)


@pytest.fixture
def store(database_url: str) -> Iterator[Store]:
    """A migrated, empty store."""
    engine = make_engine(database_url)
    upgrade(engine)
    yield Store(engine)
    engine.dispose()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_ready(base: str, proc: subprocess.Popen[bytes] | None = None, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.1)
    raise TimeoutError(f"server at {base} not ready after {timeout} s")


def attune_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "attune.cli", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@dataclass
class LiveServer:
    """A running ``attune serve`` in its own process, with a key per (team, role) made on demand."""

    base: str
    env: dict[str, str]
    proc: subprocess.Popen[bytes]
    log: Path
    keys: dict[tuple[str, str], str] = field(default_factory=dict)

    def key(self, team: str = "acme", role: str = "agent") -> str:
        if (team, role) not in self.keys:
            done = attune_cli("keys", "create", "--team", team, "--role", role, "--json", env=self.env)
            assert done.returncode == 0, done.stderr
            self.keys[team, role] = json.loads(done.stdout)["key"]
        return self.keys[team, role]

    def client(self, team: str = "acme", role: str = "agent") -> httpx.Client:
        return httpx.Client(base_url=self.base, headers={"Authorization": f"Bearer {self.key(team, role)}"}, timeout=30)


def server_env(database_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ATTUNE_")}
    env.update({"ATTUNE_DATABASE_URL": database_url, "PYTHONUNBUFFERED": "1", **extra})
    return env


def start_server(database_url: str, tmp_path: Path, *args: str, **extra_env: str) -> LiveServer:
    port = free_port()
    env = server_env(database_url, **extra_env)
    log = tmp_path / f"server-{port}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "attune.cli", "serve", "--host", "127.0.0.1", "--port", str(port), *args],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            cwd=tmp_path,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_ready(base, proc)
    except Exception:
        proc.kill()
        raise RuntimeError(log.read_text(encoding="utf-8", errors="replace")) from None
    return LiveServer(base, env, proc, log)


def stop_server(server: LiveServer) -> None:
    server.proc.terminate()
    try:
        server.proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.proc.kill()
        server.proc.wait()


@pytest.fixture(scope="module", params=BACKENDS)
def live(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """``attune serve`` in a subprocess on a free port, once per backend per test module."""
    tmp = tmp_path_factory.mktemp("live")
    server = start_server(fresh_database_url(request.param, tmp), tmp)
    yield server
    stop_server(server)


class ThreadServer:
    """A real Uvicorn server in a thread of this process, for tests that inject a test double."""

    def __init__(self, app: Any) -> None:
        import uvicorn

        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        config = uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning", lifespan="on")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> ThreadServer:
        self.thread.start()
        wait_ready(self.base)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)
