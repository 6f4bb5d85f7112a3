"""Changes to the store, made off the UI thread, one at a time, in the order they were asked.

Typing never waits on the disk: a keystroke only records the newest value of a field; a short
debounce later (or when the field loses focus, or on quit) the change is queued. Each queued
change runs in a Textual thread worker, but only after the previous one has finished, so two
edits to the same field can never land in the wrong order. After every change the workshop is
re-read, so what the screen shows is what the file holds, including other people's changes.

A save can fail for reasons nobody at the keyboard caused (a full disk, a read-only file,
another program holding the lock). Such a failure is never an error of the app: the job comes
back with ``failed`` set and a sentence saying why, and nothing typed is dropped. A field's edit
is kept and tried again every few seconds (and at once after any save that works, or on the
field's next edit); a one-off change (an added draft, a vote, a review) is not repeated behind
the person's back: the screen that asked keeps its text so the same Enter saves it later.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from textual.timer import Timer
from textual.worker import Worker

from okrworkshop.model import Workshop
from okrworkshop.rules import RuleError
from okrworkshop.store import (
    FileSignature,
    NotFound,
    StoreError,
    WorkshopSource,
    describe_write_error,
)

if TYPE_CHECKING:
    from textual.app import App

DEBOUNCE_SECONDS = 0.5
RETRY_SECONDS = 5.0
"""How often edits kept after a failed save are tried again."""

Change = Callable[[Workshop], Any]


def failure_sentence(exc: BaseException, path: object) -> str:
    """Why a save failed, in one plain sentence naming the database.

    The core already says it for the failures it knows (``StoreError``); a raw ``OSError`` (or
    anything unexpected) still gets a sentence, naming the database rather than a temporary
    file the core may have been writing.
    """
    if isinstance(exc, StoreError):
        return str(exc)
    where = path if path is not None else getattr(exc, "filename", None) or "the database"
    if isinstance(exc, OSError):
        return describe_write_error(exc, Path(str(where)))
    return f"Could not save {where}: something unexpected went wrong ({type(exc).__name__})."


V = TypeVar("V")


@dataclass
class Outcome(Generic[V]):
    """What a queued job came back with: the change's value, or the sentence saying why it was
    refused (the core said no) or why the save failed (``failed``: nothing was written, try
    again). ``value`` is typed by the change, so callers need no casts."""

    value: V | None = None
    error: str | None = None
    workshop: Workshop | None = None
    signature: FileSignature | None = None
    failed: bool = False
    wrote: bool = False
    """A change was asked for and is now in the file."""
    kept: bool = False
    """A field's edit whose save failed and is kept to be tried again."""
    quiet: bool = False
    """A failure is not announced: a retry of kept edits (told already) or bookkeeping
    nobody typed (time on a step, the step the room is at)."""

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class _Edit:
    """A field's newest value waiting to be saved: what to apply and the words it holds."""

    workshop_id: str
    change: Change
    text: str


class WriteQueue:
    """The app's single line to the store: ordered background jobs plus debounced field edits."""

    def __init__(
        self,
        app: App[Any],
        store: WorkshopSource,
        on_loaded: Callable[[Outcome[Any]], None],
        *,
        retry_seconds: float = RETRY_SECONDS,
    ) -> None:
        self._app = app
        self._store = store
        self._on_loaded = on_loaded
        self._retry_seconds = retry_seconds
        self._tail: threading.Event | None = None
        self._pending: dict[str, _Edit] = {}
        self._kept: dict[str, _Edit] = {}
        self._saving: Counter[str] = Counter()
        self._timer: Timer | None = None
        self._retry_timer: Timer | None = None
        self.in_flight = 0
        self.refused: set[str] = set()
        """Fields whose last edit the core refused: their text stays until edited again."""

    # --- ordered jobs -----------------------------------------------------------------------

    def _enqueue(self, job: Callable[[], Outcome[Any]]) -> Worker[Outcome[Any]]:
        previous, done = self._tail, threading.Event()
        self._tail = done
        self.in_flight += 1

        def run() -> Outcome[Any]:
            if previous is not None:
                previous.wait()
            try:
                return job()
            finally:
                done.set()

        worker: Worker[Outcome[Any]] = self._app.run_worker(
            run, thread=True, group="store", exit_on_error=False, name="store job"
        )
        return worker

    def _apply(self, workshop_id: str, change: Change | None) -> Outcome[Any]:
        """Apply ``change`` (if any), then re-read the workshop. Never raises: a refusal or a
        failed save comes back as a sentence."""
        outcome: Outcome[Any] = Outcome()
        path = getattr(self._store, "path", None)
        try:
            if change is not None:
                outcome.value = self._store.update(workshop_id, change)
                outcome.wrote = True
        except (RuleError, NotFound) as exc:
            outcome.error = str(exc)
        except Exception as exc:  # StoreError, OSError, or a surprise: the save did not happen
            outcome.error = failure_sentence(exc, path)
            outcome.failed = True
        try:
            outcome.signature = self._store.signature()
            outcome.workshop = self._store.get(workshop_id)
        except Exception as exc:
            outcome.error = outcome.error or failure_sentence(exc, path)
        return outcome

    def _run(
        self,
        workshop_id: str,
        change: Change | None,
        field: tuple[str, _Edit] | None = None,
        *,
        quiet: bool = False,
    ) -> Outcome[Any]:
        """In a worker thread: apply the change, then hand the outcome to the UI thread."""
        outcome = self._apply(workshop_id, change)
        outcome.quiet = quiet
        self._app.call_from_thread(self._finished, outcome, field)
        return outcome

    def _finished(self, outcome: Outcome[Any], field: tuple[str, _Edit] | None = None) -> None:
        """Back on the UI thread: keep a failed field edit, then hand the workshop to the app."""
        self.in_flight -= 1
        if field is not None:
            key, edit = field
            self._saving[key] -= 1
            if self._saving[key] <= 0:
                del self._saving[key]
            if outcome.failed:
                if key not in self._pending:  # else a newer edit of this field is on its way
                    self._kept[key] = edit
                    outcome.kept = True
            else:
                # Jobs end in the order they were queued: a kept edit of this field is older.
                self._kept.pop(key, None)
                if not outcome.ok and not outcome.wrote:
                    self.refused.add(key)  # keep the field's text on screen: it was not saved
        if outcome.failed:
            self._start_retrying()
        elif outcome.wrote and self._kept:
            self.retry()  # saving works again: the kept edits go at once
        self._on_loaded(outcome)

    def change(
        self, workshop_id: str, change: Callable[[Workshop], V], *, quiet: bool = False
    ) -> Worker[Outcome[V]]:
        """Queue one change now (after any pending field edits, so order is kept)."""
        self.flush()
        return self._enqueue(lambda: self._run(workshop_id, change, quiet=quiet))

    def reload(self, workshop_id: str) -> Worker[Outcome[Any]]:
        """Queue a re-read (another process changed the file)."""
        return self._enqueue(lambda: self._run(workshop_id, None))

    def write_now(self, workshop_id: str, change: Change) -> Outcome[Any]:
        """Apply ``change`` in the calling thread, for the moment the app is closing and no
        worker can report back any more. Never raises. It does not wait for queued jobs: each
        hands its outcome back to the UI thread, which is this one, so waiting could only
        stall; the store's lock keeps a save still running and this one apart."""
        return self._apply(workshop_id, change)

    # --- debounced field edits ----------------------------------------------------------------

    def edit_later(self, key: str, workshop_id: str, change: Change, text: str = "") -> None:
        """Remember the newest edit of one field; it is saved after a pause in typing."""
        self._pending[key] = _Edit(workshop_id, change, text)
        self._kept.pop(key, None)  # the newer edit replaces the one that could not be saved
        self.refused.discard(key)
        if self._timer is None:
            self._timer = self._app.set_timer(DEBOUNCE_SECONDS, self.flush, name="debounce")
        else:
            self._timer.reset()

    def discard(self, key: str) -> None:
        """Drop a field's unsaved edit (its newest value is not worth saving, e.g. half a date)."""
        self._pending.pop(key, None)
        self._kept.pop(key, None)

    def has_pending(self, key: str | None = None) -> bool:
        return bool(self._pending) if key is None else key in self._pending

    def holds(self, key: str) -> bool:
        """Whether a field's on-screen text must not be replaced by the stored value: it is
        waiting to be saved, being saved, kept after a failed save, or the core refused it."""
        return (
            key in self._pending or key in self._saving or key in self._kept or key in self.refused
        )

    def flush(self, key: str | None = None) -> None:
        """Queue pending field edits now: all of them, or just one field's."""
        keys = list(self._pending) if key is None else [key] if key in self._pending else []
        for name in keys:
            self._queue_edit(name, self._pending.pop(name))
        if not self._pending and self._timer is not None:
            self._timer.stop()
            self._timer = None

    def _queue_edit(self, key: str, edit: _Edit, *, quiet: bool = False) -> None:
        self._saving[key] += 1
        self._enqueue(lambda: self._run(edit.workshop_id, edit.change, (key, edit), quiet=quiet))

    # --- edits kept after a failed save -------------------------------------------------------

    def unsaved(self) -> list[str]:
        """The words of every field edit that could not be saved yet (asked about on quit)."""
        return [edit.text for edit in self._kept.values()]

    def retry(self) -> None:
        """Queue every kept edit again (the retry timer, any working save, and quit call this)."""
        kept, self._kept = self._kept, {}
        for key, edit in kept.items():
            self._queue_edit(key, edit, quiet=True)

    def _start_retrying(self) -> None:
        if self._kept and self._retry_timer is None:
            self._retry_timer = self._app.set_interval(
                self._retry_seconds, self._retry_tick, name="retry saves"
            )

    def _retry_tick(self) -> None:
        if not self._kept:
            if self._retry_timer is not None:
                self._retry_timer.stop()
                self._retry_timer = None
            return
        if not self._saving:  # the last retry has come back
            self.retry()

    @property
    def busy(self) -> bool:
        """Something is being saved or waits for the debounce (kept edits do not count: they
        wait for the disk, and the screen must still follow the file meanwhile)."""
        return self.in_flight > 0 or bool(self._pending)
