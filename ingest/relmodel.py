"""The trained relation classifier: which of a sentence's actor pairs it relates, and how.

Rules find candidates precisely where their lexicon reaches; the classifier, trained on the
annotated corpus (`make train`), reads every pair of actors in a sentence together with what
the rules said about it and decides the relations. Modality, dates, places and attribution stay
with the rules, which attach them to the classifier's decisions.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple, Protocol

import spacy
from spacy.language import Language
from spacy.tokens import Span

from ingest.arguments import ArgumentResolver
from ingest.model import RelationType
from ingest.pairs import Pair, relation_scores, sentence_pairs
from ingest.relations import Candidate

MODEL_DIR = Path(__file__).parent / "models" / "relations"
# chosen on the corpus dev split by `make train` and kept in the model's meta.json
DEFAULT_THRESHOLDS = {"add": 0.5, "keep": 0.1}


class Staged(NamedTuple):
    """One sentence as the rules left it: its actors and the rules' candidates."""

    sent: Span
    rules: ArgumentResolver
    found: list[Candidate]
    voice: dict[str, str] = {}  # who "i", "we" and "you" are in this sentence, when known


class Decider(Protocol):
    def decide(self, staged: list[Staged]) -> list[list[Candidate]]:
        """The candidates to keep for each sentence of an article, given the rules' own."""
        ...


class RelationClassifier:
    """Decide a sentence's relations with the trained text classifier over its actor pairs:
    a relation no rule proposed needs a probability of `add`; one a rule proposed is kept
    unless the classifier gives it less than `keep`."""

    def __init__(self, nlp: Language, add: float, keep: float):
        self.nlp, self.add, self.keep = nlp, add, keep

    def decide(self, staged: list[Staged]) -> list[list[Candidate]]:
        pairs = [sentence_pairs(s.sent, s.rules, s.found, s.voice) for s in staged]
        scores = iter(self.scores([p.text for ps in pairs for p in ps]))
        out = []
        for s, ps in zip(staged, pairs, strict=True):
            chosen = [c for p in ps for c in self._chosen(p, next(scores))]
            kept = [c for c in s.found if any(c is k for k in chosen)]  # in the rules' order
            out.append(kept + [c for c in chosen if c.score is not None])
        return out

    def _chosen(self, pair: Pair, cats: dict[str, float]) -> list[Candidate]:
        """A rule's candidate the classifier keeps stays as the rule found it (its trigger and
        confidence); one the classifier adds carries the classifier's probability."""
        proposed = {(c.type, c.source == pair.a): c for c in pair.rules}
        out = []
        for (rtype, a_is_source), score in relation_scores(cats).items():
            rule = proposed.get((rtype, a_is_source))
            if rule is not None and score >= self.keep:
                out.append(rule)
            elif rule is None and score >= self.add and (rtype, not a_is_source) not in proposed:
                out.append(_candidate(pair, rtype, a_is_source, score))  # a rule's direction stands
        return out

    def scores(self, texts: list[str]) -> list[dict[str, float]]:
        """Each pair text's probability per label."""
        return [doc.cats for doc in self.nlp.pipe(texts)]


def _candidate(pair: Pair, rtype: RelationType, a_is_source: bool, score: float) -> Candidate:
    source, target = (pair.a, pair.b) if a_is_source else (pair.b, pair.a)
    trigger = next((c.trigger for c in pair.rules if c.type is rtype), pair.anchor)
    return Candidate(rtype, source, target, trigger, score)


@lru_cache(maxsize=2)
def load_classifier(path: str | None = None) -> RelationClassifier | None:
    """The shipped classifier (or DIPGRAPH_RELATION_MODEL); None when it is switched off with
    DIPGRAPH_RELATION_MODEL=rules, which leaves extraction to the rules alone."""
    where = path or os.environ.get("DIPGRAPH_RELATION_MODEL") or str(MODEL_DIR)
    if where == "rules":
        return None
    nlp = spacy.load(where)
    chosen = {**DEFAULT_THRESHOLDS, **nlp.meta.get("dipgraph_thresholds", {})}
    return RelationClassifier(nlp, chosen["add"], chosen["keep"])
