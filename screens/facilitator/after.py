"""After the room: the screens a team comes back to through the cycle (the check-ins, the grade,
the minutes) and how the shared screen gets to them.

They are not steps of the room, so they have a bar of their own instead of the step bar. Each
is a peer of the step screens on the screen stack (switched to, never pushed on top of one), so
the palette's "Go to step" and "Open another workshop" work from them as from any step. Each is
built when it is shown and reads every figure from the core, as of ``AppOptions.today``.
"""

from __future__ import annotations

from datetime import date
from importlib import import_module
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Static

from okrworkshop import rules
from okrworkshop.model import Lifecycle, Stage, Status, Workshop
from okrworkshop.progress import CycleClock
from okrworkshop.rules import RuleError
from screens.dialogs.tracking import NextCycleAnswer, NextCycleDialog
from screens.facilitator.step import WorkshopScreen
from screens.user_text import shown_line

if TYPE_CHECKING:
    from screens.facilitator.app import OkrApp

AFTER_SCREENS: dict[str, tuple[str, str, str]] = {
    # which: (module, class, the name on the bar)
    "checkins": ("checkins", "CheckinsScreen", "Check-ins"),
    "grade": ("grade", "GradeScreen", "Grade"),
    "minutes": ("minutes", "MinutesScreen", "Minutes"),
}
KEYS = {"checkins": "k", "grade": "g", "minutes": "m"}
MEETING_SCREENS: dict[str, tuple[str, str, str]] = {
    # reached from these screens by key, not on their bar (yet): the weekly meeting (w)
    "week": ("cycle.week", "WeekScreen", "Weekly meeting"),
}


def go_after(app: OkrApp, which: str) -> None:
    """Show one of the after-the-room screens for the open workshop."""
    if app.workshop is None or app.screen.name == f"after-{which}":
        return
    module, name, _ = {**AFTER_SCREENS, **MEETING_SCREENS}[which]
    screen: Screen[None] = getattr(import_module(f"{__package__}.{module}"), name)()
    app.writes.flush()
    if len(app.screen_stack) == 1:  # only the app's default screen: nothing to replace
        app.push_screen(screen)
    else:
        app.switch_screen(screen)


def not_trackable(ws: Workshop) -> str | None:
    """Why nothing can be checked in or scored now (None: it can). The core decides; where its
    sentence names a command, the screen names its keys instead."""
    try:
        rules.require_trackable(ws)
    except RuleError as exc:
        if ws.graded:
            return (
                f"This cycle was graded on {ws.graded[:10]}, which closes it: no more check-ins "
                "or scores. Undo the grade (g, then u) if the team wants to change it."
            )
        if ws.status is not Status.FINAL and not any(kr.checkins for kr in ws.key_results):
            return (
                "Check-ins start once the OKR is final: until then its key results can still "
                "change. Finalize it on the Final step (F8, then shift+F)."
            )
        return str(exc)
    return None


def tabs_line(which: str) -> Content:
    """The three screens, the one on screen marked (▶) and the others with their keys."""
    parts = []
    for key, (_, _, label) in AFTER_SCREENS.items():
        if key == which:
            parts.append(Content.styled(f" ▶ {label} ", "bold reverse"))
        else:
            parts.append(Content.styled(f" {label} ({KEYS[key]}) ", "$text-muted"))
    return Content(" ").join(parts)


def cycle_line(ws: Workshop, today: date) -> Content:
    """Where the OKR is in its life and in its cycle, as of ``today``."""
    lifecycle = rules.lifecycle(ws)
    clock = CycleClock(ws.cycle.start, ws.cycle.end, today)
    style = {
        Lifecycle.TRACKING: "bold $text-success",
        Lifecycle.GRADED: "bold $text-accent",
    }.get(lifecycle, "bold")
    return Content.styled(lifecycle.value.capitalize(), style) + Content(
        f" · today {today.isoformat()}: {clock.describe()}"
    )


class AfterBar(Vertical):
    """The two lines at the top of an after-the-room screen: team, cycle and the screens; the
    OKR's lifecycle and the cycle's clock."""

    def __init__(self, which: str) -> None:
        super().__init__(id="after-bar")
        self.which = which

    def compose(self) -> ComposeResult:
        with Horizontal(id="after-top"):
            yield Static(id="after-team", markup=False)
            yield Static(tabs_line(self.which), id="after-tabs", markup=False)
        yield Static(id="after-cycle", markup=False)

    def show(self, ws: Workshop, today: date) -> None:
        team = shown_line(f"{ws.team} · {ws.cycle.label}", 40).stylize("bold")
        self.query_one("#after-team", Static).update(Content(" ") + team)
        self.query_one("#after-cycle", Static).update(Content(" ") + cycle_line(ws, today))


class AfterScreen(WorkshopScreen):
    """What the after-the-room screens share: the bar, the keys between them, redrawing."""

    WHICH: ClassVar[str]
    HELP_TITLE: ClassVar[str] = ""
    PURPOSE: ClassVar[str] = ""

    BINDINGS: ClassVar[list[BindingType]] = [
        # the bar at the top names the three screens with their keys: the Footer need not
        Binding("k", "after('checkins')", "Check-ins", show=False),
        Binding("g", "after('grade')", "Grade", show=False),
        Binding("m", "after('minutes')", "Minutes", show=False),
        Binding("w", "after('week')", "Weekly meeting", show=False),
        Binding("N,shift+n", "next_cycle", "Next cycle", key_display="N"),
        Binding("f8", "final_step", "Final step"),
    ]

    def __init__(self) -> None:
        super().__init__(name=f"after-{self.WHICH}")

    def today(self) -> date:
        return self.okr_app.options.today()

    # --- layout and drawing ---------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield AfterBar(self.WHICH)
        with Container(id="body"):
            yield from self.compose_body()
        yield Footer(compact=True)

    def compose_body(self) -> ComposeResult:
        raise NotImplementedError

    def show(self, ws: Workshop) -> None:
        """Redraw the body from ``ws`` (on resume and whenever the file changed)."""

    def on_mount(self) -> None:
        self.watch(self.okr_app, "workshop", self._workshop_changed, init=False)

    def on_screen_resume(self) -> None:
        self._workshop_changed(self.okr_app.workshop)

    def _workshop_changed(self, ws: Workshop | None) -> None:
        if ws is None or not self.is_current:
            return
        self.query_one(AfterBar).show(ws, self.today())
        self.show(ws)

    # --- moving -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # the screen on show: its own key is not offered
        return not (action == "after" and parameters and parameters[0] == self.WHICH)

    def action_after(self, which: str) -> None:
        go_after(self.okr_app, which)

    def action_final_step(self) -> None:
        self.okr_app.go_to_step(Stage.FINAL)

    def action_next_cycle(self) -> None:
        start_next_cycle(self.okr_app)


def start_next_cycle(app: OkrApp) -> None:
    """Ask for the next cycle's label and dates, store the new workshop and open it. If it
    cannot be stored, the form opens again with what was typed and why."""
    old = app.workshop
    if old is None:
        return
    today = app.options.today()

    def created(new: Workshop | None) -> None:
        if new is None:
            return
        problem = app.create_workshop(new)
        if problem:
            start, end = new.cycle.start, new.cycle.end
            typed = NextCycleAnswer(
                new.cycle.label,
                start.isoformat() if start else "",
                end.isoformat() if end else "",
            )
            again = NextCycleDialog(old, today=today, typed=typed, problem=problem)
            app.push_screen(again, created)

    app.push_screen(NextCycleDialog(old, today=today), created)
