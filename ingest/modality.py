"""Modality and attribution of a trigger: negation, plans, hedges, reported speech."""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Span, Token

from ingest.lexicon import CLAIM_NOUNS
from ingest.model import Modality

PLAN_AUX = frozenset({"will", "shall", "'ll", "wo"})
HEDGE_AUX = frozenset({"could", "may", "might", "would", "should", "can"})
PLAN_HEADS = frozenset(
    {"expect", "plan", "schedule", "set", "intend", "prepare", "due", "accept", "upcoming",
     "agree", "begin", "promise", "pledge", "invitation"}
)  # fmt: skip
HEDGE_HEADS = frozenset(
    {"want", "eager", "hope", "seek", "consider", "potential", "possible", "concern", "aim",
     "wish", "likely", "seen", "see", "forward", "demonstrate", "interest"}
)  # fmt: skip
REPORT_VERBS = frozenset(
    {"say", "tell", "add", "announce", "state", "claim", "report", "believe", "note", "allege",
     "emphasize", "stress", "insist", "confirm", "reaffirm", "assert", "write", "quote"}
)  # fmt: skip
QUOTES = frozenset({'"', "“", "”", "‘", "'"})
AFFIRM_VERBS = frozenset({"reaffirm", "reiterate", "affirm", "underscore", "emphasize", "stress"})
ACCUSE_VERBS = frozenset({"accuse", "blame", "suspect", "allege"})
DENIALS = frozenset({"deny", "refuse", "reject", "dismiss", "decline"})


def _chain(tok: Token, limit: int = 4) -> list[Token]:
    """The trigger and the heads that govern it within its clause complex."""
    out = [tok]
    while tok.head is not tok and len(out) <= limit and tok.dep_ not in {"ccomp", "ROOT"}:
        tok = tok.head
        out.append(tok)
    return out


def modality_of(trigger: Token) -> Modality | None:
    """Negated, planned or hedged from the trigger's own clause, else None."""
    chain = _chain(trigger)
    kids = [c for t in chain for c in t.children]
    own = [c for c in trigger.children if c.dep_ in {"amod", "advmod", "aux", "acomp"}]
    heads = [t for t in chain[1:] if trigger.pos_ in {"VERB", "AUX"} or t.pos_ in {"VERB", "AUX"}]
    governed = {"xcomp", "conj", "dobj", "nsubjpass", "attr"}
    scope = [trigger, trigger.head] if trigger.dep_ in governed else [trigger]
    if _negated(scope, chain):
        return Modality.NEGATED
    if any(c.lower_ in PLAN_AUX for c in kids) or any(
        c.lower_ in {"upcoming", "planned"} for c in own
    ):
        return Modality.PLANNED
    if trigger.pos_ in {"VERB", "AUX"} and any(t.lemma_ in PLAN_HEADS for t in chain[1:]):
        return Modality.PLANNED
    if any(t.lemma_ == "concern" for t in chain[1:]):
        return Modality.HEDGED  # "concern about Iran's transfer of missiles"
    if any(c.lower_ in HEDGE_AUX for c in kids) or any(
        t.lemma_ in HEDGE_HEADS or t.lower_ in HEDGE_HEADS for t in heads + own
    ):
        return Modality.HEDGED
    return None


def _negated(scope: list[Token], chain: list[Token]) -> bool:
    """A negation on the trigger or its governing verb, or a denial of the clause it is in."""
    if any(c.dep_ == "neg" or c.lower_ in {"no", "never"} for t in scope for c in t.children):
        return True
    if any(t.lemma_ in DENIALS for t in chain[1:]):
        return True
    return chain[-1].dep_ == "ccomp" and chain[-1].head.lemma_ in DENIALS


def reporter(trigger: Token, actor_at: Callable[[Token], str | None]) -> tuple[bool, str | None]:
    """Whether the trigger sits in reported speech, and the named claimant if any."""
    tok = trigger
    for _ in range(8):
        if tok.dep_ == "advcl" and any(c.lower_ == "when" for c in tok.children):
            return False, None  # a "when" clause is background the reporter presupposes
        if tok.dep_ in {"ccomp", "parataxis"} and tok.head.lemma_ in REPORT_VERBS:
            return True, _speaker(tok.head, actor_at)
        if tok.head.lemma_ in CLAIM_NOUNS and tok.dep_ in {"acl", "relcl", "ccomp", "prep"}:
            verb = _claim_verb(tok.head)  # "said in a statement that", "expressed concern that"
            if verb is not None:
                return True, _speaker(verb, actor_at)
        for c in tok.children:
            if c.lower_ == "according":
                return True, _according(c, actor_at)
        if tok.head is tok:
            break
        tok = tok.head
    affirmed = _affirmed(trigger, actor_at)
    return affirmed if affirmed[0] else _sentence_says(trigger, actor_at)


def _affirmed(trigger: Token, actor_at: Callable[[Token], str | None]) -> tuple[bool, str | None]:
    """ "X reaffirmed the United States' commitment", "X accused China of providing": X claims it."""
    head = trigger.head
    if trigger.dep_ == "dobj" and head.lemma_ in AFFIRM_VERBS:
        return True, _speaker(head, actor_at)
    if trigger.dep_ == "pcomp" and head.lower_ == "of" and head.head.lemma_ in ACCUSE_VERBS:
        return True, _speaker(head.head, actor_at)
    return False, None


def _claim_verb(noun: Token) -> Token | None:
    """The verb that voices a claim noun: "expressed concern", "said in a statement"."""
    head = noun.head
    if noun.dep_ == "pobj" and head.dep_ == "prep":
        head = head.head
    elif noun.dep_ != "dobj":
        return None
    return head if head.pos_ in {"VERB", "AUX"} and head is not noun else None


def _speaker(verb: Token, actor_at: Callable[[Token], str | None]) -> str | None:
    for c in verb.children:
        if c.dep_ in {"nsubj", "nsubjpass"}:
            return actor_at(c)
    return None


def _according(tok: Token, actor_at: Callable[[Token], str | None]) -> str | None:
    for t in tok.subtree:
        if t.dep_ == "pobj":
            name = actor_at(t)
            if name:
                return name
            for sub in t.subtree:
                if sub.dep_ == "agent" or sub.lower_ == "by":
                    for p in sub.children:
                        return actor_at(p)
    return None


def _sentence_says(
    trigger: Token, actor_at: Callable[[Token], str | None]
) -> tuple[bool, str | None]:
    """ "..., KCNA said." at the end of a sentence attributes everything before it."""
    sent = trigger.sent
    for tok in sent:
        after = tok.i > trigger.i and tok.dep_ in {"ROOT", "parataxis"}
        if tok.lemma_ in REPORT_VERBS and after:
            subj = _speaker(tok, actor_at)
            if subj and tok.i == sent.root.i or subj and tok.dep_ == "parataxis":
                return True, subj
    return False, None


def quote_speaker(
    sent: Span, actor_at: Callable[[Token], str | None], previous: str | None
) -> str | None:
    """The named speaker of a quotation this sentence closes ('..." Singh said.'), carried on
    to the quoted sentences that follow it, or None once the quotation has ended."""
    if not any(ch in sent.text for ch in QUOTES):
        return None
    for tok in sent:
        if tok.lemma_ in REPORT_VERBS:
            speaker = _speaker(tok, actor_at)
            if speaker:
                return speaker
    return previous if sent.text.lstrip()[:1] in QUOTES else None
