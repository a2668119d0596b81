"""Hostile analyst Cypher beyond the issue's reproductions: each is refused, or runs bounded.

Refused: a 4xx from the guard, the body limit or parameter checks before anything runs.
Bounded: it ran and stopped at a cap (rows, bytes, time or memory), answering 200, 408 or 422.
Either way nothing changes, nothing is disclosed, and the test Neo4j answers afterwards.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterator

import neo4j
import pytest
from fastapi.testclient import TestClient

from tests.api import sample

pytestmark = pytest.mark.neo4j
B = "\\"
DEEP: list = [1]
for _ in range(20):
    DEEP = [DEEP]

# name -> (query, params)
HOSTILE: dict[str, tuple[str, dict]] = {
    # comments, escapes and quoting that might hide code from the guard
    "cr_comment_show_users": ("RETURN 1 //\rSHOW USERS", {}),
    "block_comment_show_databases": ("RETURN 1 /* */ SHOW DATABASES", {}),
    "escaped_create_at_start": (f"{B}u0043REATE (n)", {}),
    "escaped_semicolon": (f"MATCH (n) RETURN n{B}u003b MATCH (m) DETACH DELETE m", {}),
    "escaped_quote_drop_index": (f"RETURN '{B}u0027 DROP INDEX actor_name //'", {}),
    "escaped_cr_in_comment": (f"MATCH (n) RETURN n // {B}u000d CREATE (:Evil)", {}),
    "escaped_backslash_quote": (f"RETURN 'a{B}u005c' SET x.y = 1 //'", {}),
    "backquoted_show": ("`SHOW` TRANSACTIONS", {}),
    # procedures and functions outside the allow-list
    "union_list_config": (
        "CALL db.labels() YIELD label RETURN label "
        "UNION CALL dbms.listConfig() YIELD name RETURN name",
        {},
    ),
    "current_user": ("CALL dbms.showCurrentUser() YIELD username RETURN username", {}),
    "spaced_fulltext_drop": ("CALL db . index . fulltext . drop('actor_names')", {}),
    "create_label": ("CALL db.createLabel('Evil')", {}),
    "await_refresh": ("CALL db.index.fulltext.awaitEventuallyConsistentIndexRefresh()", {}),
    "create_user_procedure": ("CALL dbms.security.createUser('eve', 'secret-secret', false)", {}),
    "set_metadata": ("CALL tx.setMetaData({x: 1})", {}),
    "stats_retrieve": ("CALL db.stats.retrieve('GRAPH COUNTS')", {}),
    "kill_query": ("CALL dbms.killQuery('query-1')", {}),
    "namespaced_function": ("RETURN db.nameFromElementId('4:x:1') AS n", {}),
    # files, URLs, administration
    "load_csv_https": ("LOAD CSV WITH HEADERS FROM 'https://example.com/x.csv' AS r RETURN r", {}),
    "load_csv_in_subquery": (
        "CALL () { LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r } RETURN r",
        {},
    ),
    "alter_password": ("ALTER CURRENT USER SET PASSWORD FROM 'x' TO 'yyyyyyyy'", {}),
    "start_database": ("START DATABASE neo4j", {}),
    "stop_database": ("STOP DATABASE neo4j", {}),
    "create_database": ("CREATE OR REPLACE DATABASE evil", {}),
    "grant_role": ("GRANT ROLE admin TO eve", {}),
    "show_current_user": ("SHOW CURRENT USER", {}),
    "show_privileges": ("SHOW ALL PRIVILEGES", {}),
    "use_neo4j": ("USE neo4j MATCH (n) RETURN n", {}),
    # writes in disguise
    "foreach_set": ("MATCH (n) WITH n LIMIT 1 FOREACH (x IN [1] | SET n.x = 1)", {}),
    "delete_in_transactions": (
        "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 1 ROW",
        {},
    ),
    "explain_delete": ("EXPLAIN MATCH (n) DETACH DELETE n", {}),
    "profile_read": ("PROFILE MATCH (n) RETURN n", {}),
    "cypher_option_write": ("CYPHER runtime=slotted MATCH (n) SET n.x = 1", {}),
    "importing_with_create": ("WITH 1 AS x CALL (x) { CREATE (:Evil) } RETURN x", {}),
    # expression work
    "squared_ranges": ("RETURN [x IN range(1, 99999) | [y IN range(1, 99999) | x * y]]", {}),
    "list_doubling_reduce": ("RETURN reduce(s = [], x IN range(1, 100) | s + s)", {}),
    "split_of_doubling": (
        "RETURN size(split(reduce(s = 'ab', x IN range(1, 60) | s + s), 'a'))",
        {},
    ),
    "quadrupling_with_chain": (
        "WITH 'xxxxxxxx' AS s " + "WITH s + s + s + s AS s " * 20 + "RETURN size(s)",
        {},
    ),
    "long_range": ("RETURN range(0, 9223372036854775807)", {}),
    "widest_range": ("RETURN range(-9223372036854775808, 9223372036854775807, 1)", {}),
    "parameter_bound_inside": ("RETURN [x IN range(1, 10) | range(1, $n)]", {"n": 10**9}),
    "deep_lists": ("RETURN " + "[" * 33 + "]" * 33, {}),
    "deep_maps": ("RETURN " + "{a: " * 33 + "1" + "}" * 33, {}),
    "deep_parameters": ("RETURN $p", {"p": DEEP}),
    "collect_everything": ("UNWIND range(1, 100000000) AS x RETURN collect(x)", {}),
    "sort_a_billion": (
        "UNWIND range(1, 1000000000) AS x WITH x ORDER BY x DESC RETURN x LIMIT 1",
        {},
    ),
    "five_way_product": ("MATCH (a), (b), (c), (d), (e) RETURN count(*)", {}),
    "all_paths": ("MATCH p = (a)-[*]-(b) RETURN count(p)", {}),
    "integer_overflow": ("RETURN 9223372036854775807 + 1", {}),
    "billion_rows": ("MATCH (n) RETURN n SKIP 0 LIMIT 1000000000", {}),
    "huge_parameter_list": ("MATCH (n) WHERE n.id IN $ids RETURN n", {"ids": list(range(100_000))}),
}
REFUSED_STATUSES = {400, 413, 415}


@pytest.fixture(scope="module")
def tally() -> Iterator[Counter[str]]:
    counts: Counter[str] = Counter()
    yield counts
    print(
        f"\nhostile queries: {sum(counts.values())} tried, {counts['refused']} refused, "
        f"{counts['bounded']} bounded"
    )


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_query_is_refused_or_bounded(
    client: TestClient, loaded: neo4j.Driver, tally: Counter[str], name: str
) -> None:
    query, params = HOSTILE[name]
    before = sample.counts(loaded)
    started = time.monotonic()
    response = client.post("/api/v1/cypher", json={"query": query, "params": params})
    elapsed = time.monotonic() - started
    status = response.status_code
    code = response.json()["error"]["code"] if status >= 400 else None
    refused = status in REFUSED_STATUSES or code == "invalid_input"
    bounded = status in (200, 408) or code == "resource_limit"
    assert refused or bounded, (status, response.text[:300])
    assert elapsed < 2.0 + 1.0 + 3.0  # the test timeout, the API's grace, slack
    if status == 200:
        assert len(response.content) <= 16 * 1024 * 1024 + 100_000
    assert sample.counts(loaded) == before
    records, _, _ = loaded.execute_query("MATCH (n:Evil) RETURN count(n) AS n")
    assert records[0]["n"] == 0
    assert client.get("/ready").status_code == 200
    tally["refused" if refused else "bounded"] += 1
