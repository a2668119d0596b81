"""/docs and /redoc from the app's own assets: offline, under a Content-Security-Policy."""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from api.routes.docs import DOCS_STATIC_DIR
from tests.api.conftest import api_settings
from tests.conftest import Neo4jConn
from tests.viz.browser import chromium, serve

pytestmark = pytest.mark.neo4j
VENDORED = ("swagger-ui-bundle.js", "swagger-ui.css", "redoc.standalone.js")


@pytest.fixture(scope="module")
def app(neo4j_conn: Neo4jConn) -> Any:
    return create_app(api_settings(neo4j_conn))


@pytest.fixture
def plain(app: Any) -> Iterator[TestClient]:
    with TestClient(app) as c:
        yield c


def _urls(html: str) -> list[str]:
    return re.findall(r'(?:src|href|spec-url)="([^"]+)"', html) + re.findall(
        r"url: '([^']+)'", html
    )


@pytest.mark.parametrize("path", ["/docs", "/redoc"])
def test_docs_pages_name_only_local_urls(plain: TestClient, path: str) -> None:
    response = plain.get(path)
    assert response.status_code == 200
    urls = _urls(response.text)
    assert urls, response.text
    assert all(u.startswith(("/", "data:")) for u in urls), urls
    assert "http" not in response.text.replace("http-equiv", "")


@pytest.mark.parametrize("name", VENDORED)
def test_vendored_assets_are_served(plain: TestClient, name: str) -> None:
    response = plain.get(f"/docs/static/{name}")
    assert response.status_code == 200
    assert len(response.content) > 100_000


def test_vendored_assets_match_the_hashes_and_licences_on_record() -> None:
    record = (DOCS_STATIC_DIR / "README.md").read_text()
    for name in VENDORED:
        digest = hashlib.sha256((DOCS_STATIC_DIR / name).read_bytes()).hexdigest()
        assert f"{digest}  {name}" in record, name
    for licence in ("LICENSE-swagger-ui", "NOTICE-swagger-ui", "LICENSE-redoc"):
        assert (DOCS_STATIC_DIR / licence).stat().st_size > 40


def test_swagger_ui_start_up_script_is_allowed_by_hash_only(plain: TestClient) -> None:
    response = plain.get("/docs")
    csp = response.headers["content-security-policy"]
    script_src = next(r for r in csp.split(";") if r.strip().startswith("script-src"))
    assert "'sha256-" in script_src and "unsafe-inline" not in script_src
    assert "unsafe-eval" not in csp


@pytest.fixture(scope="module")
def site(app: Any) -> Iterator[str]:
    with serve(app) as base:
        yield base


def _open_offline(url: str, ready: str) -> tuple[int, list[str], list[str]]:
    """Open `url` with other hosts blocked and the CSP enforced; count what `ready` matches."""
    with chromium(bypass_csp=False) as (page, blocked):
        problems: list[str] = []
        page.on("console", lambda m: m.type == "error" and problems.append(m.text))
        page.on("pageerror", lambda e: problems.append(str(e)))
        response = page.goto(url)
        assert response is not None and response.status == 200
        page.wait_for_selector(ready, timeout=60_000)
        return page.locator(ready).count(), blocked, problems


@pytest.mark.browser
def test_swagger_ui_renders_the_operations_offline(site: str) -> None:
    count, blocked, problems = _open_offline(f"{site}/docs", ".opblock-summary-path")
    assert count >= 15, "the operations list is not drawn"
    assert blocked == [] and problems == [], (blocked, problems)


@pytest.mark.browser
def test_redoc_renders_the_operations_offline(site: str) -> None:
    count, blocked, problems = _open_offline(f"{site}/redoc", "[data-section-id^='operation/']")
    assert count >= 15, "ReDoc drew no operations"
    assert blocked == [], blocked
    # Only ReDoc's "API docs by Redocly" badge names another host, and the policy refuses it.
    refused = [p for p in problems if "Content Security Policy" in p]
    assert all("cdn.redoc.ly" in p for p in refused), refused
