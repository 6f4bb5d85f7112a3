"""Text fields that save as people type, and never show a control character raw.

A field knows which part of the workshop it edits (``field_key``). The screen turns its
``Changed`` messages into debounced saves; when the field loses focus it posts ``Left`` so the
screen can save at once. ``load`` shows the stored value, but never while someone is typing in
the field or an edit of it is still waiting to be saved.
"""

from __future__ import annotations

from typing import Any, Protocol, runtime_checkable

from textual.events import Blur, Paste
from textual.message import Message
from textual.widgets import Checkbox, Input, TextArea

from okrworkshop.text import visible


@runtime_checkable
class FieldHost(Protocol):
    """What a field asks of the app it runs in (both workshop apps are hosts; a bare test app
    need not be): whether cursors blink, and whether a field's edit is still to be saved."""

    cursor_blink: bool

    def holds(self, field_key: str) -> bool: ...


def _blinks(app: object) -> bool:
    return app.cursor_blink if isinstance(app, FieldHost) else True


def _held(app: object, field_key: str) -> bool:
    return isinstance(app, FieldHost) and app.holds(field_key)


def _unsafe(text: str) -> bool:
    return visible(text, keep_newlines=True) != text


class SafeInput(Input):
    """An Input whose value never holds a control character (a paste of ESC becomes ``\\x1b``)."""

    def on_mount(self) -> None:
        self.cursor_blink = _blinks(self.app)

    def on_paste(self, event: Paste) -> None:
        """A paste goes in at the cursor as one line: its lines joined by spaces (Textual's
        Input would keep only the first) and its control characters shown as escapes."""
        event.prevent_default()  # instead of Input's own paste
        event.stop()
        text = " ".join(line for line in event.text.splitlines() if line.strip())
        if text:
            self.replace(text, *sorted(self.selection))

    def insert(self, text: str, index: int) -> None:
        """Typed or pasted text goes in with its control characters already made visible, so
        the cursor ends after what is shown."""
        super().insert(visible(text) if _unsafe(text) else text, index)

    def replace(self, text: str, start: int, end: int) -> None:
        super().replace(visible(text) if _unsafe(text) else text, start, end)

    def validate_value(self, value: str) -> str:
        return visible(value) if _unsafe(value) else value

    def give_back(self, text: str) -> None:
        """Put back words whose add could not be saved. An add box empties on Enter so the
        next draft can be typed at once; if that has begun, the returned words go in front of
        it, so neither is lost."""
        self.value = given_back(text, self.value)
        self.cursor_position = len(self.value)


def given_back(returned: str, typed: str) -> str:
    """A box's words after an add that could not be saved hands ``returned`` back: the form
    emptied at once so the next words could be typed; if they have begun (``typed``), the
    returned words go in front of them, so neither is lost. The one rule for every form that
    saves and clears (see ``SafeInput.give_back``, ``KrForm.give_back``)."""
    if not returned:
        return typed
    return f"{returned} {typed}" if typed.strip() else returned


class MarkedCheckbox(Checkbox):
    """A checkbox that shows ✓ when ticked and nothing when not (Textual's shows an X for both,
    told apart only by colour, which a projector washes out)."""

    BUTTON_INNER = " "

    def watch_value(self) -> None:
        self.BUTTON_INNER = "✓" if self.value else " "
        super().watch_value()


class FieldLeft(Message):
    """A field lost focus: save its pending edit now."""

    def __init__(self, field_key: str) -> None:
        super().__init__()
        self.field_key = field_key


class FieldInput(SafeInput):
    """A one-line field of the workshop that saves as it is typed."""

    def __init__(self, field_key: str, **kwargs: Any) -> None:
        kwargs.setdefault("id", field_key.replace(".", "-"))
        # Arriving in a saved field must not select its text: one stray key would replace it.
        kwargs.setdefault("select_on_focus", False)
        super().__init__(**kwargs)
        self.field_key = field_key
        self._shown = ""  # the stored value as last loaded

    def on_blur(self, _event: Blur) -> None:
        self.post_message(FieldLeft(self.field_key))

    def load(self, value: str) -> None:
        """Show the stored value unless someone is editing this field right now."""
        if self._editing():
            return
        if self.value != visible(value):
            with self.prevent(Input.Changed):
                self.value = value
        self._shown = self.value

    def _editing(self) -> bool:
        """Someone typed here and it is not saved-and-shown yet: leave the text alone."""
        if _held(self.app, self.field_key):
            return True
        return self.has_focus and self.value != self._shown


class FieldArea(TextArea):
    """A multi-line field of the workshop (lists are one item per line) that saves as typed."""

    def __init__(self, field_key: str, **kwargs: Any) -> None:
        kwargs.setdefault("id", field_key.replace(".", "-"))
        kwargs.setdefault("soft_wrap", True)
        kwargs.setdefault("show_line_numbers", False)
        kwargs.setdefault("tab_behavior", "focus")
        super().__init__(**kwargs)
        self.field_key = field_key
        self._shown = ""  # the stored value as last loaded

    def on_mount(self) -> None:
        self.cursor_blink = _blinks(self.app)

    def on_paste(self, event: Paste) -> None:
        """A paste goes in at the cursor with its control characters already shown as escapes,
        and the cursor ends after it, so what is typed next follows it (a paste holding ESC
        must never leave the cursor elsewhere and reorder the words)."""
        event.prevent_default()  # instead of TextArea's own paste
        event.stop()
        if self.read_only or not event.text:
            return
        start, end = sorted((self.selection.start, self.selection.end))
        result = self.replace(visible(event.text, keep_newlines=True), start, end)
        self.move_cursor(result.end_location)

    def on_text_area_changed(self, _event: TextArea.Changed) -> None:
        """Any other way a control character got in: show it escaped, cursor kept in place."""
        if _unsafe(self.text):
            before = visible(
                self.document.get_text_range((0, 0), self.cursor_location), keep_newlines=True
            ).split("\n")
            with self.prevent(TextArea.Changed):
                self.load_text(visible(self.text, keep_newlines=True))
            self.move_cursor((len(before) - 1, len(before[-1])))

    def on_blur(self, _event: Blur) -> None:
        self.post_message(FieldLeft(self.field_key))

    def load(self, value: str) -> None:
        if _held(self.app, self.field_key) or (self.has_focus and self.text != self._shown):
            return
        safe = visible(value, keep_newlines=True)
        if self.text != safe:
            with self.prevent(TextArea.Changed):
                self.load_text(safe)
        self._shown = self.text
