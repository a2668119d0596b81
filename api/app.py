"""The FastAPI application: factory, lifespan (one driver, one lazily loaded nlp), routers."""

from __future__ import annotations

import importlib
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

from api import errors
from api.deps import Runtime
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
    )
    app.state.runtime = Runtime(settings or get_settings())
    errors.install(app)
    for name in ROUTER_MODULES:
        module = importlib.import_module(name)
        app.include_router(module.router)
        if hasattr(module, "mount"):
            module.mount(app)
    return app
