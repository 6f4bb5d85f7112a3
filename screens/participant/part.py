"""What every working screen of a participant shares: who they are, the line saying what the
room is doing, the way to the briefing and to the other parts, and the menu (Esc) that offers
every action by plain keys, for browsers that keep F6 and F7 and Macs that need Fn for them."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Static

from okrworkshop.model import Workshop
from screens.keys_shown import KeysWhereFocus
from screens.participant.menu import MenuEntry, MenuScreen, menu_entries
from screens.participant.parts import CHECKIN, CONFIDENCE, DRAFTING, VOTING, WEEK
from screens.participant.room import room_now, room_part
from screens.user_text import labelled

if TYPE_CHECKING:
    from screens.participant.app import ParticipantApp


PLACES = {
    "drafts": DRAFTING,
    "vote": VOTING,
    "confidence": CONFIDENCE,
    "week": WEEK,
    "checkin": CHECKIN,
}
"""The actions that go to each working screen."""
PLACE_NAMES = {
    DRAFTING: "My drafts",
    VOTING: "Vote",
    CONFIDENCE: "Confidence",
    CHECKIN: "Check in",
    WEEK: "Weekly meeting",
}

NARROW_BELOW = 60
"""Screens narrower than this (a phone in a browser: 45-51 columns) put columns one above the
other."""


class PartScreen(KeysWhereFocus[None]):
    """A participant's working screen; subclasses say which part they are and show the rest."""

    PART: ClassVar[str]
    HELP_TITLE: ClassVar[str]
    PURPOSE: ClassVar[str]
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (NARROW_BELOW, "-wide")]  # noqa: RUF012
    """Below 60 columns (a phone in a browser gets 45-51) columns stack."""
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "menu", "Menu"),
        # F6 goes where the room is; from there (or when the room is drafting) to the drafts
        Binding("f6", "vote", "Vote"),
        Binding("f6", "confidence", "Confidence"),
        Binding("f6", "week", "Weekly meeting"),
        Binding("f6", "checkin", "Check in"),
        Binding("f6", "drafts", "My drafts"),
        Binding("f7", "context", "Context"),
    ]

    @property
    def participant_app(self) -> ParticipantApp:
        return cast("ParticipantApp", self.app)

    @property
    def person(self) -> str:
        return self.participant_app.person or ""

    def today(self) -> date:
        return self.participant_app.today()

    def compose_top(self) -> ComposeResult:
        yield Static("", id="who")
        yield Static("", id="room")

    def on_mount(self) -> None:
        self.watch(self.participant_app, "workshop", self._workshop_changed)

    def on_screen_resume(self) -> None:
        self._workshop_changed(self.participant_app.workshop)

    def _workshop_changed(self, ws: Workshop | None) -> None:
        if ws is None or not self.is_mounted:
            return
        self.query_one("#who", Static).update(
            labelled(
                "[b]$person[/b] · $team, $cycle",
                person=self.person,
                team=ws.team,
                cycle=ws.cycle.label,
            )
        )
        self.query_one("#room", Static).update(
            room_now(ws, self.person, today=self.today(), here=self.PART)
        )
        self.show(ws)
        self.refresh_bindings()

    def show(self, ws: Workshop) -> None:
        """Show the workshop as it now stands (the subclass's part of the screen)."""

    # --- going places -------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        ws = self.participant_app.workshop
        if ws is None or action not in PLACES:
            return True
        here, there = self.PART, room_part(ws)
        if action == "drafts":
            return here != DRAFTING and there in (here, DRAFTING)
        if action == "checkin" and there == WEEK:
            return here != CHECKIN  # the meeting's check-ins are the check-in screen's
        return PLACES[action] == there != here

    def action_drafts(self) -> None:
        self.participant_app.show_part(DRAFTING)

    def action_vote(self) -> None:
        self.participant_app.show_part(VOTING)

    def action_confidence(self) -> None:
        self.participant_app.show_part(CONFIDENCE)

    def action_week(self) -> None:
        self.participant_app.show_part(WEEK)

    def action_checkin(self) -> None:
        self.participant_app.show_part(CHECKIN)

    def action_context(self) -> None:
        self.participant_app.show_briefing()

    def action_menu(self) -> None:
        """Every action of this screen as a list to pick from with arrows and Enter."""

        def picked(entry: MenuEntry | None) -> None:
            if entry is not None:
                self.app.call_later(self.app.run_action, entry.action, entry.node)

        entries = menu_entries(self)
        offered = {entry.action for entry in entries}
        ws = self.participant_app.workshop
        there = room_part(ws) if ws is not None else DRAFTING
        for action, place in PLACES.items():  # the places F6 does not lead to right now
            near = (there, DRAFTING, CHECKIN) if there == WEEK else (there, DRAFTING)
            if action not in offered and place != self.PART and place in near:
                entries.insert(0, MenuEntry(PLACE_NAMES[place], (), action, self))
        self.app.push_screen(MenuScreen(entries), picked)
