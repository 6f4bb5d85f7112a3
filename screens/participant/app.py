"""One participant's own app: read the context, write drafts and key-result ideas, vote.

It runs on the shared database (``okrworkshop join``), on a drafts file away from it
(``join --file``), or in a browser tab (``okrworkshop serve`` runs ``join`` per visitor, with no
name, so the first screen asks for it). The facilitator's screen polls the same file, so what a
participant adds shows there within a second or two.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from okrworkshop.store import WorkshopSource
from screens.app_base import AppOptions, WorkshopApp
from screens.participant.parts import DRAFTING
from screens.web.served import tell_server_who_joined


class ParticipantApp(WorkshopApp):
    """Runs one person's part of a workshop."""

    TITLE = "okrworkshop"
    CSS_PATH = "../app.tcss"
    ENABLE_COMMAND_PALETTE = False  # a participant's few keys are all in the Footer
    HELP_GENERAL = (
        "What you add is saved at once and shows on the facilitator's screen within a second "
        "or two; you can change or delete only what you wrote. Text left in a box when the "
        "window closes is kept as your draft. F4 switches to a light theme; ctrl+q quits."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("f4", "toggle_light", "Light/dark"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    def __init__(
        self,
        store: WorkshopSource,
        workshop_id: str,
        person: str | None = None,
        options: AppOptions | None = None,
    ) -> None:
        super().__init__(store, workshop_id, options)
        self.person = person

    def on_mount(self) -> None:
        assert self.workshop_id is not None
        self.start_watching()
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

    def show_part(self, name: str) -> None:
        """Switch to the drafting screen or the ballot, building each the first time."""
        if self.screen.name == name:
            return
        if not self.is_screen_installed(name):
            from screens.participant.drafting import DraftingScreen
            from screens.participant.voting import VotingScreen

            screen = DraftingScreen() if name == DRAFTING else VotingScreen()
            self.install_screen(screen, name)
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


def make_participant_app(
    store: WorkshopSource,
    workshop_id: str,
    person: str | None = None,
    options: AppOptions | None = None,
) -> ParticipantApp:
    """The one way to build a participant's app (CLI, browser and tests)."""
    return ParticipantApp(store, workshop_id, person, options)
