"""The command palette's workshop entries: every step, and the actions of the workshop."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.screen import Screen

from okrworkshop import actions
from okrworkshop.files import PREREAD_SUFFIX, default_file_name
from okrworkshop.model import Stage, Status
from okrworkshop.preread import to_preread
from screens.dialogs.save_file import save_markdown
from screens.facilitator.after import go_after, start_next_cycle
from screens.facilitator.drafts_files import import_drafts_file, write_drafts_file

if TYPE_CHECKING:
    from screens.facilitator.app import OkrApp


def workshop_commands(app: OkrApp, screen: Screen[Any]) -> Iterator[SystemCommand]:
    ws = app.workshop
    if ws is not None:
        for number, stage in enumerate(Stage, start=1):
            yield SystemCommand(
                f"Go to step {number}: {stage.label}",
                f"Show the {stage.label} step",
                lambda s=stage: app.go_to_step(s),
            )
        if ws.status is Status.FINAL:
            yield SystemCommand(
                "Reopen the OKR",
                "Make the final OKR editable again",
                lambda: app.change(actions.reopen),
            )
        else:
            yield SystemCommand(
                "Finalize the OKR",
                "Make it final, or see what still blocks it (step 7)",
                lambda: _on_step(app, Stage.REFINE, "finalize"),
            )
        if ws.focus is None and ws.status is not Status.FINAL:
            revealed = ws.settings.votes_revealed
            yield SystemCommand(
                "Hide the votes" if revealed else "Reveal the votes",
                "Dot votes stay hidden until revealed, so nobody anchors on the crowd",
                lambda: app.change(actions.reveal_votes, not revealed),
            )
        yield SystemCommand(
            "Save the OKR as markdown",
            "Write the final document to a file (step 8)",
            lambda: _on_step(app, Stage.FINAL, "save_markdown"),
        )
        yield SystemCommand(
            "Copy the OKR as markdown",
            "Put the document on the clipboard (step 8)",
            lambda: _on_step(app, Stage.FINAL, "copy_markdown"),
        )
        yield SystemCommand(
            "Check-ins",
            "After the room: each key result's progress against the calendar; check in",
            lambda: go_after(app, "checkins"),
        )
        yield SystemCommand(
            "Grade the OKR",
            "Scores per key result, the average, the retro; a forecast until the cycle ends",
            lambda: go_after(app, "grade"),
        )
        yield SystemCommand(
            "The minutes",
            "Time per step, who contributed what, the decisions; save them as markdown",
            lambda: go_after(app, "minutes"),
        )
        if ws.status is Status.FINAL:
            yield SystemCommand(
                "Start the next cycle",
                "A new workshop from this one: people, context, last cycle's grade and retro",
                lambda: start_next_cycle(app),
            )
        yield SystemCommand(
            "Save the pre-read as markdown",
            "What participants read before the workshop: the ask, the due date, the context",
            lambda: app.run_worker(
                save_preread(app), group="preread-file", exclusive=True, name="save pre-read"
            ),
        )
        if ws.focus is None and ws.status is not Status.FINAL:
            yield SystemCommand(
                "Write a drafts file for a participant",
                "For someone who cannot reach this file: they draft on their own machine",
                lambda: app.run_worker(
                    write_drafts_file(app), group="drafts-file", exclusive=True, name="invite"
                ),
            )
        yield SystemCommand(
            "Import a drafts file",
            "Merge the drafts a participant sent back, under their name",
            lambda: app.run_worker(
                import_drafts_file(app), group="drafts-file", exclusive=True, name="import"
            ),
        )
        yield SystemCommand(
            "Set the timebox for this step",
            "Minutes for the step on screen; a reminder, never a forced move",
            lambda: app.call_next(screen.run_action, "timebox"),
        )
        yield SystemCommand(
            "Open another workshop",
            "Back to the list of workshops in this file",
            app.show_welcome,
        )
    yield SystemCommand(
        "Light or dark theme",
        "Switch between the projector-friendly light theme and the dark one (F4)",
        app.action_toggle_light,
    )
    yield SystemCommand("Help", "What this screen is for and its keys (F1)", app.action_help)
    yield SystemCommand("Quit", "Save everything and quit (ctrl+q)", app.action_quit)


async def save_preread(app: OkrApp) -> None:
    """Ask where, then write the pre-read (``<team>-<cycle>.pre-read.md``); say what happened."""
    ws = app.workshop
    if ws is None:
        return
    saved = await save_markdown(
        app,
        title="Save the pre-read as markdown",
        what="this pre-read",
        name=default_file_name(ws, PREREAD_SUFFIX),
        text=lambda: to_preread(app.workshop or ws),
    )
    if saved is None:
        return
    if saved.problem:
        app.notify(saved.problem, title="Not saved", severity="warning", markup=False)
    elif saved.kept_existing:
        app.notify("Not saved: the existing file was kept.", title="Not saved", markup=False)
    else:
        app.notify(f"Saved the pre-read to {saved.path}", title="Saved", markup=False)


def _on_step(app: OkrApp, stage: Stage, action: str) -> None:
    """Go to ``stage`` and run one of its screen's actions once it is showing."""
    app.go_to_step(stage)

    def run() -> None:
        if app.screen.name == stage.value:
            app.call_next(app.screen.run_action, action)

    app.call_after_refresh(run)
