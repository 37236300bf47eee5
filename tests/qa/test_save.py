"""``--save``: scored conversations go to the database of ``attune serve``, once each."""

from __future__ import annotations

from pathlib import Path

import pytest

from attune.config import settings_context
from attune.errors import UsageError
from attune.qa import exports
from attune.qa.model import Conversation
from attune.qa.pipeline import QAOptions, run_qa

store = pytest.importorskip("attune.store")


def test_save_writes_each_conversation_once(tmp_path: Path, sample: list[Conversation]) -> None:
    export = tmp_path / "tickets.json"
    with export.open("w", encoding="utf-8") as out:
        exports.write_zendesk(iter(sample[:6]), out)
    url = f"sqlite:///{tmp_path / 'attune.db'}"
    engine = store.make_engine(url)
    store.upgrade(engine)
    engine.dispose()
    with settings_context(database_url=url):
        first = run_qa([export], tmp_path / "a", QAOptions(workers=1, report=False, save=True, team="support"))
        again = run_qa([export], tmp_path / "b", QAOptions(workers=1, report=False, save=True, team="support"))
    assert first.summary["save"]["saved"] == 6
    assert again.summary["save"] == {**first.summary["save"], "saved": 0, "already_saved": 6}

    db = store.Store.from_url(url)
    team = db.team_id("support")
    assert team is not None and db.count_conversations(team) == 6
    conv_id = db.find_conversation(team, "qa", sample[0].id)
    assert conv_id is not None
    record = db.get_conversation(team, conv_id)
    assert record is not None
    agent = [m for m in record.messages if m.role == "agent"]
    customer = [m for m in record.messages if m.role == "customer"]
    assert agent and all(m.assessment is not None and "score" in m.assessment for m in agent)
    assert customer and all(m.analysis is not None for m in customer)
    assert len(record.messages) == sum(1 for m in sample[0].messages if m.role in ("customer", "agent"))
    db.engine.dispose()


def test_save_needs_a_migrated_database(tmp_path: Path, sample: list[Conversation]) -> None:
    export = tmp_path / "m.csv"
    with export.open("w", encoding="utf-8", newline="") as out:
        exports.write_csv(iter(sample[:2]), out)
    with (
        settings_context(database_url=f"sqlite:///{tmp_path / 'empty.db'}"),
        pytest.raises(UsageError, match="attune db upgrade"),
    ):
        run_qa([export], tmp_path / "out", QAOptions(workers=1, report=False, save=True))
