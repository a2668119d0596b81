"""Actors of one article: canonical names, surname coreference, contextual references, aliases."""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc

from ingest.gazetteer import COMPASS, Gazetteer
from ingest.mentions import TITLE_WORDS, Mention, classify, entity_spans, name_parts
from ingest.model import Actor, ActorType

GOVERNMENT_NOUNS = frozenset({"government", "administration", "regime"})


@dataclass(slots=True)
class ArticleActors:
    """Every actor mention of one Doc, indexed by token, with the canonical actors in order."""

    mentions: list[Mention] = field(default_factory=list)
    by_token: dict[int, Mention] = field(default_factory=dict)

    def add(self, mention: Mention) -> None:
        if any(i in self.by_token for i in range(mention.start, mention.end)):
            return
        self.mentions.append(mention)
        for i in range(mention.start, mention.end):
            self.by_token[i] = mention

    def names(self, kind: ActorType | None = None) -> list[str]:
        seen = dict.fromkeys(m.name for m in self.sorted() if kind is None or m.type is kind)
        return list(seen)

    def sorted(self) -> list[Mention]:
        return sorted(self.mentions, key=lambda m: (m.start, m.end))

    def actors(self) -> tuple[Actor, ...]:
        """One Actor per (name, type), in order of first mention, with every other surface form."""
        forms: dict[tuple[str, ActorType], list[str]] = {}
        for m in self.sorted():
            forms.setdefault((m.name, m.type), [])
            if m.text != m.name and m.text not in forms[(m.name, m.type)]:
                forms[(m.name, m.type)].append(m.text)
        return tuple(Actor(n, t, tuple(a)) for (n, t), a in forms.items())


def find_actors(doc: Doc, gaz: Gazetteer) -> ArticleActors:
    """Resolve every actor mention of the Doc to a canonical actor."""
    found = ArticleActors()
    people: list[Mention] = []
    for span in entity_spans(doc):
        mention = classify(span, gaz)
        if mention is None:
            continue
        if mention.type is ActorType.PERSON or len(span) == 1:
            mention = _resolve_short(mention, people) or mention
        if mention.type is ActorType.PERSON and " " in mention.name:
            people.append(mention)
        found.add(mention)
    _add_surnames(doc, found, people)
    _add_descriptions(doc, found, gaz)
    return found


def _surname_match(token: str, full: str) -> bool:
    parts = name_parts(full)
    return len(parts) > 1 and token in {parts[-1], parts[0]}


def _resolve_short(mention: Mention, people: list[Mention]) -> Mention | None:
    """A one-word name is the most recent earlier full name it ends (or, East Asian, starts)."""
    if " " in mention.text.strip():
        return None
    for person in reversed(people):
        if _surname_match(mention.text, person.name) and person.start < mention.start:
            return Mention(mention.start, mention.end, person.name, ActorType.PERSON, mention.text)
    return None


def _add_surnames(doc: Doc, found: ArticleActors, people: list[Mention]) -> None:
    """Surnames the model did not tag ("Choe") still refer to the earlier full name."""
    for tok in doc:
        if tok.i in found.by_token or tok.pos_ != "PROPN" or not tok.text[:1].isupper():
            continue
        probe = Mention(tok.i, tok.i + 1, tok.text, ActorType.PERSON, tok.text)
        resolved = _resolve_short(probe, people)
        if resolved:
            found.add(resolved)


def _add_descriptions(doc: Doc, found: ArticleActors, gaz: Gazetteer) -> None:
    """Definite descriptions: "the North", "the Russian government", "the Secretary"."""
    countries = set(found.names(ActorType.COUNTRY))
    for tok in doc:
        if tok.i in found.by_token or tok.i == 0 or doc[tok.i - 1].lower_ != "the":
            continue
        mention = _compass(tok, gaz, countries) or _government(tok, gaz, found)
        mention = mention or _title_reference(tok, found)
        if mention:
            found.add(mention)


def _compass(tok, gaz: Gazetteer, countries: set[str]) -> Mention | None:
    if tok.text not in COMPASS or tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].pos_ == "PROPN":
        return None
    hit = gaz.lookup("the " + tok.text)
    if hit and hit[0] in countries:
        return Mention(tok.i - 1, tok.i + 1, hit[0], ActorType.COUNTRY, f"the {tok.text}")
    return None


def _government(tok, gaz: Gazetteer, found: ArticleActors) -> Mention | None:
    """ "the South Korean government" or "the U.S. government" names the state."""
    end = tok.i
    while end < len(tok.doc) and tok.doc[end].lower_ not in GOVERNMENT_NOUNS and end - tok.i < 3:
        end += 1
    if end >= len(tok.doc) or tok.doc[end].lower_ not in GOVERNMENT_NOUNS or end == tok.i:
        return None
    words = tok.doc[tok.i : end].text
    country = gaz.demonyms.get(words)
    hit = gaz.lookup(words)
    if hit and hit[1] is ActorType.COUNTRY:
        country = hit[0]
    if not country or any(i in found.by_token for i in range(tok.i, end + 1)):
        return None
    text = tok.doc[tok.i - 1 : end + 1].text
    return Mention(tok.i - 1, end + 1, country, ActorType.COUNTRY, text)


def _title_reference(tok, found: ArticleActors) -> Mention | None:
    """ "the Secretary" is the one person of the article introduced with that title."""
    if tok.lower_ not in TITLE_WORDS or not tok.text[:1].isupper():
        return None
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and (nxt.pos_ == "PROPN" or nxt.lower_ == "of"):
        return None
    holders = {
        m.name
        for m in found.mentions
        if m.type is ActorType.PERSON and m.start < tok.i and _titled(tok.doc, m, tok.text)
    }
    if len(holders) != 1:
        return None
    return Mention(tok.i - 1, tok.i + 1, holders.pop(), ActorType.PERSON, f"the {tok.text}")


def _titled(doc: Doc, mention: Mention, title: str) -> bool:
    before = doc[max(0, mention.start - 6) : mention.start]
    return any(t.text == title for t in before)
