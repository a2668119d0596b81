"""Every `curl` and `dipgraph` example in README.md, run as written against the test server.

The examples are parsed out of the README, so a README change to a command that does not
work fails here. `127.0.0.1:8000` becomes the test server's address; nothing else changes.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import neo4j
import pytest

from api.app import create_app
from tests.api import sample
from tests.api.conftest import API_KEY, api_settings
from tests.conftest import CLEAR, Neo4jConn
from tests.viz.browser import serve

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]
REPO = Path(__file__).resolve().parents[2]
README = REPO / "README.md"
DOCUMENTED_ADDRESS = "127.0.0.1:8000"
STATUS_MARK = "\nHTTP_STATUS="


def examples(text: str) -> list[str]:
    """Command lines inside code (indented blocks and fences) that start with curl or dipgraph."""
    found, fenced = [], False
    for line in text.splitlines():
        if line.lstrip().startswith("```"):
            fenced = not fenced
            continue
        code = line.strip() if fenced else (line[4:] if line.startswith("    ") else "")
        if re.match(r"(curl|dipgraph) ", code):
            found.append(code.strip())
    return found


EXAMPLES = examples(README.read_text(encoding="utf-8"))


def test_the_readme_shows_examples_of_both_kinds() -> None:
    assert sum(e.startswith("curl ") for e in EXAMPLES) >= 4
    assert sum(e.startswith("dipgraph ") for e in EXAMPLES) >= 2


def test_the_parser_sees_code_only() -> None:
    text = "Run curl now.\n\n    curl a\n\n```\ndipgraph b\n```\n  dipgraph c\n"
    assert examples(text) == ["curl a", "dipgraph b"]


@pytest.fixture(scope="module")
def site(driver: neo4j.Driver, neo4j_conn: Neo4jConn) -> Iterator[str]:
    with driver.session(database=neo4j_conn.database) as session:
        session.run(CLEAR).consume()
    sample.load(driver, neo4j_conn.database)
    with serve(create_app(api_settings(neo4j_conn))) as base:
        yield base.removeprefix("http://")


def _run(command: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DIPGRAPH_API_KEY": API_KEY}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    return subprocess.run(
        ["bash", "-c", command], cwd=REPO, env=env, capture_output=True, text=True, timeout=300
    )


def _id(example: str) -> str:
    return re.sub(r"[^A-Za-z0-9/._-]+", "_", example)[:70]


@pytest.mark.parametrize("example", EXAMPLES, ids=[_id(e) for e in EXAMPLES])
def test_readme_example_works(site: str, example: str) -> None:
    command = example.replace(DOCUMENTED_ADDRESS, site)
    if example.startswith("curl "):
        assert DOCUMENTED_ADDRESS in example, "a curl example aims at the documented address"
        command += f" -sS -w '{STATUS_MARK}%{{http_code}}'"
    done = _run(command)
    assert done.returncode == 0, done.stderr
    if example.startswith("curl "):
        body, _, status = done.stdout.rpartition(STATUS_MARK)
        assert status.startswith("2"), f"{status}: {body}"
    assert done.stdout.strip()
