"""The Footer shows only keys that work where the focus is.

A letter bound on a screen ("R Record", "s Score by hand") does nothing while a text box has the
focus: the box takes the letter as text. ``KeysWhereFocus`` (mixed into the screen bases) leaves
such keys out of the Footer while a box is focused, so what it shows is what the keys do. Keys
that never type (F-keys, ctrl+..., Enter, Esc) and priority bindings stay.

Esc leaves a text box (``leave_box``): to the screen's list, or whatever takes the focus first
that is not a box. A screen or dialog with its own use for Esc (close, cancel, done editing)
keeps it: the app's binding is the last in the chain.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.keys import REPLACED_KEYS, key_to_character
from textual.widget import Widget
from textual.widgets import Input, TextArea

if TYPE_CHECKING:
    from textual.binding import ActiveBinding
    from textual.dom import DOMNode
    from textual.screen import Screen


def is_text_box(widget: DOMNode | None) -> bool:
    """Whether typing a letter into ``widget`` writes that letter."""
    if isinstance(widget, TextArea):
        return not widget.read_only
    return isinstance(widget, Input)


def types_into_box(key: str) -> bool:
    """Whether the key (as Textual names it: "R", "shift+r", "plus", "space") writes a
    character in a text box."""
    modifier, plus, rest = key.rpartition("+")
    if plus and modifier == "shift" and len(rest) == 1:
        return True
    character = key_to_character(REPLACED_KEYS.get(key, key))
    return character is not None and character.isprintable()


def working_keys(
    screen: Screen[object], bindings: dict[str, ActiveBinding]
) -> dict[str, ActiveBinding]:
    """``bindings`` without the ones a focused text box would swallow as text."""
    focused = screen.focused
    if not is_text_box(focused):
        return bindings
    return {
        key: active
        for key, active in bindings.items()
        if active.node is focused or active.binding.priority or not types_into_box(key)
    }


class KeysWhereFocus:
    """Mix into a ``Screen`` (before it): its Footer leaves out keys a focused box types."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        bindings: dict[str, ActiveBinding] = super().active_bindings  # type: ignore[misc]
        return working_keys(self, bindings)  # type: ignore[arg-type]


def leave_box(screen: Screen[object]) -> None:
    """Move the focus out of a text box: to the screen's first choice (``AUTO_FOCUS``) if that
    is not a box, else to the first widget that is not a box, else nowhere."""
    target: Widget | None = None
    if screen.AUTO_FOCUS:
        for first in screen.query(screen.AUTO_FOCUS).results(Widget):
            if first.focusable and not is_text_box(first):
                target = first
            break
    if target is None:
        target = next((w for w in screen.focus_chain if not is_text_box(w)), None)
    screen.set_focus(target)
