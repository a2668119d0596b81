"""CAMEO and PLOVER codes for a relation type and modality, from the table in vocabulary.py."""

from __future__ import annotations

import re

from ingest.model import Modality, RelationType
from ingest.vocabulary import SPECS

T = RelationType
FUTURE = {Modality.PLANNED, Modality.HEDGED}


def _refine(rtype: RelationType, code: str, hint: str) -> str:
    rule = SPECS[rtype].hints
    if rule is None:
        return code
    words_a, code_a, words_b, code_b = rule
    words = re.findall(r"[a-z]+", hint.lower())
    if any(w.startswith(stem) for stem in words_a for w in words):
        return code_a
    if any(w.startswith(stem) for stem in words_b for w in words):
        return code_b
    return code


def codes(rtype: RelationType, modality: Modality, hint: str = "") -> tuple[str | None, str | None]:
    """(CAMEO, PLOVER): 03x codes for planned or hedged acts, a sub-code from the evidence words."""
    spec = SPECS[rtype]
    cameo, plover = spec.cameo, spec.plover
    if modality in FUTURE and spec.planned:
        if rtype is T.SUPPLIED and "military" in hint.lower():
            return "0332", plover
        return spec.planned, plover
    if cameo is None:
        return None, None
    return _refine(rtype, cameo, hint), plover
