"""Counts of what the graph holds."""

from __future__ import annotations

from fastapi import APIRouter, Response

from api import services
from api.deps import Rt, blocking, respond
from api.routes import API_PREFIX
from api.schemas import Stats, errors

router = APIRouter(prefix=API_PREFIX, tags=["stats"], responses=errors(503))


@router.get("/stats", response_model=Stats)
async def graph_stats(rt: Rt) -> Response:
    return respond(Stats, await blocking(services.stats, rt))
