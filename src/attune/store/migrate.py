"""Schema versions: apply the packaged Alembic migrations and refuse a database newer than the code.

>>> from attune.store.migrate import head
>>> head()
'0001'
"""

from __future__ import annotations

from importlib.resources import files
from typing import Literal

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from sqlalchemy import Engine, inspect

from attune.store.errors import DatabaseNewerError, DatabaseNotReadyError

SchemaState = Literal["empty", "behind", "current"]


def alembic_config(engine: Engine | None = None) -> Config:
    """An Alembic config that points at the migrations inside the package (no alembic.ini)."""
    cfg = Config()
    cfg.set_main_option("script_location", str(files("attune.store") / "migrations"))
    if engine is not None:
        cfg.set_main_option("sqlalchemy.url", engine.url.render_as_string(hide_password=False).replace("%", "%%"))
    return cfg


def head() -> str:
    """The newest schema revision this attune knows."""
    found = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert found is not None
    return found


def current(engine: Engine) -> str | None:
    """The revision the database is at, ``None`` when it was never migrated."""
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def state(engine: Engine) -> SchemaState:
    """Where the database stands against this attune's migrations.

    Raises :class:`DatabaseNewerError` when a newer attune migrated it: running on it could lose
    data that this version does not know about.
    """
    try:
        rev = current(engine)
    except Exception as exc:
        raise DatabaseNotReadyError(
            f"cannot open the database at {safe_url(engine)}: {type(exc).__name__}: {exc}; "
            "check ATTUNE_DATABASE_URL and that the database server is running"
        ) from exc
    if rev is None:
        if inspect(engine).has_table("teams"):
            raise DatabaseNotReadyError(
                f"the database at {safe_url(engine)} has attune tables but no schema revision; "
                "it was not created by `attune db upgrade`"
            )
        return "empty"
    script = ScriptDirectory.from_config(alembic_config())
    try:
        script.get_revision(rev)
    except CommandError:
        raise DatabaseNewerError(
            f"the database at {safe_url(engine)} is at schema revision {rev!r}, newer than this attune "
            f"(which knows up to {head()!r}); upgrade attune (pip install -U 'attune[server]') "
            "or point ATTUNE_DATABASE_URL at another database"
        ) from None
    return "current" if rev == head() else "behind"


def upgrade(engine: Engine, revision: str = "head") -> str:
    """Apply migrations up to ``revision``; returns the revision the database is at afterwards."""
    state(engine)  # refuses a newer database before touching it
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
    found = current(engine)
    assert found is not None
    return found


def safe_url(engine: Engine) -> str:
    """The database URL without its password, fit for messages and logs."""
    return engine.url.render_as_string(hide_password=True)
