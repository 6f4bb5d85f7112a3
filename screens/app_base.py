"""What the facilitator's app and a participant's app share: one source of workshops, one open
workshop, ordered background saves, noticing other writers, a safe quit, theme and help.

Screens read ``app.workshop`` and ask for changes with ``app.change(action, ...)``; refusals
come back from the core as sentences and are shown as they are.
"""

from __future__ import annotations

import asyncio
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.worker import Worker

from okrworkshop.model import Workshop
from okrworkshop.prefs import DARK_THEME, LIGHT_THEME, Prefs, load_prefs, save_prefs
from okrworkshop.store import FileSignature, WorkshopSource
from okrworkshop.text import shorten, visible
from screens.key_order import InOrderKeys
from screens.keys_shown import is_text_box, leave_box
from screens.writes import RETRY_SECONDS, Change, Outcome, WriteQueue

if TYPE_CHECKING:
    from textual.driver import Driver

    from screens.closing import Ending

POLL_SECONDS = 1.0
FAILURE_NOTE_SECONDS = 10.0
"""How long a failed save's notification stays; the same one is not repeated meanwhile."""

A = TypeVar("A")
V = TypeVar("V")


def kept_on_screen() -> str:
    return (
        "Nothing you typed is lost: it stays on screen, and the same key saves it once that "
        "is fixed."
    )


def kept_and_retried(seconds: float) -> str:
    return (
        "Nothing you typed is lost: your edit stays on screen and is saved again every "
        f"{seconds:g} seconds, and at once when any save works."
    )


def quit_question(unsent: list[str], unsaved: list[str], trouble: str | None) -> tuple[str, str]:
    """The title and text of the question asked before quitting would drop words."""

    def listed(texts: list[str]) -> str:
        more = f"\n  … and {len(texts) - 5} more" if len(texts) > 5 else ""
        return "\n".join(f"  {shorten(visible(t), 60) or '(emptied)'}" for t in texts[:5]) + more

    parts = []
    if unsaved:
        why = f"{trouble}\n" if trouble else ""
        parts.append(f"{why}These edits are not saved yet (they are retried):\n{listed(unsaved)}")
    if unsent:
        parts.append(f"This was typed but not added yet (Enter adds it):\n{listed(unsent)}")
    title = "Quit without saving?" if unsaved else "Quit without adding what was typed?"
    return title, "\n\n".join(parts)


@dataclass(frozen=True)
class AppOptions:
    """How an app runs, beyond which workshop it shows: the CLI, the browser and the tests hand
    one of these to either app's factory."""

    prefs_path: Path | None = None
    """Where the theme is remembered (``None``: nowhere, as in tests)."""
    clock: Callable[[], float] = time.monotonic
    """Time for the step clock (tests pass a clock they move by hand)."""
    poll_seconds: float = POLL_SECONDS
    """How often the file is checked for other writers' changes."""
    retry_seconds: float = RETRY_SECONDS
    """How often edits that could not be saved are tried again."""
    cursor_blink: bool = True
    """Off in snapshots, so two screenshots of one screen are the same."""
    today: Callable[[], date] = date.today
    """The calendar day progress is reported as of (tests and snapshots pass a fixed one)."""
    ending: Ending | None = None
    """How a hang-up or SIGTERM ends the app, armed before it runs (``None``: not at all, as
    under Pilot)."""


class WorkshopApp(InOrderKeys, App[None]):
    """An app on one workshop source; subclasses add their screens. Keys reach whatever has
    focus when each is handled, however fast they come (see ``InOrderKeys``)."""

    workshop: reactive[Workshop | None] = reactive(None, always_update=True, init=False)

    BINDINGS: ClassVar[list[BindingType]] = [
        # last in the chain: a screen or dialog with its own Esc (close, cancel) keeps it
        Binding("escape", "leave_box", "Leave the box", show=False),
    ]

    def __init__(
        self,
        store: WorkshopSource,
        workshop_id: str | None = None,
        options: AppOptions | None = None,
    ) -> None:
        super().__init__()
        self.options = options = options or AppOptions()
        self.cursor_blink = options.cursor_blink
        self.store = store
        self.workshop_id = workshop_id
        self.clock = options.clock
        self.prefs_path = options.prefs_path
        self.prefs = load_prefs(options.prefs_path) if options.prefs_path else Prefs()
        self.writes = WriteQueue(self, store, self._loaded, retry_seconds=options.retry_seconds)
        self._poll_seconds = options.poll_seconds
        self._retry_seconds = options.retry_seconds
        self._signature: FileSignature | None = None
        self._quitting = False
        self.save_trouble: str | None = None
        """Why the last save failed, while saving fails (None once a save works again)."""
        self._told: tuple[str, float] | None = None
        self._ending: asyncio.Task[None] | None = None

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver for this terminal, made to survive the terminal hanging up (see
        ``screens.closing``)."""
        from screens.closing import hangup_safe

        return hangup_safe(super().get_driver_class())

    def end_when_closed(self) -> None:
        """A terminal closed under the app (SIGHUP) or the process told to end (SIGTERM, as
        when ``serve`` stops): save what waits, then exit the ordinary way, so that screens
        keep what was typed but not added. Call it in ``on_mount``. The signals are caught
        from before the app started by the ``Ending`` in its options, which also ends the
        process for sure within a few seconds (see ``screens.closing``); without one (under
        Pilot) the test process's own signals are left alone."""
        if self.options.ending is not None:
            self.options.ending.then(self._closed_under)

    def _closed_under(self) -> None:
        if self._ending is None:
            self._ending = asyncio.ensure_future(self._save_and_end())

    async def _save_and_end(self) -> None:
        await self._save_what_waits()
        self.exit()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leave_box":
            return is_text_box(self.focused)
        return super().check_action(action, parameters)

    def action_leave_box(self) -> None:
        """Esc in a text box: the focus goes back to the screen's list (see ``leave_box``)."""
        leave_box(self.screen)

    def holds(self, field_key: str) -> bool:
        """Whether a field's text on screen must stay (see ``WriteQueue.holds``)."""
        return self.writes.holds(field_key)

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

    def change(self, action: Callable[..., V], *args: Any, **kwargs: Any) -> Worker[Outcome[V]]:
        """Apply a core action to the open workshop in the background; refusals are notified."""
        assert self.workshop_id is not None
        return self.writes.change(self.workshop_id, lambda ws: action(ws, *args, **kwargs))

    def record(self, action: Callable[..., Any], *args: Any) -> Worker[Outcome[Any]]:
        """Save bookkeeping nobody typed (time spent on a step, the step the room is at): like
        ``change``, but a failed save is not announced (every save the person asked for says
        it anyway)."""
        assert self.workshop_id is not None
        return self.writes.change(self.workshop_id, lambda ws: action(ws, *args), quiet=True)

    def edit_later(self, key: str, change: Change, text: str = "") -> None:
        """Save a field's newest value (``text``, its words) after a pause in typing."""
        if self.workshop_id is not None:
            self.writes.edit_later(key, self.workshop_id, change, text)

    def ask_and_save(
        self,
        ask: Callable[[A | None, str | None, Callable[[A | None], None]], None],
        save: Callable[[A], Worker[Outcome[Any]] | None],
        then: Callable[[Outcome[Any] | None], None] | None = None,
    ) -> None:
        """Ask in a dialog, then save the answer. If the save fails (the disk, not a refusal),
        ask again holding the answer and saying why, so what was typed in a dialog is never
        lost; Esc drops it on purpose.

        ``ask(previous answer, problem, reply)`` pushes the dialog with ``reply`` as its
        callback; ``then`` gets the outcome (None when nothing was saved). Callbacks, not
        ``push_screen_wait``: a worker waiting on an open dialog would keep ``settle`` waiting.
        """

        def answered(answer: A | None) -> None:
            worker = save(answer) if answer is not None else None
            if worker is None or answer is None:
                if then is not None:
                    then(None)
                return
            self.run_worker(saved(worker, answer), group="dialog save")

        async def saved(worker: Worker[Outcome[Any]], answer: A) -> None:
            outcome = await worker.wait()
            if outcome.failed:
                ask(answer, outcome.error or "", answered)
            elif then is not None:
                then(outcome)

        ask(None, None, answered)

    def _loaded(self, outcome: Outcome[Any]) -> None:
        if outcome.failed:
            self.save_trouble = outcome.error
            if not outcome.quiet:
                self.tell_failure(outcome.error or "", kept=outcome.kept)
        elif outcome.error:
            self.notify(outcome.error, title="Not saved", severity="warning", markup=False)
        if outcome.wrote and self.save_trouble is not None:
            self.save_trouble = None
            self._told = None
            self.notify(
                "Saving works again"
                + (
                    ": the edits kept meanwhile are being saved now."
                    if self.writes.unsaved() or self.writes.busy
                    else "."
                ),
                title="Saved",
                markup=False,
            )
        if outcome.workshop is not None and outcome.workshop.id == self.workshop_id:
            self._signature = outcome.signature
            self.workshop = outcome.workshop

    def tell_failure(self, problem: str, *, kept: bool = False) -> None:
        """Say why a save failed and what became of the words (``kept``: a field edit kept to
        be retried); the same sentence is not repeated while it is still on screen (typing on a
        full disk fails at every pause)."""
        tail = kept_and_retried(self._retry_seconds) if kept else kept_on_screen()
        message = f"{problem}\n{tail}"
        now = time.monotonic()  # real time: the workshop's clock may be a test's frozen one
        told = self._told
        if told is not None and told[0] == message and now - told[1] < FAILURE_NOTE_SECONDS:
            return
        self._told = (message, now)
        self.notify(
            message, title="Not saved", severity="error", timeout=FAILURE_NOTE_SECONDS, markup=False
        )

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
        """Wait until every pending edit is saved (or has failed) and shown, trying kept edits
        once more first (used on quit and by tests). Keys typed ahead are handed over first:
        an edit they make is one of those pending."""
        for _ in range(500):  # each key waits for its marker; a lost one is released on idle
            if not self.keys_waiting:
                break
            await asyncio.sleep(0.01)
        self.writes.retry()
        for _ in range(20):  # a save can start a redraw that starts another worker
            self.writes.flush()
            await self.workers.wait_for_complete()
            await asyncio.sleep(0)
            if not self.writes.busy:
                break
        await self.workers.wait_for_complete()

    async def _save_what_waits(self) -> None:
        """Like ``settle`` but waits on the store's jobs only: a dialog may be open in another
        worker, and it would never finish while we wait."""
        self.writes.retry()
        for _ in range(20):
            self.writes.flush()
            jobs = [w for w in self.workers if w.group == "store"]
            if jobs:  # an empty list would mean every worker, dialogs included
                await self.workers.wait_for_complete(jobs)
            await asyncio.sleep(0)
            if not self.writes.busy:
                break

    # --- app-wide actions -----------------------------------------------------------------------

    async def action_quit(self) -> None:
        """Quit after everything typed is on disk; ask first if typed text was never added."""
        if self._quitting:
            return
        if self.writes.busy or self.writes.unsaved():
            await self._save_what_waits()
        unsent, unsaved = self.unsent_text(), self.writes.unsaved()
        if unsent or unsaved:
            from screens.dialogs.modals import ConfirmScreen

            def answered(sure: bool | None) -> None:
                if sure:
                    self.call_later(self._save_and_exit)  # on the app's loop: it waits on workers

            title, question = quit_question(unsent, unsaved, self.save_trouble)
            self.push_screen(ConfirmScreen(title, question, yes="Quit anyway"), answered)
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

    # --- screenshots (the palette's "Screenshot") -----------------------------------------------

    def screenshot_folder(self) -> Path:
        """Where a screenshot goes: the folder the app was started in if it can be written,
        else the folder of the workshop file (Textual's default, the Downloads folder, often
        does not exist on a server or in a container)."""
        try:
            here: Path | None = Path.cwd()
        except OSError:  # the folder was deleted since
            here = None
        if here is not None and os.access(here, os.W_OK):
            return here
        data = getattr(self.store, "path", None)
        return Path(data).parent if data is not None else Path.home()

    def deliver_screenshot(
        self,
        filename: str | None = None,
        path: str | None = None,
        time_format: str | None = None,
    ) -> str | None:
        """Save an SVG of the screen in a folder that exists and say where, in plain words."""
        if self.is_web:  # the browser downloads it
            return super().deliver_screenshot(filename, path, time_format)
        folder = Path(path) if path else self.screenshot_folder()
        try:
            saved = self.save_screenshot(filename, str(folder), time_format)
        except OSError as exc:
            self.notify(
                f"The screenshot could not be saved in {folder}: {exc.strerror or exc}.",
                title="Screenshot",
                severity="error",
                markup=False,
            )
            return None
        self.notify(f"Saved a screenshot to {saved}", title="Screenshot", markup=False)
        return None

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
        from screens.dialogs.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        self.push_screen(HelpScreen.for_screen(self.screen))
