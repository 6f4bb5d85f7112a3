"""Help for the step on screen: what it is for, and every key it answers to."""

from __future__ import annotations

from typing import Any, ClassVar, Protocol, runtime_checkable

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from screens.dialogs.modals import Dialog


@runtime_checkable
class Explained(Protocol):
    """A screen that says in Help what it is for (every screen of both apps does)."""

    HELP_TITLE: ClassVar[str]
    PURPOSE: ClassVar[str]


@runtime_checkable
class ExplainedApp(Protocol):
    """An app that says in Help what holds on all of its screens."""

    HELP_GENERAL: ClassVar[str]


class HelpScreen(Dialog[None]):
    CSS_PATH = "modals.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape,f1,question_mark,q", "close", "Close")]

    def __init__(
        self, title: str, purpose: str, keys: list[tuple[str, str]], general: str = ""
    ) -> None:
        super().__init__()
        self._title = title
        self._purpose = purpose
        self._keys = keys
        self._general = general

    @classmethod
    def for_screen(cls, screen: Screen[Any]) -> HelpScreen:
        """Help built from the screen's own purpose text and the keys active on it now."""
        title, purpose = (
            (screen.HELP_TITLE, screen.PURPOSE) if isinstance(screen, Explained) else ("", "")
        )
        general = screen.app.HELP_GENERAL if isinstance(screen.app, ExplainedApp) else ""
        keys: dict[str, str] = {}
        for active in screen.active_bindings.values():
            binding = active.binding
            own = isinstance(active.node, (Screen, App)) or binding.show
            if own and binding.description and binding.action not in ("help", "app.help"):
                keys.setdefault(screen.app.get_key_display(binding), binding.description)
        return cls(title or "okrworkshop", purpose, list(keys.items()), general)

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="help"):
            yield Static(Content.styled(f"Help: {self._title}", "bold"), classes="dialog-title")
            with VerticalScroll(id="help-body"):
                if self._purpose:
                    yield Static(Content(self._purpose), classes="help-purpose")
                lines = [Content.styled(f"{key:>12}  ", "bold") + desc for key, desc in self._keys]
                yield Static(Content("\n").join(lines), classes="help-keys")
                if self._general:
                    yield Static(Content(self._general), classes="help-general")
            yield Static(Content("Esc closes this help."), classes="help-close")

    def action_close(self) -> None:
        self.dismiss(None)
