"""A participant's ballot: their dot votes while the room chooses its focus.

Every draft is listed in the order it was written. Space or ``+`` gives the highlighted draft a
dot, ``-`` takes one back; each person has the facilitator's number of dots. Other people's dots
stay hidden until the facilitator reveals the votes on the shared screen, so nobody follows
the crowd.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static

from okrworkshop import participation, rules
from okrworkshop.model import Objective, Workshop
from screens.participant.drafting import fill
from screens.participant.parts import DRAFTING
from screens.user_text import labelled

if TYPE_CHECKING:
    from screens.participant.app import ParticipantApp


class Ballot(OptionList):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,plus,equals_sign", "screen.vote", "Give a dot"),
        Binding("minus", "screen.unvote", "Take it back"),
    ]


class VotingScreen(Screen[None]):
    """Give one's dots to the drafts the team should focus on."""

    CSS_PATH = "participant.tcss"
    HELP_TITLE = "Dot voting"
    PURPOSE = (
        "Give your dots to the drafts you think the team should focus on this cycle; several "
        "on one draft is fine. Nobody sees other people's dots until the facilitator reveals "
        "them. The team still decides together: the votes only show where people lean."
    )
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f6,escape", "back", "My drafts"),
        Binding("f7", "context", "Context"),
    ]

    @property
    def participant_app(self) -> ParticipantApp:
        return cast("ParticipantApp", self.app)

    def compose(self) -> ComposeResult:
        yield Static("", id="ballot-status")
        yield Ballot(id="ballot")
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.watch(self.participant_app, "workshop", self._workshop_changed)
        self.query_one(Ballot).focus()

    def on_screen_resume(self) -> None:
        self._workshop_changed(self.participant_app.workshop)

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

    def _workshop_changed(self, ws: Workshop | None) -> None:
        if ws is None or not self.is_mounted:
            return
        person = self.participant_app.person or ""
        status = self.query_one("#ballot-status", Static)
        if rules.voting_open(ws):
            left, limit = rules.votes_left(ws, person), ws.settings.votes_per_participant
            status.update(
                Content(
                    f"Voting is open. You have {left} of {limit} dots left. Space gives the "
                    f"highlighted draft a dot; - takes one back."
                )
            )
        elif ws.focus_objective is not None:
            status.update(
                labelled(
                    "Voting has closed: the team chose [b]$focus[/b].",
                    focus=ws.focus_objective.text,
                )
            )
        else:
            status.update(Content("Voting is not open: the facilitator opens it at Create focus."))
        fill(
            self.query_one(Ballot),
            [(o.id, self._row(ws, o, person)) for o in ws.objectives],
        )

    def _highlighted(self) -> str | None:
        ballot = self.query_one(Ballot)
        if ballot.highlighted is None or not ballot.options:
            return None
        return ballot.options[ballot.highlighted].id

    def action_vote(self) -> None:
        objective_id = self._highlighted()
        if objective_id:
            self.participant_app.change(
                participation.vote, objective_id, person=self.participant_app.person or ""
            )

    def action_unvote(self) -> None:
        objective_id = self._highlighted()
        if objective_id:
            self.participant_app.change(
                participation.unvote, objective_id, person=self.participant_app.person or ""
            )

    def action_back(self) -> None:

        self.participant_app.show_part(DRAFTING)

    def action_context(self) -> None:
        self.participant_app.show_briefing()
