"""`dipgraph serve`: the HTTP API under uvicorn on DIPGRAPH_HOST:DIPGRAPH_PORT."""

from __future__ import annotations

from typing import Annotated

import typer
import uvicorn

from graph.config import get_settings


def serve(
    host: Annotated[str | None, typer.Option(help="bind address (DIPGRAPH_HOST)")] = None,
    port: Annotated[int | None, typer.Option(help="port (DIPGRAPH_PORT)")] = None,
    workers: Annotated[int, typer.Option(min=1, max=16, help="worker processes")] = 1,
    access_log: Annotated[bool, typer.Option(help="log every request")] = False,
) -> None:
    """Serve the API and the docs at /docs; Ctrl-C stops it cleanly."""
    settings = get_settings()
    uvicorn.run(
        "api.app:create_app",
        factory=True,
        host=host or settings.host,
        port=port or settings.port,
        workers=workers,
        log_level="info",
        access_log=access_log,
        timeout_graceful_shutdown=5,
    )


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
