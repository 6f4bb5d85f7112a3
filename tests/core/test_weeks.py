"""The weekly meeting's rules at their edges: votes 1-10, one meeting per ISO week, due dates
inside the cycle, what "dropped" means, the reveal's flags, when a week may close, commitments
one to three, health metrics two to four with words, and the history (streak, kept share,
weeks with no meeting, commitments repeatedly missed)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from okrworkshop import tracking, week_actions, weeks
from okrworkshop.model import DataError, Workshop
from okrworkshop.rules import RuleError
from okrworkshop.sample import example_workshop
from okrworkshop.week_model import Colour, Outcome, Week, WeekStatus, iso_week

MONDAY = date(2027, 2, 22)  # the example's last check-ins: KR1 on track, KR2 behind, KR3 at risk
PEOPLE = ("Ben", "Chen", "Dana")


@pytest.fixture
def ws() -> Workshop:
    workshop = example_workshop()
    workshop.id = "ex"
    return workshop


def started(ws: Workshop, day: date = MONDAY) -> Week:
    return week_actions.start_week(ws, today=day)


def votes(ws: Workshop, kr: str, *numbers: int) -> None:
    for person, number in zip(PEOPLE, numbers, strict=False):
        week_actions.vote(ws, kr, number, person=person)


def close_with_actions(ws: Workshop) -> Week:
    week = weeks.require_open_week(ws)
    for d in weeks.close_blockers(ws, week):
        week_actions.add_action(ws, d.label, "Look into it", owner="Ben")
    return week_actions.close_week(ws)


# --- votes ------------------------------------------------------------------------------------


@pytest.mark.parametrize("number", [1, 10])
def test_a_vote_from_one_to_ten_counts(ws: Workshop, number: int) -> None:
    started(ws)
    mine = week_actions.vote(ws, "KR1", number, person="Ben")
    assert mine.own == number and not mine.revealed and mine.votes == ()


@pytest.mark.parametrize("number", [0, 11, True])
def test_a_vote_outside_one_to_ten_is_refused(ws: Workshop, number: int) -> None:
    started(ws)
    with pytest.raises(RuleError, match="from 1 to 10"):
        week_actions.vote(ws, "KR1", number, person="Ben")
    assert ws.weeks[0].confidence == {}


def test_a_second_vote_replaces_the_first_whatever_the_case_of_the_name(ws: Workshop) -> None:
    started(ws)
    week_actions.vote(ws, "kr1", 4, person="Ben")
    week_actions.vote(ws, "KR1", 6, person="ben")
    assert ws.weeks[0].confidence == {"kr1": {"Ben": 6}}


def test_votes_stay_hidden_until_revealed(ws: Workshop) -> None:
    week = started(ws)
    votes(ws, "KR1", 7, 8, 6)
    hidden = weeks.week_confidence(ws, week, "KR1", viewer="Chen")
    assert hidden.own == 8 and hidden.average is None and hidden.flags == ()
    assert hidden.voted == ("Ben", "Chen", "Dana") and hidden.waiting == ("Ana",)
    week_actions.reveal(ws)
    shown = weeks.week_confidence(ws, week, "KR1")
    assert shown.average == 7 and (shown.low, shown.high) == (6, 8)


# --- the reveal's flags -------------------------------------------------------------------------


def test_a_spread_of_four_is_flagged_and_three_is_not(ws: Workshop) -> None:
    week = started(ws)
    votes(ws, "KR1", 5, 9, 7)
    votes(ws, "KR3", 5, 8, 6)
    week_actions.reveal(ws)
    assert any("run from 5 to 9" in f for f in weeks.week_confidence(ws, week, "KR1").flags)
    assert weeks.week_confidence(ws, week, "KR3").flags == ()


def test_someone_at_three_is_asked_first_and_four_is_not(ws: Workshop) -> None:
    week = started(ws)
    votes(ws, "KR1", 4, 6, 6)
    votes(ws, "KR2", 3, 5, 5)
    week_actions.reveal(ws)
    assert weeks.week_confidence(ws, week, "KR1").ask_first == ()
    kr2 = weeks.week_confidence(ws, week, "KR2")
    assert kr2.ask_first == ("Ben",) and "Ask Ben first." in kr2.flags


def test_a_fall_of_two_since_last_week_is_flagged_and_drops_the_key_result(
    ws: Workshop,
) -> None:
    started(ws)
    votes(ws, "KR1", 8, 8, 8)
    close_with_actions(ws)
    week = started(ws, MONDAY + timedelta(days=7))
    votes(ws, "KR1", 6, 6, 6)  # 8 -> 6
    votes(ws, "KR3", 7, 7, 7)
    week_actions.reveal(ws)
    kr1 = weeks.week_confidence(ws, week, "KR1")
    assert kr1.before == 8 and kr1.fell_by == 2
    assert kr1.flags == ("Confidence fell by 2 since last week (8 to 6).",)
    (fell,) = [d for d in weeks.dropped(ws, week) if d.label == "KR1"]
    assert fell.reasons == ("confidence fell from 8 to 6",)


def test_a_fall_under_two_does_not_drop(ws: Workshop) -> None:
    started(ws)
    votes(ws, "KR1", 8, 8, 8)
    close_with_actions(ws)
    week = started(ws, MONDAY + timedelta(days=7))
    votes(ws, "KR1", 7, 7, 6)  # 8 -> 6.7
    assert [d.label for d in weeks.dropped(ws, week)] == ["KR2"]


def test_before_the_first_meeting_the_check_in_confidence_is_the_comparison(
    ws: Workshop,
) -> None:
    week = started(ws)  # KR1's check-in of 2027-02-22 says 8
    votes(ws, "KR1", 6, 6, 6)
    assert weeks.confidence_before(ws, week, ws.key_results[0]) == 8
    assert "KR1" in [d.label for d in weeks.dropped(ws, week)]


# --- what dropped, and closing --------------------------------------------------------------


def test_a_key_result_behind_dropped_and_one_at_risk_did_not(ws: Workshop) -> None:
    week = started(ws)
    assert [(d.label, d.reasons) for d in weeks.dropped(ws, week)] == [("KR2", ("behind",))]


def test_closing_asks_for_a_next_action_first_unless_anyway(ws: Workshop) -> None:
    started(ws)
    with pytest.raises(RuleError, match=r"^KR2 dropped and has no next action"):
        week_actions.close_week(ws)
    assert ws.weeks[0].status is WeekStatus.OPEN
    closed = week_actions.close_week(ws, anyway=True)
    assert closed.status is WeekStatus.CLOSED and "No next action was agreed." in closed.notes


def test_an_open_action_from_last_week_still_counts_and_a_done_one_does_not(
    ws: Workshop,
) -> None:
    started(ws)
    action = week_actions.add_action(ws, "KR2", "Call the vendor", owner="Ben")
    week_actions.close_week(ws)
    week = started(ws, MONDAY + timedelta(days=7))
    assert weeks.close_blockers(ws, week) == ()
    week_actions.set_action_done(ws, action.id)
    assert [d.label for d in weeks.close_blockers(ws, week)] == ["KR2"]


def test_a_week_closes_once(ws: Workshop) -> None:
    started(ws)
    close_with_actions(ws)
    with pytest.raises(RuleError, match="already closed"):
        week_actions.close_week(ws)


# --- one meeting per ISO week, inside the cycle -----------------------------------------------


def test_one_meeting_per_iso_week(ws: Workshop) -> None:
    started(ws, MONDAY)
    close_with_actions(ws)
    with pytest.raises(RuleError, match="already met in 2027-W08"):
        started(ws, MONDAY + timedelta(days=6))  # the Sunday of the same week
    assert started(ws, MONDAY + timedelta(days=7)).week == "2027-W09"


def test_a_meeting_still_open_must_close_before_the_next(ws: Workshop) -> None:
    started(ws)
    with pytest.raises(RuleError, match="2027-W08 is still open"):
        started(ws, MONDAY + timedelta(days=7))


@pytest.mark.parametrize(
    ("day", "ok"),
    [(date(2027, 1, 1), True), (date(2027, 3, 31), True), (date(2026, 12, 31), False),
     (date(2027, 4, 1), False)],
)  # fmt: skip
def test_meetings_run_inside_the_cycle(ws: Workshop, day: date, ok: bool) -> None:
    if ok:
        assert started(ws, day).week == iso_week(day)
    else:
        with pytest.raises(RuleError, match="cycle"):
            started(ws, day)


def test_a_draft_okr_has_no_weekly_meeting(ws: Workshop) -> None:
    ws.key_results[0].checkins.clear()
    from okrworkshop.model import Status

    ws.status = Status.LIVE
    with pytest.raises(RuleError, match="final"):
        started(ws)


@pytest.mark.parametrize(
    ("due", "ok"),
    [(MONDAY, True), (date(2027, 3, 31), True), (MONDAY - timedelta(days=1), False),
     (date(2027, 4, 1), False)],
)  # fmt: skip
def test_a_next_action_is_due_between_the_meeting_and_the_cycle_end(
    ws: Workshop, due: date, ok: bool
) -> None:
    started(ws)
    if ok:
        assert week_actions.add_action(ws, "KR2", "Fix it", owner="Ben", due=due).due == due
    else:
        with pytest.raises(RuleError, match="due date"):
            week_actions.add_action(ws, "KR2", "Fix it", owner="Ben", due=due)


def test_a_next_action_is_due_by_the_next_meeting_or_the_cycle_end(ws: Workshop) -> None:
    started(ws)
    assert week_actions.add_action(ws, "KR2", "Fix", owner="Ben").due == MONDAY + timedelta(7)
    close_with_actions(ws)
    started(ws, date(2027, 3, 29))
    assert week_actions.add_action(ws, "KR2", "Fix", owner="Ben").due == date(2027, 3, 31)


# --- commitments ------------------------------------------------------------------------------


def test_one_to_three_commitments_each_tied_to_something_or_shown_as_not(ws: Workshop) -> None:
    started(ws)
    first = week_actions.commit(ws, "Ship synonyms", person="Ben", kr="KR2")
    loose = week_actions.commit(ws, "Tidy the backlog", person="Ben")
    week_actions.commit(ws, "Pair with Dana", person="Ben", kr="kr3")
    assert weeks.tied_to(ws, first) == "KR2" and weeks.tied_to(ws, loose) == "nothing"
    with pytest.raises(RuleError, match="already has 3 commitments"):
        week_actions.commit(ws, "One more", person="ben")
    with pytest.raises(RuleError, match="no key result 'KR7'"):
        week_actions.commit(ws, "Ghost", person="Chen", kr="KR7")
    assert len(ws.weeks[0].commitments) == 3


def test_last_weeks_commitments_close_at_the_next_meeting_and_can_be_taken_up_again(
    ws: Workshop,
) -> None:
    started(ws)
    kept = week_actions.commit(ws, "Ship synonyms", person="Ben", kr="KR2")
    missed = week_actions.commit(ws, "Interview 5 buyers", person="Chen", kr="KR1")
    with pytest.raises(RuleError, match="made in this meeting"):
        week_actions.close_commitment(ws, kept.id, done=True)
    close_with_actions(ws)
    week = started(ws, MONDAY + timedelta(days=7))
    assert weeks.commitments_to_close(ws, week) == (kept, missed)
    week_actions.close_commitment(ws, kept.id, done=True)
    with pytest.raises(RuleError, match="why"):
        week_actions.close_commitment(ws, missed.id, done=False)
    _, again = week_actions.close_commitment(ws, missed.id, done=False, why="Ill", carry=True)
    assert again is not None and again.carried_from == missed.id and again.person == "Chen"
    with pytest.raises(RuleError, match="already closed in 2027-W09"):
        week_actions.close_commitment(ws, kept.id, done=True)
    assert (kept.outcome, missed.outcome) == (Outcome.DONE, Outcome.NOT_DONE)
    assert weeks.closed_in(ws, week) == (kept, missed)


# --- health -------------------------------------------------------------------------------------


def test_health_metrics_are_two_to_four_and_a_colour_comes_with_words(ws: Workshop) -> None:
    started(ws)
    for name in ("Customer satisfaction", "Team health", "On-call load", "Uptime"):
        assert week_actions.set_health(ws, name, "green") == (name, True)
    assert week_actions.set_health(ws, "on-call  LOAD", "red", "Paged nightly") == (
        "On-call load",
        False,
    )
    with pytest.raises(RuleError, match="already has 4 health metrics"):
        week_actions.set_health(ws, "Morale", "green")
    with pytest.raises(RuleError, match="not a colour"):
        week_actions.set_health(ws, "Uptime", "blue")
    with pytest.raises(RuleError, match="why it is amber"):
        week_actions.set_health(ws, "Uptime", "amber")
    assert ws.weeks[0].health["On-call load"].colour is Colour.RED
    assert len(ws.health_metrics) == 4


# --- history ------------------------------------------------------------------------------------


def test_the_streak_counts_weeks_met_in_a_row_and_weeks_missed_show(ws: Workshop) -> None:
    for day in (date(2027, 2, 8), date(2027, 2, 22), date(2027, 3, 1)):
        started(ws, day)
        close_with_actions(ws)
    h = weeks.history(ws, date(2027, 3, 3))
    assert h.streak == 2  # W08 and W09; W07 was missed
    assert h.missed_weeks == ("2027-W07",)  # since the first meeting
    assert h.weeks_before_first == 6  # 2026-W53 (the cycle starts on a Friday) to 2027-W05
    assert weeks.history(ws, date(2027, 3, 10)).streak == 2  # this week's not held yet
    assert weeks.history(ws, date(2027, 3, 17)).streak == 0  # last week missed


def test_kept_share_and_commitments_missed_again_and_again(ws: Workshop) -> None:
    started(ws)
    first = week_actions.commit(ws, "Interview 5 buyers", person="Chen")
    other = week_actions.commit(ws, "Ship synonyms", person="Ben")
    close_with_actions(ws)
    started(ws, MONDAY + timedelta(days=7))
    week_actions.close_commitment(ws, other.id, done=True)
    _, again = week_actions.close_commitment(ws, first.id, done=False, why="Ill", carry=True)
    assert again is not None
    close_with_actions(ws)
    started(ws, MONDAY + timedelta(days=14))
    week_actions.close_commitment(ws, again.id, done=False, why="No buyers")
    h = weeks.history(ws, MONDAY + timedelta(days=14))
    assert (h.kept, h.closed, h.kept_share) == (1, 3, 1 / 3)
    (missed,) = weeks.repeatedly_missed(ws)
    assert (missed.person, missed.times, missed.whys) == ("Chen", 2, ("Ill", "No buyers"))


def test_confidence_week_by_week(ws: Workshop) -> None:
    started(ws)
    votes(ws, "KR1", 7, 8, 6)
    close_with_actions(ws)
    started(ws, MONDAY + timedelta(days=7))
    close_with_actions(ws)
    h = weeks.history(ws, MONDAY + timedelta(days=7))
    assert h.confidence["kr1"] == (("2027-W08", 7.0), ("2027-W09", None))


# --- overall status and a person's view ---------------------------------------------------------


def test_overall_status_in_words(ws: Workshop) -> None:
    week = started(ws)
    assert weeks.overall(ws, week) == (
        weeks.Overall.AT_RISK,
        "KR2 is behind; KR3 is at risk.",
    )
    votes(ws, "KR1", 2, 3, 2)
    votes(ws, "KR2", 3, 3, 3)
    votes(ws, "KR3", 3, 2, 3)
    assert weeks.overall(ws, week)[0] is weeks.Overall.OFF_TRACK


def test_a_person_sees_their_key_results_votes_commitments_and_actions(ws: Workshop) -> None:
    week = started(ws)
    week_actions.vote(ws, "KR2", 5, person="Ben")
    made = week_actions.commit(ws, "Ship synonyms", person="Ben", kr="KR2")
    action = week_actions.add_action(ws, "KR2", "Call the vendor", owner="Ben", ask=True)
    mine = weeks.person_week(ws, "ben", week)
    assert [n.label for n in mine.owned] == ["KR2"]
    assert mine.votes == {"kr2": 5} and mine.commitments == (made,) and mine.actions == (action,)


def test_no_check_in_since_the_last_meeting_is_named(ws: Workshop) -> None:
    started(ws)
    close_with_actions(ws)
    tracking.check_in(ws, "kr1", "15.6%", today=date(2027, 3, 1))
    week = started(ws, date(2027, 3, 1))
    assert [(n.label, n.owner) for n in weeks.not_checked_in(ws, week)] == [
        ("KR2", "Ben"),
        ("KR3", "Dana"),
    ]


# --- the stored shape ---------------------------------------------------------------------------


def test_weeks_round_trip_and_a_bad_field_is_named(ws: Workshop) -> None:
    started(ws)
    votes(ws, "KR1", 7, 8, 6)
    week_actions.commit(ws, "Ship", person="Ben", kr="KR2")
    week_actions.set_health(ws, "Uptime", "amber", "Slow Mondays")
    week_actions.add_win(ws, "Launched", person="Chen", others=("Dana", "chen"))
    close_with_actions(ws)
    doc = ws.to_dict()
    assert Workshop.from_dict(doc) == ws
    assert ws.weeks[0].wins[0].people == ["Chen", "Dana"]
    doc["weeks"][0]["confidence"]["kr1"]["Ben"] = 11
    with pytest.raises(DataError, match="votes from 1 to 10"):
        Workshop.from_dict(doc)
    doc = ws.to_dict()
    doc["weeks"].append(dict(doc["weeks"][0]))
    with pytest.raises(DataError, match="two meetings are stored for 2027-W08"):
        Workshop.from_dict(doc)
    doc = ws.to_dict()
    doc["weeks"][0]["health"]["Uptime"]["colour"] = "blue"
    with pytest.raises(DataError, match="'colour' is 'blue'"):
        Workshop.from_dict(doc)


def test_the_next_cycle_knows_the_weekly_record_and_what_was_missed_again_and_again(
    ws: Workshop,
) -> None:
    from okrworkshop.export import to_markdown
    from okrworkshop.next_cycle import next_cycle

    started(ws)
    first = week_actions.commit(ws, "Interview 5 buyers", person="Chen")
    close_with_actions(ws)
    started(ws, MONDAY + timedelta(days=7))
    _, again = week_actions.close_commitment(ws, first.id, done=False, why="Ill", carry=True)
    assert again is not None
    close_with_actions(ws)
    started(ws, MONDAY + timedelta(days=14))
    week_actions.close_commitment(ws, again.id, done=False, why="No [buyers](x)")
    close_with_actions(ws)

    new = next_cycle(ws, "2027 Q2", start="2027-04-01", end="2027-06-30", today=date(2027, 4, 1))
    assert new.last_cycle is not None
    assert new.last_cycle.weekly == "Met in 3 of 14 weeks; 0 of 2 commitments kept."
    (missed,) = new.last_cycle.missed_commitments
    assert (missed.text, missed.reason) == (
        "Chen: Interview 5 buyers",
        "not done 2 times: Ill; No [buyers](x)",
    )
    handout = to_markdown(new, today=date(2027, 4, 1))
    assert "**Weekly meetings:** Met in 3 of 14 weeks; 0 of 2 commitments kept." in handout
    assert "- Chen: Interview 5 buyers (not done 2 times: Ill; No \\[buyers\\](x))" in handout
    assert Workshop.from_dict(new.to_dict()) == new


def test_a_renamed_person_keeps_their_week_and_a_removed_one_loses_only_open_votes(
    ws: Workshop,
) -> None:
    from okrworkshop import actions

    started(ws)
    votes(ws, "KR1", 7, 8, 6)
    week_actions.add_action(ws, "KR2", "Call", owner="Ben")
    week_actions.commit(ws, "Ship", person="Ben")
    week_actions.add_win(ws, "Launched", person="Ben", others=("Chen",))
    close_with_actions(ws)
    week = started(ws, MONDAY + timedelta(days=7))
    votes(ws, "KR1", 5, 5, 5)
    actions.reopen(ws)
    actions.rename_participant(ws, "Ben", "Benjamin")
    first = ws.weeks[0]
    assert first.confidence["kr1"] == {"Benjamin": 7, "Chen": 8, "Dana": 6}
    assert first.actions[0].owner == "Benjamin" and first.commitments[0].person == "Benjamin"
    assert first.wins[0].people == ["Benjamin", "Chen"]
    actions.remove_participant(ws, "Chen")
    assert week.confidence["kr1"] == {"Benjamin": 5, "Dana": 5}
    assert first.confidence["kr1"]["Chen"] == 8  # what a closed meeting recorded stays


def test_the_line_on_a_participants_screen_says_what_the_meeting_is_doing(ws: Workshop) -> None:
    assert weeks.meeting_line(ws, "Ben") == ""
    started(ws)
    close_with_actions(ws)
    started(ws, MONDAY + timedelta(days=7))
    assert weeks.meeting_line(ws, "Ben") == (
        "The team is in its weekly meeting (2027-W09), at Numbers. Check in on KR2 if you can."
    )
    week_actions.go_to_step(ws, "confidence")
    week_actions.vote(ws, "KR1", 6, person="Ben")
    assert weeks.meeting_line(ws, "Ben").endswith("You gave 1 of 3 confidence votes.")


def test_with_no_earlier_meeting_the_fall_is_since_the_last_check_in(ws: Workshop) -> None:
    """The first meeting compares with the latest check-in's confidence: it says so, and the
    average reads the same ("2.5") in the flag, the notes and the digest."""
    from okrworkshop.week_notes import week_notes

    week = started(ws)
    kr = ws.key_results[0]
    given = [c.confidence for c in kr.checkins if c.confidence is not None]
    assert given and given[-1] >= 5
    votes(ws, "KR1", 2, 3)  # 2.5
    week_actions.reveal(ws)
    kr1 = weeks.week_confidence(ws, week, "KR1")
    assert kr1.before_from is weeks.Before.CHECKIN
    before = weeks.confidence_figure(given[-1])
    assert kr1.flags[0] == (
        f"Confidence fell by {weeks.confidence_figure(given[-1] - 2.5)} since the last "
        f"check-in ({before} to 2.5)."
    )
    (fell,) = [d for d in weeks.dropped(ws, week) if d.label == "KR1"]
    assert f"confidence fell from {before} to 2.5 since the last check-in" in fell.reasons
    notes = week_notes(ws, week)
    assert f"2.5 of 10 (votes 2 to 3, {before} at the last check-in)" in notes
    assert "last week" not in notes and "last time" not in notes


def test_a_meeting_weeks_before_is_the_last_meeting_not_last_week(ws: Workshop) -> None:
    started(ws)
    votes(ws, "KR1", 8, 8, 8)
    close_with_actions(ws)
    week = started(ws, MONDAY + timedelta(days=14))
    votes(ws, "KR1", 6, 6, 6)
    week_actions.reveal(ws)
    kr1 = weeks.week_confidence(ws, week, "KR1")
    assert kr1.flags[0] == "Confidence fell by 2 since the last meeting (8 to 6)."


def test_confidence_averages_round_half_up_and_read_one_way() -> None:
    assert weeks.confidence_figure(2.5) == "2.5"
    assert weeks.confidence_figure(7.0) == "7"
    assert weeks.confidence_figure(2.25) == "2.3"
    assert weeks.confidence_figure(19 / 3) == "6.3"


def test_the_kept_words_say_commitments_when_none_is_closed(ws: Workshop) -> None:
    started(ws)
    close_with_actions(ws)
    h = weeks.history(ws, MONDAY)
    assert h.kept_words == "no commitments closed yet"
    assert weeks.weekly_record(ws, MONDAY).endswith("; no commitments closed yet.")


def test_a_win_by_a_stranger_names_everyone_who_takes_part(ws: Workshop) -> None:
    """The facilitator is told, in words for them, everyone in the room, themselves included."""
    from okrworkshop.rules import NotAParticipant

    started(ws)
    with pytest.raises(NotAParticipant) as refused:
        week_actions.add_win(ws, "Synonyms live", person="Bob")
    everyone = ", ".join([*ws.participants, ws.facilitator])
    assert ws.facilitator and ws.facilitator in refused.value.people
    assert f"(people in it: {everyone})" in str(refused.value)
    words = refused.value.facilitator_words
    assert words.startswith(f"Bob is not in this workshop (people in it: {everyone}).")
    assert "Ask the facilitator" not in words and "add them on the Set up step" in words
