"""The read-only Cypher guard: each layer on its own, then the whole against the real server."""

from __future__ import annotations

import time

import neo4j
import pytest

from graph.errors import InvalidInput, QueryRefused, QueryTimeout
from graph.guard import Limits, check_plan, check_text, normalise, run_readonly
from tests.api import sample

REFUSED_BY_TEXT = [
    "CREATE (n:Evil)",
    "MERGE (n:Evil {id: 1})",
    "MATCH (n) SET n.x = 1",
    "MATCH (n) DETACH DELETE n",
    "MATCH (n) REMOVE n.name",
    "FOREACH (i IN [1] | CREATE (:Evil))",
    "LOAD CSV FROM 'file:///etc/passwd' AS row RETURN row",
    "CALL dbms.listConnections()",
    "CALL `dbms`.`listConnections`()",
    "CALL db . clearQueryCaches()",
    "USE system MATCH (n) RETURN n",
    "SHOW USERS",
    "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    "MATCH (n) RETURN n; MATCH (m) DETACH DELETE m",
    "MATCH (n) /* RETURN n */ SET n.x = 1",
    "RETURN apoc.version()",
    "MATCH (n) RETURN n // harmless\nCREATE (:Evil)",
    # issue 10: a carriage return ends a comment for Neo4j; unicode escapes are code to it
    "//x\rSHOW TRANSACTIONS YIELD transactionId AS t TERMINATE TRANSACTIONS t",
    "RETURN 1 // \\u000aSHOW SETTINGS",
    "\\u0053HOW TRANSACTIONS",
    "MATCH (n) \\u0053ET n.x = 1 RETURN n",
    "RETURN '\\u0027 AS a SHOW SETTINGS",
    "RETURN 1 AS a /* \\u002a/ CALL dbms.listConnections() //*/",
    "sHoW tRaNsAcTiOnS",
    "CALL { SHOW TRANSACTIONS } RETURN 1",
]
# issue 10: expression work with no bound, refused before it runs (graph/guard_budget.py)
UNBOUNDED = {
    "string_doubling": "RETURN size(reduce(s='x', i IN range(1,29) | s+s)) AS n",
    "huge_comprehension": "RETURN size([x IN range(1,150000000) | x]) AS n",
    "reduce_three_billion": "RETURN reduce(t = 0, x IN range(1, 3000000000) | t + x)",
    "quadratic_string": "RETURN size(reduce(s='', x IN range(1,100000) | s + 'xxxxxxxx')) AS n",
    "nested_parens": "RETURN " + "(" * 1000 + "1" + ")" * 1000,
    "nested_lists": "RETURN " + "[" * 40 + "1" + "]" * 40,
    "nested_over_collected": "MATCH (n) WITH collect(n) AS c RETURN [a IN c | [b IN c | 1]]",
    "nested_ranges": "RETURN [a IN range(1,1000) | [b IN range(1,1000) | b]]",
    "parameter_range": "RETURN range(1, $n)",
    "reduce_over_variable": "WITH range(1,10) AS r RETURN reduce(s=[], x IN r | s + r)",
    "parenthesised_doubling": "RETURN reduce(s='x', i IN range(1,20) | s + (s))",
    "hex_bounds": "RETURN size([x IN range(0x0, 0xFFFFFFF) | x])",
    "negative_step": "RETURN [x IN range(100000000, 1, -1) | x]",
    "range_inside_collected": "UNWIND range(1,1000000) AS x WITH collect(x) AS c "
    "RETURN size([a IN c | [b IN range(1,20) | toString(a) + toString(b)]]) AS n",
    "quantifier_nested": "MATCH (n) WITH collect(n) AS c RETURN any(a IN c WHERE any(b IN c WHERE a = b))",
}
ALLOWED_BY_TEXT = [
    "MATCH (a:Actor) WHERE a.name = 'CREATE; DELETE' RETURN a.set, a.name",
    "MATCH (a:Actor) // we do not CREATE here\nRETURN a",
    "CALL db.labels() YIELD label RETURN label",
    "CALL db.schema.visualization()",
    "RETURN date.truncate('month', date('2024-05-06')) AS d",
    "MATCH (a:Actor) RETURN a;",
    "UNWIND range(1, 1000000000) AS x RETURN x",
    "RETURN [x IN range(1, 1000) | x * 2] AS doubled",
    "MATCH p = (:Actor)-[*..3]-(:Actor) RETURN reduce(t = 0.0, r IN relationships(p) | t + r.confidence)",
    "MATCH p = (:Actor)-[*..3]-(:Actor) RETURN [n IN nodes(p) WHERE any(l IN labels(n) WHERE l = 'Person')]",
    "RETURN reduce(t = 0, x IN range(1, 100) | t + x) AS s",
    "RETURN [a IN range(1, 100) | [b IN range(1, 100) | a * b]] AS table",
    "MATCH (a:Actor) WHERE a.name = 'RETURN ((((((((((((((((((((((((((((((((((' RETURN a",
]


@pytest.mark.parametrize("query", REFUSED_BY_TEXT)
def test_text_layer_refuses(query: str) -> None:
    with pytest.raises(QueryRefused):
        check_text(query)


@pytest.mark.parametrize("name", sorted(UNBOUNDED))
def test_unbounded_expression_work_is_refused(name: str) -> None:
    with pytest.raises(QueryRefused) as caught:
        check_text(UNBOUNDED[name])
    assert caught.value.details["reason"] not in {"forbidden_keyword", "function_not_allowed"}


def test_every_cookbook_query_passes_the_text_layer() -> None:
    from tests.graph.test_cookbook import recipes

    for recipe in recipes():
        assert check_text(recipe.cypher)


@pytest.mark.parametrize("query", ALLOWED_BY_TEXT)
def test_text_layer_allows_reads(query: str) -> None:
    assert check_text(query)


def test_normalise_drops_comments_and_literals() -> None:
    assert "CREATE" not in normalise("RETURN 'CREATE' // CREATE\n/* CREATE */")


def test_empty_and_huge_queries_are_invalid() -> None:
    with pytest.raises(InvalidInput):
        check_text("  ")
    with pytest.raises(InvalidInput):
        check_text("RETURN 1 " * 5000)


def _run(driver: neo4j.Driver, query: str, timeout_s: float = 5.0, cap: int = 100):
    return run_readonly(driver, query, database="neo4j", limits=Limits(timeout_s, cap))


@pytest.mark.neo4j
def test_reads_run_and_roll_back(db: neo4j.Driver) -> None:
    sample.load(db)
    result = _run(db, "MATCH (a:Actor)-[r:MET]-(b:Actor) RETURN a, r, b ORDER BY r.id LIMIT 2")
    assert result.columns == ["a", "r", "b"] and len(result.rows) == 2
    assert result.rows[0]["a"]["properties"]["id"].startswith("person:")
    assert result.graph["nodes"] and result.graph["edges"][0]["evidence"]
    assert not result.truncated


@pytest.mark.neo4j
def test_plan_layer_refuses_a_write_the_text_layer_cannot_see(db: neo4j.Driver) -> None:
    # The planner is the judge even when the text check is bypassed: call its check directly.
    with db.session(database="neo4j") as session:
        tx = session.begin_transaction()
        summary = tx.run("EXPLAIN CALL () { CREATE (:Evil) } RETURN 1").consume()
        tx.rollback()
    with pytest.raises(QueryRefused):
        check_plan(summary)


@pytest.mark.neo4j
@pytest.mark.parametrize(
    "query",
    [
        "SHOW TRANSACTIONS",
        "SHOW TRANSACTIONS YIELD transactionId AS t TERMINATE TRANSACTIONS t YIELD message RETURN message",
        "SHOW SETTINGS",
        "SHOW FUNCTIONS",
        "SHOW PROCEDURES",
        "SHOW INDEXES",
        "TERMINATE TRANSACTIONS 'neo4j-transaction-1'",
    ],
)
def test_plan_layer_refuses_what_the_planner_calls_a_read(db: neo4j.Driver, query: str) -> None:
    # The text layer is bypassed on purpose: the operator allow-list must hold on its own.
    with db.session(database="neo4j") as session:
        tx = session.begin_transaction()
        summary = tx.run("EXPLAIN " + query).consume()
        tx.rollback()
    with pytest.raises(QueryRefused) as caught:
        check_plan(summary)
    assert caught.value.details["reason"] in {"operator_not_allowed", "not_read_only"}


@pytest.mark.neo4j
def test_values_past_the_heap_fail_the_query_not_the_server(db: neo4j.Driver) -> None:
    """What the text cannot bound (doubling through WITH) fails on allocation; the server lives."""
    from graph.errors import ResourceLimit

    doubling = "WITH 'x' AS s " + "WITH s + s AS s " * 29 + "RETURN size(s) AS n"
    with pytest.raises(ResourceLimit) as caught:
        _run(db, doubling, timeout_s=30)
    assert "memory" in caught.value.message
    assert _run(db, "RETURN 1 AS ok").rows == [{"ok": 1}]


@pytest.mark.neo4j
def test_rows_are_capped_and_fast(db: neo4j.Driver) -> None:
    started = time.monotonic()
    result = _run(db, "UNWIND range(1, 1000000000) AS x RETURN x", cap=1000)
    assert result.truncated and len(result.rows) == 1000
    assert time.monotonic() - started < 5


@pytest.mark.neo4j
def test_long_query_hits_the_server_timeout(db: neo4j.Driver) -> None:
    sample.load(db)
    started = time.monotonic()
    with pytest.raises(QueryTimeout):
        _run(
            db,
            "MATCH (a), (b), (c) UNWIND range(1, 100000000) AS x RETURN count(*)",
            timeout_s=1.0,
        )
    assert time.monotonic() - started < 15


@pytest.mark.neo4j
def test_syntax_errors_are_refused(db: neo4j.Driver) -> None:
    with pytest.raises(QueryRefused) as caught:
        _run(db, "MATCH (n RETURN n")
    assert caught.value.details["reason"] == "invalid_cypher"


@pytest.mark.neo4j
def test_parameters_bolt_cannot_carry_are_invalid(db: neo4j.Driver) -> None:
    with pytest.raises(InvalidInput):
        run_readonly(db, "RETURN $x", {"x": 2**63}, database="neo4j", limits=Limits(5, 10))


@pytest.mark.parametrize(
    "params",
    [
        {"x": float("nan")},
        {"x": [float("inf")]},
        {"x": "\ud800"},
        {"\udfff": 1},
        {"x": {"y": -float("inf")}},
    ],
)
def test_parameters_that_would_change_silently_are_invalid(params: dict) -> None:
    from graph.guard import check_params

    with pytest.raises(InvalidInput):
        check_params(params)


def test_range_sizes_follow_cypher_and_never_overflow() -> None:
    from graph.guard_budget import range_size

    assert range_size(["1", "10"]) == 10 and range_size(["1", "10", "3"]) == 4
    assert range_size(["10", "1", "-1"]) == 10 and range_size(["10", "1"]) == 0
    assert range_size(["0x10", "0x1F"]) == 16 and range_size(["1", "$n"]) is None
    assert range_size(["-9223372036854775808", "9223372036854775807"]) == 2**64
