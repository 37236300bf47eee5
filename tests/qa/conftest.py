"""Fixtures of the batch QA tests: small exports of every shape, written into tmp_path."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from attune.qa import synth
from attune.qa.model import Conversation, Issue


def zendesk_ticket(tid: int, *, requester: int = 10, agent: int = 20) -> dict[str, Any]:
    return {
        "id": tid,
        "subject": f"ticket {tid}",
        "status": "solved",
        "requester_id": requester,
        "assignee_id": agent,
        "created_at": "2024-03-04T09:00:00Z",
        "via": {"channel": "email"},
        "satisfaction_rating": {"score": "good"},
        "comments": [
            {
                "id": tid * 10 + 1,
                "author_id": requester,
                "body": f"My order #{tid} is two weeks late and nobody answers!",
                "public": True,
                "created_at": "2024-03-04T09:00:00Z",
            },
            {
                "id": tid * 10 + 2,
                "author_id": agent,
                "body": "Hi Dana, I'm sorry it's late. I've asked the courier and I'll update you by Friday.",
                "public": True,
                "created_at": "2024-03-04T10:00:00Z",
            },
        ],
    }


@pytest.fixture
def write(tmp_path: Path) -> Callable[[str, str | bytes], Path]:
    """Write text or bytes to a file in tmp_path and return its path."""

    def _write(name: str, content: str | bytes) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        return path

    return _write


@pytest.fixture
def tickets_json() -> Callable[[list[dict[str, Any]]], str]:
    def _page(tickets: list[dict[str, Any]]) -> str:
        users = [{"id": 10, "name": "Dana", "role": "end-user"}, {"id": 20, "name": "Sam", "role": "agent"}]
        return json.dumps({"users": users, "tickets": tickets}, indent=2)

    return _page


@pytest.fixture(scope="session")
def sample() -> list[Conversation]:
    """Forty synthetic conversations (seed 3)."""
    return list(synth.conversations(40, seed=3, days=7))


def _read_all(reader: Callable[..., Any], path: Path) -> tuple[list[Conversation], list[Issue]]:
    issues: list[Issue] = []
    with path.open("rb") as raw:
        convs = list(reader(raw, str(path), issues.append))
    return convs, issues


@pytest.fixture
def read_all() -> Callable[[Callable[..., Any], Path], tuple[list[Conversation], list[Issue]]]:
    """Run an importer over a file: its conversations and its issues."""
    return _read_all


@pytest.fixture
def ticket() -> Callable[..., dict[str, Any]]:
    """A Zendesk ticket with a customer comment and an agent reply."""
    return zendesk_ticket
