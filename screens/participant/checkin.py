"""A participant's check-ins once the OKR is final: where each key result they own stands.

The key results they own come first (anyone on the team may check in on any of them). The
highlighted one shows its progress as the core works it out (baseline → latest → target, the
share of the way against the share of the cycle gone, the last confidence and note) and a
small chart of its check-ins. Enter on the list goes to the form: the value in the key
result's units, confidence from 1 to 10 and a note; Enter there records it. What the core
refuses (a value that is not a number, a confidence of 11) is said in its own sentence and the
words stay in the form.
"""

from __future__ import annotations

from datetime import date
from pathlib import PurePath
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Input, Static

from okrworkshop import participation, tracking
from okrworkshop.model import KeyResult, Workshop
from okrworkshop.progress import CycleClock, KrProgress, kr_progress, progress_bar, sparkline
from okrworkshop.text import plural
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
    CSS_PATH: ClassVar[list[str | PurePath]] = ["part.tcss", "checkin.tcss"]
    HELP_TITLE = "Check-ins"
    PURPOSE = (
        "Each week, say where the key results you own stand: pick one with the arrows and "
        "press Enter, type its value now in the units of its target (15% or 15), how sure you "
        "are it will be reached (1 to 10) and a note on what you learned or do next, then "
        "Enter. The progress shown is the share of the way from baseline to target, against "
        "the share of the cycle gone. Anyone on the team may check in on any key result."
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
        yield Footer(compact=True)

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

    def _day(self, ws: Workshop) -> date:
        """The day a check-in is about: today, or the cycle's last day once it is over."""
        today = self.today()
        end = ws.cycle.end
        return end if end is not None and today > end else today

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
                        id=kr.id,
                        statement=kr.statement,
                        yours=yours,
                        figures=figures,
                        standing=p.standing.value,
                    ),
                )
            )
        fill(self.query_one(KrList), rows)
        closed = self._why_closed(ws)
        day = self._day(ws)
        when = "today" if day == today else "the cycle's last day"
        self.query_one("#checkin-day", Static).update(
            Content(closed or f"Checking in for {day.isoformat()} ({when}):")
        )
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

    @on(Input.Submitted, "#value, #confidence, #note")
    def submitted(self) -> None:
        self._check_in()

    @work(group="participant-checkin", exclusive=True)
    async def _check_in(self) -> None:
        ws, kr = self.participant_app.workshop, self._highlighted()
        status = self.query_one("#checkin-status", StatusLine)
        if ws is None or kr is None:
            return
        value = self.query_one("#value", SafeInput).value
        raw = self.query_one("#confidence", SafeInput).value.strip()
        note = self.query_one("#note", SafeInput).value
        if not value.strip():
            status.say(f"Type where {kr.id} stands now first, then press Enter.", warning=True)
            self.query_one("#value", SafeInput).focus()
            return
        try:
            confidence = int(raw) if raw else None
        except ValueError:
            status.say(f"Confidence is a whole number from 1 to 10; {raw!r} is not.", error=True)
            return
        outcome = await self.participant_app.change(
            tracking.check_in,
            kr.id,
            value,
            author=self.person,
            confidence=confidence,
            note=note,
            when=self._day(ws),
            today=self.today(),
        ).wait()
        if not outcome.ok:
            status.say(outcome.error or "", error=True)
            return
        done = outcome.value
        assert done is not None
        status.say(
            labelled(
                "Checked in $id for $day: $value.",
                id=kr.id,
                day=done.date.isoformat(),
                value=done.value,
            )
        )
        for box_id in ("#value", "#confidence", "#note"):
            self.query_one(box_id, SafeInput).value = ""
        self.query_one(KrList).focus()


def _example(ws: Workshop, owned: list[KeyResult]) -> str:
    """A value written the way the key results' targets are ("3%"), for the placeholder."""
    for kr in [*owned, *ws.key_results]:
        if kr.target.strip():
            return kr.target.strip()
    return "15%"


def _detail(p: KrProgress) -> Content:
    """One key result's progress in a few lines; the words people typed stay literal."""
    owner = f"owner {p.owner}" if p.owner else "no owner yet"
    lines = [
        labelled("[b]$id[/b]  $statement", id=p.kr_id, statement=p.statement),
        shown(f"{owner} · {p.kind.value}"),
        labelled("[b]$movement[/b]", movement=p.movement),
    ]
    if p.progress is not None:
        lines.append(Content(f"{progress_bar(p.progress, BAR_WIDTH)}  {p.standing.value}"))
    lines.append(Content(p.detail))
    facts = []
    if p.confidence is not None:
        trend = f" ({p.trend.value} from {p.confidence_before})" if p.trend else ""
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
