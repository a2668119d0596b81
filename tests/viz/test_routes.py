"""Every /viz response, error pages included, carries the Content-Security-Policy and refers to
nothing outside the app (through the FastAPI TestClient on the API tests' sample graph)."""

from __future__ import annotations

from collections.abc import Iterator

import neo4j
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.api import sample
from tests.api.conftest import api_settings
from tests.conftest import Neo4jConn
from tests.viz.urls import external
from viz.render import CONTENT_SECURITY_POLICY

pytestmark = pytest.mark.neo4j

PAGES = {
    "landing": ("/viz", {}, 200),
    "search": ("/viz", {"q": "lavrov"}, 200),
    "filtered": ("/viz", {"type": "MET", "date_from": "2024-01-01"}, 200),
    "bad-date": ("/viz", {"date_from": "not a date"}, 422),
    "ego": ("/viz/actor/Sergey Lavrov", {"depth": 2}, 200),
    "unknown-actor": ("/viz/actor/Nobody Known", {}, 404),
    "path-form": ("/viz/path", {}, 200),
    "path": ("/viz/path", {"from": "Sergey Lavrov", "to": "Kim Jong Un"}, 200),
    "cypher-form": ("/viz/cypher", {}, 200),
    "cypher": ("/viz/cypher", {"q": "MATCH p = (:Actor)-[]-(:Actor) RETURN p LIMIT 20"}, 200),
    # a GET only fills the form in: nothing runs, so nothing is refused either
    "cypher-write-not-run": ("/viz/cypher", {"q": "MATCH (n) DETACH DELETE n"}, 200),
}
DRAWN = "MATCH p = (:Actor)-[]-(:Actor) RETURN p LIMIT 20"


@pytest.fixture(scope="module")
def client(driver: neo4j.Driver, neo4j_conn: Neo4jConn) -> Iterator[TestClient]:
    from graph.schema import ensure_schema
    from tests.conftest import CLEAR

    with driver.session(database=neo4j_conn.database) as session:
        session.run(CLEAR).consume()
    ensure_schema(driver, neo4j_conn.database)
    sample.load(driver, neo4j_conn.database)
    with TestClient(create_app(api_settings(neo4j_conn))) as c:
        yield c


@pytest.mark.parametrize("name", PAGES)
def test_every_page_carries_the_csp_and_stays_local(client: TestClient, name: str) -> None:
    path, params, status = PAGES[name]
    response = client.get(path, params=params)
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert response.headers["x-content-type-options"] == "nosniff"
    assert external(response.text) == []


def test_the_policy_forbids_inline_and_foreign_script() -> None:
    rules = dict(r.strip().split(" ", 1) for r in CONTENT_SECURITY_POLICY.split(";"))
    assert rules["script-src"] == "'self'" and rules["default-src"] == "'none'"
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY


def test_cypher_page_draws_what_its_script_posts(client: TestClient) -> None:
    response = client.post("/viz/cypher.json", json={"query": DRAWN, "type": ["MET"]})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["network"]["nodes"] and {e["type"] for e in body["view"]["edges"]} == {"MET"}
    refused = client.post("/viz/cypher.json", json={"query": "MATCH (n) DETACH DELETE n"})
    assert refused.status_code == 400 and refused.json()["error"]["code"] == "query_refused"


def test_a_get_runs_no_query(client: TestClient) -> None:
    page = client.get("/viz/cypher", params={"q": "MATCH (n) RETURN count(n) AS c"})
    assert page.status_code == 200 and "view-data" in page.text
    assert '"network":null' in page.text  # the form, filled in, and nothing drawn
    assert client.get("/viz/cypher.json", params={"q": DRAWN}).status_code == 405
