"""Fist-of-five confidence votes in refinement: hidden until revealed, and when to talk."""

from __future__ import annotations

import pytest
from cycle_okr import room

from okrworkshop import actions, tracking
from okrworkshop.confidence import CONCERN_VOTE, LOW_AVERAGE, WIDE_SPREAD, confidence_summary
from okrworkshop.model import KrKind, Workshop
from okrworkshop.rules import RuleError


@pytest.fixture
def ws() -> Workshop:
    return room(final=False)


def summary(ws: Workshop, kr_id: str = "kr1", viewer: str | None = None):  # type: ignore[no-untyped-def]
    kr = ws.key_result(kr_id)
    assert kr is not None
    return confidence_summary(ws, kr, viewer=viewer)


def vote(ws: Workshop, **votes: int) -> None:
    for person, fingers in votes.items():
        tracking.vote_confidence(ws, "kr1", fingers, person=person)


def test_hidden_votes_show_only_who_has_voted(ws: Workshop) -> None:
    vote(ws, Ben=4, Chen=1)
    s = summary(ws, viewer="chen")
    assert (s.revealed, s.count, s.voted, s.own) == (False, 2, ("Ben", "Chen"), 1)
    assert s.waiting == ("Dana", "Ana")
    assert s.votes == () and s.average is None and s.spread is None
    assert s.histogram == (0, 0, 0, 0, 0)
    assert not s.talk and s.prompt == "" and s.concerns == ()


def test_revealed_votes_give_average_spread_and_histogram(ws: Workshop) -> None:
    vote(ws, Ben=4, Chen=4, Dana=5, Ana=3)
    tracking.reveal_confidence(ws)
    s = summary(ws)
    assert s.votes == (("Ben", 4), ("Chen", 4), ("Dana", 5), ("Ana", 3))
    assert (s.average, s.low, s.high, s.spread) == (4.0, 3, 5, 2)
    assert s.histogram == (0, 0, 1, 2, 1)
    assert not s.talk and s.prompt == ""


def test_a_low_average_is_a_prompt_to_talk(ws: Workshop) -> None:
    vote(ws, Ben=3, Chen=2, Dana=3)
    tracking.reveal_confidence(ws)
    s = summary(ws)
    assert s.average is not None and s.average < LOW_AVERAGE
    assert s.talk
    assert "average is 2.7 of 5" in s.prompt
    assert "Ask Chen what worries them first" in s.prompt


def test_a_wide_spread_is_a_prompt_to_talk(ws: Workshop) -> None:
    vote(ws, Ben=5, Chen=5, Dana=2)
    tracking.reveal_confidence(ws)
    s = summary(ws)
    assert s.spread == 3 >= WIDE_SPREAD
    assert s.talk and "run from 2 to 5" in s.prompt and s.concerns == ("Dana",)


def test_one_person_with_one_or_two_fingers_is_enough_to_talk(ws: Workshop) -> None:
    vote(ws, Ben=4, Chen=3, Dana=CONCERN_VOTE)
    tracking.reveal_confidence(ws)
    s = summary(ws)
    assert s.spread == 2 and s.average == 3.0
    assert s.talk and s.prompt.startswith("Talk about KR1: Dana showed 2")


def test_a_second_vote_replaces_the_first_and_can_be_taken_back(ws: Workshop) -> None:
    vote(ws, Ben=2)
    vote(ws, ben=5)  # any case finds the participant
    assert ws.key_results[0].confidence_votes == {"Ben": 5}
    tracking.withdraw_confidence(ws, "kr1", person="Ben")
    assert ws.key_results[0].confidence_votes == {}
    with pytest.raises(RuleError, match="no confidence vote on KR1"):
        tracking.withdraw_confidence(ws, "kr1", person="Ben")


@pytest.mark.parametrize("fingers", [0, 6, -1])
def test_a_vote_is_one_to_five_fingers(ws: Workshop, fingers: int) -> None:
    with pytest.raises(RuleError, match="1 to 5 fingers"):
        tracking.vote_confidence(ws, "kr1", fingers, person="Ben")
    assert ws.key_results[0].confidence_votes == {}


def test_only_people_of_the_workshop_vote_and_only_before_final(ws: Workshop) -> None:
    with pytest.raises(RuleError, match="not a participant"):
        tracking.vote_confidence(ws, "kr1", 3, person="Mallory")
    actions.finalize(ws)
    with pytest.raises(RuleError, match="final"):
        tracking.vote_confidence(ws, "kr1", 3, person="Ben")
    tracking.reveal_confidence(ws)  # what the room sees is not the OKR: allowed
    assert ws.settings.confidence_revealed


def test_renaming_moves_a_vote_and_removing_drops_it(ws: Workshop) -> None:
    vote(ws, Ben=4, Chen=2)
    actions.rename_participant(ws, "Ben", "Benjamin")
    actions.remove_participant(ws, "Chen")
    assert ws.key_results[0].confidence_votes == {"Benjamin": 4}


def test_committed_or_stretch_is_chosen_in_the_room(ws: Workshop) -> None:
    assert ws.key_results[0].kind is KrKind.COMMITTED
    tracking.set_kind(ws, "kr1", "stretch")
    assert ws.key_results[0].kind is KrKind.STRETCH
    assert KrKind.STRETCH.expected_score == 0.7 and KrKind.COMMITTED.expected_score == 1.0
    with pytest.raises(RuleError, match="committed or stretch"):
        tracking.set_kind(ws, "kr1", "aspirational")
    actions.finalize(ws)
    with pytest.raises(RuleError, match="final"):
        tracking.set_kind(ws, "kr1", "committed")
