"""Turn sentence candidates into contract relations: types checked, modality, date, place, codes."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from spacy.tokens import Doc, Span, Token

from ingest.actors import ArticleActors
from ingest.codes import codes
from ingest.dates import resolve_date
from ingest.gazetteer import Gazetteer
from ingest.modality import QUOTES, modality_of, quote_speaker, reporter
from ingest.model import ActorType, Modality, Relation, RelationType, Role
from ingest.relations import Candidate, SentenceRules
from ingest.relmodel import Decider, Staged
from ingest.vocabulary import PEOPLE_OR_STATES, SPECS, SYMMETRIC_TYPES

T = RelationType
STANDING = {t for t, spec in SPECS.items() if spec.standing}
SPEECH_ACTS = {t for t, spec in SPECS.items() if spec.speech_act}
SUBORDINATE = {"relcl", "acl"}
MEETINGS = {T.MET, T.HOSTED, T.VISITED}
DOUBLE_QUOTES = ('"', "“", "”")  # an apostrophe ("Iran's") opens no quotation
DATED_MODALITIES = {Modality.ASSERTED, Modality.REPORTED, Modality.NEGATED}


class Assembler:
    """Build the relations of one Doc from its actors, with the article's publication date."""

    def __init__(
        self,
        doc: Doc,
        actors: ArticleActors,
        gaz: Gazetteer,
        published: date | None,
        roles: Iterable[Role] = (),
        decider: Decider | None = None,
    ):
        self.doc, self.actors, self.gaz, self.published = doc, actors, gaz, published
        self.decider = decider
        self.office_of = {r.person: r.of for r in roles if r.of}  # whom an official acts for
        self.types = {m.name: m.type for m in actors.mentions}
        self.text = doc.text  # Doc.text joins every token on each access
        self.dates = [e for e in doc.ents if e.label_ in {"DATE", "TIME"}]
        self.quoted_by: str | None = None  # who spoke the quotation now running
        self.voice_label: str | None = None  # the transcript speaker whose turn is running
        self.speakers: dict[int, str] = {}  # sentence start -> its named speaker
        self.callers = _callers(actors)  # name words that pick out one person
        self.principals: list[str] = []  # set by the article's first meeting of two people
        self.meeting_date: str | None = None  # the date the text gives the first meeting

    def relations(self) -> list[Relation]:
        staged, quoted = [], []  # each sentence's rules and the quotation running in it
        for sent in self.doc.sents:
            rules = SentenceRules(sent, self.actors, self.principals)
            found = _companions(rules.candidates())
            quoted.append(quote_speaker(sent, rules.speaker_at, quoted[-1] if quoted else None))
            voice = self._voice(sent, quoted[-1])
            staged.append(Staged(sent, rules, found, voice))
            if "i" in voice:
                self.speakers[sent.start] = voice["i"]
            self._note_principals(found)
        if self.decider is not None:  # one classifier call for the whole article
            decided = self.decider.decide(staged)
        else:
            decided = [s.found for s in staged]
        seen: dict[tuple, Relation] = {}
        for (sent, rules, _, _), running, cands in zip(staged, quoted, decided, strict=True):
            self.quoted_by = running
            for cand in cands:
                for rel in self._build(cand, sent, rules):
                    seen.setdefault(_key(rel), rel)
                    self._note_meeting_date(rel)
        return list(seen.values())

    def _voice(self, sent: Span, quoted: str | None) -> dict[str, str]:
        """Who speaks this sentence (a transcript's "Name:" label, or the quotation's named
        speaker) and so who "I", "we" (the speaker's state) and "you" (the other principal, or
        the last other person named) are."""
        label = _speaker_label(sent, self.actors, self.callers)
        if label:  # a turn runs on over paragraphs until the next label
            self.voice_label = label
        quoting = quoted if quoted and any(q in sent.text for q in DOUBLE_QUOTES) else None
        speaker = quoting or self.voice_label
        if not speaker or self.types.get(speaker) is not ActorType.PERSON:
            return {}
        before = [m.name for m in self.actors.sorted() if m.start < sent.start]
        people = [n for n in before if self.types.get(n) is ActorType.PERSON and n != speaker]
        other = [p for p in self.principals if p != speaker] or people[-1:]
        voice = {"i": speaker, "we": self.office_of.get(speaker) or speaker}
        return voice | ({"you": other[0]} if other else {})

    def _type(self, name: str) -> ActorType | None:
        """An actor's type; a state the article names only by its adjective is a country."""
        found = self.types.get(name)
        if found is None and self.gaz.has_demonym(name):
            return ActorType.COUNTRY
        return found

    def _ok(self, cand: Candidate) -> bool:
        allowed = SPECS[cand.type].targets
        src, tgt = self._type(cand.source), self._type(cand.target)
        return src in PEOPLE_OR_STATES and tgt in allowed and cand.source != cand.target

    def _build(self, cand: Candidate, sent: Span, rules: SentenceRules) -> list[Relation]:
        city, cand = cand.target, self._visit_target(cand)
        if cand.type is T.SANCTIONED:
            cand = replace(cand, source=self._state_of(cand.source))
        if not self._ok(cand):
            return []
        modality, claimant = self._modality(cand, sent, rules)
        place = city if city != cand.target else self._place(cand, sent)
        rel = self._relation(cand, sent, modality, claimant, place)
        if cand.type is T.HOSTED:
            return [rel, self._relation(replace(cand, type=T.MET),
                                        sent, modality, claimant, place)]  # fmt: skip
        return [rel]

    def _modality(self, cand: Candidate, sent: Span, rules: SentenceRules):
        """Modality and claimant; a party reporting its own act is not a separate claimant."""
        reported, claimant = reporter(cand.trigger, rules.speaker_at)
        if not reported and self.quoted_by and _opens_quote(sent):
            reported, claimant = True, self.quoted_by  # a quote continued from the last sentence
        speaker = self.speakers.get(sent.start)
        if not reported and speaker:  # said in a transcript turn or a quotation of a named speaker
            reported, claimant = True, speaker
        modality = modality_of(cand.trigger) or (
            Modality.REPORTED if reported else Modality.ASSERTED
        )
        if cand.type is T.THREATENED and modality in {Modality.HEDGED, Modality.PLANNED}:
            # "would face consequences": the future is the threat's content, not a hedge on it
            modality = Modality.REPORTED if reported else Modality.ASSERTED
        if claimant in {cand.source, cand.target} and cand.type not in STANDING:
            claimant = None
            modality = Modality.ASSERTED if modality is Modality.REPORTED else modality
        return modality, claimant

    def _note_principals(self, found: list[Candidate]) -> None:
        """ "The two leaders" are the two people of the article's first meeting."""
        for c in found:
            people = self.types.get(c.source) is self.types.get(c.target) is ActorType.PERSON
            if not self.principals and c.type in {T.MET, T.HOSTED} and people and self._ok(c):
                self.principals.extend([c.source, c.target])

    def _note_meeting_date(self, rel: Relation) -> None:
        explicit = rel.date and self.published and rel.date != self.published.isoformat()
        if rel.type in MEETINGS and explicit and self.meeting_date is None:
            self.meeting_date = rel.date if rel.modality is Modality.ASSERTED else None

    def _state_of(self, name: str) -> str:
        """Sanctions are a state's act: the official who signs or announces them, or the
        department that issues them, acts for the state named in the article."""
        owner = self.office_of.get(name, name)
        for _ in range(2):
            if self.types.get(owner) is ActorType.COUNTRY:
                return owner
            owner = self.gaz.org_of.get(owner, owner)
        return owner if self.types.get(owner) is ActorType.COUNTRY else name

    def _visit_target(self, cand: Candidate) -> Candidate:
        """A visit to a capital whose state the article names targets the state."""
        if cand.type is T.VISITED and self.types.get(cand.target) is ActorType.PLACE:
            state = self.gaz.capitals.get(cand.target)
            if state and self.types.get(state) is ActorType.COUNTRY:
                return replace(cand, target=state)
        return cand

    def _place(self, cand: Candidate, sent: Span) -> str | None:
        """The nearest place after "in" or "at" in the trigger's clause, else its governors'."""
        trig = cand.trigger
        # a relative clause describes its noun ("a parade in Pyongyang"), not the event
        nested = {
            t.i for r in trig.subtree if r.dep_ == "relcl" and r is not trig for t in r.subtree
        }
        own = sorted(
            (t for t in trig.subtree if t.i not in nested), key=lambda t: abs(t.i - trig.i)
        )
        for tok in own + [c for a in list(trig.ancestors)[:2] for c in a.children]:
            if tok.dep_ == "pobj" and tok.head.lower_ in {"in", "at"}:
                m = self.actors.by_token.get(tok.i)
                if m and m.type is ActorType.PLACE and m.name != cand.target:
                    return m.name
        return None

    def _date(self, cand: Candidate, sent: Span, modality: Modality) -> str | None:
        if cand.type is T.COOPERATES or cand.type is T.SUPPORTS and _possessed(cand.trigger):
            return None
        lo = bisect_left(self.dates, sent.start, key=lambda e: e.start)
        hi = bisect_left(self.dates, sent.end, key=lambda e: e.start)
        ents = self.dates[lo:hi]
        trig = cand.trigger
        clause = set(t.i for t in (trig.head if trig.dep_ in {"xcomp", "pobj"} else trig).subtree)
        ents = [e for e in ents if _dates_clause(e, trig)]
        ranked = sorted(ents, key=lambda e: (e.root.i not in clause, abs(e.root.i - trig.i)))
        for ent in ranked:
            value = resolve_date(ent.text, self.published)
            if value:
                return value
        undated_today = modality in DATED_MODALITIES and _current(trig)
        if undated_today and cand.type in SPEECH_ACTS and self.meeting_date:
            return self.meeting_date  # said at the article's dated meeting
        return self.published.isoformat() if self.published and undated_today else None

    def _relation(self, cand, sent, modality, claimant, place) -> Relation:
        cameo, plover = codes(cand.type, modality, sent.text)
        start, end = _trimmed(self.text, sent.start_char, sent.end_char)
        return Relation(
            type=cand.type,
            source=cand.source,
            target=cand.target,
            evidence=self.text[start:end],
            start=start,
            end=end,
            modality=modality,
            date=self._date(cand, sent, modality),
            place=place,
            attributed_to=claimant,
            cameo=cameo,
            plover=plover,
            confidence=_confidence(cand, modality),
        )


def _dates_clause(ent: Span, trig: Token) -> bool:
    """A date belongs to its own clause: "since May 2" starts a state, and a date inside a
    relative or adverbial clause that does not hold the trigger dates that clause only."""
    if (
        ent.root.head.lower_ == "since"
        or ent.start > 0
        and ent.doc[ent.start - 1].lower_ == "since"
    ):
        return False
    tok = ent.root
    while tok.head is not tok:
        if tok.dep_ in SUBORDINATE and trig not in tok.subtree:
            return False
        if trig in tok.subtree:
            return True
        tok = tok.head
    return True


def _possessed(tok: Token) -> bool:
    """ "its support for Russia" describes a standing state, not a dated act."""
    return any(c.dep_ == "poss" for c in tok.children)


def _current(tok: Token) -> bool:
    """An event told without a date is the article's own day unless a perfect tense backdates it."""
    aux = {c.lower_ for t in (tok, tok.head) for c in t.children if c.dep_ in {"aux", "auxpass"}}
    return not aux & {"had", "has", "have", "'d", "'ve"}


def _speaker_label(sent: Span, actors: ArticleActors, callers: dict[str, str]) -> str | None:
    """ "Vladimir Putin: Mr President, ..." or "SECRETARY CLINTON: ..." opens a transcript turn;
    a label in capitals names the person by a word of their name (`callers`)."""
    for tok in sent[:12]:
        if tok.text == ":":
            m = actors.by_token.get(tok.i - 1)
            if m is not None and m.type is ActorType.PERSON and m.start <= sent.start + 4:
                return m.name
            label = [t.lower_ for t in sent[: tok.i - sent.start] if t.is_upper and len(t) > 1]
            return next((callers[w] for w in reversed(label) if w in callers), None)
    return None


def _callers(actors: ArticleActors) -> dict[str, str]:
    """Each word of a person's name that names only that person: "clinton" -> Hillary Clinton."""
    seen: dict[str, set[str]] = {}
    for m in actors.mentions:
        if m.type is ActorType.PERSON:
            for word in m.name.lower().split():
                seen.setdefault(word, set()).add(m.name)
    return {w: names.pop() for w, names in seen.items() if len(names) == 1 and len(w) > 2}


def _opens_quote(sent: Span) -> bool:
    return sent.text.lstrip()[:1] in QUOTES


def _companions(cands: list[Candidate]) -> list[Candidate]:
    """ "A accompanied B on a visit to C": B made the visit too."""
    extra = [
        Candidate(T.VISITED, other, visit.target, visit.trigger)
        for acc in cands
        if acc.type is T.ACCOMPANIED
        for visit in cands
        if visit.type is T.VISITED and visit.source in {acc.source, acc.target}
        for other in {acc.source, acc.target} - {visit.source}
    ]
    return cands + [c for c in extra if c not in cands]


def _confidence(cand: Candidate, modality: Modality) -> float:
    if cand.score is not None:
        return round(cand.score, 2)
    score = 0.8 if cand.trigger.pos_ in {"VERB", "AUX"} else 0.6
    return round(score - (0.1 if modality is not Modality.ASSERTED else 0.0), 2)


def _key(rel: Relation) -> tuple:
    ends = (rel.source, rel.target)
    if rel.type in SYMMETRIC_TYPES:
        ends = tuple(sorted(ends))
    return (rel.type, *ends, rel.modality is Modality.NEGATED)


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """The span without the white space spaCy keeps around a sentence (a trailing newline)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
