"""Bad input: each fault is one clear error naming the file, and the batch goes on.

Decisions tested here: text formats must be UTF-8 (invalid bytes are rejected, not
replaced); HTML may declare another charset; articles over the character cap (spaCy's
default max_length, 1,000,000) are refused with their size, not chunked.
"""

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
from ingest.errors import EmptyInput, IngestError, InputTooLarge, UnreadableInput, UnsupportedFormat
from ingest.model import Article, Extraction
from ingest.readers import ReadFailure, read_file, read_paths

PROSE = "Russian Foreign Minister Sergey Lavrov arrived in Pyongyang on Wednesday. "
SCRIPTS_HTML = (
    "<html><head><script>var tracker = {id: 1};</script><style>p {color: red}</style></head>"
    "<body>"
    + "<script>document.write('<p>' + 'x'.repeat(99) + '</p>');</script>" * 500
    + "<noscript>Enable JavaScript.</noscript></body></html>"
)

# name -> (bytes, error class, words the message must contain)
CASES: dict[str, tuple[bytes, type[IngestError], str]] = {
    "empty.txt": (b"", EmptyInput, "empty"),
    "blank.json": (b"  \n\t\n", EmptyInput, "empty"),
    "image.txt": (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)),
        UnreadableInput,
        "binary",
    ),
    "controls.txt": (bytes(range(1, 32)) * 20 + bytes(range(128, 256)), UnreadableInput, "binary"),
    "latin1.rss": (
        b'<?xml version="1.0" encoding="UTF-8"?><rss><channel><item><title>Gen\xe8ve</title>'
        b"<description>Talks.</description></item></channel></rss>",
        UnreadableInput,
        "UTF-8",
    ),
    "latin1.txt": ("Caf\u00e9 talks in Gen\u00e8ve.".encode("latin-1"), UnreadableInput, "UTF-8"),
    "latin1.json": ('{"text": "Gen\u00e8ve"}'.encode("latin-1"), UnreadableInput, "UTF-8"),
    "huge.txt": ((PROSE * 70_000).encode(), InputTooLarge, "1,000,000"),
    "huge.json": (json.dumps({"text": PROSE * 70_000}).encode(), InputTooLarge, "characters"),
    "scripts.html": (SCRIPTS_HTML.encode(), EmptyInput, "no article text"),
    "report.docx": (b"PK\x03\x04 not really", UnsupportedFormat, "unknown extension '.docx'"),
    "noext": (PROSE.encode(), UnsupportedFormat, "unknown extension"),
    "broken.json": (b'{"id": "a", "text": ', UnreadableInput, "invalid JSON"),
    "notext.json": (b'{"id": "a", "title": "T"}', UnreadableInput, "'text'"),
    "array.json": (b"[1, 2]", UnreadableInput, "JSON object"),
    "page.xml": (b"<?xml version='1.0'?><config><a>1</a></config>", UnreadableInput, "RSS/Atom"),
}


def write_cases(folder: Path) -> dict[str, Path]:
    paths = {}
    for name, (data, _, _) in CASES.items():
        paths[name] = folder / name
        paths[name].write_bytes(data)
    return paths


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return write_cases(tmp_path_factory.mktemp("bad"))


@pytest.mark.parametrize("name", sorted(CASES))
def test_reader_reports_each_fault_naming_the_file(name: str, bad_files: dict[str, Path]) -> None:
    _, error_class, words = CASES[name]
    (item,) = list(read_file(bad_files[name]))
    assert isinstance(item, ReadFailure)
    assert type(item.error) is error_class
    assert item.message.startswith(f"{bad_files[name]}: ")
    assert words in item.message
    assert "\n" not in item.message


def test_error_codes_are_stable() -> None:
    codes = {c.code for c in (EmptyInput, UnreadableInput, UnsupportedFormat, InputTooLarge)}
    assert codes == {"empty_input", "unreadable_input", "unsupported_format", "input_too_large"}


def test_missing_file(tmp_path: Path) -> None:
    (item,) = list(read_file(tmp_path / "gone.txt"))
    assert isinstance(item, ReadFailure) and "no such file" in item.message


def test_character_cap_is_configurable(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(PROSE * 3, encoding="utf-8")
    (item,) = list(read_file(path, max_chars=100))
    assert isinstance(item, ReadFailure) and isinstance(item.error, InputTooLarge)
    assert "the limit is 100" in item.message


def test_file_byte_cap_refuses_before_reading(tmp_path: Path) -> None:
    path = tmp_path / "a.jsonl"
    path.write_text('{"text": "x"}\n' * 100, encoding="utf-8")
    (item,) = list(read_file(path, max_bytes=1000))
    assert isinstance(item.error, InputTooLarge) and "bytes" in item.message


def test_html_with_declared_charset_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "latin.html"
    body = "<p>" + "Les ministres se sont rencontr\u00e9s \u00e0 Gen\u00e8ve hier. " * 6 + "</p>"
    page = (
        f'<html><head><meta charset="iso-8859-1"><title>T</title></head><body>{body}</body></html>'
    )
    path.write_bytes(page.encode("latin-1"))
    (item,) = list(read_file(path))
    assert isinstance(item, Article) and "Gen\u00e8ve" in item.text


def test_utf8_bom_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeff".encode() + PROSE.encode())
    (item,) = list(read_file(path))
    assert isinstance(item, Article) and item.text == PROSE.strip()


def test_batch_goes_on_past_every_fault(bad_files: dict[str, Path], tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(PROSE, encoding="utf-8")
    items = list(read_paths([*bad_files.values(), good]))
    assert [type(i) for i in items] == [ReadFailure] * len(CASES) + [Article]


# ---- the same faults through the CLI ------------------------------------------------------


def fake_extract(
    articles: Iterable[Article], nlp: object, batch_size: int = 32
) -> Iterator[Extraction]:
    """Stands in for the NLP core: the CLI's handling of input does not depend on it."""
    for article in articles:
        yield Extraction(article=article)


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch) -> typer.Typer:
    monkeypatch.setattr(extract_cmd, "_load_extractor", lambda: (fake_extract, None))
    app = typer.Typer()
    extract_cmd.register(app)
    app.command("noop", hidden=True)(lambda: None)  # keeps `extract` a named subcommand
    return app


def test_cli_reports_each_bad_file_and_prints_the_good_one(
    cli: typer.Typer, bad_files: dict[str, Path], tmp_path: Path
) -> None:
    good = tmp_path / "good.txt"
    good.write_text(PROSE, encoding="utf-8")
    args = ["extract", *map(str, bad_files.values()), str(good)]
    result = CliRunner().invoke(cli, args)
    assert result.exit_code == 0, result.stderr
    (line,) = result.stdout.splitlines()
    assert json.loads(line)["article"]["id"]
    errors = result.stderr.splitlines()
    assert len(errors) == len(CASES)
    for err, path in zip(errors, bad_files.values(), strict=True):
        assert err.startswith(f"dipgraph extract: skipped {path}: ")
    assert "Traceback" not in result.stderr


def test_cli_exits_non_zero_when_nothing_can_be_read(
    cli: typer.Typer, bad_files: dict[str, Path]
) -> None:
    result = CliRunner().invoke(cli, ["extract", *map(str, bad_files.values())])
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1] == (
        f"dipgraph extract: no article could be read ({len(CASES)} input(s) failed)"
    )


def test_console_script_fails_cleanly_on_bad_input_only(bad_files: dict[str, Path]) -> None:
    script = Path(sys.executable).with_name("dipgraph")
    paths = [str(bad_files[n]) for n in ("empty.txt", "image.txt", "report.docx", "huge.txt")]
    proc = subprocess.run([str(script), "extract", *paths], capture_output=True, text=True)
    assert proc.returncode == 1
    assert proc.stdout == ""
    lines = proc.stderr.splitlines()
    assert len(lines) == 5 and "Traceback" not in proc.stderr
    for line, path in zip(lines, paths, strict=False):
        assert path in line
