"""Subgraph dict (as `graph/reads.py` returns it) → a plain, frozen view model for the pages."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

from ingest.vocabulary import SYMMETRIC_TYPES
from viz.layout import positions

# Above this many nodes positions come from the server (seeded networkx) and physics is off.
# Moved down from 300 by bench/bench_viz.py (headless Chromium, 2 shared cores, load 6-12,
# medians of 5 alternating runs): with browser physics a 300-node page took 16.4 s to first
# draw and a 200-node page 9.6 s (the stabilization pass needs 770-1,000 iterations there),
# while 100 nodes converge in ~360 iterations, 2.3-2.7 s. Server layout draws 300 nodes in
# 0.6 s (+0.6 s layout on the server) and 2,000 nodes in 1.6 s. The issue suggested "a few
# hundred"; the measurements say only small views are worth the browser's physics.
LAYOUT_THRESHOLD = 100
# Hard cap on drawn actors; what is left out is named on the page with how to narrow the view.
MAX_NODES = 2000
MAX_EDGES = 6000

SYMMETRIC = frozenset(str(t) for t in SYMMETRIC_TYPES)
TYPE_COLOURS = {
    "PERSON": "#e4572e",
    "COUNTRY": "#4c78a8",
    "ORGANIZATION": "#54a24b",
    "PLACE": "#b279a2",
}
OTHER_COLOUR = "#9d9d9d"
LEGEND: tuple[tuple[str, str], ...] = (*TYPE_COLOURS.items(), ("OTHER", OTHER_COLOUR))
SIZE_BY = ("articles", "degree")
MIN_SIZE, MAX_SIZE = 10.0, 40.0


@dataclass(frozen=True, slots=True)
class Filters:
    """What the analyst asked to see: relation types, modalities, and a date range (inclusive)."""

    types: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None

    @property
    def active(self) -> bool:
        return bool(self.types or self.modalities or self.date_from or self.date_to)

    def keeps(self, edge: Mapping[str, Any]) -> bool:
        if self.types and edge.get("type") not in self.types:
            return False
        if self.modalities and edge.get("modality") not in self.modalities:
            return False
        return self._in_range(edge.get("date"))

    def _in_range(self, date: str | None) -> bool:
        if not (self.date_from or self.date_to):
            return True
        if not date:
            return False  # an undated edge cannot be said to fall in the range
        start, end = date_span(date)
        return (not self.date_from or end >= self.date_from) and (
            not self.date_to or start <= self.date_to
        )


def date_span(date: str) -> tuple[str, str]:
    """First and last day a `YYYY`, `YYYY-MM` or `YYYY-MM-DD` date covers, as comparable strings."""
    if len(date) == 4:
        return f"{date}-01-01", f"{date}-12-31"
    if len(date) == 7:
        return f"{date}-01", f"{date}-31"
    return date, date


@dataclass(frozen=True, slots=True)
class Evidence:
    edge_id: str
    date: str | None
    place: str | None
    modality: str
    attributed_to: str | None
    evidence: str
    article_id: str
    article_title: str | None
    confidence: float


@dataclass(frozen=True, slots=True)
class NodeView:
    id: str
    name: str
    type: str
    colour: str
    size: float
    articles: int
    degree: int
    focus: bool = False
    x: float | None = None
    y: float | None = None


@dataclass(frozen=True, slots=True)
class EdgeView:
    """All same-type facts between two actors, drawn as one edge whose width counts them."""

    id: str
    source: str
    target: str
    type: str
    directed: bool
    width: float
    evidences: tuple[Evidence, ...]


@dataclass(frozen=True, slots=True)
class ViewModel:
    title: str
    nodes: tuple[NodeView, ...]
    edges: tuple[EdgeView, ...]
    physics: bool
    truncated: bool = False
    omitted_nodes: int = 0
    omitted_edges: int = 0
    filtered_out: int = 0
    note: str | None = None
    legend: tuple[tuple[str, str], ...] = field(default=LEGEND)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def build_view(
    subgraph: Mapping[str, Any],
    *,
    title: str,
    focus: Iterable[str] = (),
    filters: Filters = Filters(),  # frozen, so sharing the default is safe
    size_by: str = "articles",
    max_nodes: int = MAX_NODES,
    max_edges: int = MAX_EDGES,
    layout_threshold: int = LAYOUT_THRESHOLD,
) -> ViewModel:
    """Filter, cap, group and style a subgraph; lay it out on the server when it is large."""
    focus_ids = frozenset(focus)
    nodes = {n["id"]: n for n in subgraph.get("nodes", ())}
    edges = [e for e in subgraph.get("edges", ()) if e["source"] in nodes and e["target"] in nodes]
    kept = [e for e in edges if filters.keeps(e)]
    if filters.active:
        nodes = _touched(nodes, kept, focus_ids)
    kept_ids, cut_nodes = _cap_nodes(nodes, kept, focus_ids, max_nodes)
    kept = [e for e in kept if e["source"] in kept_ids and e["target"] in kept_ids]
    grouped = group_edges(kept)
    cut_edges = max(0, len(grouped) - max_edges)
    grouped = grouped[:max_edges]
    node_views = _style_nodes([nodes[i] for i in sorted(kept_ids)], focus_ids, size_by)
    physics = len(node_views) <= layout_threshold
    if not physics:
        node_views = _place(node_views, grouped)
    omitted = int(subgraph.get("omitted_nodes") or 0) + cut_nodes
    truncated = bool(subgraph.get("truncated")) or cut_nodes > 0 or cut_edges > 0
    return ViewModel(
        title=title,
        nodes=tuple(node_views),
        edges=tuple(grouped),
        physics=physics,
        truncated=truncated,
        omitted_nodes=omitted,
        omitted_edges=cut_edges,
        filtered_out=len(edges) - len(kept) if filters.active else 0,
        note=truncation_note(len(node_views), omitted, cut_edges) if truncated else None,
    )


def _touched(
    nodes: dict[str, Mapping[str, Any]], edges: Sequence[Mapping[str, Any]], focus: frozenset[str]
) -> dict[str, Mapping[str, Any]]:
    """Nodes still connected once edges are filtered, plus the actors the view is about."""
    ends = {e["source"] for e in edges} | {e["target"] for e in edges} | focus
    return {i: n for i, n in nodes.items() if i in ends}


def _cap_nodes(
    nodes: Mapping[str, Mapping[str, Any]],
    edges: Sequence[Mapping[str, Any]],
    focus: frozenset[str],
    cap: int,
) -> tuple[set[str], int]:
    """Keep the focus actors and then the best-connected ones; return kept ids and the cut count."""
    if len(nodes) <= cap:
        return set(nodes), 0
    local: dict[str, int] = dict.fromkeys(nodes, 0)
    for e in edges:
        local[e["source"]] += 1
        local[e["target"]] += 1
    ranked = sorted(
        nodes, key=lambda i: (i not in focus, -local[i], -int(nodes[i].get("articles") or 0), i)
    )
    return set(ranked[:cap]), len(nodes) - cap


def group_edges(edges: Iterable[Mapping[str, Any]]) -> list[EdgeView]:
    """One drawn edge per (type, source, target); symmetric types ignore direction."""
    groups: dict[tuple[str, str, str], list[Mapping[str, Any]]] = {}
    for e in edges:
        groups.setdefault(_edge_key(e), []).append(e)
    return [_edge_view(key, groups[key]) for key in sorted(groups)]


def _edge_key(edge: Mapping[str, Any]) -> tuple[str, str, str]:
    a, b, kind = edge["source"], edge["target"], edge["type"]
    if kind in SYMMETRIC and b < a:
        a, b = b, a
    return kind, a, b


def _edge_view(key: tuple[str, str, str], members: list[Mapping[str, Any]]) -> EdgeView:
    kind, source, target = key
    evidences = sorted((_evidence(e) for e in members), key=lambda v: (v.date or "", v.edge_id))
    return EdgeView(
        id=f"{kind}|{source}|{target}",
        source=source,
        target=target,
        type=kind,
        directed=kind not in SYMMETRIC,
        width=min(1.0 + 1.5 * math.log2(len(evidences)) + 0.5 * (len(evidences) > 1), 10.0),
        evidences=tuple(evidences),
    )


def _evidence(edge: Mapping[str, Any]) -> Evidence:
    return Evidence(
        edge_id=str(edge.get("id") or ""),
        date=edge.get("date"),
        place=edge.get("place"),
        modality=str(edge.get("modality") or ""),
        attributed_to=edge.get("attributed_to"),
        evidence=str(edge.get("evidence") or ""),
        article_id=str(edge.get("article_id") or ""),
        article_title=edge.get("article_title"),
        confidence=float(edge.get("confidence") or 0.0),
    )


def _style_nodes(
    nodes: Sequence[Mapping[str, Any]], focus: frozenset[str], size_by: str
) -> list[NodeView]:
    metric = size_by if size_by in SIZE_BY else "articles"
    top = max((int(n.get(metric) or 0) for n in nodes), default=0) or 1
    return [_node_view(n, focus, int(n.get(metric) or 0) / top) for n in nodes]


def _node_view(node: Mapping[str, Any], focus: frozenset[str], share: float) -> NodeView:
    kind = str(node.get("type") or "")
    return NodeView(
        id=node["id"],
        name=str(node.get("name") or node["id"]),
        type=kind,
        colour=TYPE_COLOURS.get(kind, OTHER_COLOUR),
        size=round(MIN_SIZE + (MAX_SIZE - MIN_SIZE) * math.sqrt(share), 2),
        articles=int(node.get("articles") or 0),
        degree=int(node.get("degree") or 0),
        focus=node["id"] in focus,
    )


def _place(nodes: list[NodeView], edges: Sequence[EdgeView]) -> list[NodeView]:
    pos = positions([n.id for n in nodes], [(e.source, e.target) for e in edges])
    return [_moved(n, *pos[n.id]) for n in nodes]


def _moved(node: NodeView, x: float, y: float) -> NodeView:
    data = asdict(node)
    data.update(x=x, y=y)
    return NodeView(**data)


def truncation_note(shown: int, omitted_nodes: int, omitted_edges: int) -> str:
    """Plain-language account of what was left out and how to get a smaller view."""
    parts = [f"Showing {shown:,} actors"]
    if omitted_nodes:
        parts.append(f"{omitted_nodes:,} less-connected actors left out")
    if omitted_edges:
        parts.append(f"{omitted_edges:,} relations left out")
    advice = (
        "To see them, narrow the view: pick fewer relation types, a shorter date range, "
        "one modality, or depth 1."
    )
    return "; ".join(parts) + ". " + advice
