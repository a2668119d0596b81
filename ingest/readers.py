"""Read articles from .txt, .html, .json, .jsonl and RSS/Atom files, and from folders.

Every reader yields plain field dicts; `article_from_fields` cleans, checks and identifies them,
so each format gets the same boilerplate removal, size cap and content-hash id. A fault
in one input becomes a `ReadFailure` in the stream and never stops a batch.

Encoding: .txt, .json and .jsonl must be UTF-8 (a BOM is allowed); HTML and XML may also
declare another encoding in their head. Input that is neither is rejected, not guessed.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.boilerplate import remove_boilerplate
from ingest.errors import EmptyInput, IngestError, InputTooLarge, UnreadableInput, UnsupportedFormat
from ingest.model import Article
from ingest.normalize import binary_problem, decode, looks_binary, normalize_published

# spaCy's default Language.max_length: longer texts need chunking we do not do.
MAX_ARTICLE_CHARS = 1_000_000
# A file larger than this is refused before it is read (feeds and JSONL hold many articles).
MAX_FILE_BYTES = 64 * 1024 * 1024

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = (".xml", ".rss", ".atom")
SUFFIXES = (*TEXT_SUFFIXES, *HTML_SUFFIXES, ".json", ".jsonl", *FEED_SUFFIXES)

Fields = dict[str, Any]


@dataclass(frozen=True, slots=True)
class ReadFailure:
    """An input that could not be read, with the error that says which and why."""

    source: str
    error: IngestError

    @property
    def message(self) -> str:
        return str(self.error)


# ---- public entry points ---------------------------------------------------------------


def read_paths(
    paths: Iterable[str | Path],
    *,
    max_chars: int = MAX_ARTICLE_CHARS,
    max_bytes: int = MAX_FILE_BYTES,
) -> Iterator[Article | ReadFailure]:
    """Yield an Article or a ReadFailure for every article in the files and folders given."""
    for path in paths:
        for file in _expand(Path(path)):
            yield from read_file(file, max_chars=max_chars, max_bytes=max_bytes)


def read_file(
    path: str | Path,
    *,
    max_chars: int = MAX_ARTICLE_CHARS,
    max_bytes: int = MAX_FILE_BYTES,
) -> Iterator[Article | ReadFailure]:
    """Yield the articles of one file, or one ReadFailure saying why it cannot be read."""
    path = Path(path)
    source = str(path)
    try:
        data = _load(path, max_bytes)
        for item in _parse(path.suffix.lower(), data, source):
            yield item if isinstance(item, ReadFailure) else _guard(item, source, max_chars)
    except IngestError as e:
        yield ReadFailure(e.source, e)


def read_text(text: str, *, source: str = "<text>", max_chars: int = MAX_ARTICLE_CHARS) -> Article:
    """Build an Article from plain text as the .txt reader would; raise IngestError if unfit."""
    return article_from_fields(_txt_fields(text), source, max_chars)


def article_from_fields(fields: Fields, source: str, max_chars: int = MAX_ARTICLE_CHARS) -> Article:
    """Clean and check one article's fields; raise IngestError when it has no usable text.

    The text is kept character for character unless boilerplate is removed from it, so
    evidence offsets also hold against the text a JSON input was given with.
    """
    text = fields.get("text")
    if not isinstance(text, str):
        raise UnreadableInput(source, "no article text (a string 'text' field is required)")
    if not text.strip():
        raise EmptyInput(source, "article text is empty")
    if any("\x00" in v for v in fields.values() if isinstance(v, str)):
        raise UnreadableInput(source, "the article contains NUL characters")
    if len(text) > max_chars:
        raise InputTooLarge(
            source, f"article text is {len(text):,} characters; the limit is {max_chars:,}"
        )
    text = remove_boilerplate(text)
    if not text.strip():
        raise EmptyInput(source, "no article text left after removing boilerplate")
    title = _clean_str(fields.get("title"))
    return Article(
        id=_clean_str(fields.get("id")) or content_id(title, text),
        text=text,
        title=title,
        url=_clean_str(fields.get("url")),
        published=normalize_published(fields.get("published")),
        source=source,
    )


def content_id(title: str | None, text: str) -> str:
    """A stable id from an article's content: the same title and text give the same id."""
    return hashlib.sha256(f"{title or ''}\n{text}".encode()).hexdigest()[:16]


# ---- files and folders -----------------------------------------------------------------


def _expand(path: Path) -> Iterator[Path]:
    """Files under a path; inside folders, hidden files and unknown extensions are skipped."""
    if not path.is_dir():
        yield path
        return
    for file in sorted(path.rglob("*")):
        hidden = any(p.startswith(".") for p in file.relative_to(path).parts)
        if file.is_file() and not hidden and file.suffix.lower() in SUFFIXES:
            yield file


def _load(path: Path, max_bytes: int) -> bytes:
    """The file's bytes, after checking it exists, has a known format and a sane size."""
    source = str(path)
    if not path.exists():
        raise UnreadableInput(source, "no such file or directory")
    if path.suffix.lower() not in SUFFIXES:
        raise UnsupportedFormat(
            source,
            f"unknown extension {path.suffix or '(none)'!r}; expected one of "
            + ", ".join(SUFFIXES),
        )
    try:
        data = _read_regular(path, max_bytes)
    except OSError as e:
        raise UnreadableInput(source, e.strerror or str(e)) from e
    if not data.strip():
        raise EmptyInput(source, "file is empty")
    if looks_binary(data):
        raise UnreadableInput(source, binary_problem(data))
    return data


def _read_regular(path: Path, max_bytes: int) -> bytes:
    """At most `max_bytes` of a regular file. Opened without blocking and checked on the open
    descriptor: a FIFO hung `dipgraph ingest`, and a symlink to /dev/zero read without end."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise UnreadableInput(str(path), f"not a regular file ({_kind(mode)})")
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputTooLarge(str(path), f"file is larger than the limit of {max_bytes:,} bytes")
    return data


def _kind(mode: int) -> str:
    kinds = {
        stat.S_ISFIFO: "a FIFO",
        stat.S_ISCHR: "a character device",
        stat.S_ISBLK: "a block device",
        stat.S_ISSOCK: "a socket",
        stat.S_ISDIR: "a folder",
    }
    return next((name for test, name in kinds.items() if test(mode)), "not a file")


def _guard(fields: Fields, source: str, max_chars: int) -> Article | ReadFailure:
    """An Article from fields, or the ReadFailure that explains why not."""
    try:
        return article_from_fields(fields, fields.pop("_source", source), max_chars)
    except IngestError as e:
        return ReadFailure(e.source, e)


def _parse(suffix: str, data: bytes, source: str) -> Iterable[Fields | ReadFailure]:
    """Dispatch to the reader for a file's format."""
    if suffix in TEXT_SUFFIXES:
        return [_txt_fields(decode(data, source))]
    if suffix in HTML_SUFFIXES:
        from ingest.html_reader import html_fields

        return [html_fields(decode(data, source, declared=True), source)]
    if suffix == ".json":
        return _json_fields(decode(data, source), source)
    if suffix == ".jsonl":
        return _jsonl_fields(decode(data, source), source)
    from ingest.feed_reader import feed_fields

    return feed_fields(data, source)


# ---- plain text, JSON, JSONL -----------------------------------------------------------

_HEADLINE_MAX_CHARS = 200
_HEADLINE_MAX_WORDS = 30


def looks_like_headline(line: str) -> bool:
    """True for a short line that does not end as a sentence does: a title, not a lede."""
    line = line.strip()
    if not line or len(line) > _HEADLINE_MAX_CHARS or len(line.split()) > _HEADLINE_MAX_WORDS:
        return False
    return not re.search(r"[.,;:]['\"’”)]*$", line)


def _txt_fields(text: str) -> Fields:
    """Title from the first line when it reads as a headline; the rest is the text."""
    text = text.replace("\r\n", "\n").strip()
    first, _, rest = text.partition("\n")
    if rest.strip() and looks_like_headline(first):
        return {"title": first.strip(), "text": rest}
    return {"text": text}


def _json_fields(text: str, source: str) -> list[Fields]:
    """One article object, or a list of them."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as e:
        raise UnreadableInput(source, f"invalid JSON at line {e.lineno}: {e.msg}") from e
    items = value if isinstance(value, list) else [value]
    if not items or not all(isinstance(i, dict) for i in items):
        raise UnreadableInput(source, "expected a JSON object {id, title, url, published, text}")
    return items


def _jsonl_fields(text: str, source: str) -> Iterator[Fields | ReadFailure]:
    """One article per non-blank line; a bad line fails alone."""
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip():
            yield _jsonl_line(line, f"{source}:{number}")


def _jsonl_line(line: str, source: str) -> Fields | ReadFailure:
    """The article object on one JSONL line, or a ReadFailure naming the line."""
    try:
        value = json.loads(line)
    except json.JSONDecodeError as e:
        return ReadFailure(source, UnreadableInput(source, f"invalid JSON: {e.msg}"))
    if not isinstance(value, dict):
        return ReadFailure(source, UnreadableInput(source, "expected a JSON object"))
    return {**value, "_source": source}


# ---- small normalisers -----------------------------------------------------------------


def _clean_str(value: Any) -> str | None:
    """A stripped string, or None for empty and non-scalar values."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float | str):
        return str(value).strip() or None
    return None
