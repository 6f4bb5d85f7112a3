"""The forms the facilitator fills in during the weekly meeting: someone's confidence votes, a
next action, a commitment made or closed, a health metric's colour, a win.

One small dialog serves them all: a few one-line fields, Enter from field to field, saving from
the last. What was typed is tried on a copy of the workshop first (``refusal``), so the core's
sentence shows under the fields and nothing typed is lost; the answer the core takes is handed
back as the fields' words, and the screen saves it with the same ``apply``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.widgets import Input, Label, Static

from okrworkshop import week_actions
from okrworkshop.kr_names import kr_labels
from okrworkshop.model import Workshop
from okrworkshop.rules import RuleError
from screens.dialogs.modals import FormDialog
from screens.dialogs.tracking import refusal
from screens.user_text import shown
from screens.widgets.fields import SafeInput

Answer = dict[str, str]
Apply = Callable[[Workshop, Answer], object]


@dataclass(frozen=True)
class Field:
    key: str
    label: str
    value: str = ""
    placeholder: str = ""
    chosen: bool = False
    """The value is what the meeting is on already (a key result, a commitment): when it is
    filled in, the cursor starts in the field after it rather than typing over it."""


class WeekForm(FormDialog[Answer]):
    """A few one-line fields for one change of the weekly meeting."""

    CSS_PATH = ["../../dialogs/modals.tcss", "week_forms.tcss"]  # noqa: RUF012 (as Textual types it)
    BINDINGS: ClassVar[list[BindingType]] = [
        *FormDialog.BINDINGS,
        Binding("ctrl+s", "save", "Save"),
    ]

    def __init__(
        self,
        ws: Workshop,
        title: str,
        intro: str,
        fields: list[Field],
        apply: Apply,
        *,
        typed: Answer | None = None,
        problem: str = "",
    ) -> None:
        super().__init__()
        self.workshop = ws
        self.title_text = title
        self.intro = intro
        self.fields = fields
        self.apply = apply
        self.typed = typed or {}
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(Content(self.title_text), classes="dialog-title", markup=False)
            yield Static(Content(self.intro), classes="dialog-body", markup=False)
            for f in self.fields:
                yield Label(f.label)
                value = self.typed.get(f.key, f.value)
                yield SafeInput(value, placeholder=f.placeholder, id=f"week-{f.key}", compact=True)
            yield from self.form_ending("week-form-error", self.problem, "Save (ctrl+s)")

    def on_mount(self) -> None:
        """The cursor starts after the fields already chosen (the key result the meeting is
        on), so what is typed first is not typed over them."""
        boxes = [self.query_one(f"#week-{f.key}", Input) for f in self.fields]
        start = next(
            (
                box
                for f, box in zip(self.fields, boxes, strict=True)
                if not (f.chosen and box.value)
            ),
            boxes[0],
        )
        start.focus()

    def answer(self) -> Answer:
        return {f.key: self.query_one(f"#week-{f.key}", Input).value for f in self.fields}

    def action_save(self) -> None:
        answer = self.answer()
        problem = refusal(self.workshop, lambda ws: self.apply(ws, answer))
        if problem:
            self.query_one("#week-form-error", Static).update(shown(problem))
            return
        self.dismiss(answer)

    def entered(self, field: Input) -> None:
        keys = [f"week-{f.key}" for f in self.fields]
        if field.id in keys[:-1]:
            self.focus_next()
        else:
            self.action_save()


# --- what each form does with its words ---------------------------------------------------------


def _yes(text: str, what: str) -> bool:
    word = text.strip().casefold()
    if word in ("", "n", "no"):
        return False
    if word in ("y", "yes"):
        return True
    raise RuleError(f"Answer {what} with y or n; {text.strip()!r} is neither.")


def _number(text: str, label: str) -> int:
    try:
        return int(text.strip())
    except ValueError:
        raise RuleError(
            f"{label}: a vote is a whole number from 1 to 10; {text!r} is not."
        ) from None


def apply_votes(ws: Workshop, answer: Answer) -> object:
    """One person's votes: a field per key result, an empty one skipped."""
    person = answer.get("who", "")
    given = [(label, text) for label, text in answer.items() if label != "who" and text.strip()]
    if not given:
        raise RuleError("Give at least one key result a vote from 1 to 10.")
    for label, text in given:
        week_actions.vote(ws, label, _number(text, label), person=person)
    return None


def apply_action(ws: Workshop, answer: Answer) -> object:
    kinds = {w.strip().casefold() for w in answer.get("kind", "").replace(",", " ").split()}
    unknown = kinds - {"blocker", "ask"}
    if unknown:
        raise RuleError(f"Mark it as blocker, ask, or both; {', '.join(sorted(unknown))} is not.")
    return week_actions.add_action(
        ws,
        answer["kr"],
        answer["text"],
        owner=answer["owner"],
        due=answer["due"],
        blocker="blocker" in kinds,
        ask="ask" in kinds,
    )


def apply_commitment(ws: Workshop, answer: Answer) -> object:
    return week_actions.commit(
        ws, answer["text"], person=answer["who"], kr=answer["kr"].strip() or None
    )


def apply_closing(ws: Workshop, answer: Answer) -> object:
    return week_actions.close_commitment(
        ws,
        answer["id"],
        done=_yes(answer["done"] or "y", "done"),
        why=answer["why"],
        carry=_yes(answer["again"], "again"),
    )


def apply_health(ws: Workshop, answer: Answer) -> object:
    return week_actions.set_health(ws, answer["name"], answer["colour"], answer["note"])


def apply_win(ws: Workshop, answer: Answer) -> object:
    names = [n for n in answer["who"].split(",") if n.strip()]
    if not names:
        raise RuleError("Say who made it happen (names, with commas between).")
    return week_actions.add_win(ws, answer["text"], person=names[0], others=tuple(names[1:]))


# --- the forms ----------------------------------------------------------------------------------


def votes_form(ws: Workshop) -> tuple[str, str, list[Field], Apply]:
    fields = [Field("who", "Whose votes", placeholder="a name")]
    fields += [Field(label, label, placeholder="1-10") for label in kr_labels(ws).values()]
    intro = "How sure this person is that each key result will be reached, 1 to 10."
    return "Confidence votes", intro, fields, apply_votes


def action_form(ws: Workshop, week_due: str, kr: str) -> tuple[str, str, list[Field], Apply]:
    fields = [
        Field("kr", "Key result", kr, "KR1", chosen=True),
        Field("text", "Next action"),
        Field("owner", "Owner", placeholder="a name"),
        Field("due", "Due", week_due, "2027-03-08"),
        Field("kind", "Blocker or ask (optional)", placeholder="blocker, ask"),
    ]
    intro = "What happens next, who does it and by when (the next meeting unless changed)."
    return "Next action", intro, fields, apply_action


def commitment_form(ws: Workshop) -> tuple[str, str, list[Field], Apply]:
    fields = [
        Field("who", "Who", placeholder="a name"),
        Field("text", "Commitment"),
        Field("kr", "For key result (optional)", placeholder="e.g. KR1, or leave empty"),
    ]
    intro = "One of a person's one to three commitments this week."
    return "Commitment", intro, fields, apply_commitment


def closing_form(ws: Workshop, first_open: str) -> tuple[str, str, list[Field], Apply]:
    fields = [
        Field("id", "Commitment", first_open, "c1", chosen=True),
        Field("done", "Done? (y/n)", "y"),
        Field("why", "If not, why"),
        Field("again", "Take it up again this week? (y/n)", "n"),
    ]
    intro = "Close a commitment from an earlier meeting."
    return "Close a commitment", intro, fields, apply_closing


def health_form(ws: Workshop) -> tuple[str, str, list[Field], Apply]:
    names = ", ".join(ws.health_metrics) or "none yet"
    fields = [
        Field("name", "Health metric", placeholder="Customer satisfaction"),
        Field("colour", "Colour", placeholder="green, amber or red"),
        Field("note", "Note (needed for amber and red)"),
    ]
    intro = f"This cycle's metrics: {names}. A new name joins them (two to four)."
    return "Health", intro, fields, apply_health


def win_form(ws: Workshop) -> tuple[str, str, list[Field], Apply]:
    fields = [Field("text", "What went well"), Field("who", "Who", placeholder="Ben, Chen")]
    return "Win", "Something that went well this week, and who made it happen.", fields, apply_win
