"""Step 2, Strategic context: what limits the team's playing field before anyone drafts.

One scrolling form, one field per part of the context, each with a short note on what belongs
there. Every field saves as it is typed (after a short pause) and at once when it is left.
Lists are typed one item per line; overlaps with other teams as "Team: topic". When an org file
applies to the database (as for ``okrworkshop parents``), F2 picks the company's OKRs to name.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from okrworkshop import actions, rules
from okrworkshop.actions import ContextKey
from okrworkshop.errors import Refused
from okrworkshop.model import CONTEXT_LABELS, Context, Stage, Status, Workshop
from okrworkshop.org import read_org_file
from okrworkshop.rules import RuleError
from okrworkshop.text import plural
from screens.dialogs.org_parents import ask_org_parents, org_file_for
from screens.facilitator.step import StepScreen
from screens.widgets.fields import FieldArea

OVERLAPS: ContextKey = "overlaps"
PARENTS: ContextKey = "parent_okrs"


@dataclass(frozen=True)
class ContextField:
    """One field of the form: the context attribute it edits, its title and its guidance."""

    key: ContextKey
    title: str
    guidance: str
    kind: str = "text"  # "text", "list" (one item per line) or "overlaps" ("Team: topic")
    placeholder: str = ""

    @property
    def field_key(self) -> str:
        return f"context.{self.key}"

    @property
    def widget_id(self) -> str:
        return f"context-{self.key}"


FIELDS: tuple[ContextField, ...] = (
    ContextField(
        "mission",
        CONTEXT_LABELS["mission"],
        "Why the company exists, in a sentence or two. It rarely changes: write it the way "
        "leadership says it, so any objective can be traced back to it.",
        placeholder="e.g. Help small businesses sell what they make",
    ),
    ContextField(
        "north_star",
        CONTEXT_LABELS["north_star"],
        "The long-term purpose leadership sets for the product: short, easy to remember, "
        "about what customers get. Every draft should move the team towards it.",
        placeholder="e.g. Our buyers always find what they are looking for",
    ),
    ContextField(
        "pillars",
        CONTEXT_LABELS["pillars"],
        "The few focus areas the North Star is split into for the year, one per line. A "
        "draft that serves no pillar is probably outside this cycle's playing field.",
        kind="list",
        placeholder="one pillar per line",
    ),
    ContextField(
        "vision",
        CONTEXT_LABELS["vision"],
        "The picture of what the product becomes over the next years. It outlives the "
        "strategy: the vision says where, the strategy says which way first.",
    ),
    ContextField(
        "principles",
        CONTEXT_LABELS["principles"],
        "Standards the team keeps whatever it builds, one per line (e.g. relevance before "
        "volume). They settle arguments between drafts.",
        kind="list",
        placeholder="one principle per line",
    ),
    ContextField(
        "strategy",
        CONTEXT_LABELS["strategy"],
        "The near-term bet and its waypoints: what the team must win at first, and what "
        "waits. Objectives that do not serve it belong on the not-now list.",
    ),
    ContextField(
        PARENTS,
        CONTEXT_LABELS["parent_okrs"],
        "The company's or department's OKRs for this cycle, one per line. The team's "
        "objective should show which of them it moves.",
        kind="list",
        placeholder="one OKR per line",
    ),
    ContextField(
        OVERLAPS,
        CONTEXT_LABELS["overlaps"],
        "Teams whose work touches ours, one per line as Team: topic. Naming them now lets "
        "the room plan dependencies and agree shared OKRs instead of finding clashes later.",
        kind="overlaps",
        placeholder="e.g. Payments: checkout drop-off after a search",
    ),
    ContextField(
        "why_okrs",
        CONTEXT_LABELS["why_okrs"],
        "The problem OKRs should solve for this team, such as too much work started and "
        "too little finished. If nobody can say, OKRs turn into paperwork.",
    ),
)

INTRO = (
    "Context narrows the playing field: the drafts in the next step should serve this "
    "mission, North Star and strategy. Fill it in before the meeting so everyone reads it "
    "first. Every field saves as you type; Tab moves to the next one."
)


def overlaps_problem(text: str) -> str | None:
    """The first overlap line that is not "Team: topic", in words; None when all are."""
    try:
        actions.parse_overlaps(text)
    except RuleError as exc:
        return f"✗ {exc} Not saved until every line reads Team: topic."
    return None


def context_value(context: Context, spec: ContextField) -> str:
    """The stored value of a field as it is typed in the form."""
    if spec.kind == "overlaps":
        return "\n".join(f"{o.team}: {o.topic}" for o in context.overlaps)
    value = getattr(context, spec.key)
    return "\n".join(value) if spec.kind == "list" else value


def _saver(spec: ContextField) -> Callable[[str], Callable[[Workshop], Any]]:
    return lambda value: lambda ws: actions.set_context_text(ws, spec.key, value)


class ContextScreen(StepScreen):
    STAGE = Stage.CONTEXT
    CSS_PATH = "context.tcss"
    AUTO_FOCUS = "#context-mission"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "pick_org_parents", "Company OKRs"),
    ]
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (Textual types it as an instance variable)
        (0, "-narrow"),
        (100, "-wide"),
    ]
    org_file: Path | None = None
    """The org file that applies to the database, looked for each time the step shows."""
    _back_to: Widget | None = None
    """The field that had focus when the company OKRs picker opened."""
    PURPOSE = (
        "Before anyone drafts, the facilitator (or product lead) sets out what limits the "
        "team's playing field this cycle: the company mission, the North Star leadership set, "
        "the strategic pillars, the product vision, principles and strategy, the OKRs one level "
        "up, and the other teams whose work overlaps. Participants read this before they "
        "draft, so their ideas fit the strategy. Fields marked 'required' must be filled for "
        "the step to be complete; the others help but are optional."
    )

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="context-form", can_focus=False):
            yield Static(Content(INTRO), id="context-intro")
            for spec in FIELDS:
                with Vertical(classes="context-field", id=f"{spec.widget_id}-box"):
                    yield Static(id=f"{spec.widget_id}-label", classes="field-label")
                    with Horizontal(classes="field-row"):
                        yield FieldArea(spec.field_key, placeholder=spec.placeholder)
                        yield Static(Content(spec.guidance), classes="guidance")
                    if spec.kind == "overlaps":
                        yield Static("", id="overlaps-hint", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.savers = {spec.field_key: _saver(spec) for spec in FIELDS}

    def on_screen_resume(self) -> None:
        self.org_file = org_file_for(self.okr_app)
        self.refresh_bindings()
        super().on_screen_resume()
        if self._back_to is not None:  # back from the picker: the fields show the file first
            self._back_to.focus()
            self._back_to = None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "pick_org_parents":  # without an org file the step is as it always was
            return self.org_file is not None
        return super().check_action(action, parameters)

    def action_pick_org_parents(self) -> None:
        """Name the company's objectives and key results this team serves (F2)."""
        if self.org_file is None:
            return
        try:
            rules.require_editable(self.workshop)  # a final OKR says so before any marking
            org = read_org_file(self.org_file)  # an unusable org file is named
        except Refused as exc:
            self.notify(str(exc), title="Company OKRs", severity="warning", markup=False)
            return
        # Lines typed a moment ago are saved before the pick, and the field is left, so that
        # it shows what the file holds (with the picked lines) when the room is back.
        self._back_to = self.focused
        self.set_focus(None)
        self.okr_app.writes.flush()
        ask_org_parents(self.okr_app, self.workshop, org, self._picked)

    def _picked(self, message: str) -> None:
        """Say what changed and show the field that holds it."""
        self.notify(message, title="Company OKRs", markup=False)
        self.query_one(f"#context-{PARENTS}", FieldArea).focus()

    def _field_changed(self, key: str, value: str) -> None:
        if key == f"context.{OVERLAPS}":
            problem = overlaps_problem(value)
            self.query_one("#overlaps-hint", Static).update(problem or "")
            if problem:
                return  # keep the text on screen; save once every line reads Team: topic
        super()._field_changed(key, value)

    def show(self, ws: Workshop) -> None:
        final = ws.status is Status.FINAL  # a final OKR is a record: reopen it to edit
        for spec in FIELDS:
            label = _label(ws, spec, self.org_file is not None)
            self.query_one(f"#{spec.widget_id}-label", Static).update(label)
            area = self.query_one(f"#{spec.widget_id}", FieldArea)
            area.read_only = final
            if spec.kind == "overlaps" and overlaps_problem(area.text):
                continue  # a half-typed line the store does not have yet: never replace it
            area.load(context_value(ws.context, spec))


def _label(ws: Workshop, spec: ContextField, org: bool = False) -> Content:
    """The field's title, and whether it is required and filled (in words, not colour);
    ``org``: an org file applies, so the company's OKRs can be picked (said by the list)."""
    title = Content.styled(spec.title, "bold")
    filled = bool(context_value(ws.context, spec).strip())
    if spec.key in rules.REQUIRED_CONTEXT:
        state = (
            Content.styled("  required ✓", "$text-success")
            if filled
            else Content.styled("  required: still empty ✗", "$text-warning")
        )
    else:
        state = Content.styled("  optional", "$text-muted")
    count = ""
    if spec.kind == "list":
        items = len(getattr(ws.context, spec.key))
        count = f"  ({plural(items, 'item')}, one per line)"
        if org and spec.key == PARENTS:
            count = f"  ({plural(items, 'item')}, one per line; F2 picks the company's)"
    elif spec.kind == "overlaps":
        items = len(ws.context.overlaps)
        count = f"  ({plural(items, 'team')}, one per line as Team: topic)"
    return title + state + Content.styled(count, "$text-muted")
