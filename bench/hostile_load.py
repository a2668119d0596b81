"""Latency of /health, /ready and /api/v1/stats idle and under 50 hostile analyst clients.

Run against a server you started (not part of `make bench`), on loopback only:
    DIPGRAPH_PORT=18000 dipgraph serve &
    python bench/hostile_load.py http://127.0.0.1:18000
Each hostile client posts a CPU-bound analyst query and, when refused with 429, waits what
Retry-After says; medians of 30 requests per path.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time

import httpx

SLOW = "UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 99 RETURN count(*) AS n"
PATHS = ("/health", "/ready", "/api/v1/stats")
CLIENTS = 50


async def latency(http: httpx.AsyncClient, path: str, n: int = 30) -> float:
    times = []
    for _ in range(n):
        started = time.perf_counter()
        response = await http.get(path)
        times.append(time.perf_counter() - started)
        response.raise_for_status()
        await asyncio.sleep(0.02)
    return statistics.median(times) * 1000


async def hostile(base: str, stop: asyncio.Event, counts: dict[int, int]) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=60) as client:
        while not stop.is_set():
            response = await client.post("/api/v1/cypher", json={"query": SLOW})
            counts[response.status_code] = counts.get(response.status_code, 0) + 1
            if response.status_code == 429:
                await asyncio.sleep(float(response.headers.get("retry-after", "1")))


async def main(base: str) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        idle = {p: await latency(http, p) for p in PATHS}
        stop, counts = asyncio.Event(), {}
        tasks = [asyncio.create_task(hostile(base, stop, counts)) for _ in range(CLIENTS)]
        await asyncio.sleep(2)
        busy = {p: await latency(http, p) for p in PATHS}
        stop.set()
        await asyncio.gather(*tasks)
    for p in PATHS:
        ratio = busy[p] / idle[p]
        print(f"{p}: idle {idle[p]:.2f} ms, under {CLIENTS} hostile {busy[p]:.2f} ms, x{ratio:.2f}")
    print("hostile answers by status:", dict(sorted(counts.items())))


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8000"))
