"""Liveness and readiness: `/ready` answers 503 until Neo4j does."""

from __future__ import annotations

from fastapi import APIRouter

from api import services
from api.deps import Rt
from api.schemas import Health, Ready, errors

router = APIRouter(tags=["health"])


@router.get("/health", response_model=Health)
def health() -> Health:
    return Health()


@router.get("/ready", response_model=Ready, responses=errors(503))
def ready(rt: Rt) -> Ready:
    return Ready.model_validate(services.ready(rt))
