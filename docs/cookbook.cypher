// The dipgraph Cypher cookbook: analysts' questions against the schema in docs/schema.md.
// Each query is a block: a "// N. question" line, a "// params:" line (JSON), an "// expect:"
// line (JSON: one returned row must hold these values), then the Cypher up to a blank line.
// tests/graph/test_cookbook.py runs every block against the ingested seed articles.

// 1. Whom did Vladimir Putin meet, when and where? (the schema's contract query)
// params: {}
// expect: {"b.name": "Kim Jong Un", "m.date": "2023-09", "m.place": "Vostochny Cosmodrome"}
MATCH (a:Person {name: 'Vladimir Putin'})-[m:MET]-(b)
RETURN b.name, m.date, m.place

// 2. Who met whom between two dates (stated or reported meetings only)?
// params: {"from": "2023-01-01", "to": "2023-12-31"}
// expect: {"actor": "Vladimir Putin", "counterpart": "Kim Jong Un", "date": "2023-09"}
MATCH (a:Actor)-[m:MET]->(b:Actor)
WHERE m.date_start >= date($from) AND m.date_end <= date($to)
  AND m.modality IN ['asserted', 'reported']
RETURN a.name AS actor, b.name AS counterpart, m.date AS date, m.place AS place,
       m.evidence AS evidence, m.article_id AS article
ORDER BY m.date_start, actor

// 3. Who supplied whom, and according to whom?
// params: {}
// expect: {"supplier": "North Korea", "recipient": "Russia", "according_to": "United States"}
MATCH (s:Actor)-[r:SUPPLIED]->(t:Actor)
RETURN s.name AS supplier, t.name AS recipient, r.modality AS modality,
       coalesce(r.attributed_to, 'the article itself') AS according_to,
       r.cameo AS cameo, r.evidence AS evidence, r.article_id AS article
ORDER BY supplier, recipient

// 4. An actor's counterparts, ranked by the number of articles that relate them.
// params: {"actor": "Russia"}
// expect: {"counterpart": "North Korea"}
MATCH (a:Actor {name: $actor})-[r]-(b:Actor)
WHERE r.article_id IS NOT NULL AND b <> a
RETURN b.name AS counterpart, count(DISTINCT r.article_id) AS articles,
       collect(DISTINCT type(r)) AS relations
ORDER BY articles DESC, counterpart

// 5. Every claim attributed to a given source.
// params: {"source": "Blinken"}
// expect: {"relation": "CRITICIZED", "source": "United States", "target": "Russia"}
MATCH (s:Actor)-[r]->(t:Actor)
WHERE toLower(r.attributed_to) CONTAINS toLower($source)
RETURN type(r) AS relation, s.name AS source, t.name AS target, r.modality AS modality,
       r.attributed_to AS attributed_to, r.evidence AS evidence
ORDER BY relation, source, target

// 6. Planned visits and meetings: what is announced but has not happened yet?
// params: {}
// expect: {"relation": "VISITED", "actor": "Xi Jinping", "counterpart": "South Korea"}
MATCH (a:Actor)-[r:VISITED|HOSTED|MET]->(b:Actor)
WHERE r.modality = 'planned'
RETURN type(r) AS relation, a.name AS actor, b.name AS counterpart, r.date AS date,
       r.evidence AS evidence, r.article_id AS article
ORDER BY actor, relation, counterpart

// 7. The shortest chain of relations between two actors, with the evidence for each step.
// params: {"from": "Xi Jinping", "to": "Kim Jong Un"}
// expect: {"hops": 2}
MATCH (a:Actor {name: $from}), (b:Actor {name: $to})
MATCH p = shortestPath((a)-[:MET|VISITED|HOSTED|INVITED|PRAISED|SUPPORTS|RECOGNIZED|AGREED|SUPPLIED|COOPERATES|CRITICIZED|THREATENED|SANCTIONED|ACCOMPANIED*..6]-(b))
RETURN length(p) AS hops, [n IN nodes(p) | n.name] AS actors,
       [r IN relationships(p) | {relation: type(r), evidence: r.evidence, article: r.article_id}] AS steps

// 8. Who holds which office in a country, and how many articles say so?
// params: {"country": "Russia"}
// expect: {"person": "Sergey Lavrov", "title": "Foreign Minister"}
MATCH (p:Person)-[h:HOLDS_ROLE]->(:Country {name: $country})
RETURN p.name AS person, h.title AS title, size(h.article_ids) AS articles
ORDER BY person, title

// 9. Find an actor by any of its names, tolerating typos (full-text index on names and aliases).
// params: {"text": "DPRK OR Pyongyng~1"}
// expect: {"name": "North Korea", "type": "COUNTRY"}
CALL db.index.fulltext.queryNodes('actor_names', $text) YIELD node, score
RETURN node.name AS name, node.type AS type, node.aliases AS aliases, score
ORDER BY score DESC LIMIT 5

// 10. An actor's timeline: every dated relation it takes part in, oldest first.
// params: {"actor": "Vladimir Putin"}
// expect: {"date": "2023-09", "relation": "MET", "source": "Vladimir Putin"}
MATCH (a:Actor {name: $actor})-[r]-(:Actor)
WHERE r.date_start IS NOT NULL
RETURN r.date AS date, type(r) AS relation, startNode(r).name AS source,
       endNode(r).name AS target, r.modality AS modality, r.evidence AS evidence
ORDER BY r.date_start, relation, source, target

// 11. Hedged and negated claims, which default answers leave out.
// params: {}
// expect: {"relation": "SUPPORTS", "source": "Xi Jinping", "modality": "hedged"}
MATCH (s:Actor)-[r]->(t:Actor)
WHERE r.modality IN ['hedged', 'negated']
RETURN type(r) AS relation, s.name AS source, t.name AS target, r.modality AS modality,
       r.evidence AS evidence
ORDER BY relation, source, target

// 12. Articles that mention two actors together.
// params: {"a": "Russia", "b": "North Korea"}
// expect: {"article": "seed-lavrov-pyongyang"}
MATCH (:Actor {name: $a})<-[:MENTIONS]-(art:Article)-[:MENTIONS]->(:Actor {name: $b})
RETURN art.id AS article, art.title AS title, art.published AS published
ORDER BY published, article

// 13. Where do meetings take place, and in which country is that place?
// params: {}
// expect: {"place": "Pyongyang", "country": "North Korea"}
MATCH (:Actor)-[m:MET|VISITED|HOSTED]->(:Actor)
WHERE m.place IS NOT NULL
OPTIONAL MATCH (:Place {name: m.place})-[:LOCATED_IN]->(c:Country)
RETURN m.place AS place, c.name AS country, count(*) AS events
ORDER BY events DESC, place

// 14. Event counts by PLOVER category and CAMEO code, to line up with GDELT/ICEWS/POLECAT.
// params: {}
// expect: {"plover": "CONSULT", "cameo": "040"}
MATCH ()-[r]->()
WHERE r.plover IS NOT NULL
RETURN r.plover AS plover, r.cameo AS cameo, count(*) AS events
ORDER BY events DESC, plover, cameo
