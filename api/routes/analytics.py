"""Network analytics over a filtered subgraph: centrality, blocs, exports."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Response

from api import services
from api.deps import Rt
from api.params import TypedFilters
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
def centrality(
    rt: Rt,
    filters: Annotated[TypedFilters, Depends()],
    measure: Literal["degree", "betweenness"] = "degree",
    limit: Annotated[int, Query(ge=1, le=500)] = 20,
) -> Centrality:
    return Centrality.model_validate(services.centrality(rt, measure, limit, filters))


@router.get("/blocs", response_model=Blocs)
def blocs(rt: Rt, filters: Annotated[TypedFilters, Depends()]) -> Blocs:
    return Blocs.model_validate(services.blocs(rt, filters))


@router.get("/export", response_class=Response, responses=EXPORT_RESPONSES)
def export(
    rt: Rt,
    filters: Annotated[TypedFilters, Depends()],
    format: Literal["graphml", "gexf", "json"] = "graphml",
) -> Response:
    text, media_type = services.export(rt, format, filters)
    return Response(text, media_type=media_type)
