"""Step 6, Key results: the room brainstorms how it will know the focus objective is met.

The focus objective stays on top so every key result is written against it. The form shows
the SMART linter's findings live as a key result is typed (with the cycle's dates, so a deadline
after the cycle is flagged); Enter adds it and clears the form for the next idea. A key result
in the list can be loaded back into the form (e), where every edit saves itself, deleted (x),
marked committed or stretch (k), linked to the higher-level OKR it serves (o, the drafts'
dialog), or moved to "not now" with a reason (n). Advice on the set as
a whole (two to five key results, at least one outcome) sits under the list, then the plan:
initiatives, the work meant to move the key results. Work written as a key result goes to the
plan in one key (ctrl+o), and a statement that mixes work with a result is split in one key
(ctrl+t): the result stays, the work becomes an initiative serving it.

On a short terminal the part with the focus gets the room: typing in the form, the list keeps
three rows and the advice one line; on the lists, the form folds to its title and the statement
box, which Tab, shift+Tab, a click or i bring back.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, ClassVar

from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import DataTable, Static
from textual.worker import Worker

from okrworkshop import actions, tracking
from okrworkshop.actions import KeyResultFields
from okrworkshop.dates import DAY_SHAPE
from okrworkshop.kr_names import kr_label
from okrworkshop.model import Check, Initiative, KeyResult, KrKind, Stage, Workshop
from okrworkshop.rules import RuleError
from okrworkshop.smart import (
    MAX_KEY_RESULTS,
    MIN_KEY_RESULTS,
    KeyResultLint,
    lint_key_result_set,
)
from screens.dialogs.modals import TextPrompt, confirm
from screens.facilitator.step import StepScreen
from screens.user_text import labelled, shown, shown_line, try_again_note
from screens.widgets.findings import lint_record, lint_summary
from screens.widgets.kr_form import SPLIT_KEY, TO_PLAN_KEY, KrForm, KrValues, field_key, key_words
from screens.widgets.plan import (
    InitiativeForm,
    InitiativeValues,
    PlanTable,
    initiative_title,
    load_plan,
    plan_title,
)
from screens.widgets.rows_table import RowsTable, table_words
from screens.writes import Outcome

# A date being typed: nothing, or something that already looks like 2027-03-31.
WHOLE_DATE = DAY_SHAPE

# The list's columns: key, heading, widest, narrowest. Each is as wide as its longest cell (up to
# its widest); the statement gets the rest, and the others shrink before it does.
COLUMNS: tuple[tuple[str, str, int, int], ...] = (
    ("id", "KR", 5, 5),
    ("statement", "Statement", 0, 0),
    ("metric", "Metric", 16, 10),
    ("movement", "From → to", 20, 10),
    ("deadline", "Deadline", 10, 10),
    ("owner", "Owner", 10, 5),
    ("kind", "Kind", 9, 9),
    ("smart", "SMART", 15, 10),
)
DROPPED_WHEN_NARROW = ("deadline", "metric")
"""Left out, in this order, when the statement would otherwise get less than half the room
(the form, step 7 and the SMART column still show them)."""
MIN_STATEMENT_WIDTH = 14
WRAPPED = ("statement", "metric", "movement", "owner")
"""Columns shown in full, on as many lines as they need (up to five), never cut."""
SHORT_SCREEN_ROWS = 32
"""Below this many rows the part with the focus gets the room (the form, or the lists)."""
NARROW_SCREEN_COLUMNS = 100
"""Below this many columns the findings put each mark inline, to keep their text wide."""
REASON_PLACEHOLDER = "e.g. A good measure, but five is enough this cycle"
NUMBER_FIELDS = {
    "metric": "metric",
    "baseline": "baseline",
    "target": "target",
    "unit": "unit",
    "deadline": "deadline",
}


def column_widths(total: int, rows: Sequence[Sequence[str]] = ()) -> dict[str, int]:
    """Widths for the list's columns in ``total`` cells, sized by what ``rows`` hold.

    The statement comes first: the other columns give up a cell at a time (the one with the
    most to spare first) until it has half the room, and on a narrow terminal the
    columns of ``DROPPED_WHEN_NARROW`` are left out until the others' widths leave it that
    much (a column squeezed to a sliver would wrap a word a line).
    """
    widths: dict[str, int] = {}
    least: dict[str, int] = {}
    for index, (key, label, widest, narrowest) in enumerate(COLUMNS):
        longest = max([len(label), *(len(row[index]) for row in rows)])
        widths[key] = max(min(widest, longest), min(narrowest, longest))
        least[key] = min(narrowest, widths[key])
    del widths["statement"], least["statement"]
    for key in DROPPED_WHEN_NARROW:
        room = _room(total, len(widths) + 1)
        if room - sum(widths.values()) >= max(MIN_STATEMENT_WIDTH, room // 2):
            break
        del widths[key], least[key]
    room = _room(total, len(widths) + 1)
    wanted = max(MIN_STATEMENT_WIDTH, room // 2)
    while room - sum(widths.values()) < wanted:
        key = max(widths, key=lambda k: widths[k] - least[k])
        if widths[key] <= least[key]:
            break
        widths[key] -= 1
    statement = max(MIN_STATEMENT_WIDTH, room - sum(widths.values()))
    ordered = {key: widths.get(key, statement) for key, *_ in COLUMNS}
    return {key: width for key, width in ordered.items() if key in widths or key == "statement"}


def _room(total: int, columns: int) -> int:
    """The cells left for text: each cell has one cell of padding either side, and one more
    is kept for a vertical scrollbar."""
    return total - 2 * columns - 2


class KrTable(RowsTable):
    """The key results so far; keys here act on the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "screen.edit_kr", "Edit"),
        Binding("x,delete", "screen.delete_kr", "Delete"),
        Binding("k", "screen.toggle_kind", "Kind"),
        Binding("n", "screen.not_now", "Not now"),
        Binding("a", "screen.add_initiative", "Plan"),
        Binding("o", "screen.contributes_to", "OKR above…"),
    ]


def kind_words(kr: KeyResult) -> str:
    return kr.kind.value


def lost_in_plan(values: KrValues, votes: int = 0) -> list[str]:
    """What a key result has that an initiative does not keep (its numbers, its votes)."""
    lost = [words for name, words in NUMBER_FIELDS.items() if getattr(values, name).strip()]
    if votes:
        lost.append(f"{votes} confidence vote{'s' if votes != 1 else ''}")
    return lost


class KeyResultsScreen(StepScreen):
    STAGE = Stage.KEY_RESULTS
    CSS_PATH = "key_results.tcss"
    AUTO_FOCUS = "#kr-statement"
    PURPOSE = (
        "The room names how it will know the focus objective is met: two to five key results, "
        "each a change in a number, from where it is today to where it should be by a date "
        "inside the cycle. Type one in the form and press Enter; the SMART checks beside the "
        "form react as you type (✓ passes, ✗ a problem with a hint to fix it, ? a question "
        "only the room can answer). Work written as a key result ('Launch the portal') belongs "
        "in the plan: ctrl+o moves it there as an initiative, and ctrl+t splits a statement "
        "that mixes work with a result (the result stays, the work goes to the plan). Capture "
        "every idea first, then tidy up on the list: e loads a key result back into the form, "
        "where each change saves itself (Esc finishes), x deletes, k marks it committed "
        "(expected in full) or stretch (about 70% counts as a success), n moves it to 'not "
        "now' with a reason, a adds an initiative serving it, o names the higher-level OKR it "
        "serves (from the strategic context), i goes back to the form. On the "
        "plan under the list, a "
        "adds, e edits and x removes initiatives. Each key result needs a metric, a baseline, "
        "a target, a deadline and one accountable owner before the OKR can be final. On a "
        "small terminal, Tab into the SMART checks and use the arrow keys to read them all."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "submit_form", "Add KR"),
        Binding("i", "to_form", "New KR"),
        Binding("escape", "finish_edit", "Done editing"),
        Binding(TO_PLAN_KEY, "to_plan", "To plan"),
        Binding(SPLIT_KEY, "split", "Split"),
    ]

    def __init__(self) -> None:
        super().__init__()
        # The linter compiles its word lists on first use (~70 ms): the first frame shows the
        # key results at once and their SMART marks a moment later.
        self._lint_ready = False

    def compose_body(self) -> ComposeResult:
        yield Static("", id="kr-focus", markup=False)
        with Vertical(id="kr-lists"):
            yield KrTable(id="kr-table")
            yield Static("", id="kr-advice", markup=False)
            yield Static("", id="kr-advice-short", markup=False)
            yield Static("", id="plan-title", markup=False)
            yield PlanTable(id="plan-table")
        yield KrForm(id="kr-form")

    @property
    def form(self) -> KrForm:
        return self.query_one(KrForm)

    @property
    def table(self) -> KrTable:
        return self.query_one(KrTable)

    @property
    def plan(self) -> PlanTable:
        return self.query_one(PlanTable)

    def unsent_text(self) -> list[str]:
        """A new key result typed in the form but not added yet (asked about on quit); an
        edited one saves as it is typed, so it never counts."""
        if not self.is_mounted or self.form.editing is not None:
            return []
        statement = self.form.values().statement
        return [*super().unsent_text(), *([statement] if statement.strip() else [])]

    # --- drawing ------------------------------------------------------------------------------

    def show(self, ws: Workshop) -> None:
        self._show_focus(ws)
        self._show_table(ws)
        self._show_advice(ws)
        self._show_plan(ws)
        form = self.form
        form.set_people([*ws.participants, ws.facilitator])
        form.set_cycle(ws.cycle.dates)
        if form.editing is not None:
            kr = ws.key_result(form.editing)
            if kr is None:
                self.notify(
                    f"{form.editing} is no longer a key result (deleted, moved to the plan or "
                    "to 'not now', perhaps from another terminal); editing stopped.",
                    severity="warning",
                    markup=False,
                )
                self._stop_editing()
            else:
                form.load(kr)
        self.refresh_bindings()

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

    def _lint(self, kr: KeyResult) -> KeyResultLint:
        return lint_record(kr, self.workshop.cycle.dates)

    def _row(self, kr: KeyResult) -> tuple[str, ...]:
        """A key result as the plain strings of its list row (compared to skip redraws)."""
        marker = "✎ " if kr.id == self.form.editing else ""
        return (
            marker + kr_label(self.workshop, kr),
            kr.statement,
            kr.metric,
            kr.movement,
            kr.deadline.isoformat() if kr.deadline else "",
            kr.owner,
            kind_words(kr),
            lint_summary(self._lint(kr)) if self._lint_ready else "…",
        )

    def _show_table(self, ws: Workshop) -> None:
        rows = [(kr.id, self._row(kr)) for kr in ws.key_results]
        widths = column_widths(self.table.size.width or self.size.width, [row for _id, row in rows])
        keys = [key for key, *_ in COLUMNS]
        shown_at = [keys.index(key) for key in widths]
        columns = [(key, COLUMNS[keys.index(key)][1], width) for key, width in widths.items()]

        def cells(row: tuple[str, ...]) -> list[Content]:
            return [
                table_words(row[i], w) if key in WRAPPED else shown_line(row[i], w)
                for i, (key, w) in zip(shown_at, widths.items(), strict=True)
            ]

        self.table.load(
            columns,
            (tuple(widths.items()), tuple(rows)),
            lambda: [(kr_id, cells(row)) for kr_id, row in rows],
            wrap=WRAPPED,
        )
        # As tall as its rows (up to ten lines), plus the heading.
        self.table.styles.height = min(max(self.table.lines, 1), 10) + 1

    def _show_plan(self, ws: Workshop) -> None:
        self.query_one("#plan-title", Static).update(plan_title(ws))
        plan = self.plan
        plan.set_class(bool(ws.initiatives), "-filled")
        load_plan(plan, ws, plan.size.width or self.size.width)
        plan.styles.height = min(len(ws.initiatives), 5) + 1

    def on_resize(self, event: events.Resize) -> None:
        # On a short terminal the part with the focus gets the room (see the tcss).
        short = event.size.height < SHORT_SCREEN_ROWS
        self.set_class(short, "-short")
        self.form.set_compact(short or event.size.width < NARROW_SCREEN_COLUMNS)
        if self.okr_app.workshop is not None and self.is_current:
            self._show_table(self.workshop)
            self._show_plan(self.workshop)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        in_lists = self.query_one("#kr-lists") in event.widget.ancestors_with_self
        if in_lists != self.has_class("-in-lists"):
            self.set_class(in_lists, "-in-lists")
        self._refresh_offers()

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
        findings = lint_key_result_set(ws.key_results)
        for finding in findings:
            lines.append(Content.styled("✗ ", "bold $text-warning") + shown(finding.message))
        if count > MAX_KEY_RESULTS:
            lines.append(
                Content.styled(
                    "▸ On the list, n moves the highlighted key result to 'not now' with a "
                    "reason (step 5 lists it with the drafts the team set aside).",
                    "bold $text-accent",
                )
            )
        offer = self._row_offer()
        if offer is not None:
            lines.append(offer)
        self.query_one("#kr-advice", Static).update(Content("\n").join(lines))
        # A short terminal while typing: one line that never cuts a sentence.
        if findings:
            notes = f"{len(findings)} note{'s' if len(findings) != 1 else ''}"
            short = Content.styled(
                f"✗ {notes} on the whole set: Tab to the list to read "
                f"{'them' if len(findings) != 1 else 'it'}.",
                "$text-warning",
            )
        else:
            short = lines[0] if lines else Content("")
        self.query_one("#kr-advice-short", Static).update(short)

    def _row_offer(self) -> Content | None:
        """What the plan keys would do with the highlighted key result, and the higher-level
        OKR it serves, while the list has the focus (the form's findings say it for what is
        typed)."""
        if self.focused is not self.table:
            return None
        kr = self._highlighted_kr()
        if kr is None:
            return None
        link = (
            labelled("↑ $id contributes to: $line", id=kr_label(self.workshop, kr), line=line)
            if (line := kr.contributes_to)
            else None
        )
        if not self._lint_ready:
            return link
        lint = self._lint(kr)
        if lint.suggested_split is not None:
            offer = labelled(
                f"[b $text-accent]▸ $id mixes work with a result: {key_words(SPLIT_KEY)} keeps "
                "'$result' and moves '$work' to the plan.[/]",
                id=kr_label(self.workshop, kr),
                result=lint.suggested_split.result,
                work=lint.suggested_split.delivery,
            )
        elif lint.passed(Check.OUTCOME) is False:
            offer = labelled(
                f"[b $text-accent]▸ $id describes work: {key_words(TO_PLAN_KEY)} moves it to "
                "the plan as an initiative.[/]",
                id=kr_label(self.workshop, kr),
            )
        else:
            return link
        return offer if link is None else Content("\n").join([link, offer])

    # --- which key result the keys act on -----------------------------------------------------

    def _highlighted_id(self) -> str | None:
        return self.table.highlighted_key

    def _highlighted_kr(self) -> KeyResult | None:
        kr_id = self._highlighted_id()
        ws = self.okr_app.workshop
        return ws.key_result(kr_id) if ws is not None and kr_id else None

    def _in_form(self) -> bool:
        focused = self.focused
        return focused is not None and self.form in focused.ancestors_with_self

    def _in_hand(self) -> tuple[str | None, KeyResultLint | None]:
        """The key result the plan keys act on and its verdict: the form's (None for a new
        one) while the form has the focus, else the one highlighted on the list."""
        if self._in_form():
            return self.form.editing, self.form.lint
        if self.focused is self.table:
            kr = self._highlighted_kr()
            if kr is not None:
                return kr.id, self._lint(kr)
        return None, None

    def _refresh_offers(self) -> None:
        self.refresh_bindings()
        if self.okr_app.workshop is not None and self.is_current:
            self._show_advice(self.workshop)

    @on(KrForm.OffersChanged)
    def _offers_changed(self, _event: KrForm.OffersChanged) -> None:
        self.refresh_bindings()

    @on(DataTable.RowHighlighted, "#kr-table")
    def _kr_highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._refresh_offers()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "to_form":
            return not self._in_form()
        if action == "submit_form":
            return self.form.editing is None and self._in_form()
        if action == "finish_edit":
            return self.form.editing is not None
        if action == "contributes_to":
            return self._highlighted_kr() is not None
        if action in ("to_plan", "split"):
            if self._in_form():
                form = self.form
                return form.can_move_to_plan if action == "to_plan" else form.can_split
            _kr_id, lint = self._in_hand()
            if lint is None:
                return False
            if action == "split":
                return lint.suggested_split is not None
            return lint.passed(Check.OUTCOME) is False
        return True

    # --- adding -------------------------------------------------------------------------------

    def action_to_form(self) -> None:
        """Back to typing: the form's statement (it unfolds if the lists had the room)."""
        self.form.focus_field("statement")

    def action_submit_form(self) -> None:
        self.form.submit()

    @on(KrForm.Submitted)
    def _form_submitted(self, event: KrForm.Submitted) -> None:
        if event.form.editing is not None or not self._ready_to_add(event.values):
            return
        # Taken out of the form now, before the next key is handled: words typed while the
        # save runs start the next key result instead of landing in the field just left.
        self.add_key_result(event.form.take())

    def _author(self) -> str:
        ws = self.workshop
        return ws.facilitator or (ws.participants[0] if ws.participants else "")

    def _ready_to_add(self, values: KrValues) -> bool:
        """Whether the form holds a key result that can be added; if not, it says why."""
        form = self.form
        if not values.statement.strip():
            form.show_message(
                "Type the key result's statement first (the change you want to see).",
                error=True,
            )
            form.focus_field("statement")
            return False
        try:
            actions.parse_date(values.deadline, "deadline")
        except RuleError as exc:
            form.show_message(str(exc), error=True)
            form.focus_field("deadline")
            self.notify(str(exc), title="Not added", severity="warning", markup=False)
            return False
        return True

    @staticmethod
    def _fields(values: KrValues) -> KeyResultFields:
        return KeyResultFields(
            metric=values.metric,
            baseline=values.baseline,
            target=values.target,
            unit=values.unit,
            deadline=values.deadline,
            owner=values.owner or None,
        )

    @work(group="kr-add")
    async def add_key_result(self, values: KrValues) -> None:
        """Add words taken from the form; on any refusal they go back into it, nothing lost."""
        worker = self.okr_app.change(
            actions.add_key_result,
            values.statement,
            author=self._author(),
            fields=self._fields(values),
        )
        outcome = await worker.wait()
        if not outcome.ok:
            self._not_added(values, outcome.error or "")
            return
        kr = outcome.value
        assert kr is not None  # a change that went through returns the key result
        label = kr_label(outcome.workshop or self.workshop, kr)
        self._added(labelled("✓ Added $id. Type the next one.", id=label), kr.id)

    def _added(self, message: Content, kr_id: str | None) -> None:
        """The words taken from the form are saved: say so, and show the new row."""
        if self.form.editing is None:
            self.form.show_message(message)
        if kr_id is not None and kr_id in self.table.rows:
            self.table.move_cursor(row=self.table.get_row_index(kr_id), animate=False)

    def _not_added(self, values: KrValues, error: str) -> None:
        """The words taken from the form could not be saved: back into it, with the reason."""
        form = self.form
        if form.editing is None:
            form.give_back(values)
        form.show_message(error, error=True)

    # --- editing ------------------------------------------------------------------------------

    def action_edit_kr(self) -> None:
        kr = self._highlighted_kr()
        if kr is None:
            return
        self.okr_app.writes.flush()
        self.savers = _savers(kr.id)
        self.form.start_edit(kr, kr_label(self.workshop, kr))
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
        self._back_to_row(editing)

    def _back_to_row(self, kr_id: str | None) -> None:
        self.table.focus()
        if kr_id is not None and kr_id in self.table.rows:
            self.table.move_cursor(row=self.table.get_row_index(kr_id), animate=False)

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
        kr = self._highlighted_kr()
        if kr is None:
            return

        def delete(kr_id: str = kr.id) -> None:
            if self.form.editing == kr_id:
                self._stop_editing()
            self.okr_app.change(actions.delete_key_result, kr_id)

        confirm(
            self.app,
            labelled("Delete key result $id?", id=kr_label(self.workshop, kr)),
            shown(kr.statement[:500])
            + Content("\n\nIts SMART review goes with it. This cannot be undone."),
            yes="Delete",
            then=delete,
        )

    # --- the higher-level OKR a key result serves ---------------------------------------------

    def action_contributes_to(self) -> None:
        """Name the higher-level OKR the highlighted key result serves (the drafts' dialog)."""
        kr = self._highlighted_kr()
        if kr is None:
            return
        from screens.dialogs.drafts import ask_contributes  # dialogs load when first used

        ask_contributes(self.okr_app, self.workshop, kr, self._told)

    def _told(self, message: str | Content, warning: bool) -> None:
        text = message.plain if isinstance(message, Content) else message
        self.notify(text, severity="warning" if warning else "information", markup=False)

    # --- committed or stretch, "not now" ------------------------------------------------------

    def action_toggle_kind(self) -> None:
        kr = self._highlighted_kr()
        if kr is None:
            return
        kind = KrKind.STRETCH if kr.kind is KrKind.COMMITTED else KrKind.COMMITTED
        self._kind_changed(kr.id, kind)

    @work(group="kr-kind")
    async def _kind_changed(self, kr_id: str, kind: KrKind) -> None:
        label = kr_label(self.workshop, kr_id)
        outcome = await self.okr_app.change(tracking.set_kind, kr_id, kind).wait()
        if outcome.ok:
            meaning = (
                "about 70% of the way counts as a success"
                if kind is KrKind.STRETCH
                else "the team expects to reach it in full"
            )
            self.notify(f"{label} is {kind.value}: {meaning}.", markup=False)

    def action_not_now(self) -> None:
        kr = self._highlighted_kr()
        if kr is None:
            return
        app = self.okr_app
        kr_id = kr.id
        label = kr_label(self.workshop, kr)
        count = len(self.workshop.key_results)
        why = (
            f"There are {count} key results; at most {MAX_KEY_RESULTS} keep the team's attention. "
            if count > MAX_KEY_RESULTS
            else ""
        )

        def ask(
            typed: str | None, problem: str | None, reply: Callable[[str | None], None]
        ) -> None:
            app.push_screen(
                TextPrompt(
                    labelled("Move $id to 'not now'?", id=label),
                    Content(why)
                    + shown(kr.statement[:300])
                    + Content(
                        "\n\nIt leaves the key results and goes on the list of what the team "
                        "deliberately will not do this cycle. Why not now?"
                    ),
                    value=typed or "",
                    placeholder=REASON_PLACEHOLDER,
                    allow_empty=False,
                    problem=try_again_note(problem) if problem else "",
                ),
                reply,
            )

        def save(reason: str) -> Worker[Outcome[Any]]:
            if self.form.editing == kr_id:
                self._stop_editing()
            return app.change(actions.deprioritize_key_result, kr_id, reason)

        def then(outcome: Outcome[Any] | None) -> None:
            if outcome is not None and outcome.ok and outcome.value is not None:
                self.notify(
                    f"{label} moved to 'not now' as {outcome.value.id} (step 5 lists it).",
                    markup=False,
                )

        app.ask_and_save(ask, save, then)

    # --- the plan: moving work there, splitting, initiatives ----------------------------------

    def action_to_plan(self) -> None:
        kr_id, _lint = self._in_hand()
        if self._in_form() and kr_id is None:
            self._new_to_plan(self.form.values())
            return
        ws = self.workshop
        kr = ws.key_result(kr_id) if kr_id else None
        if kr is None:
            return
        lost = lost_in_plan(KrValues.of(kr), len(kr.confidence_votes))

        def move(kr_id: str = kr.id) -> None:
            if self.form.editing == kr_id:
                self._stop_editing()
            self._moved_to_plan(kr_id)

        if not lost:
            move()
            return
        confirm(
            self.app,
            labelled("Move $id to the plan?", id=kr_label(ws, kr)),
            shown(kr.statement[:300])
            + Content(
                f"\n\nIt becomes an initiative with the same words and owner. Its "
                f"{_join(lost)} are not kept: an initiative is work, not a number."
            ),
            yes="Move",
            then=move,
        )

    @work(group="kr-plan")
    async def _moved_to_plan(self, kr_id: str) -> None:
        label = kr_label(self.workshop, kr_id)
        outcome = await self.okr_app.change(actions.key_result_to_initiative, kr_id).wait()
        if outcome.ok and outcome.value is not None:
            self.notify(
                f"{label} is now initiative {outcome.value.id} in the plan.",
                title="Moved to the plan",
                markup=False,
            )

    def _new_to_plan(self, values: KrValues) -> None:
        """The form holds work, not a result: add it to the plan instead of the key results."""
        lost = lost_in_plan(values)

        def add() -> None:
            self._add_to_plan(self.form.take())

        if not lost:
            add()
            return
        confirm(
            self.app,
            "Add this to the plan instead?",
            shown(values.statement[:300])
            + Content(
                f"\n\nIt becomes an initiative with these words and owner; the "
                f"{_join(lost)} typed in the form are not kept."
            ),
            yes="Add to plan",
            then=add,
        )

    @work(group="kr-add")
    async def _add_to_plan(self, values: KrValues) -> None:
        outcome = await self.okr_app.change(
            actions.add_initiative, values.statement, owner=values.owner
        ).wait()
        if not outcome.ok:
            self._not_added(values, outcome.error or "")
            return
        initiative = outcome.value
        assert initiative is not None
        self._added(
            labelled(
                "✓ Added to the plan as $id: work, not a key result. Type the next key result.",
                id=initiative.id,
            ),
            None,
        )

    def action_split(self) -> None:
        kr_id, lint = self._in_hand()
        if lint is None or lint.suggested_split is None:
            return
        if self._in_form() and kr_id is None:
            values = self.form.values()
            if self._ready_to_add(values):
                self._add_split(self.form.take())
            return
        if kr_id is None:
            return
        if self.form.editing == kr_id:
            self._stop_editing()
            self._back_to_row(kr_id)
        self._split(kr_id)

    @work(group="kr-plan")
    async def _split(self, kr_id: str) -> None:
        outcome = await self.okr_app.change(actions.split_key_result, kr_id).wait()
        if outcome.ok and outcome.value is not None:
            kr, initiative = outcome.value
            label = kr_label(outcome.workshop or self.workshop, kr)
            self.notify(
                f"{label} keeps the result; the work is initiative {initiative.id} in the plan, "
                f"serving {label}.",
                title="Split",
                markup=False,
            )

    @work(group="kr-add")
    async def _add_split(self, values: KrValues) -> None:
        """Add the typed key result cut in two: the result, and the work serving it."""
        author, fields = self._author(), self._fields(values)

        def add_and_split(ws: Workshop) -> tuple[KeyResult, Initiative]:
            kr = actions.add_key_result(ws, values.statement, author=author, fields=fields)
            return actions.split_key_result(ws, kr.id)

        outcome = await self.okr_app.writes.change(self.workshop.id, add_and_split).wait()
        if not outcome.ok or outcome.value is None:
            self._not_added(values, outcome.error or "")
            return
        kr, initiative = outcome.value
        self._added(
            labelled(
                "✓ Added $kr with the result; the work is $initiative in the plan.",
                kr=kr_label(outcome.workshop or self.workshop, kr),
                initiative=initiative.id,
            ),
            kr.id,
        )

    def _highlighted_initiative(self) -> Initiative | None:
        key = self.plan.highlighted_key if self.plan.has_class("-filled") else None
        ws = self.okr_app.workshop
        if ws is None or key is None:
            return None
        return next((i for i in ws.initiatives if i.id == key), None)

    def action_add_initiative(self) -> None:
        """A new initiative: from the list, serving the highlighted key result."""
        serves = ""
        if self.focused is self.table:
            serves = self._highlighted_id() or ""
        elif self.focused is self.plan:
            current = self._highlighted_initiative()
            serves = current.key_result or "" if current else ""
        self._initiative_dialog(None, InitiativeValues("", "", serves))

    def action_edit_initiative(self) -> None:
        initiative = self._highlighted_initiative()
        if initiative is None:
            return
        values = InitiativeValues(initiative.text, initiative.owner, initiative.key_result or "")
        self._initiative_dialog(initiative, values)

    def _initiative_dialog(self, initiative: Initiative | None, start: InitiativeValues) -> None:
        app = self.okr_app
        ws = self.workshop

        def ask(
            typed: InitiativeValues | None,
            problem: str | None,
            reply: Callable[[InitiativeValues | None], None],
        ) -> None:
            app.push_screen(
                InitiativeForm(
                    title=initiative_title(initiative),
                    people=[*ws.participants, ws.facilitator],
                    key_results=list(self.workshop.key_results),
                    values=typed or start,
                    problem=problem,
                ),
                reply,
            )

        def save(values: InitiativeValues) -> Worker[Outcome[Any]]:
            if initiative is None:
                return app.change(
                    actions.add_initiative,
                    values.text,
                    owner=values.owner,
                    key_result=values.key_result or None,
                )
            return app.change(
                actions.edit_initiative,
                initiative.id,
                text=values.text,
                owner=values.owner,
                key_result=values.key_result,
            )

        def then(outcome: Outcome[Any] | None) -> None:
            if outcome is not None and outcome.ok and outcome.value is not None:
                done = "Added" if initiative is None else "Saved"
                self.notify(f"{done} initiative {outcome.value.id}.", markup=False)

        app.ask_and_save(ask, save, then)

    def action_remove_initiative(self) -> None:
        initiative = self._highlighted_initiative()
        if initiative is None:
            return
        confirm(
            self.app,
            labelled("Remove initiative $id from the plan?", id=initiative.id),
            shown(initiative.text[:500]) + Content("\n\nThis cannot be undone."),
            yes="Remove",
            then=lambda: self.okr_app.change(actions.remove_initiative, initiative.id),
        )


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


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
