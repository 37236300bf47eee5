"""``attune qa --save``: write scored conversations to the database of ``attune serve``.

Workers judge each conversation the way the server does (:func:`attune.server.judge.judge_conversation`:
customer turns analysed, agent turns assessed against the customer turns they answer, text and
results redacted when ``ATTUNE_REDACT`` is on), so the server's conversation view shows them as it
shows conversations that came in through its API. The command's process writes them through the
store's repository, once per conversation: a conversation already saved (same team, source ``qa``
and export id) is left as it is. Bot turns and internal notes are not saved.

Needs the server extra (``pip install 'attune[server]'``) and a migrated database
(``attune db upgrade``, at ``ATTUNE_DATABASE_URL``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from attune.config import get_settings
from attune.errors import UsageError
from attune.qa.errors import MissingExtraError
from attune.qa.model import Conversation

SOURCE = "qa"


def _server_extra() -> None:
    try:
        import attune.server.judge
        import attune.store  # noqa: F401  (imported to check that the extra is there)
    except ImportError as exc:
        raise MissingExtraError(
            f"--save needs the server extra ({exc.name} is missing): pip install 'attune[server]'"
        ) from None


def to_store(conv: Conversation) -> tuple[list[Any], str | None]:
    """The conversation's customer and agent turns, judged and made safe to store (in a worker)."""
    from attune.server.judge import Turn, judge_conversation

    turns = [
        Turn(
            role=m.role,
            text=m.text,
            author=m.author or None,
            channel=conv.channel,
            sent_at=None if m.timestamp is None else dt.datetime.fromtimestamp(m.timestamp, tz=dt.UTC),
            external_id=m.id or None,
        )
        for m in conv.messages
        if m.role in ("customer", "agent")
    ]
    return judge_conversation(turns, conv.customer_name), conv.customer_name


@dataclass(slots=True)
class Saver:
    """Writes judged conversations through the store's repository, each once."""

    team: str
    saved: int = 0
    already: int = 0
    database: str = ""
    _store: Any = field(default=None, repr=False)
    _team_id: int = 0

    def open(self) -> Saver:
        _server_extra()
        from attune.store import Store, make_engine, state
        from attune.store.migrate import safe_url

        engine = make_engine(get_settings().database_url)
        self.database = safe_url(engine)
        found = state(engine)
        if found != "current":
            engine.dispose()
            raise UsageError(
                f"the database at {self.database} is {found}; run `attune db upgrade` first "
                "(ATTUNE_DATABASE_URL names the database)"
            )
        self._store = Store(engine)
        self._team_id = self._store.ensure_team(self.team)
        return self

    def save(self, summary: dict[str, Any], stored: tuple[list[Any], str | None]) -> None:
        from attune.store import CustomerIn

        messages, customer_name = stored
        cid = str(summary["conversation_id"])
        if not messages:
            return
        if self._store.find_conversation(self._team_id, SOURCE, cid) is not None:
            self.already += 1
            return
        customer = (
            CustomerIn(external_id=summary["customer_id"], name=customer_name) if summary["customer_id"] else None
        )
        self._store.add_conversation(
            self._team_id,
            messages,
            subject=summary["subject"][:500] or None,
            channel=summary["channel"],
            customer=customer,
            source=SOURCE,
            external_id=cid,
        )
        self.saved += 1

    def close(self) -> None:
        if self._store is not None:
            self._store.engine.dispose()

    def to_dict(self) -> dict[str, Any]:
        return {"database": self.database, "team": self.team, "saved": self.saved, "already_saved": self.already}
