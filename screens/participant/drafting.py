"""A participant's own drafts: draft objectives and key-result ideas.

The two boxes come first (Tab goes from the draft box to the idea box), their lists below;
below about 60 columns (a phone in a browser) the columns stack. Enter in a box adds what was
typed, under the participant's name, to the file the facilitator's screen shows. On a list,
Enter edits and Delete deletes, always only their own (the core refuses anything else); any
letter typed on a list goes into the box above it. Words left in a box when the screen is
closed under the person are kept as a draft, marked so. Once the room has chosen its focus the
draft box closes, and says so before anyone presses Enter.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Input, Static
from textual.worker import Worker

from okrworkshop import participation
from okrworkshop.model import Workshop
from okrworkshop.smart import lint_objective, lint_sentence
from okrworkshop.text import shorten
from screens.dialogs.modals import TextPrompt, confirm
from screens.participant.footer import PartFooter
from screens.participant.lists import KeyedList, fill
from screens.participant.part import PartScreen
from screens.participant.parts import DRAFTING
from screens.user_text import labelled, shown, try_again_note
from screens.widgets.fields import SafeInput
from screens.writes import Outcome

ASKED = 3
"""The briefing asks for one to three drafts; past that a note says so (never a refusal)."""
KEPT = "kept when the tab closed"
"""How a draft or idea kept from words left in a closing screen is marked."""


class OwnList(KeyedList):
    """A list of the participant's own items; its keys act on the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Edit"),
        Binding("delete,backspace", "screen.delete", "Delete"),
    ]


class DraftingScreen(PartScreen):
    """Write, edit and delete one's own drafts and key-result ideas."""

    PART = DRAFTING
    CSS_PATH: ClassVar[list[str | PurePath]] = ["part.tcss", "drafting.tcss"]
    HELP_TITLE = "Your drafts"
    PURPOSE = (
        "Write draft objectives (a place the team wants to reach, in words, no numbers) and "
        "key-result ideas (a number that would show the team got there). Enter adds; each is "
        "saved at once under your name, and the facilitator's screen shows it within a second "
        "or two. Tab goes from one box to the other and on to your lists, where Enter edits "
        "and Delete deletes your own; a letter typed on a list goes into its box. Words left "
        "in a box if this window closes are kept as a draft, marked 'kept when the tab "
        "closed', so nothing you wrote is lost: delete it if you did not mean it. Other "
        "people's drafts stay hidden until the workshop unless the facilitator shows them, "
        "so each draft is its author's own thinking."
    )

    def __init__(self) -> None:
        super().__init__()
        self._typed: dict[str, str] = {}
        """What the add boxes hold (kept here: the boxes are gone by the time we unmount)."""

    def compose(self) -> ComposeResult:
        yield from self.compose_top()
        yield Static(
            Content(
                "Enter adds (saved at once). Words left in a box are kept as a draft if this "
                "window closes."
            ),
            id="kept-note",
            classes="hint",
        )
        with Horizontal(id="boxes"):
            with Vertical(classes="pane"):
                yield SafeInput(id="new-draft", max_length=10_000, select_on_focus=False)
                yield Static("", id="draft-hint", classes="hint")
            with Vertical(classes="pane"):
                yield SafeInput(id="new-idea", max_length=10_000, select_on_focus=False)
                yield Static("", id="idea-hint", classes="hint")
        with Horizontal(id="lists"):
            with Vertical(classes="pane"):
                yield Static("", id="drafts-title", classes="section")
                yield OwnList(id="my-drafts")
            with Vertical(classes="pane"):
                yield Static("", id="ideas-title", classes="section")
                yield OwnList(id="my-ideas")
        yield Static("", id="others-title", classes="section")
        yield KeyedList(id="others")
        yield PartFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self._workshop_changed(self.participant_app.workshop)
        self._focus_somewhere()

    def unsent_text(self) -> list[str]:
        return [box.value for box in self.query(SafeInput) if box.value.strip()]

    def on_unmount(self) -> None:
        """Closed under the person (browser tab shut, server stopped, SIGTERM): nobody can be
        asked, so what they typed but did not add yet is kept as their draft or idea, marked
        as kept so it is easy to spot."""
        app = self.participant_app
        if app.quitting or app.workshop_id is None:
            return
        adds = {"new-draft": participation.add_draft, "new-idea": participation.add_key_result_idea}
        for box_id, text in self._typed.items():
            if text.strip():
                # The app's loop is closing, so no worker could report back: the write queue
                # applies it here, with its error handling; a save that fails is not kept.
                app.writes.write_now(app.workshop_id, self._keeping(adds[box_id], text))

    def _keeping(self, add: Callable[..., object], text: str) -> Callable[[Workshop], object]:
        """The change that keeps ``text`` as this person's draft or idea."""
        person = self.person
        return lambda ws: add(ws, text, person=person, kept_on_close=True)

    # --- showing ------------------------------------------------------------------------------

    def show(self, ws: Workshop) -> None:
        person = self.person
        mine = participation.own_drafts(ws, person)
        ideas = participation.own_key_results(ws, person)
        opened = participation.openings(ws)
        closed = "" if opened.drafts else " (closed)"
        self.query_one("#drafts-title", Static).update(
            Content(f"Your draft objectives ({len(mine)}){closed}")
        )
        closed = "" if opened.ideas else " (closed)"
        self.query_one("#ideas-title", Static).update(
            Content(f"Your key-result ideas ({len(ideas)}){closed}")
        )
        fill(
            self.query_one("#my-drafts", OwnList),
            [(o.id, _row(o.text, o.kept_on_close)) for o in mine],
        )
        fill(
            self.query_one("#my-ideas", OwnList),
            [(k.id, _row(k.statement, k.kept_on_close)) for k in ideas],
        )
        self._show_others(ws)
        self.query_one("#kept-note", Static).display = opened.drafts or opened.ideas
        self._open_boxes(ws)
        self._show_hints()

    def _open_boxes(self, ws: Workshop) -> None:
        """A closed box is greyed out and says so; one still holding words stays open, so
        they can be copied (Enter then says why they cannot be added)."""
        opened = participation.openings(ws)
        for box_id, is_open, ask, shut in (
            ("#new-draft", opened.drafts, "A draft objective, then Enter", "Drafts are closed"),
            ("#new-idea", opened.ideas, "A key-result idea, then Enter", "Ideas are closed"),
        ):
            box = self.query_one(box_id, SafeInput)
            box.placeholder = ask if is_open else shut
            box.disabled = not is_open and not box.value.strip()
        focused = self.focused
        if focused is None or focused.disabled:
            self._focus_somewhere()

    def _focus_somewhere(self) -> None:
        """The first box still open, else the person's own drafts."""
        for box in self.query(SafeInput):
            if not box.disabled:
                box.focus()
                return
        self.query_one("#my-drafts", OwnList).focus()

    def _show_others(self, ws: Workshop) -> None:
        others = self.query_one("#others", KeyedList)
        title = self.query_one("#others-title", Static)
        if not participation.others_drafts_visible(ws):
            title.update(
                Content(
                    "Other people's drafts stay hidden until the workshop, so each draft is "
                    "its author's own thinking."
                )
            )
            title.add_class("-about-hidden")
            others.display = False
            return
        drafts = participation.others_drafts(ws, self.person)
        title.remove_class("-about-hidden")
        title.update(Content(f"Everyone else's drafts ({len(drafts)})"))
        others.display = True
        fill(
            others,
            [(o.id, labelled("$text  [dim]— $a[/]", text=o.text, a=o.author)) for o in drafts],
        )

    def _show_hints(self) -> None:
        ws = self.participant_app.workshop
        if ws is None or not self.is_mounted:
            return
        opened = participation.openings(ws)
        draft = self._typed.get("new-draft", "")
        if not opened.drafts:
            hint = "The team chose its focus objective, so drafts are closed."
        elif draft.strip():
            findings = lint_objective(draft)
            hint = findings[0].message if findings else ""
        else:
            count = len(participation.own_drafts(ws, self.person))
            hint = _past_the_ask(count) if count >= ASKED else ""
        _say(self.query_one("#draft-hint", Static), hint)
        idea = self._typed.get("new-idea", "")
        if not opened.ideas:
            hint = "The room is refining its key results: say a new idea out loud."
        elif idea.strip():
            found = lint_sentence(idea).findings
            hint = found[0].message if found else "Specific, measurable and time-bound."
        else:
            hint = ""
        _say(self.query_one("#idea-hint", Static), hint)

    # --- adding -------------------------------------------------------------------------------

    @on(Input.Changed, "#new-draft, #new-idea")
    def typed(self, event: Input.Changed) -> None:
        self._typed[event.input.id or ""] = event.value
        self._show_hints()

    @on(Input.Submitted, "#new-draft")
    def add_draft(self, event: Input.Submitted) -> None:
        self._add(event.input, participation.add_draft)

    @on(Input.Submitted, "#new-idea")
    def add_idea(self, event: Input.Submitted) -> None:
        self._add(event.input, participation.add_key_result_idea)

    @work(group="participant-add")
    async def _add(self, box: Input, action: Callable[..., object]) -> None:
        assert isinstance(box, SafeInput)
        text = box.value
        if not text.strip():
            self.notify("Type something first, then press Enter.", severity="warning")
            return
        box.value = ""  # empty at once, so what is typed next starts a new draft
        outcome = await self.participant_app.change(action, text, person=self.person).wait()
        if not outcome.ok:
            box.give_back(text)  # refused, or not saved: nothing typed is lost

    @on(KeyedList.Typed)
    def carry(self, event: KeyedList.Typed) -> None:
        """A letter typed on a list goes into the box above it, with the cursor after it."""
        box_id = "#new-idea" if event.list.id == "my-ideas" else "#new-draft"
        box = self.query_one(box_id, SafeInput)
        if box.disabled:
            self.notify(
                f"{box.placeholder}. On this list Enter edits and Delete deletes; Esc opens "
                "the menu.",
                markup=False,
            )
            return
        box.focus()
        box.cursor_position = len(box.value)
        box.insert_text_at_cursor(event.character)

    # --- the lists ----------------------------------------------------------------------------

    def _highlighted(self) -> tuple[str, str, bool] | None:
        """(item id, its words, whether it is a draft) of the highlighted own item, if any."""
        focused, ws = self.focused, self.participant_app.workshop
        if not isinstance(focused, OwnList) or ws is None:
            return None
        item_id = focused.highlighted_id()
        if item_id is None:
            return None
        if focused.id == "my-drafts":
            objective = ws.objective(item_id)
            return (item_id, objective.text, True) if objective else None
        kr = ws.key_result(item_id)
        return (item_id, kr.statement, False) if kr else None

    def _closed_for(self, is_draft: bool) -> str | None:
        """The sentence saying why this kind of item can no longer change, if it cannot."""
        ws = self.participant_app.workshop
        if ws is None:
            return None
        opened = participation.openings(ws)
        if is_draft and not opened.drafts:
            return "Drafts are closed: the team chose its focus objective."
        if not is_draft and not opened.ideas:
            return "Key-result ideas are closed: the room is refining its key results."
        return None

    @on(KeyedList.OptionSelected, "OwnList")
    def selected(self) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        target = self._highlighted()
        if target is None:
            return
        item_id, current, is_draft = target
        if closed := self._closed_for(is_draft):
            self.notify(closed, markup=False)
            return
        title = "Edit your draft objective" if is_draft else "Edit your key-result idea"
        action = participation.edit_draft if is_draft else participation.edit_key_result_idea
        app = self.participant_app

        def ask(
            typed: str | None, problem: str | None, reply: Callable[[str | None], None]
        ) -> None:
            app.push_screen(
                TextPrompt(
                    title,
                    "Change the words and press Enter (Esc keeps it).",
                    value=current if typed is None else typed,
                    problem=try_again_note(problem) if problem else "",
                ),
                reply,
            )

        def save(answer: str) -> Worker[Outcome[Any]] | None:
            return (
                None
                if answer == current
                else app.change(action, item_id, answer, person=self.person)
            )

        app.ask_and_save(ask, save)

    def action_delete(self) -> None:
        target = self._highlighted()
        if target is None:
            return
        item_id, text, is_draft = target
        if closed := self._closed_for(is_draft):
            self.notify(closed, markup=False)
            return
        action = participation.delete_draft if is_draft else participation.delete_key_result_idea
        confirm(
            self.app,
            "Delete this?",
            labelled("$text", text=shorten(text, 200)),
            yes="Delete",
            then=lambda: self.participant_app.change(action, item_id, person=self.person),
        )


def _say(hint: Static, text: str) -> None:
    """Show a hint under a box; an empty one takes no row (a phone has few)."""
    hint.update(shown(text))
    hint.display = bool(text)


def _row(text: str, kept: bool) -> Content:
    """One of the person's own items; one kept from a closing screen says so."""
    if kept:
        return labelled(f"$text  [dim]({KEPT})[/]", text=text)
    return shown(text)


def _past_the_ask(count: int) -> str:
    return (
        f"That makes {count} drafts. The ask was one to three, so the room has time to read "
        "each one; add another only if it says something new."
    )
