"""The pages in a real headless Chromium, served by uvicorn from the session Neo4j, offline."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import pytest

from api.app import create_app
from graph.config import get_settings
from graph.schema import ensure_schema
from graph.store import GraphStore
from ingest.model import Actor, ActorType, Article, Extraction, Relation, RelationType
from tests.conftest import CLEAR
from tests.viz.browser import chromium, click_node, ink, node_count, serve, wait_drawn

pytestmark = [pytest.mark.browser, pytest.mark.neo4j]

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "seeds" / "000_a35d414542324a42.txt"
SCREENSHOT = REPO / "docs" / "screenshot-ego.png"
EGO = "Sergey Lavrov"
EVIL = "Evil <script>alert(1)</script> href=\"x\" 'q' </script>"
EVIL_ORG = "<img src=x onerror=alert(1)> Ministry"
EVIL_TITLE = "Title </script><script>alert('t')</script> <img src=x onerror=alert(2)> href"
EVIL_EVIDENCE = f'{EVIL} praised {EVIL_ORG} and said "</script><img src=x onerror=alert(3)>" — href'


def _hostile() -> Extraction:
    text = EVIL_EVIDENCE + " " + EVIL + " met Sergey Lavrov."
    article = Article(id="xss-article", text=text, title=EVIL_TITLE, published="2024-06-20")
    met = f"{EVIL} met Sergey Lavrov."
    return Extraction(
        article=article,
        entities=(
            Actor(EVIL, ActorType.PERSON),
            Actor(EVIL_ORG, ActorType.ORGANIZATION),
            Actor("Sergey Lavrov", ActorType.PERSON),
        ),
        relations=(
            Relation(
                RelationType.PRAISED,
                EVIL,
                EVIL_ORG,
                EVIL_EVIDENCE,
                0,
                len(EVIL_EVIDENCE),
                date="2024-06-19",
                attributed_to=EVIL,
                confidence=0.9,
            ),
            Relation(
                RelationType.MET,
                EVIL,
                "Sergey Lavrov",
                met,
                text.index(met),
                text.index(met) + len(met),
                date="2024-06-20",
                place=EVIL_ORG,
            ),
        ),
    )


def _seed() -> list[Extraction]:
    from ingest.extract import extract_articles
    from ingest.pipeline import load_nlp
    from ingest.readers import read_paths

    articles = [a for a in read_paths([SEED]) if isinstance(a, Article)]
    return list(extract_articles(articles, load_nlp()))


@pytest.fixture(scope="module")
def site(driver: Any, neo4j_conn: Any) -> Iterator[str]:
    with driver.session(database=neo4j_conn.database) as session:
        session.run(CLEAR).consume()
    ensure_schema(driver, neo4j_conn.database)
    report = GraphStore(driver, neo4j_conn.database).write(_seed())
    assert not report.failed
    get_settings.cache_clear()
    with serve(create_app()) as base:
        yield base


@pytest.fixture(scope="module")
def hostile(site: str, driver: Any, neo4j_conn: Any) -> str:
    """The site once an article full of markup has been ingested next to the seed."""
    report = GraphStore(driver, neo4j_conn.database).write([_hostile()])
    assert not report.failed
    return site


@pytest.fixture(scope="module")
def browser_page(site: str) -> Iterator[tuple[Any, list[str], list[str]]]:
    with chromium() as (page, blocked):
        dialogs: list[str] = []

        def dismiss(dialog: Any) -> None:
            dialogs.append(dialog.message)
            dialog.dismiss()

        page.on("dialog", dismiss)
        yield page, blocked, dialogs
    assert blocked == [], f"pages tried to reach other hosts: {blocked}"


def _pages(site: str) -> dict[str, str]:
    cypher = "MATCH p = (a:Actor)-[r]-(b:Actor) RETURN p LIMIT 100"
    return {
        "landing": f"{site}/viz",
        "search": f"{site}/viz?" + urlencode({"q": "script"}),
        "ego": f"{site}/viz/actor/{quote(EGO)}?depth=2",
        "evil": f"{site}/viz/actor/{quote(EVIL, safe='')}",
        "path": f"{site}/viz/path?" + urlencode({"from": EGO, "to": "Kim Jong Un"}),
        "evil-path": f"{site}/viz/path?" + urlencode({"from": EVIL, "to": "Vladimir Putin"}),
        "cypher": f"{site}/viz/cypher?" + urlencode({"q": cypher}),
    }


def _open(page: Any, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url
    wait_drawn(page)
    if "/viz/cypher" in url:  # a GET only fills the form in; Apply posts the query as JSON
        assert node_count(page) == 0
        page.locator("#apply").click()
        wait_drawn(page)


@pytest.mark.parametrize("name", ["landing", "ego", "path", "cypher"])
def test_each_page_loads_and_draws(browser_page: Any, site: str, name: str) -> None:
    page, blocked, dialogs = browser_page
    _open(page, _pages(site)[name])
    assert node_count(page) > 1
    assert ink(page) > 500, "the network canvas is blank"
    assert page.locator("#legend").is_visible()
    assert blocked == [] and dialogs == []


def test_json_link_serves_the_data_behind_the_view(browser_page: Any, site: str) -> None:
    page, _, _ = browser_page
    _open(page, _pages(site)["ego"])
    href = page.locator("#json-link").get_attribute("href")
    assert href and href.startswith("/api/v1/actors/")
    served = page.request.get(site + href)
    assert served.status == 200
    assert {n["name"] for n in served.json()["nodes"]} >= {EGO, "North Korea"}


def test_clicking_a_node_shows_its_details(browser_page: Any, site: str) -> None:
    page, _, _ = browser_page
    _open(page, _pages(site)["ego"])
    target = page.evaluate("window.dipgraph.view.nodes.find(n => n.name === 'North Korea').id")
    click_node(page, target)
    page.wait_for_selector("#panel .panel-title")
    assert page.locator("#panel .panel-title").inner_text() == "North Korea"
    assert "COUNTRY" in page.locator("#panel").inner_text()


def test_a_filter_changes_what_is_drawn(browser_page: Any, site: str) -> None:
    page, _, _ = browser_page
    _open(page, f"{site}/viz/actor/{quote(EGO)}")
    before = node_count(page)
    for box in page.locator("#filters .types input[type=checkbox]").all():
        if box.get_attribute("value") != "VISITED":
            box.uncheck()
    with page.expect_navigation():
        page.locator("#apply").click()
    wait_drawn(page)
    assert "type=VISITED" in page.url
    after = node_count(page)
    assert 1 < after < before
    labels = page.evaluate("window.dipgraph.view.edges.map(e => e.type)")
    assert set(labels) == {"VISITED"}


def test_screenshot_of_the_seed_ego_network(browser_page: Any, site: str) -> None:
    page, _, _ = browser_page
    _open(page, _pages(site)["ego"])
    page.wait_for_function("window.dipgraph.settledMs !== null", timeout=60_000)
    page.evaluate("window.dipgraph.network.fit()")
    page.wait_for_timeout(500)
    SCREENSHOT.parent.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    assert SCREENSHOT.stat().st_size > 20_000


def test_hostile_article_text_stays_text_on_every_page(browser_page: Any, hostile: str) -> None:
    page, blocked, dialogs = browser_page
    for name, url in _pages(hostile).items():
        _open(page, url)
        page.wait_for_timeout(300)
        assert page.locator("img[src=x], img[src='x']").count() == 0, name
        assert page.locator("script").count() == 3, name
        assert page.evaluate("typeof window.alert") == "function", name
    assert dialogs == [] and blocked == []


def test_hostile_names_and_evidence_show_literally(browser_page: Any, hostile: str) -> None:
    page, _, dialogs = browser_page
    _open(page, _pages(hostile)["evil"])
    assert EVIL in page.locator("#heading").inner_text()
    evil_id = page.evaluate(f"window.dipgraph.view.nodes.find(n => n.name === {EVIL!r}).id")
    click_node(page, evil_id)
    page.wait_for_selector("#panel .panel-title")
    assert page.locator("#panel .panel-title").inner_text() == EVIL
    edge_id = page.evaluate("window.dipgraph.view.edges.find(e => e.type === 'PRAISED').id")
    page.evaluate("id => window.dipgraph.showEdge(id)", edge_id)
    panel = page.locator("#panel")
    assert EVIL_EVIDENCE in panel.locator("blockquote").first.inner_text()
    assert panel.get_by_text(EVIL_TITLE, exact=True).count() == 1
    assert page.locator("#panel img, #panel script").count() == 0
    assert dialogs == []
