"""Actors and roles on short texts through the real pipeline."""

import pytest

from ingest.extract import extract_article
from ingest.model import Article
from ingest.pipeline import load_nlp


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def run(nlp, text, published="2023-10-18"):
    return extract_article(Article(id="t", text=text, published=published), nlp)


def entities(ex):
    """Actors with their aliases, a leading "the" dropped as the scorer drops it."""
    return {
        (a.name, str(a.type)): {x.removeprefix("the ").removeprefix("The ") for x in a.aliases}
        for a in ex.entities
    }


def test_surname_resolves_to_earlier_full_name(nlp):
    ex = run(
        nlp,
        "Russian Foreign Minister Sergey Lavrov arrived on Monday. Lavrov said the talks went well.",
    )
    assert entities(ex)[("Sergey Lavrov", "PERSON")] == {"Lavrov"}


def test_surname_without_earlier_full_name_is_not_merged_by_substring(nlp):
    ex = run(nlp, "Kim said the talks went well. Later, Kim Jong Un met the envoy.")
    names = {a.name for a in ex.entities}
    assert "Kim Jong Un" in names
    assert not any("Kim" in a.aliases for a in ex.entities if a.name == "Kim Jong Un")


def test_capital_metonymy(nlp):
    ex = run(
        nlp,
        "Lavrov arrived in Pyongyang. Analysts praised Pyongyang's decision to recognize Russia.",
    )
    ents = entities(ex)
    assert ("Pyongyang", "PLACE") in ents
    assert "Pyongyang" in ents[("North Korea", "COUNTRY")]


def test_the_north_in_context_only(nlp):
    ex = run(nlp, "North Korea fired a missile. The United States said the North had tested it.")
    assert "North" in entities(ex)[("North Korea", "COUNTRY")]
    ex = run(nlp, "Voters in the North said the test went well.")
    assert not any(a.name == "North Korea" for a in ex.entities)


def test_aliases_and_abbreviations(nlp):
    ex = run(nlp, "The DPRK and the U.S. met in Geneva, and the ROK welcomed it.")
    names = {(a.name, str(a.type)) for a in ex.entities}
    assert {
        ("North Korea", "COUNTRY"),
        ("United States", "COUNTRY"),
        ("South Korea", "COUNTRY"),
    } <= names
    assert ("Geneva", "PLACE") in names


def test_hyphenated_states_are_two_mentions(nlp):
    ex = run(nlp, "They discussed U.S.-Japan defense cooperation.")
    assert {"United States", "Japan"} <= {a.name for a in ex.entities}


def test_government_description_and_title_reference(nlp):
    text = (
        "Secretary of State Antony J. Blinken spoke today with Ukrainian Foreign Minister "
        "Dmytro Kuleba. The Secretary said the Russian government must stop."
    )
    ents = entities(run(nlp, text, "2022-02-28"))
    assert "Secretary" in ents[("Antony Blinken", "PERSON")]
    assert "Russian government" in ents[("Russia", "COUNTRY")]


def test_titles_are_not_organizations(nlp):
    ex = run(
        nlp,
        "Secretary of Defense Lloyd J. Austin III hosted Indian Defense Minister Rajnath Singh.",
    )
    assert {a.name for a in ex.entities} == {"Lloyd Austin", "Rajnath Singh"}


ROLE_CASES = [
    ("Russian Foreign Minister Sergey Lavrov arrived.", ("Sergey Lavrov", "Foreign Minister", "Russia")),
    ("The minister met Choe Son Hui, North Korea's foreign minister.", ("Choe Son Hui", "foreign minister", "North Korea")),
    ("President Joseph R. Biden, Jr. spoke today with Chancellor Olaf Scholz of Germany.", ("Olaf Scholz", "Chancellor", "Germany")),
    ("President Joseph R. Biden, Jr. spoke today with Chancellor Olaf Scholz of Germany.", ("Joe Biden", "President", "United States")),
    ("U.S. Secretary of State John Kerry met with China's foreign minister Wang Yi.", ("Wang Yi", "foreign minister", "China")),
    ("U.N. Syria envoy Staffan de Mistura sent out invitations.", ("Staffan de Mistura", "Syria envoy", "United Nations")),
    ("Acting Chief Pentagon Spokesperson Charles E. Summers Jr. provided a readout.", ("Charles E. Summers Jr.", "Acting Chief Pentagon Spokesperson", None)),
    ("North Korean leader Kim Jong Un met him.", ("Kim Jong Un", "leader", "North Korea")),
]  # fmt: skip


@pytest.mark.parametrize(("text", "role"), ROLE_CASES)
def test_roles(nlp, text, role):
    published = "2022-01-01" if "Biden" in text else "2023-10-18"
    roles = {(r.person, r.title, r.of) for r in run(nlp, text, published).roles}
    assert role in roles


def test_one_role_per_person_longest_title(nlp):
    ex = run(
        nlp, "Secretary of State Antony J. Blinken met Ebrard. Secretary Blinken said it went well."
    )
    assert [(r.person, r.title) for r in ex.roles if r.person == "Antony Blinken"] == [
        ("Antony Blinken", "Secretary of State")
    ]


def test_accented_full_name_resolves_plain_surname(nlp):
    ex = run(
        nlp, "Turkish President Recep Tayyip Erdogan arrived. Erdogan said the talks went well."
    )
    assert "Erdogan" in entities(ex)[("Recep Tayyip Erdoğan", "PERSON")]


def test_all_caps_dateline_is_an_alias(nlp):
    ex = run(nlp, "MANILA, PHILIPPINES — The Philippines signed the deal.")
    assert "PHILIPPINES" in entities(ex)[("Philippines", "COUNTRY")]


def test_spokesperson_tagged_as_organization_is_a_person(nlp):
    ex = run(nlp, "The below is attributable to Spokesperson Ned Price: the talks went well.")
    assert ("Ned Price", "PERSON") in entities(ex)
    assert ("Ned Price", "Spokesperson", None) in {(r.person, r.title, r.of) for r in ex.roles}


def test_person_the_model_missed_after_a_title(nlp):
    text = "Austin spoke with Polish Deputy Prime Minister and Minister of National Defense Mariusz Blaszczak."
    roles = {(r.person, r.title, r.of) for r in run(nlp, text, "2023-02-14").roles}
    assert (
        "Mariusz Blaszczak",
        "Deputy Prime Minister and Minister of National Defense",
        "Poland",
    ) in roles


def test_unknown_body_containing_a_known_name_is_not_that_body(nlp):
    ex = run(
        nlp, "Ali Shamkhani, the secretary of Iran's Supreme National Security Council, spoke."
    )
    assert "National Security Council" not in {a.name for a in ex.entities}


def test_shared_surname_prefers_the_office_holder_over_a_later_spouse(nlp):
    text = (
        "President Tomas Varga of Slovenia met with Chancellor Karl Nehammer. "
        "First lady Ana Varga visited a school in Vienna. Varga praised Austria for its help."
    )
    ex = run(nlp, text)
    found = {(str(r.type), r.source, r.target) for r in ex.relations}
    assert ("PRAISED", "Tomas Varga", "Austria") in found
    assert "Ana Varga" in {a.name for a in ex.entities}
