"""The trigger lexicon: verbs and nouns per relation type, and the words rules key on."""

from __future__ import annotations

import re

from ingest.vocabulary import SPECS

# the trigger words and target prepositions of each type, from the one table in vocabulary.py
VERBS = {verb: t for t, spec in SPECS.items() for verb in spec.verbs}
NOUNS = {noun: t for t, spec in SPECS.items() for noun in spec.nouns}
TARGET_PREPS = {t: set(spec.target_preps) for t, spec in SPECS.items()}
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
