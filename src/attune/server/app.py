"""``create_app(settings)``: the FastAPI app of ``attune serve``, built on demand, never at import."""

from __future__ import annotations

import functools
import secrets
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from importlib.resources import files
from typing import Any

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from attune import __version__, analyze, assess
from attune.config import Settings, get_settings, use_settings
from attune.server import schemas as s
from attune.server.api import router as api_router
from attune.server.auth import Authenticator
from attune.server.edge import Edge
from attune.server.errors import ServiceUnavailable, install_error_handler
from attune.server.fast import CoreFastPath
from attune.server.helpdesk import HelpdeskClient, client_for
from attune.server.ui import router as ui_router
from attune.server.webhooks import router as webhook_router
from attune.store import Store, head, state
from attune.store.migrate import safe_url
from attune.types import CustomerAnalysis

#: Customer messages whose analysis is kept (the live coach re-sends one on every keystroke).
ANALYSIS_CACHE = 2048

DESCRIPTION = """An empathy engine for customer support, over HTTP.

Send `Authorization: Bearer KEY` with a key from `attune keys create`. Errors are
`{"error": {"code", "message", "details"}}` with a stable code (see docs/server.md)."""


def create_app(
    settings: Settings | None = None,
    *,
    store: Store | None = None,
    helpdesk: HelpdeskClient | None = None,
) -> FastAPI:
    """Build the app: API, webhooks and web UI over one store.

    ``store`` defaults to one over ``settings.database_url``; ``helpdesk`` is the outbound client
    that posts notes back (the seam where tests put a double).
    """
    settings = settings or get_settings()
    store = store or Store.from_url(settings.database_url)
    secret = settings.secret_key.get_secret_value() if settings.secret_key else secrets.token_urlsafe(32)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await run_in_threadpool(warm_up, settings)
        yield
        if app.state.helpdesk is not None:
            await app.state.helpdesk.aclose()
        store.engine.dispose()

    app = FastAPI(
        title="attune",
        version=__version__,
        description=DESCRIPTION,
        lifespan=lifespan,
        docs_url=None,  # Swagger UI loads from a CDN; /docs is a packaged page (ui.py)
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.store = store
    app.state.auth = Authenticator(store, secret)
    app.state.helpdesk = helpdesk if helpdesk is not None else client_for(settings)
    app.state.customer = customer_analyzer()

    install_error_handler(app)
    app.include_router(api_router)
    app.include_router(webhook_router)
    app.include_router(ui_router)
    app.mount("/static", StaticFiles(directory=str(files("attune.server") / "static")), name="static")

    @app.get("/healthz", response_model=s.HealthOut, tags=["health"])
    async def healthz() -> Any:
        """The process is up."""
        return {"status": "ok", "version": __version__}

    @app.get(
        "/readyz",
        response_model=s.ReadyOut,
        tags=["health"],
        responses={503: {"model": s.ErrorOut, "description": "Database unreachable or not migrated."}},
    )
    async def readyz(request: Request) -> Any:
        """The database is reachable and at this attune's schema revision."""
        found = await run_in_threadpool(state, store.engine)
        if found != "current":
            raise ServiceUnavailable(f"database schema is {found}; run `attune db upgrade`")
        return {"status": "ready", "database": store.engine.dialect.name, "schema_revision": head()}

    app.add_middleware(CoreFastPath)  # innermost: CORS and the Edge wrap it as they wrap the routes
    if settings.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.cors_origins,
            allow_methods=["GET", "POST", "DELETE"],
            allow_headers=["Authorization", "Content-Type"],
            max_age=600,
        )
    app.add_middleware(Edge, settings=settings)
    app.state.database = safe_url(store.engine)
    return app


def customer_analyzer(size: int = ANALYSIS_CACHE) -> Callable[[str | None, str | None], CustomerAnalysis | None]:
    """``analyze`` with a per-process cache of ``size`` messages; ``None`` for no message."""
    cached = functools.lru_cache(maxsize=size)(lambda text, name: analyze(text, customer_name=name))

    def customer(text: str | None, name: str | None = None) -> CustomerAnalysis | None:
        return None if text is None else cached(text, name)

    return customer


def warm_up(settings: Settings) -> None:
    """Load phrase banks and caches before the first request, not during it."""
    with use_settings(settings):
        assess("I'm sorry, I'll fix it today.", customer="My order is late and I'm upset.")
