"""The managed Neo4j's lifecycle, on a second server of its own: start twice, crash, recover, stop."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import neo4j
import pytest

from graph.server import ManagedNeo4j, new_password
from tests.neo4j_support import managed_settings

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def cli(server: ManagedNeo4j, *args: str) -> subprocess.CompletedProcess[str]:
    s = server.settings
    env = {k: v for k, v in os.environ.items() if not k.startswith("NEO4J_")}
    env.update(
        DIPGRAPH_HOME=str(s.home),
        DIPGRAPH_NEO4J_BOLT_PORT=str(s.bolt_port),
        DIPGRAPH_NEO4J_HTTP_PORT=str(s.http_port),
        DIPGRAPH_NEO4J_LIB=str(s.neo4j_lib),
    )
    return subprocess.run(
        [sys.executable, "-m", "api.cli", "neo4j", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def count_probes(server: ManagedNeo4j) -> int:
    with neo4j.GraphDatabase.driver(server.bolt_uri, auth=("neo4j", server.password())) as drv:
        records, _, _ = drv.execute_query("MATCH (p:Probe) RETURN count(p) AS c")
        return int(records[0]["c"])


def test_lifecycle_start_twice_crash_recover_stop(tmp_path: Path) -> None:
    server = ManagedNeo4j(managed_settings(tmp_path / "home", heap="512m"))
    try:
        first = cli(server, "start")
        assert first.returncode == 0, first.stderr
        assert "started" in first.stderr
        second = cli(server, "start")
        assert second.returncode == 0, second.stderr
        assert "already running" in second.stderr

        with neo4j.GraphDatabase.driver(server.bolt_uri, auth=("neo4j", server.password())) as drv:
            drv.execute_query("CREATE (:Probe {n: 1})")
        server.kill()
        assert not server.status().running
        assert cli(server, "start").returncode == 0
        assert count_probes(server) == 1  # the committed write survived SIGKILL

        assert cli(server, "stop").returncode == 0
        status = cli(server, "status")
        assert status.returncode == 3
        assert "stopped" in status.stderr
    finally:
        server.stop()


def test_managed_server_is_locked_down(tmp_path: Path) -> None:
    server = ManagedNeo4j(managed_settings(tmp_path / "home"))
    server.write_config()
    conf = (server.home / "conf" / "neo4j.conf").read_text()
    assert "server.default_listen_address=127.0.0.1\n" in conf
    assert "dbms.security.auth_enabled=true\n" in conf
    assert "dbms.usage_report.enabled=false\n" in conf
    assert "dbms.security.allow_csv_import_from_file_urls=false\n" in conf
    assert "db.transaction.timeout=" in conf


def test_password_file_is_private_and_stable(neo4j_conn) -> None:
    server = neo4j_conn.server
    assert server is not None, "the session server is managed unless NEO4J_URI is set"
    mode = server.password_file.stat().st_mode & 0o777
    assert mode == 0o600
    assert server.password() == neo4j_conn.password


def test_generated_passwords_never_look_like_options() -> None:
    passwords = {new_password() for _ in range(500)}
    assert len(passwords) == 500
    assert all(len(p) >= 32 and not p.startswith("-") for p in passwords)


def test_wrong_password_is_refused(neo4j_conn) -> None:
    bad = neo4j.GraphDatabase.driver(neo4j_conn.uri, auth=("neo4j", "not-the-password"))
    with bad, pytest.raises(neo4j.exceptions.AuthError):
        bad.verify_connectivity()
