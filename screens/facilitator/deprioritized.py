"""Step 5, Deprioritized: everything the team will NOT do this cycle, each with its reason.

Saying no out loud is half of choosing a focus. The drafts that were neither chosen nor set
aside yet are listed on the left: pick one and give the reason it waits. Anything else that
matters but is not done this cycle can be added with its reason. The list itself can be edited
and trimmed; a detail pane shows the highlighted item in full.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import DescendantFocus, Resize
from textual.widgets import Button, DataTable, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker

from okrworkshop import actions, rules
from okrworkshop.model import Deprioritized, Objective, Stage, Workshop
from okrworkshop.text import plural
from screens.dialogs.modals import TextPrompt, confirm
from screens.facilitator.step import StepScreen
from screens.user_text import shown, shown_line, try_again_note
from screens.widgets.fields import SafeInput
from screens.widgets.rows_table import RowsTable, table_words
from screens.writes import Outcome

ID_WIDTH = 4
SOURCE_WIDTH = 8
OPTION_CHARS = 160


class UndecidedList(OptionList):
    """Drafts neither chosen as the focus nor on the not-now list; Enter or d sets one aside."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "select", "Not now…", key_display="enter/d"),
        Binding("d", "screen.deprioritize_draft", "Not now…", show=False),
    ]


class DeprioritizedTable(RowsTable):
    """The not-now list; keys here act on the highlighted item."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "screen.edit_item", "Edit"),
        Binding("delete,x", "screen.remove_item", "Remove", key_display="x/del"),
    ]


def _one_line(text: str) -> str:
    """Stored text as it can be edited in a one-line prompt."""
    return " ".join(text.split("\n"))


def _source(item: Deprioritized) -> str:
    return f"draft {item.from_objective}" if item.from_objective else "added"


def _draft_label(objective: Objective) -> Content:
    """One line per draft: id, words (cut; the detail pane has them in full), author, votes."""
    votes = objective.total_votes
    meta = Content(" · by ") + shown_line(objective.byline)
    if votes:
        meta += Content(f", {plural(votes, 'dot')}")
    return (
        Content.styled(f"{objective.id:<4}", "bold")
        + shown_line(objective.text, OPTION_CHARS)
        + meta.stylize("$text-muted")
    )


class DeprioritizedScreen(StepScreen):
    STAGE = Stage.DEPRIORITIZED
    CSS_PATH = "deprioritized.tcss"
    HORIZONTAL_BREAKPOINTS = [  # noqa: RUF012 (Textual types it as an instance variable)
        (0, "-narrow"),
        (100, "-wide"),
    ]
    PURPOSE = (
        "Focus means saying no out loud. List everything the team will deliberately not do "
        "this cycle, each with the reason it waits: first the drafts that were not chosen as "
        "the focus (select one and press Enter or d), then anything else that matters but is "
        "not for now (type it and its reason below the drafts, Enter adds). The list goes into "
        "the final document, so readers see what was left out and why."
    )

    def __init__(self) -> None:
        super().__init__()
        self._drafts_shown: tuple[tuple[str, str, str, int], ...] | None = None
        self._detail: tuple[str, str] | None = None  # ("draft" | "item", id)

    def compose_body(self) -> ComposeResult:
        yield Static(id="depr-focus", markup=False)
        with Horizontal(id="depr-columns"):
            with Vertical(id="depr-left"):
                yield Static(id="undecided-title", classes="section", markup=False)
                yield Static(id="undecided-hint", classes="hint", markup=False)
                yield UndecidedList(id="undecided")
                yield Static(
                    Content.styled("Something else the team will not do", "bold"),
                    classes="section",
                    id="add-title",
                )
                with Horizontal(id="add-row"):
                    yield SafeInput(
                        placeholder="What: e.g. replace the search engine",
                        id="new-item",
                        compact=True,
                    )
                    yield SafeInput(
                        placeholder="Why not now (required); Enter adds",
                        id="new-reason",
                        compact=True,
                    )
                with Horizontal(classes="buttons", id="add-buttons"):
                    yield Button("Add (enter)", id="add", compact=True)
            with Vertical(id="depr-right"):
                yield Static(id="items-title", classes="section", markup=False)
                yield DeprioritizedTable(id="deprioritized")
                with Horizontal(classes="buttons", id="item-buttons"):
                    yield Button("Edit (e)", id="edit", compact=True)
                    yield Button("Remove (x)", id="remove", compact=True)
                with VerticalScroll(id="depr-detail"):
                    yield Static(id="detail-text", markup=False)

    # --- drawing --------------------------------------------------------------------------------

    def show(self, ws: Workshop) -> None:
        focus = ws.focus_objective
        if focus is None:
            line = Content(
                "★ No focus objective yet: choose it in step 4 (F8 goes back). Drafts can be set "
                "aside already."
            )
        else:
            line = (
                Content.styled("★ Focus ", "bold")
                + Content.styled(f"{focus.id}  ", "bold")
                + shown_line(focus.text, 300)
            )
        self.query_one("#depr-focus", Static).update(line)
        self._show_drafts(rules.undecided_drafts(ws))
        self._show_items(ws.deprioritized)
        self._show_detail()
        drafts = self.query_one(UndecidedList)
        if self.focused is None or (self.focused is drafts and not self._drafts_shown):
            # Start where the work is: the drafts to decide, else the not-now list.
            (drafts if self._drafts_shown else self.query_one(DeprioritizedTable)).focus()

    def _show_drafts(self, drafts: list[Objective]) -> None:
        title = Content.styled(f"Drafts not chosen yet ({len(drafts)})", "bold")
        self.query_one("#undecided-title", Static).update(title)
        hint = (
            "Select one and press Enter (or d) to say why it waits."
            if drafts
            else "✓ Every draft is either the focus or on the not-now list."
        )
        self.query_one("#undecided-hint", Static).update(hint)
        self.set_class(not drafts, "-all-decided")
        shown_now = tuple((o.id, o.text, o.author, o.total_votes) for o in drafts)
        if shown_now == self._drafts_shown:
            return
        self._drafts_shown = shown_now
        options = self.query_one(UndecidedList)
        keep = self._highlighted_draft()
        index = options.highlighted
        options.clear_options()
        options.add_options([Option(_draft_label(o), id=o.id) for o in drafts])
        if drafts:
            ids = [o.id for o in drafts]
            options.highlighted = (
                ids.index(keep) if keep in ids else min(index or 0, len(drafts) - 1)
            )

    def _show_items(self, items: list[Deprioritized]) -> None:
        title = Content.styled(f"Not this cycle ({len(items)})", "bold")
        self.query_one("#items-title", Static).update(title)
        table = self.query_one(DeprioritizedTable)
        what, why = self._column_widths(table)
        columns = [
            ("id", "#", ID_WIDTH),
            ("what", "What", what),
            ("why", "Why not now", why),
            ("source", "From", SOURCE_WIDTH),
        ]
        shown_now = tuple((d.id, d.text, d.reason, _source(d)) for d in items)
        table.load(
            columns,
            (what, why, shown_now),
            lambda: [
                (
                    item_id,
                    [
                        Content(item_id),
                        table_words(text, what),
                        table_words(reason, why),
                        Content(src),
                    ],
                )
                for item_id, text, reason, src in shown_now
            ],
            wrap=("what", "why"),  # both in full: wrapped, never cut
        )

    def _column_widths(self, table: DataTable[Content]) -> tuple[int, int]:
        """Split the table's width between the item and its reason (cells have 1 padding)."""
        space = table.scrollable_content_region.width or 80
        free = max(space - ID_WIDTH - SOURCE_WIDTH - 8 - 1, 24)
        return free // 2, free - free // 2

    def on_resize(self, _event: Resize) -> None:
        self.call_after_refresh(self._redraw_table)

    def _redraw_table(self) -> None:
        if self.is_current and self.okr_app.workshop is not None:
            self._show_items(self.okr_app.workshop.deprioritized)

    def _show_detail(self) -> None:
        ws = self.okr_app.workshop
        detail = self.query_one("#detail-text", Static)
        if ws is None:
            return
        kind, key = self._detail or ("", "")
        if kind == "draft" and (draft := ws.objective(key)) is not None:
            text = Content.styled(f"Draft {draft.id}, by ", "bold") + shown_line(draft.author)
            parts = [text, shown(draft.text)]
            if draft.pillar:
                parts.append(Content.styled("Pillar: ", "bold") + shown(draft.pillar))
            if draft.rationale:
                parts.append(Content.styled("Why: ", "bold") + shown(draft.rationale))
            detail.update(Content("\n").join(parts))
        elif kind == "item" and (item := ws.deprioritized_item(key)) is not None:
            parts = [
                Content.styled(f"{item.id}, {_source(item)}", "bold"),
                shown(item.text),
                Content.styled("Why not now: ", "bold") + shown(item.reason),
            ]
            detail.update(Content("\n").join(parts))
        else:
            detail.update(
                Content("Highlight a draft or an item to read it here in full.").stylize(
                    "$text-muted"
                )
            )

    @on(OptionList.OptionHighlighted, "#undecided")
    def _draft_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self._detail = ("draft", event.option.id)
            self._show_detail()

    @on(DataTable.RowHighlighted, "#deprioritized")
    def _item_highlighted(self, event: DataTable.RowHighlighted) -> None:
        if event.row_key.value:
            self._detail = ("item", event.row_key.value)
            self._show_detail()

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        """The detail pane follows the list that has focus: its highlighted row, in full."""
        if isinstance(event.widget, DeprioritizedTable) and event.widget.highlighted_key:
            self._detail = ("item", event.widget.highlighted_key)
            self._show_detail()
        elif isinstance(event.widget, UndecidedList):
            option = event.widget.highlighted_option
            if option is not None and option.id:
                self._detail = ("draft", option.id)
                self._show_detail()

    # --- setting drafts aside -------------------------------------------------------------------

    def _highlighted_draft(self) -> str | None:
        options = self.query_one(UndecidedList)
        if options.highlighted is None or options.option_count == 0:
            return None
        return options.get_option_at_index(options.highlighted).id

    def _highlighted_item(self) -> str | None:
        return self.query_one(DeprioritizedTable).highlighted_key

    @on(OptionList.OptionSelected, "#undecided")
    def _draft_selected(self, _event: OptionList.OptionSelected) -> None:
        self.action_deprioritize_draft()

    def action_deprioritize_draft(self) -> None:
        draft_id = self._highlighted_draft()
        draft = self.workshop.objective(draft_id) if draft_id else None
        if draft is None:
            return
        app = self.okr_app

        def ask(
            typed: str | None, problem: str | None, reply: Callable[[str | None], None]
        ) -> None:
            app.push_screen(
                TextPrompt(
                    f"Not this cycle: {draft.id}",
                    f"“{_one_line(draft.text)}” (by {draft.author})\n\nWhy will the team not do "
                    "this now? Saying it out loud is part of choosing a focus.",
                    value=typed or "",
                    placeholder="e.g. the strategy says home market first",
                    allow_empty=False,
                    problem=try_again_note(problem) if problem else "",
                ),
                reply,
            )

        def save(reason: str) -> Worker[Outcome[Any]]:
            return app.change(actions.deprioritize, None, reason, from_objective=draft.id)

        app.ask_and_save(ask, save)

    # --- adding anything else -------------------------------------------------------------------

    @on(Input.Submitted, "#new-item")
    def _item_submitted(self) -> None:
        if not self.query_one("#new-reason", Input).value.strip():
            if self.query_one("#new-item", Input).value.strip():
                self.query_one("#new-reason", Input).focus()
            else:
                self.notify("Type what the team will not do first.", severity="warning")
            return
        self._add_item()

    @on(Input.Submitted, "#new-reason")
    @on(Button.Pressed, "#add")
    def _reason_submitted(self) -> None:
        self._add_item()

    @work(group="depr-add")
    async def _add_item(self) -> None:
        what = self.query_one("#new-item", Input)
        why = self.query_one("#new-reason", Input)
        text, reason = what.value, why.value
        if not text.strip():
            self.notify("Type what the team will not do first.", severity="warning")
            what.focus()
            return
        if not reason.strip():
            self.notify(
                "Give the reason it waits: saying why not now is the point of this list.",
                severity="warning",
            )
            why.focus()
            return
        outcome = await self.okr_app.change(actions.deprioritize, text, reason).wait()
        if outcome is not None and outcome.ok:
            # Clear only what was saved; anything typed meanwhile stays.
            if what.value == text:
                what.clear()
            if why.value == reason:
                why.clear()
            what.focus()

    # --- editing the list -----------------------------------------------------------------------

    @on(Button.Pressed, "#edit")
    def _edit_pressed(self) -> None:
        self.action_edit_item()

    @on(Button.Pressed, "#remove")
    def _remove_pressed(self) -> None:
        self.action_remove_item()

    def _current_item(self) -> Deprioritized | None:
        item_id = self._highlighted_item()
        if item_id is None:
            self.notify("The not-now list is empty.", severity="information")
            return None
        return self.workshop.deprioritized_item(item_id)

    def action_edit_item(self) -> None:
        item = self._current_item()
        if item is None:
            return
        old_text, old_reason = _one_line(item.text), _one_line(item.reason)
        app = self.okr_app
        Answer = tuple[str, str]

        def ask(typed: Answer | None, problem: str | None, reply: Callable[..., None]) -> None:
            """Two prompts, the words then the reason; ``reply`` gets both (or None)."""
            was_text, was_reason = typed or (old_text, old_reason)
            note = try_again_note(problem) if problem else ""

            def got_text(text: str | None) -> None:
                if text is None:
                    reply(None)
                    return
                app.push_screen(
                    TextPrompt(
                        f"Edit {item.id}: why not now",
                        "The reason it waits this cycle (required).",
                        value=was_reason,
                        allow_empty=False,
                        problem=note,
                    ),
                    lambda reason: reply(None if reason is None else (text, reason)),
                )

            app.push_screen(
                TextPrompt(
                    f"Edit {item.id}: what the team will not do",
                    "Change the words, or press Enter to keep them.",
                    value=was_text,
                    allow_empty=False,
                    problem=note,
                ),
                got_text,
            )

        def save(answer: Answer) -> Worker[Outcome[Any]] | None:
            # Unchanged answers are not sent, so line breaks and other stored detail survive.
            text, reason = answer
            new_text = text if text != old_text else None
            new_reason = reason if reason != old_reason else None
            if new_text is None and new_reason is None:
                return None
            return app.change(actions.edit_deprioritized, item.id, text=new_text, reason=new_reason)

        app.ask_and_save(ask, save)

    def action_remove_item(self) -> None:
        item = self._current_item()
        if item is None:
            return
        back = (
            f"\n\nDraft {item.from_objective} goes back to “drafts not chosen yet”."
            if item.from_objective
            else ""
        )
        confirm(
            self.app,
            f"Remove {item.id} from the not-now list?",
            f"“{_one_line(item.text)}”{back}",
            yes="Remove",
            then=lambda: self.okr_app.change(actions.remove_deprioritized, item.id),
        )
