"""The start page at `/`: HTML linking the views, the API docs and Neo4j Browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graph.config import Settings
from graph.server import ManagedNeo4j
from viz import pages
from viz.render import CONTENT_SECURITY_POLICY


def _hrefs(html: str) -> list[str]:
    return re.findall(r'<a[^>]* href="([^"]+)"', html)


@pytest.mark.neo4j
def test_root_is_a_page_whose_every_link_answers(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    links = _hrefs(response.text)
    assert {"/viz", "/viz/path", "/viz/cypher", "/docs", "/redoc"} <= set(links)
    for href in links:
        assert client.get(href).status_code == 200, href


@pytest.mark.neo4j
def test_root_names_no_neo4j_browser_for_an_external_server(client: TestClient) -> None:
    assert "Neo4j Browser" not in client.get("/").text


def test_index_links_neo4j_browser_at_the_managed_bolt_port(tmp_path: Path) -> None:
    settings = Settings(
        NEO4J_URI="",
        DIPGRAPH_HOME=str(tmp_path),
        DIPGRAPH_NEO4J_BOLT_PORT=27687,
        DIPGRAPH_NEO4J_HTTP_PORT=27474,
    )
    html = pages.index_page(ManagedNeo4j(settings).browser_url).html
    expected = "http://127.0.0.1:27474/browser/?connectURL=bolt%3A%2F%2F127.0.0.1%3A27687"
    assert expected in _hrefs(html)
