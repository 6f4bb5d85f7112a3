"""Check-ins: where each key result of a final OKR stands, week by week, and this week's entry.

One card per key result: how far it has come (done) against how much of the cycle has gone by
(time) with the core's verdict (on track, at risk, behind), a sparkline of its progress at each
check-in and one of the team's confidence, the last note and who wrote it, and how long ago that
was (two weeks without one is called out). Below, the highlighted key result's check-ins, newest
first. Enter opens the check-in form; every figure and every refusal comes from the core.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Click, DescendantFocus
from textual.widgets import Static

from okrworkshop import weeks
from okrworkshop.kr_names import kr_label
from okrworkshop.model import CheckIn, Workshop
from okrworkshop.progress import (
    KrProgress,
    Standing,
    Trend,
    percent,
    progress_bar,
    sparkline,
    workshop_progress,
)
from okrworkshop.text import plural
from okrworkshop.weeks import History
from screens.dialogs.tracking import CheckinAnswer, CheckinDialog, apply_checkin
from screens.facilitator.after import AfterScreen, not_trackable
from screens.user_text import labelled, shown_line
from screens.widgets.rows_table import RowsTable, table_words, text_width
from screens.widgets.status_line import StatusLine
from screens.widgets.week_history import confidence_by_week, hidden_week, record_line, weeks_strip

if TYPE_CHECKING:
    from textual.worker import Worker

    from screens.writes import Outcome

STANDING_MARKS: dict[Standing, tuple[str, str]] = {
    # a mark as well as a colour, so a washed-out projector still tells them apart
    Standing.ON_TRACK: ("✓", "$text-success"),
    Standing.REACHED: ("★", "$text-success"),
    Standing.AT_RISK: ("!", "$text-warning"),
    Standing.BEHIND: ("✗", "$text-error"),
    Standing.MET: ("✓", "$text-success"),
    Standing.MISSED: ("✗", "$text-error"),
}
BAR_WIDTH = 14
CONFIDENCE_SCALE = (2.0, 9.0)
"""Ten confidence values on eight levels of block: 3 to 8 each get their own, and the two ends
share one (1 and 2 at the bottom, 9 and 10 at the top), where the difference matters least."""
NARROW_COLUMNS = 100
"""Below this width each card's trends take two lines."""
SPARK_COLUMNS = {".kr-values": 18, ".kr-confidence": 12}
"""The columns of each sparkline (as wide in checkins.tcss, so a card fits 80 columns): one per
check-in day, and when there are more, each stands for a run of them and shows the latest."""


def standing_words(p: KrProgress) -> Content:
    mark, style = STANDING_MARKS.get(p.standing, ("·", "$text-muted"))
    return Content.styled(f"{mark} {p.standing.value}", f"bold {style}")


def ago(days: int | None) -> str:
    if days is None:
        return ""
    return "today" if days == 0 else f"{plural(days, 'day')} ago"


def last_words(p: KrProgress) -> Content:
    """The latest check-in: when, how long ago, who and their note; two weeks or more without
    one is called out first."""
    latest = p.latest
    alarm = Content("")
    if p.stale:
        quiet = f"{plural(p.days_since, 'day')}" if p.days_since is not None else "weeks"
        alarm = Content.styled(f"⚑ No check-in for {quiet}", "bold $text-warning")
        if latest is None:
            return alarm + Content(" since the cycle began: press Enter to check in.")
        alarm += Content(" · ")
    if latest is None:
        return Content.styled("No check-in yet: press Enter to record the first.", "$text-muted")
    since = "" if p.stale else ago(p.days_since)  # the alarm has said how long
    head = Content.styled(
        f"{latest.date.isoformat()}{f', {since}' if since else ''}", "$text-muted"
    )
    note = latest.note.strip()
    if not note:
        return alarm + head + labelled(" · $who, no note", who=latest.author)
    return alarm + head + labelled(" · $who: ", who=latest.author) + shown_line(note)


def confidence_words(p: KrProgress) -> Content:
    if p.confidence is None:
        return Content.styled("none given", "$text-muted")
    trend = ""
    if p.trend is not None:
        trend = f" {p.trend.arrow}" if p.trend is not Trend.SAME else " →"
    return Content(f"{p.confidence}/10{trend}")


class KrCard(Vertical, can_focus=True):
    """One key result's progress at a glance; Enter checks in on it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "screen.check_in", "Check in"),
        Binding("up", "screen.move(-1)", "Previous", show=False),
        Binding("down", "screen.move(1)", "Next", show=False),
    ]

    def __init__(self, kr_id: str) -> None:
        super().__init__(id=f"card-{kr_id}", classes="kr-card")
        self.kr_id = kr_id
        self._shown: tuple[int, KrProgress] | None = None

    def compose(self) -> ComposeResult:
        yield Static(classes="kr-title", markup=False)
        yield Static(classes="kr-bars", markup=False)
        with Horizontal(classes="kr-trends"):
            yield Static("values", classes="kr-label")
            yield Static(classes="kr-values", markup=False)
            yield Static(classes="kr-movement", markup=False)
            yield Static("confidence", classes="kr-label")
            yield Static(classes="kr-confidence", markup=False)
            yield Static(classes="kr-confidence-now", markup=False)
        yield Static(classes="kr-last", markup=False)
        yield Static(classes="kr-weeks", markup=False)

    def on_click(self, _event: Click) -> None:
        self.focus()

    def show(self, number: int, p: KrProgress, by_week: Content | None = None) -> None:
        """Draw ``p`` and the room's confidence week by week (``by_week``, none before the
        first weekly meeting); nothing is redrawn when it is what the card already shows."""
        weeks_line = self.query_one(".kr-weeks", Static)
        weeks_line.display = bool(by_week and by_week.plain)
        if by_week is not None and by_week.plain:
            weeks_line.update(Content.styled("by week    ", "$text-muted") + by_week)
        if self._shown == (number, p):
            return
        self._shown = (number, p)
        title = Content.styled(f"{p.label} ", "bold") + Content.styled(
            f"{p.kind.value}{' · ' if p.owner else ''}", "$text-muted"
        )
        if p.owner:
            title += shown_line(p.owner, 24).stylize("$text-muted")
        self.query_one(".kr-title", Static).update(title + Content("  ") + shown_line(p.statement))
        self.set_class(p.stale, "-stale")
        self.query_one(".kr-bars", Static).update(bars_line(p))
        values = [point.progress for point in p.history if point.progress is not None]
        self._spark(".kr-values", values, 0.0, 1.0)
        self.query_one(".kr-movement", Static).update(shown_line(p.movement))
        confidences = [float(pt.confidence) for pt in p.history if pt.confidence is not None]
        self._spark(".kr-confidence", confidences, *CONFIDENCE_SCALE)
        self.query_one(".kr-confidence-now", Static).update(confidence_words(p))
        self.query_one(".kr-last", Static).update(last_words(p))

    def _spark(self, selector: str, values: list[float], low: float, high: float) -> None:
        """A trend on a fixed scale (up is towards the target, or more confident); it needs two
        points, so with fewer it makes way for the figures."""
        spark = self.query_one(selector, Static)
        spark.visible = len(values) >= 2  # its place is kept, so the columns stay aligned
        spark.update(Content(sparkline(values, low, high, SPARK_COLUMNS[selector])))


def bars_line(p: KrProgress) -> Content:
    """How far it has come ("done") against how much of the cycle had gone by ("time") on the
    day of its latest check-in, which is what the verdict compares; or why there is no bar."""
    if p.progress is None:
        return standing_words(p) + Content.styled(f"  {p.detail}", "$text-muted")
    done = Content.styled(progress_bar(p.progress, BAR_WIDTH), "$primary")
    if p.progress >= 1.0:
        done = done.stylize("$success")
    time = Content.styled(progress_bar(p.time_gone, BAR_WIDTH), "$foreground 45%")
    gone = percent(p.time_gone) if p.time_gone is not None else "—"
    line = Content("  ").join(
        [
            Content.styled("done ", "$text-muted") + done + Content(f" {p.percent:>4}"),
            Content.styled("time ", "$text-muted") + time + Content(f" {gone:>4}"),
            standing_words(p),
        ]
    )
    if p.latest is not None and p.days_since and p.expected is not None:
        line += Content.styled(f" on {p.latest.date.isoformat()}", "$text-muted")
    return line


HISTORY_COLUMNS = [
    ("date", "Day", 10),
    ("value", "Value", 10),
    ("progress", "Done", 5),
    ("confidence", "Conf.", 5),
    ("who", "Who", 12),
]
"""The history's columns before the note, which takes the width that is left."""
HISTORY_WIDTHS = {key: width for key, _, width in HISTORY_COLUMNS}


def history_rows(p: KrProgress, width: int) -> list[tuple[str, list[Content]]]:
    """Every check-in, newest first. A check-in followed by another for the same day is dimmed
    and shows no progress: the later one is that day's value."""
    progress = {point.date: point.progress for point in p.history}
    counted = {checkin.date: index for index, checkin in enumerate(p.checkins)}
    rows: list[tuple[str, list[Content]]] = []
    for index in range(len(p.checkins) - 1, -1, -1):
        checkin = p.checkins[index]
        replaced = counted[checkin.date] != index
        done = progress.get(checkin.date)
        cells = [
            Content(checkin.date.isoformat()),
            table_words(checkin.value, HISTORY_WIDTHS["value"]),
            Content("" if replaced or done is None else percent(done)),
            Content("" if checkin.confidence is None else str(checkin.confidence)),
            table_words(checkin.author, HISTORY_WIDTHS["who"]),
            table_words(checkin.note, width),
        ]
        if replaced:
            cells = [cell.stylize("dim") for cell in cells]
        rows.append((str(index), cells))
    return rows


class CheckinsScreen(AfterScreen):
    WHICH = "checkins"
    CSS_PATH = ["after.tcss", "checkins.tcss"]  # noqa: RUF012 (as Textual types it)
    HELP_TITLE = "Check-ins"
    AUTO_FOCUS = ".kr-card"
    PURPOSE = (
        "Teams that get somewhere with OKRs look at them every week. Each card is one key "
        "result: 'done' is how far it has come from the baseline towards the target, 'time' "
        "how much of the cycle has gone by, and the verdict compares the two (on track within "
        "10 points, at risk within 25, behind beyond that). The sparklines show its progress "
        "at each check-in (up is towards the target, whether the number should rise or fall) "
        "and the team's confidence. Move between key results with the arrow keys or their "
        "number; Enter checks in on the highlighted one: where it stands now, how sure the "
        "team is (1 to 10), a note, and the day (today, or a missed week of this cycle). Its "
        "check-ins are listed underneath, newest first. g grades the cycle, m shows the "
        "minutes, N starts the next cycle, F8 goes back to the Final step."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "check_in", "Check in", show=False),  # Enter on a card says it
        # no description: Help would list nine lines for one idea (its purpose says it)
        *[Binding(str(n), f"pick({n - 1})", "", show=False) for n in range(1, 10)],
    ]

    def __init__(self) -> None:
        super().__init__()
        self._current: str | None = None
        self._report: dict[str, KrProgress] = {}
        self._history: History | None = None
        self._hidden: str | None = None

    def compose_body(self) -> ComposeResult:
        yield Static(id="checkins-state", markup=False)
        yield Static(id="weeks-record", markup=False)
        with VerticalScroll(id="cards", can_focus=False):
            for kr in self.workshop.key_results:
                yield KrCard(kr.id)
        with Vertical(id="history-box"):
            yield Static(id="history-title", markup=False)
            yield RowsTable(id="history", cursor_type="row")
        yield StatusLine(id="checkins-message", hide_when_empty=True)

    # --- drawing ------------------------------------------------------------------------------

    def show(self, ws: Workshop) -> None:
        report = workshop_progress(ws, self.today())
        self._report = {p.kr_id: p for p in report.key_results}
        self._show_state(ws, report.stale, report.last_checkin)
        self._history = weeks.history(ws, self.today())
        self._hidden = hidden_week(ws)
        record = self.query_one("#weeks-record", Static)
        record.display = bool(ws.weeks)  # before the first meeting: nothing to show yet
        record.update(
            record_line(self._history) + Content("\n") + weeks_strip(self._history)
            if ws.weeks
            else Content("")
        )
        cards = self.query_one("#cards", VerticalScroll)
        ids = [p.kr_id for p in report.key_results]
        existing = [card.kr_id for card in cards.query(KrCard)]
        if existing != ids:
            cards.remove_children()
            cards.mount_all(KrCard(kr_id) for kr_id in ids)
            self.call_after_refresh(self._draw_cards)
        else:
            self._draw_cards()
        if self._current not in ids:
            self._current = ids[0] if ids else None
        self._show_history()

    def _draw_cards(self) -> None:
        for number, card in enumerate(self.query(KrCard), start=1):
            p = self._report.get(card.kr_id)
            if p is not None:
                by_week = (
                    confidence_by_week(self._history, card.kr_id, self._hidden)
                    if self._history is not None
                    else None
                )
                card.show(number, p, by_week)
                card.set_class(card.kr_id == self._current, "-current")
        if self.focused is None:
            self._focus_current()

    def _show_state(self, ws: Workshop, stale: Sequence[KrProgress], last: date | None) -> None:
        state = self.query_one("#checkins-state", Static)
        refusal = not_trackable(ws)
        today = self.today()
        if not ws.key_results:
            message: Content | None = Content("There are no key results to check in on yet.")
        elif refusal:
            message = Content.styled("✗ ", "bold $text-warning") + Content(refusal)
        elif stale:
            ids = ", ".join(self._label(p.kr_id) for p in stale)
            message = Content.styled("⚑ ", "bold $text-warning") + Content(
                f"Two weeks or more without a check-in: {ids}."
            )
        elif last is not None and last > today:  # the example, seen before its cycle
            message = Content(
                f"Its check-ins run to {last.isoformat()}, after today: each key result is "
                "shown as of its latest check-in."
            )
        else:
            message = None
        state.display = message is not None
        state.set_class(bool(last and last > today and not refusal and not stale), "-info")
        state.update(message or Content(""))

    def _label(self, kr_id: str) -> str:
        return kr_label(self.workshop, kr_id)

    def _show_history(self) -> None:
        table = self.query_one("#history", RowsTable)
        title = self.query_one("#history-title", Static)
        p = self._report.get(self._current or "")
        if p is None:
            title.update(Content(""))
            table.load([], None, list)
            return
        count = plural(len(p.checkins), "check-in")
        title.update(
            Content.styled(f"{self._label(p.kr_id)}: {count}, newest first. ", "bold")
            + Content(p.detail)
        )
        fixed = [w for *_, w in HISTORY_COLUMNS]
        width = text_width(table.size.width or self.app.size.width, fixed)
        columns = [*HISTORY_COLUMNS, ("note", "Note", width)]
        table.load(
            columns,
            (p.kr_id, p.checkins, width),
            lambda: history_rows(p, width),
            wrap=("value", "who", "note"),  # in full, on as many lines as they need
        )

    def on_resize(self) -> None:
        # Below 100 columns a card's trends take two lines (values, then confidence): on one
        # they would cut the values or the confidence.
        self.set_class(self.app.size.width < NARROW_COLUMNS, "-narrow")
        self._show_history()

    # --- which key result ---------------------------------------------------------------------

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        widget = event.widget
        if isinstance(widget, KrCard) and widget.kr_id != self._current:
            self._make_current(widget.kr_id)

    def _make_current(self, kr_id: str) -> None:
        """Mark ``kr_id``'s card and show its history below the cards."""
        self._current = kr_id
        for card in self.query(KrCard):
            card.set_class(card.kr_id == kr_id, "-current")
        self._show_history()

    def _focus_current(self) -> None:
        for card in self.query(KrCard):
            if card.kr_id == self._current:
                card.focus()
                card.scroll_visible(animate=False)
                return

    def action_pick(self, index: int) -> None:
        ids = list(self._report)
        if 0 <= index < len(ids):
            # Made current before the focus moves (the focus event then finds nothing to do):
            # the history follows the arrow keys and digits, not only clicks.
            self._make_current(ids[index])
            self._focus_current()

    def action_move(self, step: int) -> None:
        ids = list(self._report)
        if not ids:
            return
        at = ids.index(self._current) if self._current in ids else 0
        self.action_pick(max(0, min(at + step, len(ids) - 1)))

    # --- checking in --------------------------------------------------------------------------

    def action_check_in(self) -> None:
        ws = self.workshop
        kr_id = self._current
        message = self.query_one("#checkins-message", StatusLine)
        refusal = not_trackable(ws)
        if refusal or kr_id is None or ws.key_result(kr_id) is None:
            message.say(refusal or "There is no key result to check in on.", warning=True)
            return
        app = self.okr_app
        today = self.today()

        def ask(
            typed: CheckinAnswer | None,
            problem: str | None,
            reply: Callable[[CheckinAnswer | None], None],
        ) -> None:
            current = app.workshop or ws
            kr = current.key_result(kr_id) or ws.key_result(kr_id)
            assert kr is not None
            app.push_screen(
                CheckinDialog(current, kr, today=today, typed=typed, problem=problem or ""), reply
            )

        def save(answer: CheckinAnswer) -> Worker[Outcome[Any]]:
            return app.change(apply_checkin, kr_id, answer, today)

        def then(outcome: Outcome[Any] | None) -> None:
            checkin = outcome.value if outcome is not None and outcome.ok else None
            if isinstance(checkin, CheckIn):
                message.say(
                    labelled(
                        "Checked in $kr for $day: $value ($who).",
                        kr=self._label(kr_id),
                        day=checkin.date.isoformat(),
                        value=checkin.value,
                        who=checkin.author,
                    )
                )
            self._focus_current()

        app.ask_and_save(ask, save, then)
