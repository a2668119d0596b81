"""Draw a 2,000-node and a 200-node view in headless Chromium: time to first draw and to settled.

The pages are rendered from synthetic view models (no Neo4j needed) and served by a real
uvicorn on 127.0.0.1 with the same template, assets and routes' headers as the app.
Run: .venv/bin/python bench/bench_viz.py   (writes bench/results/viz.json)
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.viz.browser import chromium, node_count, serve, wait_drawn  # noqa: E402
from tests.viz.samples import synthetic  # noqa: E402
from viz.render import STATIC_URL, Page, render_page  # noqa: E402
from viz.view import build_view  # noqa: E402

SIZES = {"small": (200, 400), "large": (2000, 4000)}
RUNS = 3
RESULTS = REPO / "bench" / "results" / "viz.json"


def build_pages() -> tuple[dict[str, str], dict[str, float]]:
    pages, build_s = {}, {}
    for name, (n_nodes, n_edges) in SIZES.items():
        started = time.perf_counter()
        view = build_view(synthetic(n_nodes, n_edges), title=f"{n_nodes} actors")
        pages[name] = render_page(Page("cypher", f"{n_nodes} actors"), view)
        build_s[name] = time.perf_counter() - started
    return pages, build_s


def app(pages: dict[str, str]) -> FastAPI:
    site = FastAPI()
    site.mount(STATIC_URL, StaticFiles(directory=REPO / "viz" / "static"), name="static")
    for name, html in pages.items():
        site.add_api_route(f"/{name}", lambda html=html: HTMLResponse(html))
    return site


def measure(page, url: str) -> dict[str, float]:
    page.goto(url)
    wait_drawn(page, timeout_ms=300_000)
    page.wait_for_function("window.dipgraph.settledMs !== null", timeout=300_000)
    times = page.evaluate(
        "({first: window.dipgraph.firstDrawMs, settled: window.dipgraph.settledMs,"
        " start: performance.timing.responseEnd - performance.timing.navigationStart})"
    )
    return {
        "first_draw_ms": round(times["first"], 1),
        "settled_ms": round(times["settled"], 1),
        "nodes": node_count(page),
    }


def main() -> None:
    pages, build_s = build_pages()
    figures: dict[str, dict] = {}
    with serve(app(pages)) as base, chromium() as (page, blocked):
        for name in SIZES:
            runs = [measure(page, f"{base}/{name}") for _ in range(RUNS)]
            figures[name] = {
                "nodes": runs[0]["nodes"],
                "edges_in": SIZES[name][1],
                "server_build_s": round(build_s[name], 3),
                "page_bytes": len(pages[name].encode()),
                "first_draw_ms": statistics.median(r["first_draw_ms"] for r in runs),
                "settled_ms": statistics.median(r["settled_ms"] for r in runs),
                "runs": runs,
            }
        assert not blocked, blocked
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2))
    for name, f in figures.items():
        print(
            f"{name:6} {f['nodes']:5} nodes  build {f['server_build_s']:.2f} s  "
            f"page {f['page_bytes'] / 1e6:.2f} MB  first draw {f['first_draw_ms']:.0f} ms  "
            f"settled {f['settled_ms']:.0f} ms"
        )
    print(f"wrote {RESULTS.relative_to(REPO)}")


if __name__ == "__main__":
    main()
