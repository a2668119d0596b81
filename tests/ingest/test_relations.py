"""Relation rules on sentences written for these tests (not the dev set), through the real model."""

import pytest

from ingest.extract import extract_article
from ingest.model import Article
from ingest.pipeline import load_nlp

PUB = "2024-05-15"  # a Wednesday


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def rels(nlp, text, published=PUB):
    ex = extract_article(Article(id="t", text=text, published=published), nlp)
    return ex, {(str(r.type), r.source, r.target): r for r in ex.relations}


CASES = [
    # (text, type, source, target, modality, attributed_to)
    ("French President Emmanuel Macron met with Chinese President Xi Jinping in Paris on Monday.",
     "MET", "Emmanuel Macron", "Xi Jinping", "asserted", None),
    ("Japanese Prime Minister Fumio Kishida visited Ukraine on Tuesday.",
     "VISITED", "Fumio Kishida", "Ukraine", "asserted", None),
    ("Indian Prime Minister Narendra Modi was hosted by Russian President Vladimir Putin.",
     "HOSTED", "Vladimir Putin", "Narendra Modi", "asserted", None),
    ("Germany and France signed an agreement on energy.",
     "AGREED", "Germany", "France", "asserted", None),
    ("Turkish President Recep Tayyip Erdogan will visit Egypt next month.",
     "VISITED", "Recep Tayyip Erdoğan", "Egypt", "planned", None),
    ("Iran could supply Russia with drones, officials fear.",
     "SUPPLIED", "Iran", "Russia", "hedged", None),
    ("Brazilian President Jair Bolsonaro did not meet Argentine President Alberto Fernandez.",
     "MET", "Jair Bolsonaro", "Alberto Fernandez", "negated", None),
    ("Reuters said Pakistan had delivered ammunition to Ukraine.",
     "SUPPLIED", "Pakistan", "Ukraine", "reported", "Reuters"),
    ("Poland sent tanks to Ukraine, according to NATO.",
     "SUPPLIED", "Poland", "Ukraine", "reported", "North Atlantic Treaty Organization"),
    ("Canadian Prime Minister Justin Trudeau thanked Japan for its support.",
     "PRAISED", "Justin Trudeau", "Japan", "asserted", None),
    ("Australian Foreign Minister Penny Wong condemned North Korea.",
     "CRITICIZED", "Penny Wong", "North Korea", "asserted", None),
    ("The European Union imposed sanctions on Belarus.",
     "SANCTIONED", "European Union", "Belarus", "asserted", None),
    ("Italian Prime Minister Giorgia Meloni, who invited Indian Prime Minister Narendra Modi to Rome, spoke briefly.",
     "INVITED", "Giorgia Meloni", "Narendra Modi", "asserted", None),
    ("Vietnam and Laos are eager to cooperate on trade.",
     "COOPERATES", "Vietnam", "Laos", "hedged", None),
    ("South African President Cyril Ramaphosa is expected to meet with Brazilian President Lula da Silva.",
     "MET", "Cyril Ramaphosa", "Luiz Inácio Lula da Silva", "planned", None),
    ("Chancellor Olaf Scholz accompanied French President Emmanuel Macron on a trip to China.",
     "ACCOMPANIED", "Olaf Scholz", "Emmanuel Macron", "asserted", None),
    ("SOCHI, RUSSIA — Russian President Vladimir Putin hosted Turkish President Recep Tayyip Erdogan in Sochi on Monday.",
     "HOSTED", "Vladimir Putin", "Recep Tayyip Erdoğan", "asserted", None),
    ("Ukrainian President Volodymyr Zelenskyy criticized Moscow for attacks on ports.",
     "CRITICIZED", "Volodymyr Zelenskyy", "Russia", "asserted", None),
    ("Israel denied that it had held talks with Iran.",
     "MET", "Israel", "Iran", "negated", None),
    ("Beijing did not sign any agreement with Manila.",
     "AGREED", "China", "Philippines", "negated", None),
    ("Russian Defense Minister Andrei Belousov visited Iran, where President Masoud Pezeshkian, who invited him, greeted crowds.",
     "INVITED", "Masoud Pezeshkian", "Andrei Belousov", "asserted", None),
    ("Secretary Austin reaffirmed the United States' ironclad commitment to Poland's security.",
     "SUPPORTS", "United States", "Poland", "reported", "Austin"),
    ("The United States has accused China of providing Russia with drone parts.",
     "SUPPLIED", "China", "Russia", "reported", "United States"),
    ("The White House warned that Iran would face consequences.",
     "THREATENED", "White House", "Iran", "asserted", None),
    ("The White House warned that Iran must stop its attacks.",
     "CRITICIZED", "White House", "Iran", "asserted", None),
    ("Japan and Australia have strengthened defense cooperation with the Philippines.",
     "COOPERATES", "Japan", "Philippines", "asserted", None),
    # warnings of consequences are threats; concern about a state's act is criticism
    ("Canadian Foreign Minister Melanie Joly warned Venezuela that any attack on Guyana would be a mistake.",
     "THREATENED", "Mélanie Joly", "Venezuela", "asserted", None),
    ("The Philippines warned that China's actions would be met with a response.",
     "THREATENED", "Philippines", "China", "asserted", None),
    ("German Foreign Minister Annalena Baerbock expressed deep concern about Iran's transfer of missiles to Russia.",
     "CRITICIZED", "Annalena Baerbock", "Iran", "asserted", None),
    ("German Foreign Minister Annalena Baerbock expressed deep concern about Iran's transfer of missiles to Russia.",
     "SUPPLIED", "Iran", "Russia", "hedged", "Annalena Baerbock"),
    ("Sweden and Finland accused Russia of violating their airspace.",
     "CRITICIZED", "Finland", "Russia", "asserted", None),
    # sanctions: the state acts, whoever announces; long bodies keep their of-phrase
    ("The United States is imposing sanctions on the Presidency of Defense Industries, Secretary of State Antony Blinken said.",
     "SANCTIONED", "United States", "Presidency of Defense Industries", "reported", "Antony Blinken"),
    ("U.S. Secretary of State Antony Blinken announced sanctions on Iran's Ministry of Intelligence.",
     "SANCTIONED", "United States", "Ministry of Intelligence", "asserted", None),
    ("The United States imposed sanctions against Iran's oil sector.",
     "SANCTIONED", "United States", "Iran", "asserted", None),
    ("Canada would impose further sanctions if Russia invaded Moldova, Prime Minister Justin Trudeau said.",
     "THREATENED", "Canada", "Russia", "reported", "Justin Trudeau"),
    # attribution through claim nouns and negation by declining
    ("Kenyan President William Ruto said in a statement that Kenya condemned Sudan.",
     "CRITICIZED", "Kenya", "Sudan", "reported", "William Ruto"),
    ("Kenyan Defense Minister Aden Duale expressed concern that Eritrea could supply Al-Shabaab.",
     "SUPPLIED", "Eritrea", "Al-Shabaab", "hedged", "Aden Duale"),
    ("\"Kenya's commitment to Somalia's security is unwavering,\" Kenyan Defense Minister Aden Duale said.",
     "SUPPORTS", "Kenya", "Somalia", "reported", "Aden Duale"),
    ("Uganda declined to meet with Sudan.", "MET", "Uganda", "Sudan", "negated", None),
    ("Kenya did not condemn Ethiopia.", "CRITICIZED", "Kenya", "Ethiopia", "negated", None),
    ("Tanzania may visit Zambia.", "VISITED", "Tanzania", "Zambia", "hedged", None),
]  # fmt: skip


@pytest.mark.parametrize(("text", "rtype", "source", "target", "modality", "claimant"), CASES)
def test_relation_rules(nlp, text, rtype, source, target, modality, claimant):
    _, found = rels(nlp, text)
    key = (rtype, source, target)
    if key not in found and rtype in {"MET", "AGREED", "COOPERATES"}:
        key = (rtype, target, source)
    assert key in found, sorted(found)
    assert str(found[key].modality) == modality
    assert found[key].attributed_to == claimant


def test_visit_to_capital_targets_state_with_city_as_place(nlp):
    _, found = rels(
        nlp,
        "Egypt's president visited Turkey last year. Later, Dutch Prime Minister Mark Rutte arrived in Ankara.",
    )
    rel = found[("VISITED", "Mark Rutte", "Turkey")]
    assert rel.place == "Ankara"


def test_dates_resolved_by_news_convention(nlp):
    _, found = rels(
        nlp, "Chancellor Olaf Scholz met with Polish President Andrzej Duda on Wednesday."
    )
    assert found[("MET", "Olaf Scholz", "Andrzej Duda")].date == "2024-05-15"
    _, found = rels(nlp, "Chancellor Olaf Scholz visited Poland in September.")
    assert found[("VISITED", "Olaf Scholz", "Poland")].date == "2023-09"


def test_no_publication_date_leaves_relative_dates_null_and_warns(nlp):
    ex, found = rels(nlp, "Chancellor Olaf Scholz visited Poland on Monday.", published=None)
    assert found[("VISITED", "Olaf Scholz", "Poland")].date is None
    assert any("relative dates" in w for w in ex.warnings)


def test_evidence_is_the_sentence_with_offsets(nlp):
    text = "It rained. Chancellor Olaf Scholz visited Poland on Monday. Then he left."
    ex, _ = rels(nlp, text)
    assert ex.relations
    for r in ex.relations:
        assert (
            text[r.start : r.end]
            == r.evidence
            == "Chancellor Olaf Scholz visited Poland on Monday."
        )
        assert r.cameo == "042" and r.plover == "CONSULT"


def test_relative_pronoun_object_is_not_the_subject(nlp):
    _, found = rels(
        nlp, "Kim Jong Un, who invited him to a parade in Pyongyang, met Sergei Shoigu."
    )
    assert ("INVITED", "Kim Jong Un", "Kim Jong Un") not in found


def test_a_meeting_in_a_relative_clause_has_no_place_of_the_visit(nlp):
    text = "Sergei Shoigu visited North Korea in July, and Kim Jong Un invited him to a parade that was held in Pyongyang."
    _, found = rels(nlp, text)
    assert found[("VISITED", "Sergei Shoigu", "North Korea")].place is None


def test_object_controls_the_gerund(nlp):
    _, found = rels(nlp, "Washington sanctioned three companies for supplying Russia's military.")
    assert ("SUPPLIED", "United States", "Russia") not in found


def test_no_relation_with_an_unnamed_end(nlp):
    _, found = rels(nlp, "The United States imposed sanctions on two officials.")
    assert not found


def test_output_is_deterministic(nlp):
    text = (
        "Russia and China agreed to cooperate. Xi Jinping met Vladimir Putin in Moscow on Monday."
    )
    a, _ = rels(nlp, text)
    b, _ = rels(nlp, text)
    assert a.to_dict() == b.to_dict()


def test_the_two_leaders_are_the_first_pair_who_met(nlp):
    text = (
        "French President Emmanuel Macron spoke today with German Chancellor Olaf Scholz. "
        "The two leaders agreed to coordinate their response."
    )
    _, found = rels(nlp, text)
    assert ("AGREED", "Emmanuel Macron", "Olaf Scholz") in found


def test_opposing_an_act_is_not_doing_it(nlp):
    _, found = rels(
        nlp, "Hungarian Foreign Minister Peter Szijjarto has opposed sending weapons to Ukraine."
    )
    assert not any(k[0] == "SUPPLIED" for k in found)


def test_visited_capital_is_the_place_not_the_state_alias(nlp):
    text = "Russia said Moscow would respond. Hungarian Foreign Minister Peter Szijjarto visited Moscow in August."
    _, found = rels(nlp, text)
    assert found[("VISITED", "Peter Szijjarto", "Russia")].place == "Moscow"


def test_unnamed_source_is_reported_without_claimant(nlp):
    _, found = rels(nlp, "A Russian official says Ukraine and Russia are meeting in Brussels.")
    rel = found.get(("MET", "Ukraine", "Russia")) or found[("MET", "Russia", "Ukraine")]
    assert (str(rel.modality), rel.attributed_to) == ("reported", None)


def test_quote_continued_after_its_attribution(nlp):
    text = (
        '"This meeting is important," Indian Defense Minister Rajnath Singh said. '
        '"Our visit will take the India-Japan partnership further."'
    )
    _, found = rels(nlp, text)
    rel = found.get(("COOPERATES", "India", "Japan")) or found[("COOPERATES", "Japan", "India")]
    assert rel.attributed_to == "Rajnath Singh"


def test_a_date_in_a_relative_clause_or_after_since_does_not_date_the_main_event(nlp):
    text = (
        "Ghanaian President Nana Akufo-Addo, who has been on a week-long visit to Kenya "
        "since May 2, met with Kenyan President William Ruto."
    )
    _, found = rels(nlp, text)
    assert found[("MET", "Nana Akufo-Addo", "William Ruto")].date == PUB
    assert found[("VISITED", "Nana Akufo-Addo", "Kenya")].date != "2024-05-02"
    text = "Chile, which Peru criticized on March 3 last year, met with Bolivia today."
    _, found = rels(nlp, text)
    rel = found.get(("MET", "Chile", "Bolivia")) or found[("MET", "Bolivia", "Chile")]
    assert rel.date == PUB


def test_tomorrow_today_and_statements_at_a_dated_meeting(nlp):
    _, found = rels(nlp, "Kenyan President William Ruto will visit Ghana tomorrow.")
    assert found[("VISITED", "William Ruto", "Ghana")].date == "2024-05-16"
    text = (
        "Kenyan President William Ruto met with Ghanaian President Nana Akufo-Addo in Nairobi "
        "on Monday. Ruto praised Ghana for its leadership."
    )
    _, found = rels(nlp, text)
    assert found[("PRAISED", "William Ruto", "Ghana")].date == "2024-05-13"


def test_negated_lede_event_gets_the_published_date(nlp):
    _, found = rels(nlp, "Kenyan President William Ruto did not travel to Ethiopia for the summit.")
    rel = found[("VISITED", "William Ruto", "Ethiopia")]
    assert (str(rel.modality), rel.date) == ("negated", PUB)


def test_accompanied_by_and_traveled_with_make_the_companion_visit(nlp):
    text = (
        "Kenyan President William Ruto, accompanied by First Lady Rachel Ruto, traveled to "
        "Ghana on Monday."
    )
    _, found = rels(nlp, text)
    assert ("ACCOMPANIED", "Rachel Ruto", "William Ruto") in found
    assert ("VISITED", "Rachel Ruto", "Ghana") in found
    _, found = rels(
        nlp,
        "Kenyan President William Ruto traveled with Foreign Minister Musalia Mudavadi to Ghana.",
    )
    assert ("ACCOMPANIED", "Musalia Mudavadi", "William Ruto") in found
    assert ("VISITED", "Musalia Mudavadi", "Ghana") in found


def test_coordinated_objects_give_one_relation_each(nlp):
    _, found = rels(
        nlp,
        "Portuguese Prime Minister Luis Costa met with Dutch Prime Minister Dick Schoof, "
        "Belgian Prime Minister Alexander De Croo and Danish Prime Minister Mette Frederiksen.",
    )
    for other in ("Dick Schoof", "Alexander De Croo", "Mette Frederiksen"):
        assert ("MET", "Luis Costa", other) in found
    _, found = rels(nlp, "Chile thanked Norway, Ireland and Spain for their support.")
    assert {k for k in found if k[0] == "PRAISED"} == {
        ("PRAISED", "Chile", "Norway"),
        ("PRAISED", "Chile", "Ireland"),
        ("PRAISED", "Chile", "Spain"),
    }


def test_ministry_spokesperson_is_the_speaker_not_the_ministry(nlp):
    _, found = rels(nlp, "Russia's Foreign Ministry spokesperson Oleg Petrenko condemned Latvia.")
    assert ("CRITICIZED", "Oleg Petrenko", "Latvia") in found
