"""The curated tables go stale, so their shape and a few facts are checked here."""

import json
from collections import defaultdict
from datetime import date
from importlib import resources

import pytest

from ingest.gazetteer import load_gazetteer, load_offices, ruler_patterns
from ingest.model import ActorType


def _data(name):
    return json.loads(resources.files("ingest").joinpath("data", name).read_text("utf-8"))


def test_offices_are_well_formed():
    offices = load_offices()
    assert len(offices) > 150
    for o in offices:
        assert o.name and o.title and o.of, o
        assert o.end is None or o.start < o.end, o
        assert o.name not in o.aliases


def test_offices_cover_many_states():
    states = {o.of for o in load_offices()}
    assert len(states) >= 30


def test_no_two_holders_of_one_office_overlap():
    by_office = defaultdict(list)
    for o in load_offices():
        by_office[(o.title, o.of)].append(o)
    for key, terms in by_office.items():
        terms.sort(key=lambda o: o.start)
        for a, b in zip(terms, terms[1:], strict=False):
            assert a.end is not None and a.end <= b.start, (key, a.name, b.name)


@pytest.mark.parametrize(
    ("person", "day", "title", "state"),
    [
        ("Sergey Lavrov", date(2023, 10, 18), "Foreign Minister", "Russia"),
        ("Kim Jong Un", date(2023, 10, 18), "leader", "North Korea"),
        ("Joe Biden", date(2022, 1, 1), "President", "United States"),
        ("Joe Biden", date(2012, 1, 1), "Vice President", "United States"),
        ("Wang Yi", date(2016, 1, 27), "Foreign Minister", "China"),
        ("Olaf Scholz", date(2022, 1, 1), "Chancellor", "Germany"),
    ],
)
def test_dated_offices(person, day, title, state):
    held = load_gazetteer().offices_of(person, day)
    assert [(o.title, o.of) for o in held] == [(title, state)]


@pytest.mark.parametrize(
    ("form", "name", "kind"),
    [
        ("DPRK", "North Korea", ActorType.COUNTRY),
        ("Democratic People’s Republic of Korea", "North Korea", ActorType.COUNTRY),
        ("U.S.", "United States", ActorType.COUNTRY),
        ("Britain", "United Kingdom", ActorType.COUNTRY),
        ("Russian Federation", "Russia", ActorType.COUNTRY),
        ("Burma", "Myanmar", ActorType.COUNTRY),
        ("ROK", "South Korea", ActorType.COUNTRY),
        ("KCNA", "Korean Central News Agency", ActorType.ORGANIZATION),
        ("NATO", "North Atlantic Treaty Organization", ActorType.ORGANIZATION),
        ("State Department", "United States Department of State", ActorType.ORGANIZATION),
        ("Antony J. Blinken", "Antony Blinken", ActorType.PERSON),
        ("North America", "North America", ActorType.PLACE),
    ],
)
def test_aliases(form, name, kind):
    assert load_gazetteer().lookup(form) == (name, kind)


def test_demonyms_and_capitals():
    gaz = load_gazetteer()
    assert gaz.demonyms["North Korean"] == "North Korea"
    assert gaz.demonyms["South African"] == "South Africa"
    assert gaz.capitals["Pyongyang"] == "North Korea"
    assert gaz.capitals["Moscow"] == "Russia"


def test_every_curated_country_code_is_real():
    import pycountry

    for code in _data("countries.json"):
        if not code.startswith("_"):
            assert pycountry.countries.get(alpha_2=code) is not None, code


def test_contextual_forms_are_not_ruler_patterns():
    patterns = {p["pattern"] for p in ruler_patterns(load_gazetteer())}
    assert "North" not in patterns and "South" not in patterns
    assert "Pyongyang" in patterns and "DPRK" in patterns
