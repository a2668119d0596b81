"""Errors of the graph layer, each with a stable code and the HTTP status it maps to."""

from __future__ import annotations

from typing import Any


class GraphError(Exception):
    """Root of the graph layer's errors; `api/errors.py` maps it to one error body."""

    code: str = "graph_error"
    status: int = 500

    def __init__(self, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or {}


class NotFound(GraphError):
    code = "not_found"
    status = 404


class InvalidInput(GraphError):
    code = "invalid_input"
    status = 422


class Conflict(GraphError):
    code = "conflict"
    status = 409


class StoreUnavailable(GraphError):
    code = "store_unavailable"
    status = 503


class QueryRefused(GraphError):
    code = "query_refused"
    status = 400


class ServerError(GraphError):
    """The managed Neo4j could not be provisioned, started or stopped."""

    code = "server_error"
    status = 503


class QueryTimeout(QueryRefused):
    """A read-only Cypher query ran past the server-set time limit."""

    code = "query_timeout"
    status = 408


class ResourceLimit(InvalidInput):
    """A query or value asked for more memory, bytes or length than a caller may use."""

    code = "resource_limit"
    status = 422
