"""Analyst Cypher results as plain data: JSON-ready values and the drawable actors and relations."""

from __future__ import annotations

import math
from typing import Any

import neo4j

from graph.reads import subgraph

NON_FINITE = {"nan": "NaN", "inf": "Infinity", "-inf": "-Infinity"}


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
    if isinstance(value, float) and not math.isfinite(value):
        return NON_FINITE[str(value)]  # JSON has no NaN or Infinity: say so rather than null
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
