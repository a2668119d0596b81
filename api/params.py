"""Query parameters shared by several routes, parsed and bounded once."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any

from fastapi import Depends, Query, Request
from pydantic import ValidationError

from api.errors import ApiError
from api.schemas import MAX_ARTICLE_CHARS, MAX_LIMIT, MAX_OFFSET, ArticleIn
from ingest.model import Modality, RelationType

MAX_BODY_BYTES = 4 * MAX_ARTICLE_CHARS
ISO_DATE = r"^\d{4}-\d{2}-\d{2}$"


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="page size")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
ModalityList = Annotated[
    list[Modality] | None, Query(description="modalities to include (default: asserted, reported)")
]
TypeList = Annotated[list[RelationType] | None, Query(description="relation types (default: all)")]


def DateQuery(description: str) -> Any:  # noqa: N802 - reads like Query
    """An ISO calendar date (YYYY-MM-DD), strictly: no timestamps, no other formats."""
    return Query(description=description, pattern=ISO_DATE, json_schema_extra={"format": "date"})


DateFrom = Annotated[str | None, DateQuery("relations dated on or after")]
DateTo = Annotated[str | None, DateQuery("relations dated on or before")]


@dataclass(frozen=True)
class Paging:
    limit: int = 50
    offset: int = 0


@dataclass(frozen=True)
class Filters:
    """Which relations count: types, modalities (default asserted and reported) and dates."""

    modality: list[Modality] | None = None
    date_from: date | None = None
    date_to: date | None = None
    type: list[RelationType] | None = None

    def as_kwargs(self) -> dict[str, Any]:
        return {
            "modalities": [m.value for m in self.modality] if self.modality else None,
            "date_from": self.date_from,
            "date_to": self.date_to,
        }


@dataclass(frozen=True)
class TypedFilters(Filters):
    def as_kwargs(self) -> dict[str, Any]:
        types = [t.value for t in self.type] if self.type else None
        return {**super().as_kwargs(), "types": types}


# Dependencies are coroutines so FastAPI does not hop to a worker thread for each of them.


async def paging(limit: Limit = 50, offset: Offset = 0) -> Paging:
    return Paging(limit, offset)


async def filters(
    modality: ModalityList = None, date_from: DateFrom = None, date_to: DateTo = None
) -> Filters:
    return Filters(modality, _date(date_from, "date_from"), _date(date_to, "date_to"))


async def typed_filters(
    modality: ModalityList = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    type: TypeList = None,  # noqa: A002 - the public parameter name
) -> TypedFilters:
    dates = _date(date_from, "date_from"), _date(date_to, "date_to")
    return TypedFilters(modality, *dates, type)


def _date(value: str | None, name: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise ApiError(422, "invalid_input", f"{name} is not a calendar date", {name: value}) from e


PagingDep = Annotated[Paging, Depends(paging)]
FiltersDep = Annotated[Filters, Depends(filters)]
TypedFiltersDep = Annotated[TypedFilters, Depends(typed_filters)]


async def article_body(request: Request) -> ArticleIn:
    """The posted article: plain text, or the JSON article form."""
    raw = await request.body()
    if len(raw) > MAX_BODY_BYTES:
        raise ApiError(
            413, "payload_too_large", "the article is too large", {"max_bytes": MAX_BODY_BYTES}
        )
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media == "text/plain":
        return _validated({"text": _decode(raw)})
    if media in ("application/json", ""):
        return _validated(_json(raw))
    raise ApiError(
        415, "unsupported_media_type", "send text/plain or application/json", {"got": media}
    )


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ApiError(422, "invalid_input", "the body is not UTF-8 text") from e


def _json(raw: bytes) -> Any:
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as e:
        raise ApiError(422, "invalid_input", "the body is not valid JSON") from e


def _validated(data: Any) -> ArticleIn:
    text = data.get("text") if isinstance(data, dict) else None
    if isinstance(text, str) and len(text) > MAX_ARTICLE_CHARS:
        # Too large is 413, as the OpenAPI document says, not a 422 among validation errors.
        raise ApiError(
            413,
            "payload_too_large",
            f"the article text is longer than {MAX_ARTICLE_CHARS:,} characters",
            {"max_chars": MAX_ARTICLE_CHARS, "chars": len(text)},
        )
    try:
        return ArticleIn.model_validate(data)
    except ValidationError as e:
        errors = [{"loc": [str(p) for p in err["loc"]], "msg": err["msg"]} for err in e.errors()]
        raise ApiError(422, "invalid_input", "the article is not valid", {"errors": errors}) from e


ARTICLE_BODY_OPENAPI = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": ArticleIn.model_json_schema()},
            "text/plain": {
                "schema": {"type": "string", "minLength": 1, "maxLength": MAX_ARTICLE_CHARS}
            },
        },
    }
}
