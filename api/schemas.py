"""Response and request models of the HTTP API: the contract the OpenAPI document publishes."""

from __future__ import annotations

from datetime import date
from typing import Any, Generic, Literal, TypeVar

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, field_validator, model_validator

MAX_LIMIT = 500
MAX_OFFSET = 100_000
MAX_ARTICLE_CHARS = 1_000_000
MAX_CYPHER_CHARS = 20_000

T = TypeVar("T")


class Model(BaseModel):
    model_config = ConfigDict(extra="ignore")


class ErrorDetail(Model):
    code: str = Field(examples=["not_found"])
    message: str
    details: dict[str, Any] = Field(default_factory=dict)


class ErrorBody(Model):
    error: ErrorDetail


class Health(Model):
    status: Literal["ok"] = "ok"


class Ready(Model):
    status: Literal["ready"] = "ready"
    neo4j: bool = True


class ActorRef(Model):
    id: str
    name: str | None = None
    type: str | None = None


class ActorHit(ActorRef):
    aliases: list[str] = Field(default_factory=list)
    score: float


class Role(Model):
    title: str | None = None
    of: str | None = None
    of_id: str | None = None


class TypeCount(Model):
    type: str
    count: int


class ActorProfile(ActorRef):
    aliases: list[str] = Field(default_factory=list)
    roles: list[Role] = Field(default_factory=list)
    counts: list[TypeCount] = Field(default_factory=list)
    first_date: str | None = None
    last_date: str | None = None
    articles: int = 0


class Relation(Model):
    """One relation with its provenance: the evidence sentence and the article it came from."""

    id: str
    type: str
    source: str
    source_name: str | None = None
    target: str
    target_name: str | None = None
    date: str | None = None
    place: str | None = None
    modality: str | None = None
    attributed_to: str | None = None
    evidence: str | None = None
    article_id: str | None = None
    article_title: str | None = None
    article_url: str | None = None
    confidence: float = 0.0
    cameo: str | None = None
    plover: str | None = None


class Page(Model, Generic[T]):
    items: list[T]
    limit: int
    offset: int
    has_more: bool


class Timeline(Page[Relation]):
    actor: ActorRef


class GraphNode(Model):
    id: str
    name: str | None = None
    type: str | None = None
    articles: int = 0
    degree: int = 0


class GraphEdge(Model):
    id: str
    source: str
    target: str
    type: str
    date: str | None = None
    place: str | None = None
    modality: str | None = None
    attributed_to: str | None = None
    evidence: str | None = None
    article_id: str | None = None
    article_title: str | None = None
    article_url: str | None = None
    confidence: float | None = 0.0


class Subgraph(Model):
    """The shape API and viz share for ego networks, paths and drawable Cypher results."""

    nodes: list[GraphNode]
    edges: list[GraphEdge]
    truncated: bool = False
    omitted_nodes: int = 0


class EgoNetwork(Subgraph):
    centre: str


class Path(Model):
    nodes: list[str]
    hops: list[Relation]


class Paths(Model):
    source: str
    target: str
    paths: list[Path]
    graph: Subgraph


class ArticleSummary(Model):
    id: str
    title: str | None = None
    url: str | None = None
    published: str | None = None
    ingested_at: str | None = None


class Mention(ActorRef):
    count: int = 0


class ArticleRole(Role):
    person: str | None = None
    person_id: str | None = None


class ArticleDetail(ArticleSummary):
    text: str | None = None
    warnings: list[str] = Field(default_factory=list)
    entities: list[Mention] = Field(default_factory=list)
    roles: list[ArticleRole] = Field(default_factory=list)
    relations: list[Relation] = Field(default_factory=list)


class Stats(Model):
    articles: int
    actors: int
    actors_by_type: dict[str, int]
    relations: int
    relations_by_type: dict[str, int]
    relations_by_modality: dict[str, int]


class Ranked(ActorRef):
    score: float
    relations: int


class Centrality(Model):
    measure: str
    nodes: int
    edges: int
    items: list[Ranked]


class Bloc(Model):
    bloc: int
    size: int
    members: list[ActorRef]


class Blocs(Model):
    nodes: int
    edges: int
    blocs: list[Bloc]


class CypherRequest(Model):
    model_config = ConfigDict(extra="forbid")

    query: str = Field(
        min_length=1,
        max_length=MAX_CYPHER_CHARS,
        examples=["MATCH (a:Actor) RETURN a.name LIMIT 5"],
    )
    # `parameters` is the documented name (README, OpenAPI); `params` was the only one accepted
    # until it was, so it still works.
    params: dict[str, Any] = Field(
        default_factory=dict,
        validation_alias=AliasChoices("parameters", "params"),
        description="query parameters, `$name` in the query (`params` is accepted too)",
    )

    @model_validator(mode="before")
    @classmethod
    def _known_fields(cls, data: Any) -> Any:
        """An unknown field is named with the fields this body takes, not just 'extra'."""
        if isinstance(data, dict):
            unknown = sorted(str(k) for k in data if k not in _accepted(cls))
            if unknown:
                raise ValueError(
                    f"unknown field {', '.join(map(repr, unknown))}; "
                    f"this body takes {', '.join(_documented(cls))}"
                )
        return data


def _names(model: type[BaseModel]) -> list[list[str]]:
    """Per field, the names it is read under: its aliases, else its own name."""
    names = []
    for name, field in model.model_fields.items():
        alias = field.validation_alias
        names.append([str(c) for c in alias.choices] if isinstance(alias, AliasChoices) else [name])
    return names


def _accepted(model: type[BaseModel]) -> set[str]:
    return {n for choices in _names(model) for n in choices}


def _documented(model: type[BaseModel]) -> list[str]:
    return [choices[0] for choices in _names(model)]


class CypherView(CypherRequest):
    """A Cypher page's query with the page's filters (POST /viz/cypher.json)."""

    type: list[str] = Field(default_factory=list, max_length=50)
    modality: list[str] = Field(default_factory=list, max_length=10)
    date_from: str | None = Field(default=None, max_length=10)
    date_to: str | None = Field(default=None, max_length=10)
    size: str = Field(default="articles", max_length=20)


class CypherResult(Model):
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool
    truncated_by: Literal["rows", "bytes"] | None = None
    row_cap: int
    byte_cap: int
    elapsed_ms: int
    graph: Subgraph


class ArticleIn(Model):
    """The JSON article form: what the extractor reads from a `.json` file."""

    model_config = ConfigDict(extra="forbid")

    id: str | None = Field(default=None, max_length=200)
    title: str | None = Field(default=None, max_length=1000)
    url: str | None = Field(default=None, max_length=2000)
    published: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")
    text: str = Field(min_length=1, max_length=MAX_ARTICLE_CHARS)

    @field_validator("id", "title", "url", "text")
    @classmethod
    def _no_nul(cls, value: str | None) -> str | None:
        """NUL is no character of an article (Neo4j and spaCy would keep it silently)."""
        if value is not None and "\x00" in value:
            raise ValueError("must not contain NUL characters")
        return value

    @field_validator("published")
    @classmethod
    def _real_date(cls, value: str | None) -> str | None:
        """A calendar date that exists: 2024-02-30 was dropped to null without a word."""
        if value is not None:
            try:
                date.fromisoformat(value)
            except ValueError as e:
                raise ValueError(f"{value} is not a date on the calendar") from e
        return value


class ExtractedEntity(Model):
    name: str
    type: str
    aliases: list[str] = Field(default_factory=list)


class ExtractedRole(Model):
    person: str
    title: str
    of: str | None = None


class ExtractedRelation(Model):
    type: str
    source: str
    target: str
    evidence: str
    start: int
    end: int
    modality: str
    date: str | None = None
    place: str | None = None
    attributed_to: str | None = None
    cameo: str | None = None
    plover: str | None = None
    confidence: float


class Ingested(Model):
    """What one posted article yielded, and what the store did with it."""

    article: ArticleSummary
    entities: list[ExtractedEntity]
    roles: list[ExtractedRole]
    relations: list[ExtractedRelation]
    warnings: list[str]
    status: Literal["written", "unchanged", "replaced"]
    dropped: list[str] = Field(default_factory=list)


class Deleted(Model):
    id: str
    deleted: bool = True


class ActorHits(Model):
    items: list[ActorHit]


class RelationPage(Page[Relation]):
    pass


class ArticlePage(Page[ArticleSummary]):
    pass


def errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI entries for the error statuses an operation may answer, all with one body."""
    return {status: {"model": ErrorBody, "description": "error"} for status in statuses}
