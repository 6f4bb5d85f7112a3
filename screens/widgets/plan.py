"""The plan beside the key results: initiatives, the work the team will do to move them.

Key results say what should change; the plan says what the team will do about it. The linter
keeps telling people to "keep the work in the plan", so the key-results step shows the plan
under the list: each initiative with its owner and the key result it serves (or the objective
as a whole). ``PlanTable`` lists them; ``InitiativeForm`` adds or edits one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Label, Select, Static

from okrworkshop.kr_names import kr_label, label_for
from okrworkshop.model import Initiative, KeyResult, Workshop
from okrworkshop.rules import RuleError, clean_text
from okrworkshop.text import plural
from screens.dialogs.modals import FormDialog
from screens.user_text import labelled, shown_line
from screens.widgets.fields import SafeInput
from screens.widgets.rows_table import Column, RowsTable

OBJECTIVE = "the objective"
"""What an initiative serves when it serves no one key result."""


@dataclass(frozen=True)
class InitiativeValues:
    """An initiative as typed in the form: ``key_result`` "" means the objective as a whole."""

    text: str
    owner: str
    key_result: str


class PlanTable(RowsTable):
    """The initiatives; keys here act on the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a", "screen.add_initiative", "Add"),
        Binding("e", "screen.edit_initiative", "Edit"),
        Binding("enter", "screen.edit_initiative", "Edit", show=False),
        Binding("x,delete", "screen.remove_initiative", "Remove"),
    ]


def plan_columns(width: int) -> tuple[list[Column], int]:
    """The plan's columns in ``width`` cells, and the width left for the initiative's words."""
    owner_w = 12 if width >= 100 else 8
    serves_w = 14 if width >= 100 else 9
    fixed = 4 + owner_w + serves_w
    text_w = max(width - fixed - 2 * 4 - 3, 14)
    return (
        [
            ("id", "Id", 4),
            ("text", "Initiative", text_w),
            ("owner", "Owner", owner_w),
            ("serves", "Serves", serves_w),
        ],
        text_w,
    )


def serves_words(ws: Workshop, initiative: Initiative) -> str:
    """Which key result an initiative serves ("KR2", as everywhere), or "the objective"."""
    if initiative.key_result and ws.key_result(initiative.key_result) is not None:
        return kr_label(ws, initiative.key_result)
    return OBJECTIVE


def load_plan(table: PlanTable, ws: Workshop, width: int) -> None:
    """Fill ``table`` with the workshop's initiatives, keeping the cursor on the same one."""
    columns, text_w = plan_columns(width)
    owner_w, serves_w = columns[2][2], columns[3][2]
    rows = [(i.id, i.text, i.owner or "nobody yet", serves_words(ws, i)) for i in ws.initiatives]
    table.load(
        columns,
        (width, tuple(rows)),
        lambda: [
            (
                row[0],
                [
                    Content(row[0]),
                    shown_line(row[1], text_w),
                    shown_line(row[2], owner_w),
                    shown_line(row[3], serves_w),
                ],
            )
            for row in rows
        ],
    )


def plan_title(ws: Workshop) -> Content:
    """The line above the plan: what it is, and how to add to it."""
    count = len(ws.initiatives)
    if not count:
        return Content.styled("Plan: ", "bold") + Content.styled(
            "no initiatives yet (the work meant to move the key results). On the list, a "
            "adds one for the highlighted key result; ^o moves a key result that describes "
            "work here.",
            "$text-muted",
        )
    return Content.styled("Plan: ", "bold") + Content(
        f"{plural(count, 'initiative')}, the work meant to move the key results"
    )


class InitiativeForm(FormDialog[InitiativeValues]):
    """Add or edit one initiative: its words, its owner, the key result it serves."""

    CSS_PATH = ["../dialogs/modals.tcss", "plan.tcss"]  # noqa: RUF012 (as Textual types it)
    BINDINGS: ClassVar[list[BindingType]] = [
        *FormDialog.BINDINGS,
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(
        self,
        *,
        title: Content,
        people: list[str],
        key_results: list[KeyResult],
        values: InitiativeValues,
        problem: str | None = None,
    ) -> None:
        """``values``: what the form opens with (the stored initiative, or what was typed
        before a save that failed, which ``problem`` explains)."""
        super().__init__()
        self._title = title
        self.people = list(people)
        if values.owner and values.owner not in self.people:
            self.people.append(values.owner)
        self.key_results = key_results
        self.values = values
        self.problem = problem

    def compose(self) -> ComposeResult:
        values = self.values
        ids = {kr.id for kr in self.key_results}
        with Vertical(classes="dialog", id="initiative-form"):
            yield Static(self._title, classes="dialog-title")
            yield Label("The work (what the team will do)")
            yield SafeInput(
                values.text,
                placeholder="e.g. Launch the partner portal",
                id="initiative-text",
            )
            with Horizontal(classes="form-row"):
                with Vertical():
                    yield Label("Owner (optional)")
                    yield Select[str](
                        [(shown_line(p, 30), p) for p in self.people],
                        value=values.owner if values.owner else Select.NULL,
                        prompt="Nobody yet",
                        allow_blank=True,
                        id="initiative-owner",
                        compact=True,
                    )
                with Vertical():
                    yield Label("Serves")
                    yield Select[str](
                        [
                            (
                                Content.styled(label_for(number), "bold")
                                + Content(" ")
                                + shown_line(kr.statement, 28),
                                kr.id,
                            )
                            for number, kr in enumerate(self.key_results, 1)
                        ],
                        value=values.key_result if values.key_result in ids else Select.NULL,
                        prompt="The objective as a whole",
                        allow_blank=True,
                        id="initiative-serves",
                        compact=True,
                    )
            yield from self.form_ending("initiative-error", self.problem, "Save (ctrl+s)")

    def on_mount(self) -> None:
        self.query_one("#initiative-text", SafeInput).focus()

    def answer(self) -> InitiativeValues:
        owner = self.query_one("#initiative-owner", Select).value
        serves = self.query_one("#initiative-serves", Select).value
        return InitiativeValues(
            text=self.query_one("#initiative-text", SafeInput).value,
            owner=owner if isinstance(owner, str) else "",
            key_result=serves if isinstance(serves, str) else "",
        )

    def action_save(self) -> None:
        answer = self.answer()
        error = self.query_one("#initiative-error", Static)
        if not answer.text.strip():
            error.update(Content("Type the work first, or press Esc."))
            self.query_one("#initiative-text", SafeInput).focus()
            return
        try:
            clean_text(answer.text, "initiative")
        except RuleError as exc:
            error.update(Content(str(exc)))
            return
        self.dismiss(answer)


def initiative_title(initiative: Initiative | None) -> Content:
    if initiative is None:
        return Content.styled("Add to the plan", "bold")
    return labelled("[b]Edit initiative $id[/b]", id=initiative.id)
