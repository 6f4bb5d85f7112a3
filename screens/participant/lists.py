"""Lists on a participant's screens: refilled without losing the highlight, and never eating a
letter. A letter that is not one of the screen's keys is handed to the screen (``Typed``),
which puts it in the box it belongs to or says what the keys are: someone who tabbed onto a
list and kept typing loses nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from textual import events
from textual.content import Content
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option


def fill(options: OptionList, rows: Sequence[tuple[str, Content]]) -> None:
    """Show ``rows`` (id, prompt), keeping the highlight on the same id; skip if unchanged."""
    wanted = [(key, prompt.plain) for key, prompt in rows]
    current = [
        (option.id, option.prompt.plain if isinstance(option.prompt, Content) else "")
        for option in options.options
    ]
    if wanted == current:
        return
    highlighted = options.highlighted
    keep = options.options[highlighted].id if highlighted is not None and options.options else None
    options.set_options(Option(prompt, id=key) for key, prompt in rows)
    ids = [key for key, _ in rows]
    if keep in ids:
        options.highlighted = ids.index(keep)
    elif rows:
        options.highlighted = min(highlighted or 0, len(rows) - 1)


class KeyedList(OptionList):
    """An option list that passes on the characters its screen has no key for."""

    @dataclass
    class Typed(Message):
        """A printable character typed while the list had focus, bound to nothing."""

        list: KeyedList
        character: str

        @property
        def control(self) -> KeyedList:
            return self.list

    def on_key(self, event: events.Key) -> None:
        if not event.is_printable or not event.character:
            return
        active = self.screen.active_bindings.get(event.key)
        if active is not None and active.enabled:
            return  # one of the screen's keys: its binding acts
        event.stop()
        event.prevent_default()
        self.post_message(self.Typed(self, event.character))

    def highlighted_id(self) -> str | None:
        if self.highlighted is None or not self.options:
            return None
        return self.options[self.highlighted].id
