"""The managed Neo4j's lifecycle, on a second server of its own: start twice, crash, recover, stop."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import neo4j
import pytest

from graph.server import ManagedNeo4j, new_password
from tests.neo4j_support import managed_env, managed_settings

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]


def cli(server: ManagedNeo4j, *args: str) -> subprocess.CompletedProcess[str]:
    env = managed_env(server)
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


def _java_command_lines() -> list[str]:
    lines = []
    for proc in Path("/proc").iterdir():
        try:
            raw = (proc / "cmdline").read_bytes()
        except OSError:
            continue
        if b"java" in raw:
            lines.append(raw.replace(b"\0", b" ").decode("utf-8", "replace"))
    return lines


def test_password_is_never_on_a_command_line(tmp_path: Path) -> None:
    """neo4j-admin gets the new password from a 0600 argfile; /proc shows only `@file`."""
    import threading

    server = ManagedNeo4j(managed_settings(tmp_path / "home"))
    server.write_config()
    seen: list[str] = []
    done = threading.Event()

    def sample() -> None:
        while not done.is_set():
            seen.extend(line for line in _java_command_lines() if str(server.home) in line)

    watcher = threading.Thread(target=sample, daemon=True)
    watcher.start()
    try:
        password = server.password()
    finally:
        done.set()
        watcher.join()
    assert seen, "the admin process was never seen: the sampling proves nothing"
    assert any("@" + str(server.home / "run") in line for line in seen)
    assert not any(password in line or "set-initial-password" in line for line in seen)
    assert list((server.home / "run").glob("admin-*.args")) == []  # the argfile is gone


def test_home_and_store_are_private(neo4j_conn) -> None:
    """DIPGRAPH_HOME 0700; every folder and file Neo4j or dipgraph made in it owner-only."""
    server = neo4j_conn.server
    assert server is not None
    assert server.settings.home_dir.stat().st_mode & 0o777 == 0o700
    open_to_others = [
        str(p)
        for p in server.home.rglob("*")
        if p.stat().st_mode & 0o077 and server.lib not in (p, *p.parents)
    ]
    assert open_to_others == []
    assert (server.home / "data" / "dbms" / "auth.ini").stat().st_mode & 0o777 == 0o600
