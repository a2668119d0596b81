"""The HTTP API end to end on the sample graph: answers, errors, pagination, write access."""

from __future__ import annotations

import neo4j
import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from tests.api import sample
from tests.api.conftest import API_KEY, api_settings
from tests.conftest import Neo4jConn

pytestmark = pytest.mark.neo4j
V1 = "/api/v1"


def error_of(response) -> dict:
    body = response.json()
    assert set(body) == {"error"} and set(body["error"]) == {"code", "message", "details"}
    return body["error"]


def test_health_and_ready(client: TestClient) -> None:
    assert client.get("/health").json() == {"status": "ok"}
    assert client.get("/ready").json() == {"status": "ready", "neo4j": True}


def test_openapi_and_docs(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert f"{V1}/meetings" in spec["paths"] and f"{V1}/cypher" in spec["paths"]
    assert client.get("/docs").status_code == 200


def test_search_and_profile(client: TestClient) -> None:
    hits = client.get(f"{V1}/actors", params={"q": "lavrof"}).json()["items"]
    assert hits[0]["id"] == "person:sergey lavrov"
    profile = client.get(f"{V1}/actors/DPRK").json()
    assert profile["id"] == "country:north korea" and "DPRK" in profile["aliases"]


def test_unknown_actor_is_404_with_suggestions(client: TestClient) -> None:
    response = client.get(f"{V1}/actors/Vladimir Puttin")
    error = error_of(response)
    assert response.status_code == 404 and error["code"] == "not_found"
    assert error["details"]["suggestions"][0]["id"] == "person:vladimir putin"
    assert client.get(f"{V1}/meetings", params={"actor": "Nobody Known"}).status_code == 404


def test_meetings_default_and_asked_for(client: TestClient) -> None:
    default = client.get(f"{V1}/meetings").json()["items"]
    assert {m["modality"] for m in default} <= {"asserted", "reported"}
    asked = client.get(f"{V1}/meetings", params={"modality": ["hedged", "negated"]}).json()
    assert {m["modality"] for m in asked["items"]} == {"hedged", "negated"}
    lavrov = client.get(f"{V1}/meetings", params={"actor": "person:sergey lavrov"}).json()
    [m] = lavrov["items"]
    assert m["evidence"] and m["article_id"] == "a1" and m["article_url"]


def test_pagination_bounds(client: TestClient) -> None:
    page = client.get(f"{V1}/relations", params={"limit": 3}).json()
    assert len(page["items"]) == 3 and page["has_more"] is True
    last = client.get(f"{V1}/relations", params={"limit": 3, "offset": 6}).json()
    assert last["has_more"] is False
    for bad in ({"limit": 501}, {"limit": 0}, {"offset": -1}):
        response = client.get(f"{V1}/relations", params=bad)
        assert response.status_code == 422 and error_of(response)["code"] == "invalid_input"


def test_bad_parameters_are_422(client: TestClient) -> None:
    for url, params in [
        (f"{V1}/relations", {"type": "HUGGED"}),
        (f"{V1}/meetings", {"date_from": "yesterday"}),
        (f"{V1}/meetings", {"date_from": "2024-02-30"}),
        (f"{V1}/actors/Russia/network", {"depth": 3}),
        (f"{V1}/paths", {"source": "Russia"}),
    ]:
        response = client.get(url, params=params)
        assert response.status_code == 422, (url, params, response.text)
        error_of(response)


def test_inverted_date_range_matches_nothing(client: TestClient) -> None:
    params = {"date_from": "2024-02-01", "date_to": "2024-01-01"}
    assert client.get(f"{V1}/relations", params=params).json()["items"] == []


def test_unknown_route_uses_the_error_body(client: TestClient) -> None:
    response = client.get(f"{V1}/nothing-here")
    assert response.status_code == 404 and error_of(response)["code"] == "not_found"


def test_timeline_network_paths(client: TestClient) -> None:
    timeline = client.get(f"{V1}/actors/North Korea/timeline").json()
    assert timeline["actor"]["id"] == "country:north korea" and timeline["items"]
    net = client.get(f"{V1}/actors/Russia/network", params={"depth": 2}).json()
    assert net["centre"] == "country:russia" and net["edges"][0]["evidence"]
    paths = client.get(
        f"{V1}/paths",
        params={
            "source": "Lavrov",
            "target": "Putin",
            "modality": ["asserted", "reported", "hedged"],
        },
    ).json()
    assert [len(p["hops"]) for p in paths["paths"]] == [2]


def test_articles_stats_analytics(client: TestClient) -> None:
    assert len(client.get(f"{V1}/articles").json()["items"]) == 3
    a1 = client.get(f"{V1}/articles/a1").json()
    assert a1["relations"] and a1["entities"] and a1["roles"]
    assert client.get(f"{V1}/articles/nope").status_code == 404
    assert client.get(f"{V1}/stats").json()["relations"] == 11
    top = client.get(f"{V1}/analytics/centrality", params={"measure": "betweenness"}).json()
    assert top["items"][0]["id"] == "country:north korea"
    assert client.get(f"{V1}/analytics/blocs").json()["blocs"]
    graphml = client.get(f"{V1}/analytics/export", params={"format": "graphml"})
    assert graphml.headers["content-type"].startswith("application/xml")
    assert "<graphml" in graphml.text
    link = client.get(f"{V1}/analytics/export", params={"format": "json", "type": "MET"}).json()
    assert {e["type"] for e in link["edges"]} == {"MET"}


def test_write_endpoints_need_the_key(client: TestClient, loaded: neo4j.Driver) -> None:
    before = sample.counts(loaded)
    no_key = client.delete(f"{V1}/articles/a1")
    assert no_key.status_code == 401 and error_of(no_key)["code"] == "missing_api_key"
    wrong = client.delete(f"{V1}/articles/a1", headers={"X-API-Key": "wrong"})
    assert wrong.status_code == 403 and error_of(wrong)["code"] == "invalid_api_key"
    posted = client.post(
        f"{V1}/articles", content="Putin met Kim.", headers={"content-type": "text/plain"}
    )
    assert posted.status_code == 401
    assert sample.counts(loaded) == before


def test_writes_are_off_without_a_configured_key(
    loaded: neo4j.Driver, neo4j_conn: Neo4jConn
) -> None:
    settings = api_settings(neo4j_conn, DIPGRAPH_API_KEY=None)
    with TestClient(create_app(settings)) as client:
        response = client.delete(f"{V1}/articles/a1", headers={"X-API-Key": "anything"})
    assert response.status_code == 403 and error_of(response)["code"] == "writes_disabled"


def test_delete_article(client: TestClient) -> None:
    headers = {"X-API-Key": API_KEY}
    response = client.delete(f"{V1}/articles/a3", headers=headers)
    assert response.status_code == 200 and response.json() == {"id": "a3", "deleted": True}
    assert client.get(f"{V1}/articles/a3").status_code == 404
    assert client.get(f"{V1}/actors/Antony Blinken").status_code == 404  # orphan removed
    assert client.delete(f"{V1}/articles/a3", headers=headers).status_code == 404


def test_post_rejects_bad_bodies(client: TestClient) -> None:
    headers = {"X-API-Key": API_KEY}
    cases = [
        ({"content-type": "application/json"}, b"{not json"),
        ({"content-type": "application/json"}, b'{"title": "no text"}'),
        ({"content-type": "application/json"}, b'{"text": "x", "published": "May 5"}'),
        ({"content-type": "image/png"}, b"\x89PNG"),
    ]
    for extra, content in cases:
        response = client.post(f"{V1}/articles", content=content, headers={**headers, **extra})
        assert response.status_code in (415, 422), response.text
        error_of(response)
