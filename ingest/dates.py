"""Resolve date expressions against the publication date, by news convention (not dateparser's)."""

from __future__ import annotations

import re
from datetime import date, timedelta

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
MONTHS = [
    "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december",
]  # fmt: skip
FULL = re.compile(r"\b([A-Z][a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?,? (\d{4})\b")
DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2}) ([A-Z][a-z]+) (\d{4})\b")
MONTH_YEAR = re.compile(r"\b([A-Z][a-z]+),? (\d{4})\b")
ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
YEAR = re.compile(r"\b(1[89]\d\d|20\d\d)\b")
MONTH_DAY = re.compile(r"\b([A-Z][a-z]+)\.? (\d{1,2})(?:st|nd|rd|th)?\b")
WEEK_WORDS = ("this week", "earlier in the week", "earlier this week", "the week")


def _month(word: str) -> int | None:
    word = word.lower().rstrip(".")
    for i, name in enumerate(MONTHS, start=1):
        if name == word or len(word) >= 3 and name.startswith(word):
            return i
    return None


def _absolute(text: str) -> str | None:
    for rx, order in ((FULL, "mdy"), (DAY_MONTH_YEAR, "dmy")):
        m = rx.search(text)
        if m:
            parts = dict(zip(order, m.groups(), strict=True))
            month = _month(parts["m"])
            if month:
                return f"{int(parts['y']):04d}-{month:02d}-{int(parts['d']):02d}"
    if m := ISO.search(text):
        return m.group(0)
    if (m := MONTH_YEAR.search(text)) and _month(m.group(1)):
        return f"{m.group(2)}-{_month(m.group(1)):02d}"
    if m := YEAR.search(text):
        return m.group(1)
    return None


def last_weekday(name: str, published: date) -> date:
    """News convention: the named day of the publication week, the same day meaning that day."""
    back = (published.weekday() - WEEKDAYS.index(name)) % 7
    return published - timedelta(days=back)


def last_month(month: int, published: date) -> str:
    """ "in September": the most recent September, this month included."""
    year = published.year if month <= published.month else published.year - 1
    return f"{year:04d}-{month:02d}"


def _last_month_day(month: int, day: int, published: date) -> str | None:
    """ "October 18" without a year: its most recent occurrence, the publication day included."""
    for year in (published.year, published.year - 1):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if candidate <= published:
            return candidate.isoformat()
    return None


def _relative(text: str, published: date) -> str | None:
    low = text.lower()
    if "today" in low or "tonight" in low or "this morning" in low:
        return published.isoformat()
    if "yesterday" in low:
        return (published - timedelta(days=1)).isoformat()
    if "tomorrow" in low:
        return (published + timedelta(days=1)).isoformat()
    for name in WEEKDAYS:
        if re.search(rf"\b{name}\b", low) and not re.search(r"\b(next|coming)\b", low):
            return last_weekday(name, published).isoformat()
    if (m := MONTH_DAY.search(text)) and _month(m.group(1)) and 1 <= int(m.group(2)) <= 31:
        return _last_month_day(_month(m.group(1)), int(m.group(2)), published)
    if "last month" in low:
        prev = published.replace(day=1) - timedelta(days=1)
        return f"{prev.year:04d}-{prev.month:02d}"
    if "this month" in low or any(w in low for w in WEEK_WORDS) and "next" not in low:
        return f"{published.year:04d}-{published.month:02d}"
    for word in re.findall(r"[A-Za-z]+", text):
        month = _month(word) if word[:1].isupper() and len(word) >= 3 else None
        if month and word.lower() in MONTHS:
            return last_month(month, published)
    return None


def resolve_date(text: str, published: date | None) -> str | None:
    """An ISO date (YYYY-MM-DD, YYYY-MM or YYYY) for one expression, or None if unresolvable."""
    absolute = _absolute(text)
    if absolute or published is None:
        return absolute
    return _relative(text, published)


def parse_published(value: str | None) -> date | None:
    """The article's publication date, or None when absent or malformed."""
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
