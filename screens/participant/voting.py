"""A participant's ballot: their dot votes while the room chooses its focus.

Every draft is listed in the order it was written. Space or ``+`` gives the highlighted draft a
dot, ``-`` takes one back; each person has the facilitator's number of dots. Other people's dots
stay hidden until the facilitator reveals the votes on the shared screen, so nobody follows
the crowd.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from okrworkshop import participation, rules
from okrworkshop.model import Objective, Workshop
from screens.participant.footer import PartFooter
from screens.participant.lists import KeyedList, fill
from screens.participant.part import PartScreen
from screens.participant.parts import VOTING
from screens.user_text import labelled

BALLOT_KEYS = "Space gives the highlighted draft a dot; - takes one back."


class Ballot(KeyedList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,plus,equals_sign", "screen.vote_dot", "Give a dot"),
        Binding("minus", "screen.unvote", "Take it back"),
    ]


class VotingScreen(PartScreen):
    """Give one's dots to the drafts the team should focus on."""

    PART = VOTING
    CSS_PATH: ClassVar[list[str | PurePath]] = ["part.tcss", "voting.tcss"]
    HELP_TITLE = "Dot voting"
    PURPOSE = (
        "Give your dots to the drafts you think the team should focus on this cycle; several "
        "on one draft is fine. Move with the arrows; Space gives the highlighted draft a dot "
        "and - takes one back. Nobody sees other people's dots until the facilitator reveals "
        "them. The team still decides together: the votes only show where people lean."
    )

    def compose(self) -> ComposeResult:
        yield from self.compose_top()
        yield Static("", id="ballot-status")
        yield Ballot(id="ballot")
        yield PartFooter()

    def on_mount(self) -> None:
        super().on_mount()
        self._workshop_changed(self.participant_app.workshop)
        self.query_one(Ballot).focus()

    def _row(self, ws: Workshop, objective: Objective, person: str) -> Content:
        mine = objective.votes.get(person, 0)
        dots = "●" * mine if mine else "·"
        total = f"  ({objective.total_votes} in all)" if ws.settings.votes_revealed else ""
        return labelled(
            "[b]$dots[/b]  $text  [dim]— $author$total[/]",
            dots=dots,
            text=objective.text,
            author=objective.author,
            total=total,
        )

    def show(self, ws: Workshop) -> None:
        person = self.person
        status = self.query_one("#ballot-status", Static)
        if rules.voting_open(ws):
            left, limit = rules.votes_left(ws, person), ws.settings.votes_per_participant
            status.update(Content(f"You have {left} of {limit} dots left. {BALLOT_KEYS}"))
        elif ws.focus_objective is not None:
            status.update(
                labelled(
                    "Voting has closed: the team chose [b]$focus[/b].",
                    focus=ws.focus_objective.text,
                )
            )
        else:
            status.update(Content("Voting is not open: the facilitator opens it at Create focus."))
        fill(self.query_one(Ballot), [(o.id, self._row(ws, o, person)) for o in ws.objectives])

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("vote_dot", "unvote"):
            ws = self.participant_app.workshop
            return ws is not None and rules.voting_open(ws)
        return super().check_action(action, parameters)

    @on(KeyedList.Typed)
    def keys_please(self, event: KeyedList.Typed) -> None:
        """There is no box here: a letter gets the keys said, and changes nothing."""
        ws = self.participant_app.workshop
        keys = BALLOT_KEYS if ws is not None and rules.voting_open(ws) else "Voting is closed."
        self.notify(f"{keys} Esc opens the menu.", markup=False)

    def action_vote_dot(self) -> None:
        objective_id = self.query_one(Ballot).highlighted_id()
        if objective_id:
            self.participant_app.change(participation.vote, objective_id, person=self.person)

    def action_unvote(self) -> None:
        objective_id = self.query_one(Ballot).highlighted_id()
        if objective_id:
            self.participant_app.change(participation.unvote, objective_id, person=self.person)
