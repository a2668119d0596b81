"""The extraction domain: frozen plain-data records, JSON-shaped as in the extraction contract."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class ActorType(StrEnum):
    PERSON = "PERSON"
    COUNTRY = "COUNTRY"
    ORGANIZATION = "ORGANIZATION"
    PLACE = "PLACE"


class RelationType(StrEnum):
    MET = "MET"
    VISITED = "VISITED"
    HOSTED = "HOSTED"
    INVITED = "INVITED"
    PRAISED = "PRAISED"
    SUPPORTS = "SUPPORTS"
    RECOGNIZED = "RECOGNIZED"
    AGREED = "AGREED"
    SUPPLIED = "SUPPLIED"
    COOPERATES = "COOPERATES"
    CRITICIZED = "CRITICIZED"
    THREATENED = "THREATENED"
    SANCTIONED = "SANCTIONED"
    ACCOMPANIED = "ACCOMPANIED"


class Modality(StrEnum):
    ASSERTED = "asserted"
    REPORTED = "reported"
    HEDGED = "hedged"
    PLANNED = "planned"
    NEGATED = "negated"


@dataclass(frozen=True, slots=True)
class Article:
    """One article as read: the text extraction runs on, plus its metadata."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # YYYY-MM-DD or None
    source: str | None = None  # the file or feed it came from

    def header(self) -> dict[str, Any]:
        return {"id": self.id, "title": self.title, "url": self.url, "published": self.published}


@dataclass(frozen=True, slots=True)
class Actor:
    name: str  # canonical name
    type: ActorType
    aliases: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "type": str(self.type), "aliases": list(self.aliases)}


@dataclass(frozen=True, slots=True)
class Role:
    person: str
    title: str
    of: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Relation:
    type: RelationType
    source: str
    target: str
    evidence: str
    start: int
    end: int
    modality: Modality = Modality.ASSERTED
    date: str | None = None  # YYYY-MM-DD, YYYY-MM or YYYY
    place: str | None = None
    attributed_to: str | None = None
    cameo: str | None = None
    plover: str | None = None
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["type"] = str(self.type)
        d["modality"] = str(self.modality)
        return d


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything extracted from one article: what `dipgraph extract` prints, one per line."""

    article: Article
    entities: tuple[Actor, ...] = ()
    roles: tuple[Role, ...] = ()
    relations: tuple[Relation, ...] = ()
    warnings: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        return {
            "article": self.article.header(),
            "entities": [a.to_dict() for a in self.entities],
            "roles": [r.to_dict() for r in self.roles],
            "relations": [r.to_dict() for r in self.relations],
            "warnings": list(self.warnings),
        }
