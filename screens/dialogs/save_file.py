"""Saving a markdown document (the OKR, the pre-read) to a file the facilitator picks.

One conversation for every document: suggest a path in the current folder, check it off the UI
thread, ask before replacing a file that is there, write atomically. It must run in a worker
(it waits on dialogs); the caller says what happened on its own screen, and every problem comes
back as a sentence from ``okrworkshop.files``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, TypeVar

from textual.app import App

from okrworkshop.files import resolve_path, target_problem, write_file
from screens.dialogs.modals import ConfirmScreen, TextPrompt

T = TypeVar("T")


@dataclass
class Saved:
    """How a save ended: written to ``path``, kept the file that was there, or ``problem``."""

    path: Path
    written: bool = False
    problem: str | None = None

    @property
    def kept_existing(self) -> bool:
        return not self.written and self.problem is None


async def _in_thread(app: App[Any], job: Callable[[], T]) -> T:
    """Run file-system work off the UI thread and wait for its answer."""
    worker = app.run_worker(
        job, thread=True, group="save-file", name="document file", exit_on_error=False
    )
    await worker.wait()
    return worker.result  # type: ignore[return-value]


async def save_markdown(
    app: App[Any], *, title: str, what: str, name: str, text: Callable[[], str]
) -> Saved | None:
    """Ask where to save ``text()`` (suggesting ``name`` in the current folder) and save it.

    ``what`` names the document in the question before replacing a file ("this OKR"). Returns
    None when the person cancels the first question.
    """
    try:
        cwd = Path.cwd()
    except OSError:  # the folder the app was started in was deleted meanwhile
        cwd = Path.home()
    answer = await app.push_screen_wait(
        TextPrompt(
            title,
            f"The file to write. A relative path is under {cwd}; ~ is your home folder.",
            value=str(cwd / name),
            allow_empty=False,
        )
    )
    if answer is None:
        return None
    path = resolve_path(answer, cwd)
    problem, exists = await _in_thread(app, partial(target_problem, path, name))
    if problem:
        return Saved(path, problem=problem)
    if exists:
        replace = await app.push_screen_wait(
            ConfirmScreen(
                "Replace the file?",
                f"{path} already exists. Replace it with {what}?",
                yes="Replace",
            )
        )
        if not replace:
            return Saved(path)
    error = await _in_thread(app, partial(write_file, path, text()))
    return Saved(path, problem=error) if error else Saved(path, written=True)
