"""Every query of the README's Cypher cookbook runs against the ingested seed articles."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import neo4j
import pytest

from graph import queries as q
from graph.store import GraphStore

COOKBOOK = Path(__file__).resolve().parents[2] / "docs" / "cookbook.cypher"
README = COOKBOOK.parents[1] / "README.md"
HEADER = re.compile(r"^// (\d+)\. (.+)$")


@dataclass(frozen=True)
class Recipe:
    number: int
    question: str
    params: dict[str, Any]
    expect: dict[str, Any]
    cypher: str


def recipes() -> list[Recipe]:
    """The cookbook's blocks: header, params, expectation, then Cypher up to a blank line."""
    found = []
    for block in COOKBOOK.read_text(encoding="utf-8").split("\n\n"):
        lines = block.strip().splitlines()
        head = HEADER.match(lines[0]) if lines else None
        if head is None:
            continue
        params = json.loads(lines[1].removeprefix("// params:"))
        expect = json.loads(lines[2].removeprefix("// expect:"))
        found.append(Recipe(int(head[1]), head[2], params, expect, "\n".join(lines[3:])))
    return found


def test_the_cookbook_has_at_least_ten_questions() -> None:
    numbers = [r.number for r in recipes()]
    assert len(numbers) >= 10 and numbers == list(range(1, len(numbers) + 1))


def test_the_readme_quotes_the_cookbook_verbatim() -> None:
    text = README.read_text(encoding="utf-8")
    for recipe in recipes():
        assert recipe.cypher in text, f"README.md does not quote recipe {recipe.number}"


@pytest.fixture(scope="module")
def seeded(driver: neo4j.Driver, neo4j_conn, seeds) -> neo4j.Driver:
    from graph.schema import ensure_schema

    with driver.session(database=neo4j_conn.database) as session:
        session.run("MATCH (n) DETACH DELETE n").consume()
    ensure_schema(driver, neo4j_conn.database)
    report = GraphStore(driver, neo4j_conn.database).write(seeds)
    assert not report.failed
    driver.execute_query(q.AWAIT_INDEXES, timeout=60, database_=neo4j_conn.database)
    return driver


@pytest.mark.neo4j
@pytest.mark.parametrize("recipe", recipes(), ids=lambda r: f"{r.number}")
def test_recipe_answers_its_question(seeded: neo4j.Driver, neo4j_conn, recipe: Recipe) -> None:
    records, _, _ = seeded.execute_query(
        recipe.cypher, recipe.params, database_=neo4j_conn.database, routing_="r"
    )
    rows = [r.data() for r in records]
    assert any(all(row.get(k) == v for k, v in recipe.expect.items()) for row in rows), (
        recipe.question,
        rows[:10],
    )
