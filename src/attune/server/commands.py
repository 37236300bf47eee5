"""Bodies of ``attune serve``, ``attune db`` and ``attune keys``; :mod:`attune.cli` imports this lazily.

Each function takes plain arguments, does its work and returns data or prints what the user must
see; errors are :class:`~attune.errors.AttuneError` and become exit codes in the CLI.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path
from typing import Any

import typer
from sqlalchemy import Engine
from sqlalchemy.engine import make_url

from attune.config import Settings, from_environment, get_settings, use_settings
from attune.errors import UsageError
from attune.store import ROLES, Role, Store, head, make_engine, state, upgrade
from attune.store.migrate import current

DEMO_TEAM = "demo"


def _settings(**changes: Any) -> Settings:
    base = get_settings()
    return Settings(**{**base.model_dump(), **{k: v for k, v in changes.items() if v is not None}})


def describe_database(url: str) -> str:
    """Where the database is, for people: the absolute file of SQLite, else the URL without password."""
    parsed = make_url(url)
    if parsed.drivername.startswith("sqlite"):
        db = parsed.database or ""
        return "in memory (SQLite)" if db in {"", ":memory:"} else f"{Path(db).resolve()} (SQLite)"
    return parsed.render_as_string(hide_password=True)


def prepare(engine: Engine, *, migrate: bool = True) -> str:
    """Check the schema before serving: refuse a newer one, migrate an empty or older one."""
    found = state(engine)  # raises DatabaseNewerError
    if found != "current":
        if not migrate:
            raise UsageError(f"the database schema is {found}; run `attune db upgrade` first")
        typer.echo(f"applying database migrations ({current(engine) or 'empty'} -> {head()})", err=True)
        upgrade(engine)
    return head()


# ---------------------------------------------------------------------------------------- db


def db_upgrade() -> dict[str, str]:
    settings = get_settings()
    engine = make_engine(settings.database_url)
    try:
        before = current(engine) if state(engine) != "empty" else None
        after = upgrade(engine)
    finally:
        engine.dispose()
    return {"database": describe_database(settings.database_url), "from": before or "empty", "to": after}


def db_status() -> dict[str, str]:
    settings = get_settings()
    engine = make_engine(settings.database_url)
    try:
        found = state(engine)
        rev = current(engine)
    finally:
        engine.dispose()
    return {
        "database": describe_database(settings.database_url),
        "state": found,
        "revision": rev or "none",
        "head": head(),
    }


# -------------------------------------------------------------------------------------- keys


def _ready_store() -> Store:
    engine = make_engine(get_settings().database_url)
    prepare(engine)
    return Store(engine)


def keys_create(team: str, role: str, name: str = "") -> dict[str, Any]:
    if role not in ROLES:
        raise UsageError(f"--role must be one of {', '.join(ROLES)}, got {role!r}")
    if not team.strip() or len(team) > 100:
        raise UsageError("--team must be 1 to 100 characters")
    store = _ready_store()
    try:
        key, info = store.create_key(team.strip(), role_of(role), name)
    finally:
        store.engine.dispose()
    return {"key": key, "id": info.id, "team": info.team, "role": info.role, "name": info.name}


def keys_list(team: str) -> list[dict[str, Any]]:
    store = _ready_store()
    try:
        team_id = store.team_id(team)
        keys = [] if team_id is None else store.list_keys(team_id)
    finally:
        store.engine.dispose()
    return [
        {
            "id": k.id,
            "team": k.team,
            "role": k.role,
            "name": k.name,
            "prefix": k.prefix,
            "created_at": k.created_at.isoformat(),
            "revoked": k.revoked,
        }
        for k in keys
    ]


def keys_revoke(team: str, key_id: int) -> None:
    store = _ready_store()
    try:
        team_id = store.team_id(team)
        if team_id is None or not store.revoke_key(team_id, key_id):
            raise UsageError(f"team {team!r} has no key {key_id}; see `attune keys list --team {team}`")
    finally:
        store.engine.dispose()


def role_of(value: str) -> Role:
    for role in ROLES:
        if role == value:
            return role
    raise UsageError(f"role must be one of {', '.join(ROLES)}, got {value!r}")


# ------------------------------------------------------------------------------------- serve


def serve(
    *,
    host: str | None,
    port: int | None,
    demo: bool,
    workers: int,
    migrate: bool,
    log_level: str,
) -> None:
    """Check the database, optionally seed the demo team, then run Uvicorn until interrupted."""
    import uvicorn

    from attune.server.app import create_app
    from attune.server.edge import configure_logging

    settings = _settings(host=host, port=port)
    engine = make_engine(settings.database_url)
    revision = prepare(engine, migrate=migrate)
    store = Store(engine)
    typer.echo(f"database: {describe_database(settings.database_url)}, schema {revision}")
    key = None
    if demo:
        with use_settings(settings):
            key = seed_demo(store)
    typer.echo(banner(base_url(settings.host, settings.port), key))
    configure_logging(log_level)
    if workers > 1:
        store.engine.dispose()
        os.environ.update({"ATTUNE_HOST": settings.host, "ATTUNE_PORT": str(settings.port)})
        uvicorn.run(
            "attune.server.commands:app_from_environment",
            factory=True,
            host=settings.host,
            port=settings.port,
            workers=workers,
            log_config=None,
            access_log=False,
        )
        return
    app = create_app(settings, store=store)
    tune_process(settings)
    uvicorn.run(app, host=settings.host, port=settings.port, log_config=None, access_log=False)


def base_url(host: str, port: int) -> str:
    """The address to open in a browser on this machine."""
    if host in {"127.0.0.1", "0.0.0.0", "::", "localhost"}:
        host = "localhost"
    elif ":" in host:
        host = f"[{host}]"
    return f"http://{host}:{port}"


def banner(url: str, demo_key: str | None) -> str:
    """What ``attune serve`` prints before it listens: where to go and how to sign in.

    >>> print(banner("http://localhost:8000", None).splitlines()[0])
    attune serve: http://localhost:8000/  (Ctrl+C stops)
    """
    if demo_key is None:
        return "\n".join(
            [
                f"attune serve: {url}/  (Ctrl+C stops)",
                f"  sign in at {url}/login with a key from `attune keys create --team T --role agent`",
                f"  API docs: {url}/docs",
            ]
        )
    return "\n".join(
        [
            f"attune serve --demo: team {DEMO_TEAM!r} with {len(DEMO_CONVERSATIONS)} sample conversations",
            "",
            f"  1. open {url}/login in your browser",
            '  2. paste this key into "API key" and press Sign in (role lead; a new key on every start):',
            f"       {demo_key}",
            "  3. you are on the live coach: a sample customer message on the left, a reply on the",
            "     right; edit the reply and watch its stance, score and checklist change as you type",
            "",
            f"  sample conversations: {url}/conversations     API docs: {url}/docs",
            f"  API: curl -H 'Authorization: Bearer {demo_key}' -H 'Content-Type: application/json' \\",
            f'         -d \'{{"reply": "Sorry for the inconvenience."}}\' {url}/v1/assess',
            "",
            "Ctrl+C stops.",
        ]
    )


def app_from_environment() -> Any:
    """The app for each Uvicorn worker process (``--workers``), configured from ``ATTUNE_*``."""
    from attune.server.app import create_app

    settings = from_environment()
    app = create_app(settings)
    tune_process(settings)
    return app


def tune_process(settings: Settings) -> None:
    """Warm the core, then tune the garbage collector of a server process.

    Phrase banks, models and modules live as long as the process, so they are frozen out of the
    collector's full passes, which otherwise stall requests for tens of milliseconds; and a
    larger first generation collects the many short-lived objects of requests in fewer passes.
    Measured with benchmarks/server.py: live coach p99 from about 290 ms to about 15 ms.
    """
    import gc

    from attune.server.app import warm_up

    warm_up(settings)
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


# -------------------------------------------------------------------------------------- demo

DEMO_CONVERSATIONS: list[dict[str, Any]] = [
    {
        "subject": "Charged twice for March",
        "channel": "email",
        "customer": ("demo-priya", "Priya"),
        "messages": [
            (
                "customer",
                None,
                "Hi, I was charged twice for my March subscription ($29.99 each). "
                "Please refund one of them. You can reach me at priya.demo@example.com. Thanks, Priya",
            ),
            ("agent", "Sam", "Sorry for the inconvenience. Refunds take 5-10 business days. That's our policy."),
            (
                "customer",
                None,
                "Thanks, but this is the third time I'm writing about this and nothing has happened. "
                "I'm really frustrated.",
            ),
            (
                "agent",
                "Sam",
                "Hi Priya, I can see why a second charge, and having to write three times, is "
                "frustrating. That shouldn't have happened, and I'm sorry. I've refunded the duplicate $29.99 "
                "myself just now; you'll see it on your statement by Friday. Is there anything else I can help "
                "with today?",
            ),
        ],
    },
    {
        "subject": "Parcel two weeks late",
        "channel": "chat",
        "customer": ("demo-marco", "Marco"),
        "messages": [
            (
                "customer",
                None,
                "WHERE IS MY ORDER?? #48213 was due two weeks ago. I need it for my daughter's birthday!!",
            ),
            ("agent", "Lee", "There's nothing I can do, the courier handles deliveries."),
            ("customer", None, "Unbelievable. I want to speak to a manager."),
            (
                "agent",
                "Lee",
                "Marco, I understand how stressful this is with the birthday so close. I've asked "
                "the courier to trace order #48213 and I'm sending a replacement by express today at no cost. "
                "I'll message you tomorrow by noon with the tracking number.",
            ),
            ("customer", None, "Ok, thank you, that really helps."),
        ],
    },
    {
        "subject": "How do I export my invoices?",
        "channel": "chat",
        "customer": ("demo-ana", "Ana"),
        "messages": [
            ("customer", None, "I'm a bit confused, how do I download all my invoices for last year?"),
            (
                "agent",
                "Sam",
                "Hi Ana! Go to Billing > Invoices, pick 2023 and click Export. Want me to email you the file instead?",
            ),
        ],
    },
]


def seed_demo(store: Store) -> str:
    """Create the demo team with sample conversations (once) and a new lead key; returns the key."""
    from attune.server.judge import Turn, judge_conversation
    from attune.store import CustomerIn

    team_id = store.ensure_team(DEMO_TEAM)
    if store.count_conversations(team_id) == 0:
        start = dt.datetime.now(dt.UTC) - dt.timedelta(days=1)
        for k, conv in enumerate(DEMO_CONVERSATIONS):
            turns = [
                Turn(
                    role=role,
                    text=text,
                    author=author,
                    channel=conv["channel"],
                    sent_at=start + dt.timedelta(hours=k, minutes=20 * i),
                )
                for i, (role, author, text) in enumerate(conv["messages"])
            ]
            cid, cname = conv["customer"]
            store.add_conversation(
                team_id,
                judge_conversation(turns, cname),
                subject=conv["subject"],
                channel=conv["channel"],
                customer=CustomerIn(cid, cname),
            )
    key, _ = store.create_key(DEMO_TEAM, "lead", "demo")
    return key


def echo_json(data: Any) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2))


__all__ = [
    "app_from_environment",
    "banner",
    "base_url",
    "db_status",
    "db_upgrade",
    "describe_database",
    "keys_create",
    "keys_list",
    "keys_revoke",
    "prepare",
    "seed_demo",
    "serve",
]
