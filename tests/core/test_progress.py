"""Progress of a key result against the share of the cycle gone by: the figures every screen,
the CLI and the handout show, computed on plain objects with a fixed ``today``."""

from __future__ import annotations

from datetime import date

import pytest
from cycle_okr import END, START, day, room

from okrworkshop import rules, tracking
from okrworkshop.export import progress_section
from okrworkshop.grading import grade_report
from okrworkshop.model import Check, CheckReview, KrKind, Review, Workshop
from okrworkshop.plain import progress_lines
from okrworkshop.progress import (
    AT_RISK_GAP,
    ON_TRACK_GAP,
    STALE_DAYS,
    CycleClock,
    KrProgress,
    Standing,
    Trend,
    implausible,
    kr_progress,
    meets_kind,
    progress_bar,
    progress_of,
    share_of_cycle,
    sparkline,
    success_from,
    workshop_progress,
)
from okrworkshop.rules import RuleError


def check(ws: Workshop, kr_id: str, value: str, on: int, confidence: int | None = None) -> None:
    """A check-in on cycle day ``on``, made that same day."""
    tracking.check_in(ws, kr_id, value, confidence=confidence, when=day(on), today=day(on))


def progress(ws: Workshop, kr_id: str, today: int = 89):  # type: ignore[no-untyped-def]
    kr = ws.key_result(kr_id)
    assert kr is not None
    return kr_progress(ws, kr, day(today))


# --- the formula ----------------------------------------------------------------------------


def test_increase_is_the_share_of_the_way_from_baseline_to_target() -> None:
    ws = room()
    check(ws, "kr1", "15%", on=40)
    p = progress(ws, "kr1", today=41)
    assert p.progress == pytest.approx(0.5)  # 12% -> 15% of 12% -> 18%
    assert p.percent == "50%"
    assert p.movement == "12% → 15% → 18%"
    assert p.latest_value == "15%"


def test_reduce_uses_the_same_formula() -> None:
    ws = room()
    check(ws, "kr2", "6%", on=40)  # 9% -> 6% of 9% -> 3%: half way down
    assert progress(ws, "kr2").progress == pytest.approx(0.5)


def test_a_value_without_its_unit_or_with_a_scale_word_reads_the_same() -> None:
    ws = room(
        [
            ("Grow revenue from $1.2M to $2M by March", "$1.2M", "$2M"),
            ("Raise NPS from 30 to 40", "30", "40"),
        ]
    )
    check(ws, "kr1", "1,600,000", on=10)
    assert progress(ws, "kr1").progress == pytest.approx(0.5)
    check(ws, "kr1", "$1.8M", on=20)
    assert progress(ws, "kr1").progress == pytest.approx(0.75)


def test_progress_is_worked_out_in_one_unit_of_time() -> None:
    """From 3 days to 4 hours, 30 hours is (72-30)/(72-4) = 62% of the way, not 2700%."""
    ws = room(
        [
            ("Cut the time to answer a ticket from 3 days to 4 hours", "3 days", "4 hours"),
            ("Raise NPS from 30 to 40", "30", "40"),
        ]
    )
    check(ws, "kr1", "30 hours", on=40)
    p = progress(ws, "kr1", today=41)
    assert p.percent == "62%"
    assert p.standing is not Standing.REACHED
    check(ws, "kr1", "2 days", on=45)
    assert progress(ws, "kr1").percent == "35%"  # (72-48)/68, not "moved away"


def test_bare_numbers_take_the_unit_field() -> None:
    """Target "4" in a key result whose unit field says hours: 4 hours, and a bare check-in
    is in hours too."""
    ws = room([("Answer tickets faster", "3 days", "4"), ("NPS", "30", "40")], final=False)
    kr = ws.key_results[0]
    kr.unit = "hours"
    assert progress_of(kr, "30") == pytest.approx(42 / 68)
    assert progress_of(kr, "2 days") == pytest.approx(24 / 68)


def test_signed_percent_ends() -> None:
    """From -5% to 0%, a check-in of 5% is 200%: reached. From -5% to 5% it computes too."""
    ws = room(
        [
            ("Lift the margin from -5% to 0% by 2027-03-31", "-5%", "0%"),
            ("Lift the net change from -5% to 5% by 2027-03-31", "-5%", "5%"),
        ]
    )
    check(ws, "kr1", "5%", on=40)
    check(ws, "kr2", "0%", on=40)
    first, second = progress(ws, "kr1", today=41), progress(ws, "kr2", today=41)
    assert first.percent == "200%" and first.standing is Standing.REACHED
    assert first.score == 1.0
    assert second.percent == "50%" and second.standing is not Standing.NO_NUMBER


def test_a_huge_value_is_never_progress() -> None:
    ws = room()
    with pytest.raises(RuleError, match="too large"):
        check(ws, "kr1", "1" * 30 + "%", on=40)
    kr = ws.key_result("kr1")
    assert kr is not None
    assert progress_of(kr, "1" * 30 + "%") is None


# --- implausible entries -------------------------------------------------------------------


def test_a_value_beyond_the_baseline_looks_odd() -> None:
    """Lena meant 36% and then typed her confidence, 3, as a value."""
    ws = room([("Lift repeat purchase from 30% to 40%", "30%", "40%"), ("NPS", "30", "40")])
    kr = ws.key_result("kr1")
    assert kr is not None
    odd = implausible(kr, "3")
    assert odd is not None and "3% is beyond the baseline (30%)" in odd
    assert implausible(kr, "29%") is not None
    assert implausible(kr, "30%") is None  # the baseline itself: nothing moved yet
    assert implausible(kr, "banana") is None  # refused elsewhere; nothing to compare
    check(ws, "kr1", "29%", on=10)
    assert implausible(kr, "28%") is None  # already past it: no jump


@pytest.mark.parametrize(
    ("value", "odd"),
    [("35%", False), ("35.1%", True), ("34%", False), ("20%", True), ("12%", True)],
)
def test_more_than_half_the_way_in_one_step_looks_odd(value: str, odd: bool) -> None:
    """From 30% to 40%: half the way is 5 points; exactly half is fine, more is asked about."""
    ws = room([("Lift repeat purchase from 30% to 40%", "30%", "40%"), ("NPS", "30", "40")])
    kr = ws.key_result("kr1")
    assert kr is not None
    check(ws, "kr1", "30%", on=10) if value == "20%" else None
    check(ws, "kr1", "18%", on=10) if value == "12%" else None
    assert (implausible(kr, value) is not None) is odd


def test_the_step_counts_from_the_last_check_in_then_from_the_baseline() -> None:
    ws = room()  # kr1: 12% to 18%
    kr = ws.key_result("kr1")
    assert kr is not None
    odd = implausible(kr, "16%")
    assert odd is not None and "since the baseline (12%)" in odd and "67%" in odd
    check(ws, "kr1", "14%", on=10)
    check(ws, "kr1", "17%", on=20)
    assert implausible(kr, "18%") is None  # 1 point of 6 since 17%
    odd = implausible(kr, "13%")
    assert odd is not None and "moves back 67%" in odd and "17% on 2027-01-21" in odd
    assert implausible(kr, "13%", on=day(15)) is None  # a day before 17%: 1 point from 14%


def test_a_duration_is_judged_in_one_unit() -> None:
    ws = room([("Answer tickets faster", "3 days", "4 hours"), ("NPS", "30", "40")])
    kr = ws.key_result("kr1")
    assert kr is not None
    assert implausible(kr, "60 hours") is None  # 12 of 68 hours
    assert implausible(kr, "30 hours") is not None  # 42 of 68 hours at once
    assert implausible(kr, "4 days") is not None  # beyond the baseline


def test_text_baselines_have_no_number_to_compare() -> None:
    ws = room(
        [
            ("Launch seller onboarding in two markets", "no onboarding", "live in two markets"),
            ("Raise NPS from 30 to 40", "30", "40"),
        ]
    )
    check(ws, "kr1", "live in one market, beta in the second", on=30)
    p = progress(ws, "kr1", today=31)
    assert p.standing is Standing.NO_NUMBER
    assert p.progress is None and p.percent == "" and p.score is None
    assert p.latest_value == "live in one market, beta in the second"  # shown as written
    assert "beta" not in p.detail  # the sentence never carries typed text


def test_past_the_target_is_reached_and_says_so_but_scores_one() -> None:
    ws = room()
    check(ws, "kr1", "20%", on=60)
    p = progress(ws, "kr1")
    assert p.progress == pytest.approx(8 / 6)
    assert p.standing is Standing.REACHED
    assert "past the target" in p.detail
    assert p.score == 1.0
    assert progress_bar(p.progress, width=10) == "██████████"


def test_worse_than_the_baseline_is_negative_and_says_it_moved_away() -> None:
    ws = room()
    check(ws, "kr1", "10%", on=45)
    p = progress(ws, "kr1")
    assert p.progress == pytest.approx(-1 / 3)
    assert p.standing is Standing.BEHIND
    assert "moved away from the target" in p.detail
    assert p.score == 0.0


# --- against the time gone by ---------------------------------------------------------------


def test_the_cycle_share_runs_from_zero_on_the_first_day_to_one_on_the_last() -> None:
    assert share_of_cycle(START, END, START) == 0.0
    assert share_of_cycle(START, END, END) == 1.0
    assert share_of_cycle(START, END, day(-5)) == 0.0
    assert share_of_cycle(START, END, day(200)) == 1.0
    assert share_of_cycle(None, END, START) is None
    clock = CycleClock(START, END, day(44))
    assert (clock.day, clock.days, clock.days_left) == (45, 90, 45)
    assert clock.describe() == "day 45 of 90 (49% of the cycle gone)"


@pytest.mark.parametrize(
    ("value", "standing"),
    [
        ("15%", Standing.ON_TRACK),  # 50% of the way with 49% of the cycle gone
        ("14.5%", Standing.ON_TRACK),  # 42%: 8 points short, inside the 10-point margin
        ("14%", Standing.AT_RISK),  # 33%: 16 points short
        ("13.5%", Standing.AT_RISK),  # 25%: 24 points short
        ("13%", Standing.BEHIND),  # 17%: 33 points short
    ],
)
def test_the_thresholds_decide_on_track_at_risk_and_behind(value: str, standing: Standing) -> None:
    assert (ON_TRACK_GAP, AT_RISK_GAP) == (0.10, 0.25)
    ws = room()
    check(ws, "kr1", value, on=44)  # 44 of 89 days: 49% of the cycle
    p = progress(ws, "kr1")
    assert p.standing is standing
    assert p.expected_percent == "49%"


def test_standing_compares_with_the_share_gone_by_on_the_check_in_day_not_today() -> None:
    ws = room()
    check(ws, "kr1", "13.5%", on=20)  # 25% done on day 20 (22% of the cycle): on track then
    p = progress(ws, "kr1", today=80)
    assert p.standing is Standing.ON_TRACK
    assert p.expected == pytest.approx(20 / 89)
    assert p.expected_now == pytest.approx(80 / 89)
    assert p.days_since == 60


def test_a_cycle_that_has_not_started_says_so() -> None:
    ws = room()
    p = progress(ws, "kr1", today=-10)
    assert p.standing is Standing.NOT_STARTED
    assert p.expected_now == 0.0
    assert not p.stale
    report = workshop_progress(ws, day(-10))
    assert report.clock.describe() == "the cycle starts on 2027-01-01, in 10 days"


def test_before_any_check_in_there_is_no_progress() -> None:
    ws = room()
    p = progress(ws, "kr1", today=5)
    assert p.standing is Standing.NO_CHECKIN
    assert p.latest is None and p.progress is None and p.movement == "12% → no check-in yet → 18%"


def test_a_cycle_without_dates_reports_progress_without_a_comparison() -> None:
    ws = room(start=None, end=None)
    tracking.check_in(ws, "kr1", "15%", today=day(3))
    p = progress(ws, "kr1")
    assert p.progress == pytest.approx(0.5)
    assert p.standing is Standing.NO_DATES
    assert p.expected is None and p.expected_percent == ""


# --- staleness, history, confidence ---------------------------------------------------------


def test_two_weeks_without_a_check_in_is_called_out_while_the_cycle_runs() -> None:
    ws = room()
    check(ws, "kr1", "13%", on=10)
    assert not progress(ws, "kr1", today=10 + STALE_DAYS - 1).stale
    assert progress(ws, "kr1", today=10 + STALE_DAYS).stale
    assert not progress(ws, "kr1", today=95).stale  # the cycle is over: grade it instead
    assert progress(ws, "kr2", today=STALE_DAYS).stale  # nobody ever checked in on kr2
    assert not progress(ws, "kr2", today=STALE_DAYS - 1).stale
    report = workshop_progress(ws, day(30))
    assert [p.kr_id for p in report.stale] == ["kr1", "kr2"]


def test_a_graded_cycle_is_not_called_stale() -> None:
    ws = room()
    check(ws, "kr1", "13%", on=10)
    check(ws, "kr2", "8%", on=10)
    tracking.record_grade(ws, today=day(40))
    assert not progress(ws, "kr1", today=40).stale


def test_the_last_check_in_of_a_day_counts_and_history_has_one_point_a_day() -> None:
    ws = room()
    check(ws, "kr1", "13%", on=7, confidence=6)
    check(ws, "kr1", "14%", on=14, confidence=5)
    check(ws, "kr1", "14.2%", on=14, confidence=7)  # a correction the same day
    tracking.check_in(ws, "kr1", "12.5%", when=day(3), today=day(20))  # a backfilled week
    p = progress(ws, "kr1", today=20)
    assert [c.value for c in p.checkins] == ["12.5%", "13%", "14%", "14.2%"]
    assert [(pt.date, pt.value) for pt in p.history] == [
        (day(3), "12.5%"),
        (day(7), "13%"),
        (day(14), "14.2%"),
    ]
    assert p.latest_value == "14.2%"
    assert (p.confidence, p.confidence_before, p.trend) == (7, 5, Trend.UP)


def test_the_last_confidence_given_counts_when_the_latest_check_in_has_none() -> None:
    ws = room()
    check(ws, "kr1", "13%", on=7, confidence=8)
    check(ws, "kr1", "14%", on=14, confidence=6)
    check(ws, "kr1", "15%", on=21)
    p = progress(ws, "kr1", today=21)
    assert (p.confidence, p.trend, p.trend.arrow if p.trend else "") == (6, Trend.DOWN, "↓")


def test_progress_bar_is_capped_and_empty_without_a_figure() -> None:
    assert progress_bar(0.5, width=10) == "█████░░░░░"
    assert progress_bar(-0.3, width=4) == "░░░░"
    assert progress_bar(None, width=4) == "░░░░"


def test_check_ins_dated_after_today_have_no_age_and_are_not_stale() -> None:
    """The example is seen before its cycle: its check-ins lie in the future of the viewer."""
    ws = room()
    check(ws, "kr1", "15%", on=52)
    p = progress(ws, "kr1", today=-30)
    assert p.days_since is None and not p.stale
    assert p.standing is Standing.ON_TRACK  # judged on the check-in's own day


def test_the_example_shows_weeks_of_check_ins_with_different_trends() -> None:
    from okrworkshop.sample import example_workshop

    ws = example_workshop()
    report = workshop_progress(ws, END)
    assert [len(p.history) for p in report.key_results] == [8, 7, 4]
    assert [p.standing for p in report.key_results] == [
        Standing.ON_TRACK,
        Standing.BEHIND,
        Standing.AT_RISK,
    ]
    assert all(p.trend is not None for p in report.key_results)
    assert ws.key_results[0].kind.value == "stretch"


def test_sparkline_is_drawn_on_a_fixed_scale_one_character_per_value() -> None:
    # one confidence point down is one level down, not the whole height
    assert sparkline([6, 6, 5, 6], 1, 10, 12) == "▅▅▄▅"
    assert sparkline([0.0, 0.5, 1.0], 0.0, 1.0, 18) == "▁▅█"
    assert sparkline([-0.2, 1.4], 0.0, 1.0, 18) == "▁█"  # past either end: the end
    assert sparkline([], 0.0, 1.0, 18) == ""


def test_sparkline_with_more_values_than_columns_keeps_the_latest_of_each_run() -> None:
    values = [week / 51 for week in range(52)]
    line = sparkline(values, 0.0, 1.0, 18)
    assert len(line) == 18 and line[-1] == "█" and line[0] == "▁"
    assert list(line) == sorted(line)  # a steady climb stays a climb


# --- verdicts read against the kind and the deadline (issue 18) -----------------------------

TEN_DAYS_END = date(2027, 1, 11)  # day n of this cycle is n/10 of it


def ten_day_room(kind: KrKind = KrKind.COMMITTED) -> Workshop:
    """One key result from 0 to 100 in a cycle of ten days: a value is its progress in
    points, and day n is n tenths of the cycle."""
    ws = room(
        [("Raise the score from 0 to 100", "0", "100"), ("Cut waits from 50 to 10", "50", "10")],
        end=TEN_DAYS_END,
        deadline=TEN_DAYS_END.isoformat(),
    )
    ws.key_results[0].kind = kind
    return ws


def verdict(ws: Workshop, value: str, on: int, today: int | None = None) -> KrProgress:
    check(ws, "kr1", value, on=on)
    return progress(ws, "kr1", today=on if today is None else today)


@pytest.mark.parametrize(
    ("kind", "value", "standing"),
    [
        # day 5: half the cycle. Committed: the pace is 50 points; stretch: 35 (0.7 of it).
        (KrKind.COMMITTED, "40", Standing.ON_TRACK),  # exactly on the on-track line
        (KrKind.COMMITTED, "39", Standing.AT_RISK),
        (KrKind.COMMITTED, "25", Standing.AT_RISK),  # exactly on the at-risk line
        (KrKind.COMMITTED, "24", Standing.BEHIND),
        (KrKind.STRETCH, "25", Standing.ON_TRACK),  # 35 - 10
        (KrKind.STRETCH, "24", Standing.AT_RISK),
        (KrKind.STRETCH, "10", Standing.AT_RISK),  # 35 - 25
        (KrKind.STRETCH, "9", Standing.BEHIND),
        (KrKind.STRETCH, "100", Standing.REACHED),
        (KrKind.COMMITTED, "100", Standing.REACHED),  # exactly the target
    ],
)
def test_the_pace_lines_at_their_edges_for_each_kind(
    kind: KrKind, value: str, standing: Standing
) -> None:
    p = verdict(ten_day_room(kind), value, on=5)
    assert p.standing is standing
    assert p.expected == pytest.approx(0.5 * kind.expected_score)
    assert not p.over


@pytest.mark.parametrize(
    ("kind", "value", "standing"),
    [
        (KrKind.STRETCH, "65", Standing.MET),  # about 0.7 is the mark: a success, not behind
        (KrKind.STRETCH, "70", Standing.MET),
        (KrKind.STRETCH, "60", Standing.MET),  # the line where a stretch counts as met
        (KrKind.STRETCH, "59", Standing.MISSED),
        (KrKind.COMMITTED, "92", Standing.MISSED),  # not "on track": the cycle is over
        (KrKind.COMMITTED, "99", Standing.MISSED),
        (KrKind.COMMITTED, "100", Standing.REACHED),
        (KrKind.STRETCH, "0", Standing.MISSED),
    ],
)
def test_on_the_last_day_the_verdict_is_met_or_missed_by_the_kind(
    kind: KrKind, value: str, standing: Standing
) -> None:
    p = verdict(ten_day_room(kind), value, on=10)
    assert p.over and p.standing is standing
    assert p.expected == pytest.approx(kind.expected_score)
    assert "2027-01-11" in p.detail or standing is Standing.REACHED


def test_after_the_cycle_the_last_value_is_judged_as_the_final_one() -> None:
    p = verdict(ten_day_room(), "92", on=9, today=11)  # checked in on day 9, read a day late
    assert p.over and p.standing is Standing.MISSED
    assert "met only in full" in p.detail
    p = verdict(ten_day_room(), "92", on=9, today=10)  # the last day: still running
    assert not p.over and p.standing is Standing.ON_TRACK


def test_a_stretch_at_the_end_is_read_in_words_that_say_so() -> None:
    p = verdict(ten_day_room(KrKind.STRETCH), "65", on=10)
    assert p.standing.value == "met, as a stretch"
    assert "counts as met from 60%" in p.detail
    p = verdict(ten_day_room(KrKind.STRETCH), "30", on=5)
    assert "a stretch aims at about 70%, so 35% by then" in p.detail


def test_success_lines_of_each_kind() -> None:
    assert success_from(KrKind.COMMITTED) == 1.0
    assert success_from(KrKind.STRETCH) == 0.6
    assert meets_kind(KrKind.STRETCH, 0.7) and meets_kind(KrKind.STRETCH, 0.6)
    assert not meets_kind(KrKind.STRETCH, 0.59)
    assert meets_kind(KrKind.COMMITTED, 1.0) and not meets_kind(KrKind.COMMITTED, 0.99)


def test_the_share_of_the_cycle_is_zero_on_the_first_day_and_one_on_the_last() -> None:
    p = verdict(ten_day_room(), "0", on=0)
    assert p.expected == 0.0 and p.standing is Standing.ON_TRACK and not p.over
    ws = ten_day_room()  # kr2 goes from 50 down to 10: 54 is 10 points the wrong way
    check(ws, "kr2", "54", on=0)
    assert progress(ws, "kr2", today=0).standing is Standing.ON_TRACK  # inside the margin
    check(ws, "kr2", "54.4", on=0)
    assert progress(ws, "kr2", today=0).standing is Standing.AT_RISK
    p = verdict(ten_day_room(), "100", on=10)
    assert p.expected == 1.0 and p.expected_now == 1.0


def test_the_cycle_clock_at_its_first_and_last_day() -> None:
    first, last = CycleClock(START, END, START), CycleClock(START, END, END)
    assert first.started and not first.ended and first.day == 1 and first.share == 0.0
    assert last.started and not last.ended and last.day == 90 and last.days_left == 0
    assert last.share == 1.0
    before, after = CycleClock(START, END, day(-1)), CycleClock(START, END, day(90))
    assert not before.started and before.day is None and before.days_left == 90
    assert after.ended and after.day is None and after.days_left is None
    assert after.describe() == "the cycle ended on 2027-03-31"
    assert before.describe() == "the cycle starts on 2027-01-01, in 1 day"
    assert CycleClock(START, START, START).days is None  # no length: no dates to read
    assert not CycleClock(START, START, START).has_dates


def late_room(accepted: bool = True) -> Workshop:
    """kr1 is due the day after the cycle ends; the room accepted that (or not)."""
    ws = ten_day_room()
    kr = ws.key_results[0]
    kr.deadline = date(2027, 1, 12)
    kr.smart[Check.TIME_BOUND] = CheckReview(
        Review.ACCEPTED if accepted else Review.CONFIRMED, "The launch lands a day late"
    )
    return ws


def test_a_key_result_due_a_day_after_the_cycle_is_judged_against_its_own_deadline() -> None:
    ws = late_room()
    kr = ws.key_results[0]
    assert rules.judged_until(ws, kr) == date(2027, 1, 12)
    p = verdict(ws, "92", on=10)  # the cycle's last day: not its own
    assert not p.over and p.standing is Standing.ON_TRACK
    assert p.expected == pytest.approx(10 / 11)
    assert p.due == date(2027, 1, 12)
    p = verdict(ws, "92", on=11)  # its own deadline, after the cycle: check-ins still open
    assert p.over and p.standing is Standing.MISSED
    assert "2027-01-12" in p.detail
    with pytest.raises(RuleError, match="after kr1's deadline"):
        tracking.check_in(ws, "kr1", "95", when=date(2027, 1, 13), today=date(2027, 1, 13))


def test_a_later_deadline_the_room_did_not_accept_is_judged_by_the_cycle() -> None:
    ws = late_room(accepted=False)
    assert rules.judged_until(ws, ws.key_results[0]) == TEN_DAYS_END
    with pytest.raises(RuleError, match="after the cycle ended"):
        tracking.check_in(ws, "kr1", "95", when=date(2027, 1, 12), today=date(2027, 1, 12))


def test_a_key_result_due_after_the_cycle_is_not_graded_before_its_deadline() -> None:
    ws = late_room()
    tracking.check_in(ws, "kr1", "100", when=day(10), today=day(10))
    tracking.check_in(ws, "kr2", "10", when=day(10), today=day(10))
    report = grade_report(ws, date(2027, 1, 12))  # the cycle is over, kr1 is due today
    assert report.forecast and report.not_due[0].kr_id == "kr1"
    assert "the last key result is due on 2027-01-12" in report.headline()
    assert "due on 2027-01-12, after the cycle" in report.key_results[0].reading
    with pytest.raises(RuleError, match="kr1 is due after the cycle"):
        tracking.record_grade(ws, date(2027, 1, 12))
    assert ws.graded is None
    done = tracking.record_grade(ws, date(2027, 1, 13))
    assert not done.forecast and done.average == 1.0


def test_a_score_set_by_hand_lets_the_grade_be_recorded_before_a_late_deadline() -> None:
    ws = late_room()
    tracking.check_in(ws, "kr2", "10", when=day(10), today=day(10))
    tracking.set_score(ws, "kr1", 0.5, "Half of it shipped; the rest moved on")
    assert not grade_report(ws, day(11)).not_due
    tracking.record_grade(ws, day(11))
    assert ws.graded


# --- the words ------------------------------------------------------------------------------


def test_progress_says_each_thing_once_before_any_figure() -> None:
    ws = room()
    not_started = "\n".join(progress_lines(progress(ws, "kr1", today=-3)))
    assert "cycle not started: cycle not started" not in not_started
    assert not_started.count("cycle not started") == 1
    assert "The cycle starts on 2027-01-01." in not_started
    no_checkin = "\n".join(progress_lines(progress(ws, "kr1", today=5)))
    assert "no check-in yet: no check-in yet" not in no_checkin
    assert "12% → no check-in yet → 18%   no check-in yet" in no_checkin


@pytest.mark.parametrize(
    ("confidences", "words"),
    [
        ((7, 7), "Confidence 7/10, unchanged."),
        ((6, 8), "Confidence 8/10, up from 6."),
        ((8, 5), "Confidence 5/10, down from 8."),
        ((7,), "Confidence 7/10."),
    ],
)
def test_confidence_movement_is_said_in_plain_words(
    confidences: tuple[int, ...], words: str
) -> None:
    ws = room()
    for n, confidence in enumerate(confidences):
        check(ws, "kr1", "14%", on=10 + n, confidence=confidence)
    lines = "\n".join(progress_lines(progress(ws, "kr1", today=20)))
    assert words in lines
    assert "same from" not in lines


def test_the_handout_says_a_key_result_never_checked_in_on_has_none_since_the_cycle_began() -> None:
    ws = room()
    check(ws, "kr1", "14%", on=30)
    section = "\n".join(progress_section(ws, day(31)))
    assert "- **KR2: no check-in since the cycle began.**" in section
    assert "for the cycle began" not in section


# --- edges the mutation check found untested ------------------------------------------------


def test_two_weeks_is_the_stale_line() -> None:
    assert STALE_DAYS == 14  # "two weeks without a check-in", as the README and the CLI say


def test_the_first_day_of_the_cycle_reads_as_none_of_it_gone() -> None:
    assert CycleClock(START, END, START).describe() == "day 1 of 90 (0% of the cycle gone)"
    assert CycleClock(START, END, END).describe() == "day 90 of 90 (100% of the cycle gone)"
    assert share_of_cycle(START, START, START) is None  # a cycle of no length has no share


def test_a_check_in_made_today_is_zero_days_old() -> None:
    ws = room()
    check(ws, "kr1", "14%", on=10)
    assert progress(ws, "kr1", today=10).days_since == 0
    assert progress(ws, "kr1", today=11).days_since == 1


def test_only_a_value_worse_than_the_baseline_is_said_to_move_away() -> None:
    ws = room()
    check(ws, "kr1", "12%", on=10)  # exactly the baseline: 0%, not past it
    assert "moved away" not in progress(ws, "kr1", today=10).detail
    check(ws, "kr1", "13%", on=11)
    assert "moved away" not in progress(ws, "kr1", today=11).detail
    check(ws, "kr1", "11.9%", on=12)
    assert "moved away from the target" in progress(ws, "kr1", today=12).detail


def test_a_bar_never_grows_past_its_width_and_a_one_column_sparkline_shows_its_value() -> None:
    assert progress_bar(2.0, width=200) == "█" * 200
    assert progress_bar(1.0, width=3) == "███"
    assert sparkline([0.5], 0.0, 1.0, 1) == "▅"
    assert sparkline([0.5], 0.0, 1.0, 0) == ""


def test_the_verdict_reads_the_points_the_words_show() -> None:
    """49.6% with 60% of the time gone reads "50% ... 60%": 10 points, inside the margin, so on
    track (the hidden 10.4 must not make it "at risk" beside figures that say 10); 49.4% reads
    "49%": 11 points, at risk."""
    ws = ten_day_room()
    check(ws, "kr1", "49.6", on=6)
    assert progress(ws, "kr1", today=6).standing is Standing.ON_TRACK
    ws = ten_day_room()
    check(ws, "kr1", "49.4", on=6)
    p = progress(ws, "kr1", today=6)
    assert p.standing is Standing.AT_RISK
    assert "49% of the way, 11 points short of the pace, with 60% of its time gone" in p.detail


def test_the_words_give_the_exact_figures() -> None:
    ws = room()
    check(ws, "kr1", "14%", on=44)  # 33% of the way with 49% of the cycle gone: 16 short
    assert "33% of the way, 16 points short of the pace, with 49% of its time gone" in (
        progress(ws, "kr1", today=44).detail
    )
    ws = ten_day_room()
    check(ws, "kr1", "20", on=9)  # 90% of the time gone, 20 points done
    assert "20% of the way, 70 points short of the pace" in progress(ws, "kr1", today=9).detail
    ws = ten_day_room()
    check(ws, "kr1", "100.5", on=5)  # just past the target
    assert progress(ws, "kr1", today=5).detail.endswith("the target is reached (past the target).")
    check(ws, "kr1", "100", on=6)
    assert progress(ws, "kr1", today=6).detail.endswith("the target is reached.")


def test_bars_and_sparklines_read_each_value_exactly() -> None:
    assert progress_bar(-1.0, width=200) == "░" * 200  # worse than the baseline: empty
    assert sparkline([0.0, 1.0, 0.0, 1.0], 0.0, 1.0, 2) == "██"  # the latest of each pair
    assert sparkline([5.5], 5.0, 5.0, 1) == "▅"  # a flat scale is one unit high


@pytest.mark.parametrize("on", [20, 40, 67])
@pytest.mark.parametrize("value", ["12.5%", "13%", "13.956%", "14.1%", "14.5%"])
@pytest.mark.parametrize("kind", [KrKind.COMMITTED, KrKind.STRETCH])
def test_the_points_short_add_up_from_the_figures_shown_beside_them(
    on: int, value: str, kind: KrKind
) -> None:
    """ "33% of the way, 41 points short of the pace, with 75% of its time gone": a reader who
    takes 33 from 75 gets 42. The gap is the difference of the whole percentages shown."""
    import re

    ws = room()
    ws.key_results[0].kind = kind
    check(ws, "kr1", value, on=on)
    p = progress(ws, "kr1", today=on)
    shown = re.search(r"(\d+)% of the way, (\d+) points short", p.detail)
    if shown is None:
        assert "points short" not in p.detail
        return
    way, short = int(shown[1]), int(shown[2])
    pace = re.findall(r"(\d+)%", p.detail)[-1]  # committed: its time gone; stretch: 70% of it
    if kind is KrKind.STRETCH:
        pace = re.search(r"so (\d+)% by then", p.detail)[1]  # type: ignore[index]
    assert int(pace) - way == short, p.detail


def test_the_example_gap_is_42_points_between_33_and_75() -> None:
    ws = room()
    check(ws, "kr1", "13.956%", on=67)  # 32.6% of the way, 75.3% of the time gone
    p = progress(ws, "kr1", today=67)
    assert p.detail.startswith("33% of the way, 42 points short of the pace, with 75% of its")
