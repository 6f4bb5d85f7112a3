"""Starting the next cycle from a graded one: what is kept, what is offered, what is left."""

from __future__ import annotations

from datetime import date

import pytest
from cycle_okr import day, room

from okrworkshop import actions, rules, tracking
from okrworkshop.model import KrKind, Origin, Status, Workshop
from okrworkshop.next_cycle import (
    carried_statement,
    early_start_note,
    next_cycle,
    suggested_dates,
    suggested_label,
)
from okrworkshop.rules import RuleError


@pytest.fixture
def graded() -> Workshop:
    ws = room(
        [
            ("Increase search conversion from 12% to 18% by 2027-03-31", "12%", "18%"),
            ("Reduce zero-result searches from 9% to 3% by 2027-03-31", "9%", "3%"),
            ("Launch onboarding in two markets", "none", "two markets"),
        ]
    )
    actions.reopen(ws)
    actions.set_context(ws, north_star="Buyers always find it", pillars=["Relevance"])
    ws.settings.votes_per_participant = 5
    actions.set_timebox(ws, ws.stage.CONTEXT, 20)
    for check in (c for kr in ws.key_results for c in kr.smart.values()):
        check.status = check.status.CONFIRMED
    actions.finalize(ws)
    ws.key_results[1].kind = KrKind.STRETCH
    tracking.check_in(ws, "kr1", "14%", today=day(60))
    tracking.check_in(ws, "kr2", "2%", today=day(60))  # past the target: done
    tracking.set_score(ws, "kr3", 0.5, "One market live")
    tracking.set_retro(ws, "Ship small, measure weekly.")
    tracking.record_grade(ws, today=day(91))
    return ws


def test_the_next_cycle_keeps_team_people_context_and_how_the_room_runs(graded: Workshop) -> None:
    new = next_cycle(graded, "2027 Q2", start="2027-04-01", end="2027-06-30", today=day(95))
    assert (new.team, new.cycle.label, new.facilitator) == ("Marketplace Search", "2027 Q2", "Ana")
    assert new.participants == ["Ben", "Chen", "Dana"]
    assert new.context == graded.context and new.context is not graded.context
    assert new.settings.votes_per_participant == 5
    assert new.timebox_minutes == graded.timebox_minutes
    assert new.follows == "w1"
    assert new.status is Status.DRAFTING and new.focus is None and not new.deprioritized


def test_it_shows_how_the_last_cycle_ended(graded: Workshop) -> None:
    last = next_cycle(graded, "2027 Q2", start="2027-04-01", end="2027-06-30", today=day(95))
    assert last.last_cycle is not None
    summary = last.last_cycle
    assert (summary.workshop, summary.label, summary.forecast) == ("w1", "2027 Q1", False)
    assert summary.objective == "Buyers find the right product first time"
    assert summary.score == round((1 / 3 + 1.0 + 0.5) / 3, 2)
    assert [(k.id, k.score, k.latest, k.kind) for k in summary.key_results] == [
        ("kr1", 0.33, "14%", KrKind.COMMITTED),
        ("kr2", 1.0, "2%", KrKind.STRETCH),
        ("kr3", 0.5, "", KrKind.COMMITTED),
    ]
    assert summary.retro == "Ship small, measure weekly."
    assert [(x.text, x.reason) for x in summary.deprioritized] == [
        ("Sellers list in minutes", "Relevance first")
    ]


def test_deprioritized_items_come_back_as_drafts_offered_by_the_facilitator(
    graded: Workshop,
) -> None:
    new = next_cycle(graded, "2027 Q2", start="2027-04-01", end="2027-06-30", today=day(95))
    (draft,) = new.objectives
    assert (draft.text, draft.author, draft.origin) == (
        "Sellers list in minutes",
        "Ana",
        Origin.PRE_WORKSHOP,
    )
    assert draft.rationale == "Listing takes an hour"  # the original draft's why
    assert draft.carried_from == "w1/d1"


def test_unfinished_key_results_come_back_with_their_latest_value_as_baseline(
    graded: Workshop,
) -> None:
    new = next_cycle(graded, "2027 Q2", start="2027-04-01", end="2027-06-30", today=day(95))
    assert [(k.carried_from, k.baseline, k.target, k.kind) for k in new.key_results] == [
        ("w1/kr1", "14%", "18%", KrKind.COMMITTED),  # kr2 reached its target: not carried
        ("w1/kr3", "none", "two markets", KrKind.COMMITTED),
    ]
    first = new.key_results[0]
    assert (first.author, first.owner, first.origin) == ("Ana", "Chen", Origin.PRE_WORKSHOP)
    assert first.deadline is not None and first.deadline.isoformat() == "2027-06-30"
    assert first.checkins == [] and first.grade is None and first.confidence_votes == {}


def test_the_old_workshop_is_unchanged(graded: Workshop) -> None:
    before = graded.to_dict()
    next_cycle(graded, "2027 Q2", start="2027-04-01", end="2027-06-30", today=day(95))
    assert graded.to_dict() == before


def test_an_ungraded_cycle_can_be_followed_and_its_figures_say_they_are_progress() -> None:
    ws = room()
    tracking.check_in(ws, "kr1", "15%", today=day(60))
    new = next_cycle(ws, "2027 Q2", start="2027-04-01", end="2027-06-30", today=day(60))
    assert new.last_cycle is not None and new.last_cycle.forecast
    assert new.last_cycle.score == 0.5


def test_refusals_say_what_to_do() -> None:
    with pytest.raises(RuleError, match="not final yet"):
        next_cycle(room(final=False), "2027 Q2", start="2027-04-01", end="2027-06-30")
    with pytest.raises(RuleError, match="label of its own"):
        next_cycle(room(), "2027 q1", start="2027-04-01", end="2027-06-30")
    with pytest.raises(RuleError, match="before it starts"):
        next_cycle(room(), "2027 Q2", start="2027-06-30", end="2027-04-01")


def test_carried_over_work_does_not_count_as_what_people_sent_before_the_meeting(
    graded: Workshop,
) -> None:
    new = next_cycle(graded, "2027 Q2", start="2027-04-01", end="2027-06-30", today=day(95))
    actions.add_draft(new, "Sellers see why a listing ranks low", author="Dana")
    progress = {p.name: p.describe() for p in rules.drafting_progress(new)}
    assert progress == {"Ben": "nothing yet", "Chen": "nothing yet", "Dana": "1 draft"}


# --- the sentence, the label and the dates offered (issues 18 and 19) -----------------------


def test_a_carried_over_sentence_says_the_new_numbers_its_fields_hold(graded: Workshop) -> None:
    new = next_cycle(graded, "2027 Q2", start="2027-04-01", end="2027-06-30", today=day(95))
    first, words = new.key_results
    assert first.statement == "Increase search conversion from 14% to 18% by 2027-06-30"
    assert (first.baseline, first.target) == ("14%", "18%")
    assert words.statement == "Launch onboarding in two markets"  # no figure to go stale


@pytest.mark.parametrize(
    ("statement", "baseline", "expected"),
    [
        ("Grow NPS from 30 to 40 by 2027-03-31", "35", "Grow NPS from 35 to 40 by 2027-06-30"),
        ("Grow NPS from 30 to 300", "35", "Grow NPS from 35 to 300"),  # not inside 300
        ("Cut 30 of the 30 steps", "12", "Cut 30 of the 30 steps"),  # twice: which one?
        ("Grow NPS from 30.5 to 40", "35", "Grow NPS from 30.5 to 40"),  # 30 is not 30.5
        ("Grow NPS from 30 to 40", "30", "Grow NPS from 30 to 40"),  # no check-in
    ],
)
def test_only_a_figure_stated_once_as_the_field_held_it_is_rewritten(
    statement: str, baseline: str, expected: str
) -> None:
    old = room([(statement, "30", "40"), ("Cut errors from 4% to 1%", "4%", "1%")])
    kr = old.key_results[0]
    assert carried_statement(statement, kr, baseline, date(2027, 6, 30)) == expected


def test_reusing_the_label_suggests_the_next_one_in_plain_words() -> None:
    with pytest.raises(RuleError) as refused:
        next_cycle(room(), "2027 Q1", start="2027-04-01", end="2027-06-30", today=day(95))
    assert "How about '2027 Q2'?" in str(refused.value)
    assert "--" not in str(refused.value)  # screens show it too: no command-line flag


@pytest.mark.parametrize(
    ("label", "suggested"),
    [
        ("2027 Q1", "2027 Q2"),
        ("2027 Q4", "2028 Q1"),
        ("Q4 2027", "Q1 2028"),
        ("FY2027-Q3", "FY2027-Q4"),
        ("2027 H2", "2028 H1"),
        ("2027 T2", "2027 T3"),
        ("Cycle 7", "Cycle 8"),
        ("Spring", "Spring (next)"),
    ],
)
def test_the_suggested_label_is_the_next_period(label: str, suggested: str) -> None:
    assert suggested_label(label) == suggested


def test_a_start_inside_the_old_cycle_is_refused_with_the_first_free_day() -> None:
    for start in ("2027-03-31", "2027-02-01"):
        with pytest.raises(RuleError, match=r"inside 2027 Q1 .* start it on 2027-04-01 or later"):
            next_cycle(room(), "2027 Q2", start=start, end="2027-06-30", today=day(95))
    assert next_cycle(room(), "2027 Q2", start="2027-04-01", end="2027-06-30", today=day(95))


def test_the_dates_offered_follow_the_last_cycle() -> None:
    quarter = room()  # 2027-01-01 to 2027-03-31: whole months
    assert suggested_dates(quarter) == (date(2027, 4, 1), date(2027, 6, 30))
    assert suggested_dates(quarter, date(2027, 5, 1)) == (date(2027, 5, 1), date(2027, 7, 31))
    odd = room(end=date(2027, 1, 11), deadline="2027-01-11")  # eleven days
    assert suggested_dates(odd) == (date(2027, 1, 12), date(2027, 1, 22))
    assert suggested_dates(room(start=None, end=None, final=False)) == (None, None)
    december = room(start=date(2027, 10, 1), end=date(2027, 12, 31), deadline="2027-12-31")
    assert suggested_dates(december) == (date(2028, 1, 1), date(2028, 3, 31))


def test_starting_while_the_old_cycle_runs_is_said_in_one_sentence() -> None:
    assert early_start_note(room(), date(2027, 4, 1)) is None
    note = early_start_note(room(), date(2027, 3, 31))  # its last day
    assert note is not None and note.startswith("2027 Q1 still runs until 2027-03-31")
