"""A participant's own drafts: objectives on the left, key-result ideas on the right.

Enter in a box adds what was typed, under the participant's name, to the file the facilitator's
screen shows. On a list, ``e`` edits and ``x`` deletes, always only their own (the core refuses
anything else). Others' drafts appear below only if the facilitator chose to show them before
the meeting; otherwise a line says why they are hidden. When the room starts voting, F6 opens
the ballot.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker

from okrworkshop import participation, rules
from okrworkshop.model import Workshop
from okrworkshop.smart import lint_key_result, lint_objective
from okrworkshop.text import shorten
from screens.app_base import try_again_note
from screens.dialogs.modals import TextPrompt, confirm
from screens.participant.parts import VOTING
from screens.user_text import labelled, shown, shown_line
from screens.widgets.fields import SafeInput
from screens.writes import Outcome

if TYPE_CHECKING:
    from screens.participant.app import ParticipantApp


def fill(options: OptionList, rows: Sequence[tuple[str, Content]]) -> None:
    """Show ``rows`` (id, prompt), keeping the highlight on the same id; skip if unchanged."""
    wanted = [(key, prompt.plain) for key, prompt in rows]
    current = [
        (option.id, option.prompt.plain if isinstance(option.prompt, Content) else "")
        for option in options.options
    ]
    if wanted == current:
        return
    highlighted = options.highlighted
    keep = options.options[highlighted].id if highlighted is not None and options.options else None
    options.set_options(Option(prompt, id=key) for key, prompt in rows)
    ids = [key for key, _ in rows]
    if keep in ids:
        options.highlighted = ids.index(keep)
    elif rows:
        options.highlighted = min(highlighted or 0, len(rows) - 1)


class OwnList(OptionList):
    """A list of the participant's own items; its keys act on the highlighted one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "screen.edit", "Edit"),
        Binding("delete,x", "screen.delete", "Delete"),
        Binding("n", "screen.new", "New"),
    ]


class DraftingScreen(Screen[None]):
    """Write, edit and delete one's own drafts and key-result ideas."""

    CSS_PATH = "participant.tcss"
    HELP_TITLE = "Your drafts"
    PURPOSE = (
        "Write draft objectives (a qualitative place the team wants to reach, no numbers) and "
        "key-result ideas (a number that would show the team got there). Enter adds; each is "
        "saved at once, under your name, where the facilitator's screen picks it up. On a list, "
        "e edits and x deletes your own."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f6", "vote", "Vote"),
        Binding("f7", "context", "Context"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._voting_told = False
        self._typed: dict[str, str] = {}
        """What the add boxes hold (kept here: the boxes are gone by the time we unmount)."""

    @property
    def participant_app(self) -> ParticipantApp:
        return cast("ParticipantApp", self.app)

    @property
    def person(self) -> str:
        return self.participant_app.person or ""

    def compose(self) -> ComposeResult:
        yield Static("", id="who")
        with Horizontal(id="own"):
            with Vertical(classes="pane"):
                yield Static("", id="drafts-title", classes="section")
                yield SafeInput(
                    placeholder="A draft objective, then Enter", id="new-draft", max_length=10_000
                )
                yield Static("", id="draft-hint", classes="hint")
                yield OwnList(id="my-drafts")
            with Vertical(classes="pane"):
                yield Static("", id="ideas-title", classes="section")
                yield SafeInput(
                    placeholder="A key-result idea, then Enter", id="new-idea", max_length=10_000
                )
                yield Static("", id="idea-hint", classes="hint")
                yield OwnList(id="my-ideas")
        yield Static("", id="others-title", classes="section")
        yield OptionList(id="others")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.watch(self.participant_app, "workshop", self._workshop_changed)
        self.query_one("#new-draft", Input).focus()

    def on_screen_resume(self) -> None:
        self._workshop_changed(self.participant_app.workshop)

    def unsent_text(self) -> list[str]:
        return [box.value for box in self.query(SafeInput) if box.value.strip()]

    def on_unmount(self) -> None:
        """Closed under the person (browser tab shut, server stopped, SIGTERM): nobody can be
        asked, so what they typed but did not add yet is kept as their draft or idea."""
        app = self.participant_app
        if app.quitting or app.workshop_id is None:
            return
        adds = {"new-draft": participation.add_draft, "new-idea": participation.add_key_result_idea}
        for box_id, text in self._typed.items():
            if text.strip():
                # The app's loop is closing, so no worker could report back: the write queue
                # applies it here, with its error handling; a save that fails is not kept.
                app.writes.write_now(app.workshop_id, self._adding(adds[box_id], text))

    def _adding(self, add: Callable[..., object], text: str) -> Callable[[Workshop], object]:
        """The change that adds ``text`` as this person's draft or idea."""
        person = self.person
        return lambda ws: add(ws, text, person=person)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "vote":
            ws = self.participant_app.workshop
            return ws is not None and rules.voting_open(ws)
        return True

    # --- showing ------------------------------------------------------------------------------

    def _workshop_changed(self, ws: Workshop | None) -> None:
        if ws is None or not self.is_mounted:
            return
        person = self.person
        mine = participation.own_drafts(ws, person)
        ideas = participation.own_key_results(ws, person)
        due_date = ws.settings.drafts_due
        due = f" · drafts due {due_date.isoformat()}" if due_date else ""
        self.query_one("#who", Static).update(
            labelled(
                "[b]$person[/b] · $team, $cycle$due · saved as you add",
                person=person,
                team=ws.team,
                cycle=ws.cycle.label,
                due=due,
            )
        )
        self.query_one("#drafts-title", Static).update(
            Content(f"Your draft objectives ({len(mine)})")
        )
        self.query_one("#ideas-title", Static).update(
            Content(f"Your key-result ideas ({len(ideas)})")
        )
        fill(self.query_one("#my-drafts", OptionList), [(o.id, shown(o.text)) for o in mine])
        fill(self.query_one("#my-ideas", OptionList), [(k.id, shown(k.statement)) for k in ideas])
        self._show_others(ws)
        self.refresh_bindings()
        if rules.voting_open(ws) and not self._voting_told:
            self._voting_told = True
            self.notify("The room is voting now: press F6 to give your dots.", timeout=10)

    def _show_others(self, ws: Workshop) -> None:
        others = self.query_one("#others", OptionList)
        title = self.query_one("#others-title", Static)
        if not participation.others_drafts_visible(ws):
            title.update(
                Content(
                    "Other people's drafts stay hidden until the workshop, so each draft is "
                    "its author's own thinking."
                )
            )
            others.display = False
            return
        drafts = participation.others_drafts(ws, self.person)
        title.update(Content(f"Everyone else's drafts ({len(drafts)})"))
        others.display = True
        fill(
            others,
            [(o.id, labelled("$text  [dim]— $a[/]", text=o.text, a=o.author)) for o in drafts],
        )

    # --- adding -------------------------------------------------------------------------------

    @on(Input.Changed, "#new-draft, #new-idea")
    def remember(self, event: Input.Changed) -> None:
        self._typed[event.input.id or ""] = event.value

    @on(Input.Changed, "#new-draft")
    def draft_typed(self, event: Input.Changed) -> None:
        findings = lint_objective(event.value) if event.value.strip() else ()
        hint = findings[0].message if findings else ""
        self.query_one("#draft-hint", Static).update(shown_line(shorten(hint, 300)))

    @on(Input.Changed, "#new-idea")
    def idea_typed(self, event: Input.Changed) -> None:
        hint = ""
        if event.value.strip():
            findings = lint_key_result(event.value).findings
            hint = findings[0].message if findings else "Specific, measurable and time-bound."
        self.query_one("#idea-hint", Static).update(shown_line(shorten(hint, 300)))

    @on(Input.Submitted, "#new-draft")
    def add_draft(self, event: Input.Submitted) -> None:
        self._add(cast(SafeInput, event.input), participation.add_draft)

    @on(Input.Submitted, "#new-idea")
    def add_idea(self, event: Input.Submitted) -> None:
        self._add(cast(SafeInput, event.input), participation.add_key_result_idea)

    @work(group="participant-add")
    async def _add(self, box: SafeInput, action: Callable[..., object]) -> None:
        text = box.value
        if not text.strip():
            self.notify("Type something first, then press Enter.", severity="warning")
            return
        box.value = ""  # empty at once, so what is typed next starts a new draft
        outcome = await self.participant_app.change(action, text, person=self.person).wait()
        if not outcome.ok:
            box.give_back(text)  # refused, or not saved: nothing typed is lost

    # --- the lists ----------------------------------------------------------------------------

    def _highlighted(self) -> tuple[str, str, bool] | None:
        """(item id, its words, whether it is a draft) of the highlighted own item, if any."""
        focused, ws = self.focused, self.participant_app.workshop
        if not isinstance(focused, OwnList) or focused.highlighted is None or ws is None:
            return None
        if not focused.options or not (item_id := focused.options[focused.highlighted].id):
            return None
        if focused.id == "my-drafts":
            objective = ws.objective(item_id)
            return (item_id, objective.text, True) if objective else None
        kr = ws.key_result(item_id)
        return (item_id, kr.statement, False) if kr else None

    @on(OptionList.OptionSelected, "OwnList")
    def selected(self) -> None:
        self.action_edit()

    def action_edit(self) -> None:
        target = self._highlighted()
        if target is None:
            return
        item_id, current, is_draft = target
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
        action = participation.delete_draft if is_draft else participation.delete_key_result_idea
        confirm(
            self.app,
            "Delete this?",
            labelled("$text", text=shorten(text, 200)),
            yes="Delete",
            then=lambda: self.participant_app.change(action, item_id, person=self.person),
        )

    def action_new(self) -> None:
        focused = self.focused
        ideas = isinstance(focused, OwnList) and focused.id == "my-ideas"
        box = "#new-idea" if ideas else "#new-draft"
        self.query_one(box, Input).focus()

    def action_vote(self) -> None:

        self.participant_app.show_part(VOTING)

    def action_context(self) -> None:
        self.participant_app.show_briefing()
