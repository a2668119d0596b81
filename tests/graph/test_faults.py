"""Faults: concurrent writers, SIGKILL mid-ingest, and Neo4j stopping under an ingest."""

from __future__ import annotations

import os
import random
import re
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import neo4j
import pytest

from graph.rows import article_rows
from graph.schema import ensure_schema
from graph.server import ManagedNeo4j
from graph.store import GraphStore, canonical_dump
from ingest.model import Extraction
from tests.graph.synthetic import synthetic_extractions, to_json_lines
from tests.neo4j_support import managed_settings, server_env

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]

RELATIONS = 700
SMALL_BATCH = "40"  # relationships per transaction: many commits, so kills land mid-run
COUNT_ARTICLES = "MATCH (a:Article) RETURN count(a) AS n"
NOT_WRITTEN = re.compile(r"not written: (\S+): ")


@pytest.fixture(scope="module")
def corpus() -> list[Extraction]:
    return list(synthetic_extractions(RELATIONS, seed=11, prefix="fault"))


@pytest.fixture
def reference(store: GraphStore, corpus: list[Extraction]) -> list[str]:
    """The canonical dump of an uninterrupted, single-process run; the database is left empty."""
    store.write(corpus)
    dump = canonical_dump(store.driver, store.database)
    _clear(store.driver, store.database)
    return dump


def _clear(driver: neo4j.Driver, database: str) -> None:
    with driver.session(database=database) as session:
        session.run("MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS")


def _jsonl(path: Path, extractions: list[Extraction]) -> Path:
    path.write_text(to_json_lines(extractions), encoding="utf-8")
    return path


def _ingest(path: Path, env: dict[str, str] | None = None) -> subprocess.Popen[str]:
    cmd = [sys.executable, "-m", "api.cli", "ingest", "--extractions", str(path), "-q"]
    return subprocess.Popen(
        [*cmd, "--batch-relations", SMALL_BATCH],
        env={**os.environ, **(env or {})},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _articles(driver: neo4j.Driver, database: str) -> int:
    records, _, _ = driver.execute_query(COUNT_ARTICLES, database_=database)
    return records[0]["n"]


def _wait_until(
    condition: Callable[[], bool], proc: subprocess.Popen[str], limit: float = 300
) -> bool:
    """Poll until `condition` holds; False if the process ended first."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if condition():
            return True
        if proc.poll() is not None:
            return False
        time.sleep(0.02)
    raise AssertionError("timed out waiting for the ingest to make progress")


def _assert_no_half_articles(driver: neo4j.Driver, database: str, corpus: list[Extraction]) -> None:
    """Every stored article has all of its relationships and mentions: none is half written."""
    expected = {e.article.id: article_rows(e) for e in corpus}
    records, _, _ = driver.execute_query(
        """MATCH (a:Article)
           RETURN a.id AS id, COUNT { (a)-[:MENTIONS]->() } AS mentions,
                  COUNT { MATCH ()-[r]->() WHERE r.article_id = a.id } AS relations""",
        database_=database,
    )
    for r in records:
        rows = expected[r["id"]]
        assert (r["relations"], r["mentions"]) == (rows.relation_count, len(rows.mentions)), r["id"]


def _assert_no_duplicates(driver: neo4j.Driver, database: str) -> None:
    checks = {
        "actors by id": "MATCH (x:Actor) WITH x.id AS k, count(*) AS n WHERE n > 1 RETURN k",
        "actors by name": (
            "MATCH (x:Actor) WITH x.type AS t, x.name_lower AS k, count(*) AS n WHERE n > 1 RETURN k"
        ),
        "relations by id": (
            "MATCH ()-[r]->() WHERE r.id IS NOT NULL "
            "WITH type(r) AS t, r.id AS k, count(*) AS n WHERE n > 1 RETURN k"
        ),
        "mentions": (
            "MATCH (a:Article)-[m:MENTIONS]->(x) WITH a, x, count(m) AS n WHERE n > 1 RETURN a.id AS k"
        ),
        "roles": (
            "MATCH (p)-[h:HOLDS_ROLE]->(o) WITH p, h.title AS t, o, count(h) AS n "
            "WHERE n > 1 RETURN p.id AS k"
        ),
    }
    for name, query in checks.items():
        records, _, _ = driver.execute_query(query, database_=database)
        assert not records, f"duplicate {name}: {[r['k'] for r in records][:5]}"


def test_four_concurrent_ingests_leave_no_duplicates(
    store: GraphStore, corpus: list[Extraction], reference: list[str], tmp_path: Path
) -> None:
    rng = random.Random(4)
    files = []
    for n in range(4):
        # Each process gets most of the corpus, in its own order: heavy overlap by design.
        part = [e for e in corpus if rng.random() < 0.7]
        rng.shuffle(part)
        files.append(_jsonl(tmp_path / f"part{n}.jsonl", part))
    rest = _jsonl(tmp_path / "rest.jsonl", corpus)
    procs = [_ingest(f) for f in files]
    outputs = [p.communicate(timeout=500) for p in procs]
    for proc, (_, err) in zip(procs, outputs, strict=True):
        assert proc.returncode == 0, err
    _assert_no_duplicates(store.driver, store.database)
    # Whatever the others left out, a last run adds; the result is the uninterrupted graph.
    last = _ingest(rest)
    assert last.wait(timeout=300) == 0, last.stderr.read() if last.stderr else ""
    assert canonical_dump(store.driver, store.database) == reference


@pytest.mark.parametrize("kill_at", [0.0, 0.3, 0.75])
def test_sigkill_then_rerun_gives_the_uninterrupted_graph(
    store: GraphStore,
    corpus: list[Extraction],
    reference: list[str],
    tmp_path: Path,
    kill_at: float,
) -> None:
    path = _jsonl(tmp_path / "corpus.jsonl", corpus)
    proc = _ingest(path)
    threshold = int(kill_at * len(corpus))
    progressed = _wait_until(
        lambda: threshold == 0 or _articles(store.driver, store.database) >= threshold, proc
    )
    assert progressed, "the ingest finished before it could be killed; make the corpus larger"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    stored = _articles(store.driver, store.database)
    assert stored < len(corpus)
    _assert_no_half_articles(store.driver, store.database, corpus)

    rerun = _ingest(path)
    _, err = rerun.communicate(timeout=500)
    assert rerun.returncode == 0, err
    assert canonical_dump(store.driver, store.database) == reference


@pytest.fixture
def second_server(tmp_path: Path):
    """A managed Neo4j of this test's own, which the test may stop (the session's must stay)."""
    server = ManagedNeo4j(managed_settings(tmp_path / "home"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


def test_neo4j_stopped_mid_ingest(
    second_server: ManagedNeo4j, corpus: list[Extraction], reference: list[str], tmp_path: Path
) -> None:
    env = server_env(second_server)
    driver = neo4j.GraphDatabase.driver(env["NEO4J_URI"], auth=("neo4j", env["NEO4J_PASSWORD"]))
    try:
        ensure_schema(driver, "neo4j")
        path = _jsonl(tmp_path / "corpus.jsonl", corpus)
        proc = _ingest(path, env)
        threshold = len(corpus) // 4
        assert _wait_until(lambda: _articles(driver, "neo4j") >= threshold, proc)
        second_server.stop()
        out, err = proc.communicate(timeout=300)
        assert proc.returncode != 0, out
        named = set(NOT_WRITTEN.findall(err))
        assert named, err

        second_server.start()
        written = {
            r["id"]
            for r in driver.execute_query(
                "MATCH (a:Article) RETURN a.id AS id", database_="neo4j"
            ).records
        }
        unwritten = {e.article.id for e in corpus} - written
        assert unwritten and unwritten <= named
        _assert_no_half_articles(driver, "neo4j", corpus)

        rerun = _ingest(path, env)
        out, err = rerun.communicate(timeout=500)
        assert rerun.returncode == 0, err
        assert "not written 0" in out
        assert canonical_dump(driver, "neo4j") == reference
    finally:
        driver.close()
