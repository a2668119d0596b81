"""Every write-side and schema Cypher text of the graph store, as named constants.

Labels and relationship types cannot be parameters in MERGE on Neo4j 5.26, so the per-type
queries are generated from the closed enums (an allow-list) — never from user text.
"""

from __future__ import annotations

from graph.rows import DATE_PROPERTIES, RELATION_PROPERTIES
from ingest.model import ActorType, RelationType

RELATION_TYPES: tuple[str, ...] = tuple(t.value for t in RelationType)
ACTOR_LABELS: dict[ActorType, str] = {
    ActorType.PERSON: "Person",
    ActorType.COUNTRY: "Country",
    ActorType.ORGANIZATION: "Organization",
    ActorType.PLACE: "Place",
}


def _per_relation_type(template: str) -> dict[RelationType, str]:
    return {t: template.replace("{TYPE}", t.value) for t in RelationType}


# ---- schema ------------------------------------------------------------------------------

SCHEMA_STATEMENTS: tuple[str, ...] = (
    "CREATE CONSTRAINT actor_id IF NOT EXISTS FOR (a:Actor) REQUIRE a.id IS UNIQUE",
    "CREATE CONSTRAINT article_id IF NOT EXISTS FOR (a:Article) REQUIRE a.id IS UNIQUE",
    "CREATE INDEX actor_name IF NOT EXISTS FOR (a:Actor) ON (a.name)",
    "CREATE INDEX actor_name_lower IF NOT EXISTS FOR (a:Actor) ON (a.name_lower)",
    "CREATE INDEX actor_type IF NOT EXISTS FOR (a:Actor) ON (a.type)",
    *(
        f"CREATE INDEX {label.lower()}_name IF NOT EXISTS FOR (a:{label}) ON (a.name)"
        for label in ACTOR_LABELS.values()
    ),
    "CREATE FULLTEXT INDEX actor_names IF NOT EXISTS FOR (a:Actor) ON EACH [a.name, a.aliases]",
    "CREATE INDEX article_url IF NOT EXISTS FOR (a:Article) ON (a.url)",
    "CREATE INDEX article_content_hash IF NOT EXISTS FOR (a:Article) ON (a.content_hash)",
    "CREATE INDEX article_published IF NOT EXISTS FOR (a:Article) ON (a.published)",
    *(
        stmt
        for t in RELATION_TYPES
        for stmt in (
            f"CREATE CONSTRAINT rel_{t.lower()}_id IF NOT EXISTS "
            f"FOR ()-[r:{t}]-() REQUIRE r.id IS UNIQUE",
            f"CREATE INDEX rel_{t.lower()}_article IF NOT EXISTS "
            f"FOR ()-[r:{t}]-() ON (r.article_id)",
            f"CREATE INDEX rel_{t.lower()}_date_start IF NOT EXISTS "
            f"FOR ()-[r:{t}]-() ON (r.date_start)",
        )
    ),
)
AWAIT_INDEXES = "CALL db.awaitIndexes($timeout)"

# ---- reading what is stored --------------------------------------------------------------

STORED_ARTICLES = """
UNWIND $ids AS id
MATCH (a:Article {id: id})
RETURN a.id AS id, a.fingerprint AS fingerprint
"""

ARTICLES_BY_URL = """
UNWIND $urls AS url
MATCH (a:Article {url: url})
RETURN a.id AS id, a.url AS url
"""

# ---- an article's contribution: removal ------------------------------------------------

# Deleting: lock the articles first so a concurrent writer of the same article waits.
LOCK_ARTICLES = """
UNWIND $ids AS id
MATCH (a:Article {id: id})
SET a.deleting = true
"""

DELETE_MENTIONS = """
UNWIND $ids AS id
MATCH (:Article {id: id})-[m:MENTIONS]->(x:Actor)
DELETE m
RETURN collect(DISTINCT x.id) AS touched
"""

# Roles and locations are shared between articles: drop the article from the list, then
# the edge once no article supports it. Every role holder is mentioned, so `touched` finds them.
DETACH_ROLES = """
UNWIND $touched AS aid
MATCH (x:Actor {id: aid})-[h:HOLDS_ROLE|LOCATED_IN]->()
WHERE any(id IN h.article_ids WHERE id IN $ids)
SET h.article_ids = [id IN h.article_ids WHERE NOT id IN $ids]
WITH h WHERE size(h.article_ids) = 0
DELETE h
"""

DELETE_RELATIONS: dict[RelationType, str] = _per_relation_type(
    """
UNWIND $ids AS id
MATCH ()-[r:{TYPE} {article_id: id}]->()
DELETE r
"""
)

DELETE_ARTICLES = """
UNWIND $ids AS id
MATCH (a:Article {id: id})
DETACH DELETE a
"""

# Lock each candidate (SET, then REMOVE: no net change) before looking at its mentions, so a
# writer that is adding a mention right now is waited for instead of losing its new edge.
DELETE_ORPHAN_ACTORS = """
UNWIND $touched AS aid
MATCH (x:Actor {id: aid})
SET x.gc = true
REMOVE x.gc
WITH x WHERE NOT EXISTS { (x)<-[:MENTIONS]-(:Article) }
DETACH DELETE x
"""

# Aliases are derived from mentions (each article's surface forms), so they shrink again
# when an article goes. Locked first, so the mentions read are the committed ones.
REFRESH_ALIASES = """
UNWIND $touched AS aid
MATCH (x:Actor {id: aid})
SET x.gc = true
REMOVE x.gc
WITH x, COLLECT {
  MATCH (x)<-[m:MENTIONS]-(:Article)
  UNWIND m.aliases AS alias
  WITH DISTINCT alias WHERE alias <> x.name
  RETURN alias ORDER BY alias
} AS aliases
WHERE x.aliases <> aliases
SET x.aliases = aliases
"""

# The write path only ever adds aliases: one row per actor, new ones united in, sorted.
ADD_ALIASES = """
UNWIND $rows AS row
MATCH (x:Actor {id: row.id})
WHERE any(alias IN row.aliases WHERE alias <> x.name AND NOT alias IN x.aliases)
SET x.gc = true
REMOVE x.gc
WITH x, [alias IN row.aliases WHERE alias <> x.name AND NOT alias IN x.aliases] AS new
WHERE size(new) > 0
SET x.aliases = COLLECT {
  UNWIND x.aliases + new AS alias WITH DISTINCT alias RETURN alias ORDER BY alias
}
"""

# ---- an article's contribution: writing ------------------------------------------------

MERGE_ACTORS: dict[ActorType, str] = {
    t: f"""
UNWIND $rows AS row
MERGE (x:Actor {{id: row.id}})
ON CREATE SET x:{label}, x.name = row.name, x.name_lower = row.name_lower,
              x.type = '{t.value}', x.aliases = []
"""
    for t, label in ACTOR_LABELS.items()
}

MERGE_ROLES = """
UNWIND $rows AS row
MATCH (p:Actor {id: row.person})
MATCH (o:Actor {id: row.of})
MERGE (p)-[h:HOLDS_ROLE {title: row.title}]->(o)
SET h.article_ids = COLLECT {
  UNWIND coalesce(h.article_ids, []) + row.article_ids AS id
  WITH DISTINCT id RETURN id ORDER BY id
}
"""

MERGE_LOCATED_IN = """
UNWIND $rows AS row
MATCH (p:Actor {id: row.place})
MATCH (c:Actor {id: row.country})
MERGE (p)-[h:LOCATED_IN]->(c)
SET h.article_ids = COLLECT {
  UNWIND coalesce(h.article_ids, []) + row.article_ids AS id
  WITH DISTINCT id RETURN id ORDER BY id
}
"""

# An article's own edges are created, not merged: its old ones were deleted above in the same
# transaction, and the article lock keeps any other writer of it waiting.
CREATE_MENTIONS = """
UNWIND $rows AS row
MATCH (a:Article {id: row.article_id})
MATCH (x:Actor {id: row.actor_id})
CREATE (a)-[:MENTIONS {count: row.count, aliases: row.aliases}]->(x)
"""


def _relation_map() -> str:
    """The property map a relationship is created with, read from its row (dates parsed)."""
    parts = (
        f"`{k}`: date(row.`{k}`)" if k in DATE_PROPERTIES else f"`{k}`: row.`{k}`"
        for k in RELATION_PROPERTIES
    )
    return "{" + ", ".join(parts) + "}"


RELATION_MAP = _relation_map()

# One statement for every relation type (a dynamic type, Neo4j 5.26): a batch's relations
# go in one UNWIND instead of one small query per type. The properties are given in CREATE
# (null ones are left out) rather than `SET r = row.props`: a map of unknown keys made the
# planner add an Eager that buffered every row. `row.type` is always a RelationType value set
# by graph.rows, never user text.
CREATE_RELATIONS = f"""
UNWIND $rows AS row
MATCH (s:Actor {{id: row.source}})
MATCH (t:Actor {{id: row.target}})
CREATE (s)-[:$(row.type) {RELATION_MAP}]->(t)
"""

# Writing: lock (creating if new) the articles first, and read their fingerprint under the
# lock, so two writers of one article take turns and the second sees what the first stored.
LOCK_ARTICLES_FOR_WRITE = """
UNWIND $ids AS id
MERGE (a:Article {id: id})
SET a.writing = true
WITH a, id
RETURN id, a.fingerprint AS fingerprint
"""

UNLOCK_ARTICLES = """
UNWIND $ids AS id
MATCH (a:Article {id: id})
REMOVE a.writing
"""

# The stored fingerprint then stands for the whole contribution, written in the same transaction.
SET_ARTICLES = """
UNWIND $rows AS row
MERGE (a:Article {id: row.id})
SET a += row.props, a.published = date(row.published), a.ingested_at = datetime()
REMOVE a.writing
"""

# ---- curation ----------------------------------------------------------------------------

ACTOR_BY_KEY = """
MATCH (x:Actor)
WHERE x.id = $key OR x.name = $key
RETURN x.id AS id, x.name AS name, x.type AS type
ORDER BY x.id
"""

# Locks both actors, records B's name and aliases as A's, and on each of B's mentions.
MERGE_ACTOR_ALIASES = """
MATCH (a:Actor {id: $a}), (b:Actor {id: $b})
SET a.gc = null, b.gc = null
WITH a, b
OPTIONAL MATCH (b)<-[m:MENTIONS]-(:Article)
SET m.aliases = COLLECT {
  UNWIND m.aliases + [b.name] AS alias WITH DISTINCT alias RETURN alias ORDER BY alias
}
"""

MOVE_MENTIONS = """
MATCH (a:Actor {id: $a}), (b:Actor {id: $b})
MATCH (art:Article)-[m:MENTIONS]->(b)
MERGE (art)-[n:MENTIONS]->(a)
ON CREATE SET n.count = 0, n.aliases = []
SET n.count = n.count + m.count,
    n.aliases = COLLECT {
      UNWIND n.aliases + m.aliases AS alias WITH DISTINCT alias RETURN alias ORDER BY alias
    }
DELETE m
"""

MOVE_ATTRIBUTED_EDGES = """
MATCH (a:Actor {id: $a}), (b:Actor {id: $b})
CALL (a, b) {
  MATCH (b)-[h:HOLDS_ROLE]->(o) WHERE o <> a
  MERGE (a)-[n:HOLDS_ROLE {title: h.title}]->(o)
  SET n.article_ids = COLLECT {
    UNWIND coalesce(n.article_ids, []) + h.article_ids AS id WITH DISTINCT id RETURN id ORDER BY id
  }
  DELETE h
}
CALL (a, b) {
  MATCH (p)-[h:HOLDS_ROLE]->(b) WHERE p <> a
  MERGE (p)-[n:HOLDS_ROLE {title: h.title}]->(a)
  SET n.article_ids = COLLECT {
    UNWIND coalesce(n.article_ids, []) + h.article_ids AS id WITH DISTINCT id RETURN id ORDER BY id
  }
  DELETE h
}
CALL (a, b) {
  MATCH (b)-[h:LOCATED_IN]->(o) WHERE o <> a
  MERGE (a)-[n:LOCATED_IN]->(o)
  SET n.article_ids = COLLECT {
    UNWIND coalesce(n.article_ids, []) + h.article_ids AS id WITH DISTINCT id RETURN id ORDER BY id
  }
  DELETE h
}
CALL (a, b) {
  MATCH (p)-[h:LOCATED_IN]->(b) WHERE p <> a
  MERGE (p)-[n:LOCATED_IN]->(a)
  SET n.article_ids = COLLECT {
    UNWIND coalesce(n.article_ids, []) + h.article_ids AS id WITH DISTINCT id RETURN id ORDER BY id
  }
  DELETE h
}
"""

# Each relationship keeps its id and every property; an edge between A and B becomes a loop
# on A, which is what the article said once both names are one actor.
MOVE_RELATIONS: dict[RelationType, str] = _per_relation_type(
    """
MATCH (a:Actor {id: $a}), (b:Actor {id: $b})
CALL (a, b) {
  MATCH (b)-[r:{TYPE}]->(t)
  WITH r, t, properties(r) AS props, CASE WHEN t = b THEN a ELSE t END AS target
  DELETE r
  WITH props, target
  CREATE (a)-[n:{TYPE}]->(target)
  SET n = props
  RETURN count(*) AS outgoing
}
CALL (a, b) {
  MATCH (s)-[r:{TYPE}]->(b)
  WITH r, s, properties(r) AS props
  DELETE r
  WITH props, s
  CREATE (s)-[n:{TYPE}]->(a)
  SET n = props
  RETURN count(*) AS incoming
}
RETURN outgoing + incoming AS moved
"""
)

DELETE_MERGED_ACTOR = """
MATCH (a:Actor {id: $a}), (b:Actor {id: $b})
DETACH DELETE b
WITH a
SET a.aliases = COLLECT {
  MATCH (a)<-[m:MENTIONS]-(:Article)
  UNWIND m.aliases AS alias
  WITH DISTINCT alias WHERE alias <> a.name
  RETURN alias ORDER BY alias
}
"""

# ---- counts and dumps ----------------------------------------------------------------------

NODE_LABELS: tuple[str, ...] = ("Actor", *ACTOR_LABELS.values(), "Article")
ALL_RELATIONSHIP_TYPES: tuple[str, ...] = (*RELATION_TYPES, "HOLDS_ROLE", "LOCATED_IN", "MENTIONS")

COUNT_LABELS = "\nUNION ALL\n".join(
    f"MATCH (n:{label}) RETURN '{label}' AS label, count(n) AS n" for label in NODE_LABELS
)

COUNT_TYPES = "\nUNION ALL\n".join(
    f"MATCH ()-[r:{t}]->() RETURN '{t}' AS type, count(r) AS n" for t in ALL_RELATIONSHIP_TYPES
)

DUMP_NODES = """
MATCH (n)
RETURN labels(n) AS labels, properties(n) AS props
"""

DUMP_RELATIONSHIPS = """
MATCH (s)-[r]->(t)
RETURN type(r) AS type, s.id AS source, t.id AS target, properties(r) AS props
"""

# ---- analyst transactions (run by the API's own connection, never by analysts) -----------

ANALYST_TRANSACTIONS = """
SHOW TRANSACTIONS YIELD transactionId AS id, metaData
WHERE metaData.dipgraph_analyst = $tag
RETURN id
"""
TERMINATE_TRANSACTIONS = "TERMINATE TRANSACTIONS $ids"
