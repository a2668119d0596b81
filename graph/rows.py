"""Extraction → parameter rows: the plain maps the write queries UNWIND, with stable keys."""

from __future__ import annotations

import calendar
import hashlib
import json
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

from graph.places import country_of_place
from ingest.model import (
    Actor,
    ActorType,
    Article,
    Extraction,
    Modality,
    Relation,
    RelationType,
    Role,
)

Row = dict[str, Any]

# The properties of every relationship, as its row carries them. Dates travel as ISO strings
# and the write query makes them Cypher dates: the driver's own date conversion cost more
# client time than packing the rest of the row.
RELATION_PROPERTIES: tuple[str, ...] = (
    "id",
    "article_id",
    "date",
    "date_precision",
    "date_start",
    "date_end",
    "place",
    "modality",
    "attributed_to",
    "evidence",
    "start",
    "end",
    "cameo",
    "plover",
    "confidence",
)
DATE_PROPERTIES = frozenset({"date_start", "date_end"})

# The roles a HOLDS_ROLE edge may point at, per the schema contract.
ROLE_TARGETS = frozenset({ActorType.COUNTRY, ActorType.ORGANIZATION})


@lru_cache(maxsize=65536)
def normalize_name(name: str) -> str:
    """The comparable form of a name: NFKC, straight apostrophes, case-folded, single spaces."""
    text = unicodedata.normalize("NFKC", name).replace("\u2019", "'").replace("\u2018", "'")
    return " ".join(text.casefold().split())


def actor_id(name: str, actor_type: ActorType | str) -> str:
    """The stable actor key of the schema: `<type>:<normalized name>`, e.g. `country:russia`."""
    return f"{str(actor_type).lower()}:{normalize_name(name)}"


def short_hash(*parts: object) -> str:
    """A 16-hex-digit SHA-256 of the parts, for relationship ids and fingerprints."""
    return hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:16]


def date_range(value: str | None) -> tuple[str | None, date | None, date | None]:
    """Precision and first/last day covered by `YYYY`, `YYYY-MM` or `YYYY-MM-DD`; Nones if unparsable."""
    if not value:
        return None, None, None
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 3:
            day = date(*parts)
            return "day", day, day
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return "month", date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
        if len(parts) == 1:
            return "year", date(parts[0], 1, 1), date(parts[0], 12, 31)
    except ValueError:
        pass
    return None, None, None


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


@dataclass
class ArticleRows:
    """Everything one article contributes, as rows for the write queries."""

    article: Row
    actors: dict[ActorType, list[Row]] = field(default_factory=dict)
    mentions: list[Row] = field(default_factory=list)
    roles: list[Row] = field(default_factory=list)
    located_in: list[Row] = field(default_factory=list)
    relations: dict[RelationType, list[Row]] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)

    @property
    def id(self) -> str:
        return str(self.article["id"])

    @property
    def relation_count(self) -> int:
        return sum(len(rows) for rows in self.relations.values())

    def article_param(self) -> Row:
        """The article's row for SET_ARTICLES: id and published (an ISO date the query
        parses) apart, every other property in `props`."""
        props = dict(self.article)
        return {"id": props.pop("id"), "published": props.pop("published"), "props": props}


class _Resolver:
    """Finds an article's actor by canonical name first, then by alias, never by substring."""

    def __init__(self, entities: tuple[Actor, ...]) -> None:
        self.by_name: dict[str, Actor] = {}
        self.by_alias: dict[str, Actor] = {}
        for actor in entities:
            self.by_name.setdefault(normalize_name(actor.name), actor)
        for actor in entities:
            for alias in actor.aliases:
                self.by_alias.setdefault(normalize_name(alias), actor)

    def find(self, name: str | None) -> Actor | None:
        if not name:
            return None
        key = normalize_name(name)
        return self.by_name.get(key) or self.by_alias.get(key)


def article_rows(extraction: Extraction) -> ArticleRows:
    """Turn one Extraction into rows; references to unknown actors are dropped and listed."""
    article = extraction.article
    resolver = _Resolver(extraction.entities)
    rows = ArticleRows(article=_article_row(extraction))
    rows.relations = _relation_rows(extraction, resolver, rows.dropped)
    rows.roles = _role_rows(extraction, resolver, rows.dropped)
    actors = _mentioned_actors(extraction, resolver, rows)
    rows.actors = _actor_rows(actors)
    rows.located_in = _located_in_rows(extraction, resolver)
    rows.mentions = _mention_rows(article.id, actors, rows)
    rows.article["fingerprint"] = fingerprint(rows)
    return rows


def _article_row(extraction: Extraction) -> Row:
    a = extraction.article
    _, published, _ = date_range(a.published)
    return {
        "id": a.id,
        "url": a.url,
        "title": a.title,
        "published": _iso(published),
        "text": a.text,
        "content_hash": hashlib.sha256(a.text.encode()).hexdigest(),
        "source": a.source,
        "warnings": list(extraction.warnings),
    }


def _relation_rows(
    extraction: Extraction, resolver: _Resolver, dropped: list[str]
) -> dict[RelationType, list[Row]]:
    by_type: dict[RelationType, dict[str, Row]] = defaultdict(dict)
    article_id = extraction.article.id
    for rel in extraction.relations:
        source, target = resolver.find(rel.source), resolver.find(rel.target)
        if source is None or target is None:
            dropped.append(f"relation {rel.type} {rel.source!r} -> {rel.target!r}: unknown actor")
            continue
        src, tgt = actor_id(source.name, source.type), actor_id(target.name, target.type)
        rel_type = RelationType(rel.type)
        rid = short_hash(article_id, rel_type, src, tgt, rel.start)
        precision, start, end = date_range(rel.date)
        row = {
            "type": rel_type.value,
            "id": rid,
            "source": src,
            "target": tgt,
            "article_id": article_id,
            "date": rel.date if precision else None,
            "date_precision": precision,
            "date_start": _iso(start),
            "date_end": _iso(end),
            "place": rel.place,
            "modality": str(rel.modality),
            "attributed_to": rel.attributed_to,
            "evidence": rel.evidence,
            "start": rel.start,
            "end": rel.end,
            "cameo": rel.cameo,
            "plover": rel.plover,
            "confidence": float(rel.confidence),
        }
        by_type[rel_type].setdefault(rid, row)
    return {t: list(rows.values()) for t, rows in by_type.items()}


def _role_rows(extraction: Extraction, resolver: _Resolver, dropped: list[str]) -> list[Row]:
    rows: dict[tuple[str, str, str], Row] = {}
    for role in extraction.roles:
        person, of = resolver.find(role.person), resolver.find(role.of)
        if person is None or person.type != ActorType.PERSON:
            dropped.append(f"role {role.title!r} of {role.person!r}: not a known person")
            continue
        if of is None or of.type not in ROLE_TARGETS:
            dropped.append(f"role {role.title!r} of {role.person!r}: no country/organization")
            continue
        key = (actor_id(person.name, person.type), role.title, actor_id(of.name, of.type))
        rows[key] = {"person": key[0], "title": key[1], "of": key[2]}
    return list(rows.values())


def _mentioned_actors(
    extraction: Extraction, resolver: _Resolver, rows: ArticleRows
) -> dict[str, Actor]:
    """Every entity of the article, keyed by actor id (duplicates folded, aliases united)."""
    actors: dict[str, Actor] = {}
    for actor in extraction.entities:
        aid = actor_id(actor.name, actor.type)
        known = actors.get(aid)
        aliases = tuple(known.aliases if known else ()) + tuple(actor.aliases)
        actors[aid] = Actor(known.name if known else actor.name, actor.type, aliases)
    return actors


def _located_in_rows(extraction: Extraction, resolver: _Resolver) -> list[Row]:
    """Places the article names, in a country the article also names (a gazetteer fact)."""
    rows = {}
    for actor in extraction.entities:
        if actor.type != ActorType.PLACE:
            continue
        country = resolver.find(country_of_place(actor.name))
        if country is not None and country.type == ActorType.COUNTRY:
            place_id = actor_id(actor.name, actor.type)
            rows[place_id] = {"place": place_id, "country": actor_id(country.name, country.type)}
    return [rows[k] for k in sorted(rows)]


def _actor_rows(actors: dict[str, Actor]) -> dict[ActorType, list[Row]]:
    by_type: dict[ActorType, list[Row]] = defaultdict(list)
    for aid in sorted(actors):  # a fixed lock order makes deadlocks between writers rarer
        actor = actors[aid]
        by_type[ActorType(actor.type)].append(
            {"id": aid, "name": actor.name, "name_lower": normalize_name(actor.name)}
        )
    return dict(by_type)


def _mention_rows(article_id: str, actors: dict[str, Actor], rows: ArticleRows) -> list[Row]:
    counts: dict[str, int] = defaultdict(int)
    for rel_rows in rows.relations.values():
        for rel in rel_rows:
            counts[rel["source"]] += 1
            counts[rel["target"]] += 1
    return [
        {
            "article_id": article_id,
            "actor_id": aid,
            "count": counts[aid],
            "aliases": _clean_aliases(actors[aid]),
        }
        for aid in sorted(actors)
    ]


def _clean_aliases(actor: Actor) -> list[str]:
    """The surface forms an article used for an actor, minus its canonical name, sorted."""
    own = normalize_name(actor.name)
    return sorted({a.strip() for a in actor.aliases if a.strip() and normalize_name(a) != own})


def fingerprint(rows: ArticleRows) -> str:
    """A hash of everything an article contributes: equal fingerprints mean nothing to write."""
    payload = {
        "article": {k: v for k, v in rows.article.items() if k != "fingerprint"},
        "actors": {str(t): r for t, r in sorted(rows.actors.items())},
        "mentions": rows.mentions,
        "roles": sorted(rows.roles, key=lambda r: (r["person"], r["title"], r["of"])),
        "located_in": sorted(rows.located_in, key=lambda r: (r["place"], r["country"])),
        "relations": {str(t): r for t, r in sorted(rows.relations.items())},
    }
    return hashlib.sha256(json.dumps(payload, sort_keys=True, default=str).encode()).hexdigest()


def extraction_from_dict(data: dict[str, Any]) -> Extraction:
    """Rebuild an Extraction from its contract JSON (`dipgraph extract` output, one line)."""
    head = data["article"]
    article = Article(
        id=str(head["id"]),
        text=head.get("text") or "",
        title=head.get("title"),
        url=head.get("url"),
        published=head.get("published"),
        source=head.get("source"),
    )
    return Extraction(
        article=article,
        entities=tuple(
            Actor(e["name"], ActorType(e["type"]), tuple(e.get("aliases") or ()))
            for e in data.get("entities", ())
        ),
        roles=tuple(Role(r["person"], r["title"], r.get("of")) for r in data.get("roles", ())),
        relations=tuple(_relation(r) for r in data.get("relations", ())),
        warnings=tuple(data.get("warnings", ())),
    )


def _relation(r: dict[str, Any]) -> Relation:
    return Relation(
        type=RelationType(r["type"]),
        source=r["source"],
        target=r["target"],
        evidence=r.get("evidence") or "",
        start=int(r.get("start") or 0),
        end=int(r.get("end") or 0),
        modality=Modality(r.get("modality") or "asserted"),
        date=r.get("date"),
        place=r.get("place"),
        attributed_to=r.get("attributed_to"),
        cameo=r.get("cameo"),
        plover=r.get("plover"),
        confidence=float(r.get("confidence", 0.5)),
    )
