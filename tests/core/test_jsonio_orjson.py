"""The fast reader (orjson) and the careful one (json.loads) read every file alike: where orjson
would differ, the careful path decides, at any depth."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from okrworkshop import jsonio
from okrworkshop.jsonio import MAX_DEPTH


def nested(value: str, depth: int) -> str:
    return '{"a": ' + "[" * (depth - 1) + value + "]" * (depth - 1) + "}"


@pytest.mark.parametrize(
    "text",
    [
        "18446744073709551616",
        "-9223372036854775809",
        '{"votes": {"Ben": 123456789012345678901234567890}}',
        nested("18446744073709551616", 2),
        nested("18446744073709551616", MAX_DEPTH),
        '{"emoji": "\\ud83d\\ude00", "n": 1e19, "m": -0.5, "k": 18446744073709551615}',
        '{"deep": ' + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1) + "}",
    ],
)
def test_every_value_reads_as_the_standard_library_reads_it(text: str) -> None:
    data = jsonio.parse(text.encode(), Path("f.json"))
    assert data == json.loads(text)
    assert repr(data) == repr(json.loads(text))  # 2**64 stays an int, 1e19 a float


def test_a_file_orjson_refuses_gets_the_careful_sentence(tmp_path: Path) -> None:
    path = tmp_path / "f.json"
    path.write_bytes(nested("NaN", 3).encode())
    with pytest.raises(jsonio.UnreadableFile, match="NaN, which is not a number JSON allows"):
        jsonio.load(path)
