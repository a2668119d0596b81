"""Articles from an RSS or Atom feed, via feedparser: one per entry with content or summary."""

from __future__ import annotations

import time
from collections.abc import Iterator
from typing import Any

import feedparser

from ingest.errors import EmptyInput, UnreadableInput
from ingest.html_reader import fragment_text
from ingest.normalize import decode


def feed_fields(data: bytes, source: str) -> Iterator[dict[str, Any]]:
    """Field dicts for the feed's entries; a file that is not a feed is UnreadableInput."""
    decode(data, source, declared=True)  # the same encoding rule as every other format
    feed = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=False)
    if not feed.entries:
        why = f" ({feed.bozo_exception})" if feed.get("bozo") else ""
        raise UnreadableInput(source, f"not an RSS/Atom feed with entries{why}")
    entries = [e for e in feed.entries if _entry_markup(e).strip()]
    if not entries:
        raise EmptyInput(source, "feed entries have no content or summary")
    for number, entry in enumerate(entries, start=1):
        yield _entry_fields(entry, f"{source}#{number}")


def _entry_fields(entry: Any, source: str) -> dict[str, Any]:
    """One entry as article fields; its id is the feed's id, else its link."""
    return {
        "id": entry.get("id") or entry.get("link"),
        "title": fragment_text(entry.get("title") or "") or None,
        "url": entry.get("link"),
        "published": _entry_date(entry),
        "text": fragment_text(_entry_markup(entry)),
        "_source": source,
    }


def _entry_markup(entry: Any) -> str:
    """The fullest body an entry carries: content first, then summary."""
    for content in entry.get("content") or ():
        if (content.get("value") or "").strip():
            return content["value"]
    return entry.get("summary") or ""


def _entry_date(entry: Any) -> str | None:
    """The entry's publication (else update) date as YYYY-MM-DD."""
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    return time.strftime("%Y-%m-%d", parsed) if parsed else None
