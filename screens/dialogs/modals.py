"""Small typed dialogs: a yes/no confirmation and a one-line question.

Both return their answer through ``dismiss`` to a callback (``confirm`` below, or
``app.push_screen(dialog, callback)``), never to a worker waiting on ``push_screen_wait``: a
worker left waiting on an open dialog would keep quitting waiting for it. Titles and questions
may quote what people typed, so they are built as ``Content``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar, TypeVar

from textual import events, on
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Input, Static

from screens.keys_shown import KeysWhereFocus
from screens.user_text import shown, try_again_note
from screens.widgets.fields import SafeInput

T = TypeVar("T")


def confirm(
    app: App[Any],
    title: str | Content,
    question: str | Content,
    *,
    yes: str,
    then: Callable[[], object],
) -> None:
    """Ask a yes/no question; ``then`` runs only if the answer is yes."""

    def answered(sure: bool | None) -> None:
        if sure:
            then()

    app.push_screen(ConfirmScreen(title, question, yes=yes), answered)


def _as_content(text: str | Content) -> Content:
    return text if isinstance(text, Content) else shown(text)


class Dialog(ModalScreen[T], KeysWhereFocus[T]):
    """Every dialog of both apps: it brings a Footer of its own, so while it is open the bottom
    line shows the dialog's keys rather than those of the screen behind it. Its buttons are
    docked at the bottom of its box (``modals.tcss``) and the rest scrolls, so at 80x24 the
    way out is always on screen."""

    @on(events.Mount)
    def _add_footer(self) -> None:
        if not self.query(Footer):
            self.mount(Footer(compact=True))


class FormDialog(Dialog[T | None]):
    """A dialog of fields with a primary button (id ``save``) and a way out.

    Enter in a one-line field or the primary button runs ``action_save`` (which checks the
    fields and dismisses with the answer); Escape or any other button dismisses with ``None``.
    """

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]

    def action_save(self) -> None:
        raise NotImplementedError

    def form_ending(self, error_id: str, problem: str | None, save: str) -> ComposeResult:
        """The end of every form: the line refusals are said on (holding ``problem`` when the
        form opens again after a failed save), then the primary button, labelled ``save``, and
        the way out."""
        yield Static(try_again_note(problem) if problem else "", id=error_id, markup=False)
        with Horizontal(classes="dialog-buttons"):
            yield Button(save, variant="primary", id="save")
            yield Button("Cancel (esc)", id="cancel")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.entered(event.input)

    def entered(self, _field: Input) -> None:
        """Enter in a one-line field; a form of several fields may move on instead."""
        self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmScreen(Dialog[bool]):
    """Ask before something that cannot be undone (delete a draft, choose the focus)."""

    CSS_PATH = "modals.tcss"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape", "answer(False)", "No"),
    ]

    def __init__(self, title: str | Content, question: str | Content, yes: str = "Yes") -> None:
        super().__init__()
        self._title = _as_content(title)
        self._question = _as_content(question)
        self._yes = yes

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self._title, classes="dialog-title", markup=False)
            yield Static(self._question, classes="dialog-body", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(f"{self._yes} (y)", variant="primary", id="yes")
                yield Button("No (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class TextPrompt(FormDialog[str]):
    """Ask for one line of text (a reason, a note, minutes); Escape cancels with ``None``."""

    CSS_PATH = "modals.tcss"

    def __init__(
        self,
        title: str | Content,
        question: str | Content,
        *,
        value: str = "",
        placeholder: str = "",
        allow_empty: bool = True,
        problem: str = "",
    ) -> None:
        """``problem``: why the last answer could not be saved (shown under the field)."""
        super().__init__()
        self._title = _as_content(title)
        self._question = _as_content(question)
        self._value = value
        self._placeholder = placeholder
        self._allow_empty = allow_empty
        self._problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Static(self._title, classes="dialog-title", markup=False)
            yield Static(self._question, classes="dialog-body", markup=False)
            yield SafeInput(self._value, placeholder=self._placeholder, id="answer")
            yield Static(self._problem, id="prompt-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button("OK (enter)", variant="primary", id="save")
                yield Button("Cancel (esc)", id="cancel")

    def on_mount(self) -> None:
        self.query_one("#answer", Input).focus()

    def action_save(self) -> None:
        value = self.query_one("#answer", Input).value
        if not self._allow_empty and not value.strip():
            self.query_one("#prompt-error", Static).update("Please type something, or press Esc.")
            return
        self.dismiss(value)
