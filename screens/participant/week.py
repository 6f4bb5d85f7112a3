"""A participant's own screen during the weekly meeting of a final OKR.

While the meeting is open (``weeks.open_week``), a person gives each key result their
confidence from 1 to 10, hidden from the others until the facilitator reveals the votes, as on
the workshop's confidence screen; writes their one to three commitments for the week (tied to a
key result, or to nothing, which is shown as such) and their wins; and sees the next actions
still open in their name. Checking in on the key results they own is the check-in screen's job:
F6 goes there, and back. Every change goes through the app's write queue to ``week_actions``,
with the person keyword-only, so what the core refuses is said in its own sentence.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import PurePath
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Input, Select, Static

from okrworkshop import week_actions, weeks
from okrworkshop.kr_names import kr_label
from okrworkshop.model import Workshop
from okrworkshop.text import plural
from okrworkshop.week_model import WEEK_VOTE_MAX, Week
from screens.participant.footer import PartFooter
from screens.participant.lists import KeyedList, fill
from screens.participant.part import PartScreen
from screens.participant.parts import WEEK
from screens.user_text import labelled, shown
from screens.widgets.fields import SafeInput

KEYS = "press 1 to 9 on a key result, 0 for 10"
UNTIED = "No key result"


class Mine(VerticalScroll, can_focus=False):
    """The person's own part below the votes; it scrolls to the box that has the focus."""


def scale(n: int | None) -> str:
    """A vote as "7/10", or "–/10" before there is one."""
    return f"{n if n is not None else '–':>2}/{WEEK_VOTE_MAX}"


class WeekPartScreen(PartScreen):
    """Confidence, commitments and wins in the weekly meeting, and one's open next actions."""

    PART = WEEK
    CSS_PATH: ClassVar[list[str | PurePath]] = ["part.tcss", "week.tcss"]
    HELP_TITLE = "The weekly meeting"
    PURPOSE = (
        "Once a week the team looks at its key results together. On this screen: give each key "
        "result your confidence that the team reaches it, from 1 (it will not happen) to 10 "
        "(certain); nobody sees the votes until the facilitator reveals them, and a new number "
        "replaces yours. Then write what you commit to this week (one to three things, each "
        "best tied to a key result) and what went well. Your open next actions are listed at "
        "the bottom. F6 goes to the check-ins, to say where your key results stand."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        *[
            Binding(str(n), f"confidence_vote({n})", f"Confidence {n}", show=False)
            for n in range(1, 10)
        ],
        Binding("0", "confidence_vote(10)", "Confidence 10", show=False),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._kr_options: list[tuple[str, str]] = []

    def compose(self) -> ComposeResult:
        yield from self.compose_top()
        yield Static("", id="week-status")
        yield KeyedList(id="week-krs")
        yield Static("", id="week-detail")
        with Mine(id="week-mine"):
            yield Static("", id="my-commitments")
            yield Select[str]([], prompt=UNTIED, id="commitment-kr")
            yield SafeInput(
                placeholder="A commitment for this week (tied to the key result above); Enter "
                "saves it",
                id="commitment",
                max_length=10_000,
                select_on_focus=False,  # a letter carried from the list stays when more follow
            )
            yield Static("", id="my-wins")
            yield SafeInput(
                placeholder="A win this week; Enter saves it",
                id="win",
                max_length=10_000,
                select_on_focus=False,
            )
            yield Static("", id="my-actions")
        yield PartFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self._workshop_changed(self.participant_app.workshop)
        self.query_one("#week-krs", KeyedList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "confidence_vote":
            ws = self.participant_app.workshop
            return ws is not None and weeks.open_week(ws) is not None and bool(ws.key_results)
        return super().check_action(action, parameters)

    # --- showing ------------------------------------------------------------------------------

    def show(self, ws: Workshop) -> None:
        week = weeks.open_week(ws)
        status = self.query_one("#week-status", Static)
        if week is None:
            status.update(Content("No weekly meeting is open now. F6 goes to the check-ins."))
            fill(self.query_one("#week-krs", KeyedList), [])
            self.query_one("#week-detail", Static).update("")
            self._show_mine(ws, None)
            return
        mine = weeks.person_week(ws, self.person, week)
        seen = (
            "The facilitator has revealed the votes."
            if week.revealed
            else "Hidden until the facilitator reveals them."
        )
        status.update(
            Content(
                f"How sure are you of each, 1 to 10? ({KEYS}) You gave {len(mine.votes)} of "
                f"{len(ws.key_results)}. {seen}"
            )
        )
        rows = []
        for kr in ws.key_results:
            room = weeks.week_confidence(ws, week, kr.id, viewer=self.person)
            tail = f"  · average {room.average:.1f}" if room.average is not None else ""
            rows.append(
                (
                    kr.id,
                    labelled(
                        "[b]$vote[/b]  $id  $statement[dim]$tail[/]",
                        vote=scale(room.own),
                        id=kr_label(ws, kr),
                        statement=kr.statement,
                        tail=tail,
                    ),
                )
            )
        fill(self.query_one("#week-krs", KeyedList), rows)
        self._show_detail()
        self._show_mine(ws, week)

    def _show_mine(self, ws: Workshop, week: Week | None) -> None:
        options = [(f"{kr_label(ws, kr)}  {kr.statement}", kr.id) for kr in ws.key_results]
        select = self.query_one("#commitment-kr", Select)
        if options != self._kr_options:
            self._kr_options = options
            chosen = select.value
            select.set_options(options)
            if chosen in {v for _, v in options}:
                select.value = chosen
        mine = weeks.person_week(ws, self.person, week) if week is not None else None
        commitments = self.query_one("#my-commitments", Static)
        if mine is None:
            commitments.update("")
        else:
            lines = [
                labelled("$text  [dim]($tied)[/]", text=c.text, tied=_tied(ws, c.kr, c.initiative))
                for c in mine.commitments
            ]
            head = Content.styled(
                f"Your commitments this week ({len(mine.commitments)} of {weeks.MAX_COMMITMENTS})",
                "bold",
            )
            body = Content("\n").join(lines) if lines else Content("None yet.")
            commitments.update(head + Content("\n") + body)
        wins = self.query_one("#my-wins", Static)
        if week is None:
            wins.update("")
        else:
            own = [
                w for w in week.wins if self.person.casefold() in {p.casefold() for p in w.people}
            ]
            listed = (
                Content("\n").join(shown(f"· {w.text}") for w in own)
                if own
                else Content("None yet.")
            )
            wins.update(Content.styled("Wins this week", "bold") + Content("\n") + listed)
        actions = weeks.open_actions(ws, self.person)
        lines = [
            labelled(
                "· $text  [dim]($kr, due $due$flags)[/]",
                text=a.text,
                kr=kr_label(ws, a.kr),
                due=a.due.isoformat(),
                flags=("; a blocker" if a.blocker else "") + ("; an ask" if a.ask else ""),
            )
            for a in actions
        ]
        self.query_one("#my-actions", Static).update(
            Content.styled("Your open next actions", "bold")
            + Content("\n")
            + (Content("\n").join(lines) if lines else Content("None: nothing is waiting on you."))
        )

    @on(KeyedList.OptionHighlighted, "#week-krs")
    def _highlighted_changed(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        ws = self.participant_app.workshop
        week = weeks.open_week(ws) if ws is not None else None
        kr_id = self.query_one("#week-krs", KeyedList).highlighted_id()
        kr = ws.key_result(kr_id) if ws is not None and kr_id else None
        detail = self.query_one("#week-detail", Static)
        if ws is None or week is None or kr is None:
            detail.update("")
            return
        room = weeks.week_confidence(ws, week, kr.id, viewer=self.person)
        own = (
            f"Your confidence: {room.own} of 10."
            if room.own is not None
            else "You have not given it your confidence yet."
        )
        if room.revealed and room.votes:
            votes = ", ".join(f"{name} {n}" for name, n in room.votes)
            said = (
                f"Revealed: average {room.average:.1f}, from {room.low} to {room.high} ({votes})."
            )
            said = " ".join([said, *room.flags])
        elif room.voted:
            said = (
                f"{plural(len(room.voted), 'vote')} in so far, hidden until the facilitator "
                "reveals them."
            )
        else:
            said = "Nobody has voted on it yet."
        detail.update(labelled("[b]$id[/b]  ", id=room.label) + shown(f"{own} {said}"))

    # --- changing -----------------------------------------------------------------------------

    def action_confidence_vote(self, n: int) -> None:
        kr_id = self.query_one("#week-krs", KeyedList).highlighted_id()
        if not kr_id:
            return
        self.participant_app.change(week_actions.vote, kr_id, n, person=self.person)

    @on(Input.Submitted, "#commitment")
    def add_commitment(self, event: Input.Submitted) -> None:
        value = self.query_one("#commitment-kr", Select).value
        kr = value if isinstance(value, str) else None
        self._add(
            event.input,
            lambda ws, text, person: week_actions.commit(ws, text, person=person, kr=kr),
        )

    @on(Input.Submitted, "#win")
    def add_win(self, event: Input.Submitted) -> None:
        self._add(
            event.input, lambda ws, text, person: week_actions.add_win(ws, text, person=person)
        )

    @work(group="participant-add")
    async def _add(self, box: Input, action: Callable[..., object]) -> None:
        assert isinstance(box, SafeInput)
        text = box.value
        if not text.strip():
            self.notify("Type something first, then press Enter.", severity="warning")
            return
        box.value = ""  # empty at once, so what is typed next starts a new one
        outcome = await self.participant_app.change(action, text, person=self.person).wait()
        if not outcome.ok:
            box.give_back(text)  # refused, or not saved: nothing typed is lost
        elif box.id == "commitment":
            self.query_one("#commitment-kr", Select).clear()  # each is tied on its own

    @on(KeyedList.Typed)
    def carry(self, event: KeyedList.Typed) -> None:
        """A letter typed on the list starts a commitment (the digits are votes)."""
        box = self.query_one("#commitment", SafeInput)
        box.focus()
        box.cursor_position = len(box.value)
        box.insert_text_at_cursor(event.character)


def _tied(ws: Workshop, kr: str | None, initiative: str | None) -> str:
    if kr:
        return f"for {kr_label(ws, kr)}"
    if initiative:
        item = ws.initiative(initiative)
        return f"for the plan: {item.text}" if item else "for an initiative since removed"
    return "tied to no key result"
