"""What the shared screen's tests share: a fixed calendar day and the notes the app gives."""

from __future__ import annotations

import unicodedata
from datetime import date
from typing import Any

from textual import events

EXAMPLE_TODAY = date(2027, 2, 25)
"""The example seen three days after its eighth week of check-ins (its last is 2027-02-22)."""


def record_notes(app: Any) -> list[str]:
    """Record what the app tells people: a list filled as notifications are raised."""
    seen: list[str] = []
    original = app.notify

    def notify(message: object, *args: Any, **kwargs: Any) -> Any:
        seen.append(str(message))
        return original(message, *args, **kwargs)

    app.notify = notify
    return seen


KEY_NAMES = frozenset(
    [
        "tab",
        "enter",
        "escape",
        "backspace",
        "delete",
        "space",
        "up",
        "down",
        "left",
        "right",
        "home",
        "end",
        "pageup",
        "pagedown",
    ]
    + [f"f{n}" for n in range(1, 13)]
)


async def burst(pilot: Any, *keys: str) -> None:
    """Type ``keys`` as one read from the terminal brings them: all handed to the app at once,
    with no pause between them (``pilot.press`` waits for the app after every key). Each item
    is a key name ("tab", "enter") or text typed character by character."""
    app = pilot.app
    for item in keys:
        names = [item] if item in KEY_NAMES or "+" in item else list(item)
        for name in names:
            app.post_message(events.Key(*_key_and_character(name)))
    for _ in range(1000):
        await pilot.pause()
        if not app.keys_waiting:
            break
    await pilot.pause()


def _key_and_character(name: str) -> tuple[str, str | None]:
    named = {"tab": "\t", "enter": "\r", "space": " ", "escape": "\x1b", "backspace": "\x7f"}
    if name in named:
        return name, named[name]
    if len(name) > 1:
        return name, None
    if name.isalnum():
        return name, name
    return unicodedata.name(name).lower().replace(" ", "_").replace("-", "_"), name
