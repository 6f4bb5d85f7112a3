"""Making stored text safe to print on a terminal, without changing what was stored.

People type anything: ANSI escapes, NUL bytes, bidi overrides that reorder a line on screen.
The database keeps every character exactly; this module decides how such characters are
*shown* on a plain terminal (the CLI). Visible text, emoji, combining marks and right-to-left
scripts pass through untouched; control characters and bidi overrides are shown as escapes.
"""

from __future__ import annotations

import re
from datetime import date

# What is shown as an escape: the C0 and C1 controls with DEL (Unicode category Cc), lone
# surrogates (Cs), the line and paragraph separators (Zl, Zp), and the bidi embedding, override
# and isolate controls, which can make a line display in a different order than it is stored
# ("Trojan Source"). Ordinary RTL letters, emoji and combining marks are not touched. One
# character class, so a long text (``show`` of a big workshop) is checked in C, not char by char.
_C0_BUT_NEWLINE = "\x00-\x09\x0b-\x1f"
_OTHERS = "\x7f-\x9f\ud800-\udfff\u2028\u2029\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_NEEDS_ESCAPE = re.compile(f"[\n{_C0_BUT_NEWLINE}{_OTHERS}]")
_NEEDS_ESCAPE_BUT_NEWLINE = re.compile(f"[{_C0_BUT_NEWLINE}{_OTHERS}]")

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def _escaped(match: re.Match[str]) -> str:
    return _escape_char(match[0])


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """Return ``text`` with control characters shown as escapes, for one terminal line.

    ``keep_newlines`` keeps line breaks (for multi-line fields printed as a block).
    """
    if text.isprintable():  # fast path: the common case has nothing to escape
        return text
    pattern = _NEEDS_ESCAPE_BUT_NEWLINE if keep_newlines else _NEEDS_ESCAPE
    return pattern.sub(_escaped, text)


def shorten(text: str, width: int) -> str:
    """Cut ``text`` to at most ``width`` characters on one line, marking the cut with '…'."""
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: max(width - 1, 0)].rstrip() + "…"


def plural(count: int, word: str) -> str:
    """``1 draft``, ``2 drafts``: a count in words people read."""
    return f"{count} {word}{'' if count == 1 else 's'}"


# English day names, fixed so a document does not change with the machine's locale.
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def day_words(when: date) -> str:
    """``Sunday 2027-01-10``: the weekday helps people plan, the ISO date is unambiguous."""
    return f"{_DAYS[when.weekday()]} {when.isoformat()}"


def key_result_example(end: date | None) -> str:
    """An example key result due on the cycle's own last day, so an example never shows a
    deadline the linter would flag as outside the cycle."""
    when = end.isoformat() if end else "the end of the cycle"
    return f"Raise weekly active teams from 1,200 to 2,000 by {when}"
