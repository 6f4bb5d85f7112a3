"""The Footer shows only keys that work where the focus is, and never more than fit.

A letter bound on a screen ("R Record", "s Score by hand") does nothing while a text box has the
focus: the box takes the letter as text. ``KeysWhereFocus`` (mixed into the screen bases) leaves
such keys out of the Footer while a box is focused, so what it shows is what the keys do. Keys
that never type (F-keys, ctrl+..., Enter, Esc) and priority bindings stay.

The Footer is one line and Textual cuts what does not fit ("^q Qui", "h ▏^p palette"). When the
keys would not fit the screen's width, the ones a person needs least there fold away first
(``SPARE_FIRST``: each is in Help, F1, and most in the palette), then the last of the screen's;
Help, Quit, the palette and the next step always stay.

Esc leaves a text box (``leave_box``): to the screen's list, or whatever takes the focus first
that is not a box. A screen or dialog with its own use for Esc (close, cancel, done editing)
keeps it: the app's binding is the last in the chain.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, TypeVar

from rich.cells import cell_len
from textual import events, on
from textual.keys import REPLACED_KEYS, key_to_character
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Input, TextArea

T = TypeVar("T")

if TYPE_CHECKING:
    from textual.binding import ActiveBinding
    from textual.dom import DOMNode


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


SPARE_FIRST = (
    "toggle_light",
    "timebox",
    "contributes_to",
    "toggle_context",
    "clear_focus",
    "merge_draft",
    "previous_step",
    "reopen",
    "next_cycle",
    "final_step",
    "copy_markdown",
    "copy_minutes",
)
"""Actions whose keys fold first when the Footer is too narrow, least needed first."""
PINNED = ("help", "quit", "command_palette", "next_step", "to_form")
"""Actions whose keys never fold: help, quit, the palette, the next step, and the way back to
the folded key-result form."""
PALETTE_COLUMNS = 12
"""The palette's key at the right of a compact Footer: a bar, "^p palette" and a space."""


def action_name(action: str) -> str:
    """ "screen.pick(3)" -> "pick"."""
    return action.rpartition(".")[2].partition("(")[0]


def working_keys(
    screen: Screen[Any], bindings: dict[str, ActiveBinding]
) -> dict[str, ActiveBinding]:
    """``bindings`` without the ones a focused text box would swallow as text, and with the
    least needed hidden until the rest fit the screen's width."""
    focused = screen.focused
    if is_text_box(focused):
        bindings = {
            key: active
            for key, active in bindings.items()
            if active.node is focused or active.binding.priority or not types_into_box(key)
        }
    return fitted(screen, bindings)


def footer_columns(screen: Screen[Any], bindings: dict[str, ActiveBinding]) -> int:
    """How many columns a compact Footer needs for the shown ``bindings`` (one entry per action,
    as the Footer draws them: the key, a space, the words, a space)."""
    app = screen.app
    widths: dict[str, int] = {}
    for active in bindings.values():
        binding = active.binding
        if binding.show and binding.action not in widths:
            key = app.get_key_display(binding)
            widths[binding.action] = cell_len(key) + 1 + cell_len(binding.description) + 1
    palette = app.ENABLE_COMMAND_PALETTE and app.COMMAND_PALETTE_BINDING in bindings
    return sum(widths.values()) + (PALETTE_COLUMNS if palette else 0)


def fitted(screen: Screen[Any], bindings: dict[str, ActiveBinding]) -> dict[str, ActiveBinding]:
    """``bindings`` with keys hidden (least needed first) until the Footer fits the screen."""
    width = screen.size.width
    if not width or footer_columns(screen, bindings) <= width:
        return bindings
    bindings = dict(bindings)
    while footer_columns(screen, bindings) > width:
        shown = [a.binding.action for a in bindings.values() if a.binding.show]
        names = {action_name(action): action for action in shown}
        spare = next((names[name] for name in SPARE_FIRST if name in names), None)
        if spare is None:
            foldable = [action for action in shown if action_name(action) not in PINNED]
            if not foldable:
                break
            spare = foldable[-1]
        for key, active in bindings.items():
            if active.binding.action == spare:
                bindings[key] = active._replace(binding=replace(active.binding, show=False))
    return bindings


class KeysWhereFocus(Screen[T]):
    """A screen whose Footer leaves out keys a focused box types and fits its width. A modal
    lists it after ``ModalScreen`` (Textual takes a screen's default styles along its first
    bases)."""

    @property
    def active_bindings(self) -> dict[str, ActiveBinding]:
        return working_keys(self, super().active_bindings)

    @on(events.Resize)
    def _fit_footer(self) -> None:
        self.refresh_bindings()


def leave_box(screen: Screen[Any]) -> None:
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
