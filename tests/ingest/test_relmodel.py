"""The relation classifier: its pair texts, its labels, the shipped model and the training data
builder, through the real spaCy pipeline."""

import json

import pytest

from ingest.actors import find_actors
from ingest.extract import extract_article
from ingest.gazetteer import load_gazetteer
from ingest.model import Article, RelationType
from ingest.pairs import DIRECTIONS, TYPES, referents, relation_scores, sentence_pairs
from ingest.pipeline import load_nlp
from ingest.relations import SentenceRules
from ingest.relmodel import MODEL_DIR, load_classifier
from training.build import article_examples
from training.gold import relation_counts


@pytest.fixture(scope="module")
def nlp():
    return load_nlp()


def test_relation_scores_combine_direction_and_type():
    cats = {
        **dict.fromkeys(TYPES, 0.0),
        "AB": 0.9,
        "BA": 0.2,
        "SYM": 0.5,
        "VISITED": 0.8,
        "MET": 0.6,
    }
    scores = relation_scores(cats)
    assert scores[(RelationType.VISITED, True)] == pytest.approx(0.72)
    assert scores[(RelationType.VISITED, False)] == pytest.approx(0.16)
    assert scores[(RelationType.MET, True)] == pytest.approx(0.3)  # symmetric: one way only
    assert (RelationType.MET, False) not in scores
    assert len(scores) == 25


def test_pairs_mask_the_pair_and_carry_the_rules(nlp):
    doc = nlp("Foreign Minister Sergey Lavrov met North Korean leader Kim Jong Un in Pyongyang.")
    actors = find_actors(doc, load_gazetteer())
    sent = next(doc.sents)
    rules = SentenceRules(sent, actors, [])
    pairs = sentence_pairs(sent, rules, rules.candidates())
    by_ends = {(p.a, p.b): p for p in pairs}
    pair = by_ends[("Sergey Lavrov", "Kim Jong Un")]
    assert "ENTA met north entx_country leader ENTB in entx_place" in pair.text
    assert "rule_met rule_sym" in pair.text and "ta_person" in pair.text
    assert [c.type for c in pair.rules] == [RelationType.MET]
    assert ("Sergey Lavrov", "Pyongyang") in by_ends  # every pair is a candidate
    assert "lavrov" not in pair.text.split("|")[1]  # the sentence part names nobody


def referent_names(nlp, text, voice=None):
    doc = nlp(text)
    actors = find_actors(doc, load_gazetteer())
    sent = list(doc.sents)[-1]
    rules = SentenceRules(sent, actors, ["Emmanuel Macron", "Olaf Scholz"])
    return {(r.name, r.head.text) for r in referents(sent, rules, rules.candidates(), voice or {})}


def test_referents_reach_past_names(nlp):
    """Pronouns, "they" after a meeting, nationality adjectives and a speaker's "we"."""
    assert referent_names(nlp, "Emmanuel Macron met Olaf Scholz. They praised Poland.") == {
        ("Emmanuel Macron", "They"), ("Olaf Scholz", "They"), ("Poland", "Poland")}  # fmt: skip
    assert ("Olaf Scholz", "He") in referent_names(  # the last person named before
        nlp, "Emmanuel Macron met Olaf Scholz. He praised Poland.")  # fmt: skip
    assert ("Ukraine", "Ukrainian") in referent_names(
        nlp, "Emmanuel Macron praised the Ukrainian army.")  # fmt: skip
    spoken = referent_names(nlp, "We thank you.", {"i": "Olaf Scholz", "we": "Germany",
                                                    "you": "Emmanuel Macron"})  # fmt: skip
    assert {("Germany", "We"), ("Olaf Scholz", "We"), ("Emmanuel Macron", "you")} <= spoken


def test_shipped_model_loads_with_tuned_thresholds():
    clf = load_classifier(str(MODEL_DIR))
    meta = json.loads((MODEL_DIR / "meta.json").read_text())
    assert clf is not None
    assert set(clf.nlp.get_pipe("relation").labels) == set(DIRECTIONS)
    assert set(clf.nlp.get_pipe("rtype").labels) == set(TYPES)
    assert (clf.add, clf.keep) == tuple(meta["dipgraph_thresholds"][k] for k in ("add", "keep"))


def test_rules_only_switch(monkeypatch):
    monkeypatch.setenv("DIPGRAPH_RELATION_MODEL", "rules")
    load_classifier.cache_clear()
    try:
        assert load_classifier() is None
    finally:
        load_classifier.cache_clear()


def test_extraction_scores_its_relations(nlp):
    ex = extract_article(
        Article(id="t", text="President Joe Biden met Japanese Prime Minister Fumio Kishida on "
                             "Friday in Washington.", published="2023-01-13"), nlp)  # fmt: skip
    met = [r for r in ex.relations if r.type is RelationType.MET]
    assert [(r.source, r.target) for r in met] == [("Joe Biden", "Fumio Kishida")]
    assert 0.0 < met[0].confidence <= 1.0


GOLD = {
    "id": "g", "published": "2023-01-13",
    "text": "President Joe Biden met Japanese Prime Minister Fumio Kishida in Washington. "
            "Japan thanked the United States. Biden met Kishida again.",
    "entities": [
        {"name": "Joe Biden", "type": "PERSON", "aliases": ["Biden"]},
        {"name": "Fumio Kishida", "type": "PERSON", "aliases": ["Kishida"]},
        {"name": "Japan", "type": "COUNTRY", "aliases": []},
        {"name": "United States", "type": "COUNTRY", "aliases": []},
        {"name": "Washington", "type": "PLACE", "aliases": []},
    ],
    "relations": [
        {"type": "MET", "source": "Fumio Kishida", "target": "Joe Biden", "modality": "asserted",
         "evidence": "President Joe Biden met Japanese Prime Minister Fumio Kishida in Washington."},
        {"type": "PRAISED", "source": "Japan", "target": "United States", "modality": "asserted",
         "evidence": "Japan thanked the United States."},
    ],
}  # fmt: skip


def test_training_examples_label_the_evidence_sentence_only(nlp):
    examples, stats = article_examples(GOLD, nlp(GOLD["text"]))
    positives = {
        (text.split("|")[1].strip(), label)
        for text, cats in examples
        for label, v in cats.items()
        if v
    }
    assert positives == {
        ("president ENTA met entx_country prime minister ENTB in entx_place .", "MET"),
        ("president ENTA met entx_country prime minister ENTB in entx_place .", "SYM"),
        ("ENTA thanked the ENTB .", "PRAISED"),
        ("ENTA thanked the ENTB .", "AB"),
    }
    negatives = [cats for _, cats in examples if not any(cats.values())]
    assert negatives and all(set(cats) == set(DIRECTIONS) for cats in negatives)
    assert not any("again" in text for text, _ in examples)
    # the restated meeting is left out, not taught as "no relation"
    assert stats["left out (fact stated elsewhere)"] == 1
    assert stats["gold relations reachable as a pair"] == 2


def test_relation_counts_follow_the_scorer():
    predicted = [{"type": "MET", "source": "Biden", "target": "Kishida", "modality": "asserted"},
                 {"type": "PRAISED", "source": "United States", "target": "Japan"}]  # fmt: skip
    assert relation_counts(GOLD, predicted) == (1, 2, 2)
