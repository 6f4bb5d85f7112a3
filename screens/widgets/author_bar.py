"""The "who is speaking" strip: every person in the room, numbered, with the current one marked.

On one shared terminal the facilitator types for everybody, so each draft and each dot vote
needs a person attached. The strip shows who that is right now (▶ and bold, never colour alone)
and a short note per person (drafts so far, dots left), so the room can see who has not had a
turn yet. The screen moves it with keys (F2/F3, digits); a click on a name picks that person.
"""

from __future__ import annotations

from collections.abc import Mapping

from textual.content import Content
from textual.message import Message
from textual.style import Style
from textual.widgets import Static

from okrworkshop.rules import people_in_room
from okrworkshop.text import visible

__all__ = ["AuthorBar", "people_in_room"]


class AuthorBar(Static):
    """A strip of numbered names; one of them is the person the next draft or dot belongs to."""

    DEFAULT_CSS = """
    AuthorBar {
        height: auto;
        max-height: 3;
        padding: 0 1;
        background: $boost;
    }
    """

    class Changed(Message):
        """The current person changed (by key or click)."""

        def __init__(self, bar: AuthorBar, person: str | None) -> None:
            super().__init__()
            self.bar = bar
            self.person = person

        @property
        def control(self) -> AuthorBar:
            return self.bar

    def __init__(self, role: str, hint: str, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.role = role
        self.hint = hint
        self.people: list[str] = []
        self.notes: dict[str, str] = {}
        self._current: str | None = None

    @property
    def current(self) -> str | None:
        return self._current

    def show(self, people: list[str], notes: Mapping[str, str] | None = None) -> None:
        """Show these people with a note each; the current person stays if still present."""
        self.people = list(people)
        self.notes = dict(notes or {})
        if self._current not in self.people:
            self._current = self.people[0] if self.people else None
        self._draw()

    def pick(self, index: int) -> None:
        """Make the person at ``index`` (0-based) current."""
        if 0 <= index < len(self.people):
            self._set(self.people[index])

    def move(self, step: int) -> None:
        """Make the next (``step`` 1) or previous (``step`` -1) person current, wrapping round."""
        if not self.people:
            return
        index = self.people.index(self._current) if self._current in self.people else -step
        self._set(self.people[(index + step) % len(self.people)])

    def action_pick(self, index: int) -> None:
        """A click on a name (its span carries ``@click=pick(i)``)."""
        self.pick(index)

    def _set(self, person: str) -> None:
        changed = person != self._current
        self._current = person
        self._draw()
        if changed:
            self.post_message(self.Changed(self, person))

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        """Lay the chips out in lines by hand, so a line never breaks inside a person's chip."""
        pieces: list[Content] = [Content.styled(f"{self.role}: ", "bold")]
        if not self.people:
            pieces.append(Content("nobody yet; add participants on the Setup step (F8). "))
        for index, person in enumerate(self.people):
            current = person == self._current
            mark = "▶" if current else " "
            note = self.notes.get(person, "")
            chip = (
                Content(f"{mark}{index + 1} ")
                + Content(visible(person))
                + Content(f" {note} " if note else " ")
            )
            chip = chip.stylize(Style.from_meta({"@click": f"pick({index})"}))
            if current:
                chip = chip.stylize("bold reverse")
            pieces.append(chip + Content(" "))
        if self.hint:
            pieces.append(Content.styled(self.hint, "$text-muted"))
        width = self.content_size.width or 10_000
        lines: list[list[Content]] = [[]]
        used = 0
        for piece in pieces:
            if used and used + piece.rstrip().cell_length > width:
                lines.append([])
                used = 0
            lines[-1].append(piece)
            used += piece.cell_length
        self.update(Content("\n").join(Content("").join(line).rstrip() for line in lines))
