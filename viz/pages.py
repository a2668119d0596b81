"""The viz pages as service functions: read a subgraph, build the view model, render the page.

Each function takes the process's driver and the parsed request and returns the page with its
HTTP status; graph errors (unknown actor, refused query, database down) become a page that says
what went wrong, so an analyst never meets a bare JSON error in the browser.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import quote, urlencode

import neo4j

from graph import analytics, guard, reads
from graph.errors import GraphError, InvalidInput
from viz.render import Link, Page, page_data, render_index, render_page
from viz.view import SIZE_BY, Filters, ViewModel, build_view

API = "/api/v1"
TOP_ACTORS = 25
OVERVIEW_EDGE_ROWS = 50_000
EGO_MAX_NODES = 2000
EGO_MAX_EDGES = 6000


@dataclass(frozen=True, slots=True)
class Rendered:
    html: str
    status: int = 200


@dataclass(frozen=True, slots=True)
class ViewQuery:
    """The filter part of a page's query string, as the analyst sent it."""

    types: tuple[str, ...] = ()
    modalities: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    size_by: str = "articles"
    extra: dict[str, Any] = field(default_factory=dict)

    def read_args(self) -> dict[str, Any]:
        """Keyword filters for `graph.reads`, checked there against the closed vocabularies."""
        return {
            "types": list(self.types) or None,
            "modalities": list(self.modalities) or None,
            "date_from": _day(self.date_from, "date_from"),
            "date_to": _day(self.date_to, "date_to"),
        }

    def view_filters(self, default_modalities: bool = True) -> Filters:
        """The same filters for the view; a Cypher result keeps every modality unless asked."""
        chosen = self.modalities or (reads.DEFAULT_MODALITIES if default_modalities else ())
        return Filters(self.types, tuple(chosen), self.date_from or None, self.date_to or None)

    def params(self) -> list[tuple[str, str]]:
        """The query string that reproduces these filters (for the JSON link)."""
        pairs = [("type", t) for t in self.types] + [("modality", m) for m in self.modalities]
        pairs += [
            (k, v) for k, v in (("date_from", self.date_from), ("date_to", self.date_to)) if v
        ]
        return pairs

    def form(self, action: str, **values: Any) -> dict[str, Any]:
        return {
            "action": action,
            "all_types": reads.RELATION_TYPES,
            "all_modalities": reads.MODALITIES,
            "types": self.types or reads.RELATION_TYPES,
            "modalities": self.modalities or reads.DEFAULT_MODALITIES,
            "date_from": self.date_from,
            "date_to": self.date_to,
            "size": self.size_by if self.size_by in SIZE_BY else "articles",
            **values,
        }


def _day(text: str | None, name: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError as e:
        raise InvalidInput(f"{name} must be a date YYYY-MM-DD", {name: text}) from e


def _url(path: str, pairs: Sequence[tuple[str, Any]]) -> str:
    kept = [(k, str(v)) for k, v in pairs if v not in (None, "")]
    return path + ("?" + urlencode(kept) if kept else "")


def actor_url(ref: str) -> str:
    return "/viz/actor/" + quote(ref, safe="")


def _guarded(page: Page, build: Callable[[], tuple[Page, ViewModel | None]]) -> Rendered:
    """Render what `build` returns, or `page` carrying the error's message and status."""
    try:
        built, view = build()
    except GraphError as e:
        message = e.message + _suggestions(e.details.get("suggestions"))
        return Rendered(render_page(_with(page, message=message), None), e.status)
    return Rendered(render_page(built, view))


def _suggestions(found: Any) -> str:
    names = [s.get("name") for s in found or [] if isinstance(s, dict) and s.get("name")]
    return f". Did you mean: {', '.join(names)}?" if names else ""


def _with(page: Page, **changes: Any) -> Page:
    fields = {k: getattr(page, k) for k in Page.__dataclass_fields__}
    return Page(**(fields | changes))


# ---- landing -------------------------------------------------------------------------------


def landing_page(
    driver: neo4j.Driver, *, database: str, q: str | None, query: ViewQuery
) -> Rendered:
    """Actor search and the most connected actors, drawn with the relations among them."""
    base = Page("landing", "Diplomatic relations", form=query.form("/viz", q=q or ""))
    return _guarded(base, lambda: _landing(driver, database, q, query, base))


def _landing(
    driver: neo4j.Driver, database: str, q: str | None, query: ViewQuery, base: Page
) -> tuple[Page, ViewModel]:
    args = query.read_args()
    rows = reads.subgraph_edges(driver, database=database, limit=OVERVIEW_EDGE_ROWS, **args)
    top = analytics.centrality(analytics.build_graph(rows), "degree", limit=TOP_ACTORS)
    sub = _among(driver, database, [t["id"] for t in top], args)
    view = build_view(
        sub, title="Most connected actors", filters=query.view_filters(), size_by=query.size_by
    )
    links = [
        Link(t["name"] or t["id"], actor_url(t["id"]), f"{t['relations']} relations") for t in top
    ]
    heading, links_heading = "Most connected actors", "Most connected actors"
    if q:
        found = reads.search_actors(driver, q, database=database, limit=10)
        links = [Link(f["name"], actor_url(f["id"]), f["type"]) for f in found]
        heading = links_heading = f"Actors matching “{q}”" if found else f"No actor matches “{q}”"
    return _with(base, heading=heading, links=tuple(links), links_heading=links_heading), view


def _among(driver: neo4j.Driver, database: str, ids: list[str], args: dict) -> dict[str, Any]:
    params = {**reads.filters(**args), "ids": ids, "limit": EGO_MAX_EDGES}
    edges = reads.fetch(driver, reads.EDGES_AMONG, params, database=database)
    return reads.subgraph(reads.nodes_by_id(driver, ids, database=database), edges)


# ---- ego network, path, cypher -------------------------------------------------------------


def actor_page(
    driver: neo4j.Driver, *, database: str, name: str, depth: int, query: ViewQuery
) -> Rendered:
    """The actor's ego network at depth 1 or 2."""
    form = query.form(actor_url(name), depth=depth)
    json_url = _url(
        f"{API}/actors/{quote(name, safe='')}/network", [("depth", depth), *query.params()]
    )
    base = Page("actor", name, json_url, form)
    return _guarded(base, lambda: _actor(driver, database, name, depth, query, base))


def _actor(
    driver: neo4j.Driver, database: str, name: str, depth: int, query: ViewQuery, base: Page
) -> tuple[Page, ViewModel]:
    sub = reads.ego_network(
        driver,
        name,
        database=database,
        depth=depth,
        max_nodes=EGO_MAX_NODES,
        max_edges=EGO_MAX_EDGES,
        **query.read_args(),
    )
    centre = sub.get("centre")
    title = next((n["name"] for n in sub["nodes"] if n["id"] == centre), name)
    view = build_view(
        sub,
        title=title,
        focus=[centre] if centre else [],
        filters=query.view_filters(),
        size_by=query.size_by,
    )
    return _with(base, heading=f"{title} · depth {depth}"), view


def path_page(
    driver: neo4j.Driver, *, database: str, source: str, target: str, query: ViewQuery
) -> Rendered:
    """All shortest paths between two actors."""
    form = query.form("/viz/path", **{"from": source, "to": target})
    json_url = _url(f"{API}/paths", [("source", source), ("target", target), *query.params()])
    base = Page("path", "Shortest paths", json_url if source and target else None, form)
    if not (source and target):
        return Rendered(render_page(_with(base, message="Name two actors to find paths."), None))
    return _guarded(base, lambda: _path(driver, database, source, target, query, base))


def _path(
    driver: neo4j.Driver, database: str, source: str, target: str, query: ViewQuery, base: Page
) -> tuple[Page, ViewModel]:
    found = reads.shortest_paths(driver, source, target, database=database, **query.read_args())
    ends = [found["source"], found["target"]]
    view = build_view(
        found["graph"],
        title="Shortest paths",
        focus=ends,
        filters=query.view_filters(),
        size_by=query.size_by,
    )
    message = None if found["paths"] else "No path joins these actors with the chosen filters."
    heading = f"Paths: {source} → {target}"
    return _with(base, heading=heading, message=message), view


def cypher_page(*, q: str | None, query: ViewQuery) -> Rendered:
    """The Cypher form; the page's script posts the query as JSON and draws the answer.

    A GET never runs a query: an <img> or a link on another site could send one.
    """
    form = query.form("/viz/cypher", cypher=q or "")
    hint = "Write a read-only query returning actors, relationships or paths, then Apply."
    return Rendered(render_page(Page("cypher", "Cypher result", None, form, message=hint), None))


def cypher_view(result: guard.CypherResult, row_cap: int, query: ViewQuery) -> dict[str, Any]:
    """What the Cypher page draws for one answer: the page data and a message."""
    sub = dict(result.graph) | {"truncated": result.truncated}
    view = build_view(
        sub, title="Cypher result", filters=query.view_filters(False), size_by=query.size_by
    )
    message = None
    if result.truncated_by == "rows":
        message = f"Only the first {row_cap:,} rows were read; add LIMIT or WHERE."
    elif result.truncated_by == "bytes":
        message = "The answer passed the byte cap and was cut; return fewer or smaller values."
    if not sub.get("nodes"):
        message = f"{len(result.rows)} rows, but no actors or relations to draw."
    counts = f"{len(view.nodes)} actors · {len(view.edges)} drawn relations"
    return {**page_data(view), "message": message, "counts": counts, "note": view.note}


# ---- start page ----------------------------------------------------------------------------


def index_page(neo4j_browser: str | None) -> Rendered:
    """Where to go from `/`: the network views, the API and its docs, and Neo4j Browser."""
    views = [
        Link("Most connected actors, and actor search", "/viz"),
        Link("Shortest path between two actors", "/viz/path"),
        Link("Read-only Cypher drawn as a network", "/viz/cypher"),
    ]
    api = [
        Link("Interactive API docs (Swagger UI)", "/docs"),
        Link("API reference (ReDoc)", "/redoc"),
        Link("OpenAPI document", "/openapi.json"),
        Link("Counts of actors and relations", f"{API}/stats"),
    ]
    sections = [
        {"id": "views", "title": "Network views", "links": views},
        {"id": "api", "title": "HTTP API", "links": api},
    ]
    if neo4j_browser:
        link = Link("Neo4j Browser", neo4j_browser, "user neo4j, password in the data folder")
        sections.append({"id": "neo4j", "title": "Neo4j", "links": [link]})
    return Rendered(render_index(sections))
