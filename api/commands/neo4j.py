"""`dipgraph neo4j start|stop|status`: the managed Neo4j server."""

from __future__ import annotations

import time

import typer
from rich.console import Console

from graph.config import get_settings
from graph.errors import ServerError
from graph.server import ManagedNeo4j

console = Console(stderr=True, soft_wrap=True)
group = typer.Typer(help="Run the managed Neo4j 5.26 Community server.", no_args_is_help=True)


def _server() -> ManagedNeo4j:
    settings = get_settings()
    if not settings.managed:
        console.print(
            f"NEO4J_URI is set ({settings.neo4j_uri}): dipgraph does not manage that server"
        )
        raise typer.Exit(2)
    return ManagedNeo4j(settings)


@group.command()
def start() -> None:
    """Provision (first time only) and start the server; waits until Bolt answers."""
    server = _server()
    began = time.monotonic()
    try:
        status, started = server.start()
    except ServerError as exc:
        console.print(f"[red]error:[/red] {exc.message}", highlight=False)
        raise typer.Exit(1) from exc
    if not started:
        console.print(f"already running: {status.describe()}")
        return
    console.print(f"started in {time.monotonic() - began:.1f}s: {status.describe()}")
    console.print(
        f"Neo4j Browser: {status.http_url}/browser/ (user neo4j, "
        f"password in {server.password_file})"
    )


@group.command()
def stop() -> None:
    """Shut the server down cleanly."""
    server = _server()
    console.print("stopped" if server.stop() else "Neo4j was not running")


@group.command()
def status() -> None:
    """Say whether the server runs; exit status 3 when it does not."""
    st = _server().status()
    console.print(st.describe())
    if not st.running:
        raise typer.Exit(3)


def register(app: typer.Typer) -> None:
    app.add_typer(group, name="neo4j")
