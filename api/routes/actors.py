"""Actors: search by name or alias, profile, timeline and ego network."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from api import services
from api.deps import Rt, blocking, respond
from api.params import PagingDep, TypedFiltersDep
from api.routes import API_PREFIX
from api.schemas import ActorHits, ActorProfile, EgoNetwork, Timeline, errors

router = APIRouter(prefix=API_PREFIX + "/actors", tags=["actors"], responses=errors(422, 503))
ActorId = Annotated[
    str, Path(min_length=1, max_length=300, description="actor id, canonical name or alias")
]


@router.get("", response_model=ActorHits)
async def search_actors(
    rt: Rt,
    q: Annotated[str, Query(min_length=1, max_length=200, description="name or alias, fuzzy")],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> Response:
    return respond(ActorHits, {"items": await blocking(services.search_actors, rt, q, limit)})


@router.get("/{actor}", response_model=ActorProfile, responses=errors(404))
async def actor_profile(rt: Rt, actor: ActorId) -> Response:
    return respond(ActorProfile, await blocking(services.actor_profile, rt, actor))


@router.get("/{actor}/timeline", response_model=Timeline, responses=errors(404))
async def actor_timeline(
    rt: Rt,
    actor: ActorId,
    paging: PagingDep,
    filters: TypedFiltersDep,
) -> Response:
    return respond(Timeline, await blocking(services.timeline, rt, actor, paging, filters))


@router.get("/{actor}/network", response_model=EgoNetwork, responses=errors(404))
async def actor_network(
    rt: Rt,
    actor: ActorId,
    filters: TypedFiltersDep,
    depth: Annotated[int, Query(ge=1, le=2)] = 1,
    max_nodes: Annotated[int, Query(ge=1, le=500)] = 150,
) -> Response:
    return respond(
        EgoNetwork, await blocking(services.ego_network, rt, actor, depth, max_nodes, filters)
    )
