"""Articles: list, one with what was extracted from it, ingestion and removal (API key)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request, Response

from api import services
from api.deps import Rt, blocking, require_api_key, respond
from api.params import ARTICLE_BODY_OPENAPI, PagingDep, article_body
from api.routes import API_PREFIX
from api.schemas import ArticleDetail, ArticlePage, Deleted, Ingested, errors

router = APIRouter(prefix=API_PREFIX + "/articles", tags=["articles"], responses=errors(422, 503))
ArticleId = Annotated[str, Path(min_length=1, max_length=200)]
WRITE_ERRORS = errors(401, 403, 413, 415)


@router.get("", response_model=ArticlePage)
async def list_articles(rt: Rt, paging: PagingDep) -> Response:
    return respond(ArticlePage, await blocking(services.articles, rt, paging))


@router.get("/{article_id}", response_model=ArticleDetail, responses=errors(404))
async def get_article(rt: Rt, article_id: ArticleId) -> Response:
    return respond(ArticleDetail, await blocking(services.article, rt, article_id))


UNCHANGED = {200: {"model": Ingested, "description": "the same article again: nothing written"}}


@router.post(
    "",
    response_model=Ingested,
    status_code=201,
    dependencies=[Depends(require_api_key)],
    responses={**UNCHANGED, **WRITE_ERRORS},
    openapi_extra=ARTICLE_BODY_OPENAPI,
)
async def post_article(rt: Rt, request: Request) -> Response:
    """Extract one article (plain text or the JSON article form) and store it: 201 when
    written or replaced, 200 when it was already stored unchanged; 413 past 4 MB or
    1,000,000 characters of text."""
    posted = await article_body(request)
    result = await services.ingest(rt, posted)
    status = 200 if result["status"] == "unchanged" else 201
    return respond(Ingested, result, status_code=status)


@router.delete(
    "/{article_id}",
    response_model=Deleted,
    dependencies=[Depends(require_api_key)],
    responses={**WRITE_ERRORS, **errors(404)},
)
async def delete_article(rt: Rt, article_id: ArticleId) -> Response:
    return respond(Deleted, await blocking(services.delete_article, rt, article_id))
