"""Read-only Cypher for analysts: layered checks, a server-set timeout, rows capped, always rolled back.

Layers (see NOTES.md; no single one is enough):
1. text: after removing comments and string literals, refuse admin commands, `USE`, writes,
   `LOAD CSV`, more than one statement, and calls to anything outside an allow-list;
2. EXPLAIN: the planner must call it a read (`query_type == "r"`) and its plan may hold no
   `LoadCSV` and no procedure outside the allow-list;
3. execution: a READ-mode transaction with a timeout fixed by the settings, rows streamed up
   to a cap, and the transaction rolled back whatever happens.
"""

from __future__ import annotations

import contextlib
import re
import time
from dataclasses import dataclass, field
from typing import Any

import neo4j
from neo4j.exceptions import ClientError, CypherSyntaxError, Neo4jError

from graph.errors import InvalidInput, QueryRefused, QueryTimeout
from graph.reads import subgraph, unavailable

ALLOWED_PROCEDURES = frozenset({"db.labels", "db.relationshipTypes", "db.propertyKeys"})
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
_TOKENS = re.compile(
    r"""//[^\n]*|/\*.*?(?:\*/|\Z)|'(?:\\.|[^'\\])*'?|"(?:\\.|[^"\\])*"?|`(?:``|[^`])*`?""",
    re.DOTALL,
)
_INVOCATION = re.compile(r"([A-Za-z_][\w]*(?:\s*\.\s*[A-Za-z_][\w]*)+)\s*\(")
_CALL_NAME = re.compile(r"(?<![\w.$])CALL\s+([A-Za-z_]\w*(?:\s*\.\s*[A-Za-z_]\w*)*)", re.I)


@dataclass(frozen=True)
class CypherResult:
    columns: list[str]
    rows: list[dict[str, Any]]
    truncated: bool
    elapsed_ms: int
    graph: dict[str, Any] = field(default_factory=dict)


def _unquote(token: str) -> str:
    """Backquoted names keep their text (so `dbms`.`x` is still seen); literals become blanks."""
    if token.startswith("`"):
        return token.strip("`").replace("``", "`")
    if token.startswith(("'", '"')):
        return "''"
    return " "


def normalise(query: str) -> str:
    """The query without comments, with string literals emptied and backquotes removed."""
    return _TOKENS.sub(lambda m: _unquote(m.group(0)), query)


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
    """Refuse what the planner says writes, administers, loads files or calls a procedure."""
    if summary.query_type != "r":
        raise QueryRefused(
            "only read queries are allowed",
            {"reason": "not_read_only", "query_type": summary.query_type},
        )
    for operator, details in _operators(summary.plan):
        kind = operator.split("@", 1)[0]
        if kind == "LoadCSV":
            raise QueryRefused("LOAD CSV is not allowed", {"reason": "forbidden_keyword"})
        if kind == "ProcedureCall":
            _check_procedure(details.split("(", 1)[0].strip())


def run_readonly(
    driver: neo4j.Driver,
    query: str,
    params: dict[str, Any] | None = None,
    *,
    database: str,
    timeout_s: float,
    row_cap: int,
) -> CypherResult:
    """Run one analyst query under every layer; the transaction is rolled back in all cases."""
    statement = check_text(query)
    params = dict(params or {})
    try:
        with driver.session(
            database=database,
            default_access_mode=neo4j.READ_ACCESS,
            notifications_min_severity="OFF",
        ) as session:
            return _in_transaction(session, statement, params, timeout_s, row_cap)
    except Neo4jError as e:
        raise _translate(e) from e
    except neo4j.exceptions.DriverError as e:
        raise unavailable(e) from e
    except (OverflowError, TypeError) as e:  # a parameter Bolt cannot carry (int beyond 64 bits)
        raise InvalidInput("a parameter cannot be sent to Neo4j", {"reason": str(e)}) from e


def _in_transaction(
    session: neo4j.Session, statement: str, params: dict[str, Any], timeout_s: float, cap: int
) -> CypherResult:
    tx = session.begin_transaction(timeout=timeout_s)
    try:
        check_plan(tx.run("EXPLAIN " + statement, params).consume())
        result = tx.run(statement, params)
        columns = list(result.keys())
        started = time.monotonic()
        rows, truncated = _take(result, cap)
        elapsed = int((time.monotonic() - started) * 1000)
        plain = [{k: to_plain(v) for k, v in r.items()} for r in rows]
        return CypherResult(columns, plain, truncated, elapsed, drawable(rows))
    finally:
        _roll_back(tx)


def _roll_back(tx: neo4j.Transaction) -> None:
    """Close without commit; a connection already lost has rolled back on the server."""
    with contextlib.suppress(Neo4jError, neo4j.exceptions.DriverError):
        tx.close()


def _take(result: neo4j.Result, cap: int) -> tuple[list[neo4j.Record], bool]:
    rows: list[neo4j.Record] = []
    for record in result:
        if len(rows) >= cap:
            return rows, True
        rows.append(record)
    return rows, False


def _translate(e: Neo4jError) -> Exception:
    code = e.code or ""
    if "TransactionTimedOut" in code or code.endswith("Transaction.Terminated"):
        return QueryTimeout("the query ran past the time limit", {"neo4j_code": code})
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


def to_plain(value: Any) -> Any:
    """A JSON-ready copy of a driver value: nodes, relationships, paths, temporals, points."""
    if isinstance(value, neo4j.graph.Node):
        return {"labels": sorted(value.labels), "properties": to_plain(dict(value))}
    if isinstance(value, neo4j.graph.Relationship):
        return {"type": value.type, "properties": to_plain(dict(value))}
    if isinstance(value, neo4j.graph.Path):
        return {"nodes": to_plain(value.nodes), "relationships": to_plain(value.relationships)}
    if isinstance(value, dict):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [to_plain(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if hasattr(value, "iso_format"):
        return value.iso_format()
    return str(value)


def drawable(records: list[neo4j.Record]) -> dict[str, Any]:
    """The actors and relations among the result's values, in the subgraph shape viz draws."""
    nodes: dict[str, dict[str, Any]] = {}
    rels: dict[str, neo4j.graph.Relationship] = {}
    for record in records:
        for value in record.values():
            _collect(value, nodes, rels)
    edges = [_edge(r, nodes) for r in rels.values()]
    return subgraph(list(nodes.values()), [e for e in edges if e])


def _collect(value: Any, nodes: dict, rels: dict) -> None:
    if isinstance(value, neo4j.graph.Path):
        value = [*value.nodes, *value.relationships]
    if isinstance(value, list | tuple):
        for item in value:
            _collect(item, nodes, rels)
    elif isinstance(value, neo4j.graph.Node) and "Actor" in value.labels and value.get("id"):
        nodes[value.element_id] = {
            "id": value["id"],
            "name": value.get("name"),
            "type": value.get("type"),
        }
    elif isinstance(value, neo4j.graph.Relationship):
        rels[value.element_id] = value
        for end in (value.start_node, value.end_node):
            if end is not None:
                _collect(end, nodes, rels)


def _edge(rel: neo4j.graph.Relationship, nodes: dict[str, dict[str, Any]]) -> dict | None:
    start, end = rel.start_node, rel.end_node
    if start is None or end is None or start.element_id not in nodes or end.element_id not in nodes:
        return None
    props = to_plain(dict(rel))
    return {
        **props,
        "id": props.get("id") or rel.element_id,
        "type": rel.type,
        "source": nodes[start.element_id]["id"],
        "target": nodes[end.element_id]["id"],
        "evidence": props.get("evidence") or "",
        "confidence": props.get("confidence") or 0.0,
    }
