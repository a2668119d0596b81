"""Draw a 2,000-node and a 200-node view in headless Chromium: time to first draw and to settled.

The pages are rendered from synthetic view models (no Neo4j needed) and served by a real
uvicorn on 127.0.0.1 with the same template and assets as the app, built as the app builds
them (both are above viz.view.LAYOUT_THRESHOLD, so positions come from the server and physics is
off). Probe pages with browser physics forced on (200 and 100 nodes) or off (100 nodes) show
where that threshold belongs.

Pages are loaded alternately, several rounds, and medians reported: the machine has 2 cores
shared with other work, so single runs swing widely. Besides wall-clock times from navigation
start, each run records the renderer's main-thread busy time (CDP TaskDuration) and the load
average, so a slow run can be told apart from a loaded machine.
Run: .venv/bin/python bench/bench_viz.py   (writes bench/results/viz.json, ~2-3 minutes)
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from playwright.sync_api import TimeoutError as PlaywrightTimeout

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.viz.browser import chromium, node_count, serve, wait_drawn  # noqa: E402
from tests.viz.samples import synthetic  # noqa: E402
from viz.render import STATIC_URL, Page, render_page  # noqa: E402
from viz.view import LAYOUT_THRESHOLD, build_view  # noqa: E402

# name: (nodes, edges, layout threshold used to build it). "small" and "large" are built as the
# app builds them; the probes force browser physics or server layout either side of it.
PAGES = {
    "small": (200, 400, LAYOUT_THRESHOLD),
    "large": (2000, 4000, LAYOUT_THRESHOLD),
    "probe-200-physics": (200, 400, 10_000),
    "probe-100-physics": (100, 200, 10_000),
    "probe-100-server": (100, 200, 0),
}
ROUNDS = 5
RUN_TIMEOUT_MS = 45_000
BUDGET_S = 170  # stop starting new rounds past this, so the bench ends within ~3 minutes
RESULTS = REPO / "bench" / "results" / "viz.json"


def build_pages() -> tuple[dict[str, str], dict[str, float]]:
    pages, build_s = {}, {}
    for name, (n_nodes, n_edges, threshold) in PAGES.items():
        started = time.perf_counter()
        view = build_view(
            synthetic(n_nodes, n_edges), title=f"{n_nodes} actors", layout_threshold=threshold
        )
        pages[name] = render_page(Page("cypher", f"{n_nodes} actors"), view)
        build_s[name] = time.perf_counter() - started
    return pages, build_s


def app(pages: dict[str, str]) -> FastAPI:
    site = FastAPI()
    site.mount(STATIC_URL, StaticFiles(directory=REPO / "viz" / "static"), name="static")
    for name, html in pages.items():
        site.add_api_route(f"/{name}", lambda html=html: HTMLResponse(html))
    return site


def _busy_s(cdp: Any) -> float:
    metrics = cdp.send("Performance.getMetrics")["metrics"]
    return next(m["value"] for m in metrics if m["name"] == "TaskDuration")


def measure(page: Any, cdp: Any, url: str) -> dict[str, Any]:
    """One load: ms from navigation start to first frame and to the settled frame."""
    page.goto("about:blank")
    busy = _busy_s(cdp)
    load = os.getloadavg()[0]
    page.goto(url)
    try:
        wait_drawn(page, timeout_ms=RUN_TIMEOUT_MS)
        page.wait_for_function("window.dipgraph.settledMs !== null", timeout=RUN_TIMEOUT_MS)
    except PlaywrightTimeout:
        print(f"  {url}: not settled within {RUN_TIMEOUT_MS / 1000:.0f} s", flush=True)
    times = page.evaluate(
        "({first: window.dipgraph.firstDrawMs, settled: window.dipgraph.settledMs,"
        " stab: window.dipgraph.stabilizationMs})"
    )
    return {
        "first_draw_ms": _ms(times["first"]),
        "settled_ms": _ms(times["settled"]),
        "stabilization_done_ms": _ms(times["stab"]),
        "main_thread_busy_ms": round((_busy_s(cdp) - busy) * 1000),
        "load_avg_1m": round(load, 2),
        "nodes": node_count(page),
    }


def _ms(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _median(runs: list[dict[str, Any]], key: str) -> float | None:
    values = [r[key] for r in runs if r[key] is not None]
    return round(statistics.median(values), 1) if values else None


def _ratio(a: float | None, b: float | None) -> float | None:
    return round(a / b, 2) if a and b else None


def run_rounds(base: str, page: Any, cdp: Any) -> dict[str, list[dict[str, Any]]]:
    runs: dict[str, list[dict[str, Any]]] = {name: [] for name in PAGES}
    started = time.monotonic()
    for i in range(ROUNDS):
        if i >= 2 and time.monotonic() - started > BUDGET_S:
            break
        order = list(PAGES) if i % 2 == 0 else list(reversed(PAGES))
        for name in order:
            runs[name].append(measure(page, cdp, f"{base}/{name}"))
    return runs


def summarise(
    runs: dict[str, list[dict[str, Any]]], pages: dict[str, str], build_s: dict[str, float]
) -> dict[str, Any]:
    figures: dict[str, Any] = {"pages": {}}
    for name, page_runs in runs.items():
        n_nodes, n_edges, threshold = PAGES[name]
        figures["pages"][name] = {
            "nodes": page_runs[0]["nodes"],
            "edges_in": n_edges,
            "physics": n_nodes <= threshold,
            "server_build_s": round(build_s[name], 3),
            "page_bytes": len(pages[name].encode()),
            "rounds": len(page_runs),
            "unsettled_runs": sum(r["settled_ms"] is None for r in page_runs),
            **{
                f"median_{k}": _median(page_runs, k)
                for k in ("first_draw_ms", "settled_ms", "main_thread_busy_ms", "load_avg_1m")
            },
            "runs": page_runs,
        }
    small, large = figures["pages"]["small"], figures["pages"]["large"]
    figures["ratios_large_over_small"] = {
        k: _ratio(large[f"median_{k}"], small[f"median_{k}"])
        for k in ("first_draw_ms", "settled_ms", "main_thread_busy_ms")
    }
    figures["layout_threshold"] = LAYOUT_THRESHOLD
    return figures


def report(figures: dict[str, Any]) -> None:
    for name, f in figures["pages"].items():
        print(
            f"{name:18} {f['nodes']:5} nodes  physics {'on ' if f['physics'] else 'off'}  "
            f"build {f['server_build_s']:.2f} s  page {f['page_bytes'] / 1e6:.2f} MB  "
            f"first draw {f['median_first_draw_ms']} ms  settled {f['median_settled_ms']} ms  "
            f"busy {f['median_main_thread_busy_ms']} ms  (median of {f['rounds']}, "
            f"unsettled {f['unsettled_runs']}, load {f['median_load_avg_1m']})"
        )
    r = figures["ratios_large_over_small"]
    print(
        f"2,000 / 200 nodes: first draw ×{r['first_draw_ms']}  settled ×{r['settled_ms']}  "
        f"main-thread busy ×{r['main_thread_busy_ms']}"
    )
    print(f"wrote {RESULTS.relative_to(REPO)}")


def main() -> None:
    pages, build_s = build_pages()
    with serve(app(pages)) as base, chromium() as (page, blocked):
        cdp = page.context.new_cdp_session(page)
        cdp.send("Performance.enable")
        runs = run_rounds(base, page, cdp)
        assert not blocked, blocked
    figures = summarise(runs, pages, build_s)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(figures, indent=2))
    report(figures)


if __name__ == "__main__":
    main()
