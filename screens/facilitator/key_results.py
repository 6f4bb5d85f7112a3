"""Step 6, Key results: the room brainstorms how it will know the focus objective is met.

The focus objective stays on top so every key result is written against it. The form shows
the SMART linter's findings live as a key result is typed; Enter adds it and clears the form
for the next idea. A key result in the list can be loaded back into the form (e), where every
edit saves itself, or deleted (x). Advice on the set as a whole (two to five key results, at
least one outcome) sits under the list.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import DataTable, Static

from okrworkshop import actions
from okrworkshop.actions import KeyResultFields
from okrworkshop.model import KeyResult, Stage, Workshop
from okrworkshop.rules import RuleError
from okrworkshop.smart import MAX_KEY_RESULTS, MIN_KEY_RESULTS, lint_key_result_set
from screens.dialogs.modals import confirm
from screens.facilitator.step import StepScreen
from screens.user_text import labelled, shown, shown_line
from screens.widgets.findings import lint_record, lint_summary
from screens.widgets.kr_form import KrForm, KrValues, field_key
from screens.widgets.rows_table import RowsTable

# A date being typed: nothing, or something that already looks like 2027-03-31.
WHOLE_DATE = re.compile(r"^\s*(\d{4}-\d{2}-\d{2})?\s*$")

# The list's columns: key, heading, ideal width, narrowest width. The statement gets the rest.
COLUMNS: tuple[tuple[str, str, int, int], ...] = (
    ("id", "KR", 5, 5),
    ("statement", "Statement", 0, 0),
    ("metric", "Metric", 16, 8),
    ("movement", "Baseline → target", 20, 10),
    ("deadline", "Deadline", 10, 10),
    ("owner", "Owner", 10, 6),
    ("smart", "SMART", 15, 10),
)
MIN_STATEMENT_WIDTH = 14
SHORT_SCREEN_ROWS = 32


def column_widths(total: int) -> list[int]:
    """Widths for the list's columns in ``total`` cells: others shrink before the statement."""
    widths = [ideal for _key, _label, ideal, _least in COLUMNS]
    room = total - 2 * len(COLUMNS) - 1  # each cell has one cell of padding either side
    spare = room - sum(widths) - MIN_STATEMENT_WIDTH
    for index, (_key, _label, ideal, least) in enumerate(COLUMNS):
        if spare >= 0:
            break
        cut = min(ideal - least, -spare)
        widths[index] -= cut
        spare += cut
    widths[1] = max(MIN_STATEMENT_WIDTH, room - sum(widths))
    return widths


class KrTable(RowsTable):
    """The key results so far; keys here act on the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "screen.edit_kr", "Edit"),
        Binding("delete,x", "screen.delete_kr", "Delete"),
    ]


class KeyResultsScreen(StepScreen):
    STAGE = Stage.KEY_RESULTS
    CSS_PATH = "key_results.tcss"
    AUTO_FOCUS = "#kr-statement"
    PURPOSE = (
        "The room names how it will know the focus objective is met: two to five key results, "
        "each a change in a number, from where it is today to where it should be by a date. "
        "Type one in the form and press Enter; the SMART checks beside the form react as you "
        "type (✓ passes, ✗ a problem with a hint to fix it, ? a question only the room can "
        "answer). Capture every idea first, then tidy up: e loads a key result back into the "
        "form, where each change saves itself, Esc finishes editing, x deletes. Each key result "
        "needs a metric, a baseline, a target, a deadline and one accountable owner before the "
        "OKR can be final."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit_form", "Add KR"),
        Binding("escape", "finish_edit", "Done editing"),
    ]

    def __init__(self) -> None:
        super().__init__()
        # The linter compiles its word lists on first use (~70 ms): the first frame shows the
        # key results at once and their SMART marks a moment later.
        self._lint_ready = False

    def compose_body(self) -> ComposeResult:
        yield Static("", id="kr-focus", markup=False)
        yield KrTable(id="kr-table")
        yield Static("", id="kr-advice", markup=False)
        yield KrForm(id="kr-form")

    @property
    def form(self) -> KrForm:
        return self.query_one(KrForm)

    @property
    def table(self) -> KrTable:
        return self.query_one(KrTable)

    # --- drawing ------------------------------------------------------------------------------

    def show(self, ws: Workshop) -> None:
        self._show_focus(ws)
        self._show_table(ws)
        self._show_advice(ws)
        form = self.form
        form.set_people([*ws.participants, ws.facilitator])
        if form.editing is not None:
            kr = ws.key_result(form.editing)
            if kr is None:
                self.notify(
                    f"{form.editing} was deleted (perhaps from another terminal); editing stopped.",
                    severity="warning",
                    markup=False,
                )
                self._stop_editing()
            else:
                form.load(kr)

    def _show_focus(self, ws: Workshop) -> None:
        focus = ws.focus_objective
        banner = self.query_one("#kr-focus", Static)
        banner.set_class(focus is None, "-missing")
        if focus is None:
            banner.update(
                Content(
                    "✗ No focus objective yet. Key results measure the one focus objective: "
                    "choose it in step 4, Create focus (F8 goes back a step, ctrl+p jumps "
                    "there). Ideas typed here are kept, but the OKR cannot be final without "
                    "a focus."
                )
            )
            return
        banner.update(labelled("[b]★ Focus objective $id:[/b] ", id=focus.id) + shown(focus.text))

    def _row(self, kr: KeyResult) -> tuple[str, ...]:
        """A key result as the plain strings of its list row (compared to skip redraws)."""
        marker = "✎ " if kr.id == self.form.editing else ""
        return (
            marker + kr.id,
            kr.statement,
            kr.metric,
            kr.movement,
            kr.deadline.isoformat() if kr.deadline else "",
            kr.owner,
            lint_summary(lint_record(kr)) if self._lint_ready else "…",
        )

    def _show_table(self, ws: Workshop) -> None:
        widths = column_widths(self.table.size.width or self.size.width)
        columns = [
            (key, label, width) for (key, label, _i, _l), width in zip(COLUMNS, widths, strict=True)
        ]
        rows = [(kr.id, self._row(kr)) for kr in ws.key_results]
        self.table.load(
            columns,
            (tuple(widths), tuple(rows)),
            lambda: [
                (kr_id, [shown_line(text, w) for text, w in zip(row, widths, strict=True)])
                for kr_id, row in rows
            ],
        )

    def on_resize(self) -> None:
        # On a short terminal the form drops the blank lines between its rows.
        self.set_class(self.size.height < SHORT_SCREEN_ROWS, "-short")
        if self.okr_app.workshop is not None and self.is_current:
            self._show_table(self.workshop)

    def on_screen_resume(self) -> None:
        super().on_screen_resume()
        if not self._lint_ready:
            self.call_after_refresh(self._lint_after_first_frame)

    def _lint_after_first_frame(self) -> None:
        self._lint_ready = True
        if self.is_current:
            self.show(self.workshop)

    def _show_advice(self, ws: Workshop) -> None:
        if not self._lint_ready:
            return
        count = len(ws.key_results)
        lines: list[Content] = []
        if MIN_KEY_RESULTS <= count <= MAX_KEY_RESULTS:
            lines.append(
                Content.styled(
                    f"✓ {count} key results: within the {MIN_KEY_RESULTS}–{MAX_KEY_RESULTS} rule.",
                    "$text-success",
                )
            )
        for finding in lint_key_result_set(ws.key_results):
            lines.append(Content.styled("✗ ", "bold $text-warning") + shown_line(finding.message))
        self.query_one("#kr-advice", Static).update(Content("\n").join(lines))

    # --- adding -------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "submit_form":
            return self.form.editing is None
        if action == "finish_edit":
            return self.form.editing is not None
        return True

    def action_submit_form(self) -> None:
        self.form.submit()

    @on(KrForm.Submitted)
    def _form_submitted(self, event: KrForm.Submitted) -> None:
        self.add_key_result(event.values)

    @work(group="kr-add")
    async def add_key_result(self, values: KrValues) -> None:
        """Add the form's key result; on any refusal the form keeps every word."""
        form = self.form
        if not values.statement.strip():
            form.show_message(
                "Type the key result's statement first (the change you want to see).",
                error=True,
            )
            form.focus_field("statement")
            return
        try:
            actions.parse_date(values.deadline, "deadline")
        except RuleError as exc:
            form.show_message(str(exc), error=True)
            form.focus_field("deadline")
            self.notify(str(exc), title="Not added", severity="warning", markup=False)
            return
        ws = self.workshop
        author = ws.facilitator or (ws.participants[0] if ws.participants else "")
        worker = self.okr_app.change(
            actions.add_key_result,
            values.statement,
            author=author,
            fields=KeyResultFields(
                metric=values.metric,
                baseline=values.baseline,
                target=values.target,
                unit=values.unit,
                deadline=values.deadline,
                owner=values.owner or None,
            ),
        )
        outcome = await worker.wait()
        if not outcome.ok:
            form.show_message(outcome.error or "", error=True)
            return
        kr = outcome.value
        assert kr is not None  # a change that went through returns the key result
        if form.editing is None:
            form.clear(keep=values)
            form.show_message(labelled("✓ Added $id. Type the next one.", id=kr.id))
            form.focus_field("statement")
        if kr.id in self.table.rows:
            self.table.move_cursor(row=self.table.get_row_index(kr.id), animate=False)

    # --- editing ------------------------------------------------------------------------------

    def _highlighted_id(self) -> str | None:
        return self.table.highlighted_key

    def action_edit_kr(self) -> None:
        kr_id = self._highlighted_id()
        kr = self.workshop.key_result(kr_id) if kr_id else None
        if kr is None:
            return
        self.okr_app.writes.flush()
        self.savers = _savers(kr.id)
        self.form.start_edit(kr)
        self.form.focus_field()
        self.refresh_bindings()
        self._show_table(self.workshop)

    @on(DataTable.RowSelected, "#kr-table")
    def _row_selected(self, _event: DataTable.RowSelected) -> None:
        self.action_edit_kr()

    def action_finish_edit(self) -> None:
        if self.form.editing is None:
            return
        editing = self.form.editing
        self._stop_editing()
        self.table.focus()
        if editing in self.table.rows:
            self.table.move_cursor(row=self.table.get_row_index(editing), animate=False)

    def _stop_editing(self) -> None:
        self.okr_app.writes.flush()
        self.savers = {}
        self.form.stop_edit()
        self.refresh_bindings()
        if self.okr_app.workshop is not None:
            self._show_table(self.workshop)

    @on(KrForm.Finished)
    def _form_finished(self, _event: KrForm.Finished) -> None:
        self.action_finish_edit()

    @on(KrForm.OwnerChanged)
    def _owner_changed(self, event: KrForm.OwnerChanged) -> None:
        if self.form.editing is not None:
            self.okr_app.change(
                actions.edit_key_result,
                self.form.editing,
                fields=KeyResultFields(owner=event.owner),
            )

    def _field_changed(self, key: str, value: str) -> None:
        # While an edit is half-typed it is not an error yet: an emptied statement or a date
        # that does not look like one is simply not saved until it makes sense.
        form = self.form
        if form.editing is not None:
            wait = ""
            if key == field_key(form.editing, "statement") and not value.strip():
                wait = "The statement cannot be empty; type the new words."
            elif key == field_key(form.editing, "deadline") and not WHOLE_DATE.match(value):
                wait = "Deadlines look like 2027-03-31; the new one is saved once it is whole."
            form.show_message(wait)
            if wait:
                self.okr_app.writes.discard(key)  # drop the earlier half-typed value
                return
        super()._field_changed(key, value)

    # --- deleting -----------------------------------------------------------------------------

    def action_delete_kr(self) -> None:
        kr_id = self._highlighted_id()
        kr = self.workshop.key_result(kr_id) if kr_id else None
        if kr is None:
            return

        def delete(kr_id: str = kr.id) -> None:
            if self.form.editing == kr_id:
                self._stop_editing()
            self.okr_app.change(actions.delete_key_result, kr_id)

        confirm(
            self.app,
            labelled("Delete key result $id?", id=kr.id),
            shown(kr.statement[:500])
            + Content("\n\nIts SMART review goes with it. This cannot be undone."),
            yes="Delete",
            then=delete,
        )


def _savers(kr_id: str) -> dict[str, Callable[[str], Callable[[Workshop], Any]]]:
    """How each field of key result ``kr_id`` turns a typed value into a saved change."""

    def statement(value: str) -> Callable[[Workshop], Any]:
        return lambda ws: actions.edit_key_result(ws, kr_id, statement=value)

    def one_field(name: str) -> Callable[[str], Callable[[Workshop], Any]]:
        def saver(value: str) -> Callable[[Workshop], Any]:
            fields = KeyResultFields(**{name: value})
            return lambda ws: actions.edit_key_result(ws, kr_id, fields=fields)

        return saver

    savers: dict[str, Callable[[str], Callable[[Workshop], Any]]] = {
        field_key(kr_id, "statement"): statement
    }
    for name in ("metric", "baseline", "target", "unit", "deadline"):
        savers[field_key(kr_id, name)] = one_field(name)
    return savers
