"""The REST API against a real ``attune serve`` process, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from attune import analyze, assess, draft, rewrite, suggest
from attune.server import schemas
from attune.store import make_engine

from .conftest import LiveServer, fresh_database_url, server_env, start_server, stop_server

CUSTOMER = "Hi, I was charged twice for March and nobody answered my emails. Mail me at priya@example.com. Priya"
REPLY = "Hi Priya, I'm sorry about the double charge. I've refunded it and you'll see it by Friday."


def test_health_and_readiness(live: LiveServer) -> None:
    assert httpx.get(f"{live.base}/healthz").json()["status"] == "ok"
    ready = httpx.get(f"{live.base}/readyz").json()
    assert ready["status"] == "ready" and ready["schema_revision"] == "0001"


@pytest.mark.parametrize(
    ("path", "body", "expected", "model"),
    [
        ("/v1/analyze", {"text": CUSTOMER}, lambda: analyze(CUSTOMER).to_dict(), schemas.AnalysisOut),
        (
            "/v1/assess",
            {"reply": REPLY, "customer": CUSTOMER},
            lambda: assess(REPLY, customer=CUSTOMER).to_dict(),
            schemas.AssessmentOut,
        ),
        (
            "/v1/rewrite",
            {"reply": "Sorry for the inconvenience."},
            lambda: rewrite("Sorry for the inconvenience.").to_dict(),
            schemas.RewriteOut,
        ),
        (
            "/v1/draft",
            {"customer": CUSTOMER, "facts": {"when": "Friday"}},
            lambda: draft(CUSTOMER, facts={"when": "Friday"}).to_dict(),
            schemas.DraftOut,
        ),
    ],
)
def test_core_endpoints_return_what_the_library_returns(
    live: LiveServer, path: str, body: dict[str, Any], expected: Any, model: type[schemas.Model]
) -> None:
    with live.client() as c:
        got = c.post(path, json=body)
    assert got.status_code == 200, got.text
    assert got.json() == expected()
    model.model_validate(got.json())


def test_suggest_returns_statements_that_fit(live: LiveServer) -> None:
    with live.client() as c:
        got = c.post("/v1/suggest", json={"customer": CUSTOMER, "reply": "Sorry for the inconvenience.", "n": 2})
    assert got.status_code == 200
    assert got.json() == [s.to_dict() for s in suggest(CUSTOMER, reply="Sorry for the inconvenience.", n=2)]


@pytest.mark.parametrize("header", [None, "Bearer att_wrong", "Basic abc", "Bearer"])
def test_a_missing_or_wrong_key_gets_401_with_a_stable_code(live: LiveServer, header: str | None) -> None:
    headers = {} if header is None else {"Authorization": header}
    got = httpx.post(f"{live.base}/v1/assess", json={"reply": REPLY}, headers=headers)
    assert got.status_code == 401
    assert got.json()["error"]["code"] == "E401"
    assert got.headers["www-authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"reply": "   \n "}, 422, "E101"),  # the core's error passes through
        ({"reply": "hi\x00\x00\x00\x00 there"}, 422, "E103"),
        ({"reply": ""}, 422, "E422"),  # the schema's
        ({"reply": "ok", "extra": 1}, 422, "E422"),
        ({"reply": "x" * 90_000}, 422, "E102"),
    ],
)
def test_bad_input_gets_a_structured_error(live: LiveServer, body: dict[str, Any], status: int, code: str) -> None:
    with live.client() as c:
        got = c.post("/v1/assess", json=body)
    assert got.status_code == status
    error = got.json()["error"]
    assert error["code"] == code and error["message"]


def test_malformed_json_and_unknown_paths(live: LiveServer) -> None:
    with live.client() as c:
        bad = c.post("/v1/assess", content=b"{not json", headers={"Content-Type": "application/json"})
        assert (bad.status_code, bad.json()["error"]["code"]) == (422, "E422")
        missing = c.get("/v1/nothing-here")
        assert (missing.status_code, missing.json()["error"]["code"]) == (404, "E404")
        wrong = c.get("/v1/assess")
        assert (wrong.status_code, wrong.json()["error"]["code"]) == (405, "E405")


def test_request_bodies_over_the_limit_are_refused(live: LiveServer) -> None:
    with live.client() as c:
        got = c.post(
            "/v1/assess", content=b'{"reply": "' + b"a" * 300_000 + b'"}', headers={"Content-Type": "application/json"}
        )
    assert got.status_code == 413
    assert got.json()["error"]["code"] == "E413"


def test_chunked_bodies_over_the_limit_are_refused_too(live: LiveServer) -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"reply": "'
        for _ in range(40):
            yield b"a" * 10_000
        yield b'"}'

    with live.client() as c:
        got = c.post("/v1/assess", content=chunks(), headers={"Content-Type": "application/json"})
    assert "content-length" not in got.request.headers
    assert got.status_code == 413 and got.json()["error"]["code"] == "E413"


def _conversation() -> dict[str, Any]:
    return {
        "subject": "Charged twice",
        "channel": "email",
        "customer": {"id": "cus-1", "name": "Priya", "preferences": {"updates": "email"}},
        "messages": [
            {"role": "customer", "text": CUSTOMER},
            {"role": "agent", "author": "Sam", "text": "Sorry for the inconvenience. That's our policy."},
            {"role": "customer", "text": "Thanks, but this is the third time. Call me on +44 20 7946 0958."},
            {"role": "agent", "author": "Sam", "text": REPLY},
        ],
    }


def test_a_conversation_is_stored_judged_in_context_and_redacted(live: LiveServer) -> None:
    with live.client() as c:
        created = c.post("/v1/conversations", json=_conversation())
        assert created.status_code == 201, created.text
        conv_id = created.json()["id"]
        assert created.headers["location"] == f"/v1/conversations/{conv_id}"
        got = c.get(f"/v1/conversations/{conv_id}").json()
    schemas.ConversationOut.model_validate(got)
    assert got == created.json()
    m = got["messages"]
    assert [x["role"] for x in m] == ["customer", "agent", "customer", "agent"]
    assert m[0]["analysis"] is not None and m[0]["assessment"] is None
    assert m[1]["assessment"] is not None and m[1]["analysis"] is None
    # the agent's last turn answers the customer's turn just before it
    in_context = assess(REPLY, customer=_conversation()["messages"][2]["text"], customer_name="Priya", agent_name="Sam")
    assert m[3]["assessment"]["score"] == in_context.score
    assert m[3]["assessment"]["customer"] is None
    # personal data is not stored, and spans still point at the stored text
    stored = json.dumps(got["messages"])
    assert "priya@example.com" not in stored and "7946 0958" not in stored
    assert "[EMAIL]" in m[0]["text"] and m[0]["redactions"] == {"email": 1}
    assert m[2]["redactions"] == {"phone": 1}
    for e in m[0]["analysis"]["evidence"]:
        if e["end"] > e["start"]:
            assert m[0]["analysis"]["text"][e["start"] : e["end"]] == e["text"]
    assert got["customer"]["preferences"] == {"updates": "email"}


def test_a_team_never_reads_another_teams_data(live: LiveServer) -> None:
    with live.client("acme", "lead") as acme, live.client("globex", "lead") as globex:
        conv_id = acme.post("/v1/conversations", json=_conversation()).json()["id"]
        assert acme.get(f"/v1/conversations/{conv_id}").status_code == 200
        stolen = globex.get(f"/v1/conversations/{conv_id}")
        assert stolen.status_code == 404 and stolen.json()["error"]["code"] == "E404"
        assert conv_id not in globex.get("/v1/conversations").text
        assert conv_id in acme.get("/v1/conversations").text
        assert globex.get("/v1/me").json() == {"team": "globex", "role": "lead"}


def test_roles_limit_what_a_key_can_do(live: LiveServer) -> None:
    with live.client("acme", "agent") as agent, live.client("acme", "admin") as admin:
        assert agent.get("/v1/conversations").json()["error"]["code"] == "E403"
        assert agent.post("/v1/keys", json={"role": "agent"}).status_code == 403
        made = admin.post("/v1/keys", json={"role": "agent", "name": "temp"})
        assert made.status_code == 201
        new_key = made.json()["key"]
        assert new_key not in admin.get("/v1/keys").text
        with httpx.Client(base_url=live.base, headers={"Authorization": f"Bearer {new_key}"}) as temp:
            assert temp.get("/v1/me").status_code == 200
            assert admin.delete(f"/v1/keys/{made.json()['id']}").status_code == 204
            assert temp.get("/v1/me").status_code == 401
        assert admin.delete("/v1/keys/999999").status_code == 404


def test_logs_hold_no_bodies_and_no_keys(live: LiveServer) -> None:
    with live.client() as c:
        c.post("/v1/assess", json={"reply": "A very distinctive sentence about zebras."})
    log = live.log.read_text(encoding="utf-8")
    assert '"path": "/v1/assess"' in log
    assert "zebras" not in log and "priya@example.com" not in log
    assert all(key not in log for key in live.keys.values())


def test_cors_is_off_by_default_and_configurable(live: LiveServer, tmp_path: Path) -> None:
    preflight = {"Origin": "https://desk.example", "Access-Control-Request-Method": "POST"}
    assert "access-control-allow-origin" not in httpx.options(f"{live.base}/v1/assess", headers=preflight).headers
    server = start_server(f"sqlite:///{tmp_path / 'cors.db'}", tmp_path, ATTUNE_CORS_ORIGINS='["https://desk.example"]')
    try:
        got = httpx.options(f"{server.base}/v1/assess", headers=preflight)
        assert got.headers["access-control-allow-origin"] == "https://desk.example"
    finally:
        stop_server(server)


@pytest.mark.parametrize("backend", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_the_server_refuses_a_database_newer_than_itself(backend: str, tmp_path: Path) -> None:
    from .conftest import POSTGRES_URL

    if backend == "postgres" and not POSTGRES_URL:
        pytest.skip("set ATTUNE_TEST_POSTGRES_URL")
    url = fresh_database_url(backend, tmp_path)
    engine = make_engine(url)
    from attune.store import upgrade

    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = 'ffff'"))
    engine.dispose()
    done = subprocess.run(
        [sys.executable, "-m", "attune.cli", "serve", "--port", "1"],
        env=server_env(url),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 4
    assert "[E501]" in done.stderr and "newer than this attune" in done.stderr
