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


def steps_line(ws: Workshop, current: Stage, width: int) -> Content:
    """All steps on one line; the compact form drops names of steps other than the current."""
    for compact in (False, True):
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
        line = Content(" ").join(parts)
        if line.cell_length <= width or compact:
            return line
    raise AssertionError("unreachable")


def status_line(ws: Workshop, current: Stage) -> Content:
    """What the step still needs, in the rules' own words."""
    title = Content.styled(f"{current.label}: ", "bold")
    if ws.status is Status.FINAL:
        return title + Content("✓ final (ctrl+p, Reopen, to change it)")
    missing = rules.missing_for(ws, current)
    if not missing:
        return title + Content.styled("✓ this step is complete", "$text-success")
    return title + Content("Still needed: ") + shown_line(" ".join(missing))


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
        heading = shown_line(f"{ws.team} · {ws.cycle.label}", 22)
        width = max(self.size.width - heading.cell_length - 3, 20)
        line = steps_line(ws, self.stage, width)
        self.query_one("#steps", Static).update(
            Content(" ") + heading.stylize("bold") + Content("  ") + line
        )
        self.query_one("#missing", Static).update(status_line(ws, self.stage))

    def show_clock(self, text: Content) -> None:
        self.query_one("#clock", Static).update(text)
