"""`dipgraph serve`: the HTTP API under uvicorn on DIPGRAPH_HOST:DIPGRAPH_PORT."""

from __future__ import annotations

import logging
from typing import Annotated

import typer
import uvicorn
from rich.console import Console

from graph.config import Settings, get_settings
from graph.errors import ServerError
from graph.server import ManagedNeo4j
from graph.supervisor import Supervisor


def announce(settings: Settings, host: str, port: int) -> None:
    """Print where to point a browser: the API docs, the network views and Neo4j Browser."""
    base = f"http://{host}:{port}"
    server = ManagedNeo4j(settings)
    neo4j_browser = (
        f"{server.http_url}/browser/ (user neo4j, password in {server.password_file})"
        if settings.managed
        else f"the Neo4j Browser of {settings.neo4j_uri}"
    )
    out = Console(soft_wrap=True, highlight=False)
    out.print(f"API docs:      {base}/docs")
    out.print(f"Browser view:  {base}/viz")
    out.print(f"Neo4j Browser: {neo4j_browser}")
    out.print("Press Ctrl-C to stop the API.")


def serve(
    host: Annotated[str | None, typer.Option(help="bind address (DIPGRAPH_HOST)")] = None,
    port: Annotated[int | None, typer.Option(help="port (DIPGRAPH_PORT)")] = None,
    workers: Annotated[int, typer.Option(min=1, max=16, help="worker processes")] = 1,
    access_log: Annotated[bool, typer.Option(help="log every request")] = False,
) -> None:
    """Serve the API and the docs at /docs; Ctrl-C stops it cleanly."""
    settings = get_settings()
    host, port = host or settings.host, port or settings.port
    supervisor = supervise(settings)
    announce(settings, host, port)
    try:
        uvicorn.run(
            "api.app:create_app",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level="info",
            access_log=access_log,
            timeout_graceful_shutdown=5,
        )
    finally:
        if supervisor is not None:
            supervisor.stop()


def supervise(settings: Settings) -> Supervisor | None:
    """Start the managed Neo4j if it is down, and watch it while the API runs."""
    if not settings.managed:
        return None
    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(name)s: %(message)s")
    server = ManagedNeo4j(settings)
    try:
        server.start()
    except ServerError as e:
        Console(stderr=True).print(f"[red]error:[/red] {e.message}", highlight=False)
        raise typer.Exit(1) from e
    return Supervisor(server).start()


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
