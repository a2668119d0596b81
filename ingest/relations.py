"""Typed relations from dependency rules over one sentence: triggers, their arguments, pairs."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from ingest.arguments import ArgumentResolver
from ingest.lexicon import (
    CONCERN_NOUNS,
    CONSEQUENCES,
    DESIGNATION,
    IDIOMS,
    NO_CONTROL,
    NOT_GOODS,
    NOUNS,
    TARGET_PREPS,
    VERBS,
)
from ingest.model import ActorType, RelationType
from ingest.vocabulary import SYMMETRIC_TYPES

T = RelationType


@dataclass(frozen=True, slots=True)
class Candidate:
    """A relation found in one sentence, before modality, dates and codes are attached."""

    type: RelationType
    source: str
    target: str
    trigger: Token
    score: float | None = None  # the relation classifier's probability, when it decided


def _object_controller(tok: Token) -> Token | None:
    """The object of "V X for/of Ving", which controls the gerund's subject."""
    if tok.dep_ != "pcomp" or tok.head.lower_ not in {"for", "of"}:
        return None
    verb = tok.head.head
    return next((c for c in verb.children if c.dep_ == "dobj"), None)


def _concern(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ == "dobj" and c.lower_ in CONCERN_NOUNS), None)


def _conditional(verb: Token) -> bool:
    """ "would impose sanctions if ...": a hypothetical act under an if-clause."""
    modal = any(c.dep_ == "aux" and c.lower_ in {"would", "will", "'ll"} for c in verb.children)
    cond = any(
        c.dep_ == "advcl" and any(m.lower_ == "if" for m in c.children) for c in verb.children
    )
    return modal and cond


class SentenceRules(ArgumentResolver):
    """Apply the trigger rules to one sentence, reading actors from the article's mentions."""

    def subjects(self, verb: Token) -> list[str]:
        """The agent: subject, passive "by" agent, or the controller up the clause chain."""
        tok = verb
        for _ in range(4):
            found: list[str] = []
            for c in tok.children:
                if c.dep_ == "agent":
                    return [n for p in c.children for n in self.expand(p)]
                raised = tok is not verb and c.dep_ == "nsubjpass"  # "X is expected to meet"
                if c.dep_ in {"nsubj", "csubj"} or raised:
                    found.extend(self.expand(c))  # a dateline may be parsed as a second subject
            if found:
                return found
            if tok.dep_ == "relcl":
                return self.expand(tok.head)
            controller = _object_controller(tok)
            if controller is not None:  # "sanctioned X for supplying", "accused X of providing"
                return self.expand(controller)
            if tok.head is tok or tok.dep_ in {"ccomp", "ROOT"} or tok.head.lemma_ in NO_CONTROL:
                return []
            tok = tok.head
        return []

    def objects(self, trigger: Token, rtype: RelationType) -> list[str]:
        """The patient: direct object, or the object of a type's preposition (on the verb or its
        object, since the parser attaches "to Ukraine" in "delivered ammunition to Ukraine" either way)."""
        out: list[str] = []
        for c in trigger.children:
            named = self.expand(c) if c.dep_ in {"dobj", "nsubjpass", "dative", "attr"} else []
            if named and (rtype is not T.SUPPLIED or c.dep_ != "nsubjpass"):
                out.extend(named)
            if c.dep_ == "dobj" and not named:
                out.extend(self._prep_objects(c, TARGET_PREPS[rtype]))
        out.extend(self._prep_objects(trigger, TARGET_PREPS[rtype]))
        return list(dict.fromkeys(out))

    def _prep_objects(self, tok: Token, preps: set[str]) -> list[str]:
        out: list[str] = []
        for c in tok.children:
            if c.dep_ in {"prep", "dative"} and c.lower_ in preps:
                for p in c.children:
                    if p.dep_ == "pobj":
                        out.extend(self.expand(p) or self._possessor(p) or self._of_object(p))
        return out

    def _of_object(self, tok: Token) -> list[str]:
        """ "commitment to the defense of Japan": the state whose defense it is."""
        return [
            n
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children
            if p.dep_ == "pobj"
            for n in self.expand(p)
        ]

    def _possessor(self, tok: Token) -> list[str]:
        """ "support for Russia's war": the possessor names the party."""
        return [self.name_at(c) for c in tok.children if c.dep_ == "poss" and self.name_at(c)]

    def verb_candidates(self, tok: Token) -> list[Candidate]:
        rtype = VERBS.get(tok.lemma_) or self._idiom(tok)
        if rtype is None or rtype is T.SUPPLIED and self._conveys_words(tok):
            return []
        if (
            rtype is T.MET
            and tok.lemma_ in {"speak", "talk", "sit", "join"}
            and not any(c.lower_ == "with" for c in tok.children)
        ):
            return []
        if tok.lemma_ == "warn" and CONSEQUENCES.search(tok.sent.text):
            rtype = T.THREATENED  # a warning of consequences is a threat
        subjects = self.subjects(tok)
        passive = any(c.dep_ == "nsubjpass" for c in tok.children)
        self.exclude = set(subjects)
        if tok.lemma_ == "express":
            objects = self._concerned_about(tok)
            self.exclude = set()
            return self._pairs(rtype, subjects, objects, tok)
        objects = self.objects(tok, rtype)
        self.exclude = set()
        if passive:
            subjects, objects = [], [*subjects, *objects]
            subjects = [n for c in tok.children if c.dep_ == "agent" for p in c.children
                        for n in self.expand(p)]  # fmt: skip
        if not objects and rtype in {T.CRITICIZED, T.THREATENED}:
            objects = self._blamed(tok)
        if rtype is T.ACCOMPANIED and not objects and tok.dep_ in {"acl", "advcl"}:
            # "X, accompanied by Y, traveled to Z": Y accompanied X
            objects = self.expand(tok.head) if tok.dep_ == "acl" else self.subjects(tok.head)
        found = self._pairs(rtype, subjects, objects, tok)
        if rtype is T.VISITED and not passive:  # "X traveled with Y to Z": Y came along
            companions = [n for n in self._prep_objects(tok, {"with"}) if n not in objects]
            found += self._pairs(T.ACCOMPANIED, companions, subjects, tok)
        return found

    @staticmethod
    def _idiom(tok: Token) -> RelationType | None:
        """ "hold X accountable" and "expressed concern about X's ..." are criticism;
        "designated X as a terrorist organization" is a sanction."""
        if tok.lemma_ == "hold" and any(c.lower_ == "accountable" for c in tok.children):
            return T.CRITICIZED
        if tok.lemma_ == "express" and _concern(tok) is not None:
            return T.CRITICIZED
        if tok.lemma_ == "designate" and DESIGNATION.search(tok.sent.text):
            return T.SANCTIONED
        return None

    def _concerned_about(self, tok: Token) -> list[str]:
        """ "expressed concern about Iran's transfer of missiles": whose act worries them."""
        concern = _concern(tok)
        out: list[str] = []
        for c in [*concern.children, *tok.children]:
            if c.dep_ == "prep" and c.lower_ in {"about", "over", "at", "regarding"}:
                for p in c.children:
                    if p.dep_ == "pobj":
                        out.extend(self.expand(p) or self._possessor(p))
        return out

    @staticmethod
    def _conveys_words(tok: Token) -> bool:
        """ "deliver a message to X" delivers no goods."""
        return any(c.dep_ == "dobj" and c.lemma_ in NOT_GOODS for c in tok.children)

    def _blamed(self, tok: Token) -> list[str]:
        """Who is criticised through their act ("condemn reports of Russia's attacks"), or
        threatened in a condition ("threatened to cut supplies if Ukraine does not pay")."""
        for c in tok.subtree:
            if c.dep_ == "advcl" and any(m.lower_ == "if" for m in c.children):
                subj = [n for k in c.children if k.dep_ == "nsubj" for n in self.expand(k)]
                if subj:
                    return subj
        for c in tok.children:
            if c.dep_ == "ccomp":
                subj = [n for k in c.children if k.dep_ == "nsubj" for n in self.expand(k)]
                if subj:
                    return subj
            if c.dep_ in {"dobj", "ccomp"}:
                for t in c.subtree:
                    m = self.mention(t)
                    if (
                        m
                        and m.type is not ActorType.PLACE
                        and t.dep_ in {"poss", "pobj", "compound"}
                    ):
                        return [m.name]
        return []

    def noun_candidates(self, tok: Token) -> list[Candidate]:
        rtype = NOUNS[tok.lemma_.lower()]
        if tok.dep_ == "dobj" and VERBS.get(tok.head.lemma_) is rtype:
            return []  # "signed an agreement": the verb carries the relation
        sources = [
            n for c in tok.children if c.dep_ in {"poss", "compound"} for n in self.expand(c)
        ]
        between = [
            n
            for c in tok.children
            if c.dep_ == "prep" and c.lower_ == "between"
            for p in c.children
            if p.dep_ == "pobj"
            for n in self.expand(p)
        ]
        if rtype is T.SANCTIONED and tok.dep_ == "dobj" and _conditional(tok.head):
            # "would impose further sanctions if Russia invaded": a threat to the condition's subject
            return self._pairs(T.THREATENED, self.subjects(tok.head), self._blamed(tok.head), tok)
        if rtype is T.INVITED:
            inviters = [n for c in tok.children if c.lower_ == "from" for p in c.children
                        for n in self.expand(p)]  # fmt: skip
            return self._pairs(rtype, inviters, self.subjects(tok.head), tok)
        if rtype in SYMMETRIC_TYPES and len(between) < 2:
            between = self._hyphen_pair(tok)
        if len(between) >= 2 or len(sources) >= 2 and rtype in SYMMETRIC_TYPES:
            return self._pairs(rtype, between or sources, [], tok)
        if not sources:  # "a visit to Beijing by Russian Defense Minister Sergei Shoigu"
            sources = [n for c in tok.children if c.lower_ == "by" for p in c.children
                       for n in self.expand(p)]  # fmt: skip
        if not sources and tok.dep_ in {"dobj", "pobj"}:
            sources = self.subjects(tok.head if tok.dep_ == "dobj" else tok.head.head)
        targets = self.objects(tok, rtype)
        if (
            not targets and tok.dep_ == "dobj"
        ):  # "offered solidarity with X": the verb took the prep
            targets = self._prep_objects(tok.head, TARGET_PREPS[rtype])
        return self._pairs(rtype, sources, targets, tok)

    def _hyphen_pair(self, tok: Token) -> list[str]:
        """ "U.S.-Japan defense cooperation": the states named in the noun's left modifiers."""
        out: list[str] = []
        phrase = tok.head if tok.dep_ == "compound" else tok
        for t in phrase.subtree:
            m = self.mention(t)
            if t.i < phrase.i and m and m.type is ActorType.COUNTRY and m.name not in out:
                out.append(m.name)
        return out

    def _pairs(self, rtype, sources, targets, tok) -> list[Candidate]:
        if not targets and rtype in SYMMETRIC_TYPES and len(sources) >= 2:
            return [
                Candidate(rtype, a, b, tok) for i, a in enumerate(sources) for b in sources[i + 1 :]
            ]
        return [Candidate(rtype, s, t, tok) for s in sources for t in targets if s != t]

    def candidates(self) -> list[Candidate]:
        out: list[Candidate] = []
        for tok in self.sent:
            if tok.pos_ in {"VERB", "AUX"} and (tok.lemma_ in VERBS or tok.lemma_ in IDIOMS):
                out.extend(self.verb_candidates(tok))
            elif tok.pos_ in {"NOUN", "PROPN"} and tok.lemma_.lower() in NOUNS:
                out.extend(self.noun_candidates(tok))
        return out
