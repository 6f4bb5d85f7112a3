"""When the terminal goes away under an app (a window closed, an ssh connection dropped, tmux
killing its session) or the process is told to end: the app ends within a few seconds, saving
what was typed on the way out.

Two things used to keep a participant's app alive for good after a hang-up:

- Textual's writer thread dies on the first write to a terminal that hung up (``EIO``); the
  app's next writes fill its queue of 30 and the event loop blocks on the 31st, for good. A
  hang-up also sends ``SIGCONT``, on which Textual's Linux driver starts a second writer thread
  that meets the same end. So the terminal's output is wrapped: once a write fails, later
  writes are dropped, and the writer thread goes on emptying its queue; and a ``SIGCONT``
  that follows no suspend starts nothing.
- A signal handled through the event loop does nothing while the loop is blocked: the end is
  guaranteed by a watchdog thread that ends the process ``ENDING_GRACE`` seconds after the
  signal if the app has not ended by then. It is woken through a pipe, which is safe to write
  from a signal handler whatever the main thread was doing.

``Ending`` puts both in place before the app starts (``okrworkshop.cli.launch``), so a signal
that comes while Textual is still starting is not lost; the app hooks its save-and-exit in once
it is mounted, and runs it at once if the signal came before.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import sys
import threading
from collections.abc import Callable
from typing import IO, TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.driver import Driver

ENDING_GRACE = 4.0
"""Seconds an app has to save and end after a hang-up or SIGTERM, before it is ended for sure."""


class TerminalOutput:
    """The terminal as Textual's writer thread writes to it: a write or flush that fails (the
    terminal is gone) marks it gone, and every later one is dropped instead of raising."""

    def __init__(self, file: IO[str]) -> None:
        self._file = file
        self.gone = False

    def write(self, text: str) -> int:
        if not self.gone:
            try:
                self._file.write(text)
            except OSError:
                self.gone = True
        return len(text)

    def flush(self) -> None:
        if not self.gone:
            try:
                self._file.flush()
            except OSError:
                self.gone = True

    def fileno(self) -> int:
        return self._file.fileno()

    def isatty(self) -> bool:
        return True

    def __getattr__(self, name: str) -> Any:
        return getattr(self._file, name)


class Watchdog:
    """Ends the process ``grace`` seconds after ``start`` unless it ended by itself first.

    ``start`` may be called from a signal handler: it only writes a byte to a pipe, which the
    watchdog's own (daemon) thread waits on; the thread is started up front for that reason.
    """

    def __init__(self, grace: float = ENDING_GRACE) -> None:
        self.grace = grace
        self._read, self._write = os.pipe()
        self._code = 1
        threading.Thread(target=self._wait, name="closing watchdog", daemon=True).start()

    def start(self, code: int) -> None:
        """The process must end: with ``code`` if the watchdog has to end it."""
        self._code = code
        with contextlib.suppress(OSError):  # the pipe is full (woken already), or closed
            os.write(self._write, b"!")

    def _wait(self) -> None:
        try:
            os.read(self._read, 1)
        except OSError:
            return
        threading.Event().wait(self.grace)
        os._exit(self._code)


class Ending:
    """A hang-up (SIGHUP) or SIGTERM ends the process, from the moment this is made: the app
    saves and exits if it can (``then``), and the watchdog ends the process ``grace`` seconds
    after the signal whatever happens. Make it before the app runs, in the main thread.

    An inherited "ignore SIGHUP" (``nohup``) is overridden: a full-screen app on a terminal
    that is gone can do nothing but end."""

    def __init__(self, grace: float = ENDING_GRACE) -> None:
        self._watchdog = Watchdog(grace)
        self.signalled = False
        """Whether the signal came (the watchdog is then counting)."""
        self._loop: asyncio.AbstractEventLoop | None = None
        self._end: Callable[[], None] | None = None
        self.arm()

    def arm(self) -> None:
        """Put the handlers in place (again when the app hooks in: the browser's driver puts
        its own for SIGTERM when it starts)."""
        for name in ("SIGTERM", "SIGHUP"):
            number = getattr(signal, name, None)  # Windows has no SIGHUP
            if number is not None:
                with contextlib.suppress(ValueError, OSError):  # not the main thread
                    signal.signal(number, self._signalled)

    def then(self, end: Callable[[], None]) -> None:
        """On the app's loop, once the app can save and exit: ``end`` runs there on the signal,
        or now if it came already. ``end`` may be called twice."""
        self.arm()
        self._loop = asyncio.get_running_loop()
        self._end = end
        if self.signalled:
            end()

    def _signalled(self, signum: int, _frame: object) -> None:
        # A plain signal handler, not the loop's: it runs even while the loop is stuck.
        self.signalled = True
        self._watchdog.start(128 + signum)
        loop, end = self._loop, self._end
        if loop is not None and end is not None:
            with contextlib.suppress(RuntimeError):  # the loop is closed: the watchdog ends it
                loop.call_soon_threadsafe(end)


def hangup_safe(driver_class: type[Driver]) -> type[Driver]:
    """``driver_class``, or when it is Textual's Linux driver (a real terminal on Linux or
    macOS), the same driver writing through ``TerminalOutput``."""
    if sys.platform == "win32":
        return driver_class
    from textual.drivers.linux_driver import LinuxDriver

    if driver_class is not LinuxDriver:
        return driver_class  # the browser's, a headless test's, or one named in TEXTUAL_DRIVER

    class HangupSafeDriver(LinuxDriver):
        suspended = False

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._file = TerminalOutput(self._file)  # type: ignore[arg-type,assignment]

        def suspend_application_mode(self) -> None:
            self.suspended = True
            super().suspend_application_mode()

        def resume_application_mode(self) -> None:
            # Only after a suspend: a hang-up sends SIGCONT too, on which Textual would start a
            # second reader and writer on a terminal that is going away.
            if self.suspended:
                self.suspended = False
                super().resume_application_mode()

    return HangupSafeDriver
