"""The okrworkshop terminal app: one store, one open workshop, a screen per workshop step.

The app owns the store and the id of the open workshop; screens read ``app.workshop`` and ask
for changes with ``app.change(actions.X, ...)``. Nothing here knows a workshop rule: refusals
come back from the core as sentences and are shown as they are.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen
from textual.worker import Worker

from okrworkshop import actions
from okrworkshop.model import Stage, Workshop
from okrworkshop.prefs import DARK_THEME, LIGHT_THEME, Prefs, load_prefs, save_prefs
from okrworkshop.store import FileSignature, Store
from okrworkshop.text import shorten, visible

from .writes import Change, Outcome, WriteQueue

POLL_SECONDS = 1.0


class OkrApp(App[None]):
    """Runs a workshop on one shared terminal."""

    TITLE = "okrworkshop"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f1", "help", "Help"),
        Binding("question_mark", "help", "Help", show=False),
        Binding("f4", "toggle_light", "Light/dark"),
        Binding("ctrl+q", "quit", "Quit", priority=True),
    ]

    workshop: reactive[Workshop | None] = reactive(None, always_update=True, init=False)

    def __init__(
        self,
        store: Store,
        workshop_id: str | None = None,
        *,
        step: Stage | None = None,
        prefs_path: Path | None = None,
        clock: Callable[[], float] = time.monotonic,
        poll_seconds: float = POLL_SECONDS,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.cursor_blink = cursor_blink
        self.store = store
        self.workshop_id = workshop_id
        self.start_step = step
        self.clock = clock
        self.prefs_path = prefs_path
        self.prefs = load_prefs(prefs_path) if prefs_path else Prefs()
        self.writes = WriteQueue(self, store, self._loaded)
        self._poll_seconds = poll_seconds
        self._signature: FileSignature | None = None
        self._quitting = False

    # --- start-up -------------------------------------------------------------------------------

    def on_mount(self) -> None:
        self.theme = self.prefs.theme
        if self.workshop_id:
            self.open_workshop(self.store.get(self.workshop_id), step=self.start_step)
        else:
            from .welcome import WelcomeScreen

            self.push_screen(WelcomeScreen())
        self.set_interval(self._poll_seconds, self._poll, name="poll")

    def open_workshop(self, workshop: Workshop, *, step: Stage | None = None) -> None:
        """Show ``workshop`` at ``step`` (or where the room stopped last time)."""
        from .steps import uninstall_step_screens

        self.workshop_id = workshop.id
        self._signature = self.store.signature()
        self.workshop = workshop
        uninstall_step_screens(self)
        self.go_to_step(step or workshop.stage, record=step is not None)

    def create_workshop(self, workshop: Workshop) -> None:
        """Store a new workshop (from the welcome screen) and open it."""
        self.open_workshop(self.store.create(workshop))

    def show_welcome(self) -> None:
        """Close the open workshop (after saving) and list the workshops in the file."""
        from .steps import uninstall_step_screens
        from .welcome import WelcomeScreen

        record = getattr(self.screen, "record_time", None)
        if callable(record):
            record()
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
        from .steps import ensure_step_screen

        self.writes.flush()
        name = ensure_step_screen(self, stage)
        if len(self.screen_stack) == 1:  # only the app's default screen: nothing to replace
            self.push_screen(name)
        else:
            self.switch_screen(name)
        if record and self.workshop.stage is not stage:
            self.change(actions.go_to_stage, stage)

    # --- the store ----------------------------------------------------------------------------

    def change(self, action: Callable[..., Any], *args: Any, **kwargs: Any) -> Worker[Outcome]:
        """Apply a core action to the open workshop in the background; refusals are notified."""
        assert self.workshop_id is not None
        return self.writes.change(self.workshop_id, lambda ws: action(ws, *args, **kwargs))

    def edit_later(self, key: str, change: Change) -> None:
        """Save a field's newest value after a pause in typing (see ``WriteQueue``)."""
        if self.workshop_id is not None:
            self.writes.edit_later(key, self.workshop_id, change)

    def _loaded(self, outcome: Outcome) -> None:
        if outcome.error:
            self.notify(outcome.error, title="Not saved", severity="warning", markup=False)
        if outcome.workshop is not None and outcome.workshop.id == self.workshop_id:
            self._signature = outcome.signature
            self.workshop = outcome.workshop

    def _poll(self) -> None:
        """Notice another process's change to the file and show it (polling, as inotify misses
        ``os.replace`` and changes from other machines on a shared folder)."""
        if self.workshop_id is None or self.writes.busy:
            return
        signature = self.store.signature()
        if signature != self._signature:
            self._signature = signature
            self.writes.reload(self.workshop_id)

    async def settle(self) -> None:
        """Wait until every pending edit is saved and shown (used on quit and by tests)."""
        for _ in range(20):  # a save can start a redraw that starts another worker
            self.writes.flush()
            await self.workers.wait_for_complete()
            await asyncio.sleep(0)
            if not self.writes.busy:
                break
        await self.workers.wait_for_complete()

    # --- app-wide actions -----------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Quit after everything typed is on disk; ask first if typed text was never added."""
        if self._quitting:
            return
        unsent = self._unsent_text()
        if unsent:
            from .modals import ConfirmScreen

            def answered(sure: bool | None) -> None:
                if sure:
                    self.call_later(self._save_and_exit)  # on the app's loop: it waits on workers

            preview = "\n".join(f"  {shorten(visible(text), 60)}" for text in unsent[:5])
            self.push_screen(
                ConfirmScreen(
                    "Quit without adding what was typed?",
                    f"This was typed but not added yet (Enter adds it):\n{preview}",
                    yes="Quit anyway",
                ),
                answered,
            )
            return
        await self._save_and_exit()

    def _unsent_text(self) -> list[str]:
        """Text typed into the "add ..." boxes of the open workshop's steps but never added."""
        from .step import StepScreen

        texts: list[str] = []
        for stage in Stage:
            if self.workshop_id is not None and self.is_screen_installed(stage.value):
                screen = self.get_screen(stage.value)
                if isinstance(screen, StepScreen):
                    texts += screen.unsent_text()
        return texts

    async def _save_and_exit(self) -> None:
        self._quitting = True
        for worker in list(self.workers):  # an open dialog waits in a worker: close it
            if worker.group != "store":
                worker.cancel()
        leave = getattr(self.screen, "record_time", None)
        if callable(leave):
            leave()
        await self.settle()
        self.exit()

    def action_toggle_light(self) -> None:
        self.theme = LIGHT_THEME if self.theme != LIGHT_THEME else DARK_THEME
        self.prefs.theme = self.theme
        if self.prefs_path:
            save_prefs(self.prefs_path, self.prefs)
        self.notify(
            "Light theme on: easier to read on a projector."
            if self.theme == LIGHT_THEME
            else "Dark theme on.",
            timeout=3,
        )

    def action_help(self) -> None:
        from .help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen.for_screen(self.screen))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """The command palette: jump to any step and run any workshop action."""
        from .commands import workshop_commands

        yield from workshop_commands(self, screen)
        for command in super().get_system_commands(screen):
            if command.title not in ("Theme", "Quit the application"):
                yield command


def make_app(
    store: Store,
    workshop_id: str | None = None,
    *,
    step: Stage | None = None,
    prefs_path: Path | None = None,
    clock: Callable[[], float] = time.monotonic,
    poll_seconds: float = POLL_SECONDS,
    cursor_blink: bool = True,
) -> OkrApp:
    """The one way to build the app: the CLI, the tests and the snapshots all come here."""
    return OkrApp(
        store,
        workshop_id,
        step=step,
        prefs_path=prefs_path,
        clock=clock,
        poll_seconds=poll_seconds,
        cursor_blink=cursor_blink,
    )
