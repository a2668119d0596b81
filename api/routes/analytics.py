"""Network analytics over a filtered subgraph: centrality, blocs, exports."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from api import services
from api.deps import Rt, blocking, respond
from api.params import TypedFiltersDep
from api.routes import API_PREFIX
from api.schemas import Blocs, Centrality, errors

router = APIRouter(prefix=API_PREFIX + "/analytics", tags=["analytics"], responses=errors(422, 503))
EXPORT_RESPONSES = {
    200: {
        "description": "GraphML or GEXF (XML) or node-link JSON",
        "content": {
            "application/xml": {"schema": {"type": "string"}},
            "application/json": {"schema": {"type": "object"}},
        },
    }
}


@router.get("/centrality", response_model=Centrality)
async def centrality(
    rt: Rt,
    filters: TypedFiltersDep,
    measure: Literal["degree", "betweenness"] = "degree",
    limit: Annotated[int, Query(ge=1, le=500)] = 20,
) -> Response:
    return respond(Centrality, await blocking(services.centrality, rt, measure, limit, filters))


@router.get("/blocs", response_model=Blocs)
async def blocs(rt: Rt, filters: TypedFiltersDep) -> Response:
    """Groups of actors that stand together: Louvain communities (fixed seed) over the
    aligning relations only (AGREED, COOPERATES, SUPPORTS, PRAISED, RECOGNIZED, SUPPLIED, ACCOMPANIED). Contact (MET, VISITED, HOSTED, INVITED) and
    hostility (CRITICIZED, THREATENED, SANCTIONED) do not make a bloc; `type=` chooses
    other relations explicitly."""
    return respond(Blocs, await blocking(services.blocs, rt, filters))


@router.get("/export", response_class=Response, responses=EXPORT_RESPONSES)
async def export(
    rt: Rt,
    filters: TypedFiltersDep,
    format: Literal["graphml", "gexf", "json"] = "graphml",
) -> Response:
    text, media_type = await blocking(services.export, rt, format, filters)
    return Response(text, media_type=media_type)
