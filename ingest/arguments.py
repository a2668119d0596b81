"""Argument resolution for relation rules: the actors a token stands for in its sentence."""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Span, Token

from ingest.actors import ArticleActors
from ingest.gazetteer import load_gazetteer
from ingest.lexicon import GROUP_NOUNS, NEUTER, NOUNS, PERSONAL, PLURAL
from ingest.mentions import TITLE_WORDS, Mention
from ingest.model import ActorType


class ArgumentResolver:
    """Which actors a token of one sentence stands for: names, pronouns, descriptions, lists."""

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

    def speaker_at(self, tok: Token) -> str | None:
        """A claimant must be named: "a Russian official" is nobody in particular."""
        return None if tok.lower_ in GROUP_NOUNS else self.name_at(tok)

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
