"""Hostile analyst Cypher through the API: every input refused with a 4xx and nothing changed."""

from __future__ import annotations

import time

import neo4j
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.api import sample
from tests.api.conftest import api_settings
from tests.conftest import Neo4jConn

pytestmark = pytest.mark.neo4j

HOSTILE = {
    "create": "CREATE (n:Evil {id: 'x'}) RETURN n",
    "merge": "MERGE (n:Actor {id: 'country:evil'}) RETURN n",
    "set": "MATCH (a:Actor) SET a.name = 'pwned' RETURN a",
    "delete": "MATCH ()-[r:MET]->() DELETE r",
    "detach_delete": "MATCH (n) DETACH DELETE n",
    "remove": "MATCH (a:Actor) REMOVE a.name RETURN a",
    "foreach_create": "MATCH (a:Actor) FOREACH (i IN [1, 2] | CREATE (:Evil {i: i}))",
    "call_subquery_create": "CALL { CREATE (:Evil) } RETURN 1",
    "scoped_subquery_set": "MATCH (a:Actor) CALL (a) { SET a.pwned = true } RETURN a",
    "in_transactions_delete": "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS RETURN 1",
    "load_csv_file": "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "load_csv_http": "LOAD CSV FROM 'http://127.0.0.1:1/' AS row RETURN row",
    "list_connections": "CALL dbms.listConnections()",
    "backquoted_procedure": "CALL `dbms`.`listConnections`() YIELD connectionId RETURN connectionId",
    "clear_query_caches": "CALL db.clearQueryCaches()",
    "use_system": "USE system SHOW USERS",
    "use_system_match": "USE system MATCH (n) RETURN n",
    "show_users": "SHOW USERS",
    "create_user": "CREATE USER eve SET PASSWORD 'secret-secret'",
    "terminate": "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "multiple_statements": "MATCH (n) RETURN count(n); MATCH (n) DETACH DELETE n",
    "comment_hides_write": "MATCH (n) RETURN n LIMIT 1 // harmless\nCREATE (:Evil)",
    "block_comment_hides_write": "MATCH (a:Actor) /* RETURN a */ SET a.x = 1",
    "apoc_file_read": "CALL apoc.load.json('file:///etc/passwd') YIELD value RETURN value",
    "profile_write": "PROFILE CREATE (:Evil)",
    "drop_index": "DROP INDEX actor_name IF EXISTS",
    "syntax_error": "MATCH (n RETURN n",
}


def _post(client: TestClient, query: str, **extra: object):
    return client.post("/api/v1/cypher", json={"query": query, **extra})


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_input_is_refused_and_changes_nothing(
    client: TestClient, loaded: neo4j.Driver, name: str
) -> None:
    before = sample.counts(loaded)
    response = _post(client, HOSTILE[name])
    assert 400 <= response.status_code < 500, response.text
    assert response.json()["error"]["code"] in {"query_refused", "query_timeout", "invalid_input"}
    assert sample.counts(loaded) == before
    records, _, _ = loaded.execute_query("MATCH (n:Evil) RETURN count(n) AS n")
    assert records[0]["n"] == 0


def test_cartesian_product_past_the_timeout(loaded: neo4j.Driver, neo4j_conn: Neo4jConn) -> None:
    before = sample.counts(loaded)
    settings = api_settings(neo4j_conn, DIPGRAPH_CYPHER_TIMEOUT=1.0)
    with TestClient(create_app(settings)) as client:
        started = time.monotonic()
        response = _post(
            client, "MATCH (a), (b), (c), (d) UNWIND range(1, 1000000) AS x RETURN count(*)"
        )
        elapsed = time.monotonic() - started
    assert response.status_code == 408 and response.json()["error"]["code"] == "query_timeout"
    assert elapsed < 15
    assert sample.counts(loaded) == before


def test_client_cannot_raise_the_timeout(client: TestClient) -> None:
    response = _post(client, "RETURN 1", timeout=3600)
    assert response.status_code == 422


def test_huge_unwind_is_capped_and_fast(client: TestClient) -> None:
    started = time.monotonic()
    response = _post(client, "UNWIND range(1, 1000000000) AS x RETURN x")
    body = response.json()
    assert response.status_code == 200
    assert body["truncated"] is True and len(body["rows"]) == body["row_cap"] == 1000
    assert time.monotonic() - started < 10


def test_reads_and_allowed_procedures_answer(client: TestClient) -> None:
    labels = _post(client, "CALL db.labels() YIELD label RETURN label ORDER BY label").json()
    assert {"label": "Actor"} in labels["rows"]
    body = _post(
        client,
        "MATCH (a:Actor {name: $name})-[m:MET]-(b) RETURN a, m, b, b.name AS who",
        params={"name": "Vladimir Putin"},
    ).json()
    assert body["columns"] == ["a", "m", "b", "who"] and body["truncated"] is False
    assert {r["who"] for r in body["rows"]} == {"Kim Jong Un"}
    assert {n["id"] for n in body["graph"]["nodes"]} == {
        "person:vladimir putin",
        "person:kim jong un",
    }
    assert body["graph"]["edges"][0]["evidence"]


def test_strings_that_look_like_writes_are_fine(client: TestClient) -> None:
    response = _post(client, "MATCH (a:Actor) WHERE a.name = 'CREATE USER x' RETURN a.name")
    assert response.status_code == 200 and response.json()["rows"] == []
