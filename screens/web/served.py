"""What an app tells ``okrworkshop serve`` about its browser session.

Under ``serve``, each browser tab runs ``okrworkshop join`` behind Textual's web driver, whose
standard output carries the screen ("D" packets) and small JSON messages to the server ("M"
packets). Once a person is known, the participant app says who it is in such a message; the
server remembers it for that browser (server-side, keyed by a random cookie), so a reload
starts ``join --as NAME`` instead of asking "Who are you?" again.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

JOINED = "okrworkshop-joined"
"""The message type: ``{"type": JOINED, "person": NAME}``."""


def tell_server_who_joined(app: App[Any], person: str) -> None:
    """Send the joined person's name to ``okrworkshop serve``; in a terminal, do nothing.

    Textual has no public way to send a message to textual-serve, so this uses the web
    driver's ``write_meta`` (Textual is pinned to its minor version in pyproject).
    """
    if not app.is_web:
        return
    from textual.drivers.web_driver import WebDriver

    driver = app._driver
    if isinstance(driver, WebDriver):
        driver.write_meta({"type": JOINED, "person": person})
