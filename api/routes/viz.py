"""Browser pages: network views drawn from the graph, and the assets they need (served here)."""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Annotated

from fastapi import APIRouter, Depends, FastAPI, Path, Query
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from api import analyst
from api.deps import Client, Rt, json_body
from api.schemas import CypherView
from viz import pages
from viz.render import CONTENT_SECURITY_POLICY, STATIC_URL

router = APIRouter(prefix="/viz", tags=["viz"], include_in_schema=False)

STATIC_DIR = (FilePath(pages.__file__).parent / "static").resolve()
PAGE_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
}
Strings = Annotated[list[str] | None, Query()]
Text = Annotated[str | None, Query(max_length=20_000)]
# As long as the API's actor references: a longer name is a 422, not a failed lookup (503).
MAX_NAME = 300


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
    name: Annotated[str, Path(max_length=MAX_NAME)],
    depth: Annotated[int, Query(ge=1, le=2)] = 1,
) -> HTMLResponse:
    return _page(
        pages.actor_page(rt.driver, database=rt.database, name=name, depth=depth, query=query)
    )


@router.get("/path", response_class=HTMLResponse)
def path(
    rt: Rt,
    query: Filters,
    source: Annotated[str, Query(alias="from", max_length=MAX_NAME)] = "",
    target: Annotated[str, Query(alias="to", max_length=MAX_NAME)] = "",
) -> HTMLResponse:
    return _page(
        pages.path_page(rt.driver, database=rt.database, source=source, target=target, query=query)
    )


@router.get("/cypher", response_class=HTMLResponse)
def cypher(query: Filters, q: Text = None) -> HTMLResponse:
    """The form only: the page posts the query as JSON to /viz/cypher.json."""
    return _page(pages.cypher_page(q=q, query=query))


@router.post("/cypher.json", dependencies=[Depends(json_body)])
async def cypher_json(rt: Rt, client: Client, request: CypherView) -> JSONResponse:
    """The drawn answer to one query, for the Cypher page's script (JSON bodies only)."""
    result = await analyst.run_cypher(rt, client, request.query, request.params)
    view = pages.ViewQuery(
        types=tuple(request.type),
        modalities=tuple(request.modality),
        date_from=request.date_from,
        date_to=request.date_to,
        size_by=request.size,
    )
    data = await run_in_threadpool(pages.cypher_view, result, rt.settings.cypher_row_cap, view)
    return JSONResponse(data, headers={"Cache-Control": "no-store"})


def mount(app: FastAPI) -> None:
    """vis-network and the page's own script and style, served from viz/static."""
    app.mount(STATIC_URL, StaticFiles(directory=STATIC_DIR), name="viz-static")
