"""Curation: fold one actor into another when the alias tables learn that two names are one."""

from __future__ import annotations

from dataclasses import dataclass

import neo4j

from graph import queries as q
from graph.errors import Conflict, InvalidInput, NotFound
from graph.store import COUNTER_NAMES
from ingest.model import RelationType


@dataclass(frozen=True)
class MergeResult:
    kept: str
    removed: str
    relationships_moved: int
    counters: dict[str, int]


def resolve_actor(tx: neo4j.ManagedTransaction, key: str) -> str:
    """The id of the actor whose id or canonical name is `key`; ambiguous names are refused."""
    records = list(tx.run(q.ACTOR_BY_KEY, key=key))
    if not records:
        raise NotFound(f"no actor with id or name {key!r}", {"actor": key})
    if len(records) > 1 and not any(r["id"] == key for r in records):
        ids = [r["id"] for r in records]
        raise Conflict(
            f"{key!r} names {len(ids)} actors; give an id: {', '.join(ids)}", {"ids": ids}
        )
    return next((r["id"] for r in records if r["id"] == key), records[0]["id"])


def merge_actors(driver: neo4j.Driver, database: str, keep: str, fold: str) -> MergeResult:
    """Fold actor `fold` into `keep` in one transaction: every edge, mention and alias moves."""
    with driver.session(database=database, notifications_min_severity="OFF") as session:
        return session.execute_write(_merge, keep, fold)


def _merge(tx: neo4j.ManagedTransaction, keep: str, fold: str) -> MergeResult:
    a, b = resolve_actor(tx, keep), resolve_actor(tx, fold)
    if a == b:
        raise InvalidInput(f"{keep!r} and {fold!r} are the same actor", {"actor": a})
    counters = dict.fromkeys(COUNTER_NAMES, 0)
    moved = 0

    def run(query: str) -> list[neo4j.Record]:
        cursor = tx.run(query, a=a, b=b)
        records = list(cursor)
        summary = cursor.consume()
        for name in COUNTER_NAMES:
            counters[name] += getattr(summary.counters, name)
        return records

    run(q.MERGE_ACTOR_ALIASES)
    run(q.MOVE_MENTIONS)
    run(q.MOVE_ATTRIBUTED_EDGES)
    for rel_type in RelationType:
        moved += sum(r["moved"] for r in run(q.MOVE_RELATIONS[rel_type]))
    run(q.DELETE_MERGED_ACTOR)
    return MergeResult(a, b, moved, counters)
