"""`dipgraph extract PATH...`: one extraction-contract JSON line per article on stdout."""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections.abc import Iterable, Iterator
from enum import StrEnum
from pathlib import Path
from typing import Any, NoReturn, TextIO

import typer
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ingest.errors import ExtractionFailed, IngestError
from ingest.model import Article, Extraction
from ingest.readers import MAX_ARTICLE_CHARS, ReadFailure, read_paths


class OutputFormat(StrEnum):
    jsonl = "jsonl"


class _Tally:
    """Counts what a run read, extracted and skipped, to choose the exit status."""

    def __init__(self) -> None:
        self.read = 0
        self.extracted = 0
        self.failed = 0


def register(app: typer.Typer) -> None:
    """Add the `extract` command to the CLI."""
    app.command("extract")(extract)


def extract(
    paths: list[Path] = typer.Argument(
        ..., help="Article files (.txt .html .json .jsonl .xml/.rss/.atom) or folders."
    ),
    pretty: bool = typer.Option(False, "--pretty", help="Indent each JSON object for reading."),
    output_format: OutputFormat = typer.Option(
        OutputFormat.jsonl, "--format", help="Output format: one JSON object per line."
    ),
    max_chars: int = typer.Option(
        MAX_ARTICLE_CHARS, "--max-chars", min=1, help="Refuse articles longer than this."
    ),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Articles per spaCy batch."),
) -> None:
    """Extract actors, roles and relations from articles; unreadable inputs go to stderr."""
    out = sys.stdout
    tally = _Tally()
    # Libraries that print would corrupt the JSON stream: everything but our lines goes to stderr.
    with _Counter() as progress, contextlib.redirect_stdout(sys.stderr):
        articles = _articles(read_paths(paths, max_chars=max_chars), tally)
        try:
            for extraction in _extract_all(articles, batch_size, tally):
                _emit(out, extraction, pretty)
                progress.update(tally.extracted)
        except BrokenPipeError:
            _silence_stdout()  # the reader went away (e.g. `| head`): stop quietly
            raise typer.Exit(0) from None
        except KeyboardInterrupt:
            _warn(f"interrupted after {tally.extracted} article(s)")
            raise typer.Exit(130) from None
    _finish(tally)


class _Counter:
    """A transient spinner with a count on stderr, shown only when the JSON goes elsewhere."""

    def __init__(self) -> None:
        self.live = sys.stderr.isatty() and not sys.stdout.isatty()
        columns = (SpinnerColumn(), TextColumn("extracted {task.completed} articles"))
        self.bar = Progress(*columns, TimeElapsedColumn(), console=Console(stderr=True))
        self.task = self.bar.add_task("extract", total=None)

    def __enter__(self) -> _Counter:
        if self.live:
            self.bar.start()
        return self

    def __exit__(self, *exc: object) -> None:
        if self.live:
            self.bar.stop()

    def update(self, done: int) -> None:
        if self.live:
            self.bar.update(self.task, completed=done)


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's final flush cannot fail again."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


def _articles(items: Iterable[Article | ReadFailure], tally: _Tally) -> Iterator[Article]:
    """Pass articles on, reporting each failure on stderr as it is met."""
    for item in items:
        if isinstance(item, ReadFailure):
            tally.failed += 1
            _warn(f"skipped {item.message} [{item.error.code}]")
            continue
        tally.read += 1
        yield item


def _extract_all(
    articles: Iterator[Article], batch_size: int, tally: _Tally
) -> Iterator[Extraction]:
    """Run the extractor in chunks; the model is loaded only once there is an article."""
    first = next(articles, None)
    if first is None:
        return
    extract_articles, nlp = _load_extractor()
    for chunk in _chunks(_prepend(first, articles), batch_size):
        for extraction in _extract_chunk(extract_articles, nlp, chunk, batch_size):
            tally.extracted += 1
            yield extraction


def _extract_chunk(extract_articles: Any, nlp: Any, chunk: list[Article], batch_size: int):
    """Extract a chunk; if it fails, redo it article by article so only the culprit is lost."""
    try:
        yield from list(extract_articles(chunk, nlp, batch_size=batch_size))
        return
    except Exception as e:  # the extractor's faults must not end the batch; reported below
        if len(chunk) == 1:
            _report_extraction_failure(chunk[0], e)
            return
    for article in chunk:
        yield from _extract_chunk(extract_articles, nlp, [article], batch_size)


def _report_extraction_failure(article: Article, exc: Exception) -> None:
    """One stderr line for an article the extractor could not process."""
    error = ExtractionFailed(article.source or article.id, f"extraction failed: {exc!r}")
    _warn(f"skipped {error} [{error.code}]")


def _load_extractor() -> tuple[Any, Any]:
    """The extraction function and the spaCy pipeline, or a one-line exit when unavailable."""
    try:
        from ingest.extract import extract_articles
        from ingest.pipeline import load_nlp
    except ImportError as e:
        _fail(f"the extraction core is not available ({e})")
    from graph.config import get_settings

    model = get_settings().spacy_model
    try:
        return extract_articles, load_nlp(model)
    except (OSError, ImportError, IngestError) as e:
        _fail(f"cannot load spaCy model {model!r}: {e}")


def _emit(out: TextIO, extraction: Extraction, pretty: bool) -> None:
    """Write one extraction as JSON: one line, or indented with --pretty."""
    out.write(json.dumps(extraction.to_dict(), ensure_ascii=False, indent=2 if pretty else None))
    out.write("\n")
    out.flush()


def _finish(tally: _Tally) -> None:
    """Exit non-zero when nothing could be read or extracted; say so in one line."""
    if tally.read == 0:
        _fail(f"no article could be read ({tally.failed} input(s) failed)")
    if tally.extracted == 0:
        _fail(f"no article could be extracted ({tally.read} read)")


def _chunks(items: Iterable[Article], size: int) -> Iterator[list[Article]]:
    """Consecutive lists of at most `size` items."""
    chunk: list[Article] = []
    for item in items:
        chunk.append(item)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _prepend(first: Article, rest: Iterator[Article]) -> Iterator[Article]:
    """The first item, then the rest."""
    yield first
    yield from rest


def _warn(message: str) -> None:
    # sys.stderr is looked up per call, so lines print above a live progress display
    print(f"dipgraph extract: {message}", file=sys.stderr, flush=True)


def _fail(message: str) -> NoReturn:
    _warn(message)
    raise typer.Exit(1)
