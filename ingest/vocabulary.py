"""What each relation type means to extraction, in one declarative table: its trigger words,
the prepositions that introduce its target, which actor types it may target, whether it is
symmetric, a standing state or a speech act, and its CAMEO and PLOVER codes (DESIGN.md).

Adding a type is one entry here (and its name in `RelationType`); the rule lexicon, the codes,
the type checks, the classifier's labels and the views read this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from ingest.model import ActorType, RelationType

T = RelationType
A = ActorType
PEOPLE_OR_STATES = frozenset({A.PERSON, A.COUNTRY, A.ORGANIZATION})


@dataclass(frozen=True, slots=True)
class TypeSpec:
    verbs: tuple[str, ...] = ()  # lemmas whose subject and object the type relates
    nouns: tuple[str, ...] = ()  # nouns that carry it ("talks", "sanctions")
    target_preps: tuple[str, ...] = ()  # "met with X", "sanctions on X"
    targets: frozenset[ActorType] = PEOPLE_OR_STATES
    symmetric: bool = False  # stored once, in either direction
    standing: bool = False  # a lasting state (undated), not an act
    # The two sides stand together (blocs are computed from these alone). Contact is not
    # alignment: adversaries meet, visit and invite each other to negotiate.
    aligning: bool = False
    speech_act: bool = False  # said at a meeting: takes the meeting's date
    cameo: str | None = None  # asserted
    plover: str | None = None
    planned: str | None = None  # CAMEO of the planned or hedged act
    # (words, code, words, code): a finer CAMEO code when the evidence has one of the words
    hints: tuple[tuple[str, ...], str, tuple[str, ...], str] | None = None


SPECS: dict[RelationType, TypeSpec] = {
    T.MET: TypeSpec(
        verbs=("meet", "talk", "speak", "confer", "negotiate", "join", "sit"),
        nouns=("meeting", "talks", "talk", "call", "summit", "negotiation"),
        target_preps=("with",), symmetric=True, cameo="040", plover="CONSULT", planned="036",
        hints=(("phone", "telephone"), "041", ("negotiat",), "046"),
    ),
    T.VISITED: TypeSpec(
        verbs=("visit", "arrive", "travel", "fly", "tour"), nouns=("visit", "trip"),
        target_preps=("to", "in"), targets=frozenset({A.COUNTRY, A.PLACE}),
        cameo="042", plover="CONSULT", planned="036",
    ),
    T.HOSTED: TypeSpec(
        verbs=("host", "welcome", "receive"), cameo="043", plover="CONSULT", planned="036"
    ),
    T.INVITED: TypeSpec(
        verbs=("invite",), nouns=("invitation",), speech_act=True, cameo="036", plover="AGREE"
    ),
    T.PRAISED: TypeSpec(
        aligning=True,
        verbs=("thank", "praise", "hail", "commend", "applaud", "laud"),
        speech_act=True, cameo="051", plover="SUPPORT",
    ),
    T.SUPPORTS: TypeSpec(
        aligning=True,
        verbs=("support", "back", "endorse", "stand", "side"),
        nouns=("support", "solidarity", "backing", "commitment"),
        target_preps=("for", "with", "to"), standing=True, speech_act=True,
        cameo="051", plover="SUPPORT", planned="032",
    ),
    T.RECOGNIZED: TypeSpec(
        aligning=True,
        verbs=("recognize", "recognise"), cameo="054", plover="SUPPORT", planned="032"
    ),
    T.AGREED: TypeSpec(
        aligning=True,
        verbs=("agree", "sign"), nouns=("agreement", "deal"), target_preps=("with",),
        symmetric=True, speech_act=True, cameo="057", plover="AGREE", planned="030",
    ),
    T.SUPPLIED: TypeSpec(
        aligning=True,
        verbs=("supply", "deliver", "transfer", "send", "provide", "ship", "sell"),
        nouns=("transfer", "provision", "delivery", "shipment"), target_preps=("to",),
        cameo="071", plover="AID", planned="0331",
        hints=(("arms", "munition", "weapon", "military"), "072", ("humanitarian",), "073"),
    ),
    T.COOPERATES: TypeSpec(
        aligning=True,
        verbs=("cooperate", "collaborate"),
        nouns=("cooperation", "partnership", "alliance", "collaboration", "exercise", "drill"),
        target_preps=("with", "between"), symmetric=True, standing=True,
        cameo="061", plover="COOPERATE", planned="0311",
        hints=(("military", "defense", "defence", "security"), "062", ("intelligence",), "064"),
    ),
    T.CRITICIZED: TypeSpec(
        verbs=("criticize", "criticise", "condemn", "accuse", "denounce", "blame", "warn"),
        nouns=("condemnation", "criticism"), target_preps=("for",), speech_act=True,
        cameo="111", plover="ACCUSE", hints=(("accus",), "112", ("concern",), "114"),
    ),
    T.THREATENED: TypeSpec(
        verbs=("threaten",), target_preps=("to",), speech_act=True, cameo="130",
        plover="THREATEN", hints=(("sanction",), "1312", ("force", "strike", "attack"), "138"),
    ),
    T.SANCTIONED: TypeSpec(
        verbs=("sanction", "expel"), nouns=("sanction",), target_preps=("on", "against"),
        cameo="163", plover="SANCTION", planned="1312",
        hints=(("expel", "expuls"), "166", ("embargo",), "163"),
    ),
    T.ACCOMPANIED: TypeSpec(aligning=True, verbs=("accompany",), targets=frozenset({A.PERSON})),
}  # fmt: skip

SYMMETRIC_TYPES = frozenset(t for t, s in SPECS.items() if s.symmetric)

# Relation types whose two sides stand together: what `blocs` groups by (README, OpenAPI).
ALIGNING: frozenset[RelationType] = frozenset(t for t, spec in SPECS.items() if spec.aligning)
