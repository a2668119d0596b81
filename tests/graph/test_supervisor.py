"""`dipgraph serve` supervises the managed Neo4j: killed, it comes back and the API recovers alone.

Runs its own server in a temporary home (never the session's), through the real CLI.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import httpx
import pytest

from graph.server import ManagedNeo4j, free_port
from tests.graph.test_server import cli
from tests.neo4j_support import managed_env, managed_settings

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def _until(condition: Callable[[], bool], limit: float, what: str) -> float:
    began = time.monotonic()
    while time.monotonic() - began < limit:
        if condition():
            return time.monotonic() - began
        time.sleep(0.5)
    raise AssertionError(f"{what} did not happen within {limit:.0f} s")


def _ready(base: str) -> int:
    try:
        return httpx.get(base + "/ready", timeout=5).status_code
    except httpx.HTTPError:
        return 0


@pytest.fixture
def serving(tmp_path: Path) -> Iterator[tuple[ManagedNeo4j, str, subprocess.Popen[str]]]:
    server = ManagedNeo4j(managed_settings(tmp_path / "home", heap="512m"))
    port = free_port()
    env = managed_env(server) | {"DIPGRAPH_NEO4J_HEAP": "512m"}
    log = (tmp_path / "serve.log").open("w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "api.cli", "serve", "--port", str(port)],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        yield server, f"http://127.0.0.1:{port}", proc
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        log.close()
        server.stop()


def test_killed_neo4j_comes_back_and_the_api_recovers(serving, tmp_path: Path) -> None:
    server, base, proc = serving
    _until(lambda: _ready(base) == 200, 240, "the first start")
    pid = server.status().pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)  # as the OOM exit or a crash would
    _until(lambda: _ready(base) == 503, 30, "the outage being noticed")
    back = _until(lambda: _ready(base) == 200, 240, "recovery without a hand")
    print(f"API ready again {back:.1f} s after the outage was seen")
    assert server.status().pid not in (None, pid)

    log = (tmp_path / "serve.log").read_text()
    assert "Neo4j stopped (killed by signal 9" in log and "restarting it" in log, log[-2000:]
    assert "Neo4j is back after" in log

    # A stop on purpose is left alone.
    assert cli(server, "stop").returncode == 0
    time.sleep(6)  # three supervisor rounds
    assert not server.status().running and _ready(base) == 503
    assert proc.poll() is None
