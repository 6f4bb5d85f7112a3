"""The weekly meeting on the shared screen: reached with w from the check-ins, started with S,
moved step by step with ] and [, votes revealed with r, the week closed with C (asking first
when a key result that dropped has no next action), its notes and the digest shown.

Keys in, then what the store holds. The calendar day is 2027-03-01, a Monday inside the
example's cycle."""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.widgets import Static

from okrworkshop import week_actions
from okrworkshop.model import Stage
from okrworkshop.store import Store
from okrworkshop.week_model import WeekStatus, WeekStep
from screens.dialogs.modals import ConfirmScreen
from screens.facilitator.checkins import CheckinsScreen
from screens.facilitator.cycle.week import WeekScreen
from screens.widgets.markdown_view import MarkdownView

MONDAY = date(2027, 3, 1)


async def _settled(pilot) -> None:
    await pilot.pause()
    await pilot.app.settle()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _body(app) -> str:
    content = app.screen.query_one("#week-body", Static).content
    return content.plain if isinstance(content, Content) else str(content)


def _steps(app) -> str:
    content = app.screen.query_one("#week-steps", Static).content
    return content.plain if isinstance(content, Content) else str(content)


async def _open(pilot) -> None:
    await _settled(pilot)
    await pilot.press("k")
    await _settled(pilot)
    assert isinstance(pilot.app.screen, CheckinsScreen)
    await pilot.press("w")
    await _settled(pilot)
    assert isinstance(pilot.app.screen, WeekScreen)


async def test_a_weekly_meeting_runs_from_the_shared_screen(example_store: Store, app_on):
    app = app_on(example_store, "example", Stage.FINAL, today=MONDAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot)
        assert "No weekly meeting is open. S starts this week's (dated 2027-03-01)." in _body(app)
        await pilot.press("S")
        await _settled(pilot)
        (week,) = example_store.get("example").weeks
        assert (week.week, week.date, week.step) == ("2027-W09", MONDAY, WeekStep.NUMBERS)
        assert "▶ 1 Numbers" in _steps(app)
        body = _body(app)
        assert "KR1  12% → 15.1% → 18%  52% of the way  on track" in body
        assert "⚑ no check-in since the last meeting (Chen)" in body

        await pilot.press("]")
        await _settled(pilot)
        assert example_store.get("example").weeks[0].step is WeekStep.CONFIDENCE
        # two participants vote from their own screens; the shared screen follows the file
        example_store.update("example", lambda ws: week_actions.vote(ws, "KR1", 8, person="Ben"))
        example_store.update("example", lambda ws: week_actions.vote(ws, "KR1", 3, person="Chen"))
        app.writes.reload("example")
        await _settled(pilot)
        assert "KR1  2 voted, hidden until revealed (waiting for Dana, Ana)" in _body(app)
        assert "8" not in _body(app).split("KR1")[1].split("\n")[0]
        await pilot.press("r")
        await _settled(pilot)
        assert example_store.get("example").weeks[0].revealed
        body = _body(app)
        assert "KR1  5.5 of 10, from 3 to 8" in body
        assert "⚑ The votes run from 3 to 8: people see it differently." in body
        assert "⚑ Ask Chen first." in body

        await pilot.press("]")
        await _settled(pilot)
        assert "KR1  confidence fell from 8 to 5.5" in _body(app)
        assert "✗ no next action yet" in _body(app)
        await pilot.press("[")
        await _settled(pilot)
        assert example_store.get("example").weeks[0].step is WeekStep.CONFIDENCE

        await pilot.press("C")
        await _settled(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("escape")
        await _settled(pilot)
        assert example_store.get("example").weeks[0].status is WeekStatus.OPEN  # nothing closed

        await pilot.press("C")
        await _settled(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await _settled(pilot)
        (week,) = example_store.get("example").weeks
        assert week.status is WeekStatus.CLOSED and "No next action was agreed." in week.notes
        assert app.screen.has_class("-document")
        assert app.screen.query_one(MarkdownView).display


async def test_the_digest_key_shows_the_sponsors_page(example_store: Store, app_on):
    def closed_week(ws):
        week_actions.start_week(ws, today=MONDAY)
        week_actions.add_win(ws, "Synonyms live", person="Ben")
        week_actions.close_week(ws, anyway=True)

    example_store.update("example", closed_week)
    app = app_on(example_store, "example", Stage.FINAL, today=MONDAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot)
        await pilot.press("D")
        await _settled(pilot)
        assert app.screen.has_class("-document")
        text = app.screen._document_text(example_store.get("example"))
        assert text.startswith("# Buyers find the right product on their first search")
        await pilot.press("escape")
        await _settled(pilot)
        assert not app.screen.has_class("-document")
        assert "No weekly meeting is open" in _body(app)


async def test_w_on_the_welcome_screen_opens_the_weekly_meeting(store: Store, app_on):
    app = app_on(store, today=MONDAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("down")  # from "new workshop" to the example
        await pilot.press("w")
        await _settled(pilot)
        assert isinstance(app.screen, WeekScreen)
        assert "No weekly meeting is open" in _body(app)
        await pilot.press("S")
        await _settled(pilot)
        (ws,) = store.workshops()
        assert [w.week for w in ws.weeks] == ["2027-W09"]
