"""Read-only Cypher for analysts: layered checks, bounded work, always rolled back.

Layers (see NOTES.md and README's Security section; no single one is enough):
1. text, read as Neo4j's own lexer reads it (graph/cypher_lex.py): refuse admin commands,
   `USE`, writes, `LOAD CSV`, more than one statement, calls outside an allow-list, and
   expression work without a bound (graph/guard_budget.py); parameters must be finite numbers
   and encodable text;
2. EXPLAIN: every plan operator must be a read operator from an allow-list
   (graph/plan_ops.py), procedures again checked by name;
3. execution: a READ-mode transaction tagged for termination, with a timeout fixed by the
   settings, rows streamed in small batches up to a row cap and a byte cap, and the
   transaction rolled back whatever happens.
"""

from __future__ import annotations

import contextlib
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any

import neo4j
from neo4j.exceptions import ClientError, CypherSyntaxError, Neo4jError

from graph import queries
from graph.config import Settings
from graph.cypher_lex import normalise
from graph.cypher_params import check_params
from graph.cypher_values import drawable, to_plain
from graph.errors import InvalidInput, QueryRefused, QueryTimeout, ResourceLimit
from graph.guard_budget import check_budget
from graph.plan_ops import READ_OPERATORS, operator_name
from graph.reads import unavailable

__all__ = [
    "CypherResult",
    "Limits",
    "check_params",
    "check_plan",
    "check_text",
    "normalise",
    "run_readonly",
]

ALLOWED_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.index.fulltext.queryNodes",
        "db.index.fulltext.queryRelationships",
    }
)
ALLOWED_PROCEDURE_PREFIXES = ("db.schema.",)
# Namespaced built-in functions that only compute; anything else namespaced is refused.
ALLOWED_FUNCTION_PREFIXES = (
    "date.",
    "datetime.",
    "localdatetime.",
    "localtime.",
    "time.",
    "duration.",
    "point.",
    "vector.similarity.",
)
MAX_QUERY_CHARS = 20_000

FORBIDDEN_WORDS = (
    "CREATE",
    "MERGE",
    "SET",
    "DELETE",
    "DETACH",
    "REMOVE",
    "DROP",
    "FOREACH",
    "LOAD",
    "USE",
    "SHOW",
    "TERMINATE",
    "GRANT",
    "REVOKE",
    "DENY",
    "ALTER",
    "RENAME",
    "START",
    "STOP",
    "ENABLE",
    "DEALLOCATE",
    "REALLOCATE",
    "INSERT",
    "FINISH",
)
# A keyword is a bare word: not a property (`n.set`), a parameter (`$use`) or part of a name.
_FORBIDDEN = re.compile(r"(?<![\w.$])(" + "|".join(FORBIDDEN_WORDS) + r")(?![\w])", re.IGNORECASE)
_INVOCATION = re.compile(r"([A-Za-z_][\w]*(?:\s*\.\s*[A-Za-z_][\w]*)+)\s*\(")
_CALL_NAME = re.compile(r"(?<![\w.$])CALL\s+([A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*)", re.I)


@dataclass(frozen=True)
class CypherResult:
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool
    elapsed_ms: int
    graph: dict[str, Any] = field(default_factory=dict)
    truncated_by: str | None = None


@dataclass(frozen=True)
class Limits:
    """What the server sets and the caller cannot raise; `tag` names the transaction so that
    whoever gives up waiting can terminate it."""

    timeout_s: float
    row_cap: int
    byte_cap: int = 16 * 1024 * 1024
    tag: str = ""


def limits_from(settings: Settings, tag: str = "") -> Limits:
    """The analyst limits the settings fix."""
    return Limits(settings.cypher_timeout_s, settings.cypher_row_cap, settings.cypher_byte_cap, tag)


# Rows pulled per round trip: a cap is overshot by at most one batch (the driver's default of
# 1,000 rows let a 262 MB answer into the API before any cap could look at it).
FETCH_SIZE = 50


def check_text(query: str) -> str:
    """Refuse by reading the text alone; returns the statement without a trailing semicolon."""
    if not query.strip():
        raise InvalidInput("the query is empty", {"reason": "empty"})
    if len(query) > MAX_QUERY_CHARS:
        raise InvalidInput("the query is too long", {"max_chars": MAX_QUERY_CHARS})
    plain = normalise(query).strip()
    if ";" in plain.rstrip(";"):
        raise QueryRefused("only one statement per query", {"reason": "multiple_statements"})
    word = _FORBIDDEN.search(plain)
    if word:
        raise QueryRefused(
            f"{word.group(1).upper()} is not allowed: this endpoint only reads",
            {"reason": "forbidden_keyword", "keyword": word.group(1).upper()},
        )
    _check_calls(plain)
    check_budget(plain)
    return query.strip().rstrip(";").strip()


def _check_calls(plain: str) -> None:
    for match in _CALL_NAME.finditer(plain):
        _check_procedure(re.sub(r"\s+", "", match.group(1)))
    for match in _INVOCATION.finditer(plain):
        name = re.sub(r"\s+", "", match.group(1))
        if not _procedure_allowed(name) and not name.lower().startswith(ALLOWED_FUNCTION_PREFIXES):
            raise QueryRefused(
                f"calling {name} is not allowed", {"reason": "function_not_allowed", "name": name}
            )


def _procedure_allowed(name: str) -> bool:
    return name in ALLOWED_PROCEDURES or name.startswith(ALLOWED_PROCEDURE_PREFIXES)


def _check_procedure(name: str) -> None:
    if not _procedure_allowed(name):
        raise QueryRefused(
            f"procedure {name} is not allowed",
            {
                "reason": "procedure_not_allowed",
                "name": name,
                "allowed": sorted(ALLOWED_PROCEDURES),
            },
        )


def _operators(plan: dict[str, Any] | None) -> list[tuple[str, str]]:
    if not plan:
        return []
    found = [(str(plan.get("operatorType", "")), str(plan.get("args", {}).get("Details", "")))]
    for child in plan.get("children", []):
        found.extend(_operators(child))
    return found


def check_plan(summary: neo4j.ResultSummary) -> None:
    """Refuse a plan that is not a read or holds an operator outside the read allow-list."""
    if summary.query_type != "r":
        raise QueryRefused(
            "only read queries are allowed",
            {"reason": "not_read_only", "query_type": summary.query_type},
        )
    for operator, details in _operators(summary.plan):
        name = operator_name(operator)
        if name not in READ_OPERATORS:
            raise QueryRefused(
                f"the plan operator {name} is not allowed: this endpoint only reads the graph",
                {"reason": "operator_not_allowed", "operator": name},
            )
        if name == "ProcedureCall":
            _check_procedure(details.split("(", 1)[0].strip())


def run_readonly(
    driver: neo4j.Driver,
    query: str,
    params: dict[str, Any] | None = None,
    *,
    database: str,
    limits: Limits,
) -> CypherResult:
    """Run one analyst query under every layer; the transaction is rolled back in all cases."""
    statement = check_text(query)
    params = dict(params or {})
    check_params(params)
    try:
        with driver.session(
            database=database,
            default_access_mode=neo4j.READ_ACCESS,
            notifications_min_severity="OFF",
            fetch_size=FETCH_SIZE,
        ) as session:
            return _in_transaction(session, statement, params, limits)
    except Neo4jError as e:
        raise _translate(e) from e
    except neo4j.exceptions.DriverError as e:
        raise unavailable(e) from e
    except (OverflowError, TypeError) as e:  # a parameter Bolt cannot carry (int beyond 64 bits)
        raise InvalidInput("a parameter cannot be sent to Neo4j", {"reason": str(e)}) from e


def _in_transaction(
    session: neo4j.Session, statement: str, params: dict[str, Any], limits: Limits
) -> CypherResult:
    metadata = {"dipgraph_analyst": limits.tag} if limits.tag else None
    tx = session.begin_transaction(timeout=limits.timeout_s, metadata=metadata)
    try:
        check_plan(tx.run("EXPLAIN " + statement, params).consume())
        result = tx.run(statement, params)
        columns = list(result.keys())
        started = time.monotonic()
        rows, plain, cut = _take(result, limits)
        elapsed = int((time.monotonic() - started) * 1000)
        return CypherResult(columns, plain, cut is not None, elapsed, drawable(rows), cut)
    finally:
        _roll_back(tx)


def _roll_back(tx: neo4j.Transaction) -> None:
    """Close without commit; a connection already lost has rolled back on the server."""
    with contextlib.suppress(Neo4jError, neo4j.exceptions.DriverError):
        tx.close()


def _take(
    result: neo4j.Result, limits: Limits
) -> tuple[list[neo4j.Record], list[dict[str, Any]], str | None]:
    """Records and their plain rows up to the row cap and the byte cap (JSON size)."""
    records: list[neo4j.Record] = []
    plain: list[dict[str, Any]] = []
    size = 0
    for record in result:
        if len(records) >= limits.row_cap:
            return records, plain, "rows"
        row = {k: to_plain(v) for k, v in record.items()}
        size += len(json.dumps(row, ensure_ascii=False, default=str))
        if size > limits.byte_cap:
            return records, plain, "bytes"
        records.append(record)
        plain.append(row)
    return records, plain, None


def terminate(driver: neo4j.Driver, tag: str, *, database: str) -> int:
    """Terminate the analyst transaction tagged `tag`, if it still runs; returns how many."""
    try:
        records, _, _ = driver.execute_query(
            queries.ANALYST_TRANSACTIONS, {"tag": tag}, database_=database
        )
        ids = [r["id"] for r in records]
        if ids:
            driver.execute_query(queries.TERMINATE_TRANSACTIONS, {"ids": ids}, database_=database)
        return len(ids)
    except (Neo4jError, neo4j.exceptions.DriverError):
        return 0


_MEMORY_CODES = ("MemoryPoolOutOfMemoryError", "General.OutOfMemoryError")


def _translate(e: Neo4jError) -> Exception:
    code = e.code or ""
    if "TransactionTimedOut" in code or code.endswith("Transaction.Terminated"):
        return QueryTimeout("the query ran past the time limit", {"neo4j_code": code})
    if any(c in code for c in _MEMORY_CODES):
        return ResourceLimit(
            "the query needs more memory than one analyst query may use "
            "(db.memory.transaction.max, and the server's heap for values built in "
            "expressions): add LIMIT, aggregate, or build smaller values",
            {"reason": "memory_limit", "limit": "db.memory.transaction.max", "neo4j_code": code},
        )
    if isinstance(e, CypherSyntaxError) or ".Statement." in code:
        return QueryRefused(
            e.message or "the query is not valid Cypher",
            {"reason": "invalid_cypher", "neo4j_code": code},
        )
    if code.startswith("Neo.ClientError.Security") or "AccessMode" in code:
        return QueryRefused("the query is not allowed", {"reason": "forbidden", "neo4j_code": code})
    if isinstance(e, ClientError):
        return QueryRefused(
            e.message or "the query failed", {"reason": "client_error", "neo4j_code": code}
        )
    return unavailable(e)
