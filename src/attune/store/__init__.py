"""Storage of ``attune serve``: SQLAlchemy tables, Alembic migrations and the repository.

Needs the server extra: ``pip install 'attune[server]'``.
"""

from __future__ import annotations

from attune.store.errors import DatabaseNewerError, DatabaseNotReadyError, StoreError
from attune.store.migrate import head, state, upgrade
from attune.store.records import ROLES, ConversationRecord, CustomerIn, MessageIn, Principal, Role
from attune.store.repository import Store, make_engine

__all__ = [
    "ROLES",
    "ConversationRecord",
    "CustomerIn",
    "DatabaseNewerError",
    "DatabaseNotReadyError",
    "MessageIn",
    "Principal",
    "Role",
    "Store",
    "StoreError",
    "head",
    "make_engine",
    "state",
    "upgrade",
]
