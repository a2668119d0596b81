"""A small hand-built graph for read, analytics and API tests, written through the store."""

from __future__ import annotations

import neo4j

from graph.store import GraphStore
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

P, C, ORG, L = ActorType.PERSON, ActorType.COUNTRY, ActorType.ORGANIZATION, ActorType.PLACE

LAVROV = Actor("Sergey Lavrov", P, ("Lavrov",))
CHOE = Actor("Choe Son Hui", P, ("Choe",))
KIM = Actor("Kim Jong Un", P, ("Kim",))
PUTIN = Actor("Vladimir Putin", P, ("Putin",))
BLINKEN = Actor("Antony Blinken", P, ("Blinken",))
RUSSIA = Actor("Russia", C, ("Russian Federation",))
NK = Actor("North Korea", C, ("DPRK", "Democratic People's Republic of Korea"))
US = Actor("United States", C, ("US", "U.S."))
PYONGYANG = Actor("Pyongyang", L)
UN = Actor("United Nations", ORG, ("UN",))


def rel(
    kind: RelationType,
    source: Actor,
    target: Actor,
    evidence: str,
    date: str | None = None,
    modality: Modality = Modality.ASSERTED,
    **extra: object,
) -> Relation:
    return Relation(
        kind, source.name, target.name, evidence, 0, len(evidence), modality, date, **extra
    )  # type: ignore[arg-type]


def _article(
    aid: str,
    published: str,
    text: str,
    actors: tuple[Actor, ...],
    rels: list,
    roles: tuple[Role, ...] = (),
) -> Extraction:
    numbered = [
        Relation(**{**_fields(r), "start": i * 10, "end": i * 10 + 5}) for i, r in enumerate(rels)
    ]
    return Extraction(
        Article(
            aid, text, title=f"Title {aid}", url=f"https://example.org/{aid}", published=published
        ),
        entities=actors,
        roles=roles,
        relations=tuple(numbered),
    )


def _fields(r: Relation) -> dict:
    return {k: getattr(r, k) for k in r.__slots__}


def extractions() -> list[Extraction]:
    lavrov_trip = _article(
        "a1",
        "2023-10-18",
        "Russian Foreign Minister Sergey Lavrov arrived in Pyongyang and met Choe Son Hui.",
        (LAVROV, CHOE, RUSSIA, NK, PYONGYANG, KIM),
        [
            rel(
                RelationType.VISITED,
                LAVROV,
                NK,
                "Lavrov arrived in Pyongyang.",
                "2023-10-18",
                place="Pyongyang",
            ),
            rel(
                RelationType.MET,
                LAVROV,
                CHOE,
                "Lavrov met Choe Son Hui in Pyongyang.",
                "2023-10-18",
                place="Pyongyang",
                confidence=0.9,
            ),
            rel(
                RelationType.MET,
                LAVROV,
                KIM,
                "Lavrov may meet Kim Jong Un.",
                "2023-10-19",
                Modality.HEDGED,
            ),
            rel(RelationType.PRAISED, CHOE, RUSSIA, "Choe praised Russia's support.", "2023-10-18"),
        ],
        (Role("Sergey Lavrov", "Foreign Minister", "Russia"),),
    )
    summit = _article(
        "a2",
        "2023-09-13",
        "Vladimir Putin met Kim Jong Un at the Vostochny cosmodrome, the Kremlin said.",
        (PUTIN, KIM, RUSSIA, NK),
        [
            rel(
                RelationType.MET,
                PUTIN,
                KIM,
                "Putin met Kim Jong Un at Vostochny.",
                "2023-09-13",
                Modality.REPORTED,
                place="Vostochny",
                attributed_to="the Kremlin",
            ),
            rel(
                RelationType.COOPERATES, RUSSIA, NK, "Russia and North Korea cooperate.", "2023-09"
            ),
            rel(
                RelationType.MET, PUTIN, KIM, "Putin will meet Kim again.", "2024", Modality.PLANNED
            ),
        ],
    )
    criticism = _article(
        "a3",
        "2023-11-02",
        "Antony Blinken criticized North Korea and did not meet Lavrov at the UN.",
        (BLINKEN, NK, US, LAVROV, UN),
        [
            rel(
                RelationType.CRITICIZED,
                BLINKEN,
                NK,
                "Blinken criticized North Korea.",
                "2023-11-02",
            ),
            rel(
                RelationType.MET,
                BLINKEN,
                LAVROV,
                "Blinken did not meet Lavrov.",
                "2023-11-02",
                Modality.NEGATED,
            ),
            rel(RelationType.SANCTIONED, US, NK, "The US sanctioned North Korea.", "2023-11"),
            rel(RelationType.SUPPORTS, UN, US, "The UN backed the US.", None),
        ],
    )
    return [lavrov_trip, summit, criticism]


def load(driver: neo4j.Driver, database: str = "neo4j") -> None:
    report = GraphStore(driver, database).write(extractions())
    assert not report.failed, report.failed


def counts(driver: neo4j.Driver, database: str = "neo4j") -> tuple[int, int]:
    records, _, _ = driver.execute_query(
        "MATCH (n) RETURN count(n) AS n, COUNT { ()-[]->() } AS r", database_=database
    )
    return records[0]["n"], records[0]["r"]
