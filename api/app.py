"""The FastAPI application: factory, lifespan (one driver, one lazily loaded nlp), routers."""

from __future__ import annotations

import importlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool
from starlette.middleware.trustedhost import TrustedHostMiddleware

from api import errors
from api.deps import Runtime
from api.limits import BodyLimit
from api.params import MAX_BODY_BYTES
from api.routes import ROUTER_MODULES
from graph.config import Settings, get_settings

log = logging.getLogger("dipgraph.api")

DESCRIPTION = (
    "Who met whom, when, where and according to whom: actors, relations with their evidence, "
    "paths, network analytics, read-only Cypher and ingestion. Errors share one body: "
    '`{"error": {"code", "message", "details"}}`.'
)


def _prepare_schema(runtime: Runtime) -> None:
    """Constraints and indexes, if Neo4j is up; otherwise the app starts and reports 503."""
    from graph.schema import ensure_schema

    try:
        ensure_schema(runtime.driver, runtime.database)
    except Exception as e:  # Neo4j down or misconfigured: serve anyway, answering 503
        log.warning("schema not ensured at start-up: %s", e)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    runtime: Runtime = app.state.runtime
    await run_in_threadpool(_prepare_schema, runtime)
    try:
        yield
    finally:
        runtime.close()


def create_app(settings: Settings | None = None) -> FastAPI:
    """A new app bound to `settings`; it opens the driver on first use, never at import."""
    app = FastAPI(
        title="dipgraph",
        version="1",
        description=DESCRIPTION,
        lifespan=lifespan,
        # Served by api.routes.docs from vendored assets (FastAPI's defaults use a CDN).
        docs_url=None,
        redoc_url=None,
    )
    settings = settings or get_settings()
    app.state.runtime = Runtime(settings)
    errors.install(app)
    # Bodies are refused by size before they are read; only an article may be large.
    app.add_middleware(BodyLimit, per_path={"/api/v1/articles": MAX_BODY_BYTES})
    # A page on another site that resolves its own name to 127.0.0.1 (DNS rebinding) sends
    # its own name as Host: only the configured names are served.
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=settings.allowed_host_names)
    for name in ROUTER_MODULES:
        module = importlib.import_module(name)
        app.include_router(module.router)
        if hasattr(module, "mount"):
            module.mount(app)
    return app
