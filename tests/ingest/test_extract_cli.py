"""`dipgraph extract`: the contract lines on stdout, one per article, and nothing else there."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from api.commands import extract as extract_cmd
from ingest.model import Article, Extraction
from ingest.readers import read_paths

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
DIPGRAPH = Path(sys.executable).with_name("dipgraph")
CONTRACT_KEYS = {"article", "entities", "roles", "relations"}
RELATION_KEYS = {
    "type", "source", "target", "date", "place", "modality", "attributed_to",
    "evidence", "start", "end", "cameo", "plover", "confidence",
}  # fmt: skip


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(DIPGRAPH), "extract", *args], capture_output=True, text=True, timeout=300, cwd=ROOT
    )


@pytest.fixture(scope="module")
def seed_run() -> subprocess.CompletedProcess[str]:
    """One real run over the seed folder plus two broken inputs, shared by the checks below."""
    return run(str(SEEDS), "does-not-exist.txt", str(SEEDS / "README.md"))


@pytest.mark.slow
def test_one_contract_line_per_seed_article(seed_run: subprocess.CompletedProcess[str]) -> None:
    assert seed_run.returncode == 0, seed_run.stderr
    lines = seed_run.stdout.splitlines()
    expected = [a.id for a in read_paths([SEEDS]) if isinstance(a, Article)]
    objects = [json.loads(line) for line in lines]
    assert [o["article"]["id"] for o in objects] == expected
    for obj in objects:
        assert obj.keys() >= CONTRACT_KEYS
        assert {"id", "title", "published"} <= obj["article"].keys()
        for relation in obj["relations"]:
            assert relation.keys() >= RELATION_KEYS


@pytest.mark.slow
def test_relation_offsets_slice_the_article_text(
    seed_run: subprocess.CompletedProcess[str],
) -> None:
    texts = {a.id: a.text for a in read_paths([SEEDS]) if isinstance(a, Article)}
    for obj in map(json.loads, seed_run.stdout.splitlines()):
        text = texts[obj["article"]["id"]]
        for r in obj["relations"]:
            assert text[r["start"] : r["end"]] == r["evidence"]


@pytest.mark.slow
def test_seed_output_carries_no_newsletter_prompt(
    seed_run: subprocess.CompletedProcess[str],
) -> None:
    assert "FREE" not in seed_run.stdout
    assert "miss out" not in seed_run.stdout


@pytest.mark.slow
def test_unreadable_inputs_get_one_stderr_line_each(
    seed_run: subprocess.CompletedProcess[str],
) -> None:
    assert seed_run.stderr.splitlines() == [
        "dipgraph extract: skipped does-not-exist.txt: no such file or directory [unreadable_input]",
        f"dipgraph extract: skipped {SEEDS / 'README.md'}: unknown extension '.md'; expected one "
        "of .txt, .html, .htm, .json, .jsonl, .xml, .rss, .atom [unsupported_format]",
    ]


@pytest.mark.slow
def test_pretty_output_is_indented_json_per_article(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    text = "Secretary Blinken met Mexican Foreign Secretary Ebrard in Washington on Tuesday."
    path.write_text(json.dumps({"id": "p1", "published": "2022-05-04", "text": text}))
    proc = run("--pretty", str(path))
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("{\n  ")
    obj = json.loads(proc.stdout)
    assert obj["article"] == {"id": "p1", "title": None, "url": None, "published": "2022-05-04"}


def test_help_names_the_formats() -> None:
    proc = run("--help")
    assert proc.returncode == 0
    assert ".jsonl" in proc.stdout and "--pretty" in proc.stdout


# ---- the command's own logic, with a small stand-in for the NLP core ---------------------


def picky_extract(
    articles: Iterable[Article], nlp: object, batch_size: int = 32
) -> Iterator[Extraction]:
    """Fails on any article whose text mentions 'poison', as a buggy extractor might."""
    for article in articles:
        if "poison" in article.text:
            raise ValueError("cannot handle this one")
        yield Extraction(article=article)


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    monkeypatch.setattr(extract_cmd, "_load_extractor", lambda: (picky_extract, None))
    app = typer.Typer()
    extract_cmd.register(app)
    app.command("noop", hidden=True)(lambda: None)
    return app


def write_jsonl(path: Path, texts: list[str]) -> Path:
    lines = (json.dumps({"id": f"a{i}", "text": t}) for i, t in enumerate(texts))
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def test_an_extractor_failure_loses_only_that_article(cli: typer.Typer, tmp_path: Path) -> None:
    texts = ["Fine one.", "Fine two.", "This is poison.", "Fine four."]
    path = write_jsonl(tmp_path / "batch.jsonl", texts)
    result = CliRunner().invoke(cli, ["extract", "--batch-size", "3", str(path)])
    assert result.exit_code == 0
    ids = [json.loads(line)["article"]["id"] for line in result.stdout.splitlines()]
    assert ids == ["a0", "a1", "a3"]
    (err,) = result.stderr.splitlines()
    assert err.startswith(f"dipgraph extract: skipped {path}:3: extraction failed")
    assert err.endswith("[extraction_failed]")


def test_exit_non_zero_when_every_extraction_fails(cli: typer.Typer, tmp_path: Path) -> None:
    path = write_jsonl(tmp_path / "batch.jsonl", ["poison", "more poison"])
    result = CliRunner().invoke(cli, ["extract", str(path)])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert (
        result.stderr.splitlines()[-1] == "dipgraph extract: no article could be extracted (2 read)"
    )


def test_library_prints_go_to_stderr_not_stdout(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def chatty(
        articles: Iterable[Article], nlp: object, batch_size: int = 32
    ) -> Iterator[Extraction]:
        for article in articles:
            print("loading something...")
            yield Extraction(article=article)

    monkeypatch.setattr(extract_cmd, "_load_extractor", lambda: (chatty, None))
    app = typer.Typer()
    extract_cmd.register(app)
    app.command("noop", hidden=True)(lambda: None)
    path = write_jsonl(tmp_path / "batch.jsonl", ["One.", "Two."])
    result = CliRunner().invoke(app, ["extract", str(path)])
    assert [json.loads(x)["article"]["id"] for x in result.stdout.splitlines()] == ["a0", "a1"]
    assert "loading something..." in result.stderr
