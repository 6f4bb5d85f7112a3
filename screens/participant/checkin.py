"""A participant's check-ins once the OKR is final: where each key result they own stands.

The key results they own come first (anyone on the team may check in on any of them). The
highlighted one shows its progress as the core works it out (baseline → latest → target, the
share of the way against the share of the cycle gone, the last confidence and note) and a
small chart of its check-ins. Enter on the list goes to the form: the value in the key
result's units, confidence from 1 to 10 and a note; Enter moves from one box to the next, as
on the shared screen's dialog, and saves from the note (ctrl+s saves from any box), so a
confidence typed after Enter never becomes a second value. What the core refuses (a value that
is not a number, a confidence of 11) is said in its own sentence and the words stay in the
form; a value that looks implausible (``progress.implausible``) is shown back with a question
before it is saved.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import PurePath
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Static

from okrworkshop import participation, rules, tracking
from okrworkshop.kr_names import kr_label
from okrworkshop.model import CheckIn, KeyResult, Workshop
from okrworkshop.numbers import with_unit
from okrworkshop.progress import (
    CycleClock,
    KrProgress,
    implausible,
    kr_progress,
    progress_bar,
    sparkline,
)
from okrworkshop.text import plural
from screens.dialogs.tracking import odd_value_question, refusal
from screens.participant.footer import PartFooter
from screens.participant.lists import KeyedList, fill
from screens.participant.part import PartScreen
from screens.participant.parts import CHECKIN
from screens.user_text import labelled, shown
from screens.widgets.fields import SafeInput
from screens.widgets.status_line import StatusLine

BAR_WIDTH = 20
TREND_POINTS = 3
"""A chart of fewer check-ins than this says less than the figures beside it."""
TREND_COLUMNS = 16
"""The most check-ins the chart draws (the latest; a longer history is summed up in runs)."""


def trend_chart(points: list[float]) -> Content:
    """Progress at each check-in on the key result's own scale: the lowest bar is the baseline
    (0%), the full one the target (100%), so 12% of the way is a low bar, never a full wall
    because it is the most so far. Each check-in is two cells wide, for the room to see."""
    line = sparkline(points, 0.0, 1.0, TREND_COLUMNS)
    return Content.styled(" ".join(level * 2 for level in line), "$primary") + Content.styled(
        "  (lowest: baseline, full: target)", "$text-muted"
    )


class KrList(KeyedList):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "select", "Check in")]


class CheckinScreen(PartScreen):
    """Check in on a final OKR's key results, one's own first."""

    PART = CHECKIN
    BINDINGS: ClassVar[list[BindingType]] = [Binding("ctrl+s", "save", "Save")]
    CSS_PATH: ClassVar[list[str | PurePath]] = ["part.tcss", "checkin.tcss"]
    HELP_TITLE = "Check-ins"
    PURPOSE = (
        "Each week, say where the key results you own stand: pick one with the arrows and "
        "press Enter, type its value now in the units of its target (15% or 15; hours and "
        "days convert), Enter, how sure you are it will be reached (1 to 10), Enter, a note "
        "on what you learned or do next, and Enter to save (ctrl+s saves from any box). The "
        "progress shown is the share of the way from baseline to target, against the share "
        "of the cycle gone. Anyone on the team may check in on any key result."
    )

    def compose(self) -> ComposeResult:
        yield from self.compose_top()
        with Horizontal(id="checkin-body"):
            with Vertical(id="checkin-left"):
                yield Static(Content("Key results"), classes="section")
                yield KrList(id="checkin-krs")
            with Vertical(id="checkin-right"):
                yield Static("", id="checkin-detail")
                yield Static(Content("Progress at each check-in:"), id="trend-caption")
                yield Static("", id="checkin-trend", markup=False)
                yield Static("", id="checkin-day", classes="hint")
                for label, box in (
                    ("Value", SafeInput(id="value", max_length=200)),
                    ("Confidence", SafeInput(id="confidence", type="integer", max_length=2)),
                    ("Note", SafeInput(id="note", max_length=5_000)),
                ):
                    with Horizontal(classes="field"):
                        yield Static(Content(label), classes="field-label")
                        box.compact = True
                        box.select_on_focus = False
                        yield box
                yield StatusLine(id="checkin-status", news_seconds=None)
        yield PartFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self._workshop_changed(self.participant_app.workshop)
        self.query_one(KrList).focus()

    # --- showing ------------------------------------------------------------------------------

    def _ordered(self, ws: Workshop) -> list[KeyResult]:
        """The person's own key results first, then the rest, each in the OKR's order."""
        owned = tracking.owned_key_results(ws, self.person)
        return [*owned, *(kr for kr in ws.key_results if kr not in owned)]

    def _why_closed(self, ws: Workshop) -> str | None:
        """Why check-ins cannot be recorded now, or None when they can."""
        if ws.graded:
            return "The cycle is graded, so check-ins are closed."
        if not participation.openings(ws).checkins:
            return "Check-ins start once the OKR is final."
        clock = CycleClock(ws.cycle.start, ws.cycle.end, self.today())
        if not clock.started and ws.cycle.start is not None:
            return f"The cycle starts on {ws.cycle.start.isoformat()}; check in from then."
        return None

    def _day(self, ws: Workshop, kr: KeyResult | None) -> date:
        """The day a check-in is about: today, or the key result's last day once it is over
        (the cycle's, or a later deadline the room accepted: the core's rule)."""
        today = self.today()
        if kr is not None:
            return rules.checkin_day(ws, kr, today)
        end = ws.cycle.end
        return end if end is not None and today > end else today

    def _show_day(self, ws: Workshop, kr: KeyResult | None) -> None:
        """The line above the form: the day the check-in will be for, or why it is closed."""
        closed = self._why_closed(ws)
        day = self._day(ws, kr)
        when = "today" if day == self.today() else "its last day"
        self.query_one("#checkin-day", Static).update(
            Content(closed or f"Checking in for {day.isoformat()} ({when}):")
        )

    def show(self, ws: Workshop) -> None:
        owned = tracking.owned_key_results(ws, self.person)
        today = self.today()
        rows = []
        for kr in self._ordered(ws):
            p = kr_progress(ws, kr, today)
            yours = " · yours" if kr in owned else ""
            figures = f"{p.percent}, " if p.percent else ""
            rows.append(
                (
                    kr.id,
                    labelled(
                        "$id  $statement  [dim]$yours · $figures$standing[/]",
                        id=kr_label(ws, kr),
                        statement=kr.statement,
                        yours=yours,
                        figures=figures,
                        standing=p.standing.value,
                    ),
                )
            )
        fill(self.query_one(KrList), rows)
        closed = self._why_closed(ws)
        self._show_day(ws, self._highlighted())
        for box_id, ask in (
            ("#value", f"where it stands now, e.g. {_example(ws, owned)}"),
            ("#confidence", "how sure, 1 to 10 (optional)"),
            ("#note", "what we learned, what we do next (optional)"),
        ):
            box = self.query_one(box_id, SafeInput)
            box.placeholder = ask
            box.disabled = closed is not None
        self._show_detail()

    @on(KrList.OptionHighlighted, "#checkin-krs")
    def _highlighted_changed(self) -> None:
        self._show_detail()

    def _highlighted(self) -> KeyResult | None:
        ws = self.participant_app.workshop
        kr_id = self.query_one(KrList).highlighted_id()
        return ws.key_result(kr_id) if ws is not None and kr_id else None

    def _show_detail(self) -> None:
        ws = self.participant_app.workshop
        kr = self._highlighted()
        detail = self.query_one("#checkin-detail", Static)
        trend = self.query_one("#checkin-trend", Static)
        if ws is None or kr is None:
            detail.update(Content("There are no key results to check in on."))
            trend.display = False
            self.query_one("#trend-caption", Static).display = False
            return
        p = kr_progress(ws, kr, self.today())
        detail.update(_detail(p))
        self._show_day(ws, kr)
        points = [point.progress for point in p.history if point.progress is not None]
        trend.update(trend_chart(points))
        trend.display = len(points) >= TREND_POINTS
        self.query_one("#trend-caption", Static).display = trend.display

    # --- checking in --------------------------------------------------------------------------

    @on(KrList.OptionSelected, "#checkin-krs")
    def to_the_form(self) -> None:
        box = self.query_one("#value", SafeInput)
        if box.disabled:
            ws = self.participant_app.workshop
            self._say(self._why_closed(ws) if ws is not None else None)
            return
        box.focus()

    @on(KeyedList.Typed)
    def carry(self, event: KeyedList.Typed) -> None:
        """A character typed on the list starts the value, as if the form had focus."""
        box = self.query_one("#value", SafeInput)
        if box.disabled:
            ws = self.participant_app.workshop
            self._say(self._why_closed(ws) if ws is not None else None)
            return
        box.focus()
        box.cursor_position = len(box.value)
        box.insert_text_at_cursor(event.character)

    def _say(self, problem: str | None) -> None:
        if problem:
            self.query_one("#checkin-status", StatusLine).say(problem, warning=True)

    @on(Input.Submitted, "#value")
    def _value_entered(self) -> None:
        """Enter in the value moves on to the confidence, as on the shared screen's dialog: a
        confidence typed after Enter never becomes a second value."""
        kr = self._highlighted()
        if kr is not None and not self.query_one("#value", SafeInput).value.strip():
            self._say(f"Type where {kr.id} stands now first.")
            return
        self.query_one("#confidence", SafeInput).focus()

    @on(Input.Submitted, "#confidence")
    def _confidence_entered(self) -> None:
        self.query_one("#note", SafeInput).focus()

    @on(Input.Submitted, "#note")
    def _note_entered(self) -> None:
        self.action_save()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """ctrl+s is offered while a box of the form has the focus (on the list, Enter opens
        the form)."""
        if action == "save":
            focused = self.app.focused
            return focused is not None and focused.id in ("value", "confidence", "note")
        return super().check_action(action, parameters)

    def action_save(self) -> None:
        """Record what the form holds: the core's refusal is said first; a value that looks
        implausible is shown back with a question before it is saved."""
        ws, kr = self.participant_app.workshop, self._highlighted()
        status = self.query_one("#checkin-status", StatusLine)
        if ws is None or kr is None:
            return
        value = self.query_one("#value", SafeInput).value
        raw = self.query_one("#confidence", SafeInput).value.strip()
        note = self.query_one("#note", SafeInput).value
        if not value.strip():
            status.say(
                f"Type where {kr_label(ws, kr)} stands now first, then press Enter.", warning=True
            )
            self.query_one("#value", SafeInput).focus()
            return
        try:
            confidence = int(raw) if raw else None
        except ValueError:
            status.say(f"Confidence is a whole number from 1 to 10; {raw!r} is not.", error=True)
            return
        entry = _Entry(kr.id, value, confidence, note, self._day(ws, kr))
        problem = refusal(ws, lambda w: self._apply(w, entry), for_participant=True)
        if problem:
            status.say(problem, error=True)
            return
        odd = implausible(kr, value, on=entry.day)
        if odd is None:
            self._take_and_check_in(entry)
            return

        def answered(sure: bool | None) -> None:
            if sure:
                self._take_and_check_in(entry)
            else:
                self.query_one("#value", SafeInput).focus()

        self.app.push_screen(odd_value_question(odd), answered)

    def _apply(self, ws: Workshop, entry: _Entry) -> CheckIn:
        return tracking.check_in(
            ws,
            entry.kr_id,
            entry.value,
            author=self.person,
            confidence=entry.confidence,
            note=entry.note,
            when=entry.day,
            today=self.today(),
        )

    _BOXES = ("#value", "#confidence", "#note")

    def _take_and_check_in(self, entry: _Entry) -> None:
        """The form empties and the list has the focus at once, before the next key is
        handled: what is typed while the save runs is not wiped when it is done. If the save
        fails, the words come back into the boxes (``give_back``)."""
        for box_id in self._BOXES:
            self.query_one(box_id, SafeInput).value = ""
        self.query_one(KrList).focus()
        self._check_in(entry)

    @work(group="participant-checkin")
    async def _check_in(self, entry: _Entry) -> None:
        status = self.query_one("#checkin-status", StatusLine)
        outcome = await self.participant_app.change(self._apply, entry).wait()
        if not outcome.ok:
            confidence = "" if entry.confidence is None else str(entry.confidence)
            for box_id, text in zip(
                self._BOXES, (entry.value, confidence, entry.note), strict=True
            ):
                self.query_one(box_id, SafeInput).give_back(text)
            self.query_one("#value", SafeInput).focus()
            status.say(outcome.error or "", error=True)
            return
        done = outcome.value
        assert done is not None
        ws = self.participant_app.workshop
        status.say(
            labelled(
                "Checked in $id for $day: $value.",
                id=kr_label(ws, entry.kr_id) if ws else entry.kr_id,
                day=done.date.isoformat(),
                value=done.value,
            )
        )


@dataclass(frozen=True)
class _Entry:
    """One check-in as the form holds it, between the question and the save."""

    kr_id: str
    value: str
    confidence: int | None
    note: str
    day: date


def _example(ws: Workshop, owned: list[KeyResult]) -> str:
    """A value written the way the key results' targets are ("3%"), for the placeholder."""
    for kr in [*owned, *ws.key_results]:
        if kr.target.strip():
            return with_unit(kr.target, kr.unit)
    return "15%"


def _detail(p: KrProgress) -> Content:
    """One key result's progress in a few lines; the words people typed stay literal."""
    owner = f"owner {p.owner}" if p.owner else "no owner yet"
    lines = [
        labelled("[b]$id[/b]  $statement", id=p.label, statement=p.statement),
        shown(f"{owner} · {p.kind.value}"),
        labelled("[b]$movement[/b]", movement=p.movement),
    ]
    if p.progress is not None:
        lines.append(Content(f"{progress_bar(p.progress, BAR_WIDTH)}  {p.standing.value}"))
    lines.append(Content(p.detail))
    facts = []
    if p.confidence is not None:
        trend = f" ({p.trend_words})" if p.trend else ""
        facts.append(f"Confidence {p.confidence}/10{trend}.")
    if p.latest is not None:
        ago = ""
        if p.days_since is not None:
            ago = " (today)" if p.days_since == 0 else f" ({plural(p.days_since, 'day')} ago)"
        facts.append(f"Last check-in {p.latest.date.isoformat()}{ago} by {p.latest.author}.")
    if p.stale:
        facts.append("Nobody has checked in for two weeks or more.")
    if facts:
        lines.append(shown(" ".join(facts)))
    if p.latest is not None and p.latest.note.strip():
        lines.append(labelled("[i]$note[/i]", note=p.latest.note))
    return Content("\n").join(lines)
