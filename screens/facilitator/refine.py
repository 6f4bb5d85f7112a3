"""Step 7, SMART refinement: one key result at a time, six checks each, then finalize.

For the key result on screen, each check shows the linter's finding with a mark (✓ passes,
✗ a problem, ? for the room), how to rewrite it, the question to ask the room, and the
facilitator's review in words. The facilitator confirms a check (c), accepts a known gap with
a note (a) or reopens it (o); the core refuses to confirm what the linter finds wrong, and
that refusal is shown as it is. When nothing blocks it, F finalizes the OKR.

Above the checks, the room's confidence in the key result ("fist of five"): the facilitator
records each person's one to five fingers with a digit (the strip says whose hand is next),
or people vote from their own screens. The votes stay hidden until v reveals them; then the
spread shows, and a low average or a wide spread is a prompt to talk, repeated in the panel on
the left beside what blocks finalizing.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import Worker

from okrworkshop import actions, rules, tracking
from okrworkshop.confidence import ConfidenceSummary, confidence_summary
from okrworkshop.kr_names import kr_label
from okrworkshop.model import Check, KeyResult, Review, Stage, Status, Workshop
from okrworkshop.smart import GUIDANCE, MAX_KEY_RESULTS, QUESTIONS, KeyResultLint
from screens.dialogs.modals import TextPrompt
from screens.facilitator.step import StepScreen
from screens.user_text import labelled, shown, shown_line, try_again_note
from screens.widgets.author_bar import people_in_room
from screens.widgets.confidence import ConfidencePanel
from screens.widgets.findings import (
    PASS,
    PROBLEM,
    check_finding,
    check_mark,
    lint_record,
    mark_content,
    review_words,
)
from screens.widgets.status_line import StatusLine
from screens.writes import Outcome

PICKER_STATEMENT_CHARS = 40  # before the first layout; then one line of the picker's width
NOT_NOW_HINT = "▸ Too many? In step 6 (F8), n on a key result moves it to 'not now' with a reason."
TALK = "⚑"
"""Marks a key result whose revealed confidence votes call for a conversation."""
DONE_WORDS = {
    Review.CONFIRMED: "confirmed",
    Review.ACCEPTED: "accepted with a note",
    Review.OPEN: "reopened",
}


def review_progress(kr: KeyResult) -> str:
    """How far the review of one key result is, in words: "✓ 6/6" or "4/6, 2 open"."""
    total = len(Check)
    still_open = len(rules.unreviewed_checks(kr))
    if not still_open:
        return f"{PASS} {total}/{total} reviewed"
    return f"{total - still_open}/{total}, {still_open} open"


def check_prompt(kr: KeyResult, lint: KeyResultLint, check: Check) -> Content:
    """One check of one key result as a list entry: mark, review, finding, hint, question."""
    mark = check_mark(lint, check)
    title = mark_content(mark, check.label) + Content("  ·  ") + review_words(kr.smart[check])
    if mark == PASS:
        finding = Content("Finding: passes the automatic check.")
        hint = Content.styled("What it asks: ", "bold") + Content(GUIDANCE[check])
    elif mark == PROBLEM:
        finding = Content.styled("Finding: ", "bold") + shown(check_finding(lint, check))
        hint = Content.styled("Rewrite: ", "bold") + Content(GUIDANCE[check])
    else:
        finding = Content("Finding: words cannot show this; the room decides.")
        hint = Content.styled("What it asks: ", "bold") + Content(GUIDANCE[check])
    question = Content.styled("Ask the room: ", "bold") + Content(QUESTIONS[check])
    return Content("\n").join([title, finding, hint, question])


class KrPicker(OptionList):
    """The key results, with how far each one's review is; the highlighted one is shown."""


class ChecksList(OptionList):
    """The six checks of the key result on screen; keys here review the highlighted check."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "screen.confirm_check", "Confirm"),
        Binding("a", "screen.accept_check", "Accept"),
        Binding("o", "screen.reopen_check", "Reopen", show=False),
    ]


class RefineScreen(StepScreen):
    STAGE = Stage.REFINE
    CSS_PATH = "refine.tcss"
    AUTO_FOCUS = "#checks"
    PURPOSE = (
        "Go through the key results one at a time (n and p, or pick one on the left) and hold "
        "each against six checks: Specific, Measurable, Achievable, Relevant, Time-bound, and "
        "Outcome[Any] rather than activity. The automatic finding carries a mark: ✓ passes, ✗ a "
        "problem with a hint for rewriting it, ? something only the room can judge, with the "
        "question to ask. On the checks list, c confirms a check (refused while the linter "
        "still finds a problem: rewrite the key result in step 6, or accept the gap), a "
        "accepts it as it is with a note saying why, o reopens it. Then ask for a fist of "
        "five: everyone shows one to five fingers for how sure they are the team will reach "
        "this key result. Press a digit for the person marked ▶ (it moves on to the next who "
        "has not voted; F2/F3 pick someone else, 0 takes a vote back); people can also vote "
        "from their own screens. Votes stay hidden until v reveals them, so nobody follows the "
        "first hand up. Revealed, a low average or a wide spread is flagged ⚑: talk about it "
        "before finalizing. F finalizes the OKR once every check of every key result is "
        "reviewed and nothing else is missing; until then the panel on the left lists what "
        "still stands in the way."
    )

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "next_kr", "Next KR", show=False),
        Binding("p", "previous_kr", "Previous KR", show=False),
        Binding("1", "fingers(1)", "Fingers", key_display="1-5"),
        *(Binding(str(n), f"fingers({n})", show=False) for n in range(2, 6)),
        Binding("0", "withdraw_fingers", "Take back", show=False),
        Binding("f2", "next_voter", "Next voter", show=False),
        Binding("f3", "previous_voter", "Previous voter", show=False),
        Binding("v", "toggle_confidence", "Reveal"),
        Binding("F,shift+f", "finalize", "Finalize"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._current: str | None = None
        self._index = 0
        self._voter: str | None = None
        self._voting: set[tuple[str, str]] = set()
        """Hands on their way to the file: (key result id, casefolded name)."""
        self._alert = False
        """F was refused: the blockers stay framed in warning until none is left, however
        often the panel is redrawn meanwhile."""

    def compose_body(self) -> ComposeResult:
        with Horizontal(id="refine-columns"):
            with Vertical(id="refine-left"):
                yield Static(Content("Key results (n / p)"), classes="refine-title")
                yield KrPicker(id="kr-picker")
                with VerticalScroll(id="refine-progress-box", can_focus=False):
                    yield Static("", id="refine-progress", markup=False)
            with Vertical(id="refine-right"):
                yield Static("", id="refine-heading", markup=False)
                yield Static("", id="refine-kr", markup=False)
                yield Static("", id="refine-fields", markup=False)
                yield ConfidencePanel(id="refine-confidence")
                yield ChecksList(id="checks")
                yield StatusLine(id="refine-message", hide_when_empty=True)

    # --- which key result -----------------------------------------------------------------

    def current_kr(self) -> KeyResult | None:
        ws = self.okr_app.workshop
        if ws is None or self._current is None:
            return None
        return ws.key_result(self._current)

    def _pick(self, index: int) -> None:
        ws = self.workshop
        if not ws.key_results:
            return
        self._index = max(0, min(index, len(ws.key_results) - 1))
        changed = self._current != ws.key_results[self._index].id
        self._current = ws.key_results[self._index].id
        if changed:  # the hands for this key result start with the first who has not voted
            self._voter = _next_waiting(ws, ws.key_results[self._index]) or self._voter
        self.show_message("")
        self.show(ws)
        if changed:
            self.query_one(ChecksList).highlighted = 0

    def action_next_kr(self) -> None:
        self._pick(self._index + 1)

    def action_previous_kr(self) -> None:
        self._pick(self._index - 1)

    @on(OptionList.OptionHighlighted, "#kr-picker")
    def _picked(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_index != self._index:
            self._pick(event.option_index)

    @on(OptionList.OptionSelected, "#kr-picker")
    def _picked_and_go(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option_index)
        self.query_one(ChecksList).focus()

    # --- drawing ----------------------------------------------------------------------------

    def show(self, ws: Workshop) -> None:
        ids = [kr.id for kr in ws.key_results]
        if self._current in ids:
            self._index = ids.index(self._current)
        elif ids:
            self._index = min(self._index, len(ids) - 1)
            self._current = ids[self._index]
        else:
            self._current, self._index = None, 0
        self._show_picker(ws)
        self._show_progress(ws)
        self._show_current(ws)

    def _show_picker(self, ws: Workshop) -> None:
        picker = self.query_one(KrPicker)
        chars = picker.scrollable_content_region.width - 1
        chars = chars if chars > 10 else PICKER_STATEMENT_CHARS
        talk = Content.styled(f" {TALK}", "bold $text-warning")
        options = [
            Option(
                Content.styled(f"{kr_label(ws, kr)} ", "bold")
                + Content(review_progress(kr))
                + (talk if self._talk(ws, kr) else Content(""))
                + Content("\n")
                + shown_line(kr.statement, chars).stylize("$text-muted"),
                id=kr.id,
            )
            for kr in ws.key_results
        ]
        with picker.prevent(OptionList.OptionHighlighted):
            picker.set_options(options)
            if options:
                picker.highlighted = self._index

    def _show_progress(self, ws: Workshop) -> None:
        box = self.query_one("#refine-progress-box")
        panel = self.query_one("#refine-progress", Static)
        reviewed = sum(len(Check) - len(rules.unreviewed_checks(kr)) for kr in ws.key_results)
        total = len(Check) * len(ws.key_results)
        lines = [Content.styled(f"Reviewed {reviewed} of {total} checks", "bold")]
        if ws.status is Status.FINAL:
            lines.append(Content.styled("✓ The OKR is final.", "$text-success"))
            self._alert = False
            box.set_class(False, "-alert")
        else:
            blockers = rules.finalize_blockers(ws)
            if blockers:
                lines.append(Content.styled("Before it can be final:", "bold"))
                lines += [Content("• ") + shown_line(b) for b in blockers]
                if len(ws.key_results) > MAX_KEY_RESULTS:
                    lines.append(Content.styled(NOT_NOW_HINT, "$text-accent"))
            else:
                ready = "✓ Ready: press F to finalize the OKR."
                lines.append(Content.styled(ready, "$text-success"))
            talks = [c for c in (self._summary(ws, kr) for kr in ws.key_results) if c.talk]
            if talks:
                lines.append(
                    Content.styled(f"{TALK} Talk first (confidence):", "bold $text-warning")
                )
                lines += [Content("• ") + shown_line(c.prompt) for c in talks]
            self._alert = self._alert and bool(blockers)
            box.set_class(self._alert, "-alert")
        panel.update(Content("\n").join(lines))

    def _show_current(self, ws: Workshop) -> None:
        heading = self.query_one("#refine-heading", Static)
        statement = self.query_one("#refine-kr", Static)
        details = self.query_one("#refine-fields", Static)
        checks = self.query_one(ChecksList)
        kr = self.current_kr()
        panel = self.query_one(ConfidencePanel)
        panel.display = kr is not None
        if kr is None:
            heading.update(Content.styled("No key results yet", "bold"))
            statement.update(
                Content(
                    "Add two to five key results in step 6, Key results (F8), then come back "
                    "to check each one."
                )
            )
            details.update("")
            checks.clear_options()
            return
        heading.update(
            Content.styled(f"{kr_label(ws, kr)} of {len(ws.key_results)}", "bold")
            + labelled(" · $progress", progress=review_progress(kr))
        )
        statement.update(shown(kr.statement))
        details.update(_details(kr))
        people = people_in_room(ws.participants, ws.facilitator)
        if self._voter not in people:
            self._voter = _next_waiting(ws, kr) or (people[0] if people else None)
        panel.show(self._summary(ws, kr), people, self._voter, ws.status is not Status.FINAL)
        lint = lint_record(kr, ws.cycle.dates)
        highlighted = checks.highlighted
        checks.set_options(
            [Option(check_prompt(kr, lint, check), id=check.value) for check in Check]
        )
        checks.highlighted = highlighted if highlighted is not None else 0

    def on_resize(self) -> None:
        if self.okr_app.workshop is not None and self.is_current:
            self._show_picker(self.workshop)

    def show_message(self, text: str | Content, *, error: bool = False) -> None:
        self.query_one(StatusLine).say(text, error=error)

    # --- reviewing --------------------------------------------------------------------------

    def _highlighted_check(self) -> Check | None:
        checks = self.query_one(ChecksList)
        if checks.highlighted is None or checks.option_count == 0:
            return None
        option_id = checks.get_option_at_index(checks.highlighted).id
        return Check(option_id) if option_id else None

    def action_confirm_check(self) -> None:
        self._review_highlighted(Review.CONFIRMED)

    def action_reopen_check(self) -> None:
        self._review_highlighted(Review.OPEN)

    def _review_highlighted(self, review: Review, note: str = "") -> None:
        kr, check = self.current_kr(), self._highlighted_check()
        if kr is None or check is None:
            return
        if review is Review.CONFIRMED and kr.smart[check].status is Review.ACCEPTED:
            self.show_message(
                f"{check.label} was accepted with the room's note; press o to reopen it first "
                "if the room now confirms it instead.",
                error=True,
            )
            return
        if review is not Review.OPEN:
            self._to_next_open(kr, check)
        self._review(kr.id, check, review, note)

    def _to_next_open(self, kr: KeyResult, done: Check) -> None:
        """Highlight the next check still open after ``done`` (wrapping round), at once, so the
        next key reviews that one even while this review is being saved."""
        order = list(Check)
        start = order.index(done)
        open_checks = set(rules.unreviewed_checks(kr)) - {done}
        for step in range(1, len(order)):
            check = order[(start + step) % len(order)]
            if check in open_checks:
                self.query_one(ChecksList).highlighted = order.index(check)
                return

    def action_accept_check(self) -> None:
        kr, check = self.current_kr(), self._highlighted_check()
        if kr is None or check is None:
            return
        try:  # a check that passes has no gap to accept: say so before asking for a note
            lint = lint_record(kr, self.workshop.cycle.dates)
            rules.require_review_allowed(kr, check, Review.ACCEPTED, "a note", lint)
        except rules.RuleError as exc:
            self.show_message(str(exc), error=True)
            return
        app = self.okr_app

        def ask(
            typed: str | None, problem: str | None, reply: Callable[[str | None], None]
        ) -> None:
            app.push_screen(
                TextPrompt(
                    labelled(
                        "Accept $id as it is on $check",
                        id=kr_label(self.workshop, kr),
                        check=check.label,
                    ),
                    "Why does the team accept this? The note stays with the OKR, so readers see "
                    "the gap was a choice.",
                    value=kr.smart[check].note if typed is None else typed,
                    placeholder="e.g. A stretch on purpose: we learn more by aiming high",
                    allow_empty=False,
                    problem=try_again_note(problem) if problem else "",
                ),
                reply,
            )

        def save(note: str) -> Worker[Outcome[Any]]:
            self._to_next_open(kr, check)
            return app.change(actions.review_check, kr.id, check, Review.ACCEPTED, note)

        def then(outcome: Outcome[Any] | None) -> None:
            if outcome is not None:
                self._reviewed(outcome, kr.id, check, Review.ACCEPTED)

        app.ask_and_save(ask, save, then)

    @work(group="review")
    async def _review(self, kr_id: str, check: Check, review: Review, note: str = "") -> None:
        """Ask the core to record a review."""
        worker = self.okr_app.change(actions.review_check, kr_id, check, review, note)
        self._reviewed(await worker.wait(), kr_id, check, review)

    def _reviewed(self, outcome: Outcome[Any], kr_id: str, check: Check, review: Review) -> None:
        """Show the core's refusal or why it was not saved (back on that check), or say it is
        done (the highlight moved on to the next open check when the key was pressed)."""
        if not outcome.ok:
            if self._current == kr_id:
                self.query_one(ChecksList).highlighted = list(Check).index(check)
            self.show_message(outcome.error or "", error=True)
            return
        self.show_message(
            labelled(
                "$check of $id: $done.",
                check=check.label,
                id=kr_label(self.workshop, kr_id),
                done=DONE_WORDS[review],
            )
        )

    # --- confidence: fist of five ------------------------------------------------------------

    @staticmethod
    def _summary(ws: Workshop, kr: KeyResult) -> ConfidenceSummary:
        return confidence_summary(ws, kr)

    def _talk(self, ws: Workshop, kr: KeyResult) -> bool:
        return self._summary(ws, kr).talk

    def _people(self) -> list[str]:
        ws = self.workshop
        return people_in_room(ws.participants, ws.facilitator)

    def _move_voter(self, step: int) -> None:
        people = self._people()
        if not people:
            return
        index = people.index(self._voter) if self._voter in people else -step
        self._voter = people[(index + step) % len(people)]
        self.show(self.workshop)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("fingers", "withdraw_fingers", "next_voter", "previous_voter"):
            ws = self.okr_app.workshop
            return ws is not None and bool(ws.key_results) and ws.status is not Status.FINAL
        return True

    def action_next_voter(self) -> None:
        self._move_voter(1)

    def action_previous_voter(self) -> None:
        self._move_voter(-1)

    def action_fingers(self, fingers: int) -> None:
        """Record the highlighted person's hand, and move the highlight on at once (before the
        next key is handled), so digits typed in a row go to one person each."""
        kr, voter = self.current_kr(), self._voter
        if kr is None or voter is None:
            return
        self._voting.add((kr.id, voter.casefold()))
        self._voter = _next_waiting(self.workshop, kr, after=voter, voting=self._voting) or voter
        self.show(self.workshop)
        self._vote(kr.id, voter, fingers)

    @work(group="confidence")
    async def _vote(self, kr_id: str, voter: str, fingers: int) -> None:
        """Record one hand (the highlight has moved on already); if it cannot be saved, the
        highlight comes back to that person with the reason."""
        app = self.okr_app
        outcome = await app.change(tracking.vote_confidence, kr_id, fingers, person=voter).wait()
        self._voting.discard((kr_id, voter.casefold()))
        if not outcome.ok:
            self._voter = voter
            self.show(self.workshop)
            self.show_message(outcome.error or "", error=True)
            return
        ws = app.workshop
        kr = ws.key_result(kr_id) if ws is not None else None
        if ws is None or kr is None:
            return
        revealed = ws.settings.confidence_revealed
        shown_vote = f"{fingers}" if revealed else "a hidden vote"
        self.show_message(
            labelled(
                "$voter: $vote on $id.",
                voter=voter,
                vote=shown_vote,
                id=kr_label(self.workshop, kr_id),
            )
        )
        self.show(ws)

    def action_withdraw_fingers(self) -> None:
        kr, voter = self.current_kr(), self._voter
        if kr is None or voter is None:
            return
        self._withdraw(kr.id, voter)

    @work(group="confidence")
    async def _withdraw(self, kr_id: str, voter: str) -> None:
        app = self.okr_app
        outcome = await app.change(tracking.withdraw_confidence, kr_id, person=voter).wait()
        if outcome.ok:
            self.show_message(
                labelled(
                    "$voter's vote on $id taken back.",
                    voter=voter,
                    id=kr_label(self.workshop, kr_id),
                )
            )
        else:
            self.show_message(outcome.error or "", error=True)

    def action_toggle_confidence(self) -> None:
        revealed = not self.workshop.settings.confidence_revealed
        self.okr_app.change(tracking.reveal_confidence, revealed)

    # --- finalizing -------------------------------------------------------------------------

    def show_finalize_blockers(self, blockers: list[str]) -> None:
        """What blocks finalizing is listed in this step's panel; the line under it points there
        (no toast as well: it would say it a third time, and vanish on its own clock)."""
        self._alert = True
        self._show_progress(self.workshop)
        count = len(blockers)
        self.show_message(
            f"Not ready to finalize: {count} thing{'s' if count != 1 else ''} still "
            "open, listed on the left under 'Before it can be final'.",
            error=True,
        )


def _next_waiting(
    ws: Workshop,
    kr: KeyResult,
    after: str | None = None,
    voting: set[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset(),
) -> str | None:
    """The next person in the room (after ``after``, wrapping round; else the first) who has
    not shown a hand for ``kr`` (nor has one on its way to the file, in ``voting``: key result
    id and casefolded name), or None when everyone has."""
    people = people_in_room(ws.participants, ws.facilitator)
    voted = {name.casefold() for name in kr.confidence_votes}
    voted |= {name for kr_id, name in voting if kr_id == kr.id}
    start = people.index(after) if after in people else -1
    for step in range(1, len(people) + 1):
        person = people[(start + step) % len(people)]
        if person.casefold() not in voted:
            return person
    return None


def _details(kr: KeyResult) -> Content:
    """The numbers of a key result on one line, naming any that are still missing."""
    parts: list[Content] = []
    if kr.metric.strip():
        parts.append(Content("Metric: ") + shown_line(kr.metric))
    if kr.movement:
        parts.append(shown_line(kr.movement))
    if kr.deadline:
        parts.append(Content(f"by {kr.deadline.isoformat()}"))
    if kr.owner:
        parts.append(labelled("owner $owner", owner=kr.owner))
    line = Content(" · ").join(parts)
    gaps = rules.key_result_gaps(kr)
    if gaps:
        needs = Content.styled("✗ still needs " + ", ".join(gaps), "$text-warning")
        line = line + Content("  ") + needs if parts else needs
    return line
