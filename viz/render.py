"""View model → HTML page: pyvis builds the vis-network data, our own autoescaping template renders.

pyvis's own template is never used: it loads CDN assets, does not autoescape, and turns every
tooltip into raw HTML as soon as one contains "href". Data reaches the page only as JSON inside
a non-executable script element, with every character that could end that element escaped; the
page's script builds tooltips and the side panel with `textContent`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup
from pyvis.network import Network

from viz.view import LEGEND, EdgeView, NodeView, ViewModel

TEMPLATES = Path(__file__).parent / "templates"
STATIC_URL = "/viz/static"
# No inline script and nothing from another origin: a slip in escaping still cannot run code.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
# Browser physics (small views only). Measured with bench/bench_viz.py on 200 nodes: the
# stabilization pass draws nothing and converges in ~550-1000 iterations; every tick after it
# pays a full canvas redraw (labels, curved edges), so capping the pass at 250 iterations left
# the rest to an animation that had not settled after 95 s on the loaded 2-core machine.
# Let the pass run to vis-network's default 1,000 iterations, call the view still a little
# earlier (minVelocity 0.75 instead of 0.1: invisible on screen), and give nodes room for their
# labels. The page script stops the simulation when the pass ends, so the view is settled then.
PHYSICS = {
    "solver": "barnesHut",
    "barnesHut": {"springLength": 140, "avoidOverlap": 0.2},
    "minVelocity": 0.75,
    "stabilization": {"enabled": True, "iterations": 1000, "updateInterval": 50, "fit": True},
}
LAYOUT_SEED = 7  # same data, same picture (vis-network's initial placement is random otherwise)
_JSON_ESCAPES = {
    ord("<"): "\\u003c",
    ord(">"): "\\u003e",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


@dataclass(frozen=True, slots=True)
class Link:
    label: str
    href: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Page:
    """Everything a page shows around the network: heading, form state, links and notes."""

    kind: str  # landing | actor | path | cypher
    heading: str
    json_url: str | None = None
    form: Mapping[str, Any] = field(default_factory=dict)
    links: Sequence[Link] = ()
    links_heading: str = ""
    message: str | None = None


def safe_json(data: Any) -> Markup:
    """JSON that can sit inside a <script> element: nothing in it can close or break the tag."""
    text = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return Markup(text.translate(_JSON_ESCAPES))  # noqa: S704 - escaped just above


def network_data(view: ViewModel) -> dict[str, Any]:
    """The nodes, edges and options vis-network takes, built with pyvis (never `from_nx`)."""
    net = Network(directed=True, cdn_resources="remote")
    for node in view.nodes:
        net.add_node(node.id, **_node_options(node, view.physics))
    for edge in view.edges:
        net.add_edge(edge.source, edge.target, **_edge_options(edge))
    net.toggle_physics(view.physics)
    # "dynamic" smoothing adds a physics body per edge (a 200-node view had not settled after
    # 20 s in the profile); "continuous" curves are drawn only and cost the physics nothing.
    net.set_edge_smooth("continuous")
    nodes, edges, _heading, _height, _width, options = net.get_network_data()
    return {"nodes": nodes, "edges": edges, "options": _options(json.loads(options), view)}


def _node_options(node: NodeView, physics: bool) -> dict[str, Any]:
    options: dict[str, Any] = {
        "label": node.name,
        "color": node.colour,
        "size": node.size,
        "borderWidth": 3 if node.focus else 1,
    }
    if not physics and node.x is not None:
        options.update(x=node.x, y=node.y, physics=False)
    return options


def _edge_options(edge: EdgeView) -> dict[str, Any]:
    count = len(edge.evidences)
    return {
        "id": edge.id,
        "label": edge.type if count == 1 else f"{edge.type} ×{count}",
        "width": edge.width,
        "arrows": "to" if edge.directed else "",
    }


def _options(options: dict[str, Any], view: ViewModel) -> dict[str, Any]:
    options["edges"] = {
        **options.get("edges", {}),
        "color": {"color": "#8a8f98", "highlight": "#222222"},
        "font": {"size": 10, "align": "middle", "strokeWidth": 3},
    }
    options["nodes"] = {"font": {"size": 14}, "shape": "dot"}
    options["interaction"] = {**options.get("interaction", {}), "hover": True, "tooltipDelay": 150}
    options["physics"].update(PHYSICS)
    options["layout"] = {"randomSeed": LAYOUT_SEED}
    if not view.physics:
        options["layout"]["improvedLayout"] = False
        options["interaction"].update(hideEdgesOnDrag=True, hideEdgesOnZoom=True)
    return options


def page_data(view: ViewModel | None) -> dict[str, Any]:
    """What the page script reads: vis-network's input and the view model for the side panel."""
    if view is None:
        return {"network": None, "view": None}
    return {"network": network_data(view), "view": view.to_dict()}


def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(default=True, default_for_string=True),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["static"] = STATIC_URL
    env.globals["default_legend"] = LEGEND
    return env


_ENV = _environment()


def render_index(sections: Sequence[Mapping[str, Any]]) -> str:
    """The start page at `/`: links to the views, the API docs and Neo4j Browser."""
    return _ENV.get_template("index.html").render(sections=sections)


def render_page(page: Page, view: ViewModel | None) -> str:
    """The whole HTML page for one view (or the landing page without a network)."""
    return _ENV.get_template("page.html").render(
        page=page, view=view, data=safe_json(page_data(view))
    )
