"""`dipgraph serve` and `make run`: the ports the environment names, and a banner that says them."""

from __future__ import annotations

import logging
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import IO

import httpx
import pytest

from api.commands.serve import banner, configure_logging
from graph.config import Settings
from tests.conftest import Neo4jConn
from tests.viz.browser import free_port

REPO = Path(__file__).resolve().parents[2]


def _settings(tmp_path: Path, **values: object) -> Settings:
    base: dict[str, object] = {
        "NEO4J_URI": "",  # the managed server, whatever the test session's environment says
        "DIPGRAPH_HOME": str(tmp_path),
        "DIPGRAPH_NEO4J_BOLT_PORT": 27687,
        "DIPGRAPH_NEO4J_HTTP_PORT": 27474,
    }
    return Settings(**(base | values))


def _line(lines: list[str], label: str) -> str:
    return next(line for line in lines if line.startswith(label)).split(":", 1)[1].strip()


def test_banner_names_the_bolt_port_and_aims_neo4j_browser_at_it(tmp_path: Path) -> None:
    lines = banner(_settings(tmp_path), "127.0.0.1", 28000)
    assert _line(lines, "Neo4j (bolt)") == "bolt://127.0.0.1:27687"
    browser = _line(lines, "Neo4j Browser")
    assert browser.startswith(
        "http://127.0.0.1:27474/browser/?connectURL=bolt%3A%2F%2F127.0.0.1%3A27687 "
    )
    assert _line(lines, "API docs") == "http://127.0.0.1:28000/docs"
    assert _line(lines, "Start page") == "http://127.0.0.1:28000/"


def test_banner_says_whether_writes_are_on(tmp_path: Path) -> None:
    off = banner(_settings(tmp_path), "127.0.0.1", 28000)
    on = banner(_settings(tmp_path, DIPGRAPH_API_KEY="k" * 20), "127.0.0.1", 28000)
    assert _line(off, "Writes").startswith("off") and _line(on, "Writes").startswith("on")
    assert "k" * 20 not in "\n".join(on)


def test_banner_names_an_external_server(tmp_path: Path) -> None:
    lines = banner(_settings(tmp_path, NEO4J_URI="neo4j://db.example:9999"), "::1", 8001)
    assert _line(lines, "Neo4j (bolt)") == "neo4j://db.example:9999"


def _make_run(*args: str, **env: str) -> str:
    """The command `make run` would serve with (dry run: nothing starts)."""
    environ = {k: v for k, v in os.environ.items() if k not in ("HOST", "PORT")} | env
    done = subprocess.run(
        ["make", "-n", "run", *args], cwd=REPO, env=environ, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    return next(line for line in done.stdout.splitlines() if "dipgraph serve" in line).strip()


def test_make_run_leaves_host_and_port_to_the_dipgraph_variables() -> None:
    assert _make_run(DIPGRAPH_PORT="28000", PORT="5") == ".venv/bin/dipgraph serve"
    assert _make_run("PORT=9000", "HOST=0.0.0.0").endswith("serve --host 0.0.0.0 --port 9000")


@pytest.mark.neo4j
def test_serve_listens_on_dipgraph_port_and_prints_the_banner(neo4j_conn: Neo4jConn) -> None:
    port = free_port()
    env = os.environ | {"DIPGRAPH_PORT": str(port), "NEO4J_URI": neo4j_conn.uri}
    env.pop("DIPGRAPH_API_KEY", None)
    dipgraph = Path(sys.executable).parent / "dipgraph"
    proc = subprocess.Popen(
        [str(dipgraph), "serve"], cwd=REPO, env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        lines = _banner_lines(proc.stdout)
        assert _line(lines, "Neo4j (bolt)") == neo4j_conn.uri
        assert _line(lines, "Writes").startswith("off")
        assert _line(lines, "API docs") == f"http://127.0.0.1:{port}/docs"
        assert _health(port) == 200
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def _banner_lines(stream: IO[str]) -> list[str]:
    """The banner up to its last line (an exiting server ends the stream: no hang)."""
    lines: list[str] = []
    while not lines or not (lines[-1].startswith("Press Ctrl-C") or lines[-1] == ""):
        lines.append(stream.readline().rstrip("\n"))
    return lines


def _health(port: int) -> int:
    deadline = time.monotonic() + 60
    while True:
        try:
            return httpx.get(f"http://127.0.0.1:{port}/health", timeout=2).status_code
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)


def test_serve_logs_the_supervisor_but_not_the_drivers_notifications() -> None:
    loggers = [logging.getLogger(name) for name in ("dipgraph", "neo4j")]
    levels = [lg.level for lg in loggers]
    try:
        configure_logging()
        assert logging.getLogger("dipgraph.supervisor").isEnabledFor(logging.INFO)
        assert not logging.getLogger("neo4j.notifications").isEnabledFor(logging.INFO)
    finally:
        for lg, level in zip(loggers, levels, strict=True):
            lg.setLevel(level)
