"""Read-only Cypher for analysts, through the layered guard."""

from __future__ import annotations

from fastapi import APIRouter, Response

from api import services
from api.deps import Rt, blocking, respond
from api.routes import API_PREFIX
from api.schemas import CypherRequest, CypherResult, errors

router = APIRouter(prefix=API_PREFIX, tags=["cypher"], responses=errors(400, 408, 422, 503))


@router.post("/cypher", response_model=CypherResult)
async def run_cypher(rt: Rt, request: CypherRequest) -> Response:
    """Reads only; rows stop at the server's cap (`truncated`), time is limited by the server."""
    return respond(CypherResult, await blocking(services.cypher, rt, request))
