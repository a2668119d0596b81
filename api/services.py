"""Service functions: one per route, between HTTP parsing and the graph and ingest packages."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from api import analyst
from api.deps import Runtime
from api.params import Filters, Paging, TypedFilters
from api.schemas import ArticleIn, CypherRequest
from graph import analytics, reads
from graph.errors import StoreUnavailable
from graph.store import GraphStore
from ingest.vocabulary import ALIGNING

EXPORT_MEDIA = {"graphml": "application/xml", "gexf": "application/xml", "json": "application/json"}


def _page(fetch: Callable[..., list[dict]], paging: Paging, **kwargs: Any) -> dict[str, Any]:
    """Fetch one row more than asked to tell whether another page follows."""
    rows = fetch(limit=paging.limit + 1, offset=paging.offset, **kwargs)
    return {
        "items": rows[: paging.limit],
        "limit": paging.limit,
        "offset": paging.offset,
        "has_more": len(rows) > paging.limit,
    }


def ready(rt: Runtime) -> dict[str, Any]:
    if not reads.ping(rt.driver, database=rt.database):
        raise StoreUnavailable("the graph database did not answer")
    return {"status": "ready", "neo4j": True}


def search_actors(rt: Runtime, q: str, limit: int) -> list[dict[str, Any]]:
    return reads.search_actors(rt.driver, q, database=rt.database, limit=limit)


def actor_profile(rt: Runtime, ref: str) -> dict[str, Any]:
    return reads.actor_profile(rt.driver, ref, database=rt.database)


def meetings(rt: Runtime, paging: Paging, filters: Filters, **refs: str | None) -> dict[str, Any]:
    return _page(
        reads.meetings,
        paging,
        driver=rt.driver,
        database=rt.database,
        **refs,
        **filters.as_kwargs(),
    )


def relations(
    rt: Runtime, paging: Paging, filters: TypedFilters, **refs: str | None
) -> dict[str, Any]:
    return _page(
        reads.relations,
        paging,
        driver=rt.driver,
        database=rt.database,
        **refs,
        **filters.as_kwargs(),
    )


def timeline(rt: Runtime, ref: str, paging: Paging, filters: TypedFilters) -> dict[str, Any]:
    found = reads.timeline(
        rt.driver,
        ref,
        database=rt.database,
        limit=paging.limit + 1,
        offset=paging.offset,
        **filters.as_kwargs(),
    )
    events = found["events"]
    return {
        "actor": found["actor"],
        "items": events[: paging.limit],
        "limit": paging.limit,
        "offset": paging.offset,
        "has_more": len(events) > paging.limit,
    }


def ego_network(
    rt: Runtime, ref: str, depth: int, max_nodes: int, filters: TypedFilters
) -> dict[str, Any]:
    return reads.ego_network(
        rt.driver,
        ref,
        database=rt.database,
        depth=depth,
        max_nodes=max_nodes,
        **filters.as_kwargs(),
    )


def shortest_paths(
    rt: Runtime, source: str, target: str, max_hops: int, limit: int, filters: TypedFilters
) -> dict[str, Any]:
    return reads.shortest_paths(
        rt.driver,
        source,
        target,
        database=rt.database,
        max_hops=max_hops,
        limit=limit,
        **filters.as_kwargs(),
    )


def articles(rt: Runtime, paging: Paging) -> dict[str, Any]:
    return _page(reads.articles, paging, driver=rt.driver, database=rt.database)


def article(rt: Runtime, article_id: str) -> dict[str, Any]:
    return reads.article(rt.driver, article_id, database=rt.database)


def stats(rt: Runtime) -> dict[str, Any]:
    return reads.stats(rt.driver, database=rt.database)


# ---- analytics ---------------------------------------------------------------------------


def _graph(rt: Runtime, filters: TypedFilters) -> Any:
    edges = reads.subgraph_edges(rt.driver, database=rt.database, **filters.as_kwargs())
    return analytics.build_graph(edges)


def centrality(rt: Runtime, measure: str, limit: int, filters: TypedFilters) -> dict[str, Any]:
    graph = _graph(rt, filters)
    return {
        "measure": measure,
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "items": analytics.centrality(graph, measure, limit),
    }


def blocs(rt: Runtime, filters: TypedFilters) -> dict[str, Any]:
    """Communities of the aligning relations (`ingest.vocabulary.ALIGNING`) unless `type`
    names others: over every type, adversaries who criticise each other often shared a bloc."""
    if not filters.type:
        filters = replace(filters, type=sorted(ALIGNING))
    graph = _graph(rt, filters)
    return {
        "nodes": graph.number_of_nodes(),
        "edges": graph.number_of_edges(),
        "blocs": analytics.blocs(graph),
    }


def export(rt: Runtime, fmt: str, filters: TypedFilters) -> tuple[str, str]:
    """The filtered graph as text, with its media type."""
    return analytics.export(_graph(rt, filters), fmt), EXPORT_MEDIA[fmt]


# ---- read-only Cypher --------------------------------------------------------------------


async def cypher(rt: Runtime, request: CypherRequest, client: str) -> dict[str, Any]:
    settings = rt.settings
    result = await analyst.run_cypher(rt, client, request.query, request.params)
    return {
        "columns": result.columns,
        "rows": result.rows,
        "truncated": result.truncated,
        "truncated_by": result.truncated_by,
        "row_cap": settings.cypher_row_cap,
        "byte_cap": settings.cypher_byte_cap,
        "elapsed_ms": result.elapsed_ms,
        "graph": result.graph,
    }


# ---- ingestion ---------------------------------------------------------------------------


async def ingest(rt: Runtime, posted: ArticleIn) -> dict[str, Any]:
    """Extract on the extraction thread (never a query worker), then write through the store."""
    loop = asyncio.get_running_loop()
    return await loop.run_in_executor(rt.extraction_pool, _extract_and_write, rt, posted)


def _extract_and_write(rt: Runtime, posted: ArticleIn) -> dict[str, Any]:
    from ingest.extract import extract_article
    from ingest.readers import article_from_fields

    art = article_from_fields(posted.model_dump(), source="<api>")
    extraction = extract_article(art, rt.nlp)
    report = GraphStore(rt.driver, rt.database).write([extraction])
    if report.failed:
        raise StoreUnavailable(
            "the article could not be written", {"reason": report.failed[art.id]}
        )
    status = (
        "replaced"
        if art.id in report.replaced
        else "unchanged"
        if art.id in report.unchanged
        else "written"
    )
    return {
        **extraction.to_dict(),
        "article": {**art.header()},
        "status": status,
        "dropped": report.dropped.get(art.id, []),
    }


def delete_article(rt: Runtime, article_id: str) -> dict[str, Any]:
    GraphStore(rt.driver, rt.database).delete_article(article_id)
    return {"id": article_id, "deleted": True}
