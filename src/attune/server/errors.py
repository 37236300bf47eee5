"""Errors of the HTTP shell and the one place where every exception becomes an HTTP response.

Server-side codes mirror the HTTP status they map to (``E401``, ``E404``, ...); core codes
(``E1xx`` input, ``E2xx`` data, ``E3xx`` usage) and storage codes (``E5xx``) pass through
unchanged. Every error body is ``{"error": {"code", "message", "details"}}``.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from attune.errors import AttuneError, DataFileError, InputError, UsageError
from attune.store.errors import DatabaseNotReadyError, StoreError

log = logging.getLogger("attune.server")


class HTTPError(AttuneError):
    """An error of the HTTP shell; ``status`` is the HTTP status it maps to."""

    code = "E400"
    status = 400

    def __init__(self, message: str, *, details: list[dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.details = details or []


class RequestInvalid(HTTPError):
    """The request body or parameters do not match the API's schema."""

    code = "E422"
    status = 422


class Unauthenticated(HTTPError):
    """No API key, or one that is unknown or revoked."""

    code = "E401"
    status = 401


class Forbidden(HTTPError):
    """The key's role may not do this."""

    code = "E403"
    status = 403


class NotFound(HTTPError):
    """No such resource in the caller's team."""

    code = "E404"
    status = 404


class MethodNotAllowed(HTTPError):
    code = "E405"
    status = 405


class PayloadTooLarge(HTTPError):
    """The request body is larger than ``ATTUNE_MAX_BODY_BYTES``."""

    code = "E413"
    status = 413


class UnsupportedMediaType(HTTPError):
    code = "E415"
    status = 415


class ServiceUnavailable(HTTPError):
    """The server is not ready, or a feature is not configured."""

    code = "E503"
    status = 503


_BY_STATUS: dict[int, type[HTTPError]] = {
    400: HTTPError,
    401: Unauthenticated,
    403: Forbidden,
    404: NotFound,
    405: MethodNotAllowed,
    413: PayloadTooLarge,
    415: UnsupportedMediaType,
    422: RequestInvalid,
    503: ServiceUnavailable,
}


def status_of(exc: AttuneError) -> int:
    """The HTTP status of an attune error."""
    if isinstance(exc, HTTPError):
        return exc.status
    if isinstance(exc, InputError):
        return 422
    if isinstance(exc, UsageError):
        return 400
    if isinstance(exc, DatabaseNotReadyError):
        return 503
    if isinstance(exc, DataFileError | StoreError):
        return 500
    return 500


def error_response(exc: AttuneError) -> JSONResponse:
    status = status_of(exc)
    details = exc.details if isinstance(exc, HTTPError) else []
    headers = {"WWW-Authenticate": 'Bearer realm="attune"'} if status == 401 else None
    body = {"error": {"code": exc.code, "message": exc.message, "details": details}}
    return JSONResponse(body, status_code=status, headers=headers)


def as_attune_error(exc: Exception) -> AttuneError:
    """Any exception as the attune error it stands for (unknown ones become a bare E500)."""
    if isinstance(exc, AttuneError):
        return exc
    if isinstance(exc, RequestValidationError):
        details = [
            {"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")), "type": str(e.get("type", ""))}
            for e in exc.errors()
        ]
        first = details[0] if details else {"loc": [], "msg": "invalid request"}
        where = ".".join(str(p) for p in first["loc"]) or "request"
        return RequestInvalid(f"{where}: {first['msg']}", details=details)
    if isinstance(exc, StarletteHTTPException):
        cls = _BY_STATUS.get(exc.status_code, HTTPError)
        err = cls(str(exc.detail))
        if cls is HTTPError:
            err.status = exc.status_code
            err.code = f"E{exc.status_code}"
        return err
    internal = AttuneError("internal error; the server log has the details")
    internal.code = "E500"
    return internal


def install_error_handler(app: FastAPI) -> None:
    """Map every exception to a JSON error: the only exception handler of the app."""

    async def handle(request: Request, exc: Exception) -> JSONResponse:
        err = as_attune_error(exc)
        if not isinstance(exc, AttuneError | RequestValidationError | StarletteHTTPException):
            log.error(
                "unhandled error",
                exc_info=exc,
                extra={"event": "error", "path": request.url.path, "method": request.method},
            )
        return error_response(err)

    for cls in (Exception, AttuneError, RequestValidationError, StarletteHTTPException):
        app.add_exception_handler(cls, handle)
