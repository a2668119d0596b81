"""Pages: data is escaped and embedded safely, and nothing is loaded from another origin."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.viz.samples import XSS_IMG, XSS_NAME, seedlike, synthetic
from tests.viz.urls import VENDOR_TEXT_URLS, external, is_local
from viz.render import Link, Page, network_data, render_page, safe_json
from viz.view import TYPE_COLOURS, build_view

STATIC = Path(__file__).parents[2] / "viz" / "static"
FORM = {"action": "/viz/actor/x", "all_types": ["MET"], "all_modalities": ["asserted"]}


class _Scripts(HTMLParser):
    """Collects every element and the text of each script element, as a browser would parse."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False if tag == "script" else self._in_script

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


def _parse(html: str) -> _Scripts:
    parser = _Scripts()
    parser.feed(html)
    return parser


def _pages() -> list[str]:
    seed = build_view(seedlike(), title=XSS_NAME)
    big = build_view(synthetic(500, 900), title="big", layout_threshold=300, max_nodes=400)
    link = Link(XSS_NAME, "/viz/actor/" + "%3Cscript%3E", XSS_IMG)
    return [
        render_page(Page("landing", "dipgraph", links=(link,), links_heading="Top"), seed),
        render_page(Page("actor", XSS_NAME, "/api/v1/x", FORM | {"q": XSS_NAME}), seed),
        render_page(Page("path", "Path", None, FORM | {"from": XSS_IMG}), big),
        render_page(
            Page("cypher", "Cypher", None, FORM | {"cypher": XSS_NAME}, message=XSS_IMG), None
        ),
    ]


@pytest.mark.parametrize("data", [XSS_NAME, XSS_IMG, "\u2028\u2029", "a & b <!-- c"])
def test_safe_json_cannot_close_the_script_and_round_trips(data: str) -> None:
    text = str(safe_json({"s": data}))
    assert not re.search(r"[<>&\u2028\u2029]", text)
    assert json.loads(text) == {"s": data}


@pytest.mark.parametrize("index", range(4))
def test_hostile_text_never_becomes_markup(index: int) -> None:
    html = _pages()[index]
    parsed = _parse(html)
    assert not any(tag == "img" for tag, _ in parsed.tags)
    scripts = [attrs for tag, attrs in parsed.tags if tag == "script"]
    assert scripts == [
        {"type": "application/json", "id": "view-data"},
        {"src": "/viz/static/vendor/vis-network.min.js"},
        {"src": "/viz/static/dipgraph.js"},
    ]
    assert not any(k.startswith("on") for _, attrs in parsed.tags for k in attrs)


def test_embedded_data_keeps_the_text_literally() -> None:
    parsed = _parse(_pages()[1])
    data = json.loads(parsed.scripts[0])
    names = {n["name"] for n in data["view"]["nodes"]}
    assert XSS_NAME in names
    evidence = [ev["evidence"] for e in data["view"]["edges"] for ev in e["evidences"]]
    assert any(ev.startswith(XSS_IMG) for ev in evidence)
    assert "&lt;script&gt;" in _pages()[1].split("<h1", 1)[1].split("</h1>", 1)[0]


def test_vis_data_comes_from_pyvis_without_titles() -> None:
    data = network_data(build_view(seedlike(), title="t"))
    assert {n["id"] for n in data["nodes"]} == {n["id"] for n in seedlike()["nodes"]}
    assert all("title" not in item for item in data["nodes"] + data["edges"])
    assert data["options"]["physics"]["enabled"] is True
    met = next(e for e in data["edges"] if e["label"].startswith("MET"))
    assert met["label"] == "MET ×2" and met["arrows"] == ""


def test_large_view_ships_positions_and_no_physics() -> None:
    data = network_data(build_view(synthetic(400, 600), title="t", layout_threshold=300))
    assert data["options"]["physics"]["enabled"] is False
    assert all("x" in n and "y" in n for n in data["nodes"])


@pytest.mark.parametrize("index", range(4))
def test_pages_reference_nothing_external(index: int) -> None:
    assert external(_pages()[index]) == []


@pytest.mark.parametrize("path", sorted(p for p in STATIC.rglob("*") if p.is_file()), ids=str)
def test_static_assets_reference_nothing_external(path: Path) -> None:
    allowed = VENDOR_TEXT_URLS if "vendor" in path.parts else frozenset()
    assert external(path.read_text(encoding="utf-8"), allowed) == []


def test_scanner_catches_what_it_must() -> None:
    assert external('<link href="https://cdn.example.com/x.css">') != []
    assert external("<script src=//cdn.example.com/x.js></script>") != []
    assert external("a{background:url( 'http://x.io/a.png')}") != []
    assert external("@import 'https://fonts.example.com/f.css';") != []
    assert is_local("/viz/static/x.js") and is_local("data:image/png;base64,AA")


def test_legend_colours_match_the_view_model() -> None:
    css = (STATIC / "dipgraph.css").read_text()
    for kind, colour in TYPE_COLOURS.items():
        assert f".swatch-{kind.lower()} {{ background: {colour}; }}" in css


def test_capped_page_says_what_was_left_out_and_how_to_narrow() -> None:
    view = build_view(synthetic(500, 900), title="big", max_nodes=400)
    html = render_page(Page("actor", "big", "/api/v1/x", FORM), view)
    note = html.split('<p class="note" id="note">', 1)[1].split("</p>", 1)[0]
    assert "100 less-connected actors left out" in note and "narrow the view" in note
