"""The core endpoints' fast path (``attune.server.fast``) answers exactly as the FastAPI routes do."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import fastapi.routing
import httpx
import pytest
from fastapi import FastAPI

from attune.config import Settings
from attune.server.app import create_app
from attune.store import Store, make_engine, upgrade

CUSTOMER = "Hi, I was charged twice for March and nobody answered my emails. Priya"
REPLY = "Hi Priya, I'm sorry about the double charge. I've refunded it and you'll see it by Friday."

CALLS: list[tuple[str, dict[str, Any]]] = [
    ("/v1/analyze", {"text": CUSTOMER}),
    ("/v1/assess", {"reply": REPLY, "customer": CUSTOMER, "agent_name": "Sam"}),
    ("/v1/suggest", {"customer": CUSTOMER, "reply": "Sorry for the inconvenience.", "n": 2}),
    ("/v1/rewrite", {"reply": "Sorry for the inconvenience. That's our policy.", "customer": CUSTOMER}),
    ("/v1/draft", {"customer": CUSTOMER, "agent_name": "Sam", "facts": {"when": "Friday"}}),
]


@pytest.fixture
def app_and_key(tmp_path: Path) -> Iterator[tuple[FastAPI, str]]:
    settings = Settings(database_url=f"sqlite:///{tmp_path / 'fast.db'}")
    engine = make_engine(settings.database_url)
    upgrade(engine)
    store = Store(engine)
    key, _ = store.create_key("acme", "agent", "test")
    yield create_app(settings, store=store), key
    engine.dispose()


class Routed:
    """Counts the calls that reach a FastAPI route (its dependencies are solved once per call)."""

    def __enter__(self) -> Routed:
        self._patch = mock.patch.object(fastapi.routing, "solve_dependencies", wraps=fastapi.routing.solve_dependencies)
        self.spy = self._patch.__enter__()
        return self

    def __exit__(self, *exc: object) -> None:
        self._patch.__exit__(None, None, None)

    @property
    def count(self) -> int:
        return int(self.spy.await_count)


def _post(app: FastAPI, key: str | None, path: str, body: bytes, *, chunked: bool = False) -> httpx.Response:
    async def chunks() -> AsyncIterator[bytes]:
        yield body

    async def post() -> httpx.Response:
        headers = {"Content-Type": "application/json"}
        if key is not None:
            headers["Authorization"] = f"Bearer {key}"
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as client:
            return await client.post(path, content=chunks() if chunked else body, headers=headers)

    return asyncio.run(post())


@pytest.mark.parametrize(("path", "body"), CALLS, ids=[p for p, _ in CALLS])
def test_a_core_call_skips_the_route_and_answers_the_same_bytes(
    app_and_key: tuple[FastAPI, str], path: str, body: dict[str, Any]
) -> None:
    app, key = app_and_key
    data = json.dumps(body).encode()
    with Routed() as routed:
        fast = _post(app, key, path, data)
        assert routed.count == 0
        # without a Content-Length the fast path steps aside: the FastAPI route answers
        slow = _post(app, key, path, data, chunked=True)
        assert routed.count == 1
    assert fast.status_code == slow.status_code == 200, fast.text
    assert fast.content == slow.content
    assert fast.headers["content-type"] == slow.headers["content-type"] == "application/json"


@pytest.mark.parametrize(
    ("key", "body", "status", "code"),
    [
        (None, {"reply": REPLY}, 401, "E401"),
        ("att_wrong", {"reply": REPLY}, 401, "E401"),
        ("good", {"reply": ""}, 422, "E422"),
        ("good", {"reply": "ok", "extra": 1}, 422, "E422"),
        ("good", {"reply": "   "}, 422, "E101"),
        ("good", {"reply": "x" * 30_000}, 422, "E102"),
    ],
)
def test_what_the_fast_path_cannot_serve_goes_to_the_route_with_its_body(
    app_and_key: tuple[FastAPI, str], key: str | None, body: dict[str, Any], status: int, code: str
) -> None:
    app, good = app_and_key
    with Routed() as routed:
        got = _post(app, good if key == "good" else key, "/v1/assess", json.dumps(body).encode())
        assert routed.count == 1
    assert got.status_code == status
    assert got.json()["error"]["code"] == code
