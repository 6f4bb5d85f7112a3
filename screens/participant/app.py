"""One participant's own app: read the context, write drafts and key-result ideas, vote, say
how sure they are of each key result, and check in on the ones they own once the OKR is final.

It runs on the shared database (``okrworkshop join``), on a drafts file away from it
(``join --file``), or in a browser tab (``okrworkshop serve`` runs ``join`` per visitor, with no
name, so the first screen asks for it). The facilitator's screen polls the same file, so what a
participant adds shows there within a second or two; this app polls it too, so it follows the
room: every working screen says what the room is doing, and a note says when it moves on.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.screen import Screen

from okrworkshop.model import Workshop
from okrworkshop.store import WorkshopSource
from screens.app_base import AppOptions, WorkshopApp
from screens.participant.parts import CHECKIN, CONFIDENCE, DRAFTING, VOTING, WEEK
from screens.participant.room import ROOM_KEY, room_part
from screens.web.served import tell_server_who_joined

MOVED = {
    VOTING: "The room is voting on its focus: give your dots",
    CONFIDENCE: "The room is weighing the key results: say how sure you are of each",
    CHECKIN: "The OKR is final: check in on the key results you own",
    WEEK: "The weekly meeting has started: give your confidence and your commitments",
}
"""Said once when the room moves on to something a participant takes part in."""


class ParticipantApp(WorkshopApp):
    """Runs one person's part of a workshop."""

    TITLE = "okrworkshop"
    CSS_PATH = "../app.tcss"
    ENABLE_COMMAND_PALETTE = False  # a participant's few keys are all in the Footer
    HELP_GENERAL = (
        "What you add is saved at once and shows on the facilitator's screen within a second "
        "or two; you can change or delete only what you wrote. Esc opens a menu with every "
        "action of the screen, for browsers that keep F6 and F7 and Mac keyboards that need "
        "Fn for them; the keys along the bottom can be clicked too. F4 switches to a light "
        "theme. ctrl+q quits; in a browser, closing the tab is enough."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("f4", "toggle_light", "Light/dark", show=False),  # in the menu and Help
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        store: WorkshopSource,
        workshop_id: str,
        person: str | None = None,
        options: AppOptions | None = None,
        today: Callable[[], date] | None = None,
    ) -> None:
        super().__init__(store, workshop_id, options)
        self.person = person
        self.today: Callable[[], date] = today or date.today
        """The day check-ins are about and progress is measured on (tests pass a fixed one)."""
        self._room_part: str | None = None

    def on_mount(self) -> None:
        assert self.workshop_id is not None
        self.start_watching()
        self.end_when_closed()
        self.watch(self, "workshop", self._room_moved)
        self.show_workshop(self.store.get(self.workshop_id))
        if self.person is None:
            from screens.participant.name import NameScreen

            self.push_screen(NameScreen())
        else:
            self.joined(self.person)

    def joined(self, person: str) -> None:
        """The person is known (named on the command line, by their file, or just now)."""
        from screens.participant.briefing import BriefingScreen

        self.person = person
        tell_server_who_joined(self, person)  # under `serve`: a reload continues as them
        ws = self.workshop
        if ws is not None:
            self.sub_title = f"{person} · {ws.team}, {ws.cycle.label}"
        if len(self.screen_stack) > 1:
            self.switch_screen(BriefingScreen())
        else:
            self.push_screen(BriefingScreen())

    def _room_moved(self, ws: Workshop | None) -> None:
        """Say once when the room moves on to a part the person takes part in (their screen
        stays where it is: they may be typing)."""
        if ws is None:
            return
        part, before = room_part(ws), self._room_part
        self._room_part = part
        if before is None or part == before or part not in MOVED or self.person is None:
            return
        if self.screen.name != part:
            self.notify(f"{MOVED[part]} ({ROOM_KEY}).", timeout=10, markup=False)

    def show_part(self, name: str) -> None:
        """Switch to one of the working screens, building each the first time."""
        if self.screen.name == name:
            return
        if not self.is_screen_installed(name):
            self.install_screen(_build(name), name)
        self.switch_screen(name)

    def show_briefing(self) -> None:
        from screens.participant.briefing import BriefingScreen

        self.push_screen(BriefingScreen(again=True))

    def unsent_text(self) -> list[str]:
        if not self.is_screen_installed(DRAFTING):
            return []
        from screens.participant.drafting import DraftingScreen

        screen = self.get_screen(DRAFTING)
        return screen.unsent_text() if isinstance(screen, DraftingScreen) else []


def _build(name: str) -> Screen[None]:
    """A working screen by its name (imported when first needed: start-up stays quick)."""
    if name == VOTING:
        from screens.participant.voting import VotingScreen

        return VotingScreen()
    if name == CONFIDENCE:
        from screens.participant.confidence import ConfidenceScreen

        return ConfidenceScreen()
    if name == WEEK:
        from screens.participant.week import WeekPartScreen

        return WeekPartScreen()
    if name == CHECKIN:
        from screens.participant.checkin import CheckinScreen

        return CheckinScreen()
    from screens.participant.drafting import DraftingScreen

    return DraftingScreen()


def make_participant_app(
    store: WorkshopSource,
    workshop_id: str,
    person: str | None = None,
    options: AppOptions | None = None,
    today: Callable[[], date] | None = None,
) -> ParticipantApp:
    """The one way to build a participant's app (CLI, browser and tests); ``today`` is for
    tests that need a fixed day of the cycle."""
    return ParticipantApp(store, workshop_id, person, options, today)
