"""Bytes to text and metadata values to the contract's forms, shared by every reader."""

from __future__ import annotations

import re
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from ingest.errors import UnreadableInput

# ---- bytes to text --------------------------------------------------------------------------

_TEXT_CONTROLS = frozenset(b"\t\n\r\f\v\x1b")
_DECLARED = re.compile(rb"""(?:charset|encoding)\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode(data: bytes, source: str, *, declared: bool = False) -> str:
    """UTF-8 text, or the encoding the document declares; anything else is UnreadableInput."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        err = e
    match = _DECLARED.search(data[:4096]) if declared else None
    if match:
        try:
            return data.decode(match.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            pass
    if looks_binary(data):
        raise UnreadableInput(source, "binary data, not a text file")
    raise UnreadableInput(
        source,
        f"not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}); "
        "convert the file to UTF-8",
    )


def looks_binary(data: bytes) -> bool:
    """True when the head has NUL bytes or more than 1% control bytes, as text never does."""
    head = data[:8192]
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROLS)
    return b"\x00" in head or controls > len(head) / 100


# ---- publication dates -----------------------------------------------------------------

_DATE_FORMATS = ("%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d", "%m/%d/%Y")


def normalize_published(value: Any) -> str | None:
    """A publication date as YYYY-MM-DD, or None when absent or not a full date."""
    if isinstance(value, datetime | date):
        return value.strftime("%Y-%m-%d")
    if not isinstance(value, str) or not value.strip():
        return None
    value = value.strip()
    iso = re.match(r"(\d{4})-(\d{2})-(\d{2})(?:$|[T ])", value)
    if iso:
        return _valid_date(*map(int, iso.groups()))
    return _parse_loose_date(value)


def _valid_date(year: int, month: int, day: int) -> str | None:
    """The ISO form of a date, or None when the date does not exist."""
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


def _parse_loose_date(value: str) -> str | None:
    """Parse RFC 2822 (feeds) and a few written forms ("October 18, 2023")."""
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(value, fmt).date().isoformat()
        except ValueError:
            continue
    return None
