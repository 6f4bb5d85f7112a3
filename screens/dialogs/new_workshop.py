"""The form for a new workshop: team, cycle, facilitator and the people in the room."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Label, Static

from okrworkshop import actions
from okrworkshop.model import Workshop
from okrworkshop.rules import RuleError
from screens.dialogs.modals import FormDialog
from screens.user_text import shown
from screens.widgets.fields import SafeInput


class NewWorkshopScreen(FormDialog[Workshop]):
    """Returns a workshop ready to be stored, or ``None`` when cancelled."""

    CSS_PATH = "modals.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        *FormDialog.BINDINGS,
        Binding("ctrl+s", "save", "Create"),
    ]

    def __init__(self, *, typed: Workshop | None = None, problem: str = "") -> None:
        """``typed``: a workshop whose save failed (``problem`` says why): the form opens
        holding what was typed, so Create tries again."""
        super().__init__()
        self.typed = typed
        self.problem = problem

    def _typed(self, field: str) -> str:
        ws = self.typed
        if ws is None:
            return ""
        start, end = ws.cycle.start, ws.cycle.end
        return {
            "team": ws.team,
            "cycle": ws.cycle.label,
            "start": start.isoformat() if start else "",
            "end": end.isoformat() if end else "",
            "facilitator": ws.facilitator,
            "participants": ", ".join(ws.participants),
        }[field]

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="new-workshop"):
            yield Static(Content.styled("A new workshop", "bold"), classes="dialog-title")
            yield Label("Team")
            yield SafeInput(
                self._typed("team"), placeholder="e.g. Marketplace Search", id="team", compact=True
            )
            yield Label("Cycle")
            with Horizontal(classes="row"):
                yield SafeInput(
                    self._typed("cycle"),
                    placeholder="label, e.g. 2027 Q1",
                    id="cycle",
                    compact=True,
                )
                yield SafeInput(
                    self._typed("start"), placeholder="start YYYY-MM-DD", id="start", compact=True
                )
                yield SafeInput(
                    self._typed("end"), placeholder="end YYYY-MM-DD", id="end", compact=True
                )
            yield Label("Facilitator (you)")
            yield SafeInput(
                self._typed("facilitator"), placeholder="your name", id="facilitator", compact=True
            )
            yield Label("Participants, separated by commas (more can be added later)")
            yield SafeInput(
                self._typed("participants"),
                placeholder="e.g. Ben, Chen, Dana",
                id="participants",
                compact=True,
            )
            yield from self.form_ending("new-error", self.problem, "Create (ctrl+s)")

    def on_mount(self) -> None:
        self.query_one("#team", Input).focus()

    def _value(self, field: str) -> str:
        return self.query_one(f"#{field}", Input).value

    def action_save(self) -> None:
        try:
            workshop = actions.new_workshop(
                self._value("team"),
                self._value("cycle"),
                start=self._value("start").strip() or None,
                end=self._value("end").strip() or None,
                facilitator=self._value("facilitator"),
                participants=[p for p in self._value("participants").split(",") if p.strip()],
            )
        except RuleError as exc:
            self.query_one("#new-error", Static).update(shown(str(exc)))
            return
        self.dismiss(workshop)

    def entered(self, field: Input) -> None:
        """Enter moves to the next field; on the last one it creates the workshop."""
        if field.id == "participants":
            self.action_save()
        else:
            self.focus_next()
