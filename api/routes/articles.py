"""Articles: list, one with what was extracted from it, ingestion and removal (API key)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request

from api import services
from api.deps import Rt, require_api_key
from api.params import ARTICLE_BODY_OPENAPI, Paging, article_body
from api.routes import API_PREFIX
from api.schemas import ArticleDetail, ArticlePage, Deleted, Ingested, errors

router = APIRouter(prefix=API_PREFIX + "/articles", tags=["articles"], responses=errors(422, 503))
ArticleId = Annotated[str, Path(min_length=1, max_length=200)]
WRITE_ERRORS = errors(401, 403, 413, 415)


@router.get("", response_model=ArticlePage)
def list_articles(rt: Rt, paging: Annotated[Paging, Depends()]) -> ArticlePage:
    return ArticlePage.model_validate(services.articles(rt, paging))


@router.get("/{article_id}", response_model=ArticleDetail, responses=errors(404))
def get_article(rt: Rt, article_id: ArticleId) -> ArticleDetail:
    return ArticleDetail.model_validate(services.article(rt, article_id))


@router.post(
    "",
    response_model=Ingested,
    status_code=201,
    dependencies=[Depends(require_api_key)],
    responses=WRITE_ERRORS,
    openapi_extra=ARTICLE_BODY_OPENAPI,
)
async def post_article(rt: Rt, request: Request) -> Ingested:
    """Extract one article (plain text or the JSON article form), store it, return the result."""
    posted = await article_body(request)
    return Ingested.model_validate(await services.ingest(rt, posted))


@router.delete(
    "/{article_id}",
    response_model=Deleted,
    dependencies=[Depends(require_api_key)],
    responses={**WRITE_ERRORS, **errors(404)},
)
def delete_article(rt: Rt, article_id: ArticleId) -> Deleted:
    return Deleted.model_validate(services.delete_article(rt, article_id))
