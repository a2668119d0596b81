"""Golden test: the full extraction of the seed article, reviewed by hand line by line.

The golden file was checked against the article text. It agrees with the hand annotation in
../shared/eval/dev except for the known misses below, which the golden file deliberately
does not contain (fixing one makes this test fail: then review and update the golden file).
"""

import json
from pathlib import Path

import pytest

from ingest.extract import extract_article
from ingest.model import Article
from ingest.pipeline import load_nlp

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_a35d414542324a42.txt"
GOLDEN = Path(__file__).parent / "golden" / "seed_000.json"
PROMPTS = ("Don't miss out on what's happening!", "Stay in touch with breaking news")
PUBLISHED = "2023-10-18"  # the AP story's date; the .txt seed carries none

KNOWN_MISSES = [
    # "in exchange for advanced Russian technologies": the return flow is not parsed
    ("SUPPLIED", "Russia", "North Korea"),
    # "their talks demonstrated the countries' deep interest in ... cooperation": no named pair
    ("COOPERATES", "North Korea", "Russia"),
    # "..., and that Russia fully supports the policies of Kim's government ..., KCNA said":
    # the parser hangs the that-clause off "praised", so no subject/object pair is found
    ("SUPPORTS", "Russia", "North Korea"),
]
KNOWN_GAPS = [
    # "Vostochny Cosmodrome" is tagged by neither the model nor the gazetteer, so the
    # Putin-Kim meeting has no place and the entity is missing
    ("entity", "Vostochny Cosmodrome"),
    # the ACCOMPANIED relation gets no place (Beijing is the visit's target, after "to")
    ("place", "ACCOMPANIED"),
]


def seed_article() -> Article:
    lines = SEED.read_text(encoding="utf-8").splitlines()
    body = [line for line in lines[1:] if not line.startswith(PROMPTS)]
    return Article(id="seed-000", title=lines[0], text="\n".join(body), published=PUBLISHED)


@pytest.fixture(scope="module")
def extraction():
    return extract_article(seed_article(), load_nlp()).to_dict()


def test_matches_golden(extraction):
    golden = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert extraction["entities"] == golden["entities"]
    assert extraction["roles"] == golden["roles"]
    assert extraction["relations"] == golden["relations"]
    assert extraction == golden


def test_known_misses_are_still_missing(extraction):
    found = {(r["type"], r["source"], r["target"]) for r in extraction["relations"]}
    for rtype, source, target in KNOWN_MISSES:
        assert (rtype, source, target) not in found
        if rtype in {"MET", "AGREED", "COOPERATES"}:
            assert (rtype, target, source) not in found
    assert "Vostochny Cosmodrome" not in {e["name"] for e in extraction["entities"]}


def test_evidence_offsets_slice_the_text(extraction):
    text = seed_article().text
    for rel in extraction["relations"]:
        assert text[rel["start"] : rel["end"]] == rel["evidence"]


def test_newsletter_prompt_is_no_entity(extraction):
    assert not any("FREE" in e["name"] for e in extraction["entities"])
