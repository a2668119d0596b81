"""Graph-store fixtures: the seed extractions and a store on the session's empty database."""

from __future__ import annotations

import json
from pathlib import Path

import neo4j
import pytest

from graph.rows import extraction_from_dict
from graph.store import GraphStore
from ingest.model import Extraction

DATA = Path(__file__).parent / "data"
SEED_EXTRACTIONS = DATA / "seed_extractions.jsonl"


def load_extractions(path: Path = SEED_EXTRACTIONS) -> list[Extraction]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return [extraction_from_dict(json.loads(line)) for line in lines if line.strip()]


@pytest.fixture(scope="session")
def seeds() -> list[Extraction]:
    return load_extractions()


@pytest.fixture
def database(neo4j_conn) -> str:
    return neo4j_conn.database


@pytest.fixture
def store(db: neo4j.Driver, database: str) -> GraphStore:
    return GraphStore(db, database)


@pytest.fixture
def cli():
    """Run `dipgraph ...` in a subprocess against the session's server; returns the result."""
    import subprocess
    import sys

    def run(*args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "api.cli", *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )

    return run
