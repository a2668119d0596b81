"""Neo4j stops while the API serves: 503 with the error body; it returns: answers within 5 s.

This test runs its own managed Neo4j (separate home and ports), never the session server.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.config import Settings
from graph.schema import ensure_schema
from graph.server import ManagedNeo4j
from tests.api import sample
from tests.neo4j_support import managed_settings, server_env

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]
V1 = "/api/v1"
PROBES = [
    ("GET", f"{V1}/stats", None),
    ("GET", f"{V1}/meetings?actor=Putin", None),
    ("GET", f"{V1}/actors?q=lavrov", None),
    ("POST", f"{V1}/cypher", {"query": "MATCH (n) RETURN count(n) AS n"}),
    ("GET", "/ready", None),
]


@pytest.fixture
def own_server(tmp_path: Path) -> Iterator[ManagedNeo4j]:
    server = ManagedNeo4j(managed_settings(tmp_path / "home", heap="512m"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


def _call(client: TestClient, method: str, url: str, body: dict | None):
    return client.request(method, url, json=body)


def test_503_while_down_and_recovery_within_5s(own_server: ManagedNeo4j) -> None:
    env = server_env(own_server)
    settings = Settings(**env, DIPGRAPH_API_KEY="k", DIPGRAPH_ALLOWED_HOSTS="testserver")
    with neo4j.GraphDatabase.driver(env["NEO4J_URI"], auth=("neo4j", env["NEO4J_PASSWORD"])) as d:
        ensure_schema(d, "neo4j")
        sample.load(d)

    with TestClient(create_app(settings)) as client:
        for method, url, body in PROBES:
            assert _call(client, method, url, body).status_code == 200, url

        own_server.stop()
        for method, url, body in PROBES:
            started = time.monotonic()
            response = _call(client, method, url, body)
            assert response.status_code == 503, (url, response.text)
            error = response.json()["error"]
            assert error["code"] == "store_unavailable" and error["message"]
            assert response.headers["retry-after"]
            assert time.monotonic() - started < 10

        own_server.start()
        back = time.monotonic()
        while True:
            response = client.get(f"{V1}/meetings", params={"actor": "Putin"})
            if response.status_code == 200:
                break
            assert response.status_code == 503
            assert time.monotonic() - back < 5, "no answer within 5 s of Neo4j's return"
            time.sleep(0.1)
        assert response.json()["items"][0]["target"] == "person:kim jong un"
        for method, url, body in PROBES:
            assert _call(client, method, url, body).status_code == 200, url
