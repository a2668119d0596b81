"""Who met whom: MET relations, hedged, planned and negated ones only when asked for."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response

from api import services
from api.deps import Rt, blocking, respond
from api.params import FiltersDep, PagingDep
from api.routes import API_PREFIX
from api.schemas import RelationPage, errors

router = APIRouter(prefix=API_PREFIX, tags=["relations"], responses=errors(404, 422, 503))
Ref = Annotated[str | None, Query(min_length=1, max_length=300, description="id, name or alias")]


@router.get("/meetings", response_model=RelationPage)
async def list_meetings(
    rt: Rt,
    paging: PagingDep,
    filters: FiltersDep,
    actor: Ref = None,
    counterpart: Ref = None,
    place: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
) -> Response:
    found = await blocking(
        services.meetings, rt, paging, filters, actor=actor, counterpart=counterpart, place=place
    )
    return respond(RelationPage, found)
