"""`dipgraph cypher` goes through the same guard; `dipgraph serve` serves and stops on Ctrl-C."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import httpx
import neo4j
import pytest

from graph.server import free_port
from tests.api import sample
from tests.conftest import Neo4jConn

pytestmark = pytest.mark.neo4j


def _env(conn: Neo4jConn, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "NEO4J_URI": conn.uri,
        "NEO4J_USER": conn.user,
        "NEO4J_PASSWORD": conn.password,
        "NEO4J_DATABASE": conn.database,
        **extra,
    }


def _dipgraph(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-c", "from api.cli import main; main()", *args]
    return subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120, check=False)


def test_cypher_command_reads_and_refuses(loaded: neo4j.Driver, neo4j_conn: Neo4jConn) -> None:
    env = _env(neo4j_conn)
    ok = _dipgraph(
        env, "cypher", "MATCH (a:Actor {name: $n}) RETURN a.type AS t", "-p", 'n="Russia"', "--json"
    )
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout) == {
        "columns": ["t"],
        "rows": [{"t": "COUNTRY"}],
        "truncated": False,
    }
    before = sample.counts(loaded)
    refused = _dipgraph(env, "cypher", "MATCH (n) DETACH DELETE n")
    assert refused.returncode == 2 and "query_refused" in refused.stderr
    assert "Traceback" not in refused.stderr and sample.counts(loaded) == before
    capped = _dipgraph(
        {**env, "DIPGRAPH_CYPHER_ROW_CAP": "5"},
        "cypher",
        "UNWIND range(1, 100) AS x RETURN x",
        "--json",
    )
    assert json.loads(capped.stdout)["truncated"] is True


def test_serve_answers_and_stops_on_ctrl_c(loaded: neo4j.Driver, neo4j_conn: Neo4jConn) -> None:
    port = free_port()
    env = _env(neo4j_conn, DIPGRAPH_HOST="127.0.0.1", DIPGRAPH_PORT=str(port))
    cmd = [sys.executable, "-c", "from api.cli import main; main()", "serve"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                response = httpx.get(f"http://127.0.0.1:{port}/api/v1/stats", timeout=5)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and proc.poll() is None
                time.sleep(0.2)
        assert response.status_code == 200 and response.json()["articles"] == 3
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
