"""Relations as stored (source → target), filtered by type, actors, modality, claim and date."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from api import services
from api.deps import Rt
from api.params import Paging, TypedFilters
from api.routes import API_PREFIX
from api.schemas import RelationPage, errors

router = APIRouter(prefix=API_PREFIX, tags=["relations"], responses=errors(404, 422, 503))
Ref = Annotated[str | None, Query(min_length=1, max_length=300, description="id, name or alias")]


@router.get("/relations", response_model=RelationPage)
def list_relations(
    rt: Rt,
    paging: Annotated[Paging, Depends()],
    filters: Annotated[TypedFilters, Depends()],
    source: Ref = None,
    target: Ref = None,
    attributed_to: Annotated[str | None, Query(min_length=1, max_length=200)] = None,
) -> RelationPage:
    found = services.relations(
        rt, paging, filters, source=source, target=target, attributed_to=attributed_to
    )
    return RelationPage.model_validate(found)
