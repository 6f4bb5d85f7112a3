"""The bar at the top of every step: where the room is, what is done, what is missing, the clock.

Each step carries a mark as well as a colour (✓ done, ▶ here, · to do), so nothing depends on
telling colours apart on a washed-out projector.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from okrworkshop import rules
from okrworkshop.model import Stage, Status, Workshop
from okrworkshop.text import visible
from screens.user_text import shown_line

SHORT_NAMES: dict[Stage, str] = {
    Stage.SETUP: "Setup",
    Stage.CONTEXT: "Context",
    Stage.DRAFTS: "Drafts",
    Stage.FOCUS: "Focus",
    Stage.DEPRIORITIZED: "Not now",
    Stage.KEY_RESULTS: "KRs",
    Stage.REFINE: "SMART",
    Stage.FINAL: "Final",
}


MIN_HEADING = 24
"""Cells the team and cycle keep before the other steps' names give way."""


def steps_line(ws: Workshop, current: Stage, *, compact: bool = False) -> Content:
    """All steps on one line; the compact form drops names of steps other than the current."""
    parts: list[Content] = []
    for number, stage in enumerate(Stage, start=1):
        done = rules.step_complete(ws, stage)
        if stage is current:
            mark, style = "▶", "bold reverse"
        else:
            mark, style = ("✓", "$text-success") if done else ("·", "$text-muted")
        name = SHORT_NAMES[stage] if (stage is current or not compact) else ""
        label = f"{mark}{number} {name}".rstrip()
        parts.append(Content.styled(f" {label} ", style))
    return Content(" ").join(parts)


def heading(team: str, cycle: str, width: int) -> Content:
    """ "Team · cycle" in at most ``width`` cells: the team's name gives way first, so the cycle
    the OKR is for stays readable."""
    cycle_part = shown_line(cycle, max(width - 4, 8))
    room = width - cycle_part.cell_length - 3
    team_part = shown_line(team, room) if room >= 4 else Content("")
    return team_part + Content(" · ") + cycle_part if team_part else cycle_part


def bar_line(ws: Workshop, current: Stage, width: int) -> Content:
    """The top line: the workshop, then the steps. Step names stay while the workshop's name
    keeps ``MIN_HEADING`` cells (or all it needs); below that only the current step is named."""
    full = len(visible(f"{ws.team} · {ws.cycle.label}"))
    for compact in (False, True):
        line = steps_line(ws, current, compact=compact)
        room = width - line.cell_length - 3  # a space before the heading, two after
        if room >= min(full, MIN_HEADING) or compact:
            title = heading(ws.team, ws.cycle.label, max(room, 12)).stylize("bold")
            return Content(" ") + title + Content("  ") + line
    raise AssertionError("unreachable")


WRAP_SLACK = 8
"""Cells left unused when two lines wrap at a space rather than mid-word."""


def status_line(ws: Workshop, current: Stage, room: int | None = None) -> Content:
    """What the step still needs, in the rules' own words. When it all would not fit in
    ``room`` cells (two lines of the bar), the first need is said in full and the rest counted,
    rather than cut mid-sentence."""
    title = Content.styled(f"{current.label}: ", "bold")
    if ws.status is Status.FINAL:
        return title + Content("✓ final (ctrl+p, Reopen, to change it)")
    missing = rules.missing_for(ws, current)
    if not missing:
        return title + Content.styled("✓ this step is complete", "$text-success")
    line = title + Content("Still needed: ") + shown_line(" ".join(missing))
    if room is None or line.cell_length <= room or len(missing) == 1:
        return line
    head = title + Content("Still needed: ")
    more = Content(f" (and {len(missing) - 1} more like it)")
    # The first need gets what the heading and the count leave, less a few cells that wrapping
    # at a space can waste at the end of the first line.
    first = room - head.cell_length - more.cell_length - WRAP_SLACK
    return head + shown_line(missing[0], max(first, 12)) + more


class StepBar(Vertical):
    """The two lines at the top of a step screen."""

    def __init__(self, stage: Stage) -> None:
        super().__init__(id="step-bar")
        self.stage = stage
        self._workshop: Workshop | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="steps", markup=False)
        with Horizontal(id="step-status"):
            yield Static(id="missing", markup=False)
            yield Static(id="clock", markup=False)

    def show(self, ws: Workshop) -> None:
        self._workshop = ws
        self._draw()

    def on_resize(self) -> None:
        self._draw()

    def _draw(self) -> None:
        ws = self._workshop
        if ws is None:
            return
        self.query_one("#steps", Static).update(bar_line(ws, self.stage, self.size.width))
        clock = self.query_one("#clock", Static).content_size.width + 2
        room = 2 * (self.size.width - clock - 2) - 4  # two lines, less padding and a margin
        self.query_one("#missing", Static).update(status_line(ws, self.stage, room))

    def show_clock(self, text: Content) -> None:
        self.query_one("#clock", Static).update(text)
