"""Issue 10's ingest edge cases: special files refused before they are opened for reading,
bounded reads, UTF-16/32 by their byte order mark, NUL characters."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from ingest.errors import InputTooLarge, UnreadableInput
from ingest.model import Article
from ingest.readers import ReadFailure, read_file

PROSE = "Russian Foreign Minister Sergey Lavrov arrived in Pyongyang on Wednesday. " * 3


def _one(path: Path, **caps: int) -> Article | ReadFailure:
    (item,) = list(read_file(path, **caps))
    return item


@pytest.mark.timeout(30)
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "fifo.txt"
    os.mkfifo(fifo)
    item = _one(fifo)
    assert isinstance(item, ReadFailure) and isinstance(item.error, UnreadableInput)
    assert "not a regular file (a FIFO)" in item.message


@pytest.mark.timeout(30)
def test_a_symlink_to_a_device_is_refused(tmp_path: Path) -> None:
    link = tmp_path / "zero.txt"
    link.symlink_to("/dev/zero")
    item = _one(link)
    assert isinstance(item, ReadFailure) and "character device" in item.message


@pytest.mark.timeout(60)
def test_the_cli_reports_special_files_in_one_line(tmp_path: Path) -> None:
    fifo, link = tmp_path / "fifo.txt", tmp_path / "zero.txt"
    os.mkfifo(fifo)
    link.symlink_to("/dev/zero")
    proc = subprocess.run(
        [sys.executable, "-m", "api.cli", "extract", str(fifo), str(link)],
        capture_output=True,
        text=True,
        timeout=50,
        check=False,
    )
    assert (
        proc.returncode != 0 and "Traceback" not in proc.stderr and "MemoryError" not in proc.stderr
    )
    assert "not a regular file (a FIFO)" in proc.stderr and "character device" in proc.stderr


def test_reads_stop_at_the_byte_cap_even_when_the_size_lies(tmp_path: Path) -> None:
    # /proc files say they are empty; a file can grow between stat and read: the read is capped.
    path = tmp_path / "a.txt"
    path.write_text(PROSE * 100, encoding="utf-8")
    item = _one(path, max_bytes=500)
    assert isinstance(item, ReadFailure) and isinstance(item.error, InputTooLarge)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-16-le", "utf-32"])
def test_utf16_and_utf32_with_a_byte_order_mark_are_text(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "a.txt"
    data = PROSE.encode(encoding)
    if encoding.endswith(("-be", "-le")):  # these codecs write no mark: add the right one
        data = ("\ufeff" + PROSE).encode(encoding)
    path.write_bytes(data)
    item = _one(path)
    assert isinstance(item, Article), item
    assert "Sergey Lavrov" in item.text and "\ufeff" not in item.text


def test_utf16_without_a_mark_is_named(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(PROSE.encode("utf-16-le"))
    item = _one(path)
    assert isinstance(item, ReadFailure) and "UTF-16 without a byte order mark" in item.message


def test_nul_characters_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "a.json"
    path.write_text('{"title": "T\\u0000", "text": "' + PROSE + '"}', encoding="utf-8")
    item = _one(path)
    assert isinstance(item, ReadFailure) and "NUL" in item.message
