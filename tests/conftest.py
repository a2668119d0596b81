"""Session fixtures: one real Neo4j 5.26 for the whole run (or the server NEO4J_URI names)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass

import neo4j
import pytest

from graph.config import get_settings
from graph.server import ManagedNeo4j
from tests.neo4j_support import managed_settings, server_env

CLEAR = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"


@dataclass(frozen=True)
class Neo4jConn:
    uri: str
    user: str
    password: str
    database: str
    server: ManagedNeo4j | None  # None when the tests use an external NEO4J_URI


@pytest.fixture(scope="session")
def neo4j_conn(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Neo4jConn]:
    if os.environ.get("NEO4J_URI"):
        yield Neo4jConn(
            os.environ["NEO4J_URI"],
            os.environ.get("NEO4J_USER", "neo4j"),
            os.environ.get("NEO4J_PASSWORD", ""),
            os.environ.get("NEO4J_DATABASE", "neo4j"),
            None,
        )
        return
    server = ManagedNeo4j(managed_settings(tmp_path_factory.mktemp("dipgraph-home")))
    server.start()
    env = server_env(server)
    saved = {k: os.environ.get(k) for k in env}
    os.environ.update(env)  # CLI subprocesses and get_settings() now reach this server
    get_settings.cache_clear()
    try:
        yield Neo4jConn(env["NEO4J_URI"], "neo4j", env["NEO4J_PASSWORD"], "neo4j", server)
    finally:
        server.stop()
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
        get_settings.cache_clear()


@pytest.fixture(scope="session")
def driver(neo4j_conn: Neo4jConn) -> Iterator[neo4j.Driver]:
    drv = neo4j.GraphDatabase.driver(neo4j_conn.uri, auth=(neo4j_conn.user, neo4j_conn.password))
    drv.verify_connectivity()
    yield drv
    drv.close()


@pytest.fixture
def db(driver: neo4j.Driver, neo4j_conn: Neo4jConn) -> Iterator[neo4j.Driver]:
    """An empty database with the schema in place."""
    from graph.schema import ensure_schema

    with driver.session(database=neo4j_conn.database) as session:
        session.run(CLEAR).consume()
    ensure_schema(driver, neo4j_conn.database)
    yield driver


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Say how many tests ran against the real Neo4j, so a summary proves the graph was tested."""
    counts = {"passed": 0, "failed": 0, "skipped": 0}
    for outcome in counts:
        for report in terminalreporter.stats.get(outcome, []):
            if report.when == "call" or outcome == "skipped":
                counts[outcome] += "neo4j" in getattr(report, "keywords", {})
    total = sum(counts.values())
    terminalreporter.write_line(
        f"Neo4j 5.26 tests: {counts['passed']} passed, {counts['failed']} failed, "
        f"{counts['skipped']} skipped (of {total} marked neo4j)"
    )
