"""Refuse expression work without a bound before it runs, reading the normalised query text.

Neo4j 5.26 does not hold expression values to `db.memory.transaction.max` (measured at 64 MiB:
a 134 MB string doubled in `reduce` and 5-million-element list comprehensions passed, while
`collect()` stopped at the limit), and it checks the transaction timeout between rows, not inside
one expression (a `reduce` over three billion numbers ran 56 s past a 20 s limit). So work done
inside one expression must be bounded by the text itself:
- brackets nest at most MAX_DEPTH deep (1,000 overflow the server's parser stack);
- `range()` used as a value takes integer literals, and the sizes of all such ranges multiplied
  stay within MAX_RANGE_ITEMS; only `UNWIND range(...)` streams rows and may be larger;
- `reduce()` walks `nodes(p)`, `relationships(p)` or a literal `range()` of at most
  MAX_REDUCE_ITEMS, and names its accumulator once in its step (no doubling);
- a list comprehension, quantifier or reduce inside another walks the elements of one value
  (nodes(), relationships(), labels(), keys()), or a literal range inside literal ranges.
What still outgrows the heap fails on its own allocation (see graph/server.py: the JVM keeps
running and the query gets Neo.TransientError.General.OutOfMemoryError).
"""

from __future__ import annotations

import re

from graph.errors import QueryRefused

MAX_DEPTH = 32
MAX_RANGE_ITEMS = 100_000
MAX_REDUCE_ITEMS = 100
_OPEN, _CLOSE = "([{", ")]}"
_RANGE = re.compile(r"(?<![\w.$])range\s*\(", re.I)
_REDUCE = re.compile(r"(?<![\w.$])reduce\s*\(", re.I)
# A list comprehension `[x IN`, a quantifier `any(x IN` or a reduce `reduce(acc = .., x IN`.
_ITERATION = re.compile(
    r"(?:(?<![\w.$])(?:all|any|none|single|reduce)\s*\(|\[)\s*[A-Za-z_]\w*\s*(?:=[^|]*?,\s*[A-Za-z_]\w*\s*)?IN\b",
    re.I,
)
_BOUNDED_SOURCE = re.compile(r"\s*(?:nodes|relationships|labels|keys)\s*\(", re.I)
_UNWIND_BEFORE = re.compile(r"(?<![\w.$])UNWIND\s*$", re.I)


def refuse(message: str, reason: str, **details: object) -> QueryRefused:
    return QueryRefused(message, {"reason": reason, **details})


def check_budget(plain: str) -> None:
    """Raise QueryRefused when the normalised query asks for expression work without a bound."""
    closes = _matching(plain)
    _check_ranges(plain, closes)
    _check_reduces(plain, closes)
    _check_nesting(plain, closes)


def _matching(plain: str) -> dict[int, int]:
    """Index of each opening bracket -> its closing one; refuses depth beyond MAX_DEPTH."""
    stack: list[int] = []
    closes: dict[int, int] = {}
    for i, ch in enumerate(plain):
        if ch in _OPEN:
            stack.append(i)
            if len(stack) > MAX_DEPTH:
                raise refuse(
                    f"brackets nest deeper than {MAX_DEPTH} levels",
                    "too_deep",
                    max_depth=MAX_DEPTH,
                )
        elif ch in _CLOSE and stack:
            closes[stack.pop()] = i
    return closes


def _arguments(plain: str, open_at: int, closes: dict[int, int]) -> list[str]:
    """The top-level comma-separated arguments of the call whose `(` is at `open_at`."""
    end = closes.get(open_at, len(plain))
    args, depth, start = [], 0, open_at + 1
    for i in range(open_at + 1, end):
        ch = plain[i]
        depth += (ch in _OPEN) - (ch in _CLOSE)
        if ch == "," and depth == 0:
            args.append(plain[start:i])
            start = i + 1
    args.append(plain[start:end])
    return [a.strip() for a in args]


def _integer(text: str) -> int | None:
    try:
        return int(text.replace(" ", ""), 0)
    except ValueError:
        return None


def range_size(args: list[str]) -> int | None:
    """How many values `range(args)` yields, or None when they are not integer literals."""
    values = [_integer(a) for a in args]
    if len(values) not in (2, 3) or any(v is None for v in values):
        return None
    start, end, step = values[0], values[1], values[2] if len(values) == 3 else 1
    if step == 0:
        return 0
    # Arithmetic, not len(range(...)): Python's range length overflows past 2**63.
    return max(0, (end - start) // step + 1)


def _check_ranges(plain: str, closes: dict[int, int]) -> None:
    product = 1
    for match in _RANGE.finditer(plain):
        if _UNWIND_BEFORE.search(plain[: match.start()]):
            continue  # UNWIND streams one row at a time, under the transaction's timeout
        size = range_size(_arguments(plain, match.end() - 1, closes))
        if size is None:
            raise refuse(
                "range() used as a value needs integer literal bounds (UNWIND range(...) streams)",
                "unbounded_range",
            )
        product *= max(size, 1)
        if product > MAX_RANGE_ITEMS:
            raise refuse(
                f"ranges used as values may hold at most {MAX_RANGE_ITEMS:,} items together",
                "range_too_large",
                max_items=MAX_RANGE_ITEMS,
            )


def _check_reduces(plain: str, closes: dict[int, int]) -> None:
    for match in _REDUCE.finditer(plain):
        args = _arguments(plain, match.end() - 1, closes)
        head, _, rest = ",".join(args).partition(",")
        accumulator = head.split("=", 1)[0].strip()
        source, bar, step = re.split(r"\bIN\b", rest, maxsplit=1, flags=re.I)[-1].partition("|")
        if not bar or not _reduce_source_bounded(source):
            raise refuse(
                "reduce() may walk nodes(p), relationships(p) or a literal range() of at most "
                f"{MAX_REDUCE_ITEMS} items",
                "unbounded_reduce",
                max_items=MAX_REDUCE_ITEMS,
            )
        if len(re.findall(rf"(?<![\w.$]){re.escape(accumulator)}(?!\w)", step)) > 1:
            raise refuse(
                "reduce() may name its accumulator once in its step (no doubling)",
                "reduce_doubling",
            )


def _reduce_source_bounded(source: str) -> bool:
    if _BOUNDED_SOURCE.match(source):
        return True
    found = _RANGE.match(source.strip())
    if not found:
        return False
    inner = source.strip()
    size = range_size(_arguments(inner, found.end() - 1, _matching(inner)))
    return size is not None and size <= MAX_REDUCE_ITEMS


def _check_nesting(plain: str, closes: dict[int, int]) -> None:
    spans = []
    for match in _ITERATION.finditer(plain):
        opened = match.start() if plain[match.start()] == "[" else plain.index("(", match.start())
        source = plain[match.end() :]
        spans.append((opened, closes.get(opened, len(plain)), _source_kind(source)))
    for opened, _, kind in spans:
        outer = [k for o, c, k in spans if o < opened < c]
        # A literal range inside literal ranges is counted by _check_ranges; a range inside a
        # walk over a caller-sized list multiplies it (1M collected x range(1,20) took 50 s of
        # garbage collection before the heap ran out).
        if outer and (kind == "other" or (kind == "range" and set(outer) != {"range"})):
            raise refuse(
                "an iteration inside another must walk nodes(), relationships(), labels() or "
                "keys(), or a literal range() inside literal ranges",
                "nested_iteration",
            )


def _source_kind(source: str) -> str:
    if _BOUNDED_SOURCE.match(source):
        return "element"
    return "range" if _RANGE.match(source.lstrip()) else "other"
