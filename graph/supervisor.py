"""A watchdog for the managed Neo4j: if the server dies, say why (from its log) and start it again.

Before this, one query that exhausted the heap left every graph endpoint answering 503 until
someone ran `dipgraph neo4j start`. `dipgraph serve` runs this watchdog beside the API; the
driver reconnects by itself once Bolt answers again.
"""

from __future__ import annotations

import logging
import re
import threading
import time

from graph.errors import ServerError
from graph.server import ManagedNeo4j

log = logging.getLogger("dipgraph.supervisor")

# Lines of the server's console log that say why it stopped.
_CAUSE = re.compile(r"OutOfMemoryError|Terminating due to|ERROR|Exception|panic|Killed", re.I)


def crash_cause(server: ManagedNeo4j, exit_status: int | None) -> str:
    """What the console log says after the last start, and how the process ended if known."""
    text = server.log_tail(400)
    since_start = text.rsplit("Started.", 1)[-1]
    lines = [line.strip() for line in since_start.splitlines() if _CAUSE.search(line)]
    how = ""
    if exit_status is not None:
        how = (
            f"killed by signal {-exit_status}" if exit_status < 0 else f"exit status {exit_status}"
        )
    said = " | ".join(lines[-3:]) if lines else "no error in its log (killed from outside?)"
    return f"{how}; {said}" if how else said


class Supervisor:
    """Checks the managed server every `interval` seconds and restarts it when it is gone."""

    def __init__(self, server: ManagedNeo4j, interval: float = 2.0) -> None:
        self.server, self.interval = server, interval
        self.restarts = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, name="neo4j-supervisor", daemon=True)

    def start(self) -> Supervisor:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self.interval + 5)

    def _watch(self) -> None:
        while not self._stop.wait(self.interval):
            if not self.server.status().running and not self.server.stopped_on_purpose():
                self._restart()

    def _restart(self) -> None:
        cause = crash_cause(self.server, self.server.exit_status())
        log.error("Neo4j stopped (%s); restarting it", cause)
        began = time.monotonic()
        try:
            self.server.start()
        except ServerError as e:
            log.error("Neo4j did not restart: %s", e.message)
            return
        self.restarts += 1
        log.warning(
            "Neo4j is back after %.1f s (restart %d)", time.monotonic() - began, self.restarts
        )
