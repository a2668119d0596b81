"""Roles from titles and appositions: "Russian Foreign Minister Sergey Lavrov" -> {person, title, of}."""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc

from ingest.actors import ArticleActors
from ingest.gazetteer import Gazetteer
from ingest.mentions import TITLE_WORDS, Mention
from ingest.model import ActorType, Role

POSSESSIVES = frozenset({"'s", "’s"})


def _demonym_at(doc: Doc, i: int, gaz: Gazetteer) -> tuple[int, str] | None:
    """The country of a (one- or two-word) demonym ending at token i, with its first token."""
    if i >= 1 and doc[i - 1 : i + 1].text in gaz.demonyms:
        return i - 1, gaz.demonyms[doc[i - 1 : i + 1].text]
    if doc[i].text in gaz.demonyms:
        return i, gaz.demonyms[doc[i].text]
    return None


def _title_run(doc: Doc, end: int, found: ArticleActors, gaz: Gazetteer):
    """Walk left from the name over title words, owners and demonyms: (title, owner)."""
    words: list[str] = []
    owner, owner_text = None, None
    i = end - 1
    m = found.by_token.get(i)
    if m is not None and m.type is not ActorType.PERSON and _after_title_of(doc, m.start):
        owner, i = m.name, m.start - 2  # "President of South Africa Jacob Zuma"
    while i >= 0:
        tok = doc[i]
        m = found.by_token.get(i)
        joins = tok.lower_ in {"of", "and"} and words and words[0].lower() in TITLE_WORDS
        joins = joins and i > 0 and doc[i - 1].lower_ in TITLE_WORDS
        if tok.lower_ in TITLE_WORDS or joins and i + 1 < end:
            words.insert(0, tok.text)
            i -= 1
        elif m is not None and m.type is not ActorType.PERSON and words:
            owner, owner_text, i = m.name, m.text, m.start - 1
            words.insert(0, m.text)
        elif tok.text in POSSESSIVES and words and found.by_token.get(i - 1):
            owner, owner_text = found.by_token[i - 1].name, None
            break
        elif words and _demonym_at(doc, i, gaz):
            first, owner = _demonym_at(doc, i, gaz)
            owner_text = doc[first : i + 1].text
            words.insert(0, owner_text)
            break
        else:
            break
    if owner_text is not None and words and words[0] == owner_text:
        words = words[1:]
    elif owner_text is not None:
        owner = None  # an owner inside the title ("Chief Pentagon Spokesperson") names no `of`
    return " ".join(words), owner


def _after_title_of(doc: Doc, i: int) -> bool:
    return i >= 2 and doc[i - 1].lower_ == "of" and doc[i - 2].lower_ in TITLE_WORDS


def _following_owner(doc: Doc, mention: Mention, found: ArticleActors) -> str | None:
    """ "Chancellor Olaf Scholz of Germany": an `of` phrase right after the name."""
    i = mention.end
    if i + 1 < len(doc) and doc[i].lower_ == "of":
        j = i + 2 if doc[i + 1].lower_ == "the" else i + 1
        m = found.by_token.get(j)
        if m is not None and m.type is not ActorType.PERSON:
            return m.name
    return None


def _apposition(doc: Doc, mention: Mention, found: ArticleActors) -> tuple[str, str | None]:
    """ "Choe Son Hui, North Korea's foreign minister": a title after the name and a comma."""
    i = mention.end
    if i + 1 >= len(doc) or doc[i].text != ",":
        return "", None
    owner, j = None, i + 1
    m = found.by_token.get(j)
    if m is not None and m.type is not ActorType.PERSON:
        owner, j = m.name, m.end
        j += 1 if j < len(doc) and doc[j].text in POSSESSIVES else 0
    start = j
    while j < len(doc) and doc[j].lower_ in TITLE_WORDS:
        j += 1
    return (doc[start:j].text, owner) if j > start and owner else ("", None)


def _office_owner(gaz: Gazetteer, person: str, title: str, day: date | None) -> str | None:
    words = {w.lower() for w in title.split()}
    for office in gaz.offices_of(person, day):
        if words & {w.lower() for w in office.title.split()}:
            return office.of
    return None


def _listed_owner(doc: Doc, m: Mention, title: str, listed: tuple[int, str | None]):
    """ "South Korean President Lee, Defense Minister Kim and Foreign Minister Kim": people
    listed with their titles share the state named at the head of the list."""
    end, owner = listed
    gap = doc[end : m.start - len(title.split())] if end >= 0 else None
    if not owner or gap is None or len(gap) > 2:
        return None
    return owner if all(t.text == "," or t.lower_ == "and" for t in gap) else None


def _sentence_state(doc: Doc, m: Mention, found: ArticleActors) -> str | None:
    """A title with no owner belongs to the one state its sentence names, if only one."""
    sent = doc[m.start].sent
    states = {
        found.by_token[i].name
        for i in range(sent.start, sent.end)
        if i in found.by_token and found.by_token[i].type is ActorType.COUNTRY
    }
    return states.pop() if len(states) == 1 else None


def find_roles(
    doc: Doc, found: ArticleActors, gaz: Gazetteer, day: date | None
) -> tuple[Role, ...]:
    """One role per person: the longest title the article gives, owner from text or office table."""
    best: dict[str, Role] = {}
    listed: tuple[int, str | None] = (-1, None)  # where the last titled person ends, its owner
    for m in found.sorted():
        if m.type is not ActorType.PERSON:
            continue
        title, owner = _title_run(doc, m.start, found, gaz)
        if not title:
            title, owner = _apposition(doc, m, found)
        if not title:
            continue
        owner = owner or _following_owner(doc, m, found) or _office_owner(gaz, m.name, title, day)
        owner = owner or _listed_owner(doc, m, title, listed) or _sentence_state(doc, m, found)
        listed = (m.end, owner)
        role = Role(m.name, title, owner)
        old = best.get(m.name)
        if old is None or len(title) > len(old.title) or (old.of is None and owner):
            best[m.name] = (
                role
                if old is None or len(title) >= len(old.title)
                else Role(old.person, old.title, old.of or owner)
            )
    return tuple(best.values())
