"""Step 8, Final: the OKR exactly as it will be handed out, and the ways to hand it out.

The preview is the markdown export in a ``MarkdownView``, which renders it off the step's first
frame and again whenever the workshop changes. Until the OKR is final a panel lists what still
blocks it, in the rules' own words, and any key result the room's revealed confidence votes
say to talk about first. The handout gives each key result a short block, statement first, so
the preview reads the same at 80 columns as at 120; k jumps to the key results, which on a
short terminal start below the header.
"""

from __future__ import annotations

from typing import ClassVar

from textual import events, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from okrworkshop import actions, export, rules
from okrworkshop.confidence import confidence_summary
from okrworkshop.files import default_file_name
from okrworkshop.model import Stage, Status, Workshop
from okrworkshop.smart import MAX_KEY_RESULTS
from screens.dialogs.modals import confirm
from screens.dialogs.save_file import save_markdown
from screens.facilitator.refine import NOT_NOW_HINT
from screens.facilitator.step import StepScreen
from screens.user_text import shown_line
from screens.widgets.markdown_view import MarkdownView

SHORT_SCREEN_ROWS = 32
"""Below this many rows the state panel sits flush under the step bar."""
KEY_RESULTS_HEADING = "Key results"
"""The handout's heading that k jumps to."""


class FinalScreen(StepScreen):
    STAGE = Stage.FINAL
    CSS_PATH = "final.tcss"
    PURPOSE = (
        "The OKR as readers will get it: the one objective, its key results with baselines and "
        "targets, how it ties to the strategy, and what the team deliberately left out. Until "
        "it is final, the panel at the top lists what still blocks it (and any key result the "
        "room's confidence votes say to talk about first); shift+F makes it final once "
        "nothing does, and r reopens a final OKR. The preview scrolls with the arrow keys and "
        "Page Up/Down; j jumps to the key results. s saves it as a markdown file and c "
        "copies the markdown to the clipboard, ready to paste into a wiki or a message. k "
        "opens the check-ins, where the team follows the OKR through its cycle."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "key_results", "Jump to KRs"),
        Binding("s", "save_markdown", "Save .md"),
        Binding("c", "copy_markdown", "Copy"),
        Binding("F,shift+f", "finalize", "Finalize", key_display="F"),
        Binding("r", "reopen", "Reopen"),
        Binding("k", "checkins", "Check-ins"),
    ]

    def compose_body(self) -> ComposeResult:
        yield Static(id="final-state", markup=False)
        yield Static("", id="final-saved", markup=False)
        yield MarkdownView(id="final-preview")

    # --- drawing --------------------------------------------------------------------------------

    def show(self, ws: Workshop) -> None:
        self.query_one("#final-state", Static).update(_state(ws))
        self.set_class(ws.status is Status.FINAL or not rules.finalize_blockers(ws), "-clear")
        self.refresh_bindings()
        self.query_one(MarkdownView).show(self._markdown(ws))

    def _markdown(self, ws: Workshop) -> str:
        """The handout as of the app's today (a fixed day in tests and snapshots)."""
        return export.to_markdown(ws, today=self.okr_app.options.today())

    def action_checkins(self) -> None:
        """After the room: the weekly check-ins (and from there the grade and the minutes)."""
        from screens.facilitator.after import go_after

        go_after(self.okr_app, "checkins")

    def on_resize(self, event: events.Resize) -> None:
        self.set_class(event.size.height < SHORT_SCREEN_ROWS, "-short")

    def action_key_results(self) -> None:
        """Scroll the preview so the key results are at its top."""
        self.query_one(MarkdownView).scroll_to_heading(KEY_RESULTS_HEADING)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        ws = self.okr_app.workshop
        if action == "finalize":
            return ws is not None and ws.status is not Status.FINAL
        if action == "reopen":
            return ws is not None and ws.status is Status.FINAL
        if action == "key_results":
            return ws is not None and bool(ws.key_results)
        return True

    def _saved(self, message: Content) -> None:
        line = self.query_one("#final-saved", Static)
        line.update(message)
        line.display = True

    # --- handing it out -------------------------------------------------------------------------

    @work(exclusive=True, group="final-dialog")
    async def action_save_markdown(self) -> None:
        saved = await save_markdown(
            self.app,
            title="Save the OKR as markdown",
            what="this OKR",
            name=default_file_name(self.workshop),
            text=lambda: self._markdown(self.workshop),
        )
        if saved is None:
            return
        if saved.problem:
            self._refuse(saved.problem)
        elif saved.kept_existing:
            self._saved(Content("Not saved: the existing file was kept."))
        else:
            self._saved(
                Content.styled("✓ Saved to ", "$text-success") + shown_line(str(saved.path))
            )
            self.notify(f"Saved the OKR to {saved.path}", title="Saved", markup=False)

    def _refuse(self, problem: str) -> None:
        self._saved(Content.styled("✗ Not saved: ", "$text-warning") + shown_line(problem))
        self.notify(problem, title="Not saved", severity="warning", markup=False)

    def action_copy_markdown(self) -> None:
        text = self._markdown(self.workshop)
        self.app.copy_to_clipboard(text)
        lines = len(text.splitlines())
        self.notify(
            f"Copied the OKR as markdown ({lines} lines). The terminal does the copying "
            "(OSC 52): some terminals need clipboard access allowed in their settings first.",
            title="Copied",
            markup=False,
        )

    def action_reopen(self) -> None:
        confirm(
            self.app,
            "Reopen the OKR?",
            "It stops being final and every step can be changed again; finalize it again "
            "when the team is done (shift+F).",
            yes="Reopen",
            then=lambda: self.okr_app.change(actions.reopen),
        )


def _state(ws: Workshop) -> Content:
    """Final, ready to be final, or what still blocks it: marks and words, not only colour."""
    if ws.status is Status.FINAL:
        since = f" since {ws.finalized[:10]}" if ws.finalized else ""
        return Content.styled(f"✓ Final{since}.", "bold $text-success") + Content(
            " s saves it as markdown, c copies it, r reopens it."
        )
    talks = [
        Content.styled("  ⚑ ", "bold $text-warning") + shown_line(summary.prompt)
        for summary in (confidence_summary(ws, kr) for kr in ws.key_results)
        if summary.talk
    ]
    blockers = rules.finalize_blockers(ws)
    if not blockers:
        ready = Content.styled("✓ Ready.", "bold $text-success") + Content(
            " Nothing blocks it any more: press shift+F to make the OKR final."
        )
        if talks:
            ready += Content(" First, the room's confidence says to talk (step 7):")
        return Content("\n").join([ready, *talks])
    lines = [
        Content.styled("✗ Not final yet.", "bold $text-warning")
        + Content(" Before it can be final (F8 goes back, ctrl+p jumps to any step):")
    ]
    lines += [Content("  ✗ ") + Content(blocker) for blocker in blockers]
    if len(ws.key_results) > MAX_KEY_RESULTS:
        lines.append(Content.styled(NOT_NOW_HINT, "$text-accent"))
    if talks:
        lines.append(Content("And talk first, as the room's confidence votes say (step 7):"))
    return Content("\n").join(lines + talks)
