"""A list of ticks for a dialog: space marks the row it was pressed on, Enter saves."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.widgets import SelectionList


class PickList(SelectionList[str]):
    """A list of ticks where space marks and Enter saves the dialog (not toggles)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space", "select", "Mark"),
        Binding("enter", "screen.save", "Save"),
    ]

    def action_select(self) -> None:
        """Mark or unmark the highlighted row at once. SelectionList toggles whichever row is
        highlighted when its own message arrives, so "down space down" typed quickly (or on
        a slow machine) would mark the row below the one chosen."""
        if self.highlighted is not None:
            self.toggle(self.get_option_at_index(self.highlighted))
