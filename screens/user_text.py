"""Turning what people typed into something safe to put on screen.

User text is data, never markup: it becomes a ``Content`` (which Textual never parses), and
control characters and bidi overrides are shown as visible escapes first, because Textual
writes a widget's characters to the terminal as they are (an ESC in a draft would otherwise
reach the terminal and act).
"""

from __future__ import annotations

from textual.content import Content

from okrworkshop.text import shorten, visible


def shown(text: str, *, keep_newlines: bool = True) -> Content:
    """Stored text as literal, terminal-safe content."""
    return Content(visible(text, keep_newlines=keep_newlines))


def shown_line(text: str, width: int | None = None) -> Content:
    """Stored text on one line (newlines escaped), cut to ``width`` characters if given."""
    flat = visible(text)
    return Content(shorten(flat, width) if width else flat)


def labelled(template: str, **values: str) -> Content:
    """A markup template with user text slotted in as data: ``labelled("by $name", name=n)``."""
    return Content.from_markup(template, **{k: visible(v) for k, v in values.items()})


def try_again_note(problem: str) -> str:
    """The line a dialog shows when what it saved could not be written."""
    return f"Not saved: {problem} Press Enter to try again, or Esc to drop this change."
