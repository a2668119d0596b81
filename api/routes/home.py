"""The start page at `/`: links to the network views, the API docs and Neo4j Browser."""

from __future__ import annotations

from fastapi import APIRouter
from fastapi.responses import HTMLResponse

from api.deps import Rt
from api.routes.viz import PAGE_HEADERS
from graph.server import ManagedNeo4j
from viz import pages

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
async def index(rt: Rt) -> HTMLResponse:
    settings = rt.settings
    browser = ManagedNeo4j(settings).browser_url if settings.managed else None
    return HTMLResponse(pages.index_page(browser).html, headers=PAGE_HEADERS)
