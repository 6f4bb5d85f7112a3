"""A ``Select`` that costs one widget until it is opened.

Textual's Select is six widgets from the start: a row of three labels for the current choice and
an option list kept hidden until the picker opens. On a step's first screen every widget is
styled, laid out and drawn before the room sees anything, so this one draws its current choice
itself (one line: the choice, then ▼) and adds the option list the first time it opens. It is a
``Select`` in every other way: the same keys, value, messages and look.
"""

from __future__ import annotations

from typing import Generic

from rich.console import RenderableType
from textual.app import ComposeResult
from textual.content import Content
from textual.css.query import NoMatches
from textual.geometry import Size
from textual.widgets import Select
from textual.widgets._select import NoSelection, SelectCurrent, SelectOverlay, SelectType


class _CurrentLine(SelectCurrent):
    """The current choice and the arrow, drawn as one line by this one widget."""

    def compose(self) -> ComposeResult:
        return iter(())

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return 1  # one line, as the three labels it stands for (a container would measure 0)

    def update(self, label: RenderableType | NoSelection) -> None:
        self.label = label
        self.has_value = label is not Select.NULL
        self.refresh()

    def render(self) -> Content:
        label = self.placeholder if isinstance(self.label, NoSelection) else self.label
        text = label if isinstance(label, Content) else Content(str(label))
        picker = self.parent
        arrow = "▲" if isinstance(picker, Select) and picker.expanded else "▼"
        width = self.content_size.width
        room = max(width - 2, 0)  # the arrow and the space before it
        text = text.truncate(room)
        if not self.has_value:
            text = text.stylize("$foreground 50%")
        gap = Content(" " * (room - text.cell_length + 1))
        return text + gap + Content.styled(arrow, "$foreground 50%")


class LightSelect(Select[SelectType], Generic[SelectType]):
    """A Select whose option list is made the first time it opens."""

    _by_key = False
    """The first opening came from a key (which highlights the first option), not a click."""

    def compose(self) -> ComposeResult:
        yield _CurrentLine(self.prompt)

    def _overlay(self) -> SelectOverlay | None:
        try:
            return self.query_one(SelectOverlay)
        except NoMatches:
            return None

    def _setup_options_renderables(self) -> None:
        if self._overlay() is not None:
            super()._setup_options_renderables()

    def _watch_value(self, value: SelectType | NoSelection) -> None:
        if self._overlay() is not None:
            super()._watch_value(value)
            return
        self._value = value
        try:
            current = self.query_one(SelectCurrent)
        except NoMatches:
            return
        if value == self.NULL:
            current.update(self.NULL)
        else:
            prompt = next((p for p, v in self._options if v == value), None)
            if prompt is not None:
                current.update(prompt)
        self.post_message(self.Changed(self, value))

    def _watch_prompt(self, prompt: str) -> None:
        if self._overlay() is not None:
            super()._watch_prompt(prompt)
        elif self.is_mounted:
            current = self.query_one(SelectCurrent)
            current.placeholder = prompt
            current.refresh()

    def _watch_expanded(self, expanded: bool) -> None:
        self.query_one(SelectCurrent).refresh()  # the arrow turns
        if not expanded or self._overlay() is not None:
            super()._watch_expanded(expanded)
        else:
            self.call_next(self._open_first_time)

    async def _open_first_time(self) -> None:
        overlay = SelectOverlay(type_to_search=self._type_to_search).data_bind(
            compact=Select.compact
        )
        await self.mount(overlay)
        super()._setup_options_renderables()
        if self.expanded:
            super()._watch_expanded(True)
            if self._by_key and overlay.highlighted is None:
                overlay.action_first()  # as Select's own key opens it
        self._by_key = False

    def action_show_overlay(self) -> None:
        overlay = self._overlay()
        if overlay is not None:
            super().action_show_overlay()
            return
        self.query_one(SelectCurrent).has_value = True
        self._by_key = True
        self.expanded = True  # the option list is made now; it opens on the current choice
