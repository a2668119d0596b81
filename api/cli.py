"""The `dipgraph` command: the CLI front door, mirroring the HTTP API."""

from __future__ import annotations

import importlib

import typer

# Each module registers its own commands; a module per command group keeps this file stable.
COMMAND_MODULES = (
    "api.commands.extract",
    "api.commands.ingest",
    "api.commands.neo4j",
    "api.commands.cypher",
    "api.commands.serve",
)

app = typer.Typer(
    name="dipgraph",
    help="Diplomatic-relations knowledge graph: extract, store, query and draw.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
