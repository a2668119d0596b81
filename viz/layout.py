"""Server-side positions for large views, so the browser can draw with physics off."""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Sequence

import networkx as nx

# A spring layout over every node is O(n²) per iteration (minutes at 2,000 nodes on 2 cores);
# lay out the best-connected core with it and hang the rest around their placed neighbours.
CORE_SIZE = 250
SEED = 7
SPACING = 45.0  # pixels per unit of the core layout, scaled by sqrt(n)


def positions(
    node_ids: Sequence[str], edges: Sequence[tuple[str, str]], seed: int = SEED
) -> dict[str, tuple[float, float]]:
    """Deterministic x, y for every node id (same input, same picture)."""
    g = nx.Graph()
    g.add_nodes_from(sorted(node_ids))
    g.add_edges_from(sorted(edges))
    core = sorted(g.nodes, key=lambda n: (-g.degree(n), n))[:CORE_SIZE]
    scale = SPACING * math.sqrt(max(len(g), 1))
    pos = {n: (float(x), float(y)) for n, (x, y) in _spring(g.subgraph(core), seed, scale).items()}
    _hang(g, pos, ring=scale / math.sqrt(len(core) or 1))
    _park(sorted(n for n in g if n not in pos), pos, radius=scale * 1.3)
    return {n: (round(x, 1), round(y, 1)) for n, (x, y) in pos.items()}


def _spring(core: nx.Graph, seed: int, scale: float) -> dict[str, Sequence[float]]:
    return nx.spring_layout(core, seed=seed, scale=scale, iterations=60)


def _hang(g: nx.Graph, pos: dict[str, tuple[float, float]], ring: float) -> None:
    """Breadth-first from the core: place each new node on a small ring round its parent."""
    queue = deque(sorted(pos))
    children: dict[str, int] = {}
    while queue:
        parent = queue.popleft()
        for child in sorted(g.neighbors(parent)):
            if child in pos:
                continue
            k = children[parent] = children.get(parent, 0) + 1
            pos[child] = _on_ring(pos[parent], k, ring)
            queue.append(child)


def _on_ring(centre: tuple[float, float], k: int, ring: float) -> tuple[float, float]:
    """The k-th slot of a spiral round centre: golden-angle steps keep neighbours apart."""
    angle = k * 2.399963
    radius = ring * (0.6 + 0.25 * math.sqrt(k))
    return centre[0] + radius * math.cos(angle), centre[1] + radius * math.sin(angle)


def _park(rest: Sequence[str], pos: dict[str, tuple[float, float]], radius: float) -> None:
    """Nodes unconnected to the core go on an outer circle."""
    for i, n in enumerate(rest):
        angle = 2 * math.pi * i / len(rest)
        pos[n] = (radius * math.cos(angle), radius * math.sin(angle))
