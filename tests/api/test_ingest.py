"""POST an article: the real pipeline extracts it on its own thread, the store writes it."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import neo4j
import pytest
from fastapi.testclient import TestClient

from tests.api.conftest import API_KEY

pytestmark = [pytest.mark.neo4j, pytest.mark.slow]
SEEDS = Path(__file__).resolve().parents[2] / "seeds"
V1 = "/api/v1"


def test_post_text_and_json_then_delete(client: TestClient, db: neo4j.Driver) -> None:
    text = (SEEDS / "000_a35d414542324a42.txt").read_text()
    headers = {"X-API-Key": API_KEY, "content-type": "text/plain"}
    result: dict = {}

    def post() -> None:
        result["response"] = client.post(f"{V1}/articles", content=text, headers=headers)

    worker = threading.Thread(target=post)
    worker.start()
    time.sleep(0.3)  # extraction (model load included) takes seconds: queries must not wait
    started = time.monotonic()
    assert client.get(f"{V1}/stats").status_code == 200
    assert time.monotonic() - started < 2.0
    assert worker.is_alive(), "extraction finished before the query could overlap it"
    worker.join(timeout=120)

    response = result["response"]
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["status"] == "written" and body["relations"]
    assert any(e["name"] == "Sergey Lavrov" for e in body["entities"])
    article_id = body["article"]["id"]
    stored = client.get(f"{V1}/articles/{article_id}").json()
    assert len(stored["relations"]) >= 1 and stored["relations"][0]["evidence"]

    again = client.post(f"{V1}/articles", content=text, headers=headers)
    assert again.status_code == 200 and again.json()["status"] == "unchanged"

    seed = json.loads((SEEDS / "002_state-2022-05-04-blinken-ebrard.json").read_text())
    fields = {k: seed.get(k) for k in ("id", "title", "url", "published", "text")}
    posted = client.post(f"{V1}/articles", json=fields, headers={"X-API-Key": API_KEY})
    assert posted.status_code == 201 and posted.json()["article"]["id"] == fields["id"]

    deleted = client.delete(f"{V1}/articles/{article_id}", headers={"X-API-Key": API_KEY})
    assert deleted.status_code == 200
    assert client.get(f"{V1}/articles/{article_id}").status_code == 404
