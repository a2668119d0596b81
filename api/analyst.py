"""Analyst Cypher off the shared pools: a bounded pool of its own, a per-client limit, a deadline.

Before this, analyst queries shared the 40 read threads with /ready, /stats and the views: 45
slow queries held /api/v1/stats 18 s. Now at most `cypher_workers` analyst queries run at once
and `cypher_per_client` from one client; a full gate answers 429 at once instead of queueing.
A slot is held until Neo4j gives the thread back, not until the caller is answered, so work the
server cannot interrupt (one long expression) never piles up behind a freed slot.
"""

from __future__ import annotations

import asyncio
import secrets
import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

from starlette.concurrency import run_in_threadpool

from api.errors import ApiError
from graph import guard
from graph.errors import QueryTimeout

T = TypeVar("T")
# The caller is answered this long after the server-set timeout at the latest.
DEADLINE_GRACE_S = 1.0


class AnalystGate:
    """`workers` analyst queries at once, `per_client` of them from one client."""

    def __init__(self, workers: int, per_client: int) -> None:
        self.workers, self.per_client = workers, per_client
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="analyst")
        self._running: Counter[str] = Counter()
        self._lock = threading.Lock()

    def _enter(self, client: str) -> None:
        with self._lock:
            if sum(self._running.values()) >= self.workers:
                raise _busy("every analyst query slot is taken", self.workers)
            if self._running[client] >= self.per_client:
                raise _busy(
                    "this client already runs its share of analyst queries", self.per_client
                )
            self._running[client] += 1

    def _leave(self, client: str) -> None:
        with self._lock:
            self._running[client] -= 1
            if self._running[client] <= 0:
                del self._running[client]

    def _run(self, client: str, func: Callable[..., T], *args: Any) -> T:
        try:
            return func(*args)
        finally:
            self._leave(client)

    async def run(self, client: str, func: Callable[..., T], *args: Any) -> T:
        """Run `func(*args)` on the analyst pool, or raise 429 if there is no slot for `client`."""
        self._enter(client)
        try:
            future = self.pool.submit(self._run, client, func, *args)
        except RuntimeError:  # the pool is shut down
            self._leave(client)
            raise
        return await asyncio.wrap_future(future)

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)


def _busy(message: str, limit: int) -> ApiError:
    return ApiError(
        429,
        "too_many_queries",
        message + ": try again when one finishes",
        {"limit": limit},
        headers={"Retry-After": "1"},
    )


async def run_cypher(
    rt: Any, client: str, query: str, params: dict[str, Any]
) -> guard.CypherResult:
    """One analyst query under the gate and the deadline; past it, terminated on the server."""
    tag = secrets.token_hex(12)
    limits = guard.limits_from(rt.settings, tag)
    call = rt.analyst.run(client, _readonly, rt, query, params, limits)
    deadline = limits.timeout_s + DEADLINE_GRACE_S
    try:
        return await asyncio.wait_for(call, timeout=deadline)
    except TimeoutError:
        await run_in_threadpool(guard.terminate, rt.driver, tag, database=rt.database)
        raise QueryTimeout(
            f"the query ran past the time limit of {limits.timeout_s:g} s and was terminated",
            {"timeout_s": limits.timeout_s},
        ) from None


def _readonly(
    rt: Any, query: str, params: dict[str, Any], limits: guard.Limits
) -> guard.CypherResult:
    return guard.run_readonly(rt.driver, query, params, database=rt.database, limits=limits)
