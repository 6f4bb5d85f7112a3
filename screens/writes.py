"""Changes to the store, made off the UI thread, one at a time, in the order they were asked.

Typing never waits on the disk: a keystroke only records the newest value of a field; a short
debounce later (or when the field loses focus, or on quit) the change is queued. Each queued
change runs in a Textual thread worker, but only after the previous one has finished, so two
edits to the same field can never land in the wrong order. After every change the workshop is
re-read, so what the screen shows is what the file holds, including other people's changes.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from textual.timer import Timer
from textual.worker import Worker

from okrworkshop.model import Workshop
from okrworkshop.rules import RuleError
from okrworkshop.store import FileSignature, StoreError, WorkshopSource

if TYPE_CHECKING:
    from textual.app import App

DEBOUNCE_SECONDS = 0.5

Change = Callable[[Workshop], Any]


@dataclass
class Outcome:
    """What a queued job came back with: a value, or the sentence saying why it was refused."""

    value: Any = None
    error: str | None = None
    workshop: Workshop | None = None
    signature: FileSignature | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


class WriteQueue:
    """The app's single line to the store: ordered background jobs plus debounced field edits."""

    def __init__(
        self,
        app: App[Any],
        store: WorkshopSource,
        on_loaded: Callable[[Outcome], None],
    ) -> None:
        self._app = app
        self._store = store
        self._on_loaded = on_loaded
        self._tail: threading.Event | None = None
        self._pending: dict[str, tuple[str, Change]] = {}
        self._timer: Timer | None = None
        self.in_flight = 0
        self.refused: set[str] = set()
        """Fields whose last edit the core refused: their text stays until edited again."""

    # --- ordered jobs -----------------------------------------------------------------------

    def _enqueue(self, job: Callable[[], Outcome]) -> Worker[Outcome]:
        previous, done = self._tail, threading.Event()
        self._tail = done
        self.in_flight += 1

        def run() -> Outcome:
            if previous is not None:
                previous.wait()
            try:
                return job()
            finally:
                done.set()

        worker: Worker[Outcome] = self._app.run_worker(
            run, thread=True, group="store", exit_on_error=False, name="store job"
        )
        return worker

    def _finished(self, outcome: Outcome) -> None:
        """Back on the UI thread: hand the fresh workshop to the app."""
        self.in_flight -= 1
        self._on_loaded(outcome)

    def _run(self, workshop_id: str, change: Change | None, key: str | None = None) -> Outcome:
        """In a worker thread: apply ``change`` (if any), then re-read the workshop."""
        outcome = Outcome()
        try:
            if change is not None:
                outcome.value = self._store.update(workshop_id, change)
        except (RuleError, StoreError) as exc:
            outcome.error = str(exc)
            if key is not None:
                self.refused.add(key)  # keep the field's text on screen: it was not saved
        try:
            outcome.signature = self._store.signature()
            outcome.workshop = self._store.get(workshop_id)
        except StoreError as exc:
            outcome.error = outcome.error or str(exc)
        self._app.call_from_thread(self._finished, outcome)
        return outcome

    def change(self, workshop_id: str, change: Change) -> Worker[Outcome]:
        """Queue one change now (after any pending field edits, so order is kept)."""
        self.flush()
        return self._enqueue(lambda: self._run(workshop_id, change))

    def reload(self, workshop_id: str) -> Worker[Outcome]:
        """Queue a re-read (another process changed the file)."""
        return self._enqueue(lambda: self._run(workshop_id, None))

    # --- debounced field edits ----------------------------------------------------------------

    def edit_later(self, key: str, workshop_id: str, change: Change) -> None:
        """Remember the newest edit of one field; it is saved after a pause in typing."""
        self._pending[key] = (workshop_id, change)
        self.refused.discard(key)
        if self._timer is None:
            self._timer = self._app.set_timer(DEBOUNCE_SECONDS, self.flush, name="debounce")
        else:
            self._timer.reset()

    def discard(self, key: str) -> None:
        """Drop a field's unsaved edit (its newest value is not worth saving, e.g. half a date)."""
        self._pending.pop(key, None)

    def has_pending(self, key: str | None = None) -> bool:
        return bool(self._pending) if key is None else key in self._pending

    def holds(self, key: str) -> bool:
        """Whether a field's on-screen text must not be replaced by the stored value: it is
        waiting to be saved, or the core refused it (the message said why)."""
        return key in self._pending or key in self.refused

    def flush(self, key: str | None = None) -> None:
        """Queue pending field edits now: all of them, or just one field's."""
        keys = list(self._pending) if key is None else [key] if key in self._pending else []
        for name in keys:
            workshop_id, change = self._pending.pop(name)
            self._enqueue(lambda w=workshop_id, c=change, k=name: self._run(w, c, k))
        if not self._pending and self._timer is not None:
            self._timer.stop()
            self._timer = None

    @property
    def busy(self) -> bool:
        return self.in_flight > 0 or bool(self._pending)
