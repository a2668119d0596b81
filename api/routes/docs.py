"""Swagger UI at /docs and ReDoc at /redoc from assets served by the app, not a CDN.

FastAPI's defaults load both from jsDelivr (and ReDoc's fonts from Google): blank pages offline.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

from fastapi import APIRouter, FastAPI, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

router = APIRouter(include_in_schema=False)

DOCS_STATIC_URL = "/docs/static"
DOCS_STATIC_DIR = (Path(__file__).resolve().parent.parent / "static" / "docs").resolve()
TITLE = "dipgraph API"
# No favicon request and no validator badge (Swagger UI would fetch validator.swagger.io).
NO_ICON = "data:,"
SWAGGER_PARAMETERS = {"validatorUrl": None}
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def docs_csp(html: str) -> str:
    """The viz pages' policy, plus the page's own inline script by hash (Swagger UI's start-up
    call) and inline styles (ReDoc injects its CSS at run time), blob workers (ReDoc's search)."""
    hashes = " ".join(_sha256(s) for s in _INLINE_SCRIPT.findall(html))
    return (
        f"default-src 'none'; script-src 'self' {hashes}".rstrip()
        + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; "
        "font-src 'self'; worker-src 'self' blob:; base-uri 'none'; form-action 'self'; "
        "frame-ancestors 'none'"
    )


def _sha256(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def _secured(page: HTMLResponse) -> HTMLResponse:
    html = bytes(page.body).decode("utf-8")
    headers = {"Content-Security-Policy": docs_csp(html), "X-Content-Type-Options": "nosniff"}
    return HTMLResponse(html, headers=headers)


@router.get("/docs")
async def swagger_ui(request: Request) -> HTMLResponse:
    page = get_swagger_ui_html(
        openapi_url=request.app.openapi_url,
        title=TITLE,
        swagger_js_url=f"{DOCS_STATIC_URL}/swagger-ui-bundle.js",
        swagger_css_url=f"{DOCS_STATIC_URL}/swagger-ui.css",
        swagger_favicon_url=NO_ICON,
        swagger_ui_parameters=SWAGGER_PARAMETERS,
    )
    return _secured(page)


@router.get("/redoc")
async def redoc(request: Request) -> HTMLResponse:
    page = get_redoc_html(
        openapi_url=request.app.openapi_url,
        title=TITLE,
        redoc_js_url=f"{DOCS_STATIC_URL}/redoc.standalone.js",
        redoc_favicon_url=NO_ICON,
        with_google_fonts=False,
    )
    return _secured(page)


def mount(app: FastAPI) -> None:
    app.mount(DOCS_STATIC_URL, StaticFiles(directory=DOCS_STATIC_DIR), name="docs-static")
