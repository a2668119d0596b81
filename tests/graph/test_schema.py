"""The schema: every constraint and index exists, creation is repeatable, uniqueness holds."""

from __future__ import annotations

import neo4j
import pytest

from graph import queries as q
from graph.schema import ensure_schema, schema_names
from ingest.model import RelationType

pytestmark = pytest.mark.neo4j


def test_every_constraint_and_index_exists(db: neo4j.Driver, database: str) -> None:
    names = schema_names(db, database)
    assert {"actor_id", "article_id"} <= names["constraints"]
    assert {f"rel_{t.value.lower()}_id" for t in RelationType} <= names["constraints"]
    expected_indexes = {
        "actor_name",
        "actor_name_lower",
        "actor_names",
        "article_url",
        "article_content_hash",
        *(f"rel_{t.value.lower()}_article" for t in RelationType),
        *(f"rel_{t.value.lower()}_date_start" for t in RelationType),
    }
    assert expected_indexes <= names["indexes"]


def test_schema_creation_is_idempotent(db: neo4j.Driver, database: str) -> None:
    assert ensure_schema(db, database) == 0


def test_relationship_uniqueness_is_enforced_per_type(db: neo4j.Driver, database: str) -> None:
    db.execute_query(
        "CREATE (:Actor {id: 'a'})-[:MET {id: 'r1'}]->(:Actor {id: 'b'})", database_=database
    )
    with pytest.raises(neo4j.exceptions.ConstraintError):
        db.execute_query(
            "MATCH (a:Actor {id: 'a'}), (b:Actor {id: 'b'}) CREATE (b)-[:MET {id: 'r1'}]->(a)",
            database_=database,
        )
    # Another type may reuse the value: ids are unique per type.
    db.execute_query(
        "MATCH (a:Actor {id: 'a'}), (b:Actor {id: 'b'}) CREATE (a)-[:PRAISED {id: 'r1'}]->(b)",
        database_=database,
    )


def test_actor_and_article_ids_are_unique(db: neo4j.Driver, database: str) -> None:
    db.execute_query("CREATE (:Actor {id: 'x'}), (:Article {id: 'y'})", database_=database)
    for query in ("CREATE (:Actor {id: 'x'})", "CREATE (:Article {id: 'y'})"):
        with pytest.raises(neo4j.exceptions.ConstraintError):
            db.execute_query(query, database_=database)


def test_full_text_index_finds_aliases(store, seeds, database: str) -> None:
    store.write(seeds)
    store.driver.execute_query(q.AWAIT_INDEXES, timeout=60, database_=database)
    records, _, _ = store.driver.execute_query(
        "CALL db.index.fulltext.queryNodes('actor_names', 'DPRK') YIELD node RETURN node.id AS id",
        database_=database,
    )
    assert "country:north korea" in [r["id"] for r in records]


def test_schema_statements_name_only_enum_types() -> None:
    for rel_type in RelationType:
        assert rel_type.value in q.DELETE_RELATIONS[rel_type]
    assert len(q.DELETE_RELATIONS) == len(RelationType)
    # The one create statement takes its type from the row, which graph.rows fills from the enum.
    assert "[:$(row.type) {" in q.CREATE_RELATIONS
