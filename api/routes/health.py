"""Liveness and readiness: `/ready` answers 503 until Neo4j does."""

from __future__ import annotations

from fastapi import APIRouter, Response

from api import services
from api.deps import Rt, blocking, respond
from api.schemas import Health, Ready, errors

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
async def health() -> Health:
    return Health()


@router.get("/ready", response_model=Ready, responses=errors(503))
async def ready(rt: Rt) -> Response:
    return respond(Ready, await blocking(services.ready, rt))
