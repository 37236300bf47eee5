"""The one outbound client: posting an assessment back to a helpdesk as an internal note.

:class:`HelpdeskClient` is the seam; :class:`HttpHelpdesk` speaks each helpdesk's API and
:class:`RecordingHelpdesk` is the in-process double that tests put in its place.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

import httpx

from attune.config import Settings

Provider = Literal["zendesk", "freshdesk", "intercom"]
PROVIDERS: tuple[Provider, ...] = ("zendesk", "freshdesk", "intercom")


@dataclass(frozen=True, slots=True)
class Note:
    """An internal note for ticket ``ticket_id``; ``author_id`` is needed by Intercom (an admin id)."""

    provider: Provider
    ticket_id: str
    body: str
    author_id: str | None = None


class HelpdeskClient(Protocol):
    async def post_note(self, note: Note) -> None: ...

    async def aclose(self) -> None: ...


class HttpHelpdesk:
    """Posts notes over HTTPS with ``ATTUNE_HELPDESK_URL`` and ``ATTUNE_HELPDESK_TOKEN``."""

    def __init__(self, base_url: str, token: str, *, transport: httpx.AsyncBaseTransport | None = None) -> None:
        self._client = httpx.AsyncClient(base_url=base_url.rstrip("/"), timeout=10.0, transport=transport)
        self._token = token

    async def post_note(self, note: Note) -> None:
        method, path, body, auth = self._request(note)
        response = await self._client.request(method, path, json=body, auth=auth, headers=self._headers(note))
        response.raise_for_status()

    def _headers(self, note: Note) -> dict[str, str]:
        if note.provider == "freshdesk":
            return {}
        return {"Authorization": f"Bearer {self._token}"}

    def _request(self, note: Note) -> tuple[str, str, dict[str, Any], tuple[str, str] | None]:
        if note.provider == "zendesk":
            body = {"ticket": {"comment": {"body": note.body, "public": False}}}
            return "PUT", f"/api/v2/tickets/{note.ticket_id}.json", body, None
        if note.provider == "freshdesk":
            return (
                "POST",
                f"/api/v2/tickets/{note.ticket_id}/notes",
                {"body": note.body, "private": True},
                (
                    self._token,
                    "X",
                ),
            )
        note_body: dict[str, Any] = {"message_type": "note", "type": "admin", "admin_id": note.author_id}
        note_body["body"] = note.body
        return "POST", f"/conversations/{note.ticket_id}/reply", note_body, None

    async def aclose(self) -> None:
        await self._client.aclose()


@dataclass
class RecordingHelpdesk:
    """The test double: keeps every note instead of sending it; ``fail`` makes posting raise."""

    notes: list[Note] = field(default_factory=list)
    fail: bool = False

    async def post_note(self, note: Note) -> None:
        if self.fail:
            raise httpx.ConnectError("helpdesk unreachable (RecordingHelpdesk.fail)")
        self.notes.append(note)

    async def aclose(self) -> None:
        return None


def client_for(settings: Settings) -> HelpdeskClient | None:
    """The client the settings ask for: none unless ``helpdesk_url`` is set."""
    if not settings.helpdesk_url:
        return None
    token = settings.helpdesk_token.get_secret_value() if settings.helpdesk_token else ""
    return HttpHelpdesk(settings.helpdesk_url, token)


def render_note(assessment: dict[str, Any]) -> str:
    """The note posted back: stance, score and what the reply lacks, with the suggestions."""
    lines = [f"attune: {assessment['stance']} reply, empathy score {assessment['score']:.0f}/100."]
    missing = [
        (name, d.get("suggestion"))
        for name, d in assessment.get("dimensions", {}).items()
        if d.get("applicable") and (d.get("score") or 0.0) < 0.5
    ]
    if missing:
        lines.append("To improve:")
        lines.extend(f"- {name.replace('_', ' ')}: {tip or 'missing'}" for name, tip in missing[:5])
    return "\n".join(lines)
