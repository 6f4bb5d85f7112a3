"""The participant's menu: every action the screen on top answers to, picked with arrows and
Enter (or a tap). It is built from the screen's own bindings, so a new key shows up here by
itself; function keys and ctrl keys stay, and the menu is the plain-key way to each of them."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, ClassVar

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.dom import DOMNode
from textual.screen import ModalScreen, Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

LEFT_OUT = {
    "menu",
    "app.focus_next",
    "app.focus_previous",
    "screen.copy_text",
    "app.command_palette",
}
"""Actions the menu does not list: itself, moving between fields (Tab), copying."""


@dataclass(frozen=True)
class MenuEntry:
    description: str
    keys: tuple[str, ...]
    action: str
    node: DOMNode

    @property
    def label(self) -> str:
        return f"{self.description}  {', '.join(self.keys)}"


def key_display(screen: Screen[Any], binding: Binding) -> str:
    """A key as people see it on the keyboard: F7, not f7."""
    display = screen.app.get_key_display(binding)
    return display.upper() if re.fullmatch(r"f\d{1,2}", display) else display


def menu_entries(screen: Screen[Any]) -> list[MenuEntry]:
    """The screen's enabled actions, its own first, then the focused list's, then the app's;
    one entry per action with every key that does it."""
    found: dict[tuple[str, int], MenuEntry] = {}
    for active in screen.active_bindings.values():
        binding, node = active.binding, active.node
        if not active.enabled or not binding.description or binding.action in LEFT_OUT:
            continue
        if not (binding.show or isinstance(node, (Screen, App))):
            continue  # a widget's own cursor keys
        display = key_display(screen, binding)
        slot = (binding.action, id(node))
        entry = found.get(slot)
        if entry is None:
            found[slot] = MenuEntry(binding.description, (display,), binding.action, node)
        elif display not in entry.keys:
            found[slot] = MenuEntry(entry.description, (*entry.keys, display), entry.action, node)

    def rank(entry: MenuEntry) -> int:
        return 0 if isinstance(entry.node, Screen) else 2 if isinstance(entry.node, App) else 1

    return sorted(found.values(), key=rank)


class MenuScreen(ModalScreen[MenuEntry | None]):
    """Pick one of the screen's actions; Esc closes without doing anything."""

    CSS_PATH = "menu.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close")]

    def __init__(self, entries: list[MenuEntry]) -> None:
        super().__init__()
        self._entries = entries

    def compose(self) -> ComposeResult:
        with Vertical(id="menu-box"):
            yield Static(Content.styled("Menu", "bold"), id="menu-title")
            yield OptionList(
                *[Option(Content(e.label), id=str(i)) for i, e in enumerate(self._entries)],
                id="menu",
            )
            yield Static(Content("↑ ↓ and Enter pick one (or tap it); Esc closes."), id="menu-hint")

    def on_mount(self) -> None:
        menu = self.query_one("#menu", OptionList)
        menu.highlighted = 0 if self._entries else None
        menu.focus()

    @on(OptionList.OptionSelected, "#menu")
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self._entries[int(event.option_id or 0)])

    def action_close(self) -> None:
        self.dismiss(None)
