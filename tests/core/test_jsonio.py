"""The one loader for JSON from outside: what it refuses, in which words, and what it lets by."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from okrworkshop import jsonio
from okrworkshop.jsonio import MAX_DEPTH, UnreadableFile


def _refusal(path: Path, **limits: int) -> str:
    with pytest.raises(UnreadableFile) as caught:
        jsonio.load(path, **limits)
    message = str(caught.value)
    assert message.startswith(str(path)) and "\n" not in message
    return message


def _nested(depth: int) -> str:
    return "[" * depth + "]" * depth


@pytest.mark.parametrize(
    "text, cause",
    [
        (_nested(MAX_DEPTH + 1), f"more than {MAX_DEPTH} levels deep"),
        (_nested(100_000), f"more than {MAX_DEPTH} levels deep"),
        ('{"a": ' + "9" * 5000 + "}", "thousands of digits"),
        ('{"a": NaN}', "NaN, which is not a number JSON allows"),
        ('{"a": -Infinity}', "-Infinity"),
        ('{"a": 1e999}', "too large"),
        ('{"a": "\\ud800"}', "not valid UTF-8 text"),
        ('{"\\udfff": 1}', "not valid UTF-8 text"),
        ('{"a": ', "not valid JSON"),
    ],
)
def test_what_json_loads_would_crash_on_or_accept_is_refused(
    tmp_path: Path, text: str, cause: str
) -> None:
    path = tmp_path / "f.json"
    path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    assert cause in _refusal(path)
    assert path.read_bytes() == before


def test_bytes_that_are_not_utf8_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_bytes(b'{"a": "\xff"}')
    assert "not valid UTF-8 text" in _refusal(path)


def test_what_is_ours_passes(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_text(
        '{"emoji": "\\ud83d\\ude00 😀", "n": -12, "x": 0.5, "deep": '
        + _nested(MAX_DEPTH - 1)
        + "}",
        encoding="utf-8",
    )
    data = jsonio.load(path)
    assert data["emoji"] == "😀 😀" and data["n"] == -12 and data["x"] == 0.5


def test_files_that_are_not_files(tmp_path: Path) -> None:
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop.name)
    assert "loops back on itself" in _refusal(loop)
    with pytest.raises(UnreadableFile, match="loops back on itself"):
        jsonio.real_path(loop)
    assert "is a folder" in _refusal(tmp_path)
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    assert "not a regular file" in _refusal(fifo)  # refused, not waited on
    with pytest.raises(FileNotFoundError):
        jsonio.load(tmp_path / "missing.json")


def test_a_size_limit_is_kept(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_text('["' + "x" * 100 + '"]', encoding="utf-8")
    assert "larger than 50 bytes" in _refusal(path, max_bytes=50)
    assert jsonio.load(path, max_bytes=200) == ["x" * 100]
