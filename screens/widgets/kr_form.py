"""The key-result form: statement, metric, numbers, deadline, owner, and live SMART findings.

The form has two modes. Adding: nothing is saved until the facilitator presses Enter (or the
Add button), then the screen adds the key result and the form clears. Editing an existing key
result: each field is a ``FieldInput`` whose key names that key result ("kr.kr3.metric"), so the
step screen's autosave saves every edit after a pause in typing. What was half-typed for a new
key result is put aside while editing and comes back afterwards, so nothing typed is lost.

The statement has a box of its own across the whole form, wrapping over two or three lines, so
the room can read the sentence being typed; the other fields sit beside the SMART findings.

The linter runs after each change of any field has been drawn (a burst of keys is linted once,
after its last key), with the cycle's dates, so the room sees a vague statement turn into a
measurable one as it is typed and a deadline after the cycle flagged at once, and no key waits for
it. Whatever reads the verdict (``lint``, the one-key fixes) gets it up to date. When the
findings point at a fix the screen can make in one key (move the work to the plan, split a mixed
statement), the form says which key.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, Input, Label, Select, Static, TextArea

from okrworkshop.model import Check, KeyResult
from okrworkshop.rules import CycleDates
from okrworkshop.smart import KeyResultLint, lint_key_result
from okrworkshop.text import key_result_example
from screens.user_text import labelled, shown_line
from screens.widgets.fields import FieldInput, given_back
from screens.widgets.findings import FindingsView
from screens.widgets.statement_box import StatementBox
from screens.widgets.status_line import StatusLine

TEXT_FIELDS: tuple[str, ...] = ("statement", "metric", "baseline", "target", "unit", "deadline")
NEW = "new"

TO_PLAN_KEY = "ctrl+o"
"""Moves the key result in hand to the plan: it becomes an initiative."""
SPLIT_KEY = "ctrl+t"
"""Splits a mixed key result: the result stays, the work goes to the plan."""


def plan_offers(lint: KeyResultLint | None, statement: str) -> dict[Check, Content]:
    """The one-key fixes the findings point at, as lines to show under them.

    Work written as a key result fails Outcome: it can go to the plan as it is. A statement
    that mixes work with a result passes Outcome, and its finding says how to cut it in two.
    """
    if lint is None or not statement.strip():
        return {}
    offers: dict[Check, Content] = {}
    split = lint.suggested_split
    if split is not None:
        check = next(f.check for f in lint.findings if f.suggested_split is not None)
        offers[check] = Content.styled(
            f"▸ {key_words(SPLIT_KEY)} splits it in one step: the result stays as the key "
            "result, the work goes to the plan.",
            "bold $text-accent",
        )
    elif lint.passed(Check.OUTCOME) is False:
        offers[Check.OUTCOME] = Content.styled(
            f"▸ {key_words(TO_PLAN_KEY)} moves this to the plan: it becomes an initiative.",
            "bold $text-accent",
        )
    return offers


def key_words(key: str) -> str:
    """A key as the Footer shows it ("ctrl+o" -> "^o")."""
    return key.replace("ctrl+", "^")


@dataclass(frozen=True)
class KrValues:
    """What the form holds, exactly as typed (owner is "" when nobody is chosen)."""

    statement: str = ""
    metric: str = ""
    baseline: str = ""
    target: str = ""
    unit: str = ""
    deadline: str = ""
    owner: str = ""

    @classmethod
    def of(cls, kr: KeyResult) -> KrValues:
        return cls(
            statement=kr.statement,
            metric=kr.metric,
            baseline=kr.baseline,
            target=kr.target,
            unit=kr.unit,
            deadline=kr.deadline.isoformat() if kr.deadline else "",
            owner=kr.owner,
        )

    @property
    def empty(self) -> bool:
        return not any(getattr(self, f.name).strip() for f in fields(self))


def field_key(kr_id: str, name: str) -> str:
    """The autosave key of one field of one key result, e.g. "kr.kr3.metric"."""
    return f"kr.{kr_id}.{name}"


class KrForm(Vertical):
    """Type a key result; see its SMART findings beside it as you type."""

    DEFAULT_CSS = """
    KrForm {
        height: auto;
    }
    KrForm #kr-form-title {
        height: 1;
        text-style: bold;
        color: $text-accent;
    }
    KrForm.-editing #kr-form-title {
        color: $text-warning;
    }
    KrForm .kr-columns {
        height: auto;
    }
    KrForm .kr-fields {
        width: 1fr;
        min-width: 46;  /* at 80 columns: room for a date or "median days" with the cursor */
        height: auto;
    }
    KrForm .kr-row {
        height: 1;
        margin-bottom: 1;
    }
    KrForm .kr-statement-row {
        height: 3;
        margin-bottom: 1;
    }
    KrForm .kr-row Label, KrForm .kr-statement-row Label {
        width: 10;
        padding-right: 1;
    }
    KrForm .kr-row Label.second {
        width: 10;
        padding-left: 1;
    }
    KrForm .kr-row Input {
        width: 1fr;
    }
    KrForm .kr-row Select {
        width: 1fr;
    }
    KrForm StatementBox {
        width: 1fr;
        height: 100%;
    }
    KrForm #kr-form-message {
        height: auto;
        max-height: 3;
    }
    KrForm #kr-form-message.-error {
        color: $text-warning;
    }
    KrForm .kr-buttons {
        height: 1;
    }
    KrForm .kr-buttons Button {
        margin-right: 2;
    }
    KrForm FindingsView {
        width: 1fr;
        height: 100%;
        margin-left: 1;
    }
    KrForm.-compact .kr-row {
        margin-bottom: 0;
    }
    KrForm.-compact .kr-statement-row {
        height: 2;
        margin-bottom: 0;
    }
    KrForm.-compact #kr-form-message {
        max-height: 2;
    }
    """

    class Submitted(Message):
        """Enter (or the Add button) in adding mode: add these values as a key result."""

        def __init__(self, form: KrForm, values: KrValues) -> None:
            super().__init__()
            self.form = form
            self.values = values

        @property
        def control(self) -> KrForm:
            return self.form

    class Finished(Message):
        """Enter (or the Done button) in editing mode: the facilitator is done with this one."""

        def __init__(self, form: KrForm) -> None:
            super().__init__()
            self.form = form

        @property
        def control(self) -> KrForm:
            return self.form

    class OwnerChanged(Message):
        """The owner was picked from the list (a person typed nothing, so it saves at once)."""

        def __init__(self, form: KrForm, owner: str) -> None:
            super().__init__()
            self.form = form
            self.owner = owner

        @property
        def control(self) -> KrForm:
            return self.form

    class OffersChanged(Message):
        """Whether the findings offer a one-key fix (to the plan, split) changed."""

        def __init__(self, form: KrForm) -> None:
            super().__init__()
            self.form = form

        @property
        def control(self) -> KrForm:
            return self.form

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.editing: str | None = None
        self._editing_label = ""
        self._lint: KeyResultLint | None = None
        self._lint_due = False
        self._put_aside = KrValues()
        self._people: tuple[str, ...] = ()
        self._cycle: CycleDates | None = None
        self._offered: tuple[bool, bool] = (False, False)

    def compose(self) -> ComposeResult:
        yield Static("", id="kr-form-title", markup=False)
        with Horizontal(classes="kr-statement-row"):
            yield Label("Statement")
            yield StatementBox(
                field_key(NEW, "statement"),
                id="kr-statement",
                placeholder=f"e.g. {key_result_example(None)}",
            )
        with Horizontal(classes="kr-columns"):
            with Vertical(classes="kr-fields"):
                with Horizontal(classes="kr-row"):
                    yield Label("Metric")
                    yield self._input("metric", "the number we will look at")
                with Horizontal(classes="kr-row"):
                    yield Label("Baseline")
                    yield self._input("baseline", "today")
                    yield Label("Target", classes="second")
                    yield self._input("target", "at the deadline")
                with Horizontal(classes="kr-row"):
                    yield Label("Unit")
                    yield self._input("unit", "%, teams, s")
                    yield Label("Deadline", classes="second")
                    yield self._input("deadline", "YYYY-MM-DD")
                with Horizontal(classes="kr-row"):
                    yield Label("Owner")
                    yield Select[str]([], prompt="Who is accountable", id="kr-owner", compact=True)
                yield StatusLine(id="kr-form-message", hide_when_empty=True)
                with Horizontal(classes="kr-buttons"):
                    yield Button("Add (enter)", id="kr-submit", variant="primary", compact=True)
                    yield Button("Clear", id="kr-clear", compact=True)
            yield FindingsView(id="kr-findings")

    def _input(self, name: str, placeholder: str) -> FieldInput:
        # No select-on-focus: a key pressed in a loaded field must not replace what is saved.
        return FieldInput(
            field_key(NEW, name),
            id=f"kr-{name}",
            placeholder=placeholder,
            compact=True,
            select_on_focus=False,
        )

    def on_mount(self) -> None:
        self.show_message("")
        self._show_mode()
        self.relint()

    # --- reading and writing the fields -------------------------------------------------------

    def field(self, name: str) -> FieldInput | StatementBox:
        """The box of one text field (the statement is a ``StatementBox``, the rest inputs)."""
        if name == "statement":
            return self.statement
        return self.query_one(f"#kr-{name}", FieldInput)

    @property
    def statement(self) -> StatementBox:
        return self.query_one(StatementBox)

    @property
    def owner_select(self) -> Select[str]:
        return self.query_one("#kr-owner", Select)

    @property
    def findings(self) -> FindingsView:
        return self.query_one(FindingsView)

    def values(self) -> KrValues:
        owner = self.owner_select.value
        return KrValues(
            **{name: self.field(name).value for name in TEXT_FIELDS},
            owner=owner if isinstance(owner, str) else "",
        )

    def _set(self, values: KrValues, *, keep: KrValues | None = None) -> None:
        """Put ``values`` in the fields; with ``keep``, only where the field still shows keep's
        value (so text typed since a submit is not wiped)."""
        for name in TEXT_FIELDS:
            widget = self.field(name)
            if keep is not None and widget.value != getattr(keep, name):
                continue
            with widget.prevent(Input.Changed, TextArea.Changed):
                widget.value = getattr(values, name)
        if keep is None or self.values().owner == keep.owner:
            self._set_owner(values.owner)
        self.relint()

    def _set_owner(self, owner: str) -> None:
        select = self.owner_select
        wanted: str | Any = owner if owner in self._people else Select.NULL
        if owner and owner not in self._people:
            self._add_people((owner,))
            wanted = owner
        if select.value != wanted:
            with select.prevent(Select.Changed):
                select.value = wanted

    def clear(self, *, keep: KrValues | None = None) -> None:
        """Empty the form for the next key result (see ``_set`` for ``keep``)."""
        self._set(KrValues(), keep=keep)
        self.show_message("")

    def take(self) -> KrValues:
        """The words to add, taken out of the form at once: it empties and the statement has
        the focus before the next key is handled, so what is typed while the save runs starts
        the next key result (``give_back`` returns the words if the save fails)."""
        values = self.values()
        self.clear()
        self.focus_field("statement")
        return values

    def give_back(self, values: KrValues) -> None:
        """Put back words whose add could not be saved, in front of anything typed since."""
        typed = self.values()
        merged = {
            name: given_back(getattr(values, name), getattr(typed, name)) for name in TEXT_FIELDS
        }
        self._set(KrValues(**merged, owner=values.owner))

    def set_people(self, people: list[str]) -> None:
        """The names the owner can be chosen from (participants and the facilitator)."""
        names = tuple(dict.fromkeys(p for p in people if p))
        if names == self._people:
            return
        current = self.values().owner
        self._people = ()
        self._add_people(names)
        if current:
            self._set_owner(current)

    def _add_people(self, names: tuple[str, ...]) -> None:
        select = self.owner_select
        current = select.value
        self._people = tuple(dict.fromkeys((*self._people, *names)))
        with select.prevent(Select.Changed):
            select.set_options([(shown_line(name), name) for name in self._people])
            if isinstance(current, str) and current in self._people:
                select.value = current

    # --- modes --------------------------------------------------------------------------------

    def start_edit(self, kr: KeyResult, label: str = "") -> None:
        """Load ``kr`` for editing; its fields autosave from now on. ``label`` is what the room
        calls it ("KR2", from ``kr_names``)."""
        if self.editing is None:
            self._put_aside = self.values()
        self.editing = kr.id
        self._editing_label = label or kr.id
        for name in TEXT_FIELDS:
            self.field(name).field_key = field_key(kr.id, name)
        self._set(KrValues.of(kr))
        self.show_message("")
        self._show_mode()

    def stop_edit(self) -> None:
        """Back to adding; what was half-typed before editing comes back."""
        self.editing = None
        for name in TEXT_FIELDS:
            self.field(name).field_key = field_key(NEW, name)
        self._set(self._put_aside)
        self._put_aside = KrValues()
        self.show_message("")
        self._show_mode()

    def load(self, kr: KeyResult) -> None:
        """Show the stored key result being edited (another terminal may have changed it),
        without touching a field someone is typing in."""
        values = KrValues.of(kr)
        for name in TEXT_FIELDS:
            self.field(name).load(getattr(values, name))
        if not self.owner_select.has_focus and not self.owner_select.expanded:
            self._set_owner(values.owner)
        self.relint()

    def _show_mode(self) -> None:
        self.set_class(self.editing is not None, "-editing")
        title = self.query_one("#kr-form-title", Static)
        button = self.query_one("#kr-submit", Button)
        clear = self.query_one("#kr-clear", Button)
        if self.editing is None:
            title.update(Content("New key result: type it, then Enter (or ctrl+s) adds it"))
            button.label = "Add (enter)"
            clear.display = True
        else:
            title.update(
                labelled(
                    "✎ Editing $id: every change is saved as you type; Esc when done",
                    id=self._editing_label,
                )
            )
            button.label = "Done (esc)"
            clear.display = False

    def show_message(self, text: str | Content, *, error: bool = False) -> None:
        self.query_one(StatusLine).say(text, error=error)

    def focus_field(self, name: str = "statement") -> None:
        self.field(name).focus()

    # --- events -------------------------------------------------------------------------------

    def set_cycle(self, cycle: CycleDates) -> None:
        """The workshop's cycle dates, so the findings flag a deadline outside them."""
        if cycle != self._cycle:
            self._cycle = cycle
            self.statement.placeholder = f"e.g. {key_result_example(cycle[1])}"
            self.relint()

    def set_compact(self, compact: bool) -> None:
        """No blank lines between rows, a two-line statement, marks inline in the findings."""
        self.set_class(compact, "-compact")
        self.findings.set_compact(compact)

    @property
    def lint(self) -> KeyResultLint | None:
        """The linter's verdict on what the form holds now (None while it is empty)."""
        if self._lint_due:
            self.relint()
        return self._lint

    def _relint_soon(self) -> None:
        """Lint once the change on screen is drawn: keys typed in a burst are linted once."""
        if not self._lint_due:
            self._lint_due = True
            self.call_after_refresh(self._relint_if_due)

    def _relint_if_due(self) -> None:
        if self._lint_due:
            self.relint()

    def relint(self) -> None:
        """Run the linter on what the form holds now and show its findings."""
        self._lint_due = False
        values = self.values()
        if values.empty:
            self._lint = None
        else:
            self._lint = lint_key_result(
                values.statement,
                metric=values.metric,
                baseline=values.baseline,
                target=values.target,
                unit=values.unit,
                deadline=values.deadline or None,
                cycle=self._cycle,
            )
        offers = plan_offers(self._lint, values.statement)
        self.findings.show_lint(self._lint, offers)
        offered = (self.can_move_to_plan, self.can_split)
        if offered != self._offered:
            self._offered = offered
            self.post_message(self.OffersChanged(self))

    @property
    def can_split(self) -> bool:
        """The statement mixes work with a result, and the linter says where to cut it."""
        return self.lint is not None and self.lint.suggested_split is not None

    @property
    def can_move_to_plan(self) -> bool:
        """The statement describes work (it fails Outcome): it belongs in the plan."""
        return (
            self.lint is not None
            and bool(self.values().statement.strip())
            and self.lint.passed(Check.OUTCOME) is False
        )

    def on_input_changed(self, _event: Input.Changed) -> None:
        self._relint_soon()  # the event goes on to the screen, which autosaves in editing mode

    def on_text_area_changed(self, _event: TextArea.Changed) -> None:
        self._relint_soon()  # likewise for the statement

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    @on(StatementBox.Submitted)
    def _statement_submitted(self, event: StatementBox.Submitted) -> None:
        event.stop()
        self.submit()

    @on(Select.Changed, "#kr-owner")
    def _owner_changed(self, event: Select.Changed) -> None:
        event.stop()
        owner = event.value if isinstance(event.value, str) else ""
        if self.editing is not None:
            self.post_message(self.OwnerChanged(self, owner))

    @on(Button.Pressed, "#kr-submit")
    def _submit_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.submit()

    @on(Button.Pressed, "#kr-clear")
    def _clear_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.clear()
        self.focus_field()

    def submit(self) -> None:
        """Add (adding mode) or finish (editing mode)."""
        if self.editing is None:
            self.post_message(self.Submitted(self, self.values()))
        else:
            self.post_message(self.Finished(self))
