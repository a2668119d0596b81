"""Analyst query parameters that Bolt carries faithfully, or a 422 saying what to change.

NaN and Infinity parameters came back as null without a word, and a lone surrogate answered
500; parameters also nest at most MAX_PARAM_DEPTH deep.
"""

from __future__ import annotations

import math
from typing import Any

from graph.errors import InvalidInput

MAX_PARAM_DEPTH = 16


def check_params(value: Any, depth: int = 0) -> None:
    """Parameters Bolt carries faithfully: finite numbers, UTF-8 text, shallow nesting."""
    if depth > MAX_PARAM_DEPTH:
        raise InvalidInput("parameters nest too deeply", {"max_depth": MAX_PARAM_DEPTH})
    if isinstance(value, float) and not math.isfinite(value):
        raise InvalidInput("parameters must be finite numbers (no NaN or Infinity)")
    if isinstance(value, str):
        _check_utf8(value)
    elif isinstance(value, dict):
        for key, item in value.items():
            _check_utf8(str(key))
            check_params(item, depth + 1)
    elif isinstance(value, list | tuple):
        for item in value:
            check_params(item, depth + 1)


def _check_utf8(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise InvalidInput(
            "parameters must be valid Unicode text (a lone surrogate is not)",
            {"position": e.start},
        ) from e
