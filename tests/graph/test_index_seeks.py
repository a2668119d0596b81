"""On a graph of 100k relations, the queries behind the API's main endpoints seek indexes:
PROFILE each one and fail on a scan of all nodes, of a whole label or of all relationships."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import neo4j
import pytest

from graph import queries as q
from graph import reads
from graph.rows import normalize_name
from graph.schema import ensure_schema
from graph.store import GraphStore
from ingest.model import RelationType

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

RELATIONS = 100_000
ACTORS = {
    "Person": (0, 5000),
    "Country": (5000, 5250),
    "Organization": (5250, 5750),
    "Place": (5750, 6000),
}
TOTAL_ACTORS = 6000
ARTICLES = 20_000
SCANS = ("AllNodesScan", "NodeByLabelScan", "AllRelationshipsScan", "RelationshipTypeScan")

# Relationships first, a slice per transaction, each well inside the server's timeout.
CLEAR = (
    "MATCH ()-[r]->() WITH r LIMIT 20000 DELETE r RETURN count(*) AS n",
    "MATCH (n) WITH n LIMIT 20000 DELETE n RETURN count(*) AS n",
)


def _clear(driver: neo4j.Driver, database: str) -> None:
    for statement in CLEAR:
        while driver.execute_query(statement, database_=database).records[0]["n"]:
            pass


# Built server-side: the planner's choices depend on the statistics, not on how rows arrived.
MAKE_ACTORS = """
UNWIND range($first, $last - 1) AS i
CALL (i) {
  CREATE (x:Actor {id: $prefix + ':actor ' + i, name: 'Actor ' + i, name_lower: 'actor ' + i,
                   type: $type, aliases: ['A' + i, 'Alias ' + i]})
} IN TRANSACTIONS OF 5000 ROWS
"""
LABEL_ACTORS = (
    "MATCH (x:Actor {type: $type}) CALL (x) { SET x:{LABEL} } IN TRANSACTIONS OF 5000 ROWS"
)
MAKE_ARTICLES = """
UNWIND range(0, $n - 1) AS j
CALL (j) {
  MATCH (a:Actor {id: $ids[j % size($ids)]}), (b:Actor {id: $ids[(j * 31 + 5) % size($ids)]})
  CREATE (art:Article {id: 'art' + j, url: 'https://example.org/' + j, title: 'Article ' + j,
                       published: date('2010-01-01') + duration({days: j % 5000}),
                       content_hash: 'h' + j, ingested_at: datetime()})
  CREATE (art)-[:MENTIONS {count: 1, aliases: []}]->(a)
  MERGE (art)-[:MENTIONS {count: 1, aliases: []}]->(b)
} IN TRANSACTIONS OF 5000 ROWS
"""
MAKE_RELATIONS = """
UNWIND range(0, $n - 1) AS i
WITH i WHERE i % $types = $k
CALL (i) {
  MATCH (s:Actor {id: $ids[(i * 7919) % size($ids)]}),
        (t:Actor {id: $ids[(i * 104729 + 1) % size($ids)]})
  CREATE (s)-[:{TYPE} {id: 'r' + i, article_id: 'art' + (i % $articles), date: null,
          date_start: date('2010-01-01') + duration({days: i % 5000}),
          date_end: date('2010-01-01') + duration({days: i % 5000}),
          modality: ['asserted', 'reported', 'hedged', 'planned'][i % 4],
          attributed_to: CASE WHEN i % 5 = 0 THEN 'Source ' + (i % 50) END,
          place: 'Place ' + (i % 100), evidence: 'Sentence ' + i, start: 0, end: 10,
          confidence: 0.9}]->(t)
} IN TRANSACTIONS OF 5000 ROWS
"""


def _actor_ids() -> list[str]:
    ids = []
    for label, (first, last) in ACTORS.items():
        ids += [f"{label.lower()}:actor {i}" for i in range(first, last)]
    return ids


@pytest.fixture(scope="module")
def big_graph(driver: neo4j.Driver, neo4j_conn, seeds) -> Iterator[neo4j.Driver]:
    database = neo4j_conn.database
    _clear(driver, database)
    ensure_schema(driver, database)
    ids = _actor_ids()
    with driver.session(database=database) as session:
        for label, (first, last) in ACTORS.items():
            params = {"first": first, "last": last, "prefix": label.lower(), "type": label.upper()}
            session.run(MAKE_ACTORS, params).consume()
            session.run(LABEL_ACTORS.replace("{LABEL}", label), type=label.upper()).consume()
        session.run(MAKE_ARTICLES, n=ARTICLES, ids=ids).consume()
        for k, rel_type in enumerate(RelationType):
            params = {"n": RELATIONS, "types": len(RelationType), "k": k, "ids": ids}
            session.run(
                MAKE_RELATIONS.replace("{TYPE}", rel_type.value), params | {"articles": ARTICLES}
            ).consume()
    GraphStore(driver, database).write(seeds)
    driver.execute_query(q.AWAIT_INDEXES, timeout=300, database_=database)
    driver.execute_query("CALL db.resampleOutdatedIndexes()", database_=database)
    yield driver
    _clear(driver, database)


def _operators(plan: Any) -> list[str]:
    found = [plan.get("operatorType", "")] if isinstance(plan, dict) else [plan.operator_type]
    children = plan.get("children", []) if isinstance(plan, dict) else plan.children
    for child in children:
        found += _operators(child)
    return found


def _scans(
    driver: neo4j.Driver, database: str, query: str, params: dict[str, Any], profile: bool
) -> list[str]:
    with driver.session(database=database, notifications_min_severity="OFF") as session:
        cursor = session.run(("PROFILE " if profile else "EXPLAIN ") + query, params)
        summary = cursor.consume()
        plan = summary.profile if profile else summary.plan
    return [op for op in _operators(plan) if op.split("@")[0].split("(")[0] in SCANS]


PUTIN = "person:vladimir putin"
KIM = "person:kim jong un"


def _params(**extra: Any) -> dict[str, Any]:
    """Parameters every read query may use; extra ones are ignored by Neo4j."""
    base = {
        **reads.filters(),
        "actor": PUTIN,
        "actor_key": normalize_name("Vladimir Putin"),
        "counterpart": None,
        "counterpart_key": None,
        "place": None,
        "source": PUTIN,
        "target": KIM,
        "attributed_to": None,
        "offset": 0,
        "limit": 50,
        "ids": [PUTIN, KIM, "person:actor 17"],
        "id": "seed-lavrov-pyongyang",
        "ref": "Vladimir Putin",
        "key": normalize_name("Vladimir Putin"),
        "lucene": reads.lucene_query("Putin"),
    }
    base["date_from"] = date(2015, 1, 1)
    return base | extra


READ_QUERIES = {
    "actor lookup by name/alias": (
        reads.RESOLVE_ACTOR,
        {"ref": "Putin", "key": "putin", "alias_phrase": 'aliases:"putin"'},
    ),
    "curation: actor by id or name": (q.ACTOR_BY_KEY, {"key": "Vladimir Putin"}),
    "actor search (full text)": (reads.SEARCH_ACTORS, {}),
    "actor profile": (reads.ACTOR_PROFILE, {"id": PUTIN}),
    "meetings by actor": (reads.MEETINGS_OF_ACTOR, {}),
    "meetings by actor and counterpart": (
        reads.MEETINGS_OF_ACTOR,
        {"counterpart": KIM, "counterpart_key": "kim jong un"},
    ),
    "relations from an actor": (reads.RELATIONS_FROM_SOURCE, {"target": None}),
    "relations to an actor": (reads.RELATIONS_TO_TARGET, {"source": None}),
    "timeline": (reads.TIMELINE, {}),
    "ego network: neighbours": (reads.NEIGHBOURS, {}),
    "ego network: nodes": (reads.NODES_BY_ID, {}),
    "ego network: edges among": (reads.EDGES_AMONG, {}),
    "edges by id": (reads.EDGES_BY_ID, {"ids": ["r17", "r18"]}),
    "shortest paths": (reads.SHORTEST_PATHS, {"source": PUTIN, "target": "person:actor 17"}),
    "article": (reads.ARTICLE, {}),
    "article relations": (reads.ARTICLE_RELATIONS, {}),
}

WRITE_QUERIES = {
    "stored articles": (q.STORED_ARTICLES, {"ids": ["art1"]}),
    "articles by url": (q.ARTICLES_BY_URL, {"urls": ["https://example.org/1"]}),
    "delete mentions": (q.DELETE_MENTIONS, {"ids": ["art1"]}),
    "detach roles": (q.DETACH_ROLES, {"ids": ["art1"], "touched": [PUTIN]}),
    **{
        f"delete {t.value} of an article": (q.DELETE_RELATIONS[t], {"ids": ["art1"]})
        for t in RelationType
    },
    "delete orphans": (q.DELETE_ORPHAN_ACTORS, {"touched": [PUTIN]}),
    "refresh aliases": (q.REFRESH_ALIASES, {"touched": [PUTIN]}),
    "create relations": (q.CREATE_RELATIONS, {"rows": []}),
    "create mentions": (q.CREATE_MENTIONS, {"rows": []}),
}


@pytest.mark.parametrize("case", list(READ_QUERIES.values()), ids=list(READ_QUERIES))
def test_read_query_seeks_indexes(big_graph: neo4j.Driver, neo4j_conn, case) -> None:
    query, extra = case
    assert _scans(big_graph, neo4j_conn.database, query, _params(**extra), profile=True) == []


@pytest.mark.parametrize("name", list(WRITE_QUERIES))
def test_write_query_seeks_indexes(big_graph: neo4j.Driver, neo4j_conn, name: str) -> None:
    query, params = WRITE_QUERIES[name]
    # EXPLAIN, not PROFILE: these write.
    assert _scans(big_graph, neo4j_conn.database, query, params, profile=False) == []


def test_the_graph_is_big_enough(big_graph: neo4j.Driver, neo4j_conn) -> None:
    records, _, _ = big_graph.execute_query(
        "MATCH ()-[r]->() WHERE r.article_id IS NOT NULL RETURN count(r) AS n",
        database_=neo4j_conn.database,
    )
    assert records[0]["n"] >= RELATIONS


def test_index_backed_resolve_finds_by_alias(big_graph: neo4j.Driver, neo4j_conn) -> None:
    found = reads.resolve_actor(big_graph, "Putin", database=neo4j_conn.database)
    assert found["id"] == PUTIN
