"""Rows from extractions, and what the store writes: provenance, replacement, deletion."""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from pathlib import Path

import neo4j
import pytest

from graph.errors import NotFound
from graph.rows import (
    DATE_PROPERTIES,
    RELATION_PROPERTIES,
    actor_id,
    article_rows,
    date_range,
    normalize_name,
)
from graph.store import GraphStore, batches, canonical_dump
from ingest.model import ActorType, Extraction

# ---- rows (no database) ----------------------------------------------------------------------


def test_actor_ids_are_typed_and_normalized() -> None:
    assert actor_id("North  Korea", ActorType.COUNTRY) == "country:north korea"
    assert actor_id("Choe Son Hui", "PERSON") == "person:choe son hui"
    assert normalize_name("People\u2019s Republic") == "people's republic"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-10-18", ("day", date(2023, 10, 18), date(2023, 10, 18))),
        ("2024-02", ("month", date(2024, 2, 1), date(2024, 2, 29))),
        ("2023", ("year", date(2023, 1, 1), date(2023, 12, 31))),
        ("2023-13", (None, None, None)),
        (None, (None, None, None)),
    ],
)
def test_date_range(value, expected) -> None:
    assert date_range(value) == expected


def test_rows_carry_provenance_and_stable_ids(seeds: list[Extraction]) -> None:
    seed = next(e for e in seeds if e.article.id == "seed-lavrov-pyongyang")
    rows, again = article_rows(seed), article_rows(seed)
    assert rows.article["fingerprint"] == again.article["fingerprint"]
    all_rels = [r for rel_rows in rows.relations.values() for r in rel_rows]
    assert len(all_rels) == len(seed.relations)
    for rel in all_rels:
        assert rel["article_id"] == seed.article.id
        assert rel["evidence"] == seed.article.text[rel["start"] : rel["end"]]
    assert {"place": "place:pyongyang", "country": "country:north korea"} in rows.located_in


def test_unknown_actors_are_dropped_and_reported(seeds: list[Extraction]) -> None:
    seed = seeds[0]
    bad = dataclasses.replace(seed.relations[0], source="Nobody Known")
    rows = article_rows(dataclasses.replace(seed, relations=(bad,)))
    assert rows.relation_count == 0
    assert any("Nobody Known" in d for d in rows.dropped)


def test_batches_never_split_an_article(seeds: list[Extraction]) -> None:
    rows = [article_rows(e) for e in seeds]
    groups = list(batches(rows, max_relations=5))
    assert [r.id for g in groups for r in g] == [r.id for r in rows]
    assert all(sum(r.relation_count for r in g) <= 5 or len(g) == 1 for g in groups)


# ---- the store (real Neo4j) ---------------------------------------------------------------


@pytest.mark.neo4j
def test_analysts_query_works(store: GraphStore, seeds: list[Extraction], database: str) -> None:
    store.write(seeds)
    records, _, _ = store.driver.execute_query(
        "MATCH (a:Person {name:'Vladimir Putin'})-[m:MET]-(b) RETURN b.name, m.date, m.place",
        database_=database,
    )
    assert [tuple(r.values()) for r in records] == [
        ("Kim Jong Un", "2023-09", "Vostochny Cosmodrome")
    ]


@pytest.mark.neo4j
def test_every_relationship_has_provenance(store: GraphStore, seeds, database: str) -> None:
    report = store.write(seeds)
    assert sorted(report.written) == sorted(e.article.id for e in seeds)
    records, _, _ = store.driver.execute_query(
        """MATCH (s:Actor)-[r]->(t:Actor) WHERE NOT type(r) IN ['HOLDS_ROLE', 'LOCATED_IN']
           OPTIONAL MATCH (a:Article {id: r.article_id})
           RETURN r.id AS id, a IS NOT NULL AS has_article, r.evidence AS evidence,
                  r.start AS start, r.end AS end, a.text AS text,
                  EXISTS { (a)-[:MENTIONS]->(s) } AND EXISTS { (a)-[:MENTIONS]->(t) } AS mentioned""",
        database_=database,
    )
    assert len(records) == sum(len(e.relations) for e in seeds)
    for r in records:
        assert r["has_article"] and r["mentioned"], r["id"]
        assert r["text"][r["start"] : r["end"]] == r["evidence"]


@pytest.mark.neo4j
def test_relationships_store_every_row_property(store: GraphStore, seeds, database: str) -> None:
    """Each relationship holds exactly its row's non-null properties, dates as Cypher dates."""
    store.write(seeds)
    records, _, _ = store.driver.execute_query(
        "MATCH ()-[r]->() WHERE r.evidence IS NOT NULL RETURN type(r) AS type, properties(r) AS p",
        database_=database,
    )
    rows = {
        r["id"]: r
        for e in seeds
        for rel_rows in article_rows(e).relations.values()
        for r in rel_rows
    }
    assert len(records) == len(rows)
    dated = 0
    for record in records:
        stored, row = record["p"], rows[record["p"]["id"]]
        assert record["type"] == row["type"]
        expected = {k: row[k] for k in RELATION_PROPERTIES if row[k] is not None}
        assert set(stored) == set(expected), row["id"]
        for key, value in expected.items():
            if key in DATE_PROPERTIES:
                assert isinstance(stored[key], neo4j.time.Date), (key, stored[key])
                assert stored[key].iso_format() == value
                dated += 1
            else:
                assert stored[key] == value, key
    assert dated > 0
    records, _, _ = store.driver.execute_query(
        "MATCH (a:Article) WHERE a.published IS NOT NULL RETURN a.published AS published",
        database_=database,
    )
    assert records and all(isinstance(r["published"], neo4j.time.Date) for r in records)


@pytest.mark.neo4j
def test_roles_and_places(store: GraphStore, seeds, database: str) -> None:
    store.write(seeds)
    records, _, _ = store.driver.execute_query(
        """MATCH (:Person {name: 'Sergey Lavrov'})-[h:HOLDS_ROLE]->(c:Country)
           RETURN h.title AS title, c.name AS country, h.article_ids AS ids""",
        database_=database,
    )
    assert ("Foreign Minister", "Russia") in [(r["title"], r["country"]) for r in records]
    records, _, _ = store.driver.execute_query(
        "MATCH (:Place {name: 'Pyongyang'})-[:LOCATED_IN]->(c:Country) RETURN c.name AS c",
        database_=database,
    )
    assert [r["c"] for r in records] == ["North Korea"]


def _dump_of(driver: neo4j.Driver, database: str, extractions: list[Extraction]) -> list[str]:
    """The canonical dump of a fresh database holding exactly these extractions."""
    driver.execute_query("MATCH (n) DETACH DELETE n", database_=database)
    GraphStore(driver, database).write(extractions)
    return canonical_dump(driver, database)


@pytest.mark.neo4j
def test_delete_article_removes_exactly_its_contribution(
    store: GraphStore, seeds, database
) -> None:
    victim = next(e for e in seeds if e.article.id == "seed-lavrov-pyongyang")
    others = [e for e in seeds if e is not victim]
    expected = _dump_of(store.driver, database, others)
    store.write([victim])
    result = store.delete_article(victim.article.id)
    assert result.counters["nodes_deleted"] > 1  # the article and actors only it mentioned
    assert canonical_dump(store.driver, database) == expected
    # Shared actors survive: Russia is mentioned by other articles too.
    records, _, _ = store.driver.execute_query(
        "MATCH (c:Country {name: 'Russia'}) RETURN c.aliases AS aliases", database_=database
    )
    assert len(records) == 1


@pytest.mark.neo4j
def test_delete_unknown_article_is_not_found(store: GraphStore) -> None:
    with pytest.raises(NotFound):
        store.delete_article("no-such-article")


@pytest.mark.neo4j
def test_changed_article_replaces_its_own_contribution(store: GraphStore, seeds, database) -> None:
    seed = next(e for e in seeds if e.article.id == "seed-lavrov-pyongyang")
    changed = _changed(seed)
    expected = _dump_of(store.driver, database, [e for e in seeds if e is not seed] + [changed])
    _dump_of(store.driver, database, seeds)
    report = store.write([changed])
    assert report.written == [seed.article.id]
    assert canonical_dump(store.driver, database) == expected


@pytest.mark.neo4j
def test_same_url_new_id_replaces_the_old_version(store: GraphStore, seeds, database) -> None:
    old = next(e for e in seeds if e.article.url)
    new = _changed(old)
    new = dataclasses.replace(new, article=dataclasses.replace(new.article, id="new-version"))
    expected = _dump_of(store.driver, database, [e for e in seeds if e is not old] + [new])
    _dump_of(store.driver, database, seeds)
    report = store.write([new])
    assert report.replaced == [old.article.id]
    assert canonical_dump(store.driver, database) == expected


def _changed(extraction: Extraction) -> Extraction:
    """The same article with new text: its first sentence and its first two relations gone."""
    article = extraction.article
    cut = article.text.index("\n") + 1
    relations = tuple(
        dataclasses.replace(r, start=r.start - cut, end=r.end - cut)
        for r in extraction.relations[2:]
        if r.start >= cut
    )
    return dataclasses.replace(
        extraction,
        article=dataclasses.replace(article, text=article.text[cut:]),
        relations=relations,
    )


# ---- the CLI ------------------------------------------------------------------------------

SEEDS_DIR = Path(__file__).resolve().parents[2] / "seeds"


@pytest.mark.neo4j
@pytest.mark.slow
def test_cli_ingests_the_seed_articles_once(db: neo4j.Driver, cli) -> None:
    first = cli("ingest", str(SEEDS_DIR), "-q")
    assert first.returncode == 0, first.stderr
    stats = json.loads(cli("stats", "--json").stdout)
    articles = stats["nodes"]["Article"]
    assert articles == len([p for p in SEEDS_DIR.iterdir() if p.suffix != ".md"])
    assert stats["nodes"]["Actor"] > 0 and stats["relationships"]["MENTIONS"] > 0
    again = cli("ingest", str(SEEDS_DIR), "-q")
    assert again.returncode == 0, again.stderr
    assert f"written 0, unchanged {articles}," in again.stdout


@pytest.mark.neo4j
def test_cli_delete_and_stats(store: GraphStore, seeds, cli) -> None:
    store.write(seeds)
    out = cli("articles", "delete", "seed-lavrov-pyongyang")
    assert out.returncode == 0, out.stderr
    assert "deleted article seed-lavrov-pyongyang" in out.stdout
    missing = cli("articles", "delete", "seed-lavrov-pyongyang")
    assert missing.returncode == 1 and "no article" in missing.stderr
    stats = json.loads(cli("stats", "--json").stdout)
    assert stats["nodes"]["Article"] == len(seeds) - 1
    assert set(stats["relationships"]) >= {"MET", "MENTIONS", "HOLDS_ROLE", "LOCATED_IN"}


@pytest.mark.neo4j
def test_cli_ingest_reports_bad_input_and_exits_non_zero(db, cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"article": {}}\n', encoding="utf-8")
    out = cli("ingest", "--extractions", str(bad), "-q")
    assert out.returncode == 1
    assert f"not written: {bad}:1" in out.stderr
