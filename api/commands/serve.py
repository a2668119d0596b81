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


def banner(settings: Settings, host: str, port: int) -> list[str]:
    """Where to point a browser (start page, API docs, views, Neo4j Browser already aimed at the
    right Bolt port), which Neo4j the API uses, and whether writes are on."""
    base = f"http://{host}:{port}"
    writes = (
        "on (DIPGRAPH_API_KEY is set; send it as X-API-Key)"
        if settings.api_key is not None and settings.api_key.get_secret_value()
        else "off (set DIPGRAPH_API_KEY to allow POST/DELETE /api/v1/articles)"
    )
    return [
        f"Start page:    {base}/",
        f"API docs:      {base}/docs",
        f"Browser view:  {base}/viz",
        f"Neo4j (bolt):  {bolt_address(settings)}",
        f"Neo4j Browser: {neo4j_browser(settings)}",
        f"Writes:        {writes}",
        "Press Ctrl-C to stop the API.",
    ]


def bolt_address(settings: Settings) -> str:
    return ManagedNeo4j(settings).bolt_uri if settings.managed else str(settings.neo4j_uri)


def neo4j_browser(settings: Settings) -> str:
    if not settings.managed:
        return f"the Neo4j Browser of {settings.neo4j_uri}"
    server = ManagedNeo4j(settings)
    return f"{server.browser_url} (user neo4j, password in {server.password_file})"


def announce(settings: Settings, host: str, port: int) -> None:
    out = Console(soft_wrap=True, highlight=False)
    for line in banner(settings, host, port):
        out.print(line, markup=False)


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


def configure_logging() -> None:
    """The supervisor's lines at INFO, not the driver's: at INFO it logs a notification for
    every schema statement at start-up ("index already exists", ~55 lines)."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s:     %(name)s: %(message)s")
    logging.getLogger("dipgraph").setLevel(logging.INFO)
    logging.getLogger("neo4j").setLevel(logging.WARNING)


def supervise(settings: Settings) -> Supervisor | None:
    """Start the managed Neo4j if it is down, and watch it while the API runs."""
    if not settings.managed:
        return None
    configure_logging()
    server = ManagedNeo4j(settings)
    try:
        server.start()
    except ServerError as e:
        Console(stderr=True).print(f"[red]error:[/red] {e.message}", highlight=False)
        raise typer.Exit(1) from e
    return Supervisor(server).start()


def register(app: typer.Typer) -> None:
    app.command("serve")(serve)
