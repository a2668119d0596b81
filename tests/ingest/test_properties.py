"""Property tests: arbitrary input never crashes ingest, offsets hold, output is deterministic.

The real model is loaded once for the module; example counts are bounded so the module
runs in well under a minute on a 2-core machine.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.boilerplate import remove_boilerplate
from ingest.errors import IngestError
from ingest.extract import extract_articles
from ingest.model import Article
from ingest.pipeline import load_nlp
from ingest.readers import ReadFailure, article_from_fields, read_file

ROOT = Path(__file__).resolve().parents[2]
SEED_LINES = [
    line
    for line in (ROOT / "seeds" / "000_a35d414542324a42.txt").read_text("utf-8").splitlines()
    if line.strip()
]

BOUNDED = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# News sentences mixed with arbitrary Unicode, so rules fire on odd input, not only on noise.
noise = st.text(min_size=0, max_size=120)
news_like = st.lists(st.one_of(st.sampled_from(SEED_LINES), noise), min_size=1, max_size=6).map(
    "\n".join
)
dates = st.one_of(st.none(), st.dates().map(str), st.text(max_size=12))


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def article_or_none(text: str, published: str | None) -> Article | None:
    """The article ingest builds from the fields, or None when ingest rightly refuses them."""
    try:
        return article_from_fields({"text": text, "published": published}, "<hypothesis>")
    except IngestError:
        return None


def extract_dicts(articles: list[Article], nlp) -> list[dict]:
    return [e.to_dict() for e in extract_articles(articles, nlp, batch_size=4)]


@BOUNDED
@given(texts=st.lists(st.one_of(news_like, noise), min_size=1, max_size=4), published=dates)
def test_no_crash_and_offsets_slice_the_text(nlp, texts: list[str], published: str | None) -> None:
    articles = [a for t in texts if (a := article_or_none(t, published))]
    results = extract_dicts(articles, nlp)
    assert len(results) == len(articles)
    for article, result in zip(articles, results, strict=True):
        json.dumps(result)  # plain data all the way down
        assert result["article"]["id"] == article.id
        for r in result["relations"]:
            assert article.text[r["start"] : r["end"]] == r["evidence"]


@BOUNDED
@given(text=news_like, published=dates)
def test_same_input_same_output(nlp, text: str, published: str | None) -> None:
    article = article_or_none(text, published)
    if article is None:
        return
    again = article_or_none(text, published)
    assert again == article
    assert extract_dicts([article], nlp) == extract_dicts([again], nlp)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=400))
def test_boilerplate_removal_is_stable(text: str) -> None:
    once = remove_boilerplate(text)
    assert remove_boilerplate(once) == once
    assert len(once) <= len(text)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.binary(max_size=600),
    suffix=st.sampled_from([".txt", ".json", ".jsonl", ".html", ".xml"]),
)
def test_readers_never_raise_on_arbitrary_bytes(tmp_path: Path, data: bytes, suffix: str) -> None:
    path = tmp_path / f"input{suffix}"
    path.write_bytes(data)
    for item in read_file(path):
        assert isinstance(item, Article | ReadFailure)
        if isinstance(item, ReadFailure):
            assert str(path) in item.message
        else:
            assert item.text.strip() and item.id
