"""Who is joining: the first screen of a participant who was not named on the command line
(everyone who opens the browser link).

A known name (any case) joins at once; an unknown one is refused with the participant list, or
added when the facilitator allowed open joining. The refusal is the core's own sentence.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from okrworkshop import actions, rules
from okrworkshop.model import Workshop
from screens.keys_shown import KeysWhereFocus
from screens.participant.footer import PartFooter
from screens.participant.lists import KeyedList
from screens.user_text import labelled, shown_line
from screens.widgets.fields import SafeInput

if TYPE_CHECKING:
    from screens.participant.app import ParticipantApp


class NameScreen(KeysWhereFocus[None]):
    """Ask the participant's name and join them to the workshop."""

    CSS_PATH = "name.tcss"
    HELP_TITLE = "Joining"
    PURPOSE = (
        "Type your name as the facilitator wrote it and press Enter, or Tab to the list, pick "
        "your name with the arrows and press Enter. What you write is saved under this name, "
        "so the team sees who suggested what."
    )
    BINDINGS: ClassVar[list[BindingType]] = []

    @property
    def participant_app(self) -> ParticipantApp:
        return cast("ParticipantApp", self.app)

    def compose(self) -> ComposeResult:
        ws = self.participant_app.workshop
        assert ws is not None
        with Vertical(id="join"):
            yield Static(
                labelled("[b]OKR workshop: $team, $cycle[/b]", team=ws.team, cycle=ws.cycle.label),
                id="join-title",
            )
            yield Static(Content("Who are you?"), classes="section")
            yield SafeInput(
                placeholder="Your name, then Enter",
                id="name",
                max_length=200,
                select_on_focus=False,
            )
            yield Static("", id="join-problem", markup=False)
            if ws.participants:
                yield Static(Content("Or pick your name:"), classes="hint")
                yield KeyedList(
                    *[Option(shown_line(p, 60), id=str(i)) for i, p in enumerate(ws.participants)],
                    id="people",
                )
        yield PartFooter()

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    @on(Input.Submitted, "#name")
    def typed(self, event: Input.Submitted) -> None:
        self.join(event.value)

    @on(OptionList.OptionSelected, "#people")
    def picked(self, event: OptionList.OptionSelected) -> None:
        ws = self.participant_app.workshop
        if ws is not None and event.option_id is not None:
            self.join(ws.participants[int(event.option_id)])

    @on(KeyedList.Typed, "#people")
    def carry(self, event: KeyedList.Typed) -> None:
        """A letter typed on the list of names goes into the name box."""
        box = self.query_one("#name", SafeInput)
        box.focus()
        box.cursor_position = len(box.value)
        box.insert_text_at_cursor(event.character)

    @work(exclusive=True, group="join")
    async def join(self, name: str) -> None:
        """Join through the app's write queue; a refusal or a failed save is said here and the
        name stays in the box."""
        app = self.participant_app
        outcome = await app.change(_join_in_person, name).wait()
        if outcome.ok:
            app.joined(cast(str, outcome.value))
            return
        self.query_one("#join-problem", Static).update(shown_line(outcome.error or ""))
        self.query_one("#name", Input).focus()


def _join_in_person(ws: Workshop, name: str) -> str:
    """``actions.join``, with a refused name told to the person in their own words."""
    try:
        return actions.join(ws, name)
    except rules.NotAParticipant as refused:
        raise rules.RuleError(refused.their_words) from refused
