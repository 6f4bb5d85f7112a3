"""Keys go to the widget that has focus when they are handled, in the order they were typed.

Textual's App hands each key to the focused widget by posting it to that widget's queue. When
several keys arrive in one read (fast typing, a paste-like burst, a slow machine), the App
posts all of them before the widget has handled the first. Tab is not handled by an input: it
bubbles up to the App, whose binding moves the focus only then, so the keys already queued
behind the Tab are typed into the field that was left ("statement wordsaaa" instead of "aaa"
in the next field).

``InOrderKeys`` makes the App hand over one key (or paste) at a time: after a key is posted to
the focused widget, a small marker message follows it up the same chain of widgets (each
widget's queue is first in, first out, so the marker reaches the App only after the key has
been handled everywhere, bindings included). A second round lets a message the key's action
posted downwards (Enter -> Input.Submitted -> a handler that moves the focus) finish too.
Only then is the next waiting key given to whatever has focus now. A key arriving with nothing
in flight is delivered at once, so typing at human speed is not delayed at all.

If a marker is lost (the key removed its own widget, say Enter closed a dialog), the keys
waiting go on as soon as the App is idle or the next key arrives, to whatever has focus then.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual import events
from textual.message import Message

if TYPE_CHECKING:
    from textual.app import App
    from textual.message_pump import MessagePump

ROUNDS = 2
"""How many times the marker climbs the focused widget's chain before the next key goes."""


class KeyHandled(Message):
    """The marker: it follows one key up the focused widget's chain to the App."""

    def __init__(self, ticket: int) -> None:
        super().__init__()
        self.ticket = ticket


@dataclass
class _Flight:
    """A key handed to ``target`` whose marker is not back yet."""

    ticket: int
    target: MessagePump
    rounds_left: int

    @property
    def lost(self) -> bool:
        """The widget went away with the marker in its queue: it will never come back."""
        return not self.target.is_attached


class InOrderKeys:
    """Mix into an ``App`` (before it): keys reach the focused widget one at a time."""

    _waiting_keys: deque[events.Key | events.Paste]
    _flight: _Flight | None
    _tickets: int

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._waiting_keys = deque()
        self._flight = None
        self._tickets = 0

    @property
    def keys_waiting(self) -> int:
        """How many keys typed ahead are not handled yet (0 when all are)."""
        return len(self._waiting_keys) + (self._flight is not None)

    @property
    def _app(self) -> App[object]:
        return self  # type: ignore[return-value]

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.Paste)) and not event.is_forwarded:
            self._waiting_keys.append(event)
            await self._deliver_waiting()
            return
        await super().on_event(event)  # type: ignore[misc]

    async def _deliver_waiting(self) -> None:
        """Hand over waiting keys while none is in flight."""
        if self._flight is not None and self._flight.lost:
            self._flight = None
        while self._flight is None and self._waiting_keys:
            await self._deliver(self._waiting_keys.popleft())

    async def _deliver(self, event: events.Key | events.Paste) -> None:
        app = self._app
        target: MessagePump = app.focused or app.screen
        await super().on_event(event)  # type: ignore[misc]
        if not event.is_forwarded:
            return  # a priority binding took it, at once
        self._tickets += 1
        self._flight = _Flight(self._tickets, target, ROUNDS)
        self._send_marker()

    def _send_marker(self) -> None:
        flight = self._flight
        assert flight is not None
        flight.rounds_left -= 1
        if not flight.target.post_message(KeyHandled(flight.ticket)):
            self._flight = None

    async def on_key_handled(self, message: KeyHandled) -> None:
        message.stop()
        flight = self._flight
        if flight is None or message.ticket != flight.ticket:
            return
        if flight.rounds_left > 0 and not flight.lost:
            self._send_marker()
            return
        self._flight = None
        await self._deliver_waiting()

    async def on_idle(self, _event: events.Idle) -> None:
        if self._waiting_keys or self._flight is not None:
            await self._deliver_waiting()
