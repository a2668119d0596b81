"""Typed relations from dependency rules over one sentence: triggers, their arguments, pairs."""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ingest.actors import ArticleActors
from ingest.lexicon import (
    CONSEQUENCES,
    GROUP_NOUNS,
    NEUTER,
    NOT_GOODS,
    NOUNS,
    PERSONAL,
    PLURAL,
    SYMMETRIC,
    TARGET_PREPS,
    VERBS,
)
from ingest.mentions import TITLE_WORDS, Mention
from ingest.model import ActorType, Modality, RelationType

T = RelationType


@dataclass(frozen=True, slots=True)
class Candidate:
    """A relation found in one sentence, before modality, dates and codes are attached."""

    type: RelationType
    source: str
    target: str
    trigger: Token


class SentenceRules:
    """Apply the trigger rules to one sentence, reading actors from the article's mentions."""

    def __init__(self, sent: Span, actors: ArticleActors, principals: list[str] | None = None):
        self.sent, self.actors = sent, actors
        self.principals = (
            principals if principals is not None else []
        )  # the first two people who met: "the two leaders"
        self.exclude: set[str] = set()  # the subject, never the antecedent of its own object
        ordered = actors.sorted()
        lo = bisect_left(ordered, sent.start, key=lambda m: m.start)
        hi = bisect_left(ordered, sent.end, key=lambda m: m.start)
        self.local = ordered[lo:hi]  # this sentence's mentions, in order

    def mention(self, tok: Token) -> Mention | None:
        return self.actors.by_token.get(tok.i)

    def name_at(self, tok: Token) -> str | None:
        """The actor a noun-phrase head stands for: itself, its name part, or a pronoun's antecedent."""
        names = self.names_at(tok)
        return names[0] if names else None

    def names_at(self, tok: Token) -> list[str]:
        m = self.mention(tok)
        if m is not None:
            return [m.name]
        low = tok.lower_
        if low in PERSONAL | NEUTER:
            found = self._antecedent(tok, ActorType.PERSON if low in PERSONAL else None)
            return [found] if found else []
        if low in PLURAL or low == "who" or low == "which":
            return self._plural(tok) if low in PLURAL else self._relative_head(tok)
        kinds = (
            ({"compound", "appos"},) if tok.lemma_ in NOUNS else ({"compound", "appos"}, {"poss"})
        )
        for deps in kinds:
            for c in tok.children:
                if c.dep_ in deps and self.mention(c):
                    return [self.mention(c).name]
        if tok.lower_ in GROUP_NOUNS:
            return self._demonym_groups(tok) or self._the_leaders(tok)
        if tok.lower_ in TITLE_WORDS:  # "Minister and Minister of Defense Blaszczak" misparsed
            people = [m for m in self.local if m.type is ActorType.PERSON and tok.i < m.start]
            people = [m for m in people if m.start <= max(t.i for t in tok.subtree)]
            return [people[0].name] if people else []
        return []

    def _antecedent(self, tok: Token, kind: ActorType | None) -> str | None:
        before = [
            m
            for m in self.local
            if m.start < tok.i
            and (m.type is kind if kind else m.type is not ActorType.PERSON)
            and m.name not in self.exclude
        ]
        return before[-1].name if before else None

    def _plural(self, tok: Token) -> list[str]:
        """ "they" after "between Putin and Kim" or "Russia and China": the last named pair."""
        before = [m for m in self.local if m.start < tok.i]
        for a, b in zip(before[::-1][1:], before[::-1], strict=False):
            gap = self.sent.doc[a.end : b.start]
            joined = any(t.lower_ == "and" for t in gap) and len(gap) <= 6
            joined = joined and not any(t.pos_ in {"VERB", "AUX"} for t in gap)
            if joined and a.type is b.type and a.type is not ActorType.PLACE and a.name != b.name:
                return [a.name, b.name]
        return []

    def _the_leaders(self, tok: Token) -> list[str]:
        """ "the two leaders" or "the leaders": the principals of the article's lede."""
        kids = {c.lower_ for c in tok.children}
        return self.principals if "the" in kids and tok.tag_ == "NNS" else []

    def _relative_head(self, tok: Token) -> list[str]:
        clause = tok.head
        return self.names_at(clause.head) if clause.dep_ == "relcl" else []

    def _demonym_groups(self, tok: Token) -> list[str]:
        from ingest.gazetteer import load_gazetteer

        gaz = load_gazetteer()
        out = []
        for c in tok.subtree:
            if c.i < tok.i and c.text in gaz.demonyms:
                out.append(gaz.demonyms[c.text])
        return out

    def expand(self, tok: Token) -> list[str]:
        """An argument and everything coordinated with it ("Russia and China")."""
        out: list[str] = []
        # "The Secretary and Foreign Minister Hayashi": the parser hangs the first on the second
        paired = [
            c for c in tok.children if c.dep_ == "nmod" and any(k.dep_ == "cc" for k in c.children)
        ]
        for t in [tok, *paired, *[c for c in tok.conjuncts if c.i > tok.i]]:
            out.extend(n for n in self.names_at(t) if n not in out)
        return out

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
            if tok.head is tok or tok.dep_ in {"ccomp", "ROOT"}:
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
                        out.extend(self.expand(p) or self._possessor(p))
        return out

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
        objects = self.objects(tok, rtype)
        self.exclude = set()
        if passive:
            subjects, objects = [], [*subjects, *objects]
            subjects = [n for c in tok.children if c.dep_ == "agent" for p in c.children
                        for n in self.expand(p)]  # fmt: skip
        if not objects and rtype in {T.CRITICIZED, T.THREATENED}:
            objects = self._blamed(tok)
        return self._pairs(rtype, subjects, objects, tok)

    @staticmethod
    def _idiom(tok: Token) -> RelationType | None:
        """ "hold X accountable" is criticism."""
        if tok.lemma_ == "hold" and any(c.lower_ == "accountable" for c in tok.children):
            return T.CRITICIZED
        return None

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
        if rtype is T.INVITED:
            inviters = [n for c in tok.children if c.lower_ == "from" for p in c.children
                        for n in self.expand(p)]  # fmt: skip
            return self._pairs(rtype, inviters, self.subjects(tok.head), tok)
        if rtype in SYMMETRIC and len(between) < 2:
            between = self._hyphen_pair(tok)
        if len(between) >= 2 or len(sources) >= 2 and rtype in SYMMETRIC:
            return self._pairs(rtype, between or sources, [], tok)
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
        if not targets and rtype in SYMMETRIC and len(sources) >= 2:
            return [
                Candidate(rtype, a, b, tok) for i, a in enumerate(sources) for b in sources[i + 1 :]
            ]
        return [Candidate(rtype, s, t, tok) for s in sources for t in targets if s != t]

    def candidates(self) -> list[Candidate]:
        out: list[Candidate] = []
        for tok in self.sent:
            if tok.pos_ in {"VERB", "AUX"} and (tok.lemma_ in VERBS or tok.lemma_ == "hold"):
                out.extend(self.verb_candidates(tok))
            elif tok.pos_ in {"NOUN", "PROPN"} and tok.lemma_.lower() in NOUNS:
                out.extend(self.noun_candidates(tok))
        return out


def negated(modality: Modality | None) -> bool:
    return modality is Modality.NEGATED
