"""The grade: a score from 0.0 to 1.0 per key result, the objective's average, and the retro.

Each score is the key result's progress capped at 1.0 unless the team set it by hand with a
reason (s); it is read against the key result's kind (a committed one is expected at 1.0, a
stretch succeeds from 0.6). Before the cycle ends the grade is a forecast and says so. R records
it (each key result keeps its score and the cycle closes); u undoes that. The retro saves as it
is typed. Every figure, reading and refusal is the core's (``grading``, ``tracking``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import DataTable, Label, ProgressBar, Static, TextArea

from okrworkshop import tracking
from okrworkshop.grading import GradeReport, KrScore, ScoreSource, grade_report
from okrworkshop.kr_names import kr_label
from okrworkshop.model import KrKind, Workshop
from okrworkshop.progress import kr_progress, progress_bar, success_from
from screens.dialogs.modals import confirm
from screens.dialogs.tracking import ScoreAnswer, ScoreDialog, apply_score
from screens.facilitator.after import AfterScreen, not_trackable
from screens.user_text import shown, shown_line
from screens.widgets.fields import FieldArea, FieldLeft
from screens.widgets.rows_table import RowsTable, text_width
from screens.widgets.status_line import StatusLine
from screens.widgets.week_history import history_panel

if TYPE_CHECKING:
    from textual.worker import Worker

    from screens.writes import Outcome

RETRO_KEY = "retro"
FIXED_COLUMNS = [
    ("kr", "KR", 4),
    ("kind", "Kind", 9),
    ("score", "Score", 6),
    ("bar", "", 10),
    ("success", "Success", 7),
    ("source", "From", 8),
]


def headline(report: GradeReport) -> str:
    """The core's headline, except that a grade not recorded yet names the key that records it
    here rather than the command line's option."""
    if report.recorded or report.forecast:
        return report.headline()
    figure = f"{report.average:.2f}" if report.average is not None else "not known yet"
    return f"Grade {figure}, not recorded yet (R records it and closes the cycle)"


def expectations(ws: Workshop) -> str:
    """What each kind of key result is expected to reach, naming which key results are which."""
    parts = []
    for kind in KrKind:
        ids = [kr_label(ws, kr) for kr in ws.key_results if kr.kind is kind]
        if ids:
            counts = f"counts from {success_from(kind):.1f}"
            if kind is KrKind.STRETCH:
                counts += f", about {kind.expected_score:.1f} is the mark"
            parts.append(f"{kind.value} ({', '.join(ids)}) {counts}")
    return "Each score is read against its kind: " + "; ".join(parts) + "." if parts else ""


def score_cells(number: int, s: KrScore, width: int) -> list[Content]:
    mark = "·" if s.met is None else "✓" if s.met else "✗"
    figure = f"{s.score:.2f}" if s.score is not None else "—"
    style = "" if s.met is None else "$text-success" if s.met else "$text-warning"
    source = {
        ScoreSource.HAND: "by hand",
        ScoreSource.RECORDED: "recorded",
        ScoreSource.PROGRESS: "progress",
        ScoreSource.NONE: "no score",
    }[s.source]
    return [
        Content.styled(s.label, "bold"),
        Content(s.kind.value),
        Content.styled(f"{mark} {figure}", style),
        Content(progress_bar(s.score, 10)),
        Content(f"{success_from(s.kind):.1f}"),
        Content(source),
        shown_line(s.statement, width),
    ]


class GradeScreen(AfterScreen):
    WHICH = "grade"
    CSS_PATH = ["after.tcss", "grade.tcss"]  # noqa: RUF012 (as Textual types it)
    HELP_TITLE = "Grade"
    AUTO_FOCUS = "#scores"
    PURPOSE = (
        "At the end of the cycle each key result gets a score from 0.0 to 1.0: its progress, "
        "capped at 1.0, unless the team sets it by hand with a reason (s on the highlighted "
        "key result; x goes back to the score from progress). A key result in words needs a "
        "score by hand. The objective's grade is the average. A committed key result is "
        "expected at 1.0; a stretch aims at about 0.7, and 0.6 already counts as a success. "
        "Before the cycle ends the grade is a forecast: how it would read if the cycle ended "
        "today. R records "
        "the grade: each key result keeps its score and the cycle closes (no more check-ins "
        "or scores); u undoes it. The retro below (what the team learned) is saved as it is "
        "typed and goes into the minutes, the handout and the next cycle's context."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "set_score", "Score by hand"),
        Binding("x", "clear_score", "Clear"),
        Binding("R,shift+r", "record", "Record", key_display="R"),
        Binding("u", "undo", "Undo grade"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._report: GradeReport | None = None

    def compose_body(self) -> ComposeResult:
        with Vertical(id="grade-head"):
            yield Static(id="grade-headline", markup=False)
            yield ProgressBar(100, show_eta=False, show_percentage=False, id="grade-average")
            yield Static(id="grade-summary", markup=False)
        yield Static(id="grade-state", markup=False)
        yield RowsTable(id="scores")
        yield Static(id="grade-detail", markup=False)
        with VerticalScroll(id="grade-weeks-box", can_focus=False):
            yield Static(id="grade-weeks", markup=False)
        yield Label("Retro: what we learned this cycle (saved as you type)", id="retro-label")
        yield FieldArea(RETRO_KEY, id="retro")
        yield StatusLine(id="grade-message", hide_when_empty=True)

    # --- drawing ------------------------------------------------------------------------------

    def show(self, ws: Workshop) -> None:
        report = grade_report(ws, self.today())
        self._report = report
        self.query_one("#grade-headline", Static).update(Content.styled(headline(report), "bold"))
        average = self.query_one("#grade-average", ProgressBar)
        average.display = report.average is not None
        average.update(progress=(report.average or 0.0) * 100)
        self.query_one("#grade-summary", Static).update(
            Content(report.summary()) + Content(" ") + Content(expectations(ws))
        )
        refusal = not_trackable(ws)
        state = self.query_one("#grade-state", Static)
        state.display = bool(refusal) and not ws.graded
        state.update(Content.styled("✗ ", "bold $text-warning") + Content(refusal or ""))
        self._show_scores(report)
        self._show_detail()
        box = self.query_one("#grade-weeks-box", VerticalScroll)
        box.display = bool(ws.weeks)  # the weekly meetings, for the retro to learn from
        self.query_one("#grade-weeks", Static).update(
            history_panel(ws, self.today()) if ws.weeks else Content("")
        )
        self.query_one(FieldArea).load(ws.retro)
        self.refresh_bindings()

    def _show_scores(self, report: GradeReport) -> None:
        table = self.query_one("#scores", RowsTable)
        width = text_width(
            table.size.width or self.app.size.width, [w for _, _, w in FIXED_COLUMNS]
        )
        table.load(
            [*FIXED_COLUMNS, ("statement", "Key result", width)],
            (report.key_results, width),
            lambda: [
                (s.kr_id, score_cells(n, s, width))
                for n, s in enumerate(report.key_results, start=1)
            ],
        )

    def on_resize(self) -> None:
        if self._report is not None:
            self._show_scores(self._report)

    def _highlighted(self) -> KrScore | None:
        report = self._report
        key = self.query_one("#scores", RowsTable).highlighted_key
        if report is None or key is None:
            return None
        return next((s for s in report.key_results if s.kr_id == key), None)

    @on(DataTable.RowHighlighted, "#scores")
    def _row_moved(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        detail = self.query_one("#grade-detail", Static)
        s = self._highlighted()
        if s is None:
            detail.update(Content(""))
            return
        lines = [Content.styled(s.reading, "bold"), shown(s.statement)]
        if s.reason.strip():
            lines.append(Content.styled("Why this score: ", "bold") + shown(s.reason))
        detail.update(Content("\n").join(lines))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        ws = self.okr_app.workshop
        if ws is not None and action == "record":
            return not ws.graded
        if ws is not None and action == "undo":
            return bool(ws.graded)
        return super().check_action(action, parameters)

    # --- the retro ----------------------------------------------------------------------------

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        area = event.text_area
        if isinstance(area, FieldArea) and area.field_key == RETRO_KEY:
            text = area.text
            self.okr_app.edit_later(RETRO_KEY, lambda ws: tracking.set_retro(ws, text), text)

    def on_field_left(self, event: FieldLeft) -> None:
        self.okr_app.writes.flush(event.field_key)

    # --- scores -------------------------------------------------------------------------------

    def action_set_score(self) -> None:
        scored = self._highlighted()
        message = self.query_one("#grade-message", StatusLine)
        refusal = not_trackable(self.workshop)
        if refusal or scored is None:
            message.say(refusal or "There is no key result to score.", warning=True)
            return
        app, today, kr_id = self.okr_app, self.today(), scored.kr_id

        def ask(
            typed: ScoreAnswer | None,
            problem: str | None,
            reply: Callable[[ScoreAnswer | None], None],
        ) -> None:
            ws = app.workshop or self.workshop
            kr = ws.key_result(kr_id)
            assert kr is not None
            suggested = kr_progress(ws, kr, today).score
            app.push_screen(
                ScoreDialog(ws, kr, suggested=suggested, typed=typed, problem=problem or ""),
                reply,
            )

        def save(answer: ScoreAnswer) -> Worker[Outcome[Any]]:
            return app.change(apply_score, kr_id, answer)

        def then(outcome: Outcome[Any] | None) -> None:
            if outcome is not None and outcome.ok:
                message.say(f"Set the score of {self._label(kr_id)} by hand.")

        app.ask_and_save(ask, save, then)

    def _label(self, kr_id: str) -> str:
        return kr_label(self.workshop, kr_id)

    def action_clear_score(self) -> None:
        scored = self._highlighted()
        if scored is None:
            return
        if scored.source is not ScoreSource.HAND:
            self.query_one("#grade-message", StatusLine).say(
                f"{self._label(scored.kr_id)} has no score set by hand to clear.", warning=True
            )
            return
        kr_id = scored.kr_id
        confirm(
            self.app,
            f"Clear the score of {self._label(kr_id)}?",
            "It goes back to the score its progress gives, and the reason goes with it.",
            yes="Clear",
            then=lambda: self._change(
                tracking.clear_score, kr_id, done=f"{self._label(kr_id)} follows its progress."
            ),
        )

    def action_record(self) -> None:
        confirm(
            self.app,
            "Record the grade?",
            "Each key result keeps the score shown and the cycle closes: no more check-ins or "
            "scores until the grade is undone (u). The retro can still be written.",
            yes="Record",
            then=lambda: self._change(
                tracking.record_grade, self.today(), done="Recorded the grade; the cycle is closed."
            ),
        )

    def action_undo(self) -> None:
        confirm(
            self.app,
            "Undo the grade?",
            "The cycle opens again: check-ins and scores can change. Scores set by hand and "
            "the retro stay; the others follow progress again.",
            yes="Undo",
            then=lambda: self._change(tracking.undo_grade, done="The grade is undone."),
        )

    @work(group="grade-change")
    async def _change(self, action: Callable[..., Any], *args: Any, done: str) -> None:
        """Save a change; say it was done, or the core's refusal, on the screen."""
        outcome = await self.okr_app.change(action, *args).wait()
        message = self.query_one("#grade-message", StatusLine)
        if outcome.ok:
            message.say(done)
        elif not outcome.failed:
            message.say(outcome.error or "", warning=True)
