"""The repository and migrations, on SQLite and (when configured) PostgreSQL."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from attune.store import DatabaseNewerError, MessageIn, Store, head, make_engine, state, upgrade
from attune.store.models import TABLES, Base
from attune.store.records import CustomerIn


def test_upgrade_creates_every_table_and_matches_the_models(database_url: str) -> None:
    engine = make_engine(database_url)
    assert state(engine) == "empty"
    assert upgrade(engine) == head()
    assert state(engine) == "current"
    assert set(TABLES) <= set(inspect(engine).get_table_names())
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata)
    assert diff == []
    assert upgrade(engine) == head()  # idempotent
    engine.dispose()


def test_a_database_newer_than_the_code_is_refused(database_url: str) -> None:
    engine = make_engine(database_url)
    upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(DatabaseNewerError, match="newer than this attune") as err:
        state(engine)
    assert err.value.code == "E501"
    with pytest.raises(DatabaseNewerError):
        upgrade(engine)
    engine.dispose()


def test_keys_are_stored_hashed_and_resolve_to_their_team(store: Store) -> None:
    key, info = store.create_key("acme", "lead", "Dana's laptop")
    assert key.startswith("att_") and len(key) > 40
    with store.engine.connect() as conn:
        stored = conn.execute(text("SELECT prefix, hash FROM api_keys")).all()
    assert key not in {v for row in stored for v in row}
    who = store.principal(key)
    assert who is not None and (who.team, who.role) == ("acme", "lead")
    assert store.principal(key + "x") is None
    assert store.revoke_key(who.team_id, info.id)
    assert store.principal(key) is None


def test_conversations_are_scoped_to_their_team(store: Store) -> None:
    acme = store.ensure_team("acme")
    globex = store.ensure_team("globex")
    conv = store.add_conversation(
        acme,
        [
            MessageIn(role="customer", text="My parcel is late!", analysis={"intensity": 0.7, "text": "x"}),
            MessageIn(role="agent", author="Sam", text="I'm on it.", assessment={"stance": "neutral", "score": 40.0}),
        ],
        subject="Late parcel",
        customer=CustomerIn(external_id="c-1", name="Dana", preferences={"updates": "email"}),
    )
    got = store.get_conversation(acme, conv)
    assert got is not None
    assert [m.role for m in got.messages] == ["customer", "agent"]
    assert got.messages[0].analysis == {"intensity": 0.7, "text": "x"}
    assert got.messages[1].assessment == {"stance": "neutral", "score": 40.0}
    assert got.customer is not None and got.customer.history[0]["conversation_id"] == conv
    assert store.get_conversation(globex, conv) is None
    assert store.list_conversations(globex) == []
    assert [c.id for c in store.list_conversations(acme)] == [conv]


def test_appending_the_same_external_message_twice_stores_it_once(store: Store) -> None:
    team = store.ensure_team("acme")
    conv = store.add_conversation(team, [], source="zendesk", external_id="123")
    assert store.find_conversation(team, "zendesk", "123") == conv
    first = store.append_message(team, conv, MessageIn(role="customer", text="hello", external_id="c9"))
    again = store.append_message(team, conv, MessageIn(role="customer", text="hello", external_id="c9"))
    assert first[1] is True and again == (first[0], False)
    record = store.get_conversation(team, conv)
    assert record is not None and len(record.messages) == 1


def test_returning_customers_keep_their_history_and_preferences(store: Store) -> None:
    team = store.ensure_team("acme")
    for subject in ("first", "second"):
        store.add_conversation(
            team,
            [MessageIn(role="customer", text=subject)],
            subject=subject,
            customer=CustomerIn(external_id="c-1", name="Dana", preferences={subject: True}),
        )
    customer = store.get_customer(team, "c-1")
    assert customer is not None
    assert [h["subject"] for h in customer.history] == ["first", "second"]
    assert customer.preferences == {"first": True, "second": True}
