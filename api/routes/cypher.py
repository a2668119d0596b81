"""Read-only Cypher for analysts, through the layered guard."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Response

from api import services
from api.deps import Client, Rt, json_body, respond
from api.routes import API_PREFIX
from api.schemas import CypherRequest, CypherResult, errors

router = APIRouter(
    prefix=API_PREFIX, tags=["cypher"], responses=errors(400, 408, 413, 415, 422, 429, 503)
)


@router.post("/cypher", response_model=CypherResult, dependencies=[Depends(json_body)])
async def run_cypher(rt: Rt, client: Client, request: CypherRequest) -> Response:
    """Reads only, JSON only; rows and bytes stop at the server's caps (`truncated`), time at
    the server's limit; 429 when the analyst slots (or this client's share) are taken."""
    return respond(CypherResult, await services.cypher(rt, request, client))
