"""Step 0, Set up: the team, the cycle, the facilitator, who is in the room, and voting rules."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Checkbox, Input, Label, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker

from okrworkshop import actions, rules
from okrworkshop.dates import DAY_SHAPE
from okrworkshop.model import Stage, Workshop
from okrworkshop.preread import missing_for_reader
from okrworkshop.rules import RuleError
from screens.dialogs.modals import TextPrompt, confirm
from screens.facilitator.step import StepScreen
from screens.user_text import labelled, shown, shown_line, try_again_note
from screens.widgets.fields import FieldInput, MarkedCheckbox, SafeInput
from screens.writes import Outcome

DATE = DAY_SHAPE
TIME = re.compile(r"^\s*(\d{1,2}:\d{2}(\D.*)?)?$")
"""A time worth saving: empty, or starting with a whole 24-hour time (the core checks it)."""


class ParticipantList(OptionList):
    """The people in the room; keys here act on the highlighted person."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "screen.rename_participant", "Rename"),
        Binding("delete,x", "screen.remove_participant", "Remove"),
    ]


class SetupScreen(StepScreen):
    STAGE = Stage.SETUP
    CSS_PATH = "setup.tcss"
    AUTO_FOCUS = "#setup-team"
    PURPOSE = (
        "Before the room gathers: name the team and the cycle the OKR is for (a label such as "
        "2027 Q1, with start and end dates), say who facilitates, and list everyone who will "
        "draft and vote. Give the meeting's date, time and place: the pre-read tells people, "
        "and the list under the participants says what the pre-read still lacks. Set when "
        "drafts are due: the pre-read (ctrl+p, Save the pre-read) tells people, and beside "
        "each name you see what they have sent so far. Voting rules "
        "live here too: how many dots each person gets, whether people not on the list may "
        "join, and whether participants see each other's drafts before the meeting (hidden by "
        "default, so nobody anchors on the first idea)."
    )

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="setup-columns"):
            with VerticalScroll(id="setup-workshop", can_focus=False):
                yield Static(Content.styled("The workshop", "bold"), classes="section")
                yield Label("Team")
                yield FieldInput("setup.team", compact=True)
                yield Label("Cycle label")
                yield FieldInput("setup.cycle", compact=True, placeholder="e.g. 2027 Q1")
                yield Label("Cycle start and end (YYYY-MM-DD)")
                with Horizontal(classes="dates"):
                    yield FieldInput("setup.start", compact=True, placeholder="start")
                    yield FieldInput("setup.end", compact=True, placeholder="end")
                yield Static("", id="date-hint", markup=False)
                yield Label("Facilitator")
                yield FieldInput("setup.facilitator", compact=True)
                yield Static(Content.styled("Drafting and voting", "bold"), classes="section")
                with Horizontal(classes="pair"):
                    with Vertical():
                        yield Label("Drafts due")
                        yield FieldInput(
                            "settings.drafts-due", compact=True, placeholder="YYYY-MM-DD"
                        )
                    with Vertical():
                        yield Label("Dot votes each")
                        yield FieldInput("settings.votes", compact=True, type="integer")
                yield Static("", id="due-hint", markup=False)
                yield Static(Content.styled("The meeting", "bold"), classes="section")
                with Horizontal(classes="pair"):
                    with Vertical():
                        yield Label("Date")
                        yield FieldInput(
                            "settings.meeting-date", compact=True, placeholder="YYYY-MM-DD"
                        )
                    with Vertical():
                        yield Label("Time")
                        yield FieldInput(
                            "settings.meeting-time", compact=True, placeholder="14:00-16:00 CET"
                        )
                yield Label("Place (a room, an address or a video link)")
                yield FieldInput("settings.meeting-place", compact=True)
                yield Static("", id="meeting-hint", markup=False)
                yield MarkedCheckbox(
                    "Open joining: anyone may join", id="open-joining", compact=True
                )
                yield MarkedCheckbox(
                    "Participants see others' drafts",
                    id="show-drafts",
                    compact=True,
                )
            with Vertical(id="setup-people"):
                yield Static(Content.styled("Participants", "bold"), classes="section")
                yield SafeInput(
                    placeholder="Add a participant: type a name, press Enter",
                    id="new-participant",
                    compact=True,
                )
                yield Static(
                    Content("Beside each name: what they sent before the meeting."),
                    id="progress-note",
                )
                yield ParticipantList(id="participants")
                yield Static("", id="preread-missing", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.savers = {
            "setup.team": lambda v: _setup(team=v),
            "setup.cycle": lambda v: _setup(cycle_label=v),
            "setup.start": lambda v: _setup(start=v),
            "setup.end": lambda v: _setup(end=v),
            "setup.facilitator": lambda v: _setup(facilitator=v),
            "settings.votes": _votes,
            "settings.drafts-due": _drafts_due,
            "settings.meeting-date": _meeting("date"),
            "settings.meeting-time": _meeting("time"),
            "settings.meeting-place": _meeting("place"),
        }

    def _field_changed(self, key: str, value: str) -> None:
        # A half-typed date is not an error yet: wait until it looks like a date (or is empty).
        if key in ("setup.start", "setup.end") and not DATE.match(value):
            self.query_one("#date-hint", Static).update("Dates look like 2027-03-31.")
            self.okr_app.writes.discard(key)
            return
        if key == "settings.drafts-due":
            hint = self.query_one("#due-hint", Static)
            hint.display = not DATE.match(value)
            if hint.display:
                hint.update("Drafts due looks like 2027-01-10 (empty: before the workshop).")
                self.okr_app.writes.discard(key)
                return
        if key in ("settings.meeting-date", "settings.meeting-time"):
            pattern, words = (
                (DATE, "Dates look like 2027-01-12.")
                if key == "settings.meeting-date"
                else (TIME, "Times start with a 24-hour time: 14:00, or 14:00-16:00 CET.")
            )
            self.query_one("#meeting-hint", Static).update("" if pattern.match(value) else words)
            if not pattern.match(value):
                self.okr_app.writes.discard(key)
                return
        if key == "settings.votes" and not value.strip():
            self.okr_app.writes.discard(key)
            return
        self.query_one("#date-hint", Static).update("")
        super()._field_changed(key, value)

    def show(self, ws: Workshop) -> None:
        self.query_one("#setup-team", FieldInput).load(ws.team)
        self.query_one("#setup-cycle", FieldInput).load(ws.cycle.label)
        self.query_one("#setup-start", FieldInput).load(
            ws.cycle.start.isoformat() if ws.cycle.start else ""
        )
        self.query_one("#setup-end", FieldInput).load(
            ws.cycle.end.isoformat() if ws.cycle.end else ""
        )
        self.query_one("#setup-facilitator", FieldInput).load(ws.facilitator)
        self.query_one("#settings-votes", FieldInput).load(str(ws.settings.votes_per_participant))
        due = ws.settings.drafts_due
        self.query_one("#settings-drafts-due", FieldInput).load(due.isoformat() if due else "")
        meeting = ws.settings.meeting_date
        self.query_one("#settings-meeting-date", FieldInput).load(
            meeting.isoformat() if meeting else ""
        )
        self.query_one("#settings-meeting-time", FieldInput).load(ws.settings.meeting_time)
        self.query_one("#settings-meeting-place", FieldInput).load(ws.settings.meeting_place)
        self._show_preread_gaps(ws)
        for box_id, value in (
            ("#open-joining", ws.settings.open_joining),
            ("#show-drafts", ws.settings.show_drafts_to_participants),
        ):
            box = self.query_one(box_id, Checkbox)
            if box.value != value:
                with box.prevent(Checkbox.Changed):
                    box.value = value
        people = self.query_one(ParticipantList)
        highlighted = people.highlighted
        people.clear_options()
        progress = {p.name: p for p in rules.drafting_progress(ws)}
        for name in ws.participants:
            sent = progress.get(name) or rules.DraftingProgress(name, 0, 0)
            words = Content(sent.describe(short=True))
            label = shown_line(name).stylize("bold") + Content(" · ") + words
            people.add_option(Option(label, id=name))
        if ws.participants:
            people.highlighted = min(highlighted or 0, len(ws.participants) - 1)

    def _show_preread_gaps(self, ws: Workshop) -> None:
        """What the pre-read leaves out because it is not set yet: the reader's copy never says
        "not written yet", so the facilitator sees the gaps here."""
        gaps = missing_for_reader(ws)
        box = self.query_one("#preread-missing", Static)
        if not gaps:
            box.update(Content.styled("✓ The pre-read has all it needs.", "$text-success"))
            return
        head = Content.styled("The pre-read still lacks:", "bold")
        box.update(Content("\n").join([head, *(Content("• ") + shown(g) for g in gaps)]))

    # --- people ---------------------------------------------------------------------------------

    @on(Input.Submitted, "#new-participant")
    def add_participant(self, event: Input.Submitted) -> None:
        if not event.value.strip():
            self.notify("Type a name first.", severity="warning")
            return
        self._add_participant(cast(SafeInput, event.input), event.value)

    @work(group="setup-add")
    async def _add_participant(self, box: SafeInput, name: str) -> None:
        box.clear()  # at once, so the next name can be typed
        outcome = await self.okr_app.change(actions.add_participant, name).wait()
        if not outcome.ok:
            box.give_back(name)  # refused, or not saved: nothing typed is lost

    def _highlighted_person(self) -> str | None:
        people = self.query_one(ParticipantList)
        if people.highlighted is None:
            return None
        return people.get_option_at_index(people.highlighted).id

    def action_rename_participant(self) -> None:
        person = self._highlighted_person()
        if person is None:
            return
        app = self.okr_app

        def ask(
            typed: str | None, problem: str | None, reply: Callable[[str | None], None]
        ) -> None:
            app.push_screen(
                TextPrompt(
                    labelled("Rename $name", name=person),
                    "Their drafts, votes and key results move to the new name.",
                    value=person if typed is None else typed,
                    allow_empty=False,
                    problem=try_again_note(problem) if problem else "",
                ),
                reply,
            )

        def save(new: str) -> Worker[Outcome[Any]] | None:
            if new.strip() == person:
                return None
            return app.change(actions.rename_participant, person, new)

        app.ask_and_save(ask, save)

    def action_remove_participant(self) -> None:
        person = self._highlighted_person()
        if person is None:
            return
        confirm(
            self.app,
            labelled("Remove $name?", name=person),
            "Their drafts stay (with their name); their dot votes are taken back.",
            yes="Remove",
            then=lambda: self.okr_app.change(actions.remove_participant, person),
        )

    # --- settings -------------------------------------------------------------------------------

    @on(Checkbox.Changed, "#open-joining")
    def open_joining_changed(self, event: Checkbox.Changed) -> None:
        self.okr_app.change(actions.update_settings, open_joining=event.value)

    @on(Checkbox.Changed, "#show-drafts")
    def show_drafts_changed(self, event: Checkbox.Changed) -> None:
        self.okr_app.change(actions.update_settings, show_drafts_to_participants=event.value)


def _setup(**fields: str) -> Callable[[Workshop], Any]:
    return lambda ws: actions.update_setup(ws, **fields)


def _meeting(part: str) -> Callable[[str], Callable[[Workshop], Any]]:
    """How a typed date, time or place of the meeting becomes a change."""

    def saver(value: str) -> Callable[[Workshop], Any]:
        def change(ws: Workshop) -> None:
            if part == "date":
                actions.update_settings(ws, meeting_date=value)
            elif part == "time":
                actions.update_settings(ws, meeting_time=value)
            else:
                actions.update_settings(ws, meeting_place=value)

        return change

    return saver


def _drafts_due(value: str) -> Callable[[Workshop], Any]:
    return lambda ws: actions.update_settings(ws, drafts_due=value)


def _votes(value: str) -> Callable[[Workshop], Any]:
    def change(ws: Workshop) -> None:
        try:
            count = int(value)
        except ValueError:
            raise RuleError(f"{value.strip()!r} is not a whole number of votes.") from None
        actions.update_settings(ws, votes_per_participant=count)

    return change
