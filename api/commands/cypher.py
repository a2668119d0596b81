"""`dipgraph cypher QUERY`: read-only Cypher through the same guard as POST /api/v1/cypher."""

from __future__ import annotations

import json
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from graph import db
from graph.config import get_settings
from graph.errors import GraphError, QueryRefused
from graph.guard import CypherResult, limits_from, run_readonly

out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)


def _params(pairs: list[str]) -> dict[str, Any]:
    """`name=value` pairs; a value that parses as JSON is taken as JSON, else as a string."""
    params: dict[str, Any] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name:
            raise typer.BadParameter(f"expected name=value, got {pair!r}", param_hint="--param")
        try:
            params[name] = json.loads(value)
        except ValueError:
            params[name] = value
    return params


def cypher(
    query: Annotated[str, typer.Argument(help="one read-only Cypher statement")],
    param: Annotated[list[str], typer.Option("--param", "-p", help="name=value")] = [],  # noqa: B006
    as_json: Annotated[bool, typer.Option("--json", help="print JSON instead of a table")] = False,
) -> None:
    """Run a read-only query: writes, admin commands and unsafe procedures are refused."""
    settings = get_settings()
    try:
        with db.open_driver(settings) as driver:
            result = run_readonly(
                driver,
                query,
                _params(param),
                database=db.database(settings),
                limits=limits_from(settings),
            )
    except GraphError as e:
        err.print(f"error ({e.code}): {e.message}", highlight=False, markup=False)
        raise typer.Exit(2 if isinstance(e, QueryRefused) else 1) from None
    _print(result, as_json)


def _print(result: CypherResult, as_json: bool) -> None:
    if as_json:
        body = {"columns": result.columns, "rows": result.rows, "truncated": result.truncated}
        typer.echo(json.dumps(body, ensure_ascii=False))
        return
    table = Table(*result.columns)
    for row in result.rows:
        table.add_row(*(Text(json.dumps(row[c], ensure_ascii=False)) for c in result.columns))
    out.print(table)
    if result.truncated:
        err.print(f"(truncated at {len(result.rows)} rows, by the {result.truncated_by} cap)")


def register(app: typer.Typer) -> None:
    app.command("cypher")(cypher)
