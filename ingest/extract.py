"""Extraction entry points: Articles in, plain-data Extractions out, streamed through nlp.pipe."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from ingest.actors import find_actors
from ingest.assemble import Assembler
from ingest.dates import parse_published
from ingest.gazetteer import load_gazetteer
from ingest.model import Article, Extraction
from ingest.relmodel import Decider, load_classifier
from ingest.roles import find_roles

NO_DATE_WARNING = "article has no publication date: relative dates were not resolved"


def extraction_of(article: Article, doc: Doc, decider: Decider | None = None) -> Extraction:
    """Convert one parsed Doc into plain data (call inside the memory zone that made it); the
    relations are decided by the shipped classifier unless another decider is given."""
    gaz = load_gazetteer()
    published = parse_published(article.published)
    actors = find_actors(doc, gaz)
    roles = find_roles(doc, actors, gaz, published)
    decider = decider or load_classifier()
    relations = Assembler(doc, actors, gaz, published, roles, decider).relations()
    warnings = () if published else (NO_DATE_WARNING,)
    return Extraction(article, actors.actors(), roles, tuple(relations), warnings)


def batched(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Consecutive lists of at most `size` items (itertools.batched needs Python 3.12)."""
    it = iter(items)
    while chunk := list(islice(it, max(1, size))):
        yield chunk


def extract_articles(
    articles: Iterable[Article], nlp: Language, batch_size: int = 32
) -> Iterator[Extraction]:
    """Stream articles through the pipeline, yielding one Extraction each, memory kept flat."""
    for chunk in batched(articles, batch_size):
        # each batch gets its own zone so the StringStore is freed as the stream goes on
        with nlp.memory_zone():
            pairs = [(a.text, a) for a in chunk]
            done = [
                extraction_of(a, d)
                for d, a in nlp.pipe(pairs, as_tuples=True, batch_size=batch_size)
            ]
        yield from done


def extract_article(article: Article, nlp: Language) -> Extraction:
    """Extract one article (a convenience over extract_articles)."""
    return next(extract_articles([article], nlp, batch_size=1))
