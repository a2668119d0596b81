"""Opening the one Neo4j driver of a process, for the managed server or the one NEO4J_URI names."""

from __future__ import annotations

import neo4j

from graph.config import Settings, get_settings
from graph.errors import ServerError
from graph.server import ManagedNeo4j


def connection(settings: Settings | None = None) -> tuple[str, tuple[str, str]]:
    """The Bolt URI and credentials to use; the managed server's password comes from its file."""
    s = settings or get_settings()
    if not s.managed:
        password = s.neo4j_password.get_secret_value() if s.neo4j_password else ""
        return str(s.neo4j_uri), (s.neo4j_user, password)
    server = ManagedNeo4j(s)
    if not server.password_file.exists():
        raise ServerError(
            f"the managed Neo4j in {server.home} has never been started: run `dipgraph neo4j start`"
        )
    return server.bolt_uri, ("neo4j", server.password_file.read_text().strip())


def open_driver(settings: Settings | None = None) -> neo4j.Driver:
    uri, auth = connection(settings)
    return neo4j.GraphDatabase.driver(
        uri,
        auth=auth,
        max_connection_pool_size=64,
        connection_acquisition_timeout=10.0,
        connection_timeout=5.0,
        max_transaction_retry_time=15.0,
        liveness_check_timeout=2.0,
    )


def database(settings: Settings | None = None) -> str:
    return (settings or get_settings()).neo4j_database
