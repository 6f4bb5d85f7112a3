"""``okrworkshop org --open``: the org overview as an app of its own (it changes no file)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType

from screens.facilitator.org.org import OrgScreen

if TYPE_CHECKING:
    from okrworkshop.org_view import OrgView


class OrgApp(App[None]):
    TITLE = "okrworkshop org"
    CSS_PATH = "../../app.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(self, view: OrgView | None, reload: Callable[[], OrgView] | None = None) -> None:
        super().__init__()
        self.view = view
        self.reload = reload

    def on_mount(self) -> None:
        self.push_screen(OrgScreen(self.view, self.reload))
