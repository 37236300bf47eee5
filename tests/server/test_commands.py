"""``attune db``, ``attune keys`` and the pieces of ``attune serve`` that need no running server."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest

from attune.config import settings_context
from attune.privacy import redact
from attune.server.judge import Turn, judge_conversation, redact_result
from attune.store import Store, make_engine

from .conftest import LiveServer, attune_cli, server_env


def test_db_upgrade_then_status(database_url: str) -> None:
    env = server_env(database_url)
    done = attune_cli("db", "upgrade", "--json", env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["to"] == "0001"
    status = json.loads(attune_cli("db", "status", "--json", env=env).stdout)
    assert status["state"] == "current" and status["revision"] == status["head"] == "0001"


def test_keys_create_prints_the_key_once_and_stores_only_its_hash(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'k.db'}"
    env = server_env(url)
    done = attune_cli("keys", "create", "--team", "acme", "--role", "admin", "--json", env=env)
    assert done.returncode == 0, done.stderr
    key = json.loads(done.stdout)["key"]
    assert key.startswith("att_")
    assert key.encode() not in (tmp_path / "k.db").read_bytes()
    listed = attune_cli("keys", "list", "--team", "acme", "--json", env=env)
    assert key not in listed.stdout and json.loads(listed.stdout)[0]["role"] == "admin"
    who = Store(make_engine(url)).principal(key)
    assert who is not None and who.team == "acme"
    plain = attune_cli("keys", "create", "--team", "acme", "--role", "agent", env=env)
    assert re.fullmatch(r"att_\S+\n", plain.stdout) and "not shown again" in plain.stderr


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["keys", "create", "--team", "acme", "--role", "boss"], "--role must be one of agent, lead, admin"),
        (["keys", "revoke", "--team", "nobody", "3"], "has no key 3"),
    ],
)
def test_key_commands_report_usage_errors(tmp_path: Path, args: list[str], message: str) -> None:
    done = attune_cli(*args, env=server_env(f"sqlite:///{tmp_path / 'k.db'}"))
    assert done.returncode == 2 and message in done.stderr and "[E300]" in done.stderr


def test_the_web_ui_session_needs_the_csrf_token_to_change_anything(live: LiveServer) -> None:
    with httpx.Client(base_url=live.base) as browser:
        assert browser.post("/login", data={"key": "att_wrong"}).status_code == 401
        signed_in = browser.post("/login", data={"key": live.key()})
        assert signed_in.status_code == 303 and signed_in.headers["location"] == "/coach"
        cookie = signed_in.headers["set-cookie"].lower()
        assert "httponly" in cookie and "samesite=strict" in cookie
        page = browser.get("/coach").text
        token = re.search(r'name="csrf-token" content="([^"]+)"', page)
        assert token is not None
        body = {"reply": "I'm on it."}
        assert browser.get("/v1/me").json()["team"] == "acme"
        refused = browser.post("/v1/assess", json=body)
        assert refused.status_code == 403 and refused.json()["error"]["code"] == "E403"
        assert browser.post("/v1/assess", json=body, headers={"X-CSRF-Token": token.group(1)}).status_code == 200
        browser.post("/logout")
        assert browser.get("/v1/me").status_code == 401


def test_redaction_can_be_turned_off() -> None:
    turns = [Turn(role="customer", text="Mail me at jo@example.com, my parcel is late")]
    with settings_context(redact=False):
        (kept,) = judge_conversation(turns)
    (redacted,) = judge_conversation(turns)
    assert "jo@example.com" in kept.text and kept.redactions == {}
    assert "[EMAIL]" in redacted.text and redacted.redactions == {"email": 1}


def test_redacted_results_keep_their_spans_on_the_redacted_text() -> None:
    text = "Call +44 20 7946 0958 now, I'm furious about order #5521!!"
    from attune import analyze

    result = redact_result(analyze(text).to_dict(), redact(text))
    assert "7946" not in json.dumps(result)
    for item in [*result["evidence"], *result["details"]]:
        if item["end"] > item["start"]:
            assert result["text"][item["start"] : item["end"]] == item["text"]


def test_server_and_qa_read_a_follow_up_with_the_conversation_before_it() -> None:
    """The same agent turn, stored through the API's judging and scored by `attune qa`, is judged
    against the follow-up read with the first message: the late parcel still needs an apology."""
    from attune.qa.model import Conversation, Message
    from attune.qa.score import score_conversation

    late = "WHERE IS MY ORDER?? #48213 was due two weeks ago. I need it for my daughter's birthday!!\n\nMarco"
    texts = [
        ("customer", late),
        ("agent", "There's nothing I can do, the courier handles deliveries."),
        ("customer", "Unbelievable. I want to speak to a manager."),
        ("agent", "I'm so sorry, Marco. I've asked the courier to trace order #48213 and I'm sending a replacement."),
    ]
    stored = judge_conversation([Turn(role=r, text=t, author="Lee") for r, t in texts])
    assessment = stored[3].assessment
    assert assessment is not None
    apology = assessment["dimensions"]["apology"]
    assert apology["applicable"] and apology["score"] >= 0.5
    assert assessment["dimensions"]["personalization"]["applicable"]

    conv = Conversation("c1", "test", tuple(Message(r, t, author="Lee") for r, t in texts))
    (_, second) = score_conversation(conv).turns
    assert second["dim_apology"] == apology["score"] and second["situations"] == "delay"
    assert second["customer_excerpt"] == texts[2][1]
