"""Mention spans from the parsed Doc: clean NER and ruler spans and classify each as an actor type."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Doc, Span, Token

from ingest.gazetteer import CAPITAL_KEY, COMPASS, Gazetteer
from ingest.model import ActorType

TITLE_WORDS = frozenset(
    line
    for line in resources.files("ingest")
    .joinpath("data", "title_words.txt")
    .read_text("utf-8")
    .split("\n")
    if line and not line.startswith("#")
)
NAME_SUFFIXES = frozenset({"Jr.", "Jr", "Sr.", "Sr", "II", "III", "IV", ","})
NOT_AN_ORG = re.compile(
    r"\b(Program|Programme|Guidelines|Summit|Alliance|Agreement|Act|Initiative|Strategy|"
    r"Partnership|Dialogue|Plan|Declaration|Framework|Review|Pandemic|COVID|War)\b",
)
RANK_WORDS = frozenset({"air", "force", "army", "navy", "marine", "corps", "brig", "gen"})
MOVEMENT_VERBS = frozenset({"visit", "tour", "reach", "leave", "enter", "host", "bomb", "shell"})
PLACE_PREPS = frozenset({"in", "at", "to", "from", "inside", "near", "into", "outside", "across"})
AGENT_PREPS = frozenset({"between", "by", "with", "against", "on", "toward", "towards"})
LABEL_TYPES = {
    "PERSON": ActorType.PERSON,
    "ORG": ActorType.ORGANIZATION,
    "GPE": ActorType.PLACE,
    "LOC": ActorType.PLACE,
    "FAC": ActorType.PLACE,
}


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an actor: token span [start, end), canonical name and type."""

    start: int
    end: int
    name: str
    type: ActorType
    text: str


def strip_span(span: Span) -> Span:
    """Drop a leading determiner or title words and a trailing possessive from an entity span."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    while end > start and doc[end - 1].tag_ == "POS" or end > start and doc[end - 1].text in "’'":
        end -= 1
    if span.label_ == "PERSON":
        while end - start > 1 and doc[start].lower_ in TITLE_WORDS | {"of", "pentagon"}:
            start += 1
        while end - start > 1 and doc[end - 1].text == ",":
            end -= 1
    return Span(doc, start, end, label=span.label_, span_id=span.id_)


def extend_person(span: Span, taken: set[int]) -> Span:
    """Pull a given name the model left outside the span back in ("Antony" of "J. Blinken")."""
    doc, start = span.doc, span.start
    while start > 0 and start - 1 not in taken:
        tok = doc[start - 1]
        if tok.pos_ != "PROPN" or not tok.text[:1].isupper() or tok.lower_ in TITLE_WORDS:
            break
        if tok.ent_type_ in {"DATE", "GPE", "NORP"} or tok.is_sent_start:
            break
        start -= 1
    return Span(doc, start, span.end, label=span.label_, span_id=span.id_)


def person_name(surface: str) -> str:
    """A canonical personal name: the surface as written, unless the office table knows it."""
    return surface.strip(" ,")


def name_parts(name: str) -> list[str]:
    """The words of a name without initials and generational suffixes, for surname matching."""
    parts = [p for p in name.replace(",", " ").split() if p not in NAME_SUFFIXES]
    return [p for p in parts if not (len(p) == 2 and p.endswith("."))] or parts


def capital_is_state(head: Token) -> bool:
    """A capital acting (subject, possessor, party to talks) stands for its state."""
    if head.dep_ in {"nsubj", "nsubjpass", "poss"}:
        return True
    if head.dep_ == "dobj" and head.head.pos_ == "VERB":  # "criticized Moscow", not "visited"
        return head.head.lemma_ not in MOVEMENT_VERBS
    if head.dep_ == "conj":
        return capital_is_state(head.head)
    if head.dep_ == "pobj":
        return head.head.lower_ in AGENT_PREPS
    return False


def is_venue_use(head: Token) -> bool:
    """A building named after "at", "in" or "to" is a place, not the body inside it."""
    return head.dep_ == "pobj" and head.head.lower_ in PLACE_PREPS


def classify(span: Span, gaz: Gazetteer) -> Mention | None:
    """Canonical name and actor type of one cleaned entity span, or None if it is no actor."""
    text, head = span.text, span.root
    titled = text.title()
    if text.isupper() and len(text) > 3 and (gaz.lookup(titled) or titled in gaz.capitals):
        text = text.title()  # an all-caps dateline ("MANILA, PHILIPPINES")
    key, _, value = span.ent_id_.partition(":")
    if key == CAPITAL_KEY:
        if capital_is_state(head):
            return Mention(span.start, span.end, value, ActorType.COUNTRY, text)
        return Mention(span.start, span.end, text, ActorType.PLACE, text)
    found = None if text in gaz.contextual else gaz.lookup(text)
    if key != CAPITAL_KEY and text in gaz.capitals and not found:
        found = (text, ActorType.PLACE)
        if capital_is_state(head):
            found = (gaz.capitals[text], ActorType.COUNTRY)
    if found:
        name, kind = found
        if kind is ActorType.ORGANIZATION and name in gaz.venues and is_venue_use(head):
            kind = ActorType.PLACE
        return Mention(span.start, span.end, name, kind, span.text)
    return _classify_unknown(span, gaz)


def _classify_unknown(span: Span, gaz: Gazetteer) -> Mention | None:
    text = span.text
    kind = LABEL_TYPES.get(span.label_)
    if kind is None or text in gaz.demonyms or text in COMPASS or not _looks_like_name(text):
        return None
    if kind is ActorType.ORGANIZATION and (NOT_AN_ORG.search(text) or text.lower() in TITLE_WORDS):
        return None
    if _inside_named_event(span):
        return None
    if span[0].text in gaz.demonyms and all(t.lower_ in TITLE_WORDS for t in span[1:]):
        return None  # "Philippine Defense" is an adjective and a title word, no body
    if kind is ActorType.ORGANIZATION and _titled_name(span):
        kind, span = ActorType.PERSON, span[1:]
        text = span.text
    if kind is ActorType.PERSON:
        if len(span) == 1 and span[0].pos_ not in {"PROPN", "NOUN"}:
            return None
        if all(t.lower_ in TITLE_WORDS or t.lower_ in RANK_WORDS for t in span):
            return None
        return Mention(span.start, span.end, person_name(text), kind, text)
    return Mention(span.start, span.end, text, kind, text)


def _titled_name(span: Span) -> bool:
    """ "Spokesperson Ned Price" tagged ORG is a title and a personal name."""
    rest = span[1:]
    return (
        span[0].lower_ in TITLE_WORDS
        and 2 <= len(rest) <= 4
        and all(t.pos_ == "PROPN" and t.text[:1].isupper() for t in rest)
        and not any(t.lower_ in TITLE_WORDS for t in rest)
    )


def _inside_named_event(span: Span) -> bool:
    """ "Americas" in "Summit of the Americas" belongs to the event's name, not a place."""
    doc, i = span.doc, span.start
    if i < 3 or doc[i - 2 : i].text.lower() != "of the":
        return False
    return bool(NOT_AN_ORG.search(doc[i - 3].text))


def _looks_like_name(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 2 and text[:1].isupper()


def entity_spans(doc: Doc) -> list[Span]:
    """Cleaned candidate spans: NER and gazetteer entities of actor-like labels."""
    spans, taken = [], set()
    for ent in doc.ents:
        if ent.label_ in LABEL_TYPES:
            span = strip_span(ent)
            if len(span):
                spans.append(span)
                taken.update(range(span.start, span.end))
    spans = [_widen_org(s, taken) if s.label_ == "ORG" else s for s in spans]
    spans = [_of_phrase(s, taken) if s.label_ == "ORG" else s for s in spans]
    spans = [extend_person(s, taken) if s.label_ == "PERSON" else s for s in spans]
    spans = [_titled_full_name(s, taken) if s.label_ in {"ORG", "GPE"} else s for s in spans]
    return sorted(spans + _names_after_titles(doc, taken), key=lambda s: s.start)


def _widen_org(span: Span, taken: set[int]) -> Span:
    """ "Supreme National Security Council" is not the known "National Security Council"."""
    i, doc = span.start, span.doc
    if not span.id_ or i == 0 or i - 1 in taken or doc[i - 1].is_sent_start:
        return span
    prev = doc[i - 1]
    if prev.pos_ == "PROPN" and prev.text[:1].isupper():
        taken.add(i - 1)
        return Span(doc, i - 1, span.end, label="ORG")
    return span


PERSON_TITLES = frozenset({"lady", "wife", "husband", "spouse", "spokesperson", "spokesman"})


def _titled_full_name(span: Span, taken: set[int]) -> Span:
    """ "First lady Ana [Varga]" tagged ORG or GPE: a given name after a title makes a person."""
    doc, start = span.doc, span.start
    if span.id_ or len(span) > 2 or not all(t.pos_ == "PROPN" for t in span):
        return span
    while start >= 1 and start - 1 not in taken and doc[start - 1].pos_ == "PROPN":
        if not doc[start - 1].text[:1].isupper() or doc[start - 1].lower_ in TITLE_WORDS:
            break
        start -= 1
    if start == span.start or start == 0:
        return span
    if doc[start - 1].lower_ not in TITLE_WORDS | PERSON_TITLES:
        return span
    taken.update(range(start, span.end))
    return Span(doc, start, span.end, label="PERSON")


def _org_word(tok: Token, taken: set[int]) -> bool:
    return (
        tok.i not in taken
        and tok.pos_ in {"PROPN", "NOUN"}
        and tok.text[:1].isupper()
        and tok.lower_ not in TITLE_WORDS
        and tok.ent_type_ not in {"GPE", "NORP", "PERSON", "DATE"}
    )


def _of_phrase(span: Span, taken: set[int]) -> Span:
    """NER cuts long bodies at "of": "Presidency of [Defense Industries]", "[Central Bank] of
    Nigeria" is not asked for, but "[Ministry] of Defense Production" is one name."""
    doc, start, end = span.doc, span.start, span.end
    while start >= 2 and doc[start - 1].lower_ == "of" and _org_word(doc[start - 2], taken):
        start -= 1
        while start >= 1 and _org_word(doc[start - 1], taken):
            start -= 1
    if end + 1 < len(doc) and doc[end].lower_ == "of" and not span.id_:
        stop = end + 1
        while stop < len(doc) and _org_word(doc[stop], taken):
            stop += 1
        if stop > end + 1 and (stop == len(doc) or not doc[stop].text[:1].isupper()):
            end = stop
    if (start, end) == (span.start, span.end):
        return span
    taken.update(range(start, end))
    return Span(doc, start, end, label="ORG")


def _names_after_titles(doc: Doc, taken: set[int]) -> list[Span]:
    """A run of two to four capitalised proper nouns right after a title word is a person
    the model missed ("Minister of National Defense Mariusz Blaszczak")."""
    out = []
    for tok in doc:
        spokes = tok.lower_ in {"spokesperson", "spokesman", "spokeswoman"}
        if tok.lower_ not in TITLE_WORDS or not (tok.text[:1].isupper() or spokes):
            continue
        end = tok.i + 1
        while end < len(doc) and end - tok.i <= 4 and _name_word(doc[end], taken):
            end += 1
        if end - tok.i >= 3 and (end == len(doc) or not doc[end].text[:1].isupper()):
            out.append(Span(doc, tok.i + 1, end, label="PERSON"))
            taken.update(range(tok.i + 1, end))
    return out


def _name_word(tok: Token, taken: set[int]) -> bool:
    return (
        tok.i not in taken
        and tok.pos_ == "PROPN"
        and tok.text[:1].isupper()
        and tok.lower_ not in TITLE_WORDS
        and not tok.ent_type_
    )
