"""Cypher's own lexical rules, as Neo4j 5.26 applies them, for the guard to read a query as the
server will.

Measured against the server (tests/graph/test_cypher_lex.py keeps each fact checked):
- `\\uXXXX` is decoded before lexing, everywhere, Java style: exactly four hex digits, and only
  when the backslash is preceded by an even number of backslashes. `MATCH (n) \\u0053ET n.x = 1`
  is a SET; `// \\u000a` ends a comment; `'\\u0027` closes a string; a decoded backslash escapes
  the next character inside a string but does not start another unicode escape.
- A `//` comment ends at a line feed or a carriage return (no other character).
- `/* ... */` does not nest; strings take backslash escapes (`''` is not one); backquoted names
  double their backquote.
"""

from __future__ import annotations

import re

_UNICODE_ESCAPE = re.compile(r"(?<!\\)((?:\\\\)*)\\u([0-9A-Fa-f]{4})")
_TOKENS = re.compile(
    r"""//[^\r\n]*|/\*.*?(?:\*/|\Z)|'(?:\\.|[^'\\])*'?|"(?:\\.|[^"\\])*"?|`(?:``|[^`])*`?""",
    re.DOTALL,
)


def decode_escapes(query: str) -> str:
    """The text the server lexes: unicode escapes replaced by their characters, in one pass."""
    return _UNICODE_ESCAPE.sub(lambda m: m.group(1) + chr(int(m.group(2), 16)), query)


def _unquote(token: str) -> str:
    """Backquoted names keep their text (so `dbms`.`x` is still seen); literals become blanks."""
    if token.startswith("`"):
        return token.strip("`").replace("``", "`")
    if token.startswith(("'", '"')):
        return "''"
    return " "


def normalise(query: str) -> str:
    """The decoded query without comments, with string literals emptied and backquotes removed."""
    return _TOKENS.sub(lambda m: _unquote(m.group(0)), decode_escapes(query))
