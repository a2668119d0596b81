"""Relations as stored (source → target), filtered by type, actors, modality, claim and date."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api import services
from api.deps import Rt, blocking, respond_relations
from api.params import PagingDep, TypedFiltersDep
from api.routes import API_PREFIX
from api.schemas import RelationPage, errors

router = APIRouter(prefix=API_PREFIX, tags=["relations"], responses=errors(404, 422, 503))
Ref = Annotated[str | None, Query(min_length=1, max_length=300, description="id, name or alias")]


@router.get("/relations", response_model=RelationPage)
async def list_relations(
    rt: Rt,
    paging: PagingDep,
    filters: TypedFiltersDep,
    source: Ref = None,
    target: Ref = None,
    attributed_to: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
) -> Response:
    found = await blocking(
        services.relations,
        rt,
        paging,
        filters,
        source=source,
        target=target,
        attributed_to=attributed_to,
    )
    return respond_relations(found)
