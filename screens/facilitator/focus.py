"""Step 4, Create focus: dot voting on the drafts, then the team chooses exactly ONE objective.

The facilitator records the votes on the shared screen: the strip picks the voter, space (or +)
gives the highlighted draft one of that person's dots, - takes one back. Votes stay hidden
until the facilitator reveals them (v); then the list is ordered by votes. f (or Enter) makes
the highlighted draft THE focus after asking, and offers the other drafts for the
deprioritized list with one reason. The core closes voting once a focus is chosen and refuses
a second focus; c clears the focus if the team changes its mind.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.widgets import Button, DataTable, Input, Label, SelectionList, Static
from textual.widgets.selection_list import Selection
from textual.worker import Worker

from okrworkshop import actions, rules
from okrworkshop.model import Objective, Stage, Workshop
from okrworkshop.rules import RuleError
from okrworkshop.text import plural, shorten, visible
from screens.dialogs.modals import ConfirmScreen, FormDialog
from screens.facilitator.drafts import draft_detail
from screens.facilitator.people import PERSON_DIGITS, PeopleStepScreen
from screens.user_text import labelled, shown_line, try_again_note
from screens.widgets.author_bar import AuthorBar, people_in_room
from screens.widgets.fields import SafeInput
from screens.widgets.pick_list import PickList
from screens.widgets.rows_table import Column, RowsTable, table_words, text_width
from screens.widgets.status_line import StatusLine
from screens.writes import Outcome

DOT = "●"
MAX_BAR = 12  # dots drawn in a bar; more are shown as "+"
REASON_PLACEHOLDER = "Not our focus this cycle: ..."


def dot_bar(count: int) -> str:
    return DOT * min(count, MAX_BAR) + ("+" if count > MAX_BAR else "")


def bar_width(count: int) -> int:
    """The cells ``dot_bar(count)`` takes."""
    return min(count, MAX_BAR) + (count > MAX_BAR)


class VoteTable(RowsTable):
    """The drafts as a ballot; keys here act on the highlighted draft for the current voter."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,plus", "screen.vote", "Dot +1"),
        Binding("minus", "screen.unvote", "Dot −1"),
        Binding("f", "screen.choose_focus", "Choose focus"),
        Binding("enter", "screen.choose_focus", "Choose focus", show=False),
        Binding("m", "screen.merge_draft", "Merge…"),
        Binding("o", "screen.contributes_to", "OKR above…"),
        *PERSON_DIGITS,
    ]


class FocusScreen(PeopleStepScreen):
    STAGE = Stage.FOCUS
    CSS_PATH = "focus.tcss"
    PURPOSE = (
        "Narrow the drafts to ONE objective for the cycle. First dot voting: each person has a "
        "few dots (set on the Setup step). Pick the voter in the strip (F2 next, F3 previous, "
        "a digit, or a click), then on the list press space or + to give the highlighted draft "
        "one of their dots and - to take one back. Votes stay hidden until you press v, so "
        "nobody follows the crowd; revealed, the list is ordered by votes. Then press f (or "
        "Enter) on the draft the team chooses. The other drafts are offered for the "
        "deprioritized list with a reason: saying out loud what you will not do is half of "
        "focusing. c clears the focus if the team changes its mind. Two drafts that say the "
        "same thing can be merged (m: both authors keep the credit, the dots combine); o names "
        "the higher-level OKR a draft, or the focus, moves. A tie at the top is flagged once "
        "the votes are revealed."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "next_person", "Next voter"),
        Binding("f3", "previous_person", "Previous voter", show=False),
        Binding("v", "toggle_reveal", "Reveal/hide"),
        Binding("c", "clear_focus", "Clear focus"),
    ]

    def compose_body(self) -> ComposeResult:
        yield Static("", id="focus-banner", markup=False)
        yield Static("", id="vote-status", markup=False)
        yield AuthorBar("Voter", "F2/F3 or click to change", id="voters")
        yield StatusLine(id="vote-message")
        yield VoteTable(id="ballot")
        with VerticalScroll(id="vote-detail"):
            yield Static("", id="vote-detail-text", markup=False)

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(VoteTable).focus()

    # --- drawing --------------------------------------------------------------------------------

    def show(self, ws: Workshop) -> None:
        people = people_in_room(ws.participants, ws.facilitator)
        limit = ws.settings.votes_per_participant
        self.query_one(AuthorBar).show(
            people, {p: f"{rules.votes_left(ws, p)} of {limit} left" for p in people}
        )
        self._show_banner(ws)
        self._load_table(ws)
        self.refresh_bindings()

    def _show_banner(self, ws: Workshop) -> None:
        banner = self.query_one("#focus-banner", Static)
        focus = ws.focus_objective
        banner.set_class(focus is not None, "-chosen")
        if focus is None:
            banner.update(Content("No focus yet. Vote, reveal (v), then choose ONE draft with f."))
        else:
            line = (
                Content.styled(" ★ FOCUS ", "bold reverse")
                + Content(" ")
                + Content.styled(focus.id, "bold")
                + Content("  ")
                + shown_line(focus.text, 240)
                + labelled("  (by $name)", name=focus.byline)
            )
            if focus.contributes_to:
                line += Content("\n↑ contributes to: ") + shown_line(focus.contributes_to, 200)
            banner.update(line)
        people = people_in_room(ws.participants, ws.facilitator)
        used = sum(o.total_votes for o in ws.objectives)
        total = ws.settings.votes_per_participant * len(people)
        dots = f"{used} of {total} used."
        voter = self.query_one(AuthorBar).current
        tie = rules.tie_words(ws)
        if focus is not None:
            status = Content(f"✓ Voting closed: the focus is chosen (c clears it). {dots}")
        elif tie:
            status = Content.styled(
                f"⚖ {tie} Talk it through, merge duplicates (m) or vote again before "
                f"choosing. {dots}",
                "bold $text-warning",
            )
        elif ws.settings.votes_revealed:
            status = Content(f"Votes revealed (v hides): highest first. {dots}")
        else:
            status = labelled(
                "Hidden votes (v reveals): rows show only $name's dots. $dots",
                name=voter or "the voter",
                dots=dots,
            )
        self.query_one("#vote-status", Static).update(status)

    def _rows(self, ws: Workshop) -> list[Objective]:
        if ws.settings.votes_revealed:
            # Revealed: the room sees where the dots went, most first (a stable sort keeps
            # drafts with equal votes in the order they were written).
            return sorted(ws.objectives, key=lambda o: -o.total_votes)
        # Hidden: written order, never vote order, or the sort itself would leak the totals.
        return list(ws.objectives)

    def _load_table(self, ws: Workshop) -> None:
        table = self.query_one(VoteTable)
        voter = self.query_one(AuthorBar).current
        revealed = ws.settings.votes_revealed
        width = self.app.size.width
        by_w = 8 if width < 100 else 12
        # The words get the room: the focus and the drafts set aside are marked at the start
        # of their words (no column of its own), the dots column is as wide as the most dots,
        # and every cell wraps rather than being cut.
        most = max((o.total_votes for o in ws.objectives), default=0)
        own = ws.settings.votes_per_participant  # the most one voter's dots can be
        set_aside = {d.from_objective for d in ws.deprioritized if d.from_objective}
        # Hidden, the column is the voter's own: say whose, by name (never "you" on a
        # projected screen). A Text heading, as a str one would be read as markup.
        whose = Text(shorten(f"{visible(voter)}'s dots", 11) if voter else "Dots")
        votes_w = max(3 + bar_width(most), 5) if revealed else max(whose.cell_len, bar_width(own))
        text_w = text_width(width, (4, votes_w, by_w))
        columns: list[Column] = [
            ("id", "Id", 4),
            ("votes", "Votes" if revealed else whose, votes_w),
            ("text", "Draft", text_w),
            ("by", "By", by_w),
        ]

        def rows() -> list[tuple[str, list[Content]]]:
            built = []
            for o in self._rows(ws):
                if revealed:
                    votes = Content(f"{o.total_votes:>2} {dot_bar(o.total_votes)}")
                else:
                    # While hidden, a row shows the current voter's own dots and nothing else:
                    # the voter can check their own choices, but totals (or other people's
                    # dots) would pull the next voter towards whatever already leads.
                    mine = o.votes.get(voter, 0) if voter else 0
                    votes = Content(dot_bar(mine) if mine else "·")
                text = table_words(o.text, text_w)
                if o.id == ws.focus:
                    text = Content.styled("★ FOCUS ", "bold reverse") + Content(" ") + text
                    text = text.stylize("bold")
                elif o.id in set_aside:
                    text = Content.styled("✗ not now", "italic") + Content(" · ") + text
                cells = [Content(o.id), votes, text, shown_line(o.byline, 80)]
                built.append((o.id, cells))
            return built

        signature = (
            width,
            revealed,
            voter,
            ws.focus,
            tuple(sorted(set_aside)),
            tuple((o.id, o.text, o.byline, tuple(sorted(o.votes.items()))) for o in ws.objectives),
        )
        table.load(columns, signature, rows, wrap=("text", "by"))
        self._show_detail()

    def _show_detail(self) -> None:
        key = self.query_one(VoteTable).highlighted_key
        ws = self.okr_app.workshop
        objective = ws.objective(key) if ws is not None and key else None
        extra: Content | None = None
        if objective is not None and ws is not None:
            voter = self.query_one(AuthorBar).current
            if ws.settings.votes_revealed:
                who = ", ".join(f"{p} {n}" for p, n in sorted(objective.votes.items()))
                extra = labelled(
                    "$n$who", n=plural(objective.total_votes, "dot"), who=f": {who}" if who else ""
                )
            elif voter:
                extra = labelled(
                    "$name's dots here: $n", name=voter, n=str(objective.votes.get(voter, 0))
                )
            if objective.id == ws.focus:
                extra = Content.styled("★ FOCUS", "bold") + Content(" · ") + (extra or Content())
        self.query_one("#vote-detail-text", Static).update(draft_detail(objective, extra))

    @on(DataTable.RowHighlighted, "#ballot")
    def _highlighted(self, _event: DataTable.RowHighlighted) -> None:
        self._show_detail()

    @on(AuthorBar.Changed, "#voters")
    def _voter_changed(self, _event: AuthorBar.Changed) -> None:
        ws = self.okr_app.workshop
        if ws is not None:
            self._show_banner(ws)
            self._load_table(ws)

    def on_resize(self, _event: Resize) -> None:
        ws = self.okr_app.workshop
        if ws is not None and self.is_current:
            self._load_table(ws)

    def _say(self, message: str | Content, *, warning: bool = False) -> None:
        self.query_one(StatusLine).say(message, warning=warning)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear_focus":
            ws = self.okr_app.workshop
            return ws is not None and ws.focus is not None
        return True

    # --- the voter ------------------------------------------------------------------------------

    # --- votes ----------------------------------------------------------------------------------

    def _ballot(self) -> tuple[Objective, str] | None:
        """The highlighted draft and the current voter, or a message saying what is missing."""
        key = self.query_one(VoteTable).highlighted_key
        voter = self.query_one(AuthorBar).current
        objective = self.workshop.objective(key) if key else None
        if objective is None:
            self._say("No draft to vote on yet: add drafts in step 3 (F8).", warning=True)
            return None
        if voter is None:
            self._say("Nobody to vote: add participants on the Setup step.", warning=True)
            return None
        return objective, voter

    def action_vote(self) -> None:
        ballot = self._ballot()
        if ballot is not None:
            self._cast(actions.vote, *ballot, "gave a dot to")

    def action_unvote(self) -> None:
        ballot = self._ballot()
        if ballot is not None:
            self._cast(actions.unvote, *ballot, "took a dot back from")

    @work(group="votes")
    async def _cast(
        self, action: Callable[..., int], objective: Objective, voter: str, verb: str
    ) -> None:
        outcome = await self.okr_app.change(action, objective.id, person=voter).wait()
        if not outcome.ok:
            self._say(outcome.error or "Not saved.", warning=True)
            return
        limit = self.workshop.settings.votes_per_participant
        self._say(
            labelled(
                "$name $verb $id: $left of $limit left.",
                name=voter,
                verb=verb,
                id=objective.id,
                left=str(outcome.value),
                limit=str(limit),
            )
        )

    def action_toggle_reveal(self) -> None:
        self.okr_app.change(actions.reveal_votes, not self.workshop.settings.votes_revealed)

    # --- the focus ------------------------------------------------------------------------------

    # Dialogs answer through callbacks rather than ``push_screen_wait``: a worker left waiting
    # on an open dialog would keep ``OkrApp.settle`` (and so ctrl+q) waiting for ever.

    def action_choose_focus(self) -> None:
        key = self.query_one(VoteTable).highlighted_key
        ws = self.workshop
        objective = ws.objective(key) if key else None
        if objective is None:
            self._say("No draft to choose yet: add drafts in step 3 (F8).", warning=True)
            return
        if ws.focus == objective.id:
            self._say(labelled("$id is already the focus.", id=objective.id))
            return
        try:
            rules.require_focus_allowed(ws, objective)  # the rule answers before the room is asked
        except RuleError as exc:
            self._say(str(exc), warning=True)
            self.notify(str(exc), severity="warning", markup=False)
            return
        others = len(ws.objectives) - 1
        after = (
            f"Next you can put the other {plural(others, 'draft')} on the deprioritized list, "
            "with a reason."
            if others
            else ""
        )
        question = Content("\n").join(
            [
                shown_line(objective.text, 300),
                Content(
                    f"A team has exactly one focus objective per cycle. Voting closes. {after}"
                ),
            ]
        )
        self.app.push_screen(
            ConfirmScreen(labelled("Make $id THE focus?", id=objective.id), question, yes="Choose"),
            partial(self._focus_answered, objective.id),
        )

    def _focus_answered(self, objective_id: str, sure: bool | None) -> None:
        if sure:
            self._choose(objective_id)

    @work(group="focus")
    async def _choose(self, objective_id: str) -> None:
        outcome = await self.okr_app.change(actions.choose_focus, objective_id).wait()
        if not outcome.ok:
            self._say(outcome.error or "Not saved.", warning=True)
            return
        offered = outcome.value or []
        self._say(labelled("★ $id is the focus.", id=objective_id))
        if offered:
            # After the ballot has redrawn (the focus mark, the revealed votes), so the screen
            # behind the dialog is the new one.
            self.call_after_refresh(self._offer, objective_id, offered)

    def _offer(self, objective_id: str, offered: list[Objective]) -> None:
        """Offer the other drafts for the not-now list; a failed save asks again, keeping the
        ticks and the reason."""
        app = self.okr_app
        Answer = tuple[list[str], str]

        def ask(typed: Answer | None, problem: str | None, reply: Callable[..., None]) -> None:
            app.push_screen(DeprioritizeOffer(offered, typed=typed, problem=problem), reply)

        def save(answer: Answer) -> Worker[Outcome[Any]]:
            return app.change(actions.deprioritize_drafts, *answer)

        def then(done: Outcome[Any] | None) -> None:
            if done is None:
                self._say(
                    labelled(
                        "★ $id is the focus. The other drafts wait on the Deprioritized step (F9).",
                        id=objective_id,
                    )
                )
            elif done.ok:
                self._say(
                    labelled(
                        "★ $id is the focus; $n deprioritized. Review them in step 5 (F9).",
                        id=objective_id,
                        n=plural(len(done.value or []), "draft"),
                    )
                )
            else:
                self._say(done.error or "Not saved.", warning=True)

        app.ask_and_save(ask, save, then)

    def action_clear_focus(self) -> None:
        focus = self.workshop.focus_objective
        if focus is None:
            self._say("No focus is chosen yet.")
            return
        question = Content("\n").join(
            [
                shown_line(focus.text, 300),
                Content(
                    "Voting opens again and the team can choose another draft. Items already on "
                    "the deprioritized list stay there."
                ),
            ]
        )
        self.app.push_screen(
            ConfirmScreen(labelled("Clear the focus $id?", id=focus.id), question, yes="Clear"),
            self._clear_answered,
        )

    def _clear_answered(self, sure: bool | None) -> None:
        if sure:
            self.okr_app.change(actions.clear_focus)

    # --- merging duplicates, the OKR above --------------------------------------------------------

    def _highlighted_draft(self) -> Objective | None:
        key = self.query_one(VoteTable).highlighted_key
        return self.workshop.objective(key) if key else None


class DeprioritizeOffer(FormDialog[tuple[list[str], str]]):
    """Offer the drafts that were not chosen for the deprioritized list, with one reason.

    Returns the ids ticked and the reason, or ``None`` to decide later (step 5).
    """

    CSS_PATH = ["../dialogs/modals.tcss", "focus.tcss"]  # noqa: RUF012 (as Textual types it)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Later"),
        Binding("ctrl+s", "save", "Deprioritize"),
    ]

    def __init__(
        self,
        drafts: list[Objective],
        *,
        typed: tuple[list[str], str] | None = None,
        problem: str | None = None,
    ) -> None:
        """``typed``: the ticks and reason of an answer whose save failed (``problem``)."""
        super().__init__()
        self.drafts = drafts
        self.typed = typed
        self.problem = problem

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="offer"):
            yield Static(
                Content.styled("Deprioritize the other drafts?", "bold"), classes="dialog-title"
            )
            yield Static(
                Content(
                    "Ticked drafts go on the list of what the team deliberately will not do "
                    "this cycle. Untick any to decide on later, in step 5 (space toggles)."
                ),
                classes="dialog-body",
            )
            ticked, reason = self.typed or ([o.id for o in self.drafts], "")
            yield PickList(
                *(
                    Selection(self._prompt(o, o.id in ticked), o.id, o.id in ticked)
                    for o in self.drafts
                ),
                id="offer-drafts",
            )
            yield Label("Why not now? One reason for all of them (required)")
            yield SafeInput(reason, placeholder=REASON_PLACEHOLDER, id="offer-reason")
            yield Static(
                try_again_note(self.problem) if self.problem else "",
                id="offer-error",
                markup=False,
            )
            with Horizontal(classes="dialog-buttons"):
                yield Button("Deprioritize (ctrl+s)", variant="primary", id="save")
                yield Button("Later (esc)", id="later")

    @staticmethod
    def _prompt(draft: Objective, ticked: bool) -> Content:
        """Each row says in words what will happen to it: the tick alone differs only in colour."""
        state = "not now " if ticked else "decide later "
        return (
            Content.styled(f"{state:<13}", "bold")
            + Content(f"{draft.id}  ")
            + shown_line(draft.text, 60)
        )

    def on_selection_list_selection_toggled(
        self, event: SelectionList.SelectionToggled[str]
    ) -> None:
        draft = self.drafts[event.selection_index]
        ticked = draft.id in event.selection_list.selected
        event.selection_list.replace_option_prompt_at_index(
            event.selection_index, self._prompt(draft, ticked)
        )

    def on_mount(self) -> None:
        """The list first, as its words say (space toggles); Tab goes on to the reason. A
        reason given back after a failed save is the one to correct, so it has the cursor."""
        if self.typed is None:
            self.query_one(PickList).focus()
        else:
            self.query_one("#offer-reason", Input).focus()

    def action_save(self) -> None:
        chosen = list(self.query_one(PickList).selected)
        reason = self.query_one("#offer-reason", Input).value
        error = self.query_one("#offer-error", Static)
        if not chosen:
            error.update(Content("Tick at least one draft, or press Esc to decide later."))
            return
        try:
            rules.clean_text(reason, "reason")
        except RuleError as exc:
            error.update(Content(f"{exc} Every deprioritized item needs a reason."))
            self.query_one("#offer-reason", Input).focus()
            return
        self.dismiss((chosen, reason))
