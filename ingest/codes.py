"""CAMEO and PLOVER codes for a relation type and modality, per the DESIGN.md table."""

from __future__ import annotations

import re

from ingest.model import Modality, RelationType

T = RelationType
FUTURE = {Modality.PLANNED, Modality.HEDGED}
ASSERTED = {
    T.MET: ("040", "CONSULT"),
    T.VISITED: ("042", "CONSULT"),
    T.HOSTED: ("043", "CONSULT"),
    T.INVITED: ("036", "AGREE"),
    T.PRAISED: ("051", "SUPPORT"),
    T.SUPPORTS: ("051", "SUPPORT"),
    T.RECOGNIZED: ("054", "SUPPORT"),
    T.AGREED: ("057", "AGREE"),
    T.SUPPLIED: ("071", "AID"),
    T.COOPERATES: ("061", "COOPERATE"),
    T.CRITICIZED: ("111", "ACCUSE"),
    T.THREATENED: ("130", "THREATEN"),
    T.SANCTIONED: ("163", "SANCTION"),
    T.ACCOMPANIED: (None, None),
}
PLANNED = {
    T.MET: "036",
    T.VISITED: "036",
    T.HOSTED: "036",
    T.SUPPORTS: "032",
    T.RECOGNIZED: "032",
    T.AGREED: "030",
    T.SUPPLIED: "0331",
    T.COOPERATES: "0311",
    T.SANCTIONED: "1312",
}
HINTS = {
    T.MET: (("phone", "telephone"), "041", ("negotiat",), "046"),
    T.SUPPLIED: (("arms", "munition", "weapon", "military"), "072", ("humanitarian",), "073"),
    T.COOPERATES: (("military", "defense", "defence", "security"), "062", ("intelligence",), "064"),
    T.CRITICIZED: (("accus",), "112", ("concern",), "114"),
    T.THREATENED: (("sanction",), "1312", ("force", "strike", "attack"), "138"),
    T.SANCTIONED: (("expel", "expuls"), "166", ("embargo",), "163"),
}


def _refine(rtype: RelationType, code: str, hint: str) -> str:
    rule = HINTS.get(rtype)
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
    cameo, plover = ASSERTED[rtype]
    if modality in FUTURE and rtype in PLANNED:
        if rtype is T.SUPPLIED and "military" in hint.lower():
            return "0332", plover
        return PLANNED[rtype], plover
    if cameo is None:
        return None, None
    return _refine(rtype, cameo, hint), plover
