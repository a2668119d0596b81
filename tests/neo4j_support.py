"""Starting a managed Neo4j for tests and benchmarks: free ports, a temporary home, shared jars."""

from __future__ import annotations

import os
from pathlib import Path

from graph.config import Settings
from graph.server import ManagedNeo4j, free_port

REPO = Path(__file__).resolve().parent.parent
# Tests and benchmarks share the jars `make run` provisions, so a test run downloads nothing new.
SHARED_LIB = REPO / ".dipgraph" / "neo4j" / "lib"


def managed_settings(home: Path, heap: str = "1g") -> Settings:
    """Settings for a throwaway managed server in `home` on two free ports."""
    return Settings(
        DIPGRAPH_HOME=str(home),
        DIPGRAPH_NEO4J_BOLT_PORT=free_port(),
        DIPGRAPH_NEO4J_HTTP_PORT=free_port(),
        DIPGRAPH_NEO4J_LIB=str(SHARED_LIB),
        DIPGRAPH_NEO4J_HEAP=heap,
    )


def managed_env(server: ManagedNeo4j) -> dict[str, str]:
    """This process's environment for a dipgraph process that manages `server` itself
    (no NEO4J_* variables, which would point it at another server)."""
    s = server.settings
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(
        DIPGRAPH_HOME=str(s.home),
        DIPGRAPH_NEO4J_BOLT_PORT=str(s.bolt_port),
        DIPGRAPH_NEO4J_HTTP_PORT=str(s.http_port),
        DIPGRAPH_NEO4J_LIB=str(s.neo4j_lib),
    )
    return env


def server_env(server: ManagedNeo4j) -> dict[str, str]:
    """Environment variables that point a dipgraph process at `server`."""
    return {
        "NEO4J_URI": server.bolt_uri,
        "NEO4J_USER": "neo4j",
        "NEO4J_PASSWORD": server.password(),
        "NEO4J_DATABASE": "neo4j",
    }
