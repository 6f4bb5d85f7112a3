"""Progress of a key result against the share of the cycle gone by: the figures every screen,
the CLI and the handout show, computed on plain objects with a fixed ``today``."""

from __future__ import annotations

import pytest
from cycle_okr import END, START, day, room

from okrworkshop import tracking
from okrworkshop.model import Workshop
from okrworkshop.progress import (
    AT_RISK_GAP,
    ON_TRACK_GAP,
    STALE_DAYS,
    CycleClock,
    Standing,
    Trend,
    implausible,
    kr_progress,
    progress_bar,
    progress_of,
    share_of_cycle,
    sparkline,
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
