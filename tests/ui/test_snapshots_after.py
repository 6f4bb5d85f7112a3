"""Snapshots of the after-the-room screens: the check-ins, the check-in form, the grade, the
minutes and the next cycle, at 120x40 and 80x24. The calendar day is fixed (``app_on``)."""

from __future__ import annotations

from datetime import date

from cycle_okr import day, room
from hostile import HOSTILE
from textual.widgets import Input

from okrworkshop import tracking
from okrworkshop.model import Stage, Workshop
from okrworkshop.store import Store


async def _settled(pilot) -> None:
    await pilot.pause()
    await pilot.app.settle()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _keys(*keys: str):
    """Press ``keys`` one at a time, letting what each opens settle (dialogs, the minutes)."""

    async def run(pilot) -> None:
        await _settled(pilot)
        for key in keys:
            await pilot.press(key)
            await _settled(pilot)
            for _ in range(100):  # a dialog takes a moment to take the focus
                if pilot.app.focused is not None:
                    break
                await pilot.pause(0.01)

    return run


def _stale_and_hostile(store: Store) -> str:
    """kr1 last checked in 20 days ago with markup and an escape in its note; kr2 this week."""
    ws = room()
    ws.id = ""
    wid = store.create(ws).id

    def add(w: Workshop) -> None:
        for when, value, confidence in ((day(16), "12.5%", 6), (day(30), "13%", 5)):
            tracking.check_in(
                w,
                "kr1",
                value,
                confidence=confidence,
                note=HOSTILE["click-action"] + " " + HOSTILE["ansi"],
                when=when,
                today=day(50),
            )
        tracking.check_in(
            w,
            "kr2",
            "8%",
            confidence=7,
            note=HOSTILE["rtl"],
            author="Dana",
            when=day(48),
            today=day(50),
        )

    store.update(wid, add)
    return wid


def _recorded_on_april_first(ws: Workshop) -> None:
    """The grade's timestamp is the real clock's: fix it, so the snapshot does not move."""
    ws.graded = "2027-04-01T10:00:00+00:00"


class TestCheckins:
    def test_example_wide(self, snap_compare, example_store, app_on):
        """k from the Final step of the example at 120x40: three cards (on track, behind, at
        risk) with done/time bars, the progress and confidence sparklines and the last note;
        KR1's eight check-ins below, newest first."""
        app = app_on(example_store, "example", Stage.FINAL)
        assert snap_compare(app, terminal_size=(120, 40), run_before=_keys("k"))

    def test_example_80x24(self, snap_compare, example_store, app_on):
        """The same at 80x24: the cards fit, statements end in an ellipsis, a few history rows."""
        app = app_on(example_store, "example", Stage.FINAL)
        assert snap_compare(app, terminal_size=(80, 24), run_before=_keys("k"))

    def test_stale_and_hostile(self, snap_compare, store, app_on):
        """KR1 called out (⚑, 20 days without a check-in) with a note of markup and an escape
        shown literally; KR2 fine, its right-to-left note shown as typed."""
        wid = _stale_and_hostile(store)
        app = app_on(store, wid, Stage.FINAL, today=day(50))
        assert snap_compare(app, terminal_size=(120, 40), run_before=_keys("k"))

    def test_form_refusal_80x24(self, snap_compare, example_store, app_on):
        """The check-in form on KR2 at 80x24 after a value in words: the core's sentence under
        the fields, the words kept, today's date and the owner filled in."""

        async def run(pilot) -> None:
            await _keys("k", "2", "enter")(pilot)
            pilot.app.screen.query_one("#checkin-value", Input).value = "much better"
            await pilot.press("ctrl+s")
            await _settled(pilot)

        app = app_on(example_store, "example", Stage.FINAL)
        assert snap_compare(app, terminal_size=(80, 24), run_before=run)


class TestGrade:
    def test_forecast_wide(self, snap_compare, example_store, app_on):
        """The grade of the example before its end: "Forecast grade 0.40", the average bar,
        what each kind expects, a row per key result, KR1's reading and an empty retro."""
        app = app_on(example_store, "example", Stage.FINAL)
        assert snap_compare(app, terminal_size=(120, 40), run_before=_keys("k", "g"))

    def test_recorded_80x24(self, snap_compare, example_store, app_on):
        """After the end, KR2 scored by hand with a reason and the grade recorded, at 80x24."""
        example_store.update(
            "example",
            lambda ws: tracking.set_score(ws, "kr2", 0.5, "[b]Half[/] the misspellings fixed"),
        )
        example_store.update("example", lambda ws: tracking.record_grade(ws, date(2027, 4, 2)))
        example_store.update("example", _recorded_on_april_first)
        app = app_on(example_store, "example", Stage.FINAL, today=date(2027, 4, 2))
        assert snap_compare(app, terminal_size=(80, 24), run_before=_keys("k", "g", "down"))


class TestMinutesAndNextCycle:
    def test_minutes_wide(self, snap_compare, example_store, app_on):
        """The example's minutes rendered: time per step against the timebox, first."""
        app = app_on(example_store, "example", Stage.FINAL)
        assert snap_compare(app, terminal_size=(120, 40), run_before=_keys("k", "m"))

    def test_next_cycle_form_80x24(self, snap_compare, example_store, app_on):
        """N on the check-ins: the next cycle's label and dates, with what it will carry."""
        app = app_on(example_store, "example", Stage.FINAL)
        assert snap_compare(app, terminal_size=(80, 24), run_before=_keys("k", "N"))
