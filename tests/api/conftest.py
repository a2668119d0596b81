"""API fixtures: settings pointing at the session's Neo4j, the sample graph, a test client."""

from __future__ import annotations

from collections.abc import Iterator

import neo4j
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.config import Settings
from tests.api import sample
from tests.conftest import Neo4jConn

API_KEY = "test-key-0123456789"


def api_settings(conn: Neo4jConn, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "NEO4J_URI": conn.uri,
        "NEO4J_USER": conn.user,
        "NEO4J_PASSWORD": conn.password,
        "NEO4J_DATABASE": conn.database,
        "DIPGRAPH_API_KEY": API_KEY,
        "DIPGRAPH_CYPHER_TIMEOUT": 2.0,
        "DIPGRAPH_CYPHER_ROW_CAP": 1000,
        # The TestClient's Host; the per-client limit would otherwise serialise the tests.
        "DIPGRAPH_ALLOWED_HOSTS": "testserver,127.0.0.1,localhost",
        "DIPGRAPH_CYPHER_PER_CLIENT": 2,
    }
    values.update(overrides)
    return Settings(**values)


@pytest.fixture
def loaded(db: neo4j.Driver, neo4j_conn: Neo4jConn) -> neo4j.Driver:
    sample.load(db, neo4j_conn.database)
    return db


@pytest.fixture
def client(loaded: neo4j.Driver, neo4j_conn: Neo4jConn) -> Iterator[TestClient]:
    with TestClient(create_app(api_settings(neo4j_conn))) as c:
        yield c
