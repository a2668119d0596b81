"""Shortest paths between two actors, with the evidence of every hop."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api import services
from api.deps import Rt, blocking, respond
from api.params import TypedFiltersDep
from api.routes import API_PREFIX
from api.schemas import Paths, errors
from graph.reads import MAX_PATH_HOPS

router = APIRouter(prefix=API_PREFIX, tags=["paths"], responses=errors(404, 422, 503))
Ref = Annotated[str, Query(min_length=1, max_length=300, description="id, name or alias")]


@router.get("/paths", response_model=Paths)
async def shortest_paths(
    rt: Rt,
    source: Ref,
    target: Ref,
    filters: TypedFiltersDep,
    max_hops: Annotated[int, Query(ge=1, le=MAX_PATH_HOPS)] = 4,
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> Response:
    found = await blocking(services.shortest_paths, rt, source, target, max_hops, limit, filters)
    return respond(Paths, found)
