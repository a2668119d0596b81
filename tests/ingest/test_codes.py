import pytest

from ingest.codes import codes
from ingest.model import Modality, RelationType

T, M = RelationType, Modality


@pytest.mark.parametrize(
    ("rtype", "modality", "hint", "expected"),
    [
        (T.MET, M.ASSERTED, "met in Beijing", ("040", "CONSULT")),
        (T.MET, M.ASSERTED, "spoke today by phone", ("041", "CONSULT")),
        (T.MET, M.PLANNED, "will meet", ("036", "CONSULT")),
        (T.VISITED, M.ASSERTED, "", ("042", "CONSULT")),
        (T.VISITED, M.PLANNED, "", ("036", "CONSULT")),
        (T.HOSTED, M.REPORTED, "", ("043", "CONSULT")),
        (T.INVITED, M.ASSERTED, "", ("036", "AGREE")),
        (T.PRAISED, M.ASSERTED, "", ("051", "SUPPORT")),
        (T.SUPPORTS, M.PLANNED, "", ("032", "SUPPORT")),
        (T.RECOGNIZED, M.ASSERTED, "", ("054", "SUPPORT")),
        (T.AGREED, M.ASSERTED, "", ("057", "AGREE")),
        (T.SUPPLIED, M.ASSERTED, "delivered munitions", ("072", "AID")),
        (T.SUPPLIED, M.ASSERTED, "humanitarian aid", ("073", "AID")),
        (T.SUPPLIED, M.HEDGED, "would supply military equipment", ("0332", "AID")),
        (T.COOPERATES, M.ASSERTED, "defense cooperation", ("062", "COOPERATE")),
        (T.CRITICIZED, M.ASSERTED, "accused", ("112", "ACCUSE")),
        (T.THREATENED, M.ASSERTED, "threatened sanctions", ("1312", "THREATEN")),
        (T.SANCTIONED, M.ASSERTED, "expelled diplomats", ("166", "SANCTION")),
        (T.SANCTIONED, M.PLANNED, "", ("1312", "SANCTION")),
        (T.ACCOMPANIED, M.ASSERTED, "", (None, None)),
    ],
)
def test_codes_follow_the_design_table(rtype, modality, hint, expected):
    assert codes(rtype, modality, hint) == expected


def test_every_type_has_codes():
    for rtype in RelationType:
        for modality in Modality:
            cameo, plover = codes(rtype, modality)
            assert (cameo is None) == (rtype is T.ACCOMPANIED)
            assert (plover is None) == (rtype is T.ACCOMPANIED)
