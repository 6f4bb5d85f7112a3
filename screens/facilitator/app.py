"""The okrworkshop terminal app: one store, one open workshop, a screen per workshop step.

The app owns the store and the id of the open workshop; screens read ``app.workshop`` and ask
for changes with ``app.change(actions.X, ...)`` (see ``WorkshopApp``). Nothing here knows a
workshop rule: refusals come back from the core as sentences and are shown as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from textual.app import SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

from okrworkshop import actions
from okrworkshop.model import Stage, Workshop
from okrworkshop.store import Store
from screens.app_base import AppOptions, WorkshopApp
from screens.writes import failure_sentence


class OkrApp(WorkshopApp):
    """Runs a workshop on one shared terminal."""

    TITLE = "okrworkshop"
    CSS_PATH = "../app.tcss"
    ENABLE_COMMAND_PALETTE = True
    HELP_GENERAL = (
        "Every word is saved as it is typed. Other people's drafts (from their own terminal "
        "or browser) appear within two seconds. ctrl+p opens the command palette: jump to any "
        "step or run any action by name. F4 switches to a light theme for projectors; ctrl+q "
        "saves and quits. Esc leaves a text box for the list. On a narrow terminal the Footer "
        "shows the keys needed most; Help lists them all."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("f4", "toggle_light", "Light/dark"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    store: Store

    def __init__(
        self,
        store: Store,
        workshop_id: str | None = None,
        *,
        step: Stage | None = None,
        options: AppOptions | None = None,
    ) -> None:
        super().__init__(store, workshop_id, options)
        self.start_step = step

    # --- start-up -------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.start_watching()
        self.end_when_closed()
        if self.workshop_id:
            self.open_workshop(self.store.get(self.workshop_id), step=self.start_step)
        else:
            from screens.facilitator.welcome import WelcomeScreen

            self.push_screen(WelcomeScreen())

    def open_workshop(
        self, workshop: Workshop, *, step: Stage | None = None, after: str | None = None
    ) -> None:
        """Show ``workshop`` at ``step`` (or where the room stopped last time), or on one of
        the after-the-room screens (``after``: "checkins", "grade", "minutes")."""
        from screens.facilitator.steps import uninstall_step_screens

        self.show_workshop(workshop)
        uninstall_step_screens(self)
        if after is not None:
            from screens.facilitator.after import go_after

            go_after(self, after)
        else:
            self.go_to_step(step or workshop.stage, record=step is not None)

    def create_workshop(self, workshop: Workshop, *, after: str | None = None) -> str | None:
        """Store a new workshop (from the welcome screen) and open it. If it cannot be saved
        (a full disk, a read-only file), say so and return the sentence, so the form that
        asked can open again with what was typed."""
        try:
            created = self.store.create(workshop)
        except Exception as exc:  # StoreError, OSError, or a surprise: nothing was saved
            problem = failure_sentence(exc, self.store.path)
            self.tell_failure(problem)
            return problem
        self.open_workshop(created, after=after)
        return None

    def show_welcome(self) -> None:
        """Close the open workshop (after saving) and list the workshops in the file."""
        from screens.facilitator.steps import uninstall_step_screens
        from screens.facilitator.welcome import WelcomeScreen

        self._record_step_time()
        self.writes.flush()
        self.switch_screen(WelcomeScreen())
        self.workshop_id = None
        self.call_after_refresh(uninstall_step_screens, self)

    def go_to_step(self, stage: Stage, *, record: bool = True) -> None:
        """Show a step's screen; ``record`` also stores it as where the room is."""
        if self.workshop is None:
            return
        if self.screen.name == stage.value:
            return
        from screens.facilitator.steps import ensure_step_screen

        self.writes.flush()
        name = ensure_step_screen(self, stage)
        if len(self.screen_stack) == 1:  # only the app's default screen: nothing to replace
            self.push_screen(name)
        else:
            self.switch_screen(name)
        if record and self.workshop.stage is not stage:
            self.record(actions.go_to_stage, stage)  # where the room is: bookkeeping

    # --- leaving -------------------------------------------------------------------------------

    def unsent_text(self) -> list[str]:
        """Text typed into the "add" boxes of the open workshop's steps but never added."""
        from screens.facilitator.step import StepScreen

        texts: list[str] = []
        for stage in Stage:
            if self.workshop_id is not None and self.is_screen_installed(stage.value):
                screen = self.get_screen(stage.value)
                if isinstance(screen, StepScreen):
                    texts += screen.unsent_text()
        return texts

    def before_exit(self) -> None:
        self._record_step_time()

    def _record_step_time(self) -> None:
        """The room leaves the step on screen: add the time spent on it to the workshop."""
        from screens.facilitator.step import StepScreen

        for screen in self.screen_stack:  # the step may be under a dialog
            if isinstance(screen, StepScreen):
                screen.record_time()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The command palette: jump to any step and run any workshop action."""
        from screens.facilitator.commands import workshop_commands

        yield from workshop_commands(self, screen)
        for command in super().get_system_commands(screen):
            if command.title not in ("Theme", "Quit the application"):
                yield command


def make_app(
    store: Store,
    workshop_id: str | None = None,
    *,
    step: Stage | None = None,
    options: AppOptions | None = None,
) -> OkrApp:
    """The one way to build the app: the CLI, the tests and the snapshots all come here."""
    return OkrApp(store, workshop_id, step=step, options=options)
