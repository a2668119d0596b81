"""Schemathesis against the app's own OpenAPI document: every operation, bounded examples."""

from __future__ import annotations

from collections.abc import Iterator

import neo4j
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from api.app import create_app
from api.deps import Runtime
from graph.config import Settings
from tests.api.conftest import api_settings
from tests.conftest import Neo4jConn

MAX_EXAMPLES = 12

# The document is read at collection; the runtime (driver) is bound per test below.
APP = create_app(
    Settings(
        NEO4J_URI="bolt://127.0.0.1:9",
        NEO4J_PASSWORD="unused",
        DIPGRAPH_ALLOWED_HOSTS="testserver,localhost",
    )
)
schema = schemathesis.openapi.from_asgi("/openapi.json", APP)


@pytest.fixture(autouse=True)
def bound_runtime(loaded: neo4j.Driver, neo4j_conn: Neo4jConn) -> Iterator[None]:
    runtime = Runtime(api_settings(neo4j_conn, DIPGRAPH_CYPHER_TIMEOUT=2.0))
    APP.state.runtime = runtime
    yield
    runtime.close()


@pytest.mark.neo4j
@schema.parametrize()
@settings(
    max_examples=MAX_EXAMPLES,
    deadline=None,
    suppress_health_check=list(HealthCheck),
    derandomize=True,
)
def test_every_operation_keeps_its_contract(case: schemathesis.Case) -> None:
    # No schema can say which strings are valid Cypher: a refused query is a correct 400.
    excluded = [positive_data_acceptance] if case.operation.path == "/api/v1/cypher" else []
    case.call_and_validate(excluded_checks=excluded)
