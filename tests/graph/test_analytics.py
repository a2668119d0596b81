"""Analytics are pure functions: tested on hand-built relation rows, no database."""

from __future__ import annotations

import io
import json

import networkx as nx
import pytest

from graph import analytics


def edge(i: int, s: str, t: str, kind: str = "MET") -> dict:
    return {
        "id": f"r{i:03d}",
        "type": kind,
        "source": s,
        "source_name": s.upper(),
        "source_type": "COUNTRY",
        "target": t,
        "target_name": t.upper(),
        "target_type": "COUNTRY",
        "date": None if i % 2 else "2024-01-0" + str(i % 9 + 1),
        "modality": "asserted",
        "confidence": 0.5,
    }


# Two triangles joined by one bridge c–d: c and d are the brokers, {a,b,c} and {d,e,f} blocs.
EDGES = [
    edge(1, "a", "b"),
    edge(2, "b", "c"),
    edge(3, "c", "a"),
    edge(4, "c", "d"),
    edge(5, "d", "e"),
    edge(6, "e", "f"),
    edge(7, "f", "d"),
    edge(8, "a", "b", "PRAISED"),
]


def test_build_is_stable_whatever_the_input_order() -> None:
    g1, g2 = analytics.build_graph(EDGES), analytics.build_graph(reversed(EDGES))
    assert list(g1.nodes) == list(g2.nodes) == sorted(g1.nodes)
    assert list(g1.edges(keys=True)) == list(g2.edges(keys=True))
    assert g1.number_of_edges() == 8


def test_betweenness_ranks_the_bridge_first() -> None:
    ranked = analytics.centrality(analytics.build_graph(EDGES), "betweenness", limit=3)
    assert [r["id"] for r in ranked[:2]] == ["c", "d"]
    assert ranked[0]["score"] > ranked[2]["score"]


def test_degree_ranking_and_ties_by_id() -> None:
    ranked = analytics.centrality(analytics.build_graph(EDGES), "degree", limit=6)
    assert [r["id"] for r in ranked[:2]] == ["c", "d"]
    assert ranked[0]["relations"] == 3
    with pytest.raises(ValueError):
        analytics.centrality(analytics.build_graph(EDGES), "pagerank")


def test_blocs_are_the_two_triangles_every_time() -> None:
    runs = [analytics.blocs(analytics.build_graph(EDGES)) for _ in range(3)]
    assert runs[0] == runs[1] == runs[2]
    members = [{m["id"] for m in b["members"]} for b in runs[0]]
    assert members == [{"a", "b", "c"}, {"d", "e", "f"}]


def test_blocs_of_an_empty_graph() -> None:
    assert analytics.blocs(analytics.build_graph([])) == []


@pytest.mark.parametrize("fmt", analytics.EXPORT_FORMATS)
def test_exports_read_back(fmt: str) -> None:
    text = analytics.export(analytics.build_graph(EDGES), fmt)
    if fmt == "json":
        back = nx.node_link_graph(json.loads(text), edges="edges")
    elif fmt == "graphml":
        back = nx.read_graphml(io.BytesIO(text.encode()))
    else:
        back = nx.read_gexf(io.BytesIO(text.encode()))
    assert back.number_of_nodes() == 6 and back.number_of_edges() == 8
    assert analytics.export(analytics.build_graph(reversed(EDGES)), fmt) == text or fmt == "gexf"
