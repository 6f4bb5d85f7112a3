"""Making stored text safe to print on a terminal, without changing what was stored.

People type anything: ANSI escapes, NUL bytes, bidi overrides that reorder a line on screen.
The database keeps every character exactly; this module decides how such characters are
*shown* on a plain terminal (the CLI). Visible text, emoji, combining marks and right-to-left
scripts pass through untouched; control characters and bidi overrides are shown as escapes.
"""

from __future__ import annotations

import unicodedata
from datetime import date

# Bidi embedding/override/isolate controls can make a line display in a different order than
# it is stored ("Trojan Source"); they are shown escaped. Ordinary RTL letters are not touched.
_BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape_char(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    code = ord(ch)
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}"


def _needs_escape(ch: str) -> bool:
    if ch in _BIDI_CONTROLS:
        return True
    category = unicodedata.category(ch)
    # Cc: C0/C1 controls incl. ESC, NUL, DEL. Cs: lone surrogates. Zl/Zp: line/paragraph sep.
    return category in ("Cc", "Cs", "Zl", "Zp")


def visible(text: str, *, keep_newlines: bool = False) -> str:
    """Return ``text`` with control characters shown as escapes, for one terminal line.

    ``keep_newlines`` keeps line breaks (for multi-line fields printed as a block).
    """
    if text.isprintable():  # fast path: the common case has nothing to escape
        return text
    out = []
    for ch in text:
        if keep_newlines and ch == "\n":
            out.append(ch)
        elif _needs_escape(ch):
            out.append(_escape_char(ch))
        else:
            out.append(ch)
    return "".join(out)


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
