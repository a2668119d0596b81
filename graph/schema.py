"""Constraints and indexes, created at start-up with IF NOT EXISTS so every start may run it."""

from __future__ import annotations

import neo4j

from graph import queries as q


def ensure_schema(driver: neo4j.Driver, database: str, timeout_s: int = 300) -> int:
    """Create every constraint and index the store relies on; return how many were new."""
    created = 0
    with driver.session(database=database) as session:
        for statement in q.SCHEMA_STATEMENTS:
            counters = session.run(statement).consume().counters
            created += counters.constraints_added + counters.indexes_added
        session.run(q.AWAIT_INDEXES, timeout=timeout_s).consume()
    return created


def schema_names(driver: neo4j.Driver, database: str) -> dict[str, set[str]]:
    """The names of the constraints and indexes that exist, for checks and tests."""
    records, _, _ = driver.execute_query(
        "SHOW CONSTRAINTS YIELD name RETURN collect(name) AS names", database_=database
    )
    constraints = set(records[0]["names"])
    records, _, _ = driver.execute_query(
        "SHOW INDEXES YIELD name RETURN collect(name) AS names", database_=database
    )
    return {"constraints": constraints, "indexes": set(records[0]["names"])}
