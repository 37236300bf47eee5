"""Helpdesk webhooks on a real Uvicorn server, with the outbound helpdesk client as a test double."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import pytest

from attune.config import Settings
from attune.server.app import create_app
from attune.server.helpdesk import HttpHelpdesk, Note, RecordingHelpdesk
from attune.server.webhooks import Provider, sign
from attune.store import Store, make_engine, upgrade

from .conftest import ThreadServer

SECRET = "whsec-test-1234"
CUSTOMER = "My order #5521 is two weeks late and nobody answers. I'm really frustrated! Write me at jo@example.com"
AGENT = "Sorry for the inconvenience. That's our policy."


def zendesk(comment_id: str, body: str, staff: bool) -> dict[str, Any]:
    return {
        "type": "zen:event-type:ticket.comment_added",
        "account_id": 1,
        "id": f"evt-{comment_id}",
        "time": "2024-05-01T10:00:00Z",
        "zendesk_event_version": "2022-11-06",
        "subject": "zen:ticket:881",
        "detail": {"id": "881", "subject": "Late order", "requester_id": "77", "via": {"channel": "email"}},
        "event": {
            "comment": {
                "id": comment_id,
                "body": body,
                "is_public": True,
                "author": {"id": "5" if staff else "77", "is_staff": staff, "name": "Sam" if staff else "Jo"},
            }
        },
    }


def freshdesk(comment_id: str, body: str, staff: bool) -> dict[str, Any]:
    return {
        "freshdesk_webhook": {
            "ticket_id": 42,
            "ticket_subject": "Late order",
            "ticket_requester_name": "Jo",
            "ticket_contact_id": 9,
            "ticket_source": "Email",
            "ticket_latest_public_comment": f"<div>{body}</div>",
            "comment_id": comment_id,
            "comment_author_type": "agent" if staff else "requester",
            "comment_author_name": "Sam" if staff else "Jo",
        }
    }


def intercom(comment_id: str, body: str, staff: bool) -> dict[str, Any]:
    author = {"type": "admin", "id": "814", "name": "Sam"} if staff else {"type": "user", "id": "u1", "name": "Jo"}
    return {
        "type": "notification_event",
        "id": f"notif_{comment_id}",
        "topic": "conversation.admin.replied" if staff else "conversation.user.replied",
        "data": {
            "type": "notification_event_data",
            "item": {
                "type": "conversation",
                "id": "215",
                "source": {"type": "conversation", "subject": "", "body": "<p>Hi</p>", "author": author},
                "contacts": {"type": "contact.list", "contacts": [{"type": "contact", "id": "u1"}]},
                "conversation_parts": {
                    "type": "conversation_part.list",
                    "conversation_parts": [
                        {
                            "type": "conversation_part",
                            "id": comment_id,
                            "part_type": "comment",
                            "body": f"<p>{body}</p>",
                            "author": author,
                        }
                    ],
                },
            },
        },
    }


PAYLOADS = {"zendesk": zendesk, "freshdesk": freshdesk, "intercom": intercom}


class Desk:
    def __init__(self, server: ThreadServer, helpdesk: RecordingHelpdesk, store: Store) -> None:
        self.server, self.helpdesk, self.store = server, helpdesk, store

    def deliver(self, provider: Provider, payload: dict[str, Any], *, secret: str = SECRET) -> httpx.Response:
        body = json.dumps(payload).encode()
        headers = {"Content-Type": "application/json", **sign(provider, secret, body)}
        return httpx.post(f"{self.server.base}/v1/webhooks/{provider}", content=body, headers=headers, timeout=30)


@pytest.fixture
def desk(database_url: str) -> Iterator[Desk]:
    engine = make_engine(database_url)
    upgrade(engine)
    store = Store(engine)
    helpdesk = RecordingHelpdesk()
    settings = Settings(database_url=database_url, webhook_secret=SECRET, webhook_team="support")
    with ThreadServer(create_app(settings, store=store, helpdesk=helpdesk)) as server:
        yield Desk(server, helpdesk, store)


@pytest.mark.parametrize("provider", ["zendesk", "freshdesk", "intercom"])
def test_a_delivery_is_stored_judged_and_the_assessment_posted_back_once(desk: Desk, provider: Provider) -> None:
    make = PAYLOADS[provider]
    first = desk.deliver(provider, make("c1", CUSTOMER, False))
    assert first.status_code == 200, first.text
    assert first.json()["status"] == "stored" and first.json()["posted_note"] is False
    reply = desk.deliver(provider, make("c2", AGENT, True))
    assert reply.json()["status"] == "stored" and reply.json()["posted_note"] is True
    again = desk.deliver(provider, make("c2", AGENT, True))
    assert again.json() == {**again.json(), "status": "duplicate", "posted_note": False}
    assert len(desk.helpdesk.notes) == 1
    note = desk.helpdesk.notes[0]
    assert note.provider == provider and note.ticket_id in {"881", "42", "215"}
    if provider == "intercom":
        assert note.author_id == "814"

    team = desk.store.team_id("support")
    assert team is not None
    conv = desk.store.get_conversation(team, first.json()["conversation_id"])
    assert conv is not None and conv.source == provider
    assert [m.role for m in conv.messages] == ["customer", "agent"]
    assert conv.messages[0].analysis is not None and "jo@example.com" not in conv.messages[0].text
    assessment = conv.messages[1].assessment
    assert assessment is not None and assessment["stance"] in {"sympathy", "apathy"}
    assert note.body.startswith(f"attune: {assessment['stance']} reply, empathy score {assessment['score']:.0f}/100")


def test_concurrent_repeats_of_one_delivery_store_it_once(desk: Desk) -> None:
    payload = zendesk("c9", CUSTOMER, False)
    with ThreadPoolExecutor(6) as pool:
        results = list(pool.map(lambda _: desk.deliver("zendesk", payload).json()["status"], range(6)))
    assert results.count("stored") == 1 and results.count("duplicate") == 5
    team = desk.store.team_id("support")
    assert team is not None
    conv = desk.store.find_conversation(team, "zendesk", "881")
    assert conv is not None
    record = desk.store.get_conversation(team, conv)
    assert record is not None and len(record.messages) == 1


@pytest.mark.parametrize("provider", ["zendesk", "freshdesk", "intercom"])
def test_a_wrong_signature_is_refused(desk: Desk, provider: Provider) -> None:
    got = desk.deliver(provider, PAYLOADS[provider]("c1", CUSTOMER, False), secret="not-the-secret")
    assert got.status_code == 401 and got.json()["error"]["code"] == "E401"
    unsigned = httpx.post(f"{desk.server.base}/v1/webhooks/{provider}", json={})
    assert unsigned.status_code == 401


def test_freshdesk_may_send_the_secret_in_a_custom_header(desk: Desk) -> None:
    got = httpx.post(
        f"{desk.server.base}/v1/webhooks/freshdesk",
        json=freshdesk("c1", CUSTOMER, False),
        headers={"X-Attune-Secret": SECRET},
    )
    assert got.json()["status"] == "stored"


def test_events_without_a_comment_are_ignored(desk: Desk) -> None:
    got = desk.deliver("zendesk", {"type": "zen:event-type:ticket.status_changed", "detail": {"id": "1"}})
    assert got.json()["status"] == "ignored"


def test_a_failing_helpdesk_does_not_lose_the_message(desk: Desk) -> None:
    desk.helpdesk.fail = True
    desk.deliver("zendesk", zendesk("c1", CUSTOMER, False))
    got = desk.deliver("zendesk", zendesk("c2", AGENT, True))
    assert got.json()["status"] == "stored" and got.json()["posted_note"] is False


def test_webhooks_are_off_without_a_secret(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'w.db'}"
    upgrade(make_engine(url))
    with ThreadServer(create_app(Settings(database_url=url))) as server:
        got = httpx.post(f"{server.base}/v1/webhooks/zendesk", json={})
    assert got.status_code == 503 and got.json()["error"]["code"] == "E503"


@pytest.mark.parametrize(
    ("provider", "method", "path", "body"),
    [
        ("zendesk", "PUT", "/api/v2/tickets/881.json", {"ticket": {"comment": {"body": "n", "public": False}}}),
        ("freshdesk", "POST", "/api/v2/tickets/881/notes", {"body": "n", "private": True}),
        (
            "intercom",
            "POST",
            "/conversations/881/reply",
            {"message_type": "note", "type": "admin", "admin_id": "814", "body": "n"},
        ),
    ],
)
def test_the_http_client_posts_internal_notes_in_each_helpdesks_format(
    provider: Provider, method: str, path: str, body: dict[str, Any]
) -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={})

    client = HttpHelpdesk("https://desk.example", "tok", transport=httpx.MockTransport(handler))
    asyncio.run(client.post_note(Note(provider, "881", "n", "814")))
    asyncio.run(client.aclose())
    assert (seen[0].method, seen[0].url.path) == (method, path)
    assert json.loads(seen[0].content) == body
    assert seen[0].headers["authorization"].startswith("Basic" if provider == "freshdesk" else "Bearer")
