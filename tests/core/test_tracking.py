"""Check-ins and grades on a final OKR: what the rules allow, refuse, and how the OKR's life
(final -> tracking -> graded) meets reopening."""

from __future__ import annotations

import pytest
from cycle_okr import day, room
from hostile import HOSTILE

from okrworkshop import actions, rules, tracking
from okrworkshop.actions import KeyResultFields
from okrworkshop.dates import DAY_SHAPE, is_day, read_day
from okrworkshop.grading import ScoreSource, grade_report
from okrworkshop.model import DataError, Lifecycle, Status, Workshop
from okrworkshop.next_cycle import next_cycle
from okrworkshop.rules import RuleError


@pytest.fixture
def ws() -> Workshop:
    return room()


# --- when a check-in is allowed -------------------------------------------------------------


def test_a_check_in_before_final_is_refused_with_why() -> None:
    draft = room(final=False)
    with pytest.raises(RuleError, match="Check-ins start once the OKR is final"):
        tracking.check_in(draft, "kr1", "13%", today=day(5))
    assert draft.key_results[0].checkins == []


def test_a_final_okr_takes_check_ins_but_its_wording_stays_a_record(ws: Workshop) -> None:
    done = tracking.check_in(ws, "kr1", "13%", confidence=7, note="Ranking fix", today=day(9))
    assert (done.date, done.value, done.author, done.confidence, done.note) == (
        day(9),
        "13%",
        "Chen",  # the owner, when nobody says who
        7,
        "Ranking fix",
    )
    assert rules.lifecycle(ws) is Lifecycle.TRACKING
    assert ws.status is Status.FINAL  # the stored status stays: every "final" rule still holds
    with pytest.raises(RuleError, match="final"):
        actions.edit_key_result(ws, "kr1", fields=KeyResultFields(target="30%"))


def test_the_author_is_kept_and_must_be_on_the_team(ws: Workshop) -> None:
    done = tracking.check_in(ws, "kr1", "13%", author="dana", today=day(9))
    assert done.author == "Dana"
    with pytest.raises(RuleError, match="not a participant"):
        tracking.check_in(ws, "kr1", "13%", author="Mallory", today=day(9))
    ws.facilitator = ""
    ws.key_results[1].owner = ""
    with pytest.raises(RuleError, match="say who is checking in"):
        tracking.check_in(ws, "kr2", "8%", today=day(9))


def test_the_date_defaults_to_today_and_any_past_day_of_the_cycle_can_be_filled_in(
    ws: Workshop,
) -> None:
    assert tracking.check_in(ws, "kr1", "13%", today=day(30)).date == day(30)
    assert tracking.check_in(ws, "kr1", "12.5%", when="2027-01-05", today=day(30)).date == day(4)
    assert tracking.check_in(ws, "kr1", "12%", when=day(0), today=day(30)).date == day(0)


@pytest.mark.parametrize(
    ("when", "today", "words"),
    [
        (day(31), day(30), "is in the future"),
        (day(-1), day(30), "before the cycle starts (2027-01-01)"),
        (day(95), day(100), "after the cycle ended (2027-03-31)"),
    ],
)
def test_a_date_outside_the_cycle_or_in_the_future_is_refused(
    ws: Workshop, when: object, today: object, words: str
) -> None:
    with pytest.raises(RuleError, match=words.replace("(", r"\(").replace(")", r"\)")):
        tracking.check_in(ws, "kr1", "13%", when=when, today=today)  # type: ignore[arg-type]
    assert ws.key_results[0].checkins == []


def test_a_date_that_is_not_a_date_is_refused_with_an_example(ws: Workshop) -> None:
    with pytest.raises(RuleError, match="write it as 2027-03-31"):
        tracking.check_in(ws, "kr1", "13%", when="last monday", today=day(30))


@pytest.mark.parametrize("value", ["13", "13 %", "13 percent", "13.0%"])
def test_a_number_in_the_units_of_the_target_or_plain_is_accepted(ws: Workshop, value: str) -> None:
    assert tracking.check_in(ws, "kr1", value, today=day(9)).value == value.strip()


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("going well", "not one number"),
        ("12% to 13%", "not one number"),
        ("13 days", "not in the units of KR1"),
        ("   ", "empty"),
        ("1" * 201, "the limit is 200"),
    ],
)
def test_a_value_that_cannot_be_compared_is_refused(ws: Workshop, value: str, words: str) -> None:
    with pytest.raises(RuleError, match=words):
        tracking.check_in(ws, "kr1", value, today=day(9))


@pytest.mark.parametrize(
    ("value", "words"),
    [
        ("banana", "not one number"),
        ("5%%", "more than once"),
        ("1" * 30, "too large"),
        ("3 pp", "percent and percentage points do not mix"),
        ("4 days", "not in the units of KR1"),
    ],
)
def test_a_key_result_with_signed_numeric_ends_takes_numbers_only(value: str, words: str) -> None:
    ws = room([("Net change from -5% to 5%", "-5%", "5%"), ("NPS 30 to 40", "30", "40")])
    with pytest.raises(RuleError, match=words):
        tracking.check_in(ws, "kr1", value, today=day(9))
    assert tracking.check_in(ws, "kr1", "-2%", today=day(9)).value == "-2%"


@pytest.mark.parametrize(
    ("value", "accepted"),
    [("30 hours", True), ("2 days", True), ("30", True), ("90 min", True), ("30%", False)],
)
def test_a_duration_takes_any_unit_of_time_and_nothing_else(value: str, accepted: bool) -> None:
    ws = room([("Answer tickets faster", "3 days", "4 hours"), ("NPS 30 to 40", "30", "40")])
    if accepted:
        assert tracking.check_in(ws, "kr1", value, today=day(9)).value == value
    else:
        with pytest.raises(RuleError, match="a percent is not a duration"):
            tracking.check_in(ws, "kr1", value, today=day(9))


def test_numbers_the_rules_cannot_use_still_refuse_words() -> None:
    """Ends edited into units that do not compare (finalizing refuses such a pair, an older
    file may hold one): a check-in is still a number, never words."""
    ws = room([("Answer tickets faster", "3 days", "4 hours"), ("NPS 30 to 40", "30", "40")])
    kr = ws.key_result("kr1")
    assert kr is not None
    kr.target = "30%"
    with pytest.raises(RuleError, match="not one number"):
        tracking.check_in(ws, "kr1", "banana", today=day(9))


def test_a_key_result_whose_ends_are_names_with_digits_takes_words() -> None:
    ws = room([("Move the checkout to v3", "v2", "v3"), ("NPS 30 to 40", "30", "40")])
    assert tracking.check_in(ws, "kr1", "v3 beta", today=day(9)).value == "v3 beta"


def test_a_key_result_in_words_takes_words() -> None:
    ws = room(
        [("Launch onboarding in two markets", "none", "two markets"), ("NPS 30 to 40", "30", "40")]
    )
    assert tracking.check_in(ws, "kr1", "one market live", today=day(9)).value == "one market live"


@pytest.mark.parametrize("confidence", [0, 11, -3])
def test_check_in_confidence_is_one_to_ten(ws: Workshop, confidence: int) -> None:
    with pytest.raises(RuleError, match="from 1 to 10"):
        tracking.check_in(ws, "kr1", "13%", confidence=confidence, today=day(9))


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_note_is_stored_exactly_as_typed(ws: Workshop, name: str) -> None:
    text = HOSTILE[name]
    done = tracking.check_in(ws, "kr1", "13%", note=text, today=day(9))
    assert done.note == text.strip()
    again = Workshop.from_dict(ws.to_dict()).key_results[0].checkins[0]
    assert again == done


def test_an_overlong_note_is_refused(ws: Workshop) -> None:
    with pytest.raises(RuleError, match="the limit is 20,000"):
        tracking.check_in(ws, "kr1", "13%", note="x" * 20_001, today=day(9))


# --- reopening a tracked OKR ----------------------------------------------------------------


def test_reopening_keeps_check_ins_pauses_them_and_finalizing_resumes(ws: Workshop) -> None:
    tracking.check_in(ws, "kr1", "13%", today=day(9))
    actions.reopen(ws)
    assert rules.lifecycle(ws) is Lifecycle.LIVE
    with pytest.raises(
        RuleError, match=r"reopened for changes.*What was checked in is kept \(1 check-in\)\."
    ):
        tracking.check_in(ws, "kr1", "14%", today=day(16))
    actions.edit_key_result(ws, "kr1", fields=KeyResultFields(target="20%"))
    for check in ws.key_results[0].smart.values():
        check.status = check.status.CONFIRMED
    actions.finalize(ws)
    assert rules.lifecycle(ws) is Lifecycle.TRACKING
    tracking.check_in(ws, "kr1", "14%", today=day(16))
    assert [c.value for c in ws.key_results[0].checkins] == ["13%", "14%"]


def test_a_graded_cycle_cannot_be_reopened_or_checked_in_until_the_grade_is_undone(
    ws: Workshop,
) -> None:
    tracking.check_in(ws, "kr1", "15%", today=day(80))
    tracking.check_in(ws, "kr2", "3%", today=day(80))
    tracking.record_grade(ws, today=day(91))
    assert rules.lifecycle(ws) is Lifecycle.GRADED
    for attempt in (
        lambda: actions.reopen(ws),
        lambda: tracking.check_in(ws, "kr1", "16%", today=day(85)),
        lambda: tracking.set_score(ws, "kr1", 0.9, "why"),
    ):
        with pytest.raises(RuleError, match=r"was graded on .* Undo the grade first"):
            attempt()
    tracking.set_retro(ws, "Check in every Monday.")  # a retro often follows the grade
    tracking.undo_grade(ws)
    assert rules.lifecycle(ws) is Lifecycle.TRACKING
    actions.reopen(ws)
    assert ws.status is Status.LIVE


def test_renaming_a_person_renames_their_check_ins(ws: Workshop) -> None:
    tracking.check_in(ws, "kr1", "13%", author="Ben", today=day(9))
    actions.reopen(ws)
    actions.rename_participant(ws, "Ben", "Benjamin")
    assert ws.key_results[0].checkins[0].author == "Benjamin"


# --- grading --------------------------------------------------------------------------------


def test_scores_are_progress_capped_at_one_and_read_against_their_kind(ws: Workshop) -> None:
    tracking.check_in(ws, "kr1", "21%", today=day(85))  # past the target: 1.5
    tracking.check_in(ws, "kr2", "6.3%", today=day(85))  # 9% -> 6.3% of 9% -> 3%: 0.45
    ws.key_results[1].kind = ws.key_results[1].kind.STRETCH
    report = grade_report(ws, day(95))
    kr1, kr2 = report.key_results
    assert (kr1.score, kr1.source, kr1.met) == (1.0, ScoreSource.PROGRESS, True)
    assert "delivered in full" in kr1.reading
    assert (kr2.score, kr2.met) == (0.45, False)
    assert "falls short of 0.6" in kr2.reading
    assert report.average == 0.73  # (1.0 + 0.45) / 2 = 0.725, rounded half up
    assert not report.forecast and report.met == 1
    assert report.headline().startswith("Grade 0.73, not recorded yet")


def test_before_the_cycle_ends_the_grade_is_a_forecast(ws: Workshop) -> None:
    tracking.check_in(ws, "kr1", "15%", today=day(40))
    report = grade_report(ws, day(40))
    assert report.forecast
    assert report.headline().startswith("Forecast grade 0.50 (the cycle ends on 2027-03-31)")
    assert [s.kr_id for s in report.unscored] == ["kr2"]
    assert "no score yet for KR2" in report.summary()


def test_a_score_by_hand_needs_a_reason_and_wins_over_progress(ws: Workshop) -> None:
    tracking.check_in(ws, "kr1", "13%", today=day(40))
    with pytest.raises(RuleError, match="needs a reason"):
        tracking.set_score(ws, "kr1", 0.8, "  ")
    with pytest.raises(RuleError, match=r"from 0\.0 to 1\.0"):
        tracking.set_score(ws, "kr1", 1.2, "because")
    tracking.set_score(ws, "kr1", 0.8, "The metric lags a month behind")
    (kr1, _) = grade_report(ws, day(40)).key_results
    assert (kr1.score, kr1.source, kr1.reason) == (
        0.8,
        ScoreSource.HAND,
        "The metric lags a month behind",
    )
    tracking.clear_score(ws, "kr1")
    assert grade_report(ws, day(40)).key_results[0].score == 0.17


def test_recording_needs_a_score_for_every_key_result(ws: Workshop) -> None:
    tracking.check_in(ws, "kr1", "15%", today=day(80))
    with pytest.raises(RuleError, match=r"KR2 has no score.*--set KR2=0.5"):
        tracking.record_grade(ws, today=day(91))
    assert ws.graded is None and ws.key_results[0].grade is None


def test_recording_keeps_the_scores_and_undo_drops_only_those_from_progress(ws: Workshop) -> None:
    tracking.check_in(ws, "kr1", "15%", today=day(80))
    tracking.set_score(ws, "kr2", 0.3, "Typos hide zero results")
    report = tracking.record_grade(ws, today=day(91))
    assert ws.graded and report.recorded == ws.graded and not report.forecast
    assert [s.source for s in report.key_results] == [ScoreSource.RECORDED, ScoreSource.HAND]
    assert ws.key_results[0].grade is not None and ws.key_results[0].grade.score == 0.5
    tracking.undo_grade(ws)
    assert ws.graded is None
    assert ws.key_results[0].grade is None
    assert ws.key_results[1].grade is not None and ws.key_results[1].grade.by_hand
    with pytest.raises(RuleError, match="not been graded"):
        tracking.undo_grade(ws)


def test_a_grade_recorded_early_says_so(ws: Workshop) -> None:
    tracking.check_in(ws, "kr1", "15%", today=day(40))
    tracking.check_in(ws, "kr2", "6%", today=day(40))
    report = tracking.record_grade(ws, today=day(40))
    assert "before the cycle's end on 2027-03-31" in report.headline()


def test_a_retro_is_written_on_a_final_okr_and_cleared_with_nothing() -> None:
    draft = room(final=False)
    with pytest.raises(RuleError, match="finalize it first"):
        tracking.set_retro(draft, "too early")
    actions.finalize(draft)
    tracking.set_retro(draft, "  Weekly check-ins kept us honest.  ")
    assert draft.retro == "Weekly check-ins kept us honest."
    tracking.set_retro(draft, "")
    assert draft.retro == ""


# --- archive --------------------------------------------------------------------------------


def test_archiving_hides_from_lists_and_can_be_undone(ws: Workshop) -> None:
    other = room()
    other.id = "w2"
    tracking.archive(ws)
    assert tracking.listed([ws, other]) == [other]
    assert tracking.listed([ws, other], include_archived=True) == [ws, other]
    with pytest.raises(RuleError, match="already archived"):
        tracking.archive(ws)
    tracking.archive(ws, False)
    assert not ws.archived


def test_a_person_s_own_screen_offers_the_key_results_they_own(ws: Workshop) -> None:
    ws.key_results[1].owner = "Ben"
    assert [kr.id for kr in tracking.owned_key_results(ws, " chen ")] == ["kr1"]
    assert [kr.id for kr in tracking.owned_key_results(ws, "Ben")] == ["kr2"]
    assert tracking.owned_key_results(ws, "Dana") == []


# --- one way to write a day (issue 19) ------------------------------------------------------


@pytest.mark.parametrize(
    "typed", ["20261105", "2026-W45-4", "2026-11-5", "05.11.2026", "2026-02-30"]
)
def test_every_date_a_person_gives_is_read_one_way(typed: str) -> None:
    ws, draft = room(), room(final=False)
    where = [
        lambda: actions.parse_date(typed, "day"),
        lambda: actions.new_workshop("T", "Q", start=typed, end=None),
        lambda: actions.update_settings(draft, drafts_due=typed),
        lambda: actions.update_settings(draft, meeting_date=typed),
        lambda: actions.update_setup(draft, start=typed),
        lambda: actions.add_key_result(
            draft, "Cut errors from 4% to 1%", author="Ben", fields=KeyResultFields(deadline=typed)
        ),
        lambda: tracking.check_in(ws, "kr1", "13%", when=typed, today=day(400)),
        lambda: next_cycle(ws, "2027 Q2", start=typed, end="2027-06-30"),
    ]
    for attempt in where:
        with pytest.raises(RuleError, match="write it as 2027-03-31"):
            attempt()
    with pytest.raises(ValueError):
        read_day(typed)
    assert not is_day(typed)
    assert not DAY_SHAPE.match(typed) or typed == "2026-02-30"  # the forms wait for its shape


def test_a_day_in_its_one_form_is_read_with_spaces_around_it() -> None:
    assert read_day(" 2026-11-05 ") == actions.parse_date("2026-11-05", "day")
    assert actions.parse_date("  ", "day") is None


def test_a_stored_date_in_another_form_is_refused_by_name() -> None:
    doc = room().to_dict()
    doc["cycle"]["end"] = "20270331"
    with pytest.raises(DataError, match="'end' is '20270331', not a date like 2027-03-31"):
        Workshop.from_dict(doc)


@pytest.mark.parametrize(
    ("recorded", "headline"),
    [
        (
            "2027-03-30T23:59:00+00:00",
            "Grade 0.50, recorded on 2027-03-30, before the cycle's end on 2027-03-31",
        ),
        ("2027-03-31T00:01:00+00:00", "Grade 0.50, recorded on 2027-03-31"),
        ("2027-04-02T09:00:00+00:00", "Grade 0.50, recorded on 2027-04-02"),
    ],
)
def test_the_grade_headline_says_the_day_it_was_recorded_and_if_that_was_early(
    ws: Workshop, recorded: str, headline: str
) -> None:
    tracking.check_in(ws, "kr1", "15%", today=day(80))
    tracking.check_in(ws, "kr2", "6%", today=day(80))
    ws.graded = recorded
    assert grade_report(ws, day(95)).headline() == headline


def test_the_grade_is_a_forecast_until_the_day_after_the_cycle(ws: Workshop) -> None:
    tracking.check_in(ws, "kr1", "15%", today=day(80))
    assert grade_report(ws, day(89)).forecast  # the last day: still running
    assert not grade_report(ws, day(90)).forecast
    assert grade_report(ws, day(90)).headline() == (
        "Grade 0.50, not recorded yet (okrworkshop grade --record keeps it)"
    )


def test_the_grade_summary_names_a_partial_average_only_when_one_is_missing(ws: Workshop) -> None:
    tracking.check_in(ws, "kr1", "18%", today=day(80))
    partial = grade_report(ws, day(95)).summary()
    assert partial == (
        "1 of 2 key results reached what their kind expects; no score yet for KR2 (set one by "
        "hand with a reason); the average is over the 1 with a score."
    )
    tracking.check_in(ws, "kr2", "6%", today=day(80))
    assert grade_report(ws, day(95)).summary() == (
        "1 of 2 key results reached what their kind expects."
    )


def test_the_grade_is_the_average_of_the_shown_scores_rounded_half_up() -> None:
    """0.50, 1.00, 0.67 and 0.33 average to 0.625: a reader expects 0.63, not 0.62."""
    ws = room(
        [
            ("Increase search conversion from 12% to 18% by 2027-03-31", "12%", "18%"),
            ("Reduce zero-result searches from 9% to 3% by 2027-03-31", "9%", "3%"),
            ("Grow saved searches from 0 to 3 by 2027-03-31", "0", "3"),
            ("Grow shared lists from 0 to 3 by 2027-03-31", "0", "3"),
        ]
    )
    for kr_id, value in (("kr1", "15%"), ("kr2", "3%"), ("kr3", "2"), ("kr4", "1")):
        tracking.check_in(ws, kr_id, value, today=day(40))
    report = grade_report(ws, day(40))
    assert [s.score for s in report.key_results] == [0.5, 1.0, 0.67, 0.33]
    assert report.average == 0.63
    assert report.headline().startswith("Forecast grade 0.63 ")


def test_scores_round_half_up_in_one_place() -> None:
    from okrworkshop.numbers import mean_score, round_score

    assert round_score(0.625) == 0.63  # round() gives 0.62
    assert round_score(0.125) == 0.13
    assert round_score(0.675) == 0.68  # 0.675 is a hair below in binary; people read 0.68
    assert mean_score([0.5, 1.0, 0.67, 0.33]) == 0.63
    assert mean_score([]) is None
    ws = room()
    tracking.check_in(ws, "kr1", "12.75%", today=day(40))  # 0.125 of the way
    assert grade_report(ws, day(40)).key_results[0].score == 0.13
    tracking.set_score(ws, "kr2", 0.125, "Typos hide zero results")
    assert ws.key_results[1].grade is not None and ws.key_results[1].grade.score == 0.13
