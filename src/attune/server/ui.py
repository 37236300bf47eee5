"""The web UI: sign in with a key, the live coach, and stored conversations with an emotion chart.

Plain Jinja templates and packaged static files; the live coach calls the same ``/v1`` API as
everyone else, with the session cookie and the page's CSRF token.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any
from urllib.parse import parse_qs

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool

from attune import __version__
from attune.server.auth import RANK, SESSION_COOKIE, SESSION_SECONDS, Authenticator
from attune.server.chart import emotion_chart
from attune.store import Principal, Store

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(files("attune.server") / "templates"))
templates.env.globals["version"] = __version__

LOGIN_LIMIT = 4096


async def _session(request: Request) -> tuple[Principal | None, str]:
    auth: Authenticator = request.app.state.auth
    cookie = request.cookies.get(SESSION_COOKIE, "")
    who = await auth.from_session(request) if cookie else None
    request.state.principal = who
    return who, auth.csrf_token(cookie) if who else ""


def _page(request: Request, name: str, who: Principal | None, csrf: str, status: int = 200, **ctx: Any) -> Response:
    response = templates.TemplateResponse(
        request, name, {"who": who, "csrf": csrf, **ctx}, status_code=status, headers=_SECURITY_HEADERS
    )
    return response


_SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; "
    "script-src 'self'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cache-Control": "no-store",
}


def _to_login() -> RedirectResponse:
    return RedirectResponse("/login", status_code=303)


@router.get("/")
async def home(request: Request) -> Response:
    who, _ = await _session(request)
    return RedirectResponse("/coach" if who else "/login", status_code=303)


@router.get("/login", response_class=HTMLResponse)
async def login_form(request: Request) -> Response:
    return _page(request, "login.html", None, "", error=None)


@router.post("/login")
async def login(request: Request) -> Response:
    body = await request.body()
    form = parse_qs(body[:LOGIN_LIMIT].decode("utf-8", errors="replace"))
    key = (form.get("key") or [""])[0].strip()
    auth: Authenticator = request.app.state.auth
    who = await auth.by_key(key) if key else None
    if who is None:
        return _page(request, "login.html", None, "", status=401, error="That key is unknown or revoked.")
    response = RedirectResponse("/coach", status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        auth.session_cookie(who),
        max_age=SESSION_SECONDS,
        httponly=True,
        samesite="strict",
        secure=request.url.scheme == "https",
        path="/",
    )
    return response


@router.post("/logout")
async def logout(request: Request) -> Response:
    response = _to_login()
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
    return response


@router.get("/coach", response_class=HTMLResponse)
async def coach(request: Request) -> Response:
    who, csrf = await _session(request)
    if who is None:
        return _to_login()
    return _page(request, "coach.html", who, csrf)


@router.get("/conversations", response_class=HTMLResponse)
async def conversations(request: Request, page: int = 0) -> Response:
    who, csrf = await _session(request)
    if who is None:
        return _to_login()
    if RANK[who.role] < RANK["lead"]:
        return _page(request, "conversations.html", who, csrf, items=None, page=0, more=False)
    store: Store = request.app.state.store
    page = max(0, min(page, 100_000))
    items = await run_in_threadpool(store.list_conversations, who.team_id, limit=51, offset=page * 50)
    return _page(request, "conversations.html", who, csrf, items=items[:50], page=page, more=len(items) > 50)


@router.get("/conversations/{conversation_id}", response_class=HTMLResponse)
async def conversation(request: Request, conversation_id: str) -> Response:
    who, csrf = await _session(request)
    if who is None:
        return _to_login()
    store: Store = request.app.state.store
    record = await run_in_threadpool(store.get_conversation, who.team_id, conversation_id[:64])
    if record is None:
        return _page(request, "missing.html", who, csrf, status=404, what=conversation_id[:64])
    points = [
        (f"#{m.position + 1}", m.sent_at, m.analysis["emotions"])
        for m in record.messages
        if m.role == "customer" and m.analysis is not None
    ]
    chart = Markup(
        emotion_chart([(label, emotions) for label, _, emotions in points])
    )  # built from numbers and escaped labels
    return _page(request, "conversation.html", who, csrf, c=record, chart=chart, points=points)


@router.get("/docs", response_class=HTMLResponse)
async def api_docs(request: Request) -> Response:
    """The API reference, rendered from the OpenAPI schema with no external assets."""
    who, csrf = await _session(request)
    spec = request.app.openapi()
    operations = [
        {
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary", ""),
            "description": op.get("description", ""),
            "tags": op.get("tags", []),
            "body": _ref(((op.get("requestBody") or {}).get("content") or {}).get("application/json", {})),
            "responses": {
                code: _ref((r.get("content") or {}).get("application/json", {})) or r.get("description", "")
                for code, r in op.get("responses", {}).items()
            },
            "params": [f"{p['name']} ({p['in']})" for p in op.get("parameters", [])],
        }
        for path, methods in spec["paths"].items()
        for method, op in methods.items()
    ]
    return _page(request, "api.html", who, csrf, spec=spec, operations=operations)


def _ref(content: dict[str, Any]) -> str:
    schema = content.get("schema") or {}
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if schema.get("type") == "array" and "$ref" in schema.get("items", {}):
        return "list of " + str(schema["items"]["$ref"]).rsplit("/", 1)[-1]
    return str(schema.get("title", "")) if schema else ""
