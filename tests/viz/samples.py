"""Hand-made subgraphs in the shape `graph/reads.py` returns, for the pure viz tests and the bench."""

from __future__ import annotations

import random
from typing import Any

XSS_NAME = "<script>alert(1)</script> href=\"x\" 'q' </script>"
XSS_IMG = "<img src=x onerror=alert(1)>"
TYPES = ("PERSON", "COUNTRY", "ORGANIZATION", "PLACE")
RELATIONS = ("MET", "VISITED", "PRAISED", "SUPPORTS", "CRITICIZED", "SUPPLIED")


def node(ident: str, name: str, kind: str = "PERSON", articles: int = 1, degree: int = 1) -> dict:
    return {"id": ident, "name": name, "type": kind, "articles": articles, "degree": degree}


def edge(ident: str, source: str, target: str, kind: str = "MET", **extra: Any) -> dict:
    base = {
        "id": ident,
        "source": source,
        "target": target,
        "type": kind,
        "date": "2024-06-19",
        "place": "Pyongyang",
        "modality": "asserted",
        "attributed_to": None,
        "evidence": f"{source} and {target} did {kind}.",
        "article_id": "a1",
        "article_title": "Putin in Pyongyang",
        "article_url": None,
        "confidence": 0.8,
    }
    return base | extra


def seedlike() -> dict[str, Any]:
    """Putin's small ego network: parallel MET edges, a directed VISITED, a hostile payload."""
    nodes = [
        node("person:vladimir putin", "Vladimir Putin", articles=3, degree=4),
        node("person:kim jong un", "Kim Jong Un", articles=2, degree=3),
        node("country:north korea", "North Korea", "COUNTRY", articles=3, degree=2),
        node("person:evil", XSS_NAME, articles=1, degree=1),
    ]
    edges = [
        edge("e1", "person:vladimir putin", "person:kim jong un", date="2024-06-19"),
        edge("e2", "person:kim jong un", "person:vladimir putin", date="2023-09-13"),
        edge("e3", "person:vladimir putin", "country:north korea", "VISITED", date="2024-06"),
        edge(
            "e4",
            "person:evil",
            "person:vladimir putin",
            "PRAISED",
            evidence=XSS_IMG + " said </script><script>alert(2)</script> \u2028 & 'x' \"y\"",
            article_title=XSS_NAME,
            modality="reported",
            date=None,
        ),
    ]
    return {"nodes": nodes, "edges": edges, "truncated": False, "omitted_nodes": 0}


def synthetic(n_nodes: int, n_edges: int, seed: int = 1) -> dict[str, Any]:
    """A random scale-free-ish subgraph of the given size, deterministic for a seed."""
    rnd = random.Random(seed)
    nodes = [
        node(f"n{i:05d}", f"Actor {i}", TYPES[i % 4], articles=rnd.randint(1, 30))
        for i in range(n_nodes)
    ]
    edges = []
    for k in range(n_edges):
        i = k % n_nodes if k < n_nodes else rnd.randrange(n_nodes)
        j = rnd.randrange(max(1, i)) if i else rnd.randrange(1, n_nodes)
        edges.append(edge(f"r{k:06d}", nodes[i]["id"], nodes[j]["id"], RELATIONS[k % 6]))
    return {"nodes": nodes, "edges": edges, "truncated": False, "omitted_nodes": 0}
