"""The line under a step's form that says what just happened, or why it did not.

One widget for every screen, so each says things the same way: user text is shown literally
(never as markup), a warning or an error stays until the next message, and plain news ("Added
o6 by Sam") fades after a while instead of going stale on a projected screen.
"""

from __future__ import annotations

from textual.content import Content
from textual.timer import Timer
from textual.widgets import Static

from screens.user_text import shown

NEWS_SECONDS = 8.0
"""How long good news stays: long enough to read, short enough not to mislead later."""


class StatusLine(Static):
    """A one-line status: ``say`` shows a message, ``clear`` empties it."""

    def __init__(
        self,
        *,
        id: str | None = None,
        hide_when_empty: bool = False,
        news_seconds: float | None = NEWS_SECONDS,
    ) -> None:
        super().__init__("", id=id, markup=False)
        self._hide_when_empty = hide_when_empty
        self._news_seconds = news_seconds
        self._fade: Timer | None = None
        self._news = False
        self.display = not hide_when_empty

    def say(self, message: str | Content, *, warning: bool = False, error: bool = False) -> None:
        """Show ``message`` (a str is user text, shown literally); news fades, problems stay."""
        if self._fade is not None:
            self._fade.stop()
            self._fade = None
        self.update(message if isinstance(message, Content) else shown(message))
        self.set_class(warning, "-warning")
        self.set_class(error, "-error")
        if self._hide_when_empty:
            self.display = bool(message)
        self._news = bool(message) and not (warning or error)
        if self._news and self._news_seconds is not None:
            self._fade = self.set_timer(self._news_seconds, self.clear, name="fade status")

    def forget_news(self) -> None:
        """Clear good news now (the screen was left and the workshop may have moved on since);
        a warning stays until the next message."""
        if self._news:
            self.clear()

    def clear(self) -> None:
        self.say("")
