"""The weekly meeting on the shared screen: six steps, each with its timebox, one at a time.

The screen shows what the core's ``weeks`` returns for the step the meeting is at (numbers,
the confidence round, what dropped, commitments, health, wins) and moves the meeting with the
workshop's keys: S starts this week's meeting, F9 and F8 (or ] and [) move between steps (the
step is saved, so participants' screens can follow), F5 changes a step's timebox, r reveals
the confidence votes, C closes the week (asking first when a key result that dropped has no
next action), o shows the last closed week's notes and D the sponsor's digest. Each step has a
key for what the facilitator types in (``week_forms``); what other terminals save (votes from
``okrworkshop week``, check-ins) shows up as the file changes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from okrworkshop import week_actions, weeks
from okrworkshop.digest import to_digest
from okrworkshop.kr_names import kr_label
from okrworkshop.model import Workshop
from okrworkshop.rules import RuleError
from okrworkshop.week_model import Outcome, Week, WeekStep
from screens.dialogs.modals import TextPrompt, confirm
from screens.dialogs.tracking import CheckinAnswer, CheckinDialog, apply_checkin
from screens.facilitator.after import AfterScreen, not_trackable
from screens.facilitator.cycle import week_forms
from screens.facilitator.cycle.week_forms import Answer, Apply, Field, WeekForm
from screens.facilitator.step import clock_text
from screens.user_text import shown_line
from screens.widgets.markdown_view import MarkdownView
from screens.widgets.status_line import StatusLine

if TYPE_CHECKING:
    from textual.worker import Worker

    from screens.writes import Outcome as Saved

STEPS = list(WeekStep)
FORMS_AT: dict[WeekStep, tuple[str, ...]] = {
    WeekStep.NUMBERS: ("checkin",),
    WeekStep.CONFIDENCE: ("votes",),
    WeekStep.DROPPED: ("action",),
    WeekStep.COMMITMENTS: ("commitment", "closing"),
    WeekStep.HEALTH: ("health",),
    WeekStep.WINS: ("win",),
}
"""The forms each step offers on its keys."""
SHORT = {WeekStep.CONFIDENCE: "Confidence", WeekStep.DROPPED: "Dropped"}
"""Shorter names on the step bar, so the six fit 80 columns."""


def steps_line(week: Week | None) -> Content:
    """The six steps, the one the meeting is at marked ▶ (all plain before it starts)."""
    parts = []
    for number, step in enumerate(STEPS, 1):
        name = SHORT.get(step, step.label)
        if week is not None and week.step is step:
            parts.append(Content.styled(f" ▶ {number} {name} ", "bold reverse"))
        else:
            parts.append(Content.styled(f" {number} {name} ", "$text-muted"))
    return Content("").join(parts)


def _line(*parts: str | Content) -> Content:
    return Content("").join(Content(p) if isinstance(p, str) else p for p in parts)


def numbers_lines(ws: Workshop, week: Week) -> list[Content]:
    lines = []
    for n in weeks.numbers(ws, week):
        p = n.progress
        way = f"  {p.percent} of the way" if p.percent else ""
        lines.append(_line(Content.styled(n.label, "bold"), "  ", shown_line(p.movement), way,
                           f"  {p.standing.value}"))  # fmt: skip
        trend = [weeks.confidence_figure(v) for _, v in n.confidence if v is not None]
        if trend:
            lines.append(Content(f"     confidence by week: {' → '.join(trend)}"))
        if not n.checked_in:
            owner = n.owner or "no owner"
            lines.append(_line("     ", Content.styled("⚑ no check-in since the last meeting",
                                                       "$text-warning"), " (",
                               shown_line(owner), ")"))  # fmt: skip
    return lines or [Content("No key results.")]


def confidence_lines(ws: Workshop, week: Week) -> list[Content]:
    lines = []
    for kr in ws.key_results:
        c = weeks.week_confidence(ws, week, kr.id)
        head = Content.styled(c.label, "bold")
        if not c.revealed:
            waiting = f" (waiting for {', '.join(c.waiting)})" if c.waiting else ""
            lines.append(_line(head, f"  {len(c.voted)} voted, hidden until revealed", waiting))
            continue
        if c.average is None:
            lines.append(_line(head, "  no votes"))
            continue
        spread = f"from {c.low} to {c.high}" if c.low != c.high else f"all {c.low}"
        lines.append(_line(head, f"  {weeks.confidence_figure(c.average)} of 10, {spread}"))
        lines += [_line("     ", Content.styled(f"⚑ {flag}", "$text-warning")) for flag in c.flags]
    if not week.revealed:
        lines += [Content(""), Content("r reveals the votes.")]
    return lines


def dropped_lines(ws: Workshop, week: Week) -> list[Content]:
    fell = weeks.dropped(ws, week)
    lines = []
    for d in fell:
        lines.append(_line(Content.styled(d.label, "bold"), f"  {'; '.join(d.reasons)}"))
        for a in d.actions:
            marks = "".join(m for m, on in ((" · blocker", a.blocker), (" · ask", a.ask)) if on)
            lines.append(_line("     next: ", shown_line(a.text, 60), " (", shown_line(a.owner),
                               f", due {a.due.isoformat()}{marks})"))  # fmt: skip
        if not d.actions:
            lines.append(Content.styled("     ✗ no next action yet", "$text-warning"))
    return lines or [Content("Nothing dropped this week.")]


def commitment_lines(ws: Workshop, week: Week) -> list[Content]:
    lines = [Content.styled("To close (from earlier meetings)", "bold")]
    for c in weeks.commitments_to_close(ws, week):
        lines.append(_line(f"  {c.id}  ", shown_line(c.person), ": ", shown_line(c.text, 60)))
    for c in weeks.closed_in(ws, week):
        mark = "✓ done" if c.outcome is Outcome.DONE else "✗ not done"
        lines.append(_line(f"  {mark}  ", shown_line(c.person), ": ", shown_line(c.text, 60)))
    if len(lines) == 1:
        lines.append(Content("  none"))
    lines += [Content(""), Content.styled("This week", "bold")]
    for c in weeks.week_commitments(week):
        tie = weeks.tied_to(ws, c)
        serves = "tied to nothing" if tie == "nothing" else tie
        lines.append(_line(f"  {c.id}  ", shown_line(c.person), ": ", shown_line(c.text, 60),
                           " (", shown_line(serves, 30), ")"))  # fmt: skip
    if not week.commitments:
        lines.append(Content("  none yet: one to three each"))
    return lines


def health_lines(ws: Workshop, week: Week) -> list[Content]:
    lines = []
    for row in weeks.health_rows(ws, week):
        name = shown_line(row.name, 30).stylize("bold")
        if row.health is None:
            lines.append(_line(name, "  not given yet"))
            continue
        h = row.health
        style = {"green": "$text-success", "amber": "$text-warning", "red": "$text-error"}
        colour = Content.styled(f"{h.colour.value} ({h.colour.meaning})", style[h.colour.value])
        lines.append(_line(name, "  ", colour, "  ", shown_line(h.note, 60)))
    return lines or [Content("No health metrics yet: name two to four the team must not break.")]


def win_lines(ws: Workshop, week: Week) -> list[Content]:
    lines = [
        _line("• ", shown_line(w.text, 80), " (", shown_line(", ".join(w.people)), ")")
        for w in week.wins
    ]
    return lines or [Content("No wins noted yet.")]


RENDER = {
    WeekStep.NUMBERS: numbers_lines,
    WeekStep.CONFIDENCE: confidence_lines,
    WeekStep.DROPPED: dropped_lines,
    WeekStep.COMMITMENTS: commitment_lines,
    WeekStep.HEALTH: health_lines,
    WeekStep.WINS: win_lines,
}


def no_meeting_lines(ws: Workshop, today_text: str, streak: int, kept: str) -> list[Content]:
    return [
        Content(f"No weekly meeting is open. S starts this week's (dated {today_text})."),
        Content(""),
        Content(f"Streak: {streak} week{'s' if streak != 1 else ''} met in a row; {kept}."),
    ]


class WeekScreen(AfterScreen):
    WHICH = "week"
    CSS_PATH = ["../after.tcss", "week.tcss"]  # noqa: RUF012 (as Textual types it)
    HELP_TITLE = "Weekly meeting"
    AUTO_FOCUS = "#week-scroll"
    PURPOSE = (
        "The weekly check-in as a meeting, in six steps of a few minutes each: the numbers, a "
        "confidence round (1 to 10, hidden until revealed), what dropped and its next actions, "
        "commitments, health metrics and wins. S starts this week's meeting, F9 and F8 (or ] "
        "and [) move between steps, F5 changes a step's timebox, r reveals the votes, C closes "
        "the week and writes its notes, o shows the last notes, D the sponsor's digest. Each "
        "step's own key opens a form: e a check-in, v votes, a a next action, c and d "
        "commitments, h health, "
        "n a win."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        # the step's own keys first, so the Footer shows them even at 80 columns
        Binding("e", "form('checkin')", "Check in"),
        Binding("v", "form('votes')", "Votes"),
        Binding("a", "form('action')", "Next action"),
        Binding("c", "form('commitment')", "Commit"),
        Binding("d", "form('closing')", "Close one"),
        Binding("h", "form('health')", "Health"),
        Binding("n", "form('win')", "Win"),
        Binding("S,shift+s", "start_week", "Start", key_display="S"),
        # the workshop's keys (F9 next, F8 back, F5 timebox), and ] [ for short
        Binding("f9,right_square_bracket", "step(1)", "Next", key_display="F9"),
        Binding("f8,left_square_bracket", "step(-1)", "Back", key_display="F8"),
        Binding("f5", "timebox", "Timebox"),
        Binding("r", "reveal", "Reveal"),
        Binding("C,shift+c", "close_week", "Close week", key_display="C"),
        Binding("o", "document('notes')", "Notes"),
        Binding("D,shift+d", "document('digest')", "Digest", key_display="D"),
        Binding("escape", "document('')", "Meeting", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.document = ""
        self._step_since: float | None = None
        self._step_shown: WeekStep | None = None

    def compose_body(self) -> ComposeResult:
        yield Static(id="week-steps", markup=False)
        yield Static(id="week-clock", markup=False)
        yield StatusLine(id="week-message", hide_when_empty=True)
        with VerticalScroll(id="week-scroll"):
            yield Static(id="week-body", markup=False)
        yield MarkdownView(id="week-doc")

    def on_mount(self) -> None:
        super().on_mount()
        self.set_interval(1.0, self.tick_clock, name="week clock")

    # --- drawing ----------------------------------------------------------------------------

    def show(self, ws: Workshop) -> None:
        week = weeks.open_week(ws)
        self.query_one("#week-steps", Static).update(steps_line(week))
        if week is None:
            h = weeks.history(ws, self.today())
            lines = no_meeting_lines(ws, self.today().isoformat(), h.streak, h.kept_words)
            problem = not_trackable(ws) or weeks.why_no_start(ws, self.today())
            if problem:
                lines = [Content(problem), *lines[1:]]
        else:
            if week.step is not self._step_shown:
                self._leave_step()
                self._step_shown, self._step_since = week.step, self.okr_app.clock()
            title = Content.styled(f"{week.week} · {week.step.label}", "bold")
            lines = [title, Content(""), *RENDER[week.step](ws, week)]
        self.query_one("#week-body", Static).update(Content("\n").join(lines))
        self.refresh_bindings()
        self.set_class(bool(self.document), "-document")
        if self.document:
            self.query_one(MarkdownView).show(self._document_text(ws))
        self.tick_clock()

    def _document_text(self, ws: Workshop) -> str:
        try:
            if self.document == "digest":
                return to_digest(ws, today=self.today())
            latest = weeks.latest_closed(ws)
            return latest.notes if latest else "No week has been closed yet, so no notes.\n"
        except RuleError as exc:
            return f"{exc}\n"

    def tick_clock(self) -> None:
        ws = self.okr_app.workshop
        clock = self.query_one("#week-clock", Static)
        week = weeks.open_week(ws) if ws is not None else None
        if ws is None or week is None or self._step_since is None:
            clock.update("")
            return
        spent = week.step_seconds.get(week.step, 0.0) + self.okr_app.clock() - self._step_since
        box = weeks.timebox_minutes(ws, week.step)
        if spent <= box * 60:
            text = f"{clock_text(box * 60 - spent)} left of {box} min"
        else:
            text = f"⚑ {clock_text(spent - box * 60)} over {box} min"
        clock.update(Content(f" {text}"))

    def _leave_step(self) -> None:
        """Add the time spent on the step shown until now to the open meeting."""
        if self._step_shown is None or self._step_since is None:
            return
        seconds = self.okr_app.clock() - self._step_since
        self._step_since = self.okr_app.clock()
        if seconds >= 1:
            self.okr_app.record(week_actions.add_step_time, self._step_shown, seconds)

    def on_screen_suspend(self) -> None:
        self._leave_step()

    # --- keys -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer S only when no meeting is open, and the meeting's keys only while one is."""
        ws = self.okr_app.workshop
        meeting = ws is not None and weeks.open_week(ws) is not None
        if action == "start_week":
            return ws is not None and weeks.why_no_start(ws, self.today()) is None
        if action in ("step", "reveal", "close_week", "timebox"):
            return meeting
        if action == "form":
            week = weeks.open_week(ws) if ws is not None else None
            return week is not None and parameters[0] in FORMS_AT[week.step]
        return super().check_action(action, parameters)

    def say(self, text: str, *, warning: bool = False) -> None:
        self.query_one("#week-message", StatusLine).say(text, warning=warning)

    def action_start_week(self) -> None:
        self.okr_app.change(week_actions.start_week, today=self.today())

    def action_step(self, delta: int) -> None:
        week = weeks.open_week(self.workshop)
        if week is None:
            self.say("No meeting is open: S starts this week's.", warning=True)
            return
        index = STEPS.index(week.step) + delta
        if 0 <= index < len(STEPS):
            self.okr_app.change(week_actions.go_to_step, STEPS[index])

    def action_timebox(self) -> None:
        """Change the timebox of the step the meeting is at, for this workshop's meetings."""
        ws = self.workshop
        week = weeks.open_week(ws)
        if week is None:
            return
        step = week.step
        app = self.okr_app

        def ask(typed: str | None, problem: str | None, reply: Callable[..., None]) -> None:
            prompt = TextPrompt(
                f"Timebox for {step.label}",
                "Minutes for this step in the weekly meeting (about 30 for all six).",
                value=typed if typed is not None else str(weeks.timebox_minutes(ws, step)),
                allow_empty=False,
                problem=problem or "",
            )
            app.push_screen(prompt, reply)

        def save(answer: str) -> Worker[Saved[Any]] | None:
            try:
                minutes = int(answer.strip())
            except ValueError:
                self.say(
                    f"A timebox is a whole number of minutes; {answer!r} is not.", warning=True
                )
                return None
            return app.change(week_actions.set_timebox, step, minutes)

        app.ask_and_save(ask, save)

    def action_reveal(self) -> None:
        self.okr_app.change(week_actions.reveal)

    def action_close_week(self) -> None:
        ws = self.workshop
        week = weeks.open_week(ws)
        if week is None:
            self.say("No meeting is open to close.", warning=True)
            return
        missing = weeks.close_blockers(ws, week)
        if not missing:
            self._close(anyway=False)
            return
        labels = ", ".join(d.label for d in missing)
        confirm(
            self.app,
            "Close the week anyway?",
            f"{labels} dropped and {'has' if len(missing) == 1 else 'have'} no next action. "
            "The notes will say none was agreed.",
            yes="Close anyway",
            then=lambda: self._close(anyway=True),
        )

    def _close(self, *, anyway: bool) -> None:
        self._leave_step()
        self.okr_app.change(week_actions.close_week, anyway=anyway)
        self.document = "notes"

    def action_form(self, which: str) -> None:
        """Ask for one change of the meeting in a form, then save it (asking again, with what
        was typed, if the save fails)."""
        ws = self.workshop
        week = weeks.open_week(ws)
        if week is None:
            return
        if which == "checkin":
            self._check_in(ws, week)
            return
        title, intro, fields, apply = self._form(which, ws, week)
        app = self.okr_app

        def ask(typed: Answer | None, problem: str | None, reply: Callable[..., None]) -> None:
            form = WeekForm(
                app.workshop or ws, title, intro, fields, apply, typed=typed, problem=problem or ""
            )
            app.push_screen(form, reply)

        def save(answer: Answer) -> Worker[Saved[Any]]:
            return app.change(apply, answer)

        def then(outcome: Saved[Any] | None) -> None:
            if outcome is not None and outcome.ok:
                self.say(f"Saved: {title.lower()}.")

        app.ask_and_save(ask, save, then)

    def _check_in(self, ws: Workshop, week: Week) -> None:
        """The facilitator enters a value for the first key result nobody checked in on since
        the last meeting (the check-ins screen, k, takes any)."""
        quiet = weeks.not_checked_in(ws, week)
        kr_id = quiet[0].kr_id if quiet else ws.key_results[0].id if ws.key_results else None
        if kr_id is None:
            return
        app, today = self.okr_app, self.today()

        def ask(
            typed: CheckinAnswer | None, problem: str | None, reply: Callable[..., None]
        ) -> None:
            current = app.workshop or ws
            kr = current.key_result(kr_id)
            if kr is not None:
                dialog = CheckinDialog(current, kr, today=today, typed=typed, problem=problem or "")
                app.push_screen(dialog, reply)

        def save(answer: CheckinAnswer) -> Worker[Saved[Any]]:
            return app.change(apply_checkin, kr_id, answer, today)

        def then(outcome: Saved[Any] | None) -> None:
            if outcome is not None and outcome.ok:
                self.say(f"Checked in {kr_label(ws, kr_id)}.")

        app.ask_and_save(ask, save, then)

    def _form(self, which: str, ws: Workshop, week: Week) -> tuple[str, str, list[Field], Apply]:
        if which == "votes":
            return week_forms.votes_form(ws)
        if which == "action":
            missing = weeks.close_blockers(ws, week)
            kr = missing[0].label if missing else ""
            return week_forms.action_form(ws, weeks.default_due(ws, week).isoformat(), kr)
        if which == "commitment":
            return week_forms.commitment_form(ws)
        if which == "closing":
            open_ = weeks.commitments_to_close(ws, week)
            return week_forms.closing_form(ws, open_[0].id if open_ else "")
        if which == "health":
            return week_forms.health_form(ws)
        return week_forms.win_form(ws)

    def action_document(self, which: str) -> None:
        self.document = which
        self.show(self.workshop)
