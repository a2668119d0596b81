"""Counts of what the graph holds."""

from __future__ import annotations

from fastapi import APIRouter

from api import services
from api.deps import Rt
from api.routes import API_PREFIX
from api.schemas import Stats, errors

router = APIRouter(prefix=API_PREFIX, tags=["stats"], responses=errors(503))


@router.get("/stats", response_model=Stats)
def graph_stats(rt: Rt) -> Stats:
    return Stats.model_validate(services.stats(rt))
