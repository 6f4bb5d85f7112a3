"""The weekly meetings so far on the check-in and grade screens: the streak of weeks met, the
share of commitments kept, each key result's confidence week by week, and weeks with no
meeting shown in words. Three meetings (2027-W08, W09, W10, ``week_scenario``), then none in
W11; the calendar day is 2027-03-24, in W12."""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.widgets import Static
from week_scenario import three_weeks

from okrworkshop import week_actions
from okrworkshop.model import Stage
from okrworkshop.store import Store
from screens.facilitator.checkins import CheckinsScreen, KrCard
from screens.facilitator.grade import GradeScreen

TODAY = date(2027, 3, 24)


async def _settled(pilot) -> None:
    await pilot.pause()
    await pilot.app.settle()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _plain(widget: Static) -> str:
    content = widget.content
    return content.plain if isinstance(content, Content) else str(content)


def _three_weeks(store: Store) -> str:
    return store.create(three_weeks()).id


async def test_the_check_ins_show_the_streak_kept_share_and_confidence_by_week(
    store: Store, app_on
) -> None:
    wid = _three_weeks(store)
    app = app_on(store, wid, Stage.FINAL, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settled(pilot)
        await pilot.press("k")
        await _settled(pilot)
        assert isinstance(app.screen, CheckinsScreen)
        record = _plain(app.screen.query_one("#weeks-record", Static))
        # W11 had no meeting: the streak counts back from last week, so it is 0
        assert "Weekly meetings: 0 weeks in a row · met in 3 of" in record
        assert "2 of 4 commitments kept (50%)" in record
        assert "W08✓  W09✓  W10✓  W11✗  W12·" in record
        assert "(no meeting in W11)" in record and "✗ no meeting" in record
        cards = list(app.screen.query(KrCard))
        kr1 = _plain(cards[0].query_one(".kr-weeks", Static))
        assert kr1 == "by week    W08 7.7  W09 8.0  W10 6.0  W11 no meeting"


async def test_this_weeks_votes_stay_hidden_and_the_streak_counts_it(store: Store, app_on) -> None:
    ws = three_weeks()
    week_actions.start_week(ws, today=date(2027, 3, 15))  # W11 met after all
    week_actions.close_week(ws, anyway=True)
    week_actions.start_week(ws, today=TODAY)
    week_actions.vote(ws, "KR1", 2, person="Ben")
    wid = store.create(ws).id
    app = app_on(store, wid, Stage.FINAL, today=TODAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await _settled(pilot)
        await pilot.press("k")
        await _settled(pilot)
        record = _plain(app.screen.query_one("#weeks-record", Static))
        assert "Weekly meetings: 5 weeks in a row · met in 5 of" in record
        assert "W11✓  W12✓" in record and "no meeting in" not in record
        kr1 = _plain(next(iter(app.screen.query(KrCard))).query_one(".kr-weeks", Static))
        assert kr1.endswith("W11 no votes  W12 hidden")  # Ben's 2 is not shown


async def test_the_grade_shows_the_weeks_above_the_retro(store: Store, app_on) -> None:
    wid = _three_weeks(store)
    app = app_on(store, wid, Stage.FINAL, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settled(pilot)
        await pilot.press("k")
        await _settled(pilot)
        await pilot.press("g")  # from the check-ins
        await _settled(pilot)
        assert isinstance(app.screen, GradeScreen)
        panel = _plain(app.screen.query_one("#grade-weeks", Static))
        assert "2 of 4 commitments kept (50%)" in panel
        assert "W11✗" in panel
        assert "KR2 confidence  W08 5.0  W09 5.0  W10 5.0  W11 no meeting" in panel
        assert app.screen.query_one("#grade-weeks-box").region.y < (
            app.screen.query_one("#retro").region.y
        )


async def test_without_weekly_meetings_the_screens_stay_as_they_were(
    example_store: Store, app_on
) -> None:
    app = app_on(example_store, "example", Stage.FINAL, today=TODAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settled(pilot)
        await pilot.press("k")
        await _settled(pilot)
        assert not app.screen.query_one("#weeks-record", Static).display
        assert not any(c.query_one(".kr-weeks", Static).display for c in app.screen.query(KrCard))
