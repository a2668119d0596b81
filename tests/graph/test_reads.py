"""Read functions against the real server, on the small hand-built graph."""

from __future__ import annotations

from datetime import date

import neo4j
import pytest

from graph import reads
from graph.errors import InvalidInput, NotFound
from tests.api import sample

pytestmark = pytest.mark.neo4j
DB = "neo4j"


@pytest.fixture
def g(db: neo4j.Driver) -> neo4j.Driver:
    sample.load(db, DB)
    return db


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sergey Lavrov", "person:sergey lavrov"),
        ("sergey LAVROV", "person:sergey lavrov"),
        ("Lavrof", "person:sergey lavrov"),
        ("dprk", "country:north korea"),
        ("Nort Korea", "country:north korea"),
        ("Vladimir Puttin", "person:vladimir putin"),
    ],
)
def test_search_tolerates_case_aliases_and_typos(g: neo4j.Driver, text: str, expected: str) -> None:
    assert reads.search_actors(g, text, database=DB)[0]["id"] == expected


def test_search_puts_exact_alias_first(g: neo4j.Driver) -> None:
    assert reads.search_actors(g, "US", database=DB)[0]["id"] == "country:united states"


def test_unknown_actor_suggests_close_matches(g: neo4j.Driver) -> None:
    with pytest.raises(NotFound) as caught:
        reads.resolve_actor(g, "Sergei Lavrof", database=DB)
    assert caught.value.details["suggestions"][0]["id"] == "person:sergey lavrov"


def test_profile(g: neo4j.Driver) -> None:
    p = reads.actor_profile(g, "lavrov", database=DB)
    assert p["id"] == "person:sergey lavrov" and p["aliases"] == ["Lavrov"]
    assert p["roles"] == [{"title": "Foreign Minister", "of": "Russia", "of_id": "country:russia"}]
    assert {c["type"]: c["count"] for c in p["counts"]} == {"MET": 3, "VISITED": 1}
    assert (p["first_date"], p["last_date"], p["articles"]) == ("2023-10-18", "2023-11-02", 2)


def test_meetings_leave_out_hedged_planned_negated_by_default(g: neo4j.Driver) -> None:
    found = reads.meetings(g, database=DB)
    assert {m["modality"] for m in found} == {"asserted", "reported"}
    everything = reads.meetings(g, database=DB, modalities=reads.MODALITIES)
    assert len(everything) == 5


def test_meetings_of_actor_carry_evidence_and_article(g: neo4j.Driver) -> None:
    [m] = reads.meetings(g, database=DB, actor="Putin")
    assert m["target"] == "person:kim jong un" and m["attributed_to"] == "the Kremlin"
    assert m["evidence"].startswith("Putin met") and m["article_title"] == "Title a2"
    assert m["article_url"] == "https://example.org/a2"


def test_meetings_filters(g: neo4j.Driver) -> None:
    mods = ["asserted", "reported", "hedged"]
    both = reads.meetings(g, database=DB, actor="Lavrov", modalities=mods)
    assert len(both) == 2
    kim = reads.meetings(g, database=DB, actor="Lavrov", counterpart="Kim", modalities=mods)
    assert [m["target"] for m in kim] == ["person:kim jong un"]
    assert reads.meetings(g, database=DB, actor="Lavrov", place="pyong", modalities=mods)
    dated = reads.meetings(
        g, database=DB, actor="Lavrov", modalities=mods, date_from=date(2023, 10, 19)
    )
    assert [m["date"] for m in dated] == ["2023-10-19"]
    with pytest.raises(NotFound):
        reads.meetings(g, database=DB, actor="Nobody Atall")


def test_relations_filters(g: neo4j.Driver) -> None:
    sanctions = reads.relations(g, database=DB, types=["SANCTIONED"])
    assert [(r["source"], r["target"]) for r in sanctions] == [
        ("country:united states", "country:north korea")
    ]
    assert len(reads.relations(g, database=DB, target="DPRK")) == 4
    assert reads.relations(g, database=DB, attributed_to="kremlin")[0]["type"] == "MET"
    negated = reads.relations(g, database=DB, modalities=["negated"])
    assert [r["source"] for r in negated] == ["person:antony blinken"]
    by_month = reads.relations(
        g, database=DB, date_from=date(2023, 11, 15), date_to=date(2023, 11, 20)
    )
    assert [r["type"] for r in by_month] == ["SANCTIONED"]  # a month-precise date covers it
    with pytest.raises(InvalidInput):
        reads.relations(g, database=DB, types=["HOLDS_ROLE"])


def test_pagination(g: neo4j.Driver) -> None:
    first = reads.relations(g, database=DB, limit=2, offset=0)
    second = reads.relations(g, database=DB, limit=2, offset=2)
    assert len(first) == 2 and not {r["id"] for r in first} & {r["id"] for r in second}


def test_timeline_is_oldest_first(g: neo4j.Driver) -> None:
    t = reads.timeline(g, "North Korea", database=DB)
    dates = [e["date"] for e in t["events"] if e["date"]]
    assert dates == sorted(dates) and t["actor"]["id"] == "country:north korea"


def test_shortest_paths_carry_evidence_per_hop(g: neo4j.Driver) -> None:
    found = reads.shortest_paths(
        g, "Lavrov", "Putin", database=DB, modalities=["asserted", "reported", "hedged"]
    )
    [path] = found["paths"]
    assert path["nodes"] == ["person:sergey lavrov", "person:kim jong un", "person:vladimir putin"]
    assert all(h["evidence"] and h["article_id"] for h in path["hops"])
    assert {n["id"] for n in found["graph"]["nodes"]} == set(path["nodes"])
    assert reads.shortest_paths(g, "Lavrov", "Putin", database=DB)["paths"] == []


def test_ego_network_depths_and_cap(g: neo4j.Driver) -> None:
    one = reads.ego_network(g, "Russia", database=DB, depth=1)
    assert {n["id"] for n in one["nodes"]} == {
        "country:russia",
        "country:north korea",
        "person:choe son hui",
    }
    two = reads.ego_network(g, "Russia", database=DB, depth=2)
    assert len(two["nodes"]) > len(one["nodes"]) and not two["truncated"]
    capped = reads.ego_network(g, "Russia", database=DB, depth=2, max_nodes=2)
    assert len(capped["nodes"]) == 2 and capped["truncated"] and capped["omitted_nodes"] > 0
    edge = one["edges"][0]
    assert set(edge) >= {"evidence", "article_id", "article_title", "modality", "confidence"}
    assert all(n["degree"] >= 1 for n in one["nodes"])


def test_articles_and_what_was_extracted(g: neo4j.Driver) -> None:
    listed = reads.articles(g, database=DB)
    assert sorted(a["id"] for a in listed) == ["a1", "a2", "a3"]
    a1 = reads.article(g, "a1", database=DB)
    assert a1["published"] == "2023-10-18" and a1["text"].startswith("Russian")
    assert len(a1["relations"]) == 4 and all(r["article_id"] == "a1" for r in a1["relations"])
    assert a1["roles"][0]["person"] == "Sergey Lavrov"
    assert "person:choe son hui" in {e["id"] for e in a1["entities"]}
    with pytest.raises(NotFound):
        reads.article(g, "missing", database=DB)


def test_stats(g: neo4j.Driver) -> None:
    s = reads.stats(g, database=DB)
    assert (s["articles"], s["actors"], s["relations"]) == (3, 10, 11)
    assert s["relations_by_type"]["MET"] == 5 and s["relations_by_modality"]["negated"] == 1
