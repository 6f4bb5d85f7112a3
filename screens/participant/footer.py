"""The footer of a participant's screens: keys and words in a terminal, only the words in a
browser, where a phone has no F-keys, Esc or ctrl and each word can be tapped."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Footer


class PartFooter(Footer):
    """Textual's compact Footer; under ``okrworkshop serve`` its items show their words alone
    ("Menu  Context  Quit  Help" rather than "esc Menu f7 Context ^q Quit f1 Help")."""

    def __init__(self) -> None:
        super().__init__(compact=True)

    def compose(self) -> ComposeResult:
        words_only = self.app.is_web
        for item in super().compose():
            key: Any = item  # a FooterKey (Textual does not export its class)
            if words_only and hasattr(key, "key_display") and key.description:
                key.key_display = ""
            yield item
