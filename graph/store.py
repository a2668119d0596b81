"""Batched, idempotent writes of extractions, with each article written whole or not at all."""

from __future__ import annotations

import itertools
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import neo4j
from neo4j.exceptions import (
    ClientError,
    DatabaseError,
    IncompleteCommit,
    ServiceUnavailable,
    SessionExpired,
)

from graph import queries as q
from graph.errors import NotFound, StoreUnavailable
from graph.rows import ArticleRows, article_rows
from ingest.model import Extraction, RelationType

# Relationships per transaction: large enough to amortise commits and the fixed cost of each
# statement (about 15 per batch; on a busy 2-core host each costs 10-35 ms of round trip and,
# whenever the statistics have moved, a replan of 20-300 ms), small enough to stay well inside
# db.memory.transaction.max and the 60 s timeout. An article is never split across batches.
# (The old caps, 5,000 relations / 500 articles, cut batches at ~2,750 relations: 37 batches
# and ~1,000 statements for 100k relations.)
BATCH_RELATIONS = 20_000
BATCH_ARTICLES = 4_000
# An IncompleteCommit or a node deleted under us by a concurrent writer: the batch is
# idempotent, so it is simply run again.
REPLAYS = 3

COUNTER_NAMES = (
    "nodes_created",
    "nodes_deleted",
    "relationships_created",
    "relationships_deleted",
    "properties_set",
    "labels_added",
    "labels_removed",
)


@dataclass
class BatchResult:
    """What one transaction did: which articles it wrote, which were already current."""

    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    counters: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COUNTER_NAMES, 0))

    def count(self, summary: neo4j.ResultSummary) -> None:
        for name in COUNTER_NAMES:
            self.counters[name] += getattr(summary.counters, name)

    def absorb(self, other: BatchResult) -> None:
        self.written += other.written
        self.unchanged += other.unchanged
        self.replaced += other.replaced
        for name in COUNTER_NAMES:
            self.counters[name] += other.counters[name]


@dataclass
class WriteReport(BatchResult):
    """The outcome of writing many articles; `failed` maps article id to the reason."""

    failed: dict[str, str] = field(default_factory=dict)
    dropped: dict[str, list[str]] = field(default_factory=dict)


class GraphStore:
    """The write side of the graph: one driver, one database, every call a unit of work."""

    def __init__(
        self, driver: neo4j.Driver, database: str, batch_relations: int = BATCH_RELATIONS
    ) -> None:
        self.driver = driver
        self.database = database
        self.batch_relations = batch_relations

    def write(
        self,
        extractions: Iterable[Extraction],
        on_batch: Callable[[BatchResult, list[ArticleRows]], None] | None = None,
    ) -> WriteReport:
        """Write extractions in batches; articles of a batch that cannot be written are listed."""
        report = WriteReport()
        down: StoreUnavailable | None = None
        for batch in batches((article_rows(e) for e in extractions), self.batch_relations):
            report.dropped.update((r.id, r.dropped) for r in batch if r.dropped)
            result = BatchResult()
            try:
                # Once Neo4j is gone, the rest are reported at once instead of each waiting.
                if down is not None:
                    raise down
                result = self.write_batch(batch)
            except StoreUnavailable as e:
                down = e
                report.failed.update(dict.fromkeys((r.id for r in batch), e.message))
            except (ClientError, DatabaseError) as e:
                # A refused batch is rolled back whole: name its articles, go on with the rest.
                reason = f"Neo4j refused the batch: {e.code}"
                report.failed.update(dict.fromkeys((r.id for r in batch), reason))
            report.absorb(result)
            if on_batch:
                on_batch(result, batch)
        return report

    def write_batch(self, batch: list[ArticleRows]) -> BatchResult:
        """Write whole articles in one managed transaction, replaying it when that is safe."""
        return self._run(lambda tx: _write_batch(tx, _last_per_id(batch)))

    def delete_article(self, article_id: str) -> BatchResult:
        """Remove what one article said: its edges, mentions, role evidence and orphaned actors."""
        result = self._run(lambda tx: _delete_articles(tx, [article_id]))
        if not result.written:
            raise NotFound(f"no article with id {article_id!r}", {"id": article_id})
        return result

    def _run(self, work: Callable[[neo4j.ManagedTransaction], BatchResult]) -> BatchResult:
        for attempt in itertools.count(1):
            try:
                with self.driver.session(
                    database=self.database, notifications_min_severity="OFF"
                ) as session:
                    return session.execute_write(work)
            except IncompleteCommit:
                if attempt >= REPLAYS:
                    raise StoreUnavailable("Neo4j lost the connection while committing") from None
            except ClientError as e:
                if e.code != "Neo.ClientError.Statement.EntityNotFound" or attempt >= REPLAYS:
                    raise
            except (ServiceUnavailable, SessionExpired, OSError) as e:
                raise StoreUnavailable(f"Neo4j is unavailable: {e}") from e
        raise AssertionError("unreachable")


def graph_stats(driver: neo4j.Driver, database: str) -> dict[str, dict[str, int]]:
    """Node counts per label and relationship counts per type (from the count store)."""
    with driver.session(database=database, notifications_min_severity="OFF") as session:
        nodes = {r["label"]: r["n"] for r in session.run(q.COUNT_LABELS)}
        rels = {r["type"]: r["n"] for r in session.run(q.COUNT_TYPES)}
    # A type never written yet has no count-store row: report it as zero.
    return {
        "nodes": {label: nodes.get(label, 0) for label in q.NODE_LABELS},
        "relationships": {t: rels.get(t, 0) for t in q.ALL_RELATIONSHIP_TYPES},
    }


def canonical_dump(driver: neo4j.Driver, database: str) -> list[str]:
    """Every node and relationship as sorted JSON lines, without timestamps: equal graphs, equal dumps."""
    with driver.session(database=database, notifications_min_severity="OFF") as session:
        nodes = list(session.run(q.DUMP_NODES))
        rels = list(session.run(q.DUMP_RELATIONSHIPS))
    lines = [_canonical({"labels": sorted(r["labels"]), **r["props"]}) for r in nodes]
    lines += [
        _canonical({"type": r["type"], "source": r["source"], "target": r["target"], **r["props"]})
        for r in rels
    ]
    return sorted(lines)


def _canonical(item: dict[str, Any]) -> str:
    item.pop("ingested_at", None)
    return json.dumps(item, sort_keys=True, default=str, ensure_ascii=False)


def batches(
    articles: Iterable[ArticleRows],
    max_relations: int = BATCH_RELATIONS,
    max_articles: int = BATCH_ARTICLES,
) -> Iterator[list[ArticleRows]]:
    """Group whole articles into batches of about `max_relations` relationships."""
    batch: list[ArticleRows] = []
    size = 0
    for rows in articles:
        if batch and (size + rows.relation_count > max_relations or len(batch) >= max_articles):
            yield batch
            batch, size = [], 0
        batch.append(rows)
        size += rows.relation_count
    if batch:
        yield batch


def _last_per_id(batch: list[ArticleRows]) -> list[ArticleRows]:
    return list({rows.id: rows for rows in batch}.values())


class _Rows(list):
    """A parameter list that prints as its length. The driver formats every RUN's parameters
    for its debug log even when nothing logs (neo4j 6.4, `_bolt5.run`); for a batch's article
    text and evidence that cost about a third of a second per 20,000 relations, and it would
    copy article text into any debug log that is switched on."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"<{len(self)} rows>"


def _exec(
    tx: neo4j.ManagedTransaction, result: BatchResult, query: str, **params: Any
) -> list[neo4j.Record]:
    params = {k: _Rows(v) if isinstance(v, list) else v for k, v in params.items()}
    cursor = tx.run(query, params)
    records = list(cursor)
    result.count(cursor.consume())
    return records


def _write_batch(tx: neo4j.ManagedTransaction, batch: list[ArticleRows]) -> BatchResult:
    result = BatchResult()
    stored = {
        r["id"]: r["fingerprint"]
        for r in _exec(tx, result, q.STORED_ARTICLES, ids=[a.id for a in batch])
    }
    todo = [a for a in batch if stored.get(a.id) != a.article["fingerprint"]]
    result.unchanged = [a.id for a in batch if stored.get(a.id) == a.article["fingerprint"]]
    if not todo:
        return result
    # Lock, then read again: a concurrent writer may have just stored the same version.
    locked = {
        r["id"]: r["fingerprint"]
        for r in _exec(tx, result, q.LOCK_ARTICLES_FOR_WRITE, ids=[a.id for a in todo])
    }
    done = [a.id for a in todo if locked.get(a.id) == a.article["fingerprint"]]
    if done:
        _exec(tx, result, q.UNLOCK_ARTICLES, ids=done)
        result.unchanged += done
    todo = [a for a in todo if a.id not in done]
    if not todo:
        return result
    stored = {k: v for k, v in locked.items() if v is not None}
    ids = [a.id for a in todo]
    replaced = _replaced_by_url(tx, result, todo)
    touched = _remove_contributions(tx, result, [i for i in ids if i in stored] + replaced)
    if replaced:
        _exec(tx, result, q.DELETE_ARTICLES, ids=replaced)
    _write_contributions(tx, result, todo)
    if touched:
        _exec(tx, result, q.REFRESH_ALIASES, touched=touched)
        _exec(tx, result, q.DELETE_ORPHAN_ACTORS, touched=touched)
    result.written, result.replaced = ids, replaced
    return result


def _replaced_by_url(
    tx: neo4j.ManagedTransaction, result: BatchResult, todo: list[ArticleRows]
) -> list[str]:
    """Stored articles with the url of an incoming one but another id: older versions of it."""
    urls = sorted({a.article["url"] for a in todo if a.article["url"]})
    if not urls:
        return []
    incoming = {a.id for a in todo}
    return sorted({r["id"] for r in _exec(tx, result, q.ARTICLES_BY_URL, urls=urls)} - incoming)


def _remove_contributions(
    tx: neo4j.ManagedTransaction, result: BatchResult, ids: list[str]
) -> list[str]:
    """Delete what the given articles said; return the actors they had mentioned."""
    if not ids:
        return []
    touched: list[str] = _exec(tx, result, q.DELETE_MENTIONS, ids=ids)[0]["touched"]
    _exec(tx, result, q.DETACH_ROLES, touched=touched, ids=ids)
    for rel_type in RelationType:
        _exec(tx, result, q.DELETE_RELATIONS[rel_type], ids=ids)
    return sorted(touched)


def _write_contributions(
    tx: neo4j.ManagedTransaction, result: BatchResult, todo: list[ArticleRows]
) -> None:
    actors: dict[Any, dict[str, dict[str, Any]]] = defaultdict(dict)
    aliases: dict[str, set[str]] = defaultdict(set)
    # Roles and locations are shared: one row per edge, with every article that states it.
    roles: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    located: dict[tuple[str, str], list[str]] = defaultdict(list)
    for a in todo:
        for actor_type, rows in a.actors.items():
            actors[actor_type].update((r["id"], r) for r in rows)
        for m in a.mentions:
            aliases[m["actor_id"]].update(m["aliases"])
        for r in a.roles:
            roles[r["person"], r["title"], r["of"]].append(a.id)
        for r in a.located_in:
            located[r["place"], r["country"]].append(a.id)
    for actor_type, by_id in sorted(actors.items()):
        _exec(tx, result, q.MERGE_ACTORS[actor_type], rows=[by_id[k] for k in sorted(by_id)])
    _exec(tx, result, q.SET_ARTICLES, rows=[a.article_param() for a in todo])
    _exec(tx, result, q.CREATE_MENTIONS, rows=[m for a in todo for m in a.mentions])
    alias_rows = [{"id": k, "aliases": sorted(v)} for k, v in sorted(aliases.items()) if v]
    if alias_rows:
        _exec(tx, result, q.ADD_ALIASES, rows=alias_rows)
    if roles:
        role_rows = [
            {"person": p, "title": t, "of": o, "article_ids": ids}
            for (p, t, o), ids in sorted(roles.items())
        ]
        _exec(tx, result, q.MERGE_ROLES, rows=role_rows)
    if located:
        located_rows = [
            {"place": p, "country": c, "article_ids": ids}
            for (p, c), ids in sorted(located.items())
        ]
        _exec(tx, result, q.MERGE_LOCATED_IN, rows=located_rows)
    rel_rows = [r for a in todo for rows in a.relations.values() for r in rows]
    if rel_rows:
        _exec(tx, result, q.CREATE_RELATIONS, rows=rel_rows)


def _delete_articles(tx: neo4j.ManagedTransaction, ids: list[str]) -> BatchResult:
    result = BatchResult()
    present = [r["id"] for r in _exec(tx, result, q.STORED_ARTICLES, ids=ids)]
    if not present:
        return result
    _exec(tx, result, q.LOCK_ARTICLES, ids=present)
    touched = _remove_contributions(tx, result, present)
    _exec(tx, result, q.DELETE_ARTICLES, ids=present)
    if touched:
        _exec(tx, result, q.REFRESH_ALIASES, touched=touched)
        _exec(tx, result, q.DELETE_ORPHAN_ACTORS, touched=touched)
    result.written = present
    return result


# ---- service functions (what the API and the CLI call) ------------------------------------


def write_extractions(
    driver: neo4j.Driver, extractions: Iterable[Extraction], *, database: str
) -> WriteReport:
    """Write extractions idempotently; articles that could not be written are in `failed`."""
    return GraphStore(driver, database).write(extractions)


def delete_article(driver: neo4j.Driver, article_id: str, *, database: str) -> BatchResult:
    """Remove one article's contribution; raises NotFound for an unknown id."""
    return GraphStore(driver, database).delete_article(article_id)
