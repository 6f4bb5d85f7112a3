"""What the facilitator's app and a participant's app share: one source of workshops, one open
workshop, ordered background saves, noticing other writers, a safe quit, theme and help.

Screens read ``app.workshop`` and ask for changes with ``app.change(action, ...)``; refusals
come back from the core as sentences and are shown as they are.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from textual.app import App
from textual.reactive import reactive
from textual.worker import Worker

from okrworkshop.model import Workshop
from okrworkshop.prefs import DARK_THEME, LIGHT_THEME, Prefs, load_prefs, save_prefs
from okrworkshop.store import FileSignature, WorkshopSource
from okrworkshop.text import shorten, visible

from .writes import Change, Outcome, WriteQueue

POLL_SECONDS = 1.0


class WorkshopApp(App[None]):
    """An app on one workshop source; subclasses add their screens."""

    workshop: reactive[Workshop | None] = reactive(None, always_update=True, init=False)

    def __init__(
        self,
        store: WorkshopSource,
        workshop_id: str | None = None,
        *,
        prefs_path: Path | None = None,
        clock: Callable[[], float] = time.monotonic,
        poll_seconds: float = POLL_SECONDS,
        cursor_blink: bool = True,
    ) -> None:
        super().__init__()
        self.cursor_blink = cursor_blink
        self.store = store
        self.workshop_id = workshop_id
        self.clock = clock
        self.prefs_path = prefs_path
        self.prefs = load_prefs(prefs_path) if prefs_path else Prefs()
        self.writes = WriteQueue(self, store, self._loaded)
        self._poll_seconds = poll_seconds
        self._signature: FileSignature | None = None
        self._quitting = False

    def start_watching(self) -> None:
        """Apply the remembered theme and start noticing other processes' changes."""
        self.theme = self.prefs.theme
        self.set_interval(self._poll_seconds, self._poll, name="poll")

    def show_workshop(self, workshop: Workshop) -> None:
        """Make ``workshop`` the open one, as just read from the source."""
        self.workshop_id = workshop.id
        self._signature = self.store.signature()
        self.workshop = workshop

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
        unsent = self.unsent_text()
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

    def unsent_text(self) -> list[str]:
        """Text typed into "add ..." boxes but never added (asked about on quit)."""
        return []

    @property
    def quitting(self) -> bool:
        """Whether the person chose to quit (rather than the app being closed under them)."""
        return self._quitting

    def before_exit(self) -> None:
        """Last bookkeeping before the final save (the facilitator's app records step time)."""

    async def _save_and_exit(self) -> None:
        self._quitting = True
        for worker in list(self.workers):  # an open dialog waits in a worker: close it
            if worker.group != "store":
                worker.cancel()
        self.before_exit()
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
