"""A one-paragraph text box that wraps over several lines: the key result's statement.

A statement is the sentence the room reads aloud while the facilitator types it, so it needs more
than one line of a narrow column; but it is still one paragraph, like a one-line field: Enter
submits the form, and line breaks or tabs that arrive in a paste become spaces where they are, so
the words keep their order. Other control characters are shown as visible escapes, as in every
field.
"""

from __future__ import annotations

import re
from typing import Any, ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets.text_area import Edit, EditResult

from okrworkshop.text import visible
from screens.widgets.fields import FieldArea

_BREAKS = re.compile(r"[\r\n\t\v\f\u2028\u2029]+")


def one_paragraph(text: str) -> str:
    """``text`` with its line breaks and tabs as single spaces and other controls escaped."""
    flat = _BREAKS.sub(" ", text)
    return visible(flat)


class StatementBox(FieldArea):
    """A wrapping field that behaves like a one-line field: Enter submits, no line breaks."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Add", show=False, priority=True),
    ]

    class Submitted(Message):
        """Enter was pressed in the box."""

        def __init__(self, box: StatementBox) -> None:
            super().__init__()
            self.box = box

        @property
        def control(self) -> StatementBox:
            return self.box

    def __init__(self, field_key: str, **kwargs: Any) -> None:
        kwargs.setdefault("compact", True)
        kwargs.setdefault("highlight_cursor_line", False)
        super().__init__(field_key, **kwargs)

    @property
    def value(self) -> str:
        """The statement as typed (the same name as an ``Input``'s)."""
        return self.text

    @value.setter
    def value(self, text: str) -> None:
        clean = one_paragraph(text)
        if clean != self.text:
            self.load_text(clean)
            self.move_cursor(self.document.end)

    def edit(self, edit: Edit) -> EditResult:
        """Every insert (a key, a paste, a replace) goes in as one paragraph, in place."""
        clean = one_paragraph(edit.text)
        if clean != edit.text:
            edit = Edit(clean, edit.from_location, edit.to_location, edit.maintain_selection_offset)
        return super().edit(edit)

    def load(self, value: str) -> None:
        """Show the stored statement unless someone is typing in it (see ``FieldArea.load``)."""
        super().load(one_paragraph(value))

    def action_submit(self) -> None:
        self.post_message(self.Submitted(self))
