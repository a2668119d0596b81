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


# Byte order marks that name their encoding (UTF-32 first: its LE mark starts like UTF-16's).
_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)


def bom_encoding(data: bytes) -> str | None:
    """UTF-16 or UTF-32 when the data starts with their byte order mark."""
    return next((name for bom, name in _BOMS if data.startswith(bom)), None)


def decode(data: bytes, source: str, *, declared: bool = False) -> str:
    """UTF-8 text, UTF-16/32 with a byte order mark, or the encoding the document declares;
    anything else is UnreadableInput."""
    marked = bom_encoding(data)
    if marked:
        try:
            return data.decode(marked)
        except UnicodeDecodeError as e:
            raise UnreadableInput(source, f"not valid {marked.upper()} despite its BOM") from e
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
        raise UnreadableInput(source, binary_problem(data))
    raise UnreadableInput(
        source,
        f"not valid UTF-8 (byte 0x{data[err.start]:02x} at offset {err.start}); "
        "convert the file to UTF-8",
    )


def looks_binary(data: bytes) -> bool:
    """True when the head has NUL bytes or more than 1% control bytes, as text never does
    (UTF-16 and UTF-32 with a byte order mark are text)."""
    if bom_encoding(data):
        return False
    head = data[:8192]
    controls = sum(1 for b in head if b < 32 and b not in _TEXT_CONTROLS)
    return b"\x00" in head or controls > len(head) / 100


def binary_problem(data: bytes) -> str:
    """Why data that looks binary cannot be read; UTF-16 without a BOM is named as such."""
    head = data[:8192]
    even, odd = head[0::2], head[1::2]
    if head and (even.count(0) > len(even) * 0.4 or odd.count(0) > len(odd) * 0.4):
        return "looks like UTF-16 without a byte order mark; convert the file to UTF-8"
    return "binary data, not a text file"


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
