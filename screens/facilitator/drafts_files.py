"""Drafts files from the shared screen: write one for a participant, merge one sent back.

The same core as ``okrworkshop invite`` and ``okrworkshop import``; these run from the command
palette in a worker (they wait on dialogs), do their file work off the UI thread, and say what
happened in a notification.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from textual.worker import WorkerFailed

from okrworkshop.drafts_file import default_invite_name, invite, write_invitation
from okrworkshop.importer import (
    ImportRefused,
    MergeReport,
    drafts_from_document,
    import_drafts,
    read_document,
)
from okrworkshop.rules import RuleError
from okrworkshop.store import StoreError
from okrworkshop.text import visible
from screens.dialogs.modals import TextPrompt
from screens.writes import failure_sentence

if TYPE_CHECKING:
    from screens.facilitator.app import OkrApp

T = TypeVar("T")


async def _off_the_ui(app: OkrApp, job: Callable[[], T]) -> tuple[T | None, str | None]:
    """Run ``job`` in a thread: (its result, None), or (None, the sentence refusing it)."""
    worker = app.run_worker(job, thread=True, group="drafts-file-io", exit_on_error=False)
    try:
        return await worker.wait(), None
    except WorkerFailed as failed:
        if isinstance(failed.error, ImportRefused | RuleError | StoreError):
            return None, str(failed.error)
        if isinstance(failed.error, OSError):  # a full disk or a read-only file: say so
            return None, failure_sentence(failed.error, app.store.path)
        raise


def _where(answer: str) -> Path:
    return Path(answer.strip()).expanduser()


async def write_drafts_file(app: OkrApp) -> None:
    """Ask who it is for and where, then write their drafts file."""
    ws = app.workshop
    if ws is None:
        return
    name = await app.push_screen_wait(
        TextPrompt(
            "Write a drafts file",
            "Who is it for? They fill it in on their own machine with okrworkshop join --file, "
            "and send it back for the palette's Import a drafts file.",
            placeholder="A participant's name",
            allow_empty=False,
        )
    )
    if name is None:
        return
    answer = await app.push_screen_wait(
        TextPrompt(
            "Write a drafts file",
            "Save it as (an existing file is never replaced):",
            value=default_invite_name(" ".join(name.split()) or "participant"),
            allow_empty=False,
        )
    )
    if answer is None:
        return
    path = _where(answer)

    def job() -> str:
        if path.exists():
            raise RuleError(f"{path} already exists and may hold drafts; choose another name.")
        document = app.store.update(ws.id, lambda w: invite(w, name))
        write_invitation(path, document)
        return str(document["participant"])

    person, refused = await _off_the_ui(app, job)
    if refused is not None:
        app.notify(visible(refused), title="Not written", severity="warning", markup=False)
        return
    app.writes.reload(ws.id)
    app.notify(
        visible(
            f"Wrote {path.resolve()} for {person}. They open it with: okrworkshop join --file "
            f"{path.name}"
        ),
        title="Drafts file written",
        timeout=15,
        markup=False,
    )


async def import_drafts_file(app: OkrApp) -> None:
    """Ask for a drafts file that came back and merge it into the open workshop."""
    ws = app.workshop
    if ws is None:
        return
    answer = await app.push_screen_wait(
        TextPrompt(
            "Import a drafts file",
            "The file a participant sent back. Their drafts are added under their name; "
            "importing the same file again adds nothing twice.",
            placeholder="e.g. ben.okr.json",
            allow_empty=False,
        )
    )
    if answer is None:
        return
    path = _where(answer)

    def job() -> tuple[str, MergeReport]:
        drafts = drafts_from_document(read_document(path), path)
        return drafts.participant, import_drafts(app.store, ws.id, drafts)

    outcome, refused = await _off_the_ui(app, job)
    if outcome is None:
        app.notify(visible(refused or ""), title="Not imported", severity="warning", markup=False)
        return
    person, report = outcome
    app.writes.reload(ws.id)
    added = len(report.added_objectives) + len(report.added_key_results)
    left = f", {len(report.not_updated)} not updated" if report.not_updated else ""
    lines = "".join(f"\n{line}" for line in [*report.notes, *report.not_updated])
    app.notify(
        visible(
            f"{report.author or person}: {added} added, {len(report.updated)} updated, "
            f"{report.already_there} already there{left}.{lines}",
            keep_newlines=True,
        ),
        title="Drafts imported",
        timeout=10,
        markup=False,
    )
