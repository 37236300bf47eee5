"""The ``/v1`` API: the five core functions, conversations, keys and the caller's identity.

The core endpoints return the core's ``to_dict()`` as is (their response models document it); the
core runs on the event loop for short texts and in the thread pool for long ones.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import BaseModel, TypeAdapter
from starlette.concurrency import run_in_threadpool

from attune import assess, draft, rewrite, suggest
from attune.server import schemas as s
from attune.server.auth import principal, role_at_least
from attune.server.errors import NotFound
from attune.server.judge import Turn, judge_conversation
from attune.store import CustomerIn, Principal, Store
from attune.store.records import ConversationRecord, KeyInfo
from attune.types import CustomerAnalysis, Draft, ReplyAssessment, Rewrite, Suggestion

B = TypeVar("B", bound=BaseModel)

#: Texts longer than this run in the thread pool so that they do not stall other requests.
INLINE_CHARS = 4000

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": s.ErrorOut, "description": "Missing, unknown or revoked API key."},
    422: {"model": s.ErrorOut, "description": "Invalid request or text that cannot be judged (E1xx)."},
}

router = APIRouter(prefix="/v1", responses=ERRORS)

Caller = Annotated[Principal, Depends(principal)]
Lead = Annotated[Principal, Depends(role_at_least("lead"))]
Admin = Annotated[Principal, Depends(role_at_least("admin"))]

#: The analysis of a customer's message (``None`` for none), cached per process by ``create_app``.
Analyzer = Callable[[str | None, str | None], CustomerAnalysis | None]


#: Serialise the core's frozen dataclasses in pydantic-core: the same JSON as ``to_dict()`` (a
#: test checks), several times faster than ``dataclasses.asdict`` and ``json.dumps``.
_JSON: dict[type, TypeAdapter[Any]] = {
    cls: TypeAdapter(cls) for cls in (CustomerAnalysis, ReplyAssessment, Rewrite, Draft, list[Suggestion])
}


class JSONBytes(Response):
    media_type = "application/json"


def encode(cls: type, value: object) -> Response:
    """A response with the core result ``value`` as JSON, exactly as its ``to_dict()``."""
    return JSONBytes(_JSON[cls].dump_json(value))


def analyzer(request: Request) -> Analyzer:
    """The app's cached analysis of customer messages: the live coach sends the same one on every keystroke."""
    customer: Analyzer = request.app.state.customer
    return customer


@dataclass(frozen=True, slots=True)
class CoreCall(Generic[B]):
    """One core endpoint as plain data: its body model, what it runs, and the type it returns.

    The routes below and the fast path in :mod:`attune.server.fast` both serve through
    :meth:`respond`, so they cannot answer differently.
    """

    body: type[B]
    result: type
    size: Callable[[B], int]
    run: Callable[[B, Analyzer], object]

    async def respond(self, body: B, customer: Analyzer) -> Response:
        """Run the core on the event loop for short texts, in the thread pool for long ones."""
        if self.size(body) > INLINE_CHARS:
            value = await run_in_threadpool(self.run, body, customer)
        else:
            value = self.run(body, customer)
        return encode(self.result, value)


def _suggest(body: s.SuggestIn, customer: Analyzer) -> list[Suggestion]:
    analysis = customer(body.customer, None)
    assert analysis is not None
    return suggest(analysis, reply=body.reply, n=body.n, seed=body.seed)


def _draft(body: s.DraftIn, customer: Analyzer) -> Draft:
    analysis = customer(body.customer, None)
    assert analysis is not None
    return draft(analysis, agent_name=body.agent_name, facts=body.facts)


ANALYZE = CoreCall(
    s.AnalyzeIn, CustomerAnalysis, lambda b: len(b.text), lambda b, customer: customer(b.text, b.customer_name)
)
ASSESS = CoreCall(
    s.AssessIn,
    ReplyAssessment,
    lambda b: len(b.reply) + len(b.customer or ""),
    lambda b, customer: assess(
        b.reply,
        customer=customer(b.customer, b.customer_name),
        customer_name=b.customer_name,
        agent_name=b.agent_name,
    ),
)
SUGGEST = CoreCall(s.SuggestIn, list[Suggestion], lambda b: len(b.customer) + len(b.reply or ""), _suggest)
REWRITE = CoreCall(
    s.RewriteIn,
    Rewrite,
    lambda b: len(b.reply) + len(b.customer or ""),
    lambda b, customer: rewrite(b.reply, customer=customer(b.customer, None)),
)
DRAFT = CoreCall(s.DraftIn, Draft, lambda b: len(b.customer), _draft)

#: The core endpoints by path, for the fast path.
CORE_CALLS: dict[str, CoreCall[Any]] = {
    "/v1/analyze": ANALYZE,
    "/v1/assess": ASSESS,
    "/v1/suggest": SUGGEST,
    "/v1/rewrite": REWRITE,
    "/v1/draft": DRAFT,
}


# ------------------------------------------------------------------------------------- core


@router.post("/analyze", response_model=s.AnalysisOut, tags=["core"])
async def analyze_route(body: s.AnalyzeIn, who: Caller, request: Request) -> Response:
    """Read a customer's message: emotions, situations, urgency, escalation, abuse, with evidence."""
    return await ANALYZE.respond(body, analyzer(request))


@router.post("/assess", response_model=s.AssessmentOut, tags=["core"])
async def assess_route(body: s.AssessIn, who: Caller, request: Request) -> Response:
    """Judge a reply: stance, a 0..100 score and ten dimensions, each with evidence."""
    return await ASSESS.respond(body, analyzer(request))


@router.post("/suggest", response_model=list[s.SuggestionOut], tags=["core"])
async def suggest_route(body: s.SuggestIn, who: Caller, request: Request) -> Response:
    """Statements that fit the customer's situation; with `reply`, what the reply lacks first."""
    return await SUGGEST.respond(body, analyzer(request))


@router.post("/rewrite", response_model=s.RewriteOut, tags=["core"])
async def rewrite_route(body: s.RewriteIn, who: Caller, request: Request) -> Response:
    """A warmer version of a reply and the edits that make it, each with its reason."""
    return await REWRITE.respond(body, analyzer(request))


@router.post("/draft", response_model=s.DraftOut, tags=["core"])
async def draft_route(body: s.DraftIn, who: Caller, request: Request) -> Response:
    """A complete reply built from the customer's message, with placeholders left to fill."""
    return await DRAFT.respond(body, analyzer(request))


def _store(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


# ---------------------------------------------------------------------------- conversations


@router.post(
    "/conversations",
    response_model=s.ConversationOut,
    status_code=201,
    tags=["conversations"],
)
def create_conversation(body: s.ConversationIn, who: Caller, request: Request, response: Response) -> Any:
    """Store a conversation: customer turns are analysed, agent turns assessed in context.

    Texts are stored redacted (unless ATTUNE_REDACT=false); the judgments were made on the full
    text and their spans are mapped onto the redacted one.
    """
    customer_name = body.customer.name if body.customer else None
    turns = [
        Turn(role=m.role, text=m.text, author=m.author, channel=m.channel or body.channel, sent_at=m.sent_at)
        for m in body.messages
    ]
    messages = judge_conversation(turns, customer_name)
    customer = (
        CustomerIn(body.customer.id, body.customer.name, dict(body.customer.preferences)) if body.customer else None
    )
    store = _store(request)
    conv_id = store.add_conversation(
        who.team_id, messages, subject=body.subject, channel=body.channel, customer=customer
    )
    record = store.get_conversation(who.team_id, conv_id)
    assert record is not None
    response.headers["Location"] = f"/v1/conversations/{conv_id}"
    return conversation_out(record)


@router.get("/conversations", response_model=s.ConversationListOut, tags=["conversations"])
def list_conversations(
    who: Lead,
    request: Request,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> Any:
    """The team's conversations, newest first (role lead or admin)."""
    store = _store(request)
    items = store.list_conversations(who.team_id, limit=limit, offset=offset)
    return {
        "total": store.count_conversations(who.team_id),
        "items": [
            {
                "id": c.id,
                "subject": c.subject,
                "channel": c.channel,
                "source": c.source,
                "created_at": c.created_at,
                "messages": c.messages,
                "customer_name": c.customer_name,
            }
            for c in items
        ],
    }


@router.get(
    "/conversations/{conversation_id}",
    response_model=s.ConversationOut,
    tags=["conversations"],
    responses={404: {"model": s.ErrorOut, "description": "No such conversation in your team."}},
)
def get_conversation(conversation_id: str, who: Caller, request: Request) -> Any:
    """A stored conversation with every turn's analysis or assessment."""
    record = _store(request).get_conversation(who.team_id, conversation_id[:64])
    if record is None:
        raise NotFound(f"no conversation {conversation_id!r} in team {who.team}")
    return conversation_out(record)


def conversation_out(record: ConversationRecord) -> dict[str, Any]:
    c = record.customer
    return {
        "id": record.id,
        "subject": record.subject,
        "channel": record.channel,
        "source": record.source,
        "external_id": record.external_id,
        "created_at": record.created_at,
        "updated_at": record.updated_at,
        "customer": None
        if c is None
        else {"id": c.external_id, "name": c.name, "preferences": c.preferences, "history": c.history},
        "messages": [
            {
                "id": m.id,
                "position": m.position,
                "role": m.role,
                "author": m.author,
                "channel": m.channel,
                "sent_at": m.sent_at,
                "text": m.text,
                "redactions": m.redactions,
                "analysis": m.analysis,
                "assessment": m.assessment,
            }
            for m in record.messages
        ],
    }


# --------------------------------------------------------------------------------- identity


@router.get("/me", response_model=s.MeOut, tags=["access"])
async def me(who: Caller) -> Any:
    """The team and role of the key in use."""
    return {"team": who.team, "role": who.role}


@router.get("/keys", response_model=list[s.KeyOut], tags=["access"])
def list_keys(who: Admin, request: Request) -> Any:
    """The team's API keys, without the keys themselves (role admin)."""
    return [_key_out(k) for k in _store(request).list_keys(who.team_id)]


@router.post("/keys", response_model=s.KeyCreatedOut, status_code=201, tags=["access"])
def create_key(body: s.KeyCreateIn, who: Admin, request: Request) -> Any:
    """Create a key for the caller's team; the key is in this response only (role admin)."""
    key, info = _store(request).create_key(who.team, body.role, body.name)
    return {**_key_out(info), "key": key}


@router.delete(
    "/keys/{key_id}",
    status_code=204,
    tags=["access"],
    responses={404: {"model": s.ErrorOut, "description": "No such key in your team."}},
)
def revoke_key(key_id: Annotated[int, Path(ge=1, le=2**31 - 1)], who: Admin, request: Request) -> Response:
    """Revoke a key of the caller's team; it stops working within 30 seconds (role admin)."""
    if not _store(request).revoke_key(who.team_id, key_id):
        raise NotFound(f"no key {key_id} in team {who.team}")
    request.app.state.auth.forget()
    return Response(status_code=204)


def _key_out(k: KeyInfo) -> dict[str, Any]:
    return {
        "id": k.id,
        "team": k.team,
        "role": k.role,
        "name": k.name,
        "prefix": k.prefix,
        "created_at": k.created_at,
        "revoked": k.revoked,
    }
