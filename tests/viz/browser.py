"""Helpers for the browser tests and the bench: serve an app with uvicorn, drive Chromium offline."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlparse

import uvicorn
from fastapi import FastAPI

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost"})


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serve(app: FastAPI) -> Iterator[str]:
    """Run `app` under a real uvicorn on a free 127.0.0.1 port; yield its base URL."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def chromium(
    viewport: dict[str, int] | None = None, bypass_csp: bool = True
) -> Iterator[tuple[Any, list[str]]]:
    """A headless Chromium page that may reach only this machine; yields (page, blocked URLs)."""
    from playwright.sync_api import sync_playwright

    blocked: list[str] = []

    def guard(route: Any) -> None:
        url = route.request.url
        host = urlparse(url).hostname
        if url.startswith(("data:", "blob:", "about:")) or host in LOCAL_HOSTS:
            route.continue_()
        else:
            blocked.append(url)
            route.abort()

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            # CSP off in tests: the escaping must hold by itself (and Playwright's evaluate needs it).
            context = browser.new_context(
                viewport=viewport or {"width": 1400, "height": 900}, bypass_csp=bypass_csp
            )
            context.route("**/*", guard)
            yield context.new_page(), blocked
        finally:
            browser.close()


def wait_drawn(page: Any, timeout_ms: int = 60_000) -> None:
    """Until the page script has run and vis-network has drawn its first frame (if any)."""
    page.wait_for_function("window.dipgraph && window.dipgraph.ready", timeout=timeout_ms)
    page.wait_for_function(
        "!window.dipgraph.network || window.dipgraph.firstDrawMs !== null", timeout=timeout_ms
    )


def node_count(page: Any) -> int:
    return page.evaluate(
        "window.dipgraph.network ? Object.keys(window.dipgraph.network.body.nodes).length : 0"
    )


INK_JS = """() => {
  const canvas = document.querySelector('#network canvas');
  if (!canvas) return 0;
  const ctx = canvas.getContext('2d');
  const {data} = ctx.getImageData(0, 0, canvas.width, canvas.height);
  let ink = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] > 0 && (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240)) ink++;
  }
  return ink;
}"""


def ink(page: Any) -> int:
    """How many canvas pixels are neither transparent nor near-white."""
    return page.evaluate(INK_JS)


def click_node(page: Any, node_id: str) -> None:
    """Click a node where vis-network drew it (canvas coordinates → page coordinates)."""
    page.evaluate("id => window.dipgraph.network.focus(id, {scale: 1.0})", node_id)
    page.wait_for_timeout(200)
    point = page.evaluate(
        """id => {
          const net = window.dipgraph.network;
          const p = net.canvasToDOM(net.getPositions([id])[id]);
          const box = document.querySelector('#network canvas').getBoundingClientRect();
          return {x: box.left + p.x, y: box.top + p.y};
        }""",
        node_id,
    )
    page.mouse.click(point["x"], point["y"])
