"""The trigger lexicon: verbs and nouns per relation type, and the words rules key on."""

from __future__ import annotations

import re

from ingest.model import RelationType

T = RelationType
VERBS = {
    "meet": T.MET, "talk": T.MET, "speak": T.MET, "confer": T.MET, "negotiate": T.MET,
    "join": T.MET, "sit": T.MET, "visit": T.VISITED, "arrive": T.VISITED, "travel": T.VISITED,
    "fly": T.VISITED, "tour": T.VISITED, "host": T.HOSTED, "welcome": T.HOSTED,
    "receive": T.HOSTED, "invite": T.INVITED, "thank": T.PRAISED, "praise": T.PRAISED,
    "hail": T.PRAISED, "commend": T.PRAISED, "applaud": T.PRAISED, "laud": T.PRAISED,
    "support": T.SUPPORTS, "back": T.SUPPORTS, "endorse": T.SUPPORTS, "stand": T.SUPPORTS,
    "side": T.SUPPORTS, "recognize": T.RECOGNIZED, "recognise": T.RECOGNIZED,
    "agree": T.AGREED, "sign": T.AGREED, "supply": T.SUPPLIED, "deliver": T.SUPPLIED,
    "transfer": T.SUPPLIED, "send": T.SUPPLIED, "provide": T.SUPPLIED, "ship": T.SUPPLIED,
    "sell": T.SUPPLIED, "cooperate": T.COOPERATES, "collaborate": T.COOPERATES,
    "criticize": T.CRITICIZED, "criticise": T.CRITICIZED, "condemn": T.CRITICIZED,
    "accuse": T.CRITICIZED, "denounce": T.CRITICIZED, "blame": T.CRITICIZED,
    "threaten": T.THREATENED, "warn": T.CRITICIZED, "sanction": T.SANCTIONED,
    "expel": T.SANCTIONED, "accompany": T.ACCOMPANIED,
}  # fmt: skip
NOUNS = {
    "meeting": T.MET, "talks": T.MET, "talk": T.MET, "call": T.MET, "summit": T.MET,
    "negotiation": T.MET, "visit": T.VISITED, "trip": T.VISITED, "support": T.SUPPORTS,
    "solidarity": T.SUPPORTS, "backing": T.SUPPORTS, "invitation": T.INVITED,
    "agreement": T.AGREED, "deal": T.AGREED, "cooperation": T.COOPERATES,
    "partnership": T.COOPERATES, "alliance": T.COOPERATES, "collaboration": T.COOPERATES,
    "sanction": T.SANCTIONED, "condemnation": T.CRITICIZED, "criticism": T.CRITICIZED,
    "commitment": T.SUPPORTS, "exercise": T.COOPERATES, "drill": T.COOPERATES,
    "transfer": T.SUPPLIED, "provision": T.SUPPLIED, "delivery": T.SUPPLIED,
    "shipment": T.SUPPLIED,
}  # fmt: skip
TARGET_PREPS = {
    T.MET: {"with"}, T.VISITED: {"to", "in"}, T.SUPPORTS: {"for", "with", "to"},
    T.SUPPLIED: {"to"}, T.COOPERATES: {"with", "between"}, T.THREATENED: {"to"},
    T.SANCTIONED: {"on", "against"}, T.INVITED: set(), T.AGREED: {"with"},
    T.CRITICIZED: {"for"}, T.HOSTED: set(), T.PRAISED: set(), T.RECOGNIZED: set(),
    T.ACCOMPANIED: set(),
}  # fmt: skip
SYMMETRIC = {T.MET, T.AGREED, T.COOPERATES}
CONSEQUENCES = re.compile(
    r"\b(consequences?|retaliat\w*|face|pay a price|respond|response|mistake|repercussions?|"
    r"costs?|punish\w*)\b",
    re.I,
)
# "designated X as a terrorist organization" is a sanction; "designated as an ally" is not
DESIGNATION = re.compile(r"\b(terror\w*|sanction\w*|Executive Order|E\.O\.|pursuant)\b", re.I)
CONCERN_NOUNS = frozenset({"concern", "concerns", "alarm", "outrage", "dismay"})
# nouns that carry a claim: "said in a statement that", "expressed concern that"
CLAIM_NOUNS = frozenset(
    {"statement", "concern", "belief", "hope", "confidence", "view", "remarks", "interview"}
)
IDIOMS = frozenset({"hold", "express", "designate"})
PERSONAL = {"he", "him", "his", "she", "her"}
NEUTER = {"it", "its"}
PLURAL = {"they", "them", "their"}
PLURAL_DESCRIPTIONS = {"leaders", "presidents", "ministers", "secretaries", "sides"}
GROUP_NOUNS = {
    "officials", "official", "delegation", "delegations", "government", "leaders", "people",
    "forces", "troops", "military", "presidents", "ministers", "secretaries", "sides",
}  # fmt: skip
NOT_GOODS = {"message", "speech", "remarks", "address", "warning", "statement", "letter", "blow"}
# a gerund or infinitive under these verbs is not their subject's own act ("opposed sending")
NO_CONTROL = frozenset(
    {"oppose", "urge", "ask", "call", "condemn", "criticize", "welcome", "discuss", "propose",
     "suggest", "recommend", "warn", "allow", "approve", "authorize", "endorse", "praise",
     "reject", "debate", "block", "veto", "resist", "deny", "accuse", "blame"}
)  # fmt: skip
