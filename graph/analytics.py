"""Network analytics Neo4j Community lacks: pure networkx functions over filtered relation rows.

Input is what `graph.reads.subgraph_edges` returns; nodes and edges are added in sorted order
so rankings, blocs and exports are the same on every run.
"""

from __future__ import annotations

import io
import json
from collections.abc import Iterable
from typing import Any

import networkx as nx

BLOC_SEED = 7
MEASURES = ("degree", "betweenness")
EXPORT_FORMATS = ("graphml", "gexf", "json")


def build_graph(edges: Iterable[dict[str, Any]]) -> nx.MultiDiGraph:
    """A directed multigraph: one node per actor, one edge per relation, keyed by relation id."""
    graph = nx.MultiDiGraph()
    rows = sorted(edges, key=lambda e: str(e["id"]))
    nodes: dict[str, dict[str, Any]] = {}
    for e in rows:
        nodes.setdefault(e["source"], {"name": e["source_name"], "type": e["source_type"]})
        nodes.setdefault(e["target"], {"name": e["target_name"], "type": e["target_type"]})
    for node_id in sorted(nodes):
        graph.add_node(node_id, **nodes[node_id])
    for e in rows:
        graph.add_edge(e["source"], e["target"], key=e["id"], **_edge_attrs(e))
    return graph


def _edge_attrs(edge: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": edge["type"],
        "date": edge.get("date"),
        "modality": edge.get("modality"),
        "confidence": float(edge.get("confidence") or 0.0),
    }


def weighted(graph: nx.MultiDiGraph) -> nx.Graph:
    """Undirected simple graph whose edge weight counts the relations between two actors."""
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    for u, v in graph.edges():
        if u == v:
            continue
        a, b = sorted((u, v))
        weight = simple[a][b]["weight"] + 1 if simple.has_edge(a, b) else 1
        simple.add_edge(a, b, weight=weight)
    return simple


def centrality(graph: nx.MultiDiGraph, measure: str = "degree", limit: int = 20) -> list[dict]:
    """Actors ranked by degree or betweenness centrality, ties broken by id."""
    simple = weighted(graph)
    if measure == "degree":
        scores = nx.degree_centrality(simple) if len(simple) > 1 else dict.fromkeys(simple, 0.0)
    elif measure == "betweenness":
        k = min(len(simple), 500) if len(simple) > 2000 else None
        scores = nx.betweenness_centrality(simple, k=k, seed=BLOC_SEED, normalized=True)
    else:
        raise ValueError(f"unknown measure {measure!r}")
    ranked = sorted(scores, key=lambda n: (-scores[n], n))[:limit]
    return [
        {
            "id": n,
            "name": simple.nodes[n].get("name"),
            "type": simple.nodes[n].get("type"),
            "score": round(scores[n], 6),
            "relations": graph.degree(n),
        }
        for n in ranked
    ]


def blocs(graph: nx.MultiDiGraph, resolution: float = 1.0) -> list[dict[str, Any]]:
    """Communities by Louvain modularity with a fixed seed, largest first."""
    simple = weighted(graph)
    if simple.number_of_edges() == 0:
        groups = [{n} for n in simple]
    else:
        groups = nx.community.louvain_communities(
            simple, weight="weight", resolution=resolution, seed=BLOC_SEED
        )
    ordered = sorted((sorted(g) for g in groups), key=lambda g: (-len(g), g[0]))
    return [
        {
            "bloc": i,
            "size": len(members),
            "members": [
                {"id": n, "name": simple.nodes[n].get("name"), "type": simple.nodes[n].get("type")}
                for n in members
            ],
        }
        for i, members in enumerate(ordered)
    ]


def _exportable(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy without None attributes, which GraphML and GEXF cannot hold."""
    copy = nx.MultiDiGraph()
    for n, data in graph.nodes(data=True):
        copy.add_node(n, **{k: v for k, v in data.items() if v is not None})
    for u, v, key, data in graph.edges(keys=True, data=True):
        copy.add_edge(u, v, key=key, **{k: val for k, val in data.items() if val is not None})
    return copy


def export(graph: nx.MultiDiGraph, fmt: str) -> str:
    """The graph as GraphML, GEXF or node-link JSON text."""
    if fmt == "json":
        data = nx.node_link_data(graph, edges="edges")
        return json.dumps(data, ensure_ascii=False, sort_keys=True)
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(_exportable(graph), buffer, encoding="utf-8")
    elif fmt == "gexf":
        nx.write_gexf(_exportable(graph), buffer, encoding="utf-8")
    else:
        raise ValueError(f"unknown export format {fmt!r}")
    return buffer.getvalue().decode("utf-8")
