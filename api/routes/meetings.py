"""Who met whom: MET relations, hedged, planned and negated ones only when asked for."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response

from api import params, services
from api.deps import read, respond_relations
from api.params import DateFrom, DateTo, Limit, ModalityList, Offset, Paging
from api.routes import API_PREFIX
from api.schemas import RelationPage, errors

router = APIRouter(prefix=API_PREFIX, tags=["relations"], responses=errors(404, 422, 503))
Ref = Annotated[str | None, Query(min_length=1, max_length=300, description="id, name or alias")]


@router.get("/meetings", response_model=RelationPage)
async def list_meetings(
    request: Request,
    actor: Ref = None,
    counterpart: Ref = None,
    place: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
    modality: ModalityList = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
) -> Response:
    """MET relations only (meetings, talks, calls, summits), in either direction. Visits and
    hostings are not meetings here: `GET /api/v1/relations?type=VISITED&type=HOSTED`."""
    # The hot read: the parameters of PagingDep and FiltersDep (same names, bounds and order
    # in the OpenAPI document) sit in this signature, since FastAPI solves every
    # sub-dependency again on every request.
    rt = request.app.state.runtime
    filters = await params.filters(modality, date_from, date_to)
    found = await read(
        rt,
        services.meetings,
        Paging(limit, offset),
        filters,
        actor=actor,
        counterpart=counterpart,
        place=place,
    )
    return respond_relations(found)
