"""API benchmark: `GET /api/v1/meetings?actor=` through a real uvicorn against the same Cypher
run directly with the driver, on a graph of 100k relations; then 32 concurrent clients for 30 s.

Gates: p50(API) / p50(driver) <= 1.5, and no error under load. Starts a throwaway managed
Neo4j (or uses the server NEO4J_URI names, which it EMPTIES), builds the graph with a bulk
UNWIND of rows shaped per the README's graph schema (actors, articles, relations; no MENTIONS,
which the meetings query never reads: building only what is read keeps the set-up short;
bench_write measures the write path), serves the app on 127.0.0.1 and writes
bench/results/bench_api.json.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import ExitStack, contextmanager
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import httpx  # noqa: E402
import neo4j  # noqa: E402

from graph import reads  # noqa: E402
from graph.config import Settings  # noqa: E402
from graph.rows import normalize_name  # noqa: E402
from graph.schema import ensure_schema  # noqa: E402
from graph.server import ManagedNeo4j, free_port  # noqa: E402

RESULTS = REPO / "bench" / "results"
SHARED_LIB = REPO / ".dipgraph" / "neo4j" / "lib"
CLEAR = "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
LABELS = {
    "PERSON": "Person",
    "COUNTRY": "Country",
    "ORGANIZATION": "Organization",
    "PLACE": "Place",
}
# Labels and types come from these fixed tables, never from data.
CREATE_ACTORS = {
    t: f"UNWIND $rows AS row CREATE (x:Actor:{label}) SET x = row" for t, label in LABELS.items()
}
CREATE_ARTICLES = "UNWIND $rows AS row CREATE (a:Article) SET a = row, a.ingested_at = datetime()"
TYPES = {
    "MET": 35, "VISITED": 8, "HOSTED": 5, "INVITED": 4, "PRAISED": 6, "SUPPORTS": 6,
    "RECOGNIZED": 1, "AGREED": 6, "SUPPLIED": 5, "COOPERATES": 6, "CRITICIZED": 8,
    "THREATENED": 3, "SANCTIONED": 4, "ACCOMPANIED": 3,
}  # fmt: skip
CREATE_RELATIONS = {
    t: f"""
UNWIND $rows AS row
MATCH (s:Actor {{id: row.source}}) MATCH (t:Actor {{id: row.target}})
CREATE (s)-[r:{t}]->(t) SET r = row.props
"""
    for t in TYPES
}
MODALITIES = {"asserted": 70, "reported": 15, "hedged": 6, "planned": 6, "negated": 3}
ACTOR_COUNTS = {"PERSON": 3000, "COUNTRY": 200, "ORGANIZATION": 600, "PLACE": 200}
PER_ARTICLE = 10


# ---- the graph -----------------------------------------------------------------------------


def actors(rng: random.Random) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    for kind, count in ACTOR_COUNTS.items():
        rows = []
        for i in range(count):
            name = f"{kind.title()} {i:04d} {rng.choice('ABCDEFGHJKLMNPRSTUVWZ')}"
            aid = f"{kind.lower()}:{normalize_name(name)}"
            rows.append({"id": aid, "name": name, "name_lower": normalize_name(name),
                         "type": kind, "aliases": [name.split()[0] + str(i)]})  # fmt: skip
        out[kind] = rows
    return out


def relations(rng: random.Random, people: list[str], others: list[str], places: list[str], n: int):
    """`n` relations over articles of PER_ARTICLE each; hubs via a Zipf-like choice of actors."""
    everyone = people + others
    weights = [1 / (rank + 1) ** 0.9 for rank in range(len(everyone))]
    types, type_w = list(TYPES), list(TYPES.values())
    mods, mod_w = list(MODALITIES), list(MODALITIES.values())
    start = date(2015, 1, 1)
    for i in range(n):
        source, target = rng.choices(everyone, weights, k=2)
        if source == target:
            target = rng.choice(everyone)
        kind = rng.choices(types, type_w)[0]
        day = start + timedelta(days=rng.randrange(3650))
        place = rng.choice(places) if rng.random() < 0.5 else None
        props = {
            "id": f"r{i:07d}", "article_id": f"art{i // PER_ARTICLE:06d}", "date": day.isoformat(),
            "date_precision": "day", "date_start": day, "date_end": day, "place": place,
            "modality": rng.choices(mods, mod_w)[0], "attributed_to": None,
            "evidence": f"{source} and {target}: a {kind.lower()} event reported in the press.",
            "start": 0, "end": 60, "cameo": "040", "plover": "CONSULT", "confidence": 0.8,
        }  # fmt: skip
        yield kind, {"source": source, "target": target, "props": props}


def _batched(session: neo4j.Session, query: str, rows: list[dict], size: int = 10_000) -> None:
    for i in range(0, len(rows), size):
        session.execute_write(
            lambda tx, chunk=rows[i : i + size]: tx.run(query, rows=chunk).consume()
        )


def build_graph(driver: neo4j.Driver, db: str, n: int, seed: int) -> dict[str, Any]:
    rng = random.Random(seed)
    started = time.monotonic()
    with driver.session(database=db) as session:
        session.run(CLEAR).consume()
    ensure_schema(driver, db)
    by_kind = actors(rng)
    people = [a["id"] for a in by_kind["PERSON"]]
    others = [a["id"] for k in ("COUNTRY", "ORGANIZATION") for a in by_kind[k]]
    places = [a["name"] for a in by_kind["PLACE"]]
    rels: dict[str, list[dict]] = {t: [] for t in TYPES}
    for kind, row in relations(rng, people, others, places, n):
        rels[kind].append(row)
    articles = [{"id": f"art{i:06d}", "title": f"Article {i}", "url": f"https://example.org/{i}",
                 "text": "synthetic"} for i in range((n + PER_ARTICLE - 1) // PER_ARTICLE)]  # fmt: skip
    with driver.session(database=db) as session:
        for kind, rows in by_kind.items():
            _batched(session, CREATE_ACTORS[kind], rows)
        _batched(session, CREATE_ARTICLES, articles)
        for kind, rows in rels.items():
            _batched(session, CREATE_RELATIONS[kind], rows)
    return {
        "relations": n,
        "actors": sum(map(len, by_kind.values())),
        "articles": len(articles),
        "build_s": round(time.monotonic() - started, 1),
    }


def query_actors(driver: neo4j.Driver, db: str, count: int, seed: int) -> list[str]:
    """Actors with at least one asserted meeting, spread from hubs to the long tail."""
    records, _, _ = driver.execute_query(
        "MATCH (a:Actor)-[m:MET]-() WHERE m.modality IN ['asserted', 'reported'] "
        "RETURN a.id AS id, count(m) AS n ORDER BY n DESC, id",
        database_=db,
    )
    ids = [r["id"] for r in records]
    step = max(1, len(ids) // count)
    chosen = ids[::step][:count]
    random.Random(seed).shuffle(chosen)
    return chosen


# ---- the two paths -------------------------------------------------------------------------


def meeting_params(actor: str) -> dict[str, Any]:
    """Exactly the parameters the API sends for `GET /meetings?actor=<id>` (limit 50 + 1)."""
    return {
        **reads.filters(types=["MET"]),
        "place": None,
        "limit": 51,
        "offset": 0,
        "actor": actor,
        "actor_key": normalize_name(actor),
        "counterpart": None,
        "counterpart_key": None,
    }


def direct(driver: neo4j.Driver, db: str, actor: str) -> float:
    """The same Cypher, parameters and row conversion the API runs, without HTTP and FastAPI."""
    started = time.perf_counter()
    rows = reads._run(driver, reads.MEETINGS_OF_ACTOR, meeting_params(actor), db)
    elapsed = time.perf_counter() - started
    assert rows, actor
    return elapsed


def through_api(conn: http.client.HTTPConnection, actor: str) -> float:
    """One keep-alive request with the standard library client (the lightest Python client)."""
    started = time.perf_counter()
    conn.request("GET", "/api/v1/meetings?" + urlencode({"actor": actor}))
    response = conn.getresponse()
    body = response.read()
    elapsed = time.perf_counter() - started
    assert response.status == 200 and json.loads(body)["items"], body[:200]
    return elapsed


def percentiles(samples: list[float]) -> dict[str, float]:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]
    return {"p50_ms": round(statistics.median(ordered) * 1000, 3), "p99_ms": round(p99 * 1000, 3),
            "n": len(ordered)}  # fmt: skip


def compare(driver, db, conn, actor_ids: list[str], samples: int) -> dict:
    """Alternate the two paths request by request, same actor, so drift hits both alike."""
    for actor in actor_ids * 2:  # warm-up: JIT, plan cache, page cache, connections
        direct(driver, db, actor)
        through_api(conn, actor)
    d_samples: list[float] = []
    a_samples: list[float] = []
    for i in range(samples):
        actor = actor_ids[i % len(actor_ids)]
        first, second = (direct, through_api) if i % 2 else (through_api, direct)
        for path in (first, second):
            took = path(driver, db, actor) if path is direct else path(conn, actor)
            (d_samples if path is direct else a_samples).append(took)
    d, a = percentiles(d_samples), percentiles(a_samples)
    return {"driver": d, "api": a, "p50_ratio": round(a["p50_ms"] / d["p50_ms"], 3)}


def load(base_url: str, actor_ids: list[str], clients: int, seconds: float) -> dict[str, Any]:
    """`clients` threads, each its own keep-alive connection, looping until the deadline."""
    deadline = time.monotonic() + seconds
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []

    def worker(k: int) -> None:
        with httpx.Client(base_url=base_url, timeout=30) as client:
            i = k
            while time.monotonic() < deadline:
                actor = actor_ids[i % len(actor_ids)]
                i += clients
                started = time.perf_counter()
                try:
                    response = client.get("/api/v1/meetings", params={"actor": actor})
                    ok = response.status_code == 200
                    problem = None if ok else f"{response.status_code} {response.text[:120]}"
                except httpx.HTTPError as e:
                    problem = f"{type(e).__name__}: {e}"
                with lock:
                    latencies.append(time.perf_counter() - started)
                    if problem:
                        errors.append(problem)

    threads = [threading.Thread(target=worker, args=(k,)) for k in range(clients)]
    began = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 60)
    wall = time.monotonic() - began
    return {
        "clients": clients,
        "seconds": round(wall, 1),
        "requests": len(latencies),
        "requests_per_s": round(len(latencies) / wall, 1),
        "errors": len(errors),
        "error_samples": errors[:5],
        **percentiles(latencies),
    }


# ---- processes -----------------------------------------------------------------------------


@contextmanager
def neo4j_server(stack_dir: Path):
    """(uri, password) of the server NEO4J_URI names, or of a throwaway managed one."""
    if os.environ.get("NEO4J_URI"):
        yield os.environ["NEO4J_URI"], os.environ.get("NEO4J_PASSWORD", "")
        return
    settings = Settings(
        DIPGRAPH_HOME=str(stack_dir / "home"),
        DIPGRAPH_NEO4J_BOLT_PORT=free_port(),
        DIPGRAPH_NEO4J_HTTP_PORT=free_port(),
        DIPGRAPH_NEO4J_LIB=str(SHARED_LIB) if SHARED_LIB.exists() else None,
        DIPGRAPH_NEO4J_HEAP="1g",
    )
    server = ManagedNeo4j(settings)
    server.start()
    try:
        yield server.bolt_uri, server.password()
    finally:
        server.stop()


@contextmanager
def api_server(uri: str, password: str):
    port = free_port()
    env = {**os.environ, "NEO4J_URI": uri, "NEO4J_USER": "neo4j", "NEO4J_PASSWORD": password,
           "DIPGRAPH_HOST": "127.0.0.1", "DIPGRAPH_PORT": str(port)}  # fmt: skip
    cmd = [sys.executable, "-c", "from api.cli import main; main()", "serve"]
    proc = subprocess.Popen(
        cmd, env=env, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base, proc)
        yield base
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def _wait_ready(base: str, proc: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"uvicorn exited with {proc.returncode}")
        try:
            if httpx.get(base + "/ready", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("the API did not become ready")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--relations", type=int, default=100_000)
    parser.add_argument("--samples", type=int, default=600)
    parser.add_argument("--clients", type=int, default=32)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    db = "neo4j"
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-api-")))
        uri, password = stack.enter_context(neo4j_server(tmp))
        driver = stack.enter_context(neo4j.GraphDatabase.driver(uri, auth=("neo4j", password)))
        graph = build_graph(driver, db, args.relations, args.seed)
        print(f"graph: {graph}", flush=True)
        actor_ids = query_actors(driver, db, 100, args.seed)
        base = stack.enter_context(api_server(uri, password))
        conn = http.client.HTTPConnection(base.removeprefix("http://"), timeout=30)
        try:
            latency = compare(driver, db, conn, actor_ids, args.samples)
        finally:
            conn.close()
        print(f"latency: {latency}", flush=True)
        concurrency = load(base, actor_ids, args.clients, args.seconds)
        print(f"load: {concurrency}", flush=True)
    result = {
        "benchmark": "bench_api",
        "when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "machine": {"python": sys.version.split()[0], "cpus": os.cpu_count()},
        "graph": graph,
        "meetings_latency": latency,
        "load": concurrency,
        "gates": {
            "p50_ratio_max": 1.5,
            "p50_ratio_ok": latency["p50_ratio"] <= 1.5,
            "load_errors_ok": concurrency["errors"] == 0,
        },
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "bench_api.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result["gates"]))
    return 0 if all(v for k, v in result["gates"].items() if k.endswith("_ok")) else 1


if __name__ == "__main__":
    sys.exit(main())
