"""Browser pages: network views drawn from the graph, and the assets they need (served here)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Query
from fastapi.encoders import jsonable_encoder
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from api import services
from api.deps import Rt
from api.schemas import CypherRequest
from viz import pages
from viz.render import CONTENT_SECURITY_POLICY, STATIC_URL

router = APIRouter(prefix="/viz", tags=["viz"], include_in_schema=False)

STATIC_DIR = (Path(pages.__file__).parent / "static").resolve()
PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
Strings = Annotated[list[str] | None, Query()]
Text = Annotated[str | None, Query(max_length=20_000)]


def _query(
    type: Strings = None,
    modality: Strings = None,
    date_from: Text = None,
    date_to: Text = None,
    size: Text = None,
) -> pages.ViewQuery:
    """The filters every page takes: relation types, modality, date range, what sizes a node."""
    return pages.ViewQuery(
        types=tuple(type or ()),
        modalities=tuple(modality or ()),
        date_from=date_from or None,
        date_to=date_to or None,
        size_by=size or "articles",
    )


Filters = Annotated[pages.ViewQuery, Depends(_query)]


def _page(rendered: pages.Rendered) -> HTMLResponse:
    return HTMLResponse(rendered.html, status_code=rendered.status, headers=PAGE_HEADERS)


@router.get("", response_class=HTMLResponse)
def landing(
    rt: Rt,
    query: Filters,
    q: Text = None,
) -> HTMLResponse:
    return _page(pages.landing_page(rt.driver, database=rt.database, q=q, query=query))


@router.get("/actor/{name:path}", response_class=HTMLResponse)
def actor(
    rt: Rt,
    query: Filters,
    name: str,
    depth: Annotated[int, Query(ge=1, le=2)] = 1,
) -> HTMLResponse:
    return _page(
        pages.actor_page(rt.driver, database=rt.database, name=name, depth=depth, query=query)
    )


@router.get("/path", response_class=HTMLResponse)
def path(
    rt: Rt,
    query: Filters,
    source: Annotated[str, Query(alias="from")] = "",
    target: Annotated[str, Query(alias="to")] = "",
) -> HTMLResponse:
    return _page(
        pages.path_page(rt.driver, database=rt.database, source=source, target=target, query=query)
    )


@router.get("/cypher", response_class=HTMLResponse)
def cypher(
    rt: Rt,
    query: Filters,
    q: Text = None,
) -> HTMLResponse:
    return _page(
        pages.cypher_page(rt.driver, database=rt.database, settings=rt.settings, q=q, query=query)
    )


@router.get("/cypher.json")
def cypher_json(rt: Rt, q: Annotated[str, Query(min_length=1, max_length=20_000)]) -> JSONResponse:
    """The JSON behind a Cypher page as a plain link (the API endpoint itself takes POST)."""
    return JSONResponse(jsonable_encoder(services.cypher(rt, CypherRequest(query=q))))


def mount(app: FastAPI) -> None:
    """vis-network and the page's own script and style, served from viz/static."""
    app.mount(STATIC_URL, StaticFiles(directory=STATIC_DIR), name="viz-static")
