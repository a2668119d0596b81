"""Candidate actor pairs of one sentence, written out as the text the relation classifier reads.

A pair is every two actors a sentence refers to (by name, nationality adjective, pronoun, "the
two leaders", or as the speaker and addressee of a quotation), first-referred first. Its text
carries what a reader uses to decide whether and how the sentence relates them: the actors'
types, which rule fired for them, the dependency path and the roles under the relating word,
and the words around them with the two actors masked. Training and extraction build it
with this one function, so the model sees at run time exactly what it was trained on.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ingest.arguments import ArgumentResolver
from ingest.gazetteer import load_gazetteer
from ingest.lexicon import PERSONAL, PLURAL, PLURAL_DESCRIPTIONS
from ingest.model import RelationType
from ingest.relations import Candidate
from ingest.vocabulary import SYMMETRIC_TYPES

VOICE = {
    "i": "i", "me": "i", "my": "i", "we": "we", "us": "we", "our": "we",
    "you": "you", "your": "you",
}  # fmt: skip
MAX_NAMES = 10  # a sentence listing more actors gets its first ten (45 pairs at most)
CONTENT = frozenset({"VERB", "NOUN", "ADJ", "ADP"})
MAX_PATH = 8  # dependency steps; longer paths are cut in the middle
CONTEXT = 8  # words kept before the first and after the second actor of a pair


@dataclass(frozen=True, slots=True)
class Pair:
    """Two actors of one sentence, `a` named first, with the classifier's text and the rules'
    candidates for them (kept to carry their trigger token)."""

    a: str
    b: str
    text: str
    rules: tuple[Candidate, ...]
    anchor: Token  # the token that relates them (for modality, dates, places)


# The classifier is factorised so that what every relation shares is learnt from all of them:
# whether the pair is related and which way (`AB`: the first-named is the source, `BA`: the
# second, `SYM`: a symmetric relation), and, for a related pair, of which types.
DIRECTIONS = ("AB", "BA", "SYM")
TYPES = tuple(str(t) for t in RelationType)


def direction_of(rtype: RelationType, a_is_source: bool) -> str:
    if rtype in SYMMETRIC_TYPES:
        return "SYM"
    return "AB" if a_is_source else "BA"


def relation_scores(cats: dict[str, float]) -> dict[tuple[RelationType, bool], float]:
    """The probability of each (type, first-named is source): the pair's direction times the
    type's probability."""
    out = {}
    for t in RelationType:
        if t in SYMMETRIC_TYPES:
            out[(t, True)] = cats["SYM"] * cats[str(t)]
        else:
            out[(t, True)] = cats["AB"] * cats[str(t)]
            out[(t, False)] = cats["BA"] * cats[str(t)]
    return out


@dataclass(frozen=True, slots=True)
class Referent:
    """An actor a sentence refers to, by name or otherwise, and the token that refers."""

    name: str
    type: str
    head: Token


def sentence_pairs(
    sent: Span, rules: ArgumentResolver, found: list[Candidate], voice: dict[str, str] | None = None
) -> list[Pair]:
    """Every pair of actors the sentence refers to, with the rule candidates for both."""
    refs = referents(sent, rules, found, voice or {})
    pairs = []
    for i, ra in enumerate(refs):
        for rb in refs[i + 1 :]:
            if ra.type == rb.type == "place":
                continue  # no relation joins two places
            hits = tuple(c for c in found if {c.source, c.target} == {ra.name, rb.name})
            text = _text(sent, rules, ra, rb, hits, refs)
            anchor = hits[0].trigger if hits else _lowest_common(ra.head, rb.head)
            pairs.append(Pair(ra.name, rb.name, text, hits, anchor))
    return pairs


def referents(
    sent: Span, rules: ArgumentResolver, found: list[Candidate], voice: dict[str, str]
) -> list[Referent]:
    """The sentence's actors: named, reached by the rules, named by a nationality adjective,
    referred to by a pronoun or "the two leaders" (resolved to earlier sentences too), or the
    speaker and addressee of a quotation or transcript ("I", "we", "you")."""
    out: dict[str, Referent] = {}

    def add(name: str | None, kind: str, tok: Token) -> None:
        if name and name not in out and len(out) < MAX_NAMES:
            out[name] = Referent(name, kind, tok)

    for m in rules.local:
        add(m.name, str(m.type).lower(), sent.doc[m.start : m.end].root)
    for c in found:
        for name in (c.source, c.target):
            add(name, _type_of(rules, name), c.trigger)
    demonyms = load_gazetteer().demonyms
    for tok in sent:
        if tok.i in rules.actors.by_token:
            continue
        demonym = _demonym(tok, demonyms)
        if demonym:
            add(demonym, "country", tok)
        elif tok.lower_ in PERSONAL:
            add(rules.name_at(tok) or _last_person(rules, sent), "person", tok)
        elif tok.lower_ in VOICE and voice.get(VOICE[tok.lower_]):
            for name in _voiced(voice, VOICE[tok.lower_]):
                add(name, _type_of(rules, name), tok)
        elif tok.lower_ in PLURAL or tok.lower_ in PLURAL_DESCRIPTIONS and _definite(tok):
            for name in rules.names_at(tok) or rules.principals:
                add(name, _type_of(rules, name), tok)
    if voice.get("i"):  # a speaker is party to what they say ("Thank you for ...")
        add(voice["i"], "person", sent.root)
    return sorted(out.values(), key=lambda r: r.head.i)


def _voiced(voice: dict[str, str], person: str) -> list[str]:
    """ "we" is the speaker's state and the speaker; "I" and "you" are people."""
    return list(dict.fromkeys([voice["we"], voice["i"]])) if person == "we" else [voice[person]]


def _demonym(tok: Token, demonyms: dict[str, str]) -> str | None:
    """ "Iranian", and "North Korean" (named by its second word, the head of the phrase)."""
    if tok.i > 0 and f"{tok.nbor(-1).text} {tok.text}" in demonyms:
        return demonyms[f"{tok.nbor(-1).text} {tok.text}"]
    nxt = tok.nbor(1).text if tok.i + 1 < len(tok.doc) else ""
    return None if f"{tok.text} {nxt}" in demonyms else demonyms.get(tok.text)


def _definite(tok: Token) -> bool:
    """ "the leaders", "both ministers", "the two sides" pick out the article's pair."""
    return any(c.lower_ in {"the", "both", "two"} for c in tok.children)


def _last_person(rules: ArgumentResolver, sent: Span) -> str | None:
    """A pronoun that opens a sentence refers to the last person named before it."""
    before = [m for m in rules.actors.sorted() if m.start < sent.start and m.type.value == "PERSON"]
    return before[-1].name if before else None


def _type_of(rules: ArgumentResolver, name: str) -> str:
    for m in rules.actors.mentions:
        if m.name == name:
            return str(m.type).lower()
    return "country" if load_gazetteer().has_demonym(name) else "unknown"


def _text(sent, rules, ra: Referent, rb: Referent, hits, refs) -> str:
    ha, hb = ra.head, rb.head
    parts = [f"ta_{ra.type}", f"tb_{rb.type}", f"pair_{ra.type}_{rb.type}"]
    parts += [
        f"rule_{c.type.lower()} rule_{direction_of(c.type, c.source == ra.name).lower()}"
        for c in hits
    ] or ["rule_none"]
    parts += _path(ha, hb)
    parts.append(f"dist_{min(abs(hb.i - ha.i) // 3, 8)}")
    parts.append("|")
    lo = max(sent.start, min(ha.i, hb.i) - CONTEXT)
    hi = min(sent.end, max(ha.i, hb.i) + CONTEXT + 1)
    parts += _masked(sent.doc[lo:hi], rules, ra, rb, refs)
    return " ".join(parts)


def _path(ta: Token, tb: Token) -> list[str]:
    """Dependency steps from a up to the lowest common head and down to b, with its lemma."""
    up_a = [ta, *ta.ancestors]
    up_b = [tb, *tb.ancestors]
    common = next((t for t in up_a if t in up_b), None)
    if common is None:
        return ["path_none"]
    rise = up_a[: up_a.index(common)]
    fall = up_b[: up_b.index(common)][::-1]
    steps = [f"up_{t.dep_}" for t in rise]
    steps.append(f"lca_{common.lemma_.lower()}")
    steps += [
        f"dn_{t.dep_}" + (f" w_{t.lower_}" if t.dep_ in {"prep", "agent"} else "") for t in fall
    ]
    if len(steps) > MAX_PATH:
        steps = steps[: MAX_PATH // 2] + ["gap"] + steps[-MAX_PATH // 2 :]
    # the relating word with each actor's role under it: "meet:nsubj:dobj", "visit:nsubj:pobj"
    role_a = rise[-1].dep_ if rise else "self"
    role_b = fall[0].dep_ if fall else "self"
    via_b = fall[1].dep_ if len(fall) > 1 and fall[0].dep_ == "prep" else ""
    steps.append(f"roles_{common.lemma_.lower()}_{role_a}_{role_b}{via_b}")
    steps.append(f"lcapos_{common.pos_.lower()}")
    steps += [f"heads_{t.lemma_.lower()}" for t in (ta.head, tb.head) if t is not common]
    between = [t for t in ta.doc[min(ta.i, tb.i) + 1 : max(ta.i, tb.i)] if t.pos_ in CONTENT]
    if len(between) <= 8:
        steps += [f"bw_{t.lemma_.lower()}" for t in between]
    return steps


def _lowest_common(ta: Token, tb: Token) -> Token:
    up_b = {t.i for t in (tb, *tb.ancestors)}
    return next((t for t in (ta, *ta.ancestors) if t.i in up_b), ta.sent.root)


def _masked(window: Span, rules: ArgumentResolver, ra: Referent, rb: Referent, refs) -> list[str]:
    """The words around the pair in lower case, the pair as ENTA/ENTB (ENTAB where one word
    stands for both, as "the two leaders" may), other actors by type."""
    by_token = rules.actors.by_token
    referring = {}  # words that refer without being a name: pronouns, adjectives
    for r in refs:
        if r.head.i not in by_token:
            referring.setdefault(r.head.i, []).append(r)
    out: list[str] = []
    last = None
    for tok in window:
        m = by_token.get(tok.i)
        if m is not None and m is last:
            continue  # one mark per name, however many words it has
        last = m
        names = {m.name} if m else {r.name for r in referring.get(tok.i, ())}
        a, b = ra.name in names, rb.name in names
        if a or b:
            out.append("ENTAB" if a and b else "ENTA" if a else "ENTB")
        elif names:
            kind = m.type if m else referring[tok.i][0].type
            out.append(f"entx_{kind}".lower())
        else:
            out.append(tok.lower_)
    return out
