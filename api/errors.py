"""One handler for every failure, one body: `{"error": {"code", "message", "details"}}`."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from graph.errors import GraphError
from ingest.errors import IngestError, InputTooLarge

log = logging.getLogger("dipgraph.api")

HTTP_CODES = {
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_input",
    429: "too_many_queries",
}
Described = tuple[int, str, str, dict[str, Any]]
# 405 keeps its Allow header; 503 tells clients when to come back.
RETRY_AFTER = {"Retry-After": "2"}


class ApiError(Exception):
    """A refusal of the HTTP layer itself (authentication, media type), with a stable code."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        details: dict | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details or {}
        self.headers = headers or {}


def body(code: str, message: str, details: dict[str, Any] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "details": details or {}}}


def describe(e: Exception) -> Described:
    """Status, code, message and details for any exception the app lets out."""
    if isinstance(e, GraphError | ApiError):
        return e.status, e.code, e.message, e.details
    if isinstance(e, IngestError):
        status = (
            413 if isinstance(e, InputTooLarge) else 500 if e.code == "extraction_failed" else 422
        )
        return status, e.code, e.problem, {"source": e.source}
    if isinstance(e, RequestValidationError):
        return 422, "invalid_input", "the request is not valid", {"errors": _problems(e)}
    if isinstance(e, StarletteHTTPException):
        return e.status_code, HTTP_CODES.get(e.status_code, "http_error"), str(e.detail), {}
    log.exception("unexpected error", exc_info=e)
    return 500, "internal_error", "an unexpected error occurred", {}


def _problems(e: RequestValidationError) -> list[dict[str, Any]]:
    return [
        {"loc": [str(p) for p in err.get("loc", ())], "msg": str(err.get("msg", ""))}
        for err in e.errors()
    ]


METHODS = ("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT")


def _allowed_methods(request: Request) -> str:
    """Every method some route serves at this path, asked of the routes themselves through
    Starlette's public `matches` (FastAPI 0.16x nests included routers, so a walk over
    `app.routes` found none and every 405 carried an empty Allow)."""
    routes = request.app.router.routes
    allowed = [
        method
        for method in METHODS
        if any(r.matches({**request.scope, "method": method})[0] == Match.FULL for r in routes)
    ]
    return ", ".join(allowed)


async def handle(request: Request, e: Exception) -> JSONResponse:
    status, code, message, details = describe(e)
    headers = dict(getattr(e, "headers", None) or {}) or None
    if status == 405:
        headers = {"Allow": _allowed_methods(request)}
    if status == 503:
        headers = {**(headers or {}), **RETRY_AFTER}
    return JSONResponse(body(code, message, details), status_code=status, headers=headers)


def install(app: FastAPI) -> None:
    for kind in (
        GraphError,
        IngestError,
        ApiError,
        RequestValidationError,
        StarletteHTTPException,
        Exception,
    ):
        app.add_exception_handler(kind, handle)
