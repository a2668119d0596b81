"""Readers: every format yields Articles with cleaned text, normalised dates and stable ids."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.model import Article
from ingest.normalize import normalize_published
from ingest.readers import (
    ReadFailure,
    content_id,
    looks_like_headline,
    read_file,
    read_paths,
    read_text,
)

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
SEED_TXT = SEEDS / "000_a35d414542324a42.txt"

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Wire</title><link>https://example.org/</link>
<item><title>Lavrov arrives in Pyongyang</title><link>https://example.org/a</link>
<guid>https://example.org/a</guid><pubDate>Wed, 18 Oct 2023 09:30:00 GMT</pubDate>
<description><![CDATA[<p>Russian Foreign Minister Sergey Lavrov arrived in Pyongyang.</p>
<p>Don't miss out on what's happening!</p><script>alert(1)</script>
<p>He thanked North Korea for its support.</p>]]></description></item>
<item><title>Empty</title><link>https://example.org/b</link></item>
</channel></rss>
"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Readouts</title>
<entry><id>tag:example.org,2022:1</id><title>Call with Kuleba</title>
<link href="https://example.org/kuleba"/><updated>2022-02-28T18:00:00Z</updated>
<content type="html">&lt;p&gt;Secretary Blinken spoke with Foreign Minister Kuleba.&lt;/p&gt;</content>
</entry></feed>
"""


def articles(items: list) -> list[Article]:
    return [i for i in items if isinstance(i, Article)]


def only(path: Path) -> Article:
    (item,) = list(read_file(path))
    assert isinstance(item, Article), getattr(item, "message", item)
    return item


def test_seed_txt_takes_its_headline_as_title() -> None:
    art = only(SEED_TXT)
    assert art.title == "Russia thanks North Korea for ‘unwavering’ support in Ukraine war"
    assert art.text.startswith("Russian Foreign Minister Sergey Lavrov thanked North Korea")
    assert "It's FREE!" not in art.text and "Don't miss out" not in art.text
    assert art.published is None
    assert art.source == str(SEED_TXT)
    assert art.id == content_id(art.title, art.text)


def test_txt_without_headline_keeps_every_line_as_text(tmp_path: Path) -> None:
    path = tmp_path / "lede.txt"
    path.write_text("Lavrov arrived in Pyongyang on Wednesday.\nHe met Choe.\n", encoding="utf-8")
    art = only(path)
    assert art.title is None
    assert art.text == "Lavrov arrived in Pyongyang on Wednesday.\nHe met Choe."


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Russia thanks North Korea for ‘unwavering’ support in Ukraine war", True),
        ("China's Xi to Visit South Korea for June Summit", True),
        ("Lavrov arrived in Pyongyang on Wednesday.", False),
        ("", False),
        ("word " * 40, False),
    ],
)
def test_looks_like_headline(line: str, expected: bool) -> None:
    assert looks_like_headline(line) is expected


def test_same_content_same_id_different_content_different_id(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\nBody one.", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Title\nBody one.\n", encoding="utf-8")
    (tmp_path / "c.txt").write_text("Title\nBody two.", encoding="utf-8")
    a, b, c = (only(tmp_path / n) for n in ("a.txt", "b.txt", "c.txt"))
    assert a.id == b.id != c.id
    assert len(a.id) == 16


def test_json_article_keeps_its_fields() -> None:
    art = only(SEEDS / "001_dod-2022-04-11-austin-hosts-singh.json")
    assert art.id == "dod-2022-04-11-austin-hosts-singh"
    assert art.title == "Austin Hosts India's Singh for Pentagon Discussions"
    assert art.published == "2022-04-11"
    assert art.url and art.url.startswith("https://www.defense.gov/")


def test_json_text_matches_the_input_exactly_when_clean(tmp_path: Path) -> None:
    text = "\n Blinken met Ebrard.\r\n\r\nThey discussed migration.\n"
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"id": 7, "text": text, "published": None}), encoding="utf-8")
    art = only(path)
    assert (art.id, art.text, art.published) == ("7", text, None)


def test_json_without_id_gets_a_content_id(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps({"title": "T", "text": "Body."}), encoding="utf-8")
    assert only(path).id == content_id("T", "Body.")


def test_json_list_gives_one_article_each(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"text": "One."}, {"text": "Two."}]), encoding="utf-8")
    assert [a.text for a in articles(list(read_file(path)))] == ["One.", "Two."]


def test_jsonl_bad_line_fails_alone(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    lines = ['{"id": "a", "text": "One."}', "{not json", "", '{"id": "b", "text": "Two."}']
    path.write_text("\n".join(lines), encoding="utf-8")
    items = list(read_file(path))
    assert [a.id for a in articles(items)] == ["a", "b"]
    (failure,) = [i for i in items if isinstance(i, ReadFailure)]
    assert failure.source == f"{path}:2"
    assert failure.message.startswith(f"{path}:2: invalid JSON")
    assert articles(items)[1].source == f"{path}:4"


def test_html_seed_gives_body_title_and_url_without_page_furniture() -> None:
    art = only(SEEDS / "005_wh-biden-scholz-call.html")
    assert art.title == "Readout of President Biden’s Call with Chancellor Olaf Scholz of Germany"
    assert art.text.startswith("President Joseph R. Biden, Jr. spoke today with Chancellor")
    assert art.url == "https://www.miragenews.com/readout-of-president-bidens-call-with-692144/"
    for junk in ("cookies", "newsletter", "Share", "Briefing Room", "dataLayer", "Privacy"):
        assert junk not in art.text


def test_html_date_from_metadata(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    body = "<p>" + "Lavrov arrived in Pyongyang and met Choe Son Hui for talks. " * 5 + "</p>"
    path.write_text(
        "<html><head><title>Lavrov in Pyongyang</title>"
        '<meta property="article:published_time" content="2023-10-18T08:00:00Z"></head>'
        f"<body><article><h1>Lavrov in Pyongyang</h1>{body}</article></body></html>",
        encoding="utf-8",
    )
    art = only(path)
    assert art.published == "2023-10-18"
    assert art.title == "Lavrov in Pyongyang"
    assert art.text.startswith("Lavrov arrived in Pyongyang")


def test_rss_entries_become_articles_and_empty_entries_are_skipped(tmp_path: Path) -> None:
    path = tmp_path / "wire.rss"
    path.write_text(RSS, encoding="utf-8")
    (art,) = articles(list(read_file(path)))
    assert art.id == "https://example.org/a"
    assert art.title == "Lavrov arrives in Pyongyang"
    assert art.published == "2023-10-18"
    assert art.text == (
        "Russian Foreign Minister Sergey Lavrov arrived in Pyongyang.\n"
        "He thanked North Korea for its support."
    )


def test_atom_feed_with_xml_extension(tmp_path: Path) -> None:
    path = tmp_path / "readouts.xml"
    path.write_text(ATOM, encoding="utf-8")
    (art,) = articles(list(read_file(path)))
    assert (art.id, art.url, art.published) == (
        "tag:example.org,2022:1",
        "https://example.org/kuleba",
        "2022-02-28",
    )
    assert art.text == "Secretary Blinken spoke with Foreign Minister Kuleba."


def test_folders_are_read_recursively_skipping_hidden_and_unknown_files(tmp_path: Path) -> None:
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "deeper" / "a.txt").write_text("Deep article.", encoding="utf-8")
    (tmp_path / "b.json").write_text('{"id": "b", "text": "Top."}', encoding="utf-8")
    (tmp_path / "README.md").write_text("not an article", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Hidden.", encoding="utf-8")
    items = list(read_paths([tmp_path]))
    assert all(isinstance(i, Article) for i in items)
    assert sorted(a.text for a in items) == ["Deep article.", "Top."]


def test_seed_folder_reads_every_sample() -> None:
    items = list(read_paths([SEEDS]))
    assert all(isinstance(i, Article) for i in items), [getattr(i, "message", "") for i in items]
    suffixes = {Path(i.source).suffix for i in items}
    assert len(items) >= 5 and suffixes == {".txt", ".json", ".html"}


def test_read_text_matches_the_txt_reader() -> None:
    art = read_text(SEED_TXT.read_text(encoding="utf-8"))
    assert (art.id, art.title, art.text) == (only(SEED_TXT).id, only(SEED_TXT).title, art.text)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2023-10-18", "2023-10-18"),
        ("2023-10-18T09:30:00+09:00", "2023-10-18"),
        ("2023-10-18 09:30", "2023-10-18"),
        ("Wed, 18 Oct 2023 09:30:00 GMT", "2023-10-18"),
        ("October 18, 2023", "2023-10-18"),
        ("18 October 2023", "2023-10-18"),
        ("2023-02-30", None),
        ("2023-10", None),
        ("yesterday", None),
        ("", None),
        (None, None),
        (20231018, None),
    ],
)
def test_normalize_published(value: object, expected: str | None) -> None:
    assert normalize_published(value) == expected
