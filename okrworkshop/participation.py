"""What one participant may do from their own screen: their drafts, their key-result ideas,
their dot votes. Nothing else.

The shared screen can change anything (the facilitator types for the room); a participant's
screen and a drafts file only ever touch what that person wrote. These rules live in the core,
so the participant TUI, the browser and ``--file`` commands all refuse the same things with the
same sentences.
"""

from __future__ import annotations

from . import actions, rules
from .model import KeyResult, Objective, Stage, Status, Workshop
from .rules import RuleError


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
        raise RuleError(f"{kr.id} is {kr.author}'s key-result idea; you can change only your own.")
    return kr


def _require_drafting(ws: Workshop) -> None:
    """Participants add and change drafts until the room has chosen its focus."""
    rules.require_editable(ws)
    if ws.focus_objective is not None:
        raise RuleError(
            "The team has chosen its focus objective, so drafts are closed. Talk to the "
            "facilitator if something is missing."
        )


def add_draft(ws: Workshop, text: str, *, person: str) -> Objective:
    _require_drafting(ws)
    return actions.add_draft(ws, text, author=person)


def edit_draft(ws: Workshop, objective_id: str, text: str, *, person: str) -> Objective:
    _require_drafting(ws)
    objective = _own_draft(ws, person, objective_id)
    return actions.edit_draft(ws, objective.id, text=text)


def delete_draft(ws: Workshop, objective_id: str, *, person: str) -> Objective:
    _require_drafting(ws)
    objective = _own_draft(ws, person, objective_id)
    return actions.delete_draft(ws, objective.id)


def _require_ideas_open(ws: Workshop) -> None:
    rules.require_editable(ws)
    if ws.stage in (Stage.REFINE, Stage.FINAL):
        raise RuleError(
            "The room is refining the key results now; say your idea out loud so the "
            "facilitator can add it."
        )


def add_key_result_idea(ws: Workshop, statement: str, *, person: str) -> KeyResult:
    _require_ideas_open(ws)
    return actions.add_key_result(ws, statement, author=person, fields=actions.KeyResultFields())


def edit_key_result_idea(ws: Workshop, kr_id: str, statement: str, *, person: str) -> KeyResult:
    _require_ideas_open(ws)
    kr = _own_key_result(ws, person, kr_id)
    return actions.edit_key_result(ws, kr.id, statement)


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
