"""Settings read only the documented names, so the shell's HOME, HOST and PORT never leak in."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.config import Settings


def test_shell_home_host_and_port_are_not_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("DIPGRAPH_HOME", "DIPGRAPH_HOST", "DIPGRAPH_PORT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HOME", "/somewhere/else")
    monkeypatch.setenv("HOST", "0.0.0.0")
    monkeypatch.setenv("PORT", "1")
    s = Settings()
    assert s.home == Path(".dipgraph")
    assert s.host == "127.0.0.1"
    assert s.port == 8000


def test_documented_names_are_read(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DIPGRAPH_HOME", "/data/dipgraph")
    monkeypatch.setenv("DIPGRAPH_PORT", "8100")
    monkeypatch.setenv("NEO4J_URI", "bolt://example:7687")
    s = Settings()
    assert s.home_dir == Path("/data/dipgraph")
    assert s.port == 8100
    assert not s.managed
