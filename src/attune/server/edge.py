"""What every request passes through: the body size limit, the settings in force, one log line.

A pure ASGI middleware (no per-request task or body buffering). Log lines are JSON with method,
path, status, duration and team; never a body, a header value or a key.
"""

from __future__ import annotations

import json
import logging
import sys
import time
import uuid
from typing import Any

from fastapi import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from attune.config import Settings, use_settings
from attune.server.errors import PayloadTooLarge, error_response

access = logging.getLogger("attune.server.access")

_RESERVED = frozenset(logging.makeLogRecord({}).__dict__) | {"message", "asctime", "color_message"}


class JsonFormatter(logging.Formatter):
    """One JSON object per line: time, level, logger, message and the record's extra fields."""

    def format(self, record: logging.LogRecord) -> str:
        out: dict[str, Any] = {
            "time": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created)) + f".{int(record.msecs):03d}Z",
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        out.update({k: v for k, v in record.__dict__.items() if k not in _RESERVED})
        if record.exc_info and record.exc_info[0] is not None:
            out["exception"] = record.exc_info[0].__name__
            out["traceback"] = self.formatException(record.exc_info)
        return json.dumps(out, ensure_ascii=False, default=str)


def configure_logging(level: str = "info") -> None:
    """Send attune's and Uvicorn's logs to stderr as JSON lines."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    for name in ("attune", "uvicorn", "uvicorn.error"):
        logger = logging.getLogger(name)
        logger.handlers = [handler]
        logger.setLevel(level.upper())
        logger.propagate = False
    logging.getLogger("uvicorn.access").disabled = True  # replaced by attune.server.access
    # The JSON lines carry none of these, and collecting them is half the cost of a request's log
    # line (the logging HOWTO's "Optimization" section); `attune serve` owns its process.
    logging._srcfile = None  # no caller lookup per record
    logging.logThreads = False
    logging.logProcesses = False
    logging.logMultiprocessing = False


class Edge:
    """Limits request bodies, puts the app's settings in force and logs each request."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.limit = settings.max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        status = 500
        length = _content_length(scope)
        if length is not None and length > self.limit:
            await error_response(self._too_large(length))(scope, receive, send)
            self._log(scope, 413, started)
            return
        seen = 0

        async def limited_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    # FastAPI re-raises an HTTPException met while reading the body (anything else
                    # becomes a 400); the error handler turns it into E413.
                    raise HTTPException(413, self._too_large(seen).message)
            return message

        async def send_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            with use_settings(self.settings):
                await self.app(scope, limited_receive, send_status)
        finally:
            self._log(scope, status, started)

    def _too_large(self, size: int) -> PayloadTooLarge:
        return PayloadTooLarge(
            f"request body of {size} bytes is over the limit of {self.limit} bytes (ATTUNE_MAX_BODY_BYTES)"
        )

    def _log(self, scope: Scope, status: int, started: float) -> None:
        if not access.isEnabledFor(logging.INFO):
            return
        state = scope.get("state") or {}
        who = state.get("principal")
        access.info(
            "request",
            extra={
                "event": "request",
                "request_id": uuid.uuid4().hex[:12],
                "method": scope.get("method"),
                "path": scope.get("path"),
                "status": status,
                "ms": round((time.perf_counter() - started) * 1000, 2),
                "team": getattr(who, "team", None),
                "role": getattr(who, "role", None),
            },
        )


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None
