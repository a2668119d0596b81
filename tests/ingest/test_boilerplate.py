"""Boilerplate removal: prompts go, news stays, clean text comes back unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.boilerplate import is_prompt, remove_boilerplate

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "seeds" / "000_a35d414542324a42.txt"

PROMPTS = [
    "Don't miss out on what's happening!",
    "Don’t miss out on what’s happening!",
    "Stay in touch with breaking news, as it happens, conveniently in your email inbox. It's FREE!",
    "Never miss a story: get our daily briefing delivered to your inbox.",
    "Sign up for our free newsletter.",
    "Subscribe now for unlimited access.",
    "Already a subscriber? Log in.",
    "Enter your email address",
    "Share this article",
    "Share on Facebook",
    "Follow us on Twitter and Instagram.",
    "This website uses cookies to give you the best experience.",
    "Accept all cookies",
    "Click here to read the full report.",
    "Advertisement",
    "Read more: Russia and North Korea sign pact",
    "Copyright © 2023 Example News. All rights reserved.",
    "It's FREE!",
]

NEWS = [
    "Lavrov said many countries share similar viewpoints and assessments.",
    "The ministry said the agreement would be signed up to a year from now.",
    "Kim invited him to a military parade in Pyongyang.",
    "The newsletter of the party congress was read aloud, KCNA said.",
    "Putin has accepted an invitation from Kim to visit North Korea.",
    "Russia's share of North Korean trade rose sharply, the report said.",
    "The talks were free of preconditions, a spokesman said.",
]


@pytest.mark.parametrize("line", PROMPTS)
def test_prompts_are_recognised(line: str) -> None:
    assert is_prompt(line)


@pytest.mark.parametrize("line", NEWS)
def test_news_lines_are_not_prompts(line: str) -> None:
    assert not is_prompt(line)


def test_seed_article_loses_exactly_the_newsletter_prompt() -> None:
    text = SEED.read_text(encoding="utf-8")
    cleaned = remove_boilerplate(text)
    removed = set(text.splitlines()) - set(cleaned.splitlines())
    assert removed == {
        "Don't miss out on what's happening!",
        "Stay in touch with breaking news, as it happens, conveniently in your email inbox. "
        "It's FREE!",
    }
    assert "FREE" not in cleaned
    assert "Earlier in the week, Lavrov accompanied Putin" in cleaned


def test_text_without_boilerplate_is_returned_unchanged() -> None:
    text = "First paragraph.\n\n  Second, indented.\r\nThird line\n"
    assert remove_boilerplate(text) is text


def test_prompt_sentence_inside_a_long_news_line_is_cut_out() -> None:
    news = "Lavrov met Choe in Pyongyang on Wednesday, the agency said. " * 6
    line = news + "Sign up for our newsletter to get stories like this in your inbox."
    assert remove_boilerplate(line) == news.rstrip()


def test_removal_leaves_no_doubled_blank_lines() -> None:
    text = "Lead paragraph.\n\nSubscribe now for full access.\n\nSecond paragraph."
    assert remove_boilerplate(text) == "Lead paragraph.\n\nSecond paragraph."


def test_long_body_paragraph_mentioning_a_newsletter_is_kept() -> None:
    para = "The embassy's newsletter, " + "which reported on the talks at length, " * 10 + "ran."
    assert remove_boilerplate(para) == para


def test_real_article_texts_are_untouched() -> None:
    # The project's own held-out articles always; the shared dev set too where it sits beside
    # the checkout (developers' machines), so a clone without it still runs this check.
    repo = Path(__file__).resolve().parents[2]
    paths = sorted((repo / "eval" / "heldout").glob("*.json"))
    paths += sorted((repo.parent / "shared" / "eval" / "dev").glob("*.json"))
    assert len(paths) >= 10
    for path in paths:
        text = json.loads(path.read_text(encoding="utf-8"))["text"]
        assert remove_boilerplate(text) == text, path.name
