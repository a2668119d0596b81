"""What the README and the OpenAPI document promise is what the API does."""

from __future__ import annotations

from dataclasses import replace

import neo4j
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.schemas import MAX_ARTICLE_CHARS
from graph.store import GraphStore
from ingest.model import Actor, ActorType, Article, Extraction, RelationType
from tests.api import sample
from tests.api.conftest import API_KEY, api_settings
from tests.conftest import Neo4jConn

pytestmark = pytest.mark.neo4j
V1 = "/api/v1"
QUERY = "MATCH (a:Actor {name: $name})-[:MET]-(b) RETURN b.name AS who"


@pytest.mark.parametrize("name", ["parameters", "params"])
def test_cypher_takes_the_documented_parameters_field(client: TestClient, name: str) -> None:
    response = client.post(f"{V1}/cypher", json={"query": QUERY, name: {"name": "Vladimir Putin"}})
    assert response.status_code == 200, response.text
    assert {r["who"] for r in response.json()["rows"]} == {"Kim Jong Un"}


def test_an_unknown_cypher_field_is_named_with_the_right_one(client: TestClient) -> None:
    response = client.post(f"{V1}/cypher", json={"query": QUERY, "parametres": {"name": "x"}})
    assert response.status_code == 422
    message = response.json()["error"]["details"]["errors"][0]["msg"]
    assert "'parametres'" in message and "query, parameters" in message


def test_openapi_documents_parameters(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()["components"]["schemas"]["CypherRequest"]
    assert set(schema["properties"]) == {"query", "parameters"}


@pytest.mark.parametrize("kind", ["text/plain", "application/json"])
def test_an_oversized_article_is_413_as_documented(client: TestClient, kind: str) -> None:
    text = "a" * (MAX_ARTICLE_CHARS + 1)
    body = text if kind == "text/plain" else '{"text": "' + text + '"}'
    headers = {"X-API-Key": API_KEY, "content-type": kind}
    response = client.post(f"{V1}/articles", content=body, headers=headers)
    assert response.status_code == 413, response.text
    assert response.json()["error"]["code"] == "payload_too_large"
    documented = client.get("/openapi.json").json()["paths"][f"{V1}/articles"]["post"]
    assert {"200", "201", "413"} <= set(documented["responses"])


def test_health_and_ready_live_at_the_root(client: TestClient) -> None:
    assert client.get("/health").status_code == 200
    assert client.get("/ready").status_code == 200
    assert client.get(f"{V1}/health").status_code == 404


def test_meetings_says_it_means_met(client: TestClient) -> None:
    described = client.get("/openapi.json").json()["paths"][f"{V1}/meetings"]["get"]
    assert "MET relations only" in described["description"]
    assert "type=VISITED" in described["description"]


@pytest.fixture
def adversaries(db: neo4j.Driver, neo4j_conn: Neo4jConn) -> neo4j.Driver:
    """Two states that only criticise and sanction each other, and two that support each other."""
    x, y = Actor("Xland", ActorType.COUNTRY), Actor("Yland", ActorType.COUNTRY)
    a, b = Actor("Aland", ActorType.COUNTRY), Actor("Bland", ActorType.COUNTRY)
    rels = [
        sample.rel(RelationType.CRITICIZED, x, y, "Xland condemned Yland."),
        sample.rel(RelationType.SANCTIONED, y, x, "Yland sanctioned Xland."),
        sample.rel(RelationType.SUPPORTS, a, b, "Aland supports Bland."),
    ]
    text = " ".join(r.evidence for r in rels)
    spans = [
        replace(r, start=text.index(r.evidence), end=text.index(r.evidence) + len(r.evidence))
        for r in rels
    ]
    article = Article("bloc-test", text, published="2024-01-02")
    report = GraphStore(db, neo4j_conn.database).write(
        [Extraction(article, entities=(x, y, a, b), relations=tuple(spans))]
    )
    assert not report.failed
    return db


def _bloc_names(client: TestClient, query: str = "") -> list[set[str]]:
    body = client.get(f"{V1}/analytics/blocs{query}").json()
    return [{m["name"] for m in bloc["members"]} for bloc in body["blocs"]]


def test_blocs_come_from_aligning_relations_only(
    adversaries: neo4j.Driver, neo4j_conn: Neo4jConn
) -> None:
    with TestClient(create_app(api_settings(neo4j_conn))) as client:
        assert _bloc_names(client) == [{"Aland", "Bland"}]
        assert {"Xland", "Yland"} in _bloc_names(client, "?type=CRITICIZED&type=SANCTIONED")
