"""Request bodies refused by size before they are read: by Content-Length, then by counting.

Before this a 300 MB body to /cypher was parsed whole (+670 MB) and /articles checked its size
only after buffering the body.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Mapping
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.errors import body

# Analyst queries are at most 20,000 characters; this leaves room for their parameters.
DEFAULT_MAX_BODY = 256 * 1024


class BodyTooLarge(Exception):
    """Raised from `receive` once the body passes its limit."""


class BodyLimit:
    """ASGI middleware: `default` bytes per request body, or `per_path[path]` where named."""

    def __init__(
        self,
        app: ASGIApp,
        default: int = DEFAULT_MAX_BODY,
        per_path: Mapping[str, int] | None = None,
    ) -> None:
        self.app, self.default, self.per_path = app, default, dict(per_path or {})

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.per_path.get(scope["path"], self.default)
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > limit):
            await _refuse(send, limit)
            return
        await _counted(self.app, scope, receive, send, limit)


async def _counted(app: ASGIApp, scope: Scope, receive: Receive, send: Send, limit: int) -> None:
    """Run the app with a `receive` that stops at `limit` bytes; then answer 413 in its place."""
    state: dict[str, Any] = {"seen": 0, "over": False, "sent": False}

    async def limited() -> Message:
        message = await receive()
        if message["type"] == "http.request":
            state["seen"] += len(message.get("body", b""))
            if state["seen"] > limit:
                state["over"] = True
                raise BodyTooLarge
        return message

    async def guarded_send(message: Message) -> None:
        if not state["over"]:
            state["sent"] = True
            await send(message)

    with contextlib.suppress(BodyTooLarge):
        await app(scope, limited, guarded_send)
    if state["over"] and not state["sent"]:
        await _refuse(send, limit)


async def _refuse(send: Send, limit: int) -> None:
    payload = json.dumps(
        body(
            "payload_too_large",
            f"the request body is larger than {limit:,} bytes",
            {"max_bytes": limit},
        )
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(payload)).encode()),
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": payload})
