"""Write benchmark: 100k synthetic relations through our write path, against a bare
`UNWIND … CREATE` of the same rows and one transaction per row, in the same run.

A row is what an article sends: each actor, the article, each mention, role, place and
relation (~4.4 rows per relation). All three paths write the same graph (checked); rates are
rows/s, with relations/s beside them. Also printed, not gated: the narrower baseline of
only the relation rows one per transaction, everything else written beforehand.

Gates: ours ≥ 0.5 × the bare CREATE rate, and ≥ 20 × the one-transaction-per-row rate.
Runs on a throwaway managed Neo4j (or the server NEO4J_URI names); writes a JSON result
to bench/results/write.json.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import neo4j  # noqa: E402

from graph import queries as q  # noqa: E402
from graph.rows import ArticleRows, article_rows  # noqa: E402
from graph.schema import ensure_schema  # noqa: E402
from graph.store import BATCH_RELATIONS, GraphStore, batches, canonical_dump, graph_stats  # noqa: E402
from ingest.model import RelationType  # noqa: E402
from tests.graph.synthetic import synthetic_extractions  # noqa: E402

# Relationships first, a slice per transaction, each well inside the server's timeout.
CLEAR = (
    "MATCH ()-[r]->() WITH r LIMIT 20000 DELETE r RETURN count(*) AS n",
    "MATCH (n) WITH n LIMIT 20000 DELETE n RETURN count(*) AS n",
)

# The baseline: the same nodes and edges, created blindly (no MERGE, no checks, no cleanup).
BARE_ACTORS = {
    t: f"UNWIND $rows AS row CREATE (x:Actor:{label}) SET x = row, x.type = '{t.value}'"
    for t, label in q.ACTOR_LABELS.items()
}
BARE_ARTICLES = """
UNWIND $rows AS row
CREATE (a:Article) SET a = row.props, a.id = row.id, a.published = date(row.published)
"""
BARE_MENTIONS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.article_id}) MATCH (x:Actor {id: row.actor_id})
CREATE (a)-[m:MENTIONS]->(x) SET m.count = row.count, m.aliases = row.aliases
"""
BARE_ROLES = """
UNWIND $rows AS row
MATCH (p:Actor {id: row.person}) MATCH (o:Actor {id: row.of})
CREATE (p)-[h:HOLDS_ROLE]->(o) SET h.title = row.title, h.article_ids = [row.article_id]
"""
BARE_LOCATED_IN = """
UNWIND $rows AS row
MATCH (p:Actor {id: row.place}) MATCH (c:Actor {id: row.country})
CREATE (p)-[h:LOCATED_IN]->(c) SET h.article_ids = [row.article_id]
"""
BARE_RELATIONS = {
    t: f"""
UNWIND $rows AS row
MATCH (s:Actor {{id: row.source}}) MATCH (t:Actor {{id: row.target}})
CREATE (s)-[:{t.value} {q.RELATION_MAP}]->(t)
"""
    for t in RelationType
}


def main() -> int:
    args = _arguments()
    extractions = list(synthetic_extractions(args.relations, seed=args.seed))
    started = time.perf_counter()
    prepared = [article_rows(e) for e in extractions]
    prepare_s = time.perf_counter() - started
    relations = sum(r.relation_count for r in prepared)
    print(f"{len(extractions):,} articles, {relations:,} relations; rows built in {prepare_s:.1f}s")
    with _server() as (driver, database):
        results = _run_all(driver, database, prepared, args)
    results |= {"articles": len(extractions), "relations": relations, "prepare_s": prepare_s}
    return _report(results)


def _arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--relations", type=int, default=100_000)
    parser.add_argument("--per-row-sample", type=int, default=1_000)
    parser.add_argument("--warm-up", type=int, default=20_000, help="relations per path, untimed")
    parser.add_argument("--rounds", type=int, default=3, help="timed rounds; medians compared")
    parser.add_argument("--seed", type=int, default=7)
    return parser.parse_args()


def _run_all(
    driver: neo4j.Driver, database: str, prepared: list[ArticleRows], args: argparse.Namespace
) -> dict[str, Any]:
    """Rounds of bare, ours and one-tx-per-row in turn, so a slow stretch of a shared machine
    (or a checkpoint) lands on every path alike; the medians are compared."""
    rows = sum(_row_count(a) for a in prepared)
    relations = sum(a.relation_count for a in prepared)
    _warm_up(driver, database, args)
    store = GraphStore(driver, database)
    sample = _sample(prepared, args.per_row_sample)
    sample_rows = sum(_row_count(a) for a in sample)
    sample_relations = sum(a.relation_count for a in sample)
    _check_per_row_graph(store, sample)
    rounds: list[dict[str, float]] = []
    for n in range(1, args.rounds + 1):
        _reset(driver, database)
        bare_s = _timed(lambda: _bare_create(driver, database, prepared))
        bare_counts = graph_stats(driver, database)
        _reset(driver, database)
        ours_s = _timed(lambda: _ours(store, prepared))
        assert graph_stats(driver, database) == bare_counts, "the paths wrote different graphs"
        again_s = _timed(lambda: _ours(store, prepared))  # unchanged: nothing to write
        _reset(driver, database)
        per_row_s = _timed(lambda: _per_row(store, sample))
        _reset(driver, database)
        per_relation_s = _per_relation_row(store, sample)
        rounds.append(
            {
                "bare_rows_per_s": rows / bare_s,
                "ours_rows_per_s": rows / ours_s,
                "per_row_tx_rows_per_s": sample_rows / per_row_s,
                "ours_unchanged_rows_per_s": rows / again_s,
                "bare_relations_per_s": relations / bare_s,
                "ours_relations_per_s": relations / ours_s,
                "per_row_tx_relations_per_s": sample_relations / per_row_s,
                "per_relation_row_tx_relations_per_s": sample_relations / per_relation_s,
            }
        )
        r = rounds[-1]
        print(
            f"round {n}: rows/s bare {r['bare_rows_per_s']:,.0f}, ours {r['ours_rows_per_s']:,.0f}, "
            f"one tx per row {r['per_row_tx_rows_per_s']:,.0f}; relations/s with one tx per "
            f"relation row {r['per_relation_row_tx_relations_per_s']:,.0f}",
            flush=True,
        )
    medians = {k: statistics.median(r[k] for r in rounds) for k in rounds[0]}
    return medians | {
        "rounds": rounds,
        "rows": rows,
        "per_row_sample_rows": sample_rows,
        "per_row_sample_relations": sample_relations,
    }


def _row_count(article: ArticleRows) -> int:
    """The rows one article sends: its actors, itself, mentions, roles, places, relations."""
    return (
        sum(len(rows) for rows in article.actors.values())
        + 1
        + len(article.mentions)
        + len(article.roles)
        + len(article.located_in)
        + article.relation_count
    )


def _ours(store: GraphStore, prepared: list[ArticleRows]) -> None:
    for batch in batches(prepared, BATCH_RELATIONS):
        result = store.write_batch(batch)
        assert len(result.written) + len(result.unchanged) == len(batch)


def _bare_create(driver: neo4j.Driver, database: str, prepared: list[ArticleRows]) -> None:
    seen: set[Any] = set()
    for batch in batches(prepared, BATCH_RELATIONS):
        roles, located = [], []
        for article in batch:
            for role in article.roles:
                key = (role["person"], role["title"], role["of"])
                if key not in seen:
                    seen.add(key)
                    roles.append(dict(role, article_id=article.id))
            for place in article.located_in:
                key = (place["place"], place["country"])
                if key not in seen:
                    seen.add(key)
                    located.append(dict(place, article_id=article.id))
        actors: dict[Any, list[dict[str, Any]]] = defaultdict(list)
        for article in batch:
            for actor_type, rows in article.actors.items():
                fresh = [r for r in rows if r["id"] not in seen]
                seen.update(r["id"] for r in fresh)
                actors[actor_type] += fresh
        with driver.session(database=database) as session:
            session.execute_write(_bare_batch, batch, actors, roles, located)


def _bare_batch(
    tx: neo4j.ManagedTransaction,
    batch: list[ArticleRows],
    actors: dict,
    roles: list,
    located: list,
) -> None:
    for actor_type, rows in actors.items():
        tx.run(BARE_ACTORS[actor_type], rows=rows).consume()
    articles = [a.article_param() for a in batch]
    tx.run(BARE_ARTICLES, rows=articles).consume()
    tx.run(BARE_MENTIONS, rows=[m for a in batch for m in a.mentions]).consume()
    tx.run(BARE_ROLES, rows=roles).consume()
    tx.run(BARE_LOCATED_IN, rows=located).consume()
    by_type: dict[Any, list[dict[str, Any]]] = defaultdict(list)
    for a in batch:
        for rel_type, rows in a.relations.items():
            by_type[rel_type] += rows
    for rel_type, rows in by_type.items():
        tx.run(BARE_RELATIONS[rel_type], rows=rows).consume()


def _warm_up(driver: neo4j.Driver, database: str, args: argparse.Namespace) -> None:
    """Run every path once, untimed, on other rows: a fresh JVM spends its first minutes
    compiling (the JIT and the Cypher planner, one plan per statement), and timing that
    would charge whichever path runs first."""
    if args.warm_up <= 0:
        return
    started = time.perf_counter()
    rows = [article_rows(e) for e in synthetic_extractions(args.warm_up, seed=args.seed + 1)]
    _reset(driver, database)
    _bare_create(driver, database, rows)
    _reset(driver, database)
    store = GraphStore(driver, database)
    _ours(store, rows)
    _ours(store, rows)
    _reset(driver, database)
    _per_row(store, _sample(rows, 100))
    _reset(driver, database)
    _per_relation_row(store, _sample(rows, 100))
    print(
        f"warm-up ({args.warm_up:,} relations per path, untimed): {time.perf_counter() - started:.0f}s"
    )


def _sample(prepared: list[ArticleRows], relations: int) -> list[ArticleRows]:
    out, n = [], 0
    for rows in prepared:
        if n >= relations:
            break
        out.append(rows)
        n += rows.relation_count
    return out


def _per_row(store: GraphStore, sample: list[ArticleRows]) -> None:
    """Every row of the sample in a transaction of its own, with our queries and in our order
    (a mention with its actor's new aliases): the same graph, written without batching."""
    with store.driver.session(database=store.database) as session:

        def write(query: str, **params: Any) -> None:
            session.execute_write(lambda tx: _run_each(tx, query, params))

        for a in sample:
            for actor_type, rows in a.actors.items():
                for row in rows:
                    write(q.MERGE_ACTORS[actor_type], rows=[row])
            write(q.SET_ARTICLES, rows=[a.article_param()])
            for m in a.mentions:
                session.execute_write(lambda tx, m=m: _mention(tx, m))
            for role in a.roles:
                write(q.MERGE_ROLES, rows=[dict(role, article_ids=[a.id])])
            for place in a.located_in:
                write(q.MERGE_LOCATED_IN, rows=[dict(place, article_ids=[a.id])])
            for rows in a.relations.values():
                for row in rows:
                    write(q.CREATE_RELATIONS, rows=[row])


def _run_each(tx: neo4j.ManagedTransaction, query: str, params: dict[str, Any]) -> None:
    tx.run(query, params).consume()


def _mention(tx: neo4j.ManagedTransaction, mention: dict[str, Any]) -> None:
    tx.run(q.CREATE_MENTIONS, rows=[mention]).consume()
    if mention["aliases"]:
        tx.run(q.ADD_ALIASES, rows=[{"id": mention["actor_id"], "aliases": mention["aliases"]}])


def _check_per_row_graph(store: GraphStore, sample: list[ArticleRows]) -> None:
    """The row-at-a-time path must write the graph our batched path writes."""
    _reset(store.driver, store.database)
    _per_row(store, sample)
    dump = canonical_dump(store.driver, store.database)
    _reset(store.driver, store.database)
    _ours(store, sample)
    assert canonical_dump(store.driver, store.database) == dump, "per-row wrote another graph"


def _per_relation_row(store: GraphStore, sample: list[ArticleRows]) -> float:
    """The narrower baseline: only the relation rows one by one, everything else batched
    beforehand, untimed."""
    store.write_batch([dataclasses.replace(a, relations={}) for a in sample])
    rows = [r for a in sample for rel_rows in a.relations.values() for r in rel_rows]
    started = time.perf_counter()
    with store.driver.session(database=store.database) as session:
        for row in rows:
            session.execute_write(
                lambda tx, r=row: _run_each(tx, q.CREATE_RELATIONS, {"rows": [r]})
            )
    return time.perf_counter() - started


def _timed(work) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def _reset(driver: neo4j.Driver, database: str) -> None:
    for statement in CLEAR:
        while driver.execute_query(statement, database_=database).records[0]["n"]:
            pass
    ensure_schema(driver, database)


class _server:
    """The server NEO4J_URI names, or a throwaway managed one in a temporary home."""

    def __enter__(self) -> tuple[neo4j.Driver, str]:
        self.server = None
        if os.environ.get("NEO4J_URI"):
            uri = os.environ["NEO4J_URI"]
            auth = (os.environ.get("NEO4J_USER", "neo4j"), os.environ.get("NEO4J_PASSWORD", ""))
            database = os.environ.get("NEO4J_DATABASE", "neo4j")
        else:
            from graph.server import ManagedNeo4j
            from tests.neo4j_support import managed_settings

            self.home = tempfile.TemporaryDirectory(prefix="dipgraph-bench-")
            self.server = ManagedNeo4j(managed_settings(Path(self.home.name), heap="2g"))
            self.server.start()
            uri, auth, database = self.server.bolt_uri, ("neo4j", self.server.password()), "neo4j"
        self.driver = neo4j.GraphDatabase.driver(uri, auth=auth)
        return self.driver, database

    def __exit__(self, *exc: object) -> None:
        self.driver.close()
        if self.server is not None:
            self.server.stop()
            self.home.cleanup()


def _report(results: dict[str, Any]) -> int:
    ours, bare = results["ours_rows_per_s"], results["bare_rows_per_s"]
    per_row = results["per_row_tx_rows_per_s"]
    per_relation = results["per_relation_row_tx_relations_per_s"]
    results["ratio_vs_bare"] = ours / bare
    results["speedup_vs_per_row"] = ours / per_row
    results["speedup_vs_per_relation_row"] = results["ours_relations_per_s"] / per_relation
    print(f"medians of {len(results['rounds'])} rounds, {results['rows']:,} rows per load:")
    print(
        f"bare UNWIND…CREATE : {bare:>8,.0f} rows/s "
        f"({results['bare_relations_per_s']:,.0f} relations/s)"
    )
    print(
        f"ours (idempotent)  : {ours:>8,.0f} rows/s "
        f"({results['ours_relations_per_s']:,.0f} relations/s)   "
        f"ratio {ours / bare:.2f} (gate ≥ 0.5)"
    )
    print(f"ours, re-run (no-op): {results['ours_unchanged_rows_per_s']:>7,.0f} rows/s")
    print(
        f"one tx per row     : {per_row:>8,.0f} rows/s "
        f"({results['per_row_tx_relations_per_s']:,.0f} relations/s)   ours is "
        f"{ours / per_row:.0f}× (gate ≥ 20×; sample of {results['per_row_sample_rows']:,} rows)"
    )
    print(
        f"one tx per relation row, the rest batched beforehand: {per_relation:,.0f} relations/s; "
        f"ours is {results['speedup_vs_per_relation_row']:.0f}× that"
    )
    out = REPO / "bench" / "results" / "write.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2) + "\n")
    ok = ours / bare >= 0.5 and ours / per_row >= 20
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
