"""Writing the same articles again creates, deletes and sets nothing."""

from __future__ import annotations

import dataclasses

import pytest

from graph.rows import article_rows
from graph.store import BatchResult, GraphStore, canonical_dump

pytestmark = pytest.mark.neo4j


def _nothing_done(result: BatchResult) -> bool:
    return all(n == 0 for n in result.counters.values())


def test_reingesting_unchanged_articles_changes_nothing(store: GraphStore, seeds) -> None:
    first = store.write(seeds)
    assert first.counters["nodes_created"] > 0 and not first.failed
    before = canonical_dump(store.driver, store.database)
    again = store.write(seeds)
    assert again.written == [] and sorted(again.unchanged) == sorted(first.written)
    assert _nothing_done(again), again.counters
    assert canonical_dump(store.driver, store.database) == before


def test_each_batch_reports_zero_counters_when_unchanged(store: GraphStore, seeds) -> None:
    store.write(seeds)
    for extraction in seeds:
        result = store.write_batch([article_rows(extraction)])
        assert result.unchanged == [extraction.article.id]
        assert _nothing_done(result), (extraction.article.id, result.counters)


def test_a_mixed_batch_writes_only_what_changed(store: GraphStore, seeds) -> None:
    store.write(seeds)
    target = seeds[3]
    edited = dataclasses.replace(
        target, relations=target.relations[:-1]
    )  # the extractor improved: one relation fewer
    report = store.write([*seeds[:3], edited])
    assert report.written == [target.article.id]
    assert report.counters["relationships_deleted"] >= len(target.relations)
    assert report.counters["nodes_created"] == 0


def test_duplicate_articles_in_one_run_are_written_once(store: GraphStore, seeds) -> None:
    report = store.write([seeds[0], seeds[0], seeds[1]])
    assert sorted(report.written) == sorted({seeds[0].article.id, seeds[1].article.id})
    dump = canonical_dump(store.driver, store.database)
    assert len(dump) == len(set(dump))
