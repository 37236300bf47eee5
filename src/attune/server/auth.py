"""Who is calling: API keys (``Authorization: Bearer KEY``) and the web UI's session cookie.

Keys are looked up by their SHA-256 digest and cached for ``CACHE_SECONDS``, so a revoked key
stops working within that time. The session cookie holds only a signed key id (never the key);
requests that change something with a cookie must carry the page's CSRF token.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import Request, Security
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from itsdangerous import BadSignature, URLSafeTimedSerializer
from starlette.concurrency import run_in_threadpool

from attune.server.errors import Forbidden, Unauthenticated
from attune.store import Principal, Role, Store
from attune.store.repository import hash_key

CACHE_SECONDS = 30.0
CACHE_LIMIT = 10_000
SESSION_COOKIE = "attune_session"
SESSION_SECONDS = 12 * 3600
CSRF_HEADER = "x-csrf-token"
RANK: dict[Role, int] = {"agent": 0, "lead": 1, "admin": 2}
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

bearer = HTTPBearer(auto_error=False, description="An API key from `attune keys create`.")


class Authenticator:
    """Resolves keys and sessions to a :class:`Principal`, with a small time-bounded cache."""

    def __init__(self, store: Store, secret: str) -> None:
        self.store = store
        self._secret = secret.encode("utf-8")
        self._sessions = URLSafeTimedSerializer(secret, salt="attune.session")
        self._keys: dict[str, tuple[Principal | None, float]] = {}
        self._ids: dict[int, tuple[Principal | None, float]] = {}

    async def by_key(self, key: str) -> Principal | None:
        digest = hash_key(key)
        hit = self._keys.get(digest)
        now = time.monotonic()
        if hit is not None and hit[1] > now:
            return hit[0]
        found = await run_in_threadpool(self.store.principal, key)
        if len(self._keys) >= CACHE_LIMIT:
            self._keys.clear()
        self._keys[digest] = (found, now + (CACHE_SECONDS if found else 2.0))
        if found is not None:
            await run_in_threadpool(self.store.touch_key, found.key_id)
        return found

    async def by_id(self, key_id: int) -> Principal | None:
        hit = self._ids.get(key_id)
        now = time.monotonic()
        if hit is not None and hit[1] > now:
            return hit[0]
        found = await run_in_threadpool(self.store.principal_by_id, key_id)
        if len(self._ids) >= CACHE_LIMIT:
            self._ids.clear()
        self._ids[key_id] = (found, now + CACHE_SECONDS)
        return found

    def forget(self) -> None:
        """Drop cached lookups (after a key is revoked through the API)."""
        self._keys.clear()
        self._ids.clear()

    # ------------------------------------------------------------------------------- sessions

    def session_cookie(self, principal: Principal) -> str:
        return self._sessions.dumps({"k": principal.key_id})

    def session_key_id(self, cookie: str) -> int | None:
        try:
            data: Any = self._sessions.loads(cookie, max_age=SESSION_SECONDS)
        except BadSignature:
            return None
        key_id = data.get("k") if isinstance(data, dict) else None
        return key_id if isinstance(key_id, int) else None

    def csrf_token(self, cookie: str) -> str:
        return hmac.new(self._secret, b"csrf:" + cookie.encode("utf-8"), hashlib.sha256).hexdigest()[:40]

    async def from_session(self, request: Request) -> Principal | None:
        cookie = request.cookies.get(SESSION_COOKIE)
        if not cookie:
            return None
        key_id = self.session_key_id(cookie)
        if key_id is None:
            return None
        if request.method not in SAFE_METHODS:
            sent = request.headers.get(CSRF_HEADER, "")
            if not hmac.compare_digest(sent, self.csrf_token(cookie)):
                raise Forbidden("missing or wrong CSRF token; reload the page and try again")
        return await self.by_id(key_id)


async def principal(
    request: Request,
    credentials: HTTPAuthorizationCredentials | None = Security(bearer),  # noqa: B008
) -> Principal:
    """The caller, from a Bearer key or a session cookie; 401 when neither holds."""
    auth: Authenticator = request.app.state.auth
    if credentials is not None:
        found = await auth.by_key(credentials.credentials)
        if found is None:
            raise Unauthenticated("unknown or revoked API key; create one with `attune keys create`")
    else:
        found = await auth.from_session(request)
        if found is None:
            raise Unauthenticated("missing API key; send the header 'Authorization: Bearer KEY'")
    request.state.principal = found
    return found


def role_at_least(role: Role) -> Callable[..., Awaitable[Principal]]:
    """A dependency that admits keys of ``role`` or a higher one (agent < lead < admin)."""

    async def check(request: Request, credentials: HTTPAuthorizationCredentials | None = Security(bearer)) -> Principal:  # noqa: B008
        who = await principal(request, credentials)
        if RANK[who.role] < RANK[role]:
            raise Forbidden(f"this needs a key with role {role} or higher; yours is {who.role}")
        return who

    return check
