"""The guard reads a query as Neo4j's lexer does: checked against the server, character by character."""

from __future__ import annotations

import neo4j
import pytest

from graph.cypher_lex import decode_escapes, normalise

B = "\\"
# Every character a `//` comment might end at: the ASCII controls, and Unicode's line and space
# separators. Neo4j 5.26 ends it at LF and CR only.
CANDIDATES = [*range(0x00, 0x21), 0x7F, 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F]
CANDIDATES += [0x3000, 0xFEFF, 0x200B, *range(0x2000, 0x200B)]
# Each probe hides `, 2 AS b` behind a trick; the guard must see `b` exactly when the server does.
PROBES = [
    *(f"RETURN 1 AS a //x{chr(c)}, 2 AS b" for c in CANDIDATES),
    f"RETURN 1 AS a // {B}u000a, 2 AS b",
    f"RETURN 1 AS a // {B}u000d, 2 AS b",
    f"RETURN 1 AS a // {B}u2028, 2 AS b",
    f"RETURN '{B}u0027 AS a, 2 AS b",
    f'RETURN "x{B}u0022 AS a, 2 AS b',
    f"RETURN '{B}u005c'' AS a, 2 AS b",
    f"RETURN 'a{B}u005c{B}u0027' AS a, 2 AS b",
    f"RETURN 'x{B}{B}u0027' AS a, 2 AS b",
    f"RETURN 'a{B}'b' AS a, 2 AS b",
    f"RETURN 1 AS a /* {B}u002a/ , 2 AS b /* */",
    f"RETURN 1 AS `x{B}u0060 , 2 AS b",
    "RETURN 1 AS a /* /* */ , 2 AS b",
    "RETURN '/*' AS a, 2 AS b",
    "RETURN 1 AS `a``b`, 2 AS b",
    "RETURN 'it''s' AS a, 2 AS b",
]


def _columns(driver: neo4j.Driver, query: str) -> list[str] | None:
    try:
        with driver.session(database="neo4j") as session:
            result = session.run("EXPLAIN " + query)
            result.consume()
            return list(result.keys())
    except neo4j.exceptions.CypherSyntaxError:
        return None


@pytest.mark.neo4j
@pytest.mark.parametrize("query", PROBES, ids=[repr(p[13:40]) for p in PROBES])
def test_guard_sees_code_where_the_server_does(driver: neo4j.Driver, query: str) -> None:
    columns = _columns(driver, query)
    if columns is None:
        return  # the server refuses it outright: nothing can hide in it
    assert ("2 AS b" in normalise(query)) == ("b" in columns), (columns, normalise(query))


@pytest.mark.neo4j
def test_line_comment_ends_at_lf_and_cr_only(driver: neo4j.Driver) -> None:
    probes = {c: f"RETURN 1 AS a //x{chr(c)}, 2 AS b" for c in CANDIDATES}
    ends = [c for c, q in probes.items() if _columns(driver, q) == ["a", "b"]]
    assert ends == [0x0A, 0x0D]


@pytest.mark.neo4j
def test_unicode_escapes_are_code_to_the_server(driver: neo4j.Driver) -> None:
    assert _columns(driver, f"RETURN 1 AS a, {B}u0032 AS b") == ["a", "b"]
    assert "SET n" in normalise(f"MATCH (n) {B}u0053ET n.x = 1")


def test_escapes_decode_once_and_only_after_even_backslashes() -> None:
    assert decode_escapes(f"{B}u0041{B}u005cu0041") == f"A{B}u0041"
    assert decode_escapes(f"{B}{B}u0041") == f"{B}{B}u0041"
    assert decode_escapes(f"{B}{B}{B}u0041") == f"{B}{B}A"
