"""Snapshots of the weekly meeting on the shared screen at 120x40 and 80x24, on the example
with the calendar set to Monday 2027-03-01 (inside its cycle) and a frozen clock."""

from __future__ import annotations

from datetime import date

from hostile import HOSTILE

from okrworkshop import week_actions
from okrworkshop.model import Stage, Workshop
from okrworkshop.store import Store

MONDAY = date(2027, 3, 1)


async def _settled(pilot) -> None:
    await pilot.pause()
    await pilot.app.settle()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _keys(*keys: str):
    async def run(pilot) -> None:
        await _settled(pilot)
        for key in ("k", "w", *keys):
            await pilot.press(key)
            await _settled(pilot)

    return run


def _meeting(store: Store) -> None:
    """This week's meeting under way: votes in, a next action, a commitment, health, a win;
    one commitment's words hold markup and an escape, shown literally."""

    def prep(ws: Workshop) -> None:
        week_actions.start_week(ws, today=MONDAY)
        for person, kr1, kr2 in (("Ben", 8, 5), ("Chen", 3, 5), ("Dana", 6, 4)):
            week_actions.vote(ws, "KR1", kr1, person=person)
            week_actions.vote(ws, "KR2", kr2, person=person)
        week_actions.add_action(
            ws, "KR2", "Ask the vendor for a synonyms list", owner="Ben", ask=True
        )
        week_actions.commit(ws, "Ship the synonyms list", person="Ben", kr="KR2")
        week_actions.commit(ws, HOSTILE["click-action"] + " " + HOSTILE["ansi"], person="Dana")
        week_actions.set_health(ws, "On-call load", "amber", "Two pages a night")
        week_actions.set_health(ws, "Customer satisfaction", "green")
        week_actions.add_win(
            ws, "Zero-result page redesign shipped", person="Dana", others=("Ben",)
        )

    store.update("example", prep)


class TestWeeklyMeeting:
    def test_numbers_wide(self, snap_compare, example_store, app_on):
        """w from the check-ins, meeting open at step 1: each key result's numbers, nobody
        checked in since the week before (each owner named); the step bar and its clock."""
        _meeting(example_store)
        app = app_on(example_store, "example", Stage.FINAL, today=MONDAY)
        assert snap_compare(app, terminal_size=(120, 40), run_before=_keys())

    def test_confidence_revealed_80x24(self, snap_compare, example_store, app_on):
        """Step 2 after r: averages and spreads; KR1 flagged three ways (fell since the last
        check-in, as no meeting came before; votes 3 to 8; ask Chen first); the six steps fit
        80 columns."""
        _meeting(example_store)
        app = app_on(example_store, "example", Stage.FINAL, today=MONDAY)
        assert snap_compare(app, terminal_size=(80, 24), run_before=_keys("]", "r"))

    def test_commitments_with_markup_80x24(self, snap_compare, example_store, app_on):
        """Step 4: nothing to close, two commitments this week, one tied to nothing and
        holding markup and an escape that show as typed."""
        _meeting(example_store)
        app = app_on(example_store, "example", Stage.FINAL, today=MONDAY)
        assert snap_compare(app, terminal_size=(80, 24), run_before=_keys("]", "]", "]"))


def _history(store: Store) -> str:
    """Three meetings (2027-W08 to W10), none in W11; looked at on 2027-03-24, in W12."""
    from week_scenario import three_weeks

    return store.create(three_weeks()).id


HISTORY_DAY = date(2027, 3, 24)


def _to(*keys: str):
    async def run(pilot) -> None:
        await _settled(pilot)
        for key in keys:
            await pilot.press(key)
            await _settled(pilot)

    return run


class TestWeeklyHistory:
    def test_check_ins_80x24(self, snap_compare, store, app_on):
        """The streak, commitments kept, every week met or not, confidence week by week."""
        wid = _history(store)
        app = app_on(store, wid, Stage.FINAL, today=HISTORY_DAY)
        assert snap_compare(app, terminal_size=(80, 24), run_before=_to("k"))

    def test_grade_wide(self, snap_compare, store, app_on):
        """The same record above the retro, with each key result's confidence by week."""
        wid = _history(store)
        app = app_on(store, wid, Stage.FINAL, today=HISTORY_DAY)
        assert snap_compare(app, terminal_size=(120, 40), run_before=_to("k", "g"))
