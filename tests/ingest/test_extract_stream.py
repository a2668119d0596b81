"""The streaming entry points: order, batching, memory zones, warnings."""

import pytest

from ingest.extract import NO_DATE_WARNING, extract_article, extract_articles
from ingest.model import Article
from ingest.pipeline import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def test_stream_keeps_input_order_across_batches(nlp):
    arts = [Article(id=str(i), text=f"Olaf Scholz visited Poland {i} times.") for i in range(7)]
    out = list(extract_articles(arts, nlp, batch_size=3))
    assert [ex.article.id for ex in out] == [str(i) for i in range(7)]


def test_string_store_stays_flat_over_a_long_stream(nlp):
    def articles(start):
        for i in range(start, start + 60):
            yield Article(id=str(i), text=f"Minister Zqx{i}ab met Vxq{i}cd in Wyz{i}ef on Monday.")

    list(extract_articles(articles(0), nlp, batch_size=8))
    before = len(nlp.vocab.strings)
    list(extract_articles(articles(1000), nlp, batch_size=8))
    assert len(nlp.vocab.strings) - before < 20


def test_missing_publication_date_is_a_warning(nlp):
    ex = extract_article(Article(id="x", text="Xi Jinping met Vladimir Putin on Monday."), nlp)
    assert ex.warnings == (NO_DATE_WARNING,)
    assert all(r.date is None for r in ex.relations)


def test_empty_and_odd_text(nlp):
    for text in ["", " ", "\n\n", "🙂" * 40, "\u200b\u0301 the the", "'s 's ’s"]:
        ex = extract_article(Article(id="x", text=text, published="2023-10-18"), nlp)
        assert ex.relations == ()


def test_to_dict_is_plain_json(nlp):
    import json

    ex = extract_article(
        Article(id="x", text="Xi Jinping met Vladimir Putin.", published="2023-03-20"), nlp
    )
    assert json.loads(json.dumps(ex.to_dict()))["relations"][0]["type"] == "MET"
