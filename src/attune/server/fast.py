"""A fast path for the five core endpoints: the live coach calls ``/v1/assess`` on every keystroke.

FastAPI's dependency solving, routing and middleware layers cost about as much per call as
judging a short reply. This ASGI middleware serves a well-formed, authorised core call
directly: it reads the JSON body, finds the caller with the same :class:`Authenticator`,
validates the body with the route's own model and answers through the route's own
:class:`~attune.server.api.CoreCall`, so the answer is the same bytes. Anything else (no or a bad
key, a CSRF failure, a body that does not validate, a text the core refuses, any other error)
is handed to the FastAPI route with the body replayed, and the route answers exactly as it
would have: errors keep coming from one place.
"""

from __future__ import annotations

from fastapi.security.utils import get_authorization_scheme_param
from starlette.requests import Request
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from attune.server.api import CORE_CALLS
from attune.server.auth import SESSION_COOKIE, Authenticator
from attune.store import Principal


class CoreFastPath:
    """Serves valid, authorised ``POST /v1/{analyze,assess,suggest,rewrite,draft}`` calls directly."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        call = CORE_CALLS.get(scope["path"]) if scope["type"] == "http" and scope["method"] == "POST" else None
        if call is None or scope.get("root_path") or not _small_json(scope):
            await self.app(scope, receive, send)
            return
        body = await _read(receive)
        if body is None:  # the client went away
            return
        replay = _replay(body, receive)
        response = None
        try:
            who = await _caller(scope, replay)
            if who is not None:
                parsed = call.body.model_validate_json(body)
                response = await call.respond(parsed, scope["app"].state.customer)
                scope.setdefault("state", {})["principal"] = who
        except Exception:  # the route meets it again and answers with its error
            response = None
        if response is None:
            await self.app(scope, replay, send)
        else:
            await response(scope, receive, send)


def _small_json(scope: Scope) -> bool:
    """A body declared as JSON, with a Content-Length within the app's limit (so reading it cannot fail)."""
    length = -1
    kind = False
    for name, value in scope["headers"]:
        if name == b"content-length" and length < 0 and value.isdigit():
            length = int(value)
        elif name == b"content-type":
            kind = value.split(b";", 1)[0].strip().lower() == b"application/json"
    return kind and 0 <= length <= scope["app"].state.settings.max_body_bytes


async def _read(receive: Receive) -> bytes | None:
    """The request body; ``None`` when the client disconnected first."""
    chunks: list[bytes] = []
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return None
        chunks.append(message.get("body", b""))
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    """A ``receive`` that gives the body read already, then defers to the server's."""
    pending: list[Message] = [{"type": "http.request", "body": body, "more_body": False}]

    async def replayed() -> Message:
        if pending:
            return pending.pop()
        return await receive()

    return replayed


async def _caller(scope: Scope, receive: Receive) -> Principal | None:
    """The caller by Bearer key or session cookie, found as the route's dependency finds it; else ``None``."""
    auth: Authenticator = scope["app"].state.auth
    request = Request(scope, receive)
    scheme, key = get_authorization_scheme_param(request.headers.get("authorization"))
    if scheme and key:
        return await auth.by_key(key) if scheme.lower() == "bearer" else None
    if request.cookies.get(SESSION_COOKIE):
        return await auth.from_session(request)  # Forbidden without the CSRF token: the route says so
    return None
