"""What one participant may do from their own screen: their drafts, their key-result ideas,
their dot votes. Nothing else.

The shared screen can change anything (the facilitator types for the room); a participant's
screen and a drafts file only ever touch what that person wrote. These rules live in the core,
so the participant TUI, the browser and ``--file`` commands all refuse the same things with the
same sentences.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import actions, rules, tracking
from .confidence import ConfidenceSummary
from .kr_names import kr_label
from .model import KeyResult, Objective, Stage, Status, Workshop
from .rules import RuleError


@dataclass(frozen=True)
class Openings:
    """What a participant may do from their own screen right now, as the room stands.

    Each flag is the same test the matching action below applies before it changes anything,
    so a screen that offers only what is open never offers something the core then refuses.
    """

    drafts: bool
    """Add, edit and delete their draft objectives (until the room chooses its focus)."""
    ideas: bool
    """Add, edit and delete their key-result ideas (until the room refines key results)."""
    voting: bool
    """Give dots (the room is at Create focus and has not chosen)."""
    confidence: bool
    """Give each key result one to five fingers (key results written, not final yet)."""
    checkins: bool
    """Check in on key results (the OKR is final and the cycle not graded)."""


def openings(ws: Workshop) -> Openings:
    editable = ws.status is not Status.FINAL
    return Openings(
        drafts=editable and ws.focus_objective is None,
        ideas=editable and ws.stage not in (Stage.REFINE, Stage.FINAL),
        voting=rules.voting_open(ws),
        confidence=rules.confidence_voting_open(ws),
        checkins=ws.status is Status.FINAL and not ws.graded,
    )


def own_drafts(ws: Workshop, person: str) -> list[Objective]:
    return [o for o in ws.objectives if o.author == person]


def own_key_results(ws: Workshop, person: str) -> list[KeyResult]:
    return [k for k in ws.key_results if k.author == person]


def others_drafts_visible(ws: Workshop) -> bool:
    """Others' drafts stay hidden before the meeting unless the facilitator chose to show them,
    so each person writes their own thinking first; once the room is live they are on the
    shared screen anyway."""
    return ws.settings.show_drafts_to_participants or ws.status in (Status.LIVE, Status.FINAL)


def others_drafts(ws: Workshop, person: str) -> list[Objective]:
    if not others_drafts_visible(ws):
        return []
    return [o for o in ws.objectives if o.author != person]


def _own_draft(ws: Workshop, person: str, objective_id: str) -> Objective:
    objective = rules.require_objective(ws, objective_id)
    if objective.author != person:
        raise RuleError(
            f"{objective.id} is {objective.author}'s draft; you can change only your own."
        )
    return objective


def _own_key_result(ws: Workshop, person: str, kr_id: str) -> KeyResult:
    kr = rules.require_key_result(ws, kr_id)
    if kr.author != person:
        raise RuleError(
            f"{kr_label(ws, kr)} is {kr.author}'s key-result idea; you can change only your own."
        )
    return kr


def _require_drafting(ws: Workshop) -> None:
    """Participants add and change drafts until the room has chosen its focus."""
    rules.require_editable(ws)
    if not openings(ws).drafts:
        raise RuleError(
            "The team has chosen its focus objective, so drafts are closed. Talk to the "
            "facilitator if something is missing."
        )


def add_draft(ws: Workshop, text: str, *, person: str, kept_on_close: bool = False) -> Objective:
    """Add a draft; ``kept_on_close`` marks words left in the box when the screen closed."""
    _require_drafting(ws)
    objective = actions.add_draft(ws, text, author=person)
    objective.kept_on_close = kept_on_close
    return objective


def edit_draft(ws: Workshop, objective_id: str, text: str, *, person: str) -> Objective:
    """Change one's own draft; once the author has reworded it, it is no longer a leftover."""
    _require_drafting(ws)
    objective = _own_draft(ws, person, objective_id)
    edited = actions.edit_draft(ws, objective.id, text=text, editor=person)
    edited.kept_on_close = False
    return edited


def delete_draft(ws: Workshop, objective_id: str, *, person: str) -> Objective:
    _require_drafting(ws)
    objective = _own_draft(ws, person, objective_id)
    return actions.delete_draft(ws, objective.id)


def _require_ideas_open(ws: Workshop) -> None:
    rules.require_editable(ws)
    if not openings(ws).ideas:
        raise RuleError(
            "The room is refining the key results now; say your idea out loud so the "
            "facilitator can add it."
        )


def add_key_result_idea(
    ws: Workshop, statement: str, *, person: str, kept_on_close: bool = False
) -> KeyResult:
    _require_ideas_open(ws)
    kr = actions.add_key_result(ws, statement, author=person, fields=actions.KeyResultFields())
    kr.kept_on_close = kept_on_close
    return kr


def edit_key_result_idea(ws: Workshop, kr_id: str, statement: str, *, person: str) -> KeyResult:
    _require_ideas_open(ws)
    kr = _own_key_result(ws, person, kr_id)
    edited = actions.edit_key_result(ws, kr.id, statement)
    edited.kept_on_close = False
    return edited


def delete_key_result_idea(ws: Workshop, kr_id: str, *, person: str) -> KeyResult:
    _require_ideas_open(ws)
    kr = _own_key_result(ws, person, kr_id)
    return actions.delete_key_result(ws, kr.id)


def vote(ws: Workshop, objective_id: str, *, person: str) -> int:
    """One dot for a draft; refused unless the room is voting (at the focus step)."""
    _require_voting(ws)
    return actions.vote(ws, objective_id, person=person)


def unvote(ws: Workshop, objective_id: str, *, person: str) -> int:
    _require_voting(ws)
    return actions.unvote(ws, objective_id, person=person)


def _require_voting(ws: Workshop) -> None:
    if not rules.voting_open(ws):
        raise RuleError(
            "Voting is not open: the facilitator opens it on the shared screen at the "
            "Create focus step, after everyone has drafted."
        )


def vote_confidence(ws: Workshop, kr_id: str, fingers: int, *, person: str) -> ConfidenceSummary:
    """One to five fingers for a key result from the person's own screen, while the room
    writes or refines key results (the facilitator can enter votes at any time)."""
    _require_confidence_open(ws)
    return tracking.vote_confidence(ws, kr_id, fingers, person=person)


def withdraw_confidence(ws: Workshop, kr_id: str, *, person: str) -> None:
    _require_confidence_open(ws)
    tracking.withdraw_confidence(ws, kr_id, person=person)


def _require_confidence_open(ws: Workshop) -> None:
    rules.require_editable(ws)
    if not openings(ws).confidence:
        raise RuleError(
            "Confidence votes open when the room has key results to weigh, at the Key results "
            "and SMART refinement steps."
        )
