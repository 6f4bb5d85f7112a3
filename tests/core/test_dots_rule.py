"""Whose dots stay when a draft's words change: one rule (``rules.dots_after_rewording``) for
the participant's screen, a drafts file and the shared screen alike (issue 19)."""

from __future__ import annotations

from okrworkshop import actions, participation, rules
from okrworkshop.model import Objective, Stage, Workshop


def voted_room() -> Workshop:
    """Ben's draft o1 with one dot each from Ben, Chen and Dana, while the room votes."""
    ws = actions.new_workshop(
        "Search", "2027 Q1", facilitator="Ana", participants=["Ben", "Chen", "Dana"]
    )
    actions.add_draft(ws, "Sellers list in minutes", author="Ben")
    actions.go_to_stage(ws, Stage.FOCUS)
    for person in ("Ben", "Chen", "Dana"):
        actions.vote(ws, "o1", person=person)
    return ws


def test_the_rule_itself() -> None:
    draft = Objective("o1", "Sellers list in minutes", "Ben", votes={"Ben": 2, "Chen": 1})
    assert rules.dots_after_rewording(draft, "Sellers get paid faster", editor=None) == {
        "Ben": 2,
        "Chen": 1,
    }
    assert rules.dots_after_rewording(draft, "Sellers get paid faster", editor="Ben") == {"Ben": 2}
    assert rules.dots_after_rewording(draft, "  sellers LIST in   minutes ", editor="Ben") == {
        "Ben": 2,
        "Chen": 1,
    }


def test_an_author_rewording_alone_gives_the_others_their_dots_back() -> None:
    ws = voted_room()
    participation.edit_draft(
        ws, "o1", "Completely different: sellers get paid faster", person="Ben"
    )
    (o1,) = ws.objectives
    assert o1.votes == {"Ben": 1}
    assert rules.votes_left(ws, "Chen") == ws.settings.votes_per_participant


def test_an_author_fixing_case_and_spaces_keeps_every_dot() -> None:
    ws = voted_room()
    participation.edit_draft(ws, "o1", "Sellers list in  Minutes", person="Ben")
    assert ws.objectives[0].votes == {"Ben": 1, "Chen": 1, "Dana": 1}


def test_the_room_rewording_on_the_shared_screen_keeps_every_dot() -> None:
    """The drafts step's edit form saves through ``actions.edit_draft`` with no editor."""
    ws = voted_room()
    actions.edit_draft(ws, "o1", text="Sellers list a product in two minutes")
    assert ws.objectives[0].votes == {"Ben": 1, "Chen": 1, "Dana": 1}
