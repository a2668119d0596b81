"""The lock file pins every dependency pyproject.toml names, with hashes, and is what is installed."""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LOCK = REPO / "requirements" / "lock.txt"
_PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+) \\$", re.M)


def _name(requirement: str) -> str:
    return re.split(r"[\s<>=!~;\[]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def _pins() -> dict[str, str]:
    return {
        m.group(1).lower().replace("_", "-"): m.group(2) for m in _PIN.finditer(LOCK.read_text())
    }


def test_every_declared_dependency_is_pinned_with_hashes() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    declared = project["dependencies"] + project["optional-dependencies"]["dev"]
    missing = sorted({_name(r) for r in declared} - set(_pins()))
    assert missing == [], f"run `make lock`: {missing} not in {LOCK.name}"
    text = LOCK.read_text()
    starts = [m.start() for m in _PIN.finditer(text)] + [len(text)]
    entries = [text[a:b] for a, b in zip(starts, starts[1:], strict=False)]
    assert len(entries) > 50
    unhashed = [e.split(" ", 1)[0] for e in entries if "--hash=sha256:" not in e]
    assert unhashed == []


def test_the_installed_web_stack_is_the_locked_one() -> None:
    """FastAPI and Starlette move together; the pair installed is the pair tested (see the 405
    Allow test in tests/api/test_hardening.py)."""
    pins = _pins()
    for package in ("fastapi", "starlette", "neo4j", "pydantic", "uvicorn"):
        assert version(package) == pins[package], package
