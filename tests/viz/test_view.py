"""The view model: filtering, grouping, styling, capping and server-side layout."""

from __future__ import annotations

import copy
import dataclasses
import json

import pytest

from tests.viz.samples import edge, node, seedlike, synthetic
from viz.view import TYPE_COLOURS, Filters, build_view, date_span, group_edges


def test_parallel_same_type_edges_become_one_edge_with_all_evidence() -> None:
    view = build_view(seedlike(), title="t")
    met = [e for e in view.edges if e.type == "MET"]
    assert len(met) == 1
    assert [ev.edge_id for ev in met[0].evidences] == ["e2", "e1"]  # oldest first
    assert not met[0].directed
    assert met[0].width > next(e for e in view.edges if e.type == "VISITED").width


def test_directed_types_keep_direction_apart() -> None:
    a, b = "person:a", "person:b"
    grouped = group_edges([edge("1", a, b, "PRAISED"), edge("2", b, a, "PRAISED")])
    assert [(e.source, e.target) for e in grouped] == [(a, b), (b, a)]
    assert all(e.directed for e in grouped)


def test_nodes_are_coloured_by_type_and_sized_by_the_chosen_metric() -> None:
    view = build_view(seedlike(), title="t", size_by="articles")
    by_id = {n.id: n for n in view.nodes}
    assert by_id["country:north korea"].colour == TYPE_COLOURS["COUNTRY"]
    assert by_id["person:vladimir putin"].size == by_id["country:north korea"].size
    by_degree = {n.id: n for n in build_view(seedlike(), title="t", size_by="degree").nodes}
    assert by_degree["person:vladimir putin"].size > by_degree["country:north korea"].size


def test_the_view_is_frozen_ordered_and_leaves_its_input_alone() -> None:
    sub = seedlike()
    before = copy.deepcopy(sub)
    first, second = build_view(sub, title="t"), build_view(copy.deepcopy(sub), title="t")
    assert sub == before
    assert json.dumps(first.to_dict()) == json.dumps(second.to_dict())
    assert [n.id for n in first.nodes] == sorted(n.id for n in first.nodes)
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.nodes[0].name = "x"  # type: ignore[misc]


def test_filters_drop_edges_and_the_actors_left_without_any() -> None:
    view = build_view(seedlike(), title="t", filters=Filters(types=("VISITED",)))
    assert [e.type for e in view.edges] == ["VISITED"]
    assert {n.id for n in view.nodes} == {"person:vladimir putin", "country:north korea"}
    assert view.filtered_out == 3


def test_focus_actor_stays_even_when_filters_remove_all_its_edges() -> None:
    view = build_view(
        seedlike(), title="t", focus=["person:kim jong un"], filters=Filters(types=("SUPPLIED",))
    )
    assert [n.id for n in view.nodes] == ["person:kim jong un"]
    assert view.nodes[0].focus


@pytest.mark.parametrize(
    ("date", "keeps"),
    [("2024-06-19", True), ("2024-06", True), ("2024", True), ("2023-12-31", False), (None, False)],
)
def test_date_range_keeps_edges_whose_date_overlaps(date: str | None, keeps: bool) -> None:
    f = Filters(date_from="2024-06-01", date_to="2024-06-30")
    assert f.keeps(edge("x", "a", "b", date=date)) is keeps


def test_modality_filter() -> None:
    view = build_view(seedlike(), title="t", filters=Filters(modalities=("reported",)))
    assert [e.type for e in view.edges] == ["PRAISED"]


def test_date_span_covers_year_and_month() -> None:
    assert date_span("2024") == ("2024-01-01", "2024-12-31")
    assert date_span("2024-02") == ("2024-02-01", "2024-02-31")


def test_small_views_use_browser_physics_without_positions() -> None:
    view = build_view(synthetic(50, 80), title="t")
    assert view.physics
    assert all(n.x is None for n in view.nodes)


def test_large_views_get_seeded_server_positions_and_physics_off() -> None:
    sub = synthetic(400, 600)
    view = build_view(sub, title="t", layout_threshold=300)
    assert not view.physics
    assert all(n.x is not None and n.y is not None for n in view.nodes)
    again = build_view(synthetic(400, 600), title="t", layout_threshold=300)
    assert [(n.x, n.y) for n in view.nodes] == [(n.x, n.y) for n in again.nodes]
    assert len({(n.x, n.y) for n in view.nodes}) > 390  # nodes do not pile up


def test_hard_cap_keeps_focus_and_best_connected_and_says_what_was_left_out() -> None:
    sub = synthetic(120, 200)
    sub["nodes"].append(node("person:lonely", "Lonely", degree=0))
    view = build_view(sub, title="t", focus=["person:lonely"], max_nodes=50)
    ids = {n.id for n in view.nodes}
    assert len(ids) == 50 and "person:lonely" in ids
    assert all(e.source in ids and e.target in ids for e in view.edges)
    assert view.truncated and view.omitted_nodes == 71
    assert "71" in (view.note or "") and "narrow" in (view.note or "")


def test_truncation_reported_by_the_read_is_carried_through() -> None:
    sub = seedlike() | {"truncated": True, "omitted_nodes": 12}
    view = build_view(sub, title="t")
    assert view.truncated and view.omitted_nodes == 12 and "12" in (view.note or "")


def test_edges_to_unknown_nodes_are_ignored() -> None:
    sub = seedlike()
    sub["edges"].append(edge("ghost", "person:vladimir putin", "person:nobody"))
    assert "ghost" not in {
        ev.edge_id for e in build_view(sub, title="t").edges for ev in e.evidences
    }
