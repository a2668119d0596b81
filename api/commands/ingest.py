"""`dipgraph ingest`, `articles delete`, `actors merge` and `stats`: the graph store's CLI."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NoReturn

import neo4j
import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from graph.errors import GraphError
from graph.rows import ArticleRows, extraction_from_dict
from graph.store import BATCH_RELATIONS, BatchResult, GraphStore, WriteReport
from ingest.errors import ExtractionFailed, IngestError
from ingest.model import Article, Extraction

EXTRACT_CHUNK = 32
err = Console(stderr=True)

articles_app = typer.Typer(help="Articles in the graph.", no_args_is_help=True)
actors_app = typer.Typer(help="Actors in the graph.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    """Add `ingest`, `stats`, `articles delete` and `actors merge` to the CLI."""
    app.command("ingest")(ingest)
    app.command("stats")(stats)
    app.add_typer(articles_app, name="articles")
    app.add_typer(actors_app, name="actors")


# ---- ingest --------------------------------------------------------------------------------


def ingest(
    paths: list[Path] = typer.Argument(..., help="Article files or folders (as for `extract`)."),
    extractions: bool = typer.Option(
        False,
        "--extractions",
        help="The paths are JSON lines printed by `dipgraph extract`: write them, skip NLP.",
    ),
    batch_relations: int = typer.Option(
        BATCH_RELATIONS, "--batch-relations", min=1, help="Relationships per transaction."
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
) -> None:
    """Read, extract and write articles; name every article not written and exit 1 if any."""
    failed: dict[str, str] = {}
    with _driver() as (driver, database), _progress(quiet) as progress:
        read_task = progress.add_task("read", total=None)
        reader = _read_extractions if extractions else _read_articles
        items = reader(paths, failed)
        progress.update(
            read_task, total=len(items) + len(failed), completed=len(items) + len(failed)
        )
        _ensure_schema(driver, database)
        store = GraphStore(driver, database, batch_relations)
        report = _write(store, items, progress, failed, extractions)
    _summarise(report, failed)


def _read_articles(paths: list[Path], failed: dict[str, str]) -> list[Article]:
    from ingest.readers import ReadFailure, read_paths

    articles = []
    for item in read_paths(paths):
        if isinstance(item, ReadFailure):
            failed[item.source] = f"not read: {item.error}"
        else:
            articles.append(item)
    return articles


def _read_extractions(paths: list[Path], failed: dict[str, str]) -> list[Extraction]:
    found = []
    for path in paths:
        try:
            lines = path.read_text(encoding="utf-8").splitlines()
        except OSError as e:
            failed[str(path)] = f"not read: {e.strerror or e}"
            continue
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                found.append(extraction_from_dict(json.loads(line)))
            except (ValueError, KeyError, TypeError) as e:
                failed[f"{path}:{number}"] = f"not an extraction: {e!r}"
    return found


def _write(
    store: GraphStore,
    items: list[Any],
    progress: Progress,
    failed: dict[str, str],
    pre_extracted: bool,
) -> WriteReport:
    extract_task = progress.add_task("extract", total=len(items))
    write_task = progress.add_task("write", total=len(items))

    def on_batch(result: BatchResult, batch: list[ArticleRows]) -> None:
        progress.advance(write_task, len(batch))

    extracted = items if pre_extracted else _extract(items, failed)
    report = store.write(_counted(extracted, progress, extract_task), on_batch=on_batch)
    return report


def _counted(items: Iterable[Extraction], progress: Progress, task: Any) -> Iterator[Extraction]:
    for item in items:
        progress.advance(task)
        yield item


def _extract(articles: list[Article], failed: dict[str, str]) -> Iterator[Extraction]:
    if not articles:
        return
    try:
        from graph.config import get_settings
        from ingest.extract import extract_articles
        from ingest.pipeline import load_nlp

        nlp = load_nlp(get_settings().spacy_model)
    except (ImportError, OSError, IngestError) as e:
        _fail(f"the extractor is not available: {e}")
    for start in range(0, len(articles), EXTRACT_CHUNK):
        chunk = articles[start : start + EXTRACT_CHUNK]
        yield from _extract_chunk(extract_articles, nlp, chunk, failed)


def _extract_chunk(
    extract_articles: Any, nlp: Any, chunk: list[Article], failed: dict[str, str]
) -> Iterator[Extraction]:
    """Extract a chunk; if it fails, redo it article by article so only the culprit is lost."""
    try:
        done = list(extract_articles(chunk, nlp, batch_size=EXTRACT_CHUNK))
    except Exception as e:  # one bad article must not cost the batch; reported by name
        if len(chunk) == 1:
            error = ExtractionFailed(chunk[0].source or chunk[0].id, repr(e))
            failed[chunk[0].id] = f"not extracted: {error}"
            return
        for article in chunk:
            yield from _extract_chunk(extract_articles, nlp, [article], failed)
        return
    yield from done


def _summarise(report: WriteReport, failed: dict[str, str]) -> None:
    failed = {**failed, **report.failed}
    for article_id, problems in sorted(report.dropped.items()):
        for problem in problems:
            err.print(f"dipgraph ingest: {article_id}: dropped {problem}", highlight=False)
    typer.echo(
        f"written {len(report.written)}, unchanged {len(report.unchanged)}, "
        f"replaced {len(report.replaced)}, not written {len(failed)}"
    )
    for key, reason in sorted(failed.items()):
        err.print(f"dipgraph ingest: not written: {key}: {reason}", highlight=False, soft_wrap=True)
    if failed:
        raise typer.Exit(1)


# ---- articles, actors, stats ----------------------------------------------------------------


@articles_app.command("delete")
def delete_article(article_id: str = typer.Argument(..., metavar="ID")) -> None:
    """Remove what one article said; actors other articles still mention stay."""
    with _driver() as (driver, database):
        result = GraphStore(driver, database).delete_article(article_id)
    c = result.counters
    typer.echo(
        f"deleted article {article_id}: {c['relationships_deleted']} relationships, "
        f"{c['nodes_deleted'] - 1} orphaned actors"
    )


@actors_app.command("merge")
def merge_actors(
    keep: str = typer.Argument(..., metavar="A", help="Actor id or name that stays."),
    fold: str = typer.Argument(..., metavar="B", help="Actor id or name folded into A."),
) -> None:
    """Fold actor B into actor A: edges, mentions, roles and aliases move; B is deleted."""
    from graph.curation import merge_actors as merge

    with _driver() as (driver, database):
        result = merge(driver, database, keep, fold)
    typer.echo(
        f"merged {result.removed} into {result.kept}: "
        f"{result.relationships_moved} relationships moved"
    )


def stats(as_json: bool = typer.Option(False, "--json", help="Print JSON.")) -> None:
    """Node counts per label and relationship counts per type."""
    from graph.store import graph_stats

    with _driver() as (driver, database):
        counts = graph_stats(driver, database)
    if as_json:
        typer.echo(json.dumps(counts, indent=2, sort_keys=True))
        return
    for section in ("nodes", "relationships"):
        typer.echo(f"{section}:")
        for name, n in counts[section].items():
            typer.echo(f"  {name:<14} {n:>9,}")


# ---- plumbing ---------------------------------------------------------------------------------


@contextmanager
def _driver() -> Iterator[tuple[neo4j.Driver, str]]:
    """The process's one driver; graph errors become one line and exit status 1."""
    from graph.db import database, open_driver

    try:
        driver = open_driver()
    except GraphError as e:
        _fail(e.message)
    try:
        yield driver, database()
    except GraphError as e:
        _fail(e.message)
    except neo4j.exceptions.Neo4jError as e:
        _fail(f"Neo4j refused: {e.message or e}")
    except neo4j.exceptions.DriverError as e:
        _fail(f"Neo4j is unavailable: {e}")
    finally:
        driver.close()


def _ensure_schema(driver: neo4j.Driver, database: str) -> None:
    from graph.schema import ensure_schema

    try:
        ensure_schema(driver, database)
    except (neo4j.exceptions.ServiceUnavailable, OSError) as e:
        _fail(f"Neo4j is unavailable, nothing was written: {e}")


@contextmanager
def _progress(quiet: bool) -> Iterator[Progress]:
    progress = Progress(
        TextColumn("{task.description:>8}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=quiet,
        transient=False,
    )
    with progress:
        yield progress


def _fail(message: str) -> NoReturn:
    err.print(f"dipgraph: {message}", highlight=False, soft_wrap=True)
    raise typer.Exit(1)
