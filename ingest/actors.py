"""Actors of one article: canonical names, surname coreference, contextual references, aliases."""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
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
    _order: list[Mention] | None = None

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
        if self._order is None or len(self._order) != len(self.mentions):
            self._order = sorted(self.mentions, key=lambda m: (m.start, m.end))
        return self._order

    def actors(self) -> tuple[Actor, ...]:
        """One Actor per (name, type), in order of first mention, with every other surface form."""
        forms: dict[tuple[str, ActorType], list[str]] = {}
        for m in self.sorted():
            forms.setdefault((m.name, m.type), [])
            if m.text != m.name and m.text not in forms[(m.name, m.type)]:
                forms[(m.name, m.type)].append(m.text)
        return tuple(Actor(n, t, tuple(a)) for (n, t), a in forms.items())


def fold(word: str) -> str:
    """Accents and case dropped, so "Erdogan" finds "Recep Tayyip Erdoğan" and a transcript's
    "CLINTON:" finds Hillary Clinton."""
    return (unicodedata.normalize("NFKD", word).encode("ascii", "ignore").decode() or word).lower()


SPOUSE_WORDS = frozenset({"lady", "wife", "husband", "spouse", "gentleman", "mrs.", "mrs"})


class People:
    """Full names seen so far, indexed by surname (and by first word, for East Asian order)."""

    def __init__(self) -> None:
        self.index: dict[str, list[tuple[int, str]]] = {}
        self.titled: set[str] = set()  # introduced with a political title, not as a spouse

    def add(self, mention: Mention, titled: bool = False) -> None:
        if titled:
            self.titled.add(mention.name)
        for form in {mention.name, mention.text}:
            parts = name_parts(form)
            if len(parts) > 1:
                for key in {fold(parts[-1]), fold(parts[0])}:
                    self.index.setdefault(key, []).append((mention.start, mention.name))

    def resolve(self, word: str, position: int) -> str | None:
        """The full name before `position` that this one word ends or starts. When two people
        share it (a president and a spouse), the one introduced with a political title, then
        the more often named, then the first: never the latest by recency alone."""
        seen = self.index.get(fold(word), [])
        k = bisect_left(seen, (position, ""))
        names = [name for _, name in seen[:k]]
        if len(set(names)) <= 1:
            return names[-1] if names else None
        return min(
            dict.fromkeys(names),
            key=lambda n: (n not in self.titled, -names.count(n), names.index(n)),
        )


def find_actors(doc: Doc, gaz: Gazetteer) -> ArticleActors:
    """Resolve every actor mention of the Doc to a canonical actor."""
    found, people = ArticleActors(), People()
    for span in entity_spans(doc):
        mention = classify(span, gaz)
        if mention is None:
            continue
        if mention.type is ActorType.PERSON or len(span) == 1:
            mention = _resolve_short(mention, people) or mention
        if mention.type is ActorType.PERSON and " " in mention.name:
            people.add(mention, _politically_titled(doc, mention))
        found.add(mention)
    _add_surnames(doc, found, people)
    _add_descriptions(doc, found, gaz)
    return found


def _politically_titled(doc: Doc, mention: Mention) -> bool:
    before = [t.lower_ for t in doc[max(0, mention.start - 4) : mention.start]]
    if any(w in SPOUSE_WORDS for w in before):
        return False
    return any(w in TITLE_WORDS and w != "first" for w in before)


def _resolve_short(mention: Mention, people: People) -> Mention | None:
    """A one-word name is the most recent earlier full name it ends (or starts); never a
    substring match across the corpus, and never a name first seen later."""
    if " " in mention.text.strip():
        return None
    name = people.resolve(mention.text, mention.start)
    return (
        Mention(mention.start, mention.end, name, ActorType.PERSON, mention.text) if name else None
    )


def _add_surnames(doc: Doc, found: ArticleActors, people: People) -> None:
    """Surnames the model did not tag ("Choe") still refer to the earlier full name, also where
    the tagger took a sentence-initial one for a common noun ("Zelenskyy quickly thanked")."""
    for tok in doc:
        if (
            tok.i in found.by_token
            or tok.pos_ not in {"PROPN", "NOUN"}
            or not tok.text[:1].isupper()
        ):
            continue
        probe = Mention(tok.i, tok.i + 1, tok.text, ActorType.PERSON, tok.text)
        resolved = _resolve_short(probe, people)
        if resolved:
            found.add(resolved)


def _add_descriptions(doc: Doc, found: ArticleActors, gaz: Gazetteer) -> None:
    """Definite descriptions: "the North", "the Russian government", "the Secretary"."""
    countries = set(found.names(ActorType.COUNTRY))
    titled = _titled_people(doc, found)
    for tok in doc:
        if tok.i in found.by_token or tok.i == 0 or doc[tok.i - 1].lower_ != "the":
            continue
        mention = _compass(tok, gaz, countries) or _government(tok, gaz, found)
        mention = mention or _title_reference(tok, titled)
        if mention:
            found.add(mention)


def _titled_people(doc: Doc, found: ArticleActors) -> dict[str, list[tuple[int, str]]]:
    """For each capitalised title word, the people introduced with it and where."""
    out: dict[str, list[tuple[int, str]]] = {}
    for m in found.sorted():
        if m.type is ActorType.PERSON:
            for t in doc[max(0, m.start - 6) : m.start]:
                if t.lower_ in TITLE_WORDS and t.text[:1].isupper():
                    out.setdefault(t.text, []).append((m.start, m.name))
    return {title: _unique_so_far(seen) for title, seen in out.items()}


def _unique_so_far(seen: list[tuple[int, str]]) -> list[tuple[int, str]]:
    """Each entry's name if it is the only one seen up to there, else "" (ambiguous)."""
    names: set[str] = set()
    out = []
    for start, name in seen:
        names.add(name)
        out.append((start, name if len(names) == 1 else ""))
    return out


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


def _title_reference(tok, titled: dict[str, list[tuple[int, str]]]) -> Mention | None:
    """ "the Secretary" is the one person of the article introduced earlier with that title."""
    if tok.lower_ not in TITLE_WORDS or not tok.text[:1].isupper():
        return None
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and (nxt.pos_ == "PROPN" or nxt.lower_ == "of"):
        return None
    seen = titled.get(tok.text, [])
    k = bisect_left(seen, (tok.i, ""))
    name = seen[k - 1][1] if k else ""
    return (
        Mention(tok.i - 1, tok.i + 1, name, ActorType.PERSON, f"the {tok.text}") if name else None
    )
