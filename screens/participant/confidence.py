"""A participant's fist of five: how sure they are the team will reach each key result.

While the room writes and refines key results, each person gives each one 1 to 5 fingers from
their own screen (1: it will not happen, 5: certain); a second vote replaces the first. Like
dot votes, the votes stay hidden until the facilitator reveals them, so nobody anchors on the
first hand up; once revealed the screen shows the spread and the core's prompt to talk.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from okrworkshop import participation
from okrworkshop.confidence import confidence_summary
from okrworkshop.kr_names import kr_label
from okrworkshop.model import CONFIDENCE_VOTE_MAX, KeyResult, Workshop
from okrworkshop.text import plural
from screens.participant.footer import PartFooter
from screens.participant.lists import KeyedList, fill
from screens.participant.part import PartScreen
from screens.participant.parts import CONFIDENCE
from screens.user_text import labelled, shown

SCALE = "1 (it will not happen) to 5 (certain)"
KEYS = f"Press {SCALE} for the highlighted key result; 0 or - takes yours back."


def fingers(n: int | None) -> str:
    """A vote as a row of five: ●●●○○ for three fingers, ····· for none yet."""
    if n is None:
        return "·" * CONFIDENCE_VOTE_MAX
    return "●" * n + "○" * (CONFIDENCE_VOTE_MAX - n)


class ConfidenceScreen(PartScreen):
    """Give each key result one to five fingers; see the spread once it is revealed."""

    PART = CONFIDENCE
    CSS_PATH: ClassVar[list[str | PurePath]] = ["part.tcss", "confidence.tcss"]
    HELP_TITLE = "How sure are you?"
    PURPOSE = (
        "For each key result, show how sure you are the team will reach it by the end of the "
        f"cycle: {SCALE}. Move with the arrows and press a number; a new number replaces your "
        "vote, 0 or - takes it back. Nobody sees the votes until the facilitator reveals them; "
        "then a low average or a wide spread is the room's cue to talk before the OKR is final."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("1", "fingers(1)", "1 finger: it will not happen", show=False),
        Binding("2", "fingers(2)", "2 fingers", show=False),
        Binding("3", "fingers(3)", "3 fingers", show=False),
        Binding("4", "fingers(4)", "4 fingers", show=False),
        Binding("5", "fingers(5)", "5 fingers: certain", show=False),
        Binding("0,minus", "withdraw", "Take my vote back", show=False),
    ]

    def compose(self) -> ComposeResult:
        yield from self.compose_top()
        yield Static("", id="confidence-status")
        yield KeyedList(id="krs")
        yield Static("", id="confidence-detail")
        yield PartFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self._workshop_changed(self.participant_app.workshop)
        self.query_one("#krs", KeyedList).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("fingers", "withdraw"):
            ws = self.participant_app.workshop
            return ws is not None and participation.openings(ws).confidence
        return super().check_action(action, parameters)

    # --- showing ------------------------------------------------------------------------------

    def show(self, ws: Workshop) -> None:
        person = self.person
        voted = sum(1 for kr in ws.key_results if _own(ws, kr, person) is not None)
        status = self.query_one("#confidence-status", Static)
        if not ws.key_results:
            status.update(Content("There are no key results to weigh yet."))
        elif participation.openings(ws).confidence:
            seen = (
                "The facilitator has revealed the votes."
                if ws.settings.confidence_revealed
                else "Nobody sees them until the facilitator reveals them."
            )
            status.update(
                Content(
                    f"{KEYS} You voted on {voted} of "
                    f"{plural(len(ws.key_results), 'key result')}. {seen}"
                )
            )
        else:
            status.update(Content("Confidence votes are closed: the room has moved on."))
        revealed = ws.settings.confidence_revealed
        rows = []
        for kr in ws.key_results:
            average = confidence_summary(ws, kr).average if revealed else None
            tail = f"  · average {average:.1f}" if average is not None else ""
            rows.append(
                (
                    kr.id,
                    labelled(
                        "[b]$dots[/b]  $id  $statement[dim]$tail[/]",
                        dots=fingers(_own(ws, kr, person)),
                        id=kr_label(ws, kr),
                        statement=kr.statement,
                        tail=tail,
                    ),
                )
            )
        fill(self.query_one("#krs", KeyedList), rows)
        self._show_detail()

    @on(KeyedList.OptionHighlighted, "#krs")
    def _highlighted_changed(self) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        ws = self.participant_app.workshop
        kr_id = self.query_one("#krs", KeyedList).highlighted_id()
        kr = ws.key_result(kr_id) if ws is not None and kr_id else None
        detail = self.query_one("#confidence-detail", Static)
        if ws is None or kr is None:
            detail.update("")
            return
        summary = confidence_summary(ws, kr, viewer=self.person)
        own = (
            f"Your vote: {summary.own} of 5."
            if summary.own is not None
            else "You have not voted on it yet."
        )
        if summary.revealed and summary.count:
            votes = ", ".join(f"{name} {n}" for name, n in summary.votes)
            room = (
                f"Revealed: average {summary.average:.1f} of 5, from {summary.low} to "
                f"{summary.high} ({votes}). {summary.prompt}"
            ).rstrip()
        elif summary.count:
            waiting = f" Waiting for {', '.join(summary.waiting)}." if summary.waiting else ""
            room = (
                f"{plural(summary.count, 'vote')} in so far, hidden until the facilitator "
                f"reveals them.{waiting}"
            )
        else:
            room = "Nobody has voted on it yet."
        detail.update(
            labelled("[b]$id[/b]  $statement\n", id=kr_label(ws, kr), statement=kr.statement)
            + shown(f"{own} {room}")
        )

    # --- voting -------------------------------------------------------------------------------

    def action_fingers(self, n: int) -> None:
        kr_id = self.query_one("#krs", KeyedList).highlighted_id()
        if kr_id:
            self.participant_app.change(participation.vote_confidence, kr_id, n, person=self.person)

    def action_withdraw(self) -> None:
        ws = self.participant_app.workshop
        kr_id = self.query_one("#krs", KeyedList).highlighted_id()
        if ws is None or not kr_id or (kr := ws.key_result(kr_id)) is None:
            return
        if _own(ws, kr, self.person) is not None:
            self.participant_app.change(
                participation.withdraw_confidence, kr.id, person=self.person
            )

    @on(KeyedList.Typed)
    def keys_please(self, event: KeyedList.Typed) -> None:
        """There is no box here: a letter gets the keys said, and changes nothing."""
        ws = self.participant_app.workshop
        if ws is not None and not participation.openings(ws).confidence:
            self.notify("Confidence votes are closed. Esc opens the menu.", markup=False)
            return
        self.notify(f"{KEYS} Esc opens the menu.", markup=False)


def _own(ws: Workshop, kr: KeyResult, person: str) -> int | None:
    """The person's own vote on ``kr`` (theirs to see even while the votes are hidden)."""
    return confidence_summary(ws, kr, viewer=person).own
