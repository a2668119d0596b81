"""Actors: search by name or alias, profile, timeline and ego network."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from api import services
from api.deps import Rt
from api.params import Paging, TypedFilters
from api.routes import API_PREFIX
from api.schemas import ActorHits, ActorProfile, EgoNetwork, Timeline, errors

router = APIRouter(prefix=API_PREFIX + "/actors", tags=["actors"], responses=errors(422, 503))
ActorId = Annotated[
    str, Path(min_length=1, max_length=300, description="actor id, canonical name or alias")
]


@router.get("", response_model=ActorHits)
def search_actors(
    rt: Rt,
    q: Annotated[str, Query(min_length=1, max_length=200, description="name or alias, fuzzy")],
    limit: Annotated[int, Query(ge=1, le=50)] = 10,
) -> ActorHits:
    return ActorHits(items=services.search_actors(rt, q, limit))


@router.get("/{actor}", response_model=ActorProfile, responses=errors(404))
def actor_profile(rt: Rt, actor: ActorId) -> ActorProfile:
    return ActorProfile.model_validate(services.actor_profile(rt, actor))


@router.get("/{actor}/timeline", response_model=Timeline, responses=errors(404))
def actor_timeline(
    rt: Rt,
    actor: ActorId,
    paging: Annotated[Paging, Depends()],
    filters: Annotated[TypedFilters, Depends()],
) -> Timeline:
    return Timeline.model_validate(services.timeline(rt, actor, paging, filters))


@router.get("/{actor}/network", response_model=EgoNetwork, responses=errors(404))
def actor_network(
    rt: Rt,
    actor: ActorId,
    filters: Annotated[TypedFilters, Depends()],
    depth: Annotated[int, Query(ge=1, le=2)] = 1,
    max_nodes: Annotated[int, Query(ge=1, le=500)] = 150,
) -> EgoNetwork:
    return EgoNetwork.model_validate(services.ego_network(rt, actor, depth, max_nodes, filters))
