"""`actors merge A B`: B folds into A with every edge, property, mention and alias."""

from __future__ import annotations

import json
from collections import Counter

import neo4j
import pytest

from graph.curation import merge_actors
from graph.errors import Conflict, InvalidInput, NotFound
from graph.store import GraphStore, graph_stats

pytestmark = pytest.mark.neo4j

EDGES = """
MATCH (s)-[r]->(t) WHERE s.id IN $ids OR t.id IN $ids
RETURN type(r) AS type, s.id AS source, t.id AS target, properties(r) AS props
"""


def _edges(driver: neo4j.Driver, database: str, ids: list[str]) -> list[dict]:
    records, _, _ = driver.execute_query(EDGES, ids=ids, database_=database)
    return [r.data() for r in records]


def _actor(driver: neo4j.Driver, database: str, actor_id: str) -> dict | None:
    records, _, _ = driver.execute_query(
        "MATCH (x:Actor {id: $id}) RETURN properties(x) AS p, labels(x) AS labels",
        id=actor_id,
        database_=database,
    )
    return records[0].data() if records else None


def test_merge_moves_everything_without_loss(store: GraphStore, seeds, database: str) -> None:
    store.write(seeds)
    a, b = "person:vladimir putin", "person:kim jong un"
    before = _edges(store.driver, database, [a, b])
    stats_before = graph_stats(store.driver, database)
    aliases_b = _actor(store.driver, database, b)["p"]["aliases"]

    result = merge_actors(store.driver, database, "Vladimir Putin", b)

    assert (result.kept, result.removed) == (a, b)
    assert _actor(store.driver, database, b) is None
    after = _edges(store.driver, database, [a])
    rename = {b: a}

    def key(e: dict) -> str:
        return json.dumps(
            [
                e["type"],
                rename.get(e["source"], e["source"]),
                rename.get(e["target"], e["target"]),
                e["props"],
            ],
            sort_keys=True,
            default=str,
        )

    def typed(edges: list[dict]) -> Counter:
        return Counter(key(e) for e in edges if "id" in e["props"])

    def articles(edges: list[dict]) -> set[str]:
        return {e["source"] for e in edges if e["type"] == "MENTIONS"}

    def roles(edges: list[dict]) -> set[tuple[str, str]]:
        return {
            (e["props"]["title"], rename.get(e["target"], e["target"]))
            for e in edges
            if e["type"] == "HOLDS_ROLE"
        }

    # Every typed relationship keeps its id and all properties, only re-pointed at A.
    assert typed(after) == typed(before)
    # Mentions: each article that named either now names A once.
    assert articles(after) == articles(before)
    # Roles survive with their evidence.
    assert roles(after) == roles(before)
    kept = _actor(store.driver, database, a)["p"]
    assert {"Kim Jong Un", "Putin", *aliases_b} <= set(kept["aliases"])
    stats_after = graph_stats(store.driver, database)
    assert stats_after["nodes"]["Person"] == stats_before["nodes"]["Person"] - 1
    for rel_type, n in stats_before["relationships"].items():
        if rel_type not in ("MENTIONS", "HOLDS_ROLE", "LOCATED_IN"):
            assert stats_after["relationships"][rel_type] == n, rel_type


def test_merge_then_delete_article_still_cleans_up(store: GraphStore, seeds, database) -> None:
    store.write(seeds)
    merge_actors(store.driver, database, "North Korea", "Russia")
    for extraction in seeds:
        store.delete_article(extraction.article.id)
    stats = graph_stats(store.driver, database)
    assert sum(stats["nodes"].values()) == 0
    assert sum(stats["relationships"].values()) == 0


def test_merge_refuses_unknown_same_and_ambiguous(store: GraphStore, seeds, database) -> None:
    store.write(seeds)
    with pytest.raises(NotFound):
        merge_actors(store.driver, database, "Vladimir Putin", "Nobody")
    with pytest.raises(InvalidInput):
        merge_actors(store.driver, database, "Vladimir Putin", "person:vladimir putin")
    store.driver.execute_query(
        "CREATE (:Actor:Place {id: 'place:russia', name: 'Russia', aliases: []})",
        database_=database,
    )
    with pytest.raises(Conflict):
        merge_actors(store.driver, database, "Russia", "North Korea")


def test_cli_merge(store: GraphStore, seeds, database, cli) -> None:
    store.write(seeds)
    out = cli("actors", "merge", "country:north korea", "Russia")
    assert out.returncode == 0, out.stderr
    assert "merged country:russia into country:north korea" in out.stdout
    assert _actor(store.driver, database, "country:russia") is None
