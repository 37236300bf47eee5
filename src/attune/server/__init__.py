"""``attune serve``: the REST API, helpdesk webhooks and the live coach, over one FastAPI app.

Needs the server extra: ``pip install 'attune[server]'``. Build the app with :func:`create_app`;
nothing is created at import time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from attune.server.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from attune.server.app import create_app

        return create_app
    raise AttributeError(name)
