"""What ``visible`` escapes, checked against its definition on every Unicode code point."""

from __future__ import annotations

import unicodedata

from okrworkshop.text import visible

BIDI_CONTROLS = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def escaped(ch: str) -> bool:
    """The rule in words: controls (Cc), lone surrogates (Cs), line and paragraph separators
    (Zl, Zp) and the bidi controls are shown as escapes; everything else as itself."""
    return ch in BIDI_CONTROLS or unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp")


def test_every_code_point_is_escaped_exactly_when_the_rule_says() -> None:
    wrong = []
    for code in range(0x110000):
        ch = chr(code)
        shown = visible(f"a{ch}b")
        if (shown != f"a{ch}b") != escaped(ch) or (escaped(ch) and not shown.startswith("a\\")):
            wrong.append(hex(code))
    assert wrong == []


def test_escapes_read_as_what_they_stand_for() -> None:
    assert visible("a\x1b[31mb\x00\t\r\n") == "a\\x1b[31mb\\x00\\t\\r\\n"
    assert visible("x\u202ey\u2028z\ud800") == "x\\u202ey\\u2028z\\ud800"
    assert visible("one\ntwo\x07", keep_newlines=True) == "one\ntwo\\x07"
    assert visible("Zürich 🙂 שלום e\u0301") == "Zürich 🙂 שלום e\u0301"


def test_a_long_text_of_many_lines_keeps_every_line() -> None:
    text = "\n".join(f"draft {n}: buyers\tfinish \u202echeckout" for n in range(20_000))
    shown = visible(text, keep_newlines=True)
    assert shown.count("\n") == 19_999
    assert shown.splitlines()[7] == "draft 7: buyers\\tfinish \\u202echeckout"
