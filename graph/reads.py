"""Read side of the graph: named Cypher constants and functions that return plain dicts and lists.

Every relation a function returns carries its evidence sentence and its article. Functions
that take an actor accept its id, canonical name or an alias, and raise `NotFound` with close
matches when none fits. Modalities default to what was stated as fact (asserted, reported).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import neo4j
from neo4j.exceptions import DriverError, Neo4jError, ServiceUnavailable, SessionExpired

from graph.errors import InvalidInput, NotFound, ResourceLimit, StoreUnavailable
from graph.rows import normalize_name
from ingest.model import Modality, RelationType

RELATION_TYPES: tuple[str, ...] = tuple(t.value for t in RelationType)
MODALITIES: tuple[str, ...] = tuple(m.value for m in Modality)
DEFAULT_MODALITIES: tuple[str, ...] = (Modality.ASSERTED.value, Modality.REPORTED.value)
READ_TIMEOUT_S = 30.0
MAX_PATH_HOPS = 6

# ---- Cypher fragments (constants only: values always travel as $parameters) ----------------

_REL_FILTER = """
  type(r) IN $types AND r.modality IN $modalities
  AND ($date_from IS NULL OR r.date_end >= $date_from)
  AND ($date_to IS NULL OR r.date_start <= $date_to)
"""
_EDGE_RETURN = """
WITH r, startNode(r) AS s, endNode(r) AS t
OPTIONAL MATCH (art:Article {id: r.article_id})
RETURN r.id AS id, type(r) AS type, s.id AS source, s.name AS source_name,
       t.id AS target, t.name AS target_name, r.date AS date, r.place AS place,
       r.modality AS modality, r.attributed_to AS attributed_to, r.evidence AS evidence,
       r.article_id AS article_id, art.title AS article_title, art.url AS article_url,
       coalesce(r.confidence, 0.0) AS confidence, r.cameo AS cameo, r.plover AS plover
"""
_NEWEST_FIRST = "ORDER BY r.date_start IS NULL, r.date_start DESC, r.id\nSKIP $offset LIMIT $limit"
_OLDEST_FIRST = "ORDER BY r.date_start IS NULL, r.date_start, r.id\nSKIP $offset LIMIT $limit"
_ACTOR_REF = "(a.id = $actor OR a.name_lower = $actor_key)"

# Each branch seeks an index: the id and name_lower range indexes, and for aliases the
# full-text index (which covers them), confirmed exactly, instead of scanning every actor.
RESOLVE_ACTOR = """
CALL () {
  MATCH (a:Actor {id: $ref}) RETURN a
  UNION
  MATCH (a:Actor {name_lower: $key}) RETURN a
  UNION
  CALL db.index.fulltext.queryNodes('actor_names', $alias_phrase) YIELD node AS a
  WITH a WHERE any(alias IN coalesce(a.aliases, []) WHERE toLower(alias) = $key)
  RETURN a
}
RETURN a.id AS id, a.name AS name, a.type AS type
ORDER BY a.id = $ref DESC, a.name_lower = $key DESC, a.id
LIMIT 5
"""

SEARCH_ACTORS = """
CALL db.index.fulltext.queryNodes('actor_names', $lucene, {limit: $limit})
YIELD node, score
RETURN node.id AS id, node.name AS name, node.type AS type,
       coalesce(node.aliases, []) AS aliases, score
"""

ACTOR_PROFILE = """
MATCH (a:Actor {id: $id})
CALL (a) {
  MATCH (a)-[h:HOLDS_ROLE]->(o:Actor)
  WITH h, o ORDER BY h.title, o.name
  RETURN collect({title: h.title, of: o.name, of_id: o.id}) AS roles
}
CALL (a) {
  MATCH (a)-[r]-(:Actor) WHERE type(r) IN $types
  WITH type(r) AS type, count(DISTINCT r) AS n, min(r.date) AS first, max(r.date) AS last
  ORDER BY type
  RETURN collect({type: type, count: n}) AS counts, min(first) AS first_date,
         max(last) AS last_date
}
RETURN a.id AS id, a.name AS name, a.type AS type, coalesce(a.aliases, []) AS aliases,
       roles, counts, first_date, last_date, COUNT { (:Article)-[:MENTIONS]->(a) } AS articles
"""

MEETINGS_OF_ACTOR = (
    """
MATCH (a:Actor) WHERE """
    + _ACTOR_REF
    + """
MATCH (a)-[r:MET]-(b:Actor)
WHERE ($counterpart IS NULL OR b.id = $counterpart OR b.name_lower = $counterpart_key)
  AND ($place IS NULL OR toLower(r.place) CONTAINS $place) AND """
    + _REL_FILTER
    + "WITH DISTINCT r\n"
    + _NEWEST_FIRST
    + _EDGE_RETURN
)

MEETINGS_ALL = (
    """
MATCH (:Actor)-[r:MET]->(:Actor)
WHERE ($place IS NULL OR toLower(r.place) CONTAINS $place) AND """
    + _REL_FILTER
    + "WITH r\n"
    + _NEWEST_FIRST
    + _EDGE_RETURN
)

_RELATIONS_WHERE = (
    """
WHERE ($source IS NULL OR s.id = $source)
  AND ($target IS NULL OR t.id = $target)
  AND ($attributed_to IS NULL OR toLower(r.attributed_to) CONTAINS $attributed_to) AND """
    + _REL_FILTER
    + "WITH r\n"
    + _NEWEST_FIRST
    + _EDGE_RETURN
)
RELATIONS_FROM_SOURCE = "MATCH (s:Actor {id: $source})-[r]->(t:Actor)" + _RELATIONS_WHERE
RELATIONS_TO_TARGET = "MATCH (s:Actor)-[r]->(t:Actor {id: $target})" + _RELATIONS_WHERE
RELATIONS_ALL = "MATCH (s:Actor)-[r]->(t:Actor)" + _RELATIONS_WHERE

TIMELINE = (
    """
MATCH (a:Actor {id: $actor})-[r]-(:Actor)
WHERE """
    + _REL_FILTER
    + "WITH DISTINCT r\n"
    + _OLDEST_FIRST
    + _EDGE_RETURN
)

SHORTEST_PATHS = (
    """
MATCH (a:Actor {id: $source}), (b:Actor {id: $target})
MATCH p = allShortestPaths((a)-[rels*..6]-(b))
WHERE all(r IN rels WHERE """
    + _REL_FILTER
    + """)
WITH p LIMIT $limit
RETURN [n IN nodes(p) | n.id] AS nodes, [r IN relationships(p) | r.id] AS rels
"""
)

EDGES_BY_ID = (
    """
UNWIND $ids AS rid
MATCH ()-[r]->() WHERE r.id = rid AND type(r) IN $types
"""
    + _EDGE_RETURN
)

NEIGHBOURS = (
    """
UNWIND $ids AS aid
MATCH (a:Actor {id: aid})-[r]-(n:Actor)
WHERE """
    + _REL_FILTER
    + """
RETURN n.id AS id, count(DISTINCT r) AS weight
"""
)

EDGES_AMONG = (
    """
MATCH (s:Actor)-[r]->(t:Actor)
WHERE s.id IN $ids AND t.id IN $ids AND """
    + _REL_FILTER
    + """
WITH r ORDER BY r.id LIMIT $limit"""
    + _EDGE_RETURN
)

NODES_BY_ID = """
UNWIND $ids AS aid
MATCH (a:Actor {id: aid})
RETURN a.id AS id, a.name AS name, a.type AS type,
       COUNT { (:Article)-[:MENTIONS]->(a) } AS articles
"""

SUBGRAPH_EDGES = (
    """
MATCH (s:Actor)-[r]->(t:Actor)
WHERE """
    + _REL_FILTER
    + """
RETURN r.id AS id, type(r) AS type, s.id AS source, s.name AS source_name,
       s.type AS source_type, t.id AS target, t.name AS target_name, t.type AS target_type,
       r.date AS date, r.modality AS modality, coalesce(r.confidence, 0.0) AS confidence
ORDER BY r.id LIMIT $limit
"""
)

ARTICLES_LIST = """
MATCH (x:Article) WHERE x.writing IS NULL
RETURN x.id AS id, x.title AS title, x.url AS url, toString(x.published) AS published,
       toString(x.ingested_at) AS ingested_at
ORDER BY x.ingested_at DESC, x.id
SKIP $offset LIMIT $limit
"""

ARTICLE = """
MATCH (x:Article {id: $id})
CALL (x) {
  MATCH (x)-[m:MENTIONS]->(a:Actor)
  WITH m, a ORDER BY a.id
  RETURN collect({id: a.id, name: a.name, type: a.type, count: coalesce(m.count, 0)}) AS entities
}
CALL (x) {
  MATCH (x)-[:MENTIONS]->(p:Actor)-[h:HOLDS_ROLE]->(o:Actor) WHERE x.id IN h.article_ids
  WITH p, h, o ORDER BY p.name, h.title
  RETURN collect({person: p.name, person_id: p.id, title: h.title, of: o.name, of_id: o.id}) AS roles
}
RETURN x.id AS id, x.title AS title, x.url AS url, toString(x.published) AS published,
       toString(x.ingested_at) AS ingested_at, x.text AS text,
       coalesce(x.warnings, []) AS warnings, entities, roles
"""

ARTICLE_RELATIONS = (
    """
MATCH (:Article {id: $id})-[:MENTIONS]->(:Actor)-[r]->(:Actor)
WHERE r.article_id = $id
WITH DISTINCT r ORDER BY r.start, r.id"""
    + _EDGE_RETURN
)

# One round trip, not three: under load every trip waits for a Neo4j thread (with an analyst
# query holding one of two cores, three trips put /stats at 2.1-2.4x its idle latency).
STATS = """
CALL () { MATCH (x:Article) RETURN count(x) AS articles }
CALL () {
  MATCH (a:Actor) WITH a.type AS key, count(*) AS n ORDER BY key
  RETURN collect({key: key, n: n}) AS actors
}
CALL () {
  MATCH ()-[r]->() WHERE type(r) IN $types
  WITH type(r) AS type, r.modality AS modality, count(*) AS n ORDER BY type, modality
  RETURN collect({type: type, modality: modality, n: n}) AS relations
}
RETURN articles, actors, relations
"""
PING = "RETURN 1 AS ok"

# ---- running queries ---------------------------------------------------------------------


def unavailable(e: Exception) -> StoreUnavailable:
    return StoreUnavailable(
        "the graph database is unreachable; try again shortly",
        {"reason": type(e).__name__},
    )


def fetch(
    driver: neo4j.Driver, query: str, params: dict[str, Any], *, database: str
) -> list[dict[str, Any]]:
    """Run one read in a READ session; a dropped pooled connection is retried once."""
    for attempt in range(2):
        try:
            return _run(driver, query, params, database)
        except (ServiceUnavailable, SessionExpired) as e:
            if attempt:
                raise unavailable(e) from e
        except Neo4jError as e:
            if e.code and "OutOfMemoryError" in e.code:
                raise ResourceLimit(
                    "the answer needs more memory than one query may use: narrow the filters",
                    {"neo4j": e.code},
                ) from e
            if e.code and e.code.startswith("Neo.ClientError.Statement"):
                raise InvalidInput(
                    "the query parameters were not accepted", {"neo4j": e.code}
                ) from e
            raise unavailable(e) from e
        except DriverError as e:
            raise unavailable(e) from e
    raise AssertionError("unreachable")


def _run(driver: neo4j.Driver, query: str, params: dict[str, Any], database: str) -> list[dict]:
    with driver.session(
        database=database, default_access_mode=neo4j.READ_ACCESS, notifications_min_severity="OFF"
    ) as session:
        result = session.run(neo4j.Query(query, timeout=READ_TIMEOUT_S), params)
        # The queries here return values only (no nodes, relationships or paths), for which
        # zipping the keys with each record gives what record.data() does, ~15x cheaper.
        keys = result.keys()
        return [dict(zip(keys, record, strict=True)) for record in result]


def ping(driver: neo4j.Driver, *, database: str) -> bool:
    return fetch(driver, PING, {}, database=database) == [{"ok": 1}]


def filters(
    types: Sequence[str] | None = None,
    modalities: Sequence[str] | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
) -> dict[str, Any]:
    """The parameters shared by every relation query, validated against the closed vocabularies.

    A range whose start follows its end holds no date, so it simply matches nothing.
    """
    chosen_types = list(types or RELATION_TYPES)
    chosen_modalities = list(modalities or DEFAULT_MODALITIES)
    _check_vocabulary("type", chosen_types, RELATION_TYPES)
    _check_vocabulary("modality", chosen_modalities, MODALITIES)
    return {
        "types": chosen_types,
        "modalities": chosen_modalities,
        "date_from": date_from,
        "date_to": date_to,
    }


def _check_vocabulary(name: str, values: Iterable[str], allowed: Sequence[str]) -> None:
    unknown = sorted(set(values) - set(allowed))
    if unknown:
        raise InvalidInput(f"unknown {name}: {', '.join(unknown)}", {"allowed": list(allowed)})


# ---- actors --------------------------------------------------------------------------------

_LUCENE_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/&|])')


def lucene_query(text: str) -> str:
    """A fuzzy full-text query: each word as typed (boosted), as a prefix, and within 1–2 edits."""
    words = [_LUCENE_SPECIAL.sub(r"\\\1", w) for w in normalize_name(text).split()][:8]
    clauses = []
    for word in words:
        edits = 0 if len(word) <= 3 else 1 if len(word) <= 6 else 2
        fuzzy = f" OR {word}~{edits}" if edits else ""
        clauses.append(f"({word}^4 OR {word}*^2{fuzzy})")
    return " AND ".join(clauses)


def search_actors(
    driver: neo4j.Driver, text: str, *, database: str, limit: int = 10
) -> list[dict[str, Any]]:
    """Actors whose name or an alias matches `text`, exact matches first, then by score."""
    lucene = lucene_query(text)
    if not lucene:
        return []
    rows = fetch(driver, SEARCH_ACTORS, {"lucene": lucene, "limit": limit * 3}, database=database)
    key = normalize_name(text)
    rows.sort(key=lambda r: (not _names_match(r, key), -r["score"], r["id"]))
    return rows[:limit]


def _names_match(row: dict[str, Any], key: str) -> bool:
    return key in {normalize_name(n) for n in [row["name"], *row["aliases"]]}


def resolve_actor(driver: neo4j.Driver, ref: str, *, database: str) -> dict[str, Any]:
    """The one actor `ref` names (id, name or alias), or NotFound with close matches."""
    key = normalize_name(ref)
    phrase = key.replace("\\", "\\\\").replace('"', '\\"')
    params = {"ref": ref, "key": key, "alias_phrase": f'aliases:"{phrase}"'}
    rows = fetch(driver, RESOLVE_ACTOR, params, database=database)
    if rows:
        return rows[0]
    raise NotFound(
        f"no actor named {ref!r}",
        {"actor": ref, "suggestions": suggestions(driver, ref, database=database)},
    )


def suggestions(driver: neo4j.Driver, ref: str, *, database: str) -> list[dict[str, str]]:
    text = ref.split(":", 1)[1] if re.match(r"^(person|country|organization|place):", ref) else ref
    found = search_actors(driver, text, database=database, limit=5)
    return [{"id": r["id"], "name": r["name"], "type": r["type"]} for r in found]


def actor_profile(driver: neo4j.Driver, ref: str, *, database: str) -> dict[str, Any]:
    actor = resolve_actor(driver, ref, database=database)
    params = {"id": actor["id"], "types": list(RELATION_TYPES)}
    return fetch(driver, ACTOR_PROFILE, params, database=database)[0]


# ---- relations -----------------------------------------------------------------------------


def meetings(
    driver: neo4j.Driver,
    *,
    database: str,
    actor: str | None = None,
    counterpart: str | None = None,
    place: str | None = None,
    limit: int = 50,
    offset: int = 0,
    **filter_args: Any,
) -> list[dict[str, Any]]:
    """Who met whom: MET edges in either direction, newest first."""
    actor, counterpart = (actor, counterpart) if actor else (counterpart, None)
    params = {
        **filters(types=[RelationType.MET.value], **filter_args),
        "place": place.lower() if place else None,
        "limit": limit,
        "offset": offset,
    }
    if actor is None:
        return fetch(driver, MEETINGS_ALL, params, database=database)
    params |= _refs(actor=actor, counterpart=counterpart)
    rows = fetch(driver, MEETINGS_OF_ACTOR, params, database=database)
    if rows:
        return rows
    # Nothing by id or name: the references may be aliases, or name nobody (404).
    params |= _resolved(driver, database, actor=actor, counterpart=counterpart)
    return fetch(driver, MEETINGS_OF_ACTOR, params, database=database)


def _refs(**refs: str | None) -> dict[str, Any]:
    params: dict[str, Any] = {}
    for name, ref in refs.items():
        params[name] = ref
        params[f"{name}_key"] = normalize_name(ref) if ref else None
    return params


def _resolved(driver: neo4j.Driver, database: str, **refs: str | None) -> dict[str, Any]:
    ids = {
        name: resolve_actor(driver, ref, database=database)["id"] if ref else None
        for name, ref in refs.items()
    }
    return _refs(**ids)


def relations(
    driver: neo4j.Driver,
    *,
    database: str,
    source: str | None = None,
    target: str | None = None,
    attributed_to: str | None = None,
    limit: int = 50,
    offset: int = 0,
    **filter_args: Any,
) -> list[dict[str, Any]]:
    """Relations as stored (source → target), newest first."""
    ids = _resolved(driver, database, source=source, target=target)
    params = {
        **filters(**filter_args),
        "source": ids["source"],
        "target": ids["target"],
        "attributed_to": attributed_to.lower() if attributed_to else None,
        "limit": limit,
        "offset": offset,
    }
    query = RELATIONS_FROM_SOURCE if source else RELATIONS_TO_TARGET if target else RELATIONS_ALL
    return fetch(driver, query, params, database=database)


def timeline(
    driver: neo4j.Driver,
    ref: str,
    *,
    database: str,
    limit: int = 50,
    offset: int = 0,
    **filter_args: Any,
) -> dict[str, Any]:
    """An actor's relations in either direction, oldest first."""
    actor = resolve_actor(driver, ref, database=database)
    params = {**filters(**filter_args), "actor": actor["id"], "limit": limit, "offset": offset}
    return {"actor": actor, "events": fetch(driver, TIMELINE, params, database=database)}


def edges_by_id(
    driver: neo4j.Driver, ids: Sequence[str], *, database: str
) -> dict[str, dict[str, Any]]:
    params = {"ids": list(ids), "types": list(RELATION_TYPES)}
    return {row["id"]: row for row in fetch(driver, EDGES_BY_ID, params, database=database)}


def nodes_by_id(driver: neo4j.Driver, ids: Sequence[str], *, database: str) -> list[dict]:
    rows = fetch(driver, NODES_BY_ID, {"ids": list(ids)}, database=database)
    return sorted(rows, key=lambda r: r["id"])


def subgraph_edges(
    driver: neo4j.Driver, *, database: str, limit: int = 200_000, **filter_args: Any
) -> list[dict[str, Any]]:
    """Every relation that passes the filters, ordered by id: the input of the analytics."""
    params = {**filters(**filter_args), "limit": limit}
    return fetch(driver, SUBGRAPH_EDGES, params, database=database)


# ---- subgraphs: ego networks and paths ------------------------------------------------------


def ego_network(
    driver: neo4j.Driver,
    ref: str,
    *,
    database: str,
    depth: int = 1,
    max_nodes: int = 150,
    max_edges: int = 1000,
    **filter_args: Any,
) -> dict[str, Any]:
    """The actor, its neighbours up to `depth` (1–2), the strongest first, and the edges among them."""
    if depth not in (1, 2):
        raise InvalidInput("depth must be 1 or 2", {"depth": depth})
    centre = resolve_actor(driver, ref, database=database)["id"]
    params = filters(**filter_args)
    rings = _rings(driver, database, centre, depth, params)
    kept = [centre]
    for ring in rings:
        kept.extend(ring[: max(0, max_nodes - len(kept))])
    omitted = sum(len(ring) for ring in rings) + 1 - len(kept)
    edge_params = {**params, "ids": kept, "limit": max_edges + 1}
    edges = fetch(driver, EDGES_AMONG, edge_params, database=database)
    graph = subgraph(nodes_by_id(driver, kept, database=database), edges[:max_edges])
    graph.update(truncated=omitted > 0 or len(edges) > max_edges, omitted_nodes=omitted)
    graph["centre"] = centre
    return graph


def _rings(
    driver: neo4j.Driver, database: str, centre: str, depth: int, params: dict[str, Any]
) -> list[list[str]]:
    """Neighbours by distance, each ring ordered by edge count to the ring inside it, then id."""
    seen, frontier, rings = {centre}, [centre], []
    for _ in range(depth):
        rows = fetch(driver, NEIGHBOURS, {**params, "ids": frontier}, database=database)
        weights: dict[str, int] = {}
        for row in rows:
            if row["id"] not in seen:
                weights[row["id"]] = weights.get(row["id"], 0) + row["weight"]
        ring = sorted(weights, key=lambda i: (-weights[i], i))
        seen.update(ring)
        rings.append(ring)
        frontier = ring
    return rings


def shortest_paths(
    driver: neo4j.Driver,
    source: str,
    target: str,
    *,
    database: str,
    max_hops: int = 4,
    limit: int = 10,
    **filter_args: Any,
) -> dict[str, Any]:
    """All shortest paths (up to `limit`) between two actors, each hop with its evidence."""
    if not 1 <= max_hops <= MAX_PATH_HOPS:
        raise InvalidInput(f"max_hops must be 1..{MAX_PATH_HOPS}", {"max_hops": max_hops})
    ids = _resolved(driver, database, source=source, target=target)
    if ids["source"] == ids["target"]:
        raise InvalidInput("source and target are the same actor", {"actor": ids["source"]})
    params = {**filters(**filter_args), "source": ids["source"], "target": ids["target"]}
    rows = fetch(driver, SHORTEST_PATHS, {**params, "limit": limit}, database=database)
    rows = [row for row in rows if len(row["rels"]) <= max_hops]
    edges = edges_by_id(driver, sorted({r for row in rows for r in row["rels"]}), database=database)
    paths = [
        {"nodes": row["nodes"], "hops": [edges[r] for r in row["rels"] if r in edges]}
        for row in rows
    ]
    node_ids = sorted({n for row in rows for n in row["nodes"]})
    graph = subgraph(nodes_by_id(driver, node_ids, database=database), list(edges.values()))
    return {"source": ids["source"], "target": ids["target"], "paths": paths, "graph": graph}


EDGE_KEYS = [
    "id",
    "type",
    "source",
    "target",
    "date",
    "place",
    "modality",
    "attributed_to",
    "evidence",
    "article_id",
    "article_title",
    "article_url",
    "confidence",
]


def subgraph(nodes: list[dict[str, Any]], edges: list[dict[str, Any]]) -> dict[str, Any]:
    """The shape API and viz share: nodes with their degree here, edges with their evidence."""
    kept = {n["id"] for n in nodes}
    edges = sorted((e for e in edges if e["source"] in kept and e["target"] in kept), key=_edge_key)
    degree = dict.fromkeys(kept, 0)
    for edge in edges:
        degree[edge["source"]] += 1
        degree[edge["target"]] += 1
    return {
        "nodes": [
            {
                **{k: n.get(k) for k in ("id", "name", "type")},
                "articles": n.get("articles", 0),
                "degree": degree[n["id"]],
            }
            for n in sorted(nodes, key=lambda n: n["id"])
        ],
        "edges": [{k: e.get(k) for k in EDGE_KEYS} for e in edges],
        "truncated": False,
        "omitted_nodes": 0,
    }


def _edge_key(edge: dict[str, Any]) -> tuple[str, str]:
    return (str(edge.get("id")), str(edge.get("source")))


# ---- articles and stats --------------------------------------------------------------------


def articles(
    driver: neo4j.Driver, *, database: str, limit: int = 50, offset: int = 0
) -> list[dict[str, Any]]:
    return fetch(driver, ARTICLES_LIST, {"limit": limit, "offset": offset}, database=database)


def article(driver: neo4j.Driver, article_id: str, *, database: str) -> dict[str, Any]:
    """One article with what was extracted from it: entities, roles and relations."""
    rows = fetch(driver, ARTICLE, {"id": article_id}, database=database)
    if not rows:
        raise NotFound(f"no article with id {article_id!r}", {"article_id": article_id})
    found = rows[0]
    found["relations"] = fetch(driver, ARTICLE_RELATIONS, {"id": article_id}, database=database)
    return found


def stats(driver: neo4j.Driver, *, database: str) -> dict[str, Any]:
    (found,) = fetch(driver, STATS, {"types": list(RELATION_TYPES)}, database=database)
    actors, rels = found["actors"], found["relations"]
    by_type: dict[str, int] = {}
    by_modality: dict[str, int] = {}
    for row in rels:
        by_type[row["type"]] = by_type.get(row["type"], 0) + row["n"]
        key = row["modality"] or "unknown"
        by_modality[key] = by_modality.get(key, 0) + row["n"]
    return {
        "articles": found["articles"],
        "actors": sum(r["n"] for r in actors),
        "actors_by_type": {r["key"] or "unknown": r["n"] for r in actors},
        "relations": sum(by_type.values()),
        "relations_by_type": by_type,
        "relations_by_modality": by_modality,
    }
