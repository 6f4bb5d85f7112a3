"""The weekly meeting on the shared screen: reached with w from the check-ins, started with S,
moved step by step with ] and [, votes revealed with r, the week closed with C (asking first
when a key result that dropped has no next action), its notes and the digest shown.

Keys in, then what the store holds. The calendar day is 2027-03-01, a Monday inside the
example's cycle."""

from __future__ import annotations

from datetime import date

from textual.content import Content
from textual.widgets import Input, Static

from okrworkshop import week_actions
from okrworkshop.model import Stage
from okrworkshop.store import Store
from okrworkshop.week_model import WeekStatus, WeekStep
from screens.dialogs.modals import ConfirmScreen
from screens.facilitator.checkins import CheckinsScreen
from screens.facilitator.cycle.week import WeekScreen
from screens.facilitator.cycle.week_forms import WeekForm
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
        assert _body(app).startswith("The team already met in 2027-W09; one meeting a week.")
        # "none closed yet" read as "no meeting closed": it is the commitments that are not
        assert "Streak: 1 week met in a row; no commitments closed yet." in _body(app)


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


async def _form(pilot) -> WeekForm:
    """The form once it is on top and its first field has the focus."""
    for _ in range(200):
        screen = pilot.app.screen
        if isinstance(screen, WeekForm) and isinstance(pilot.app.focused, Input):
            return screen
        await pilot.pause(0.01)
    raise AssertionError("the form did not open")


async def _fill(pilot, *values: str) -> None:
    """Type each value into the focused field and press Enter (the last Enter saves)."""
    for value in values:
        field = pilot.app.focused
        assert isinstance(field, Input)
        field.value = value
        await pilot.press("enter")
        await pilot.pause()


async def test_the_facilitator_enters_the_meeting_from_the_keyboard(example_store: Store, app_on):
    app = app_on(example_store, "example", Stage.FINAL, today=MONDAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot)
        await pilot.press("S")
        await _settled(pilot)
        await pilot.press("v")  # not a key of the numbers step
        await _settled(pilot)
        assert not isinstance(app.screen, WeekForm)

        await pilot.press("]")  # confidence: Chen's votes, one refused first
        await _settled(pilot)
        await pilot.press("v")
        await _form(pilot)
        await _fill(pilot, "Chen", "11", "6", "")
        await _settled(pilot)
        form = app.screen
        assert isinstance(form, WeekForm)
        error = form.query_one("#week-form-error", Static).content
        assert "from 1 to 10" in str(error)
        assert example_store.get("example").weeks[0].confidence == {}  # nothing saved
        form.query_one("#week-KR1", Input).value = "7"
        await pilot.press("ctrl+s")
        await _settled(pilot)
        assert example_store.get("example").weeks[0].confidence == {
            "kr1": {"Chen": 7},
            "kr2": {"Chen": 6},
        }

        await pilot.press("]")  # what dropped: KR2 is behind; a next action for it
        await _settled(pilot)
        await pilot.press("a")
        await _form(pilot)
        form = app.screen
        assert isinstance(form, WeekForm)
        assert form.query_one("#week-kr", Input).value == "KR2"  # the first without one
        assert pilot.app.focused is form.query_one("#week-text", Input)  # typed after it
        await _fill(pilot, "Ask the vendor [b]now[/b]", "Ben", "2027-03-05", "ask")
        await _settled(pilot)
        (action,) = example_store.get("example").weeks[0].actions
        assert (action.kr, action.text, action.owner) == ("kr2", "Ask the vendor [b]now[/b]", "Ben")
        assert action.ask and not action.blocker and action.due == date(2027, 3, 5)

        await pilot.press("]")  # commitments
        await _settled(pilot)
        await pilot.press("c")
        form = await _form(pilot)
        # the optional key result's hint reads as an example, not as a value already chosen
        assert form.query_one("#week-kr", Input).placeholder == "e.g. KR1, or leave empty"
        await _fill(pilot, "Dana", "Tune the ranking", "KR3")
        await _settled(pilot)
        (made,) = example_store.get("example").weeks[0].commitments
        assert (made.person, made.text, made.kr) == ("Dana", "Tune the ranking", "kr3")

        await pilot.press("]")  # health
        await _settled(pilot)
        await pilot.press("h")
        await _form(pilot)
        await _fill(pilot, "On-call load", "amber", "Two pages a night")
        await _settled(pilot)
        ws = example_store.get("example")
        assert ws.health_metrics == ["On-call load"]
        assert ws.weeks[0].health["On-call load"].note == "Two pages a night"

        await pilot.press("]")  # wins
        await _settled(pilot)
        await pilot.press("n")
        form = await _form(pilot)
        await _fill(pilot, "Synonyms live for shoes", "Bob")
        await _settled(pilot)
        error = str(form.query_one("#week-form-error", Static).content)
        everyone = ", ".join([*ws.participants, ws.facilitator])
        assert ws.facilitator and f"(people in it: {everyone})" in error  # the facilitator too
        assert "Ask the facilitator" not in error and "Set up step" in error
        assert example_store.get("example").weeks[0].wins == []
        form.query_one("#week-who", Input).value = "Ben, Chen"
        await pilot.press("ctrl+s")
        await _settled(pilot)
        (win,) = example_store.get("example").weeks[0].wins
        assert win.people == ["Ben", "Chen"]
        assert "Synonyms live for shoes (Ben, Chen)" in _body(app)


async def test_last_weeks_commitment_is_closed_from_the_keyboard(example_store: Store, app_on):
    def last_week(ws):
        week_actions.start_week(ws, today=date(2027, 2, 22))
        week_actions.commit(ws, "Interview five buyers", person="Chen", kr="KR1")
        week_actions.close_week(ws, anyway=True)
        week_actions.start_week(ws, today=MONDAY)
        week_actions.go_to_step(ws, WeekStep.COMMITMENTS)

    example_store.update("example", last_week)
    app = app_on(example_store, "example", Stage.FINAL, today=MONDAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot)
        assert "c1  Chen: Interview five buyers" in _body(app)
        await pilot.press("d")
        await _form(pilot)
        assert app.screen.query_one("#week-id", Input).value == "c1"
        assert pilot.app.focused is app.screen.query_one("#week-done", Input)
        await _fill(pilot, "n", "No buyers free", "y")
        await _settled(pilot)
        first, now = example_store.get("example").weeks
        assert first.commitments[0].why == "No buyers free" and first.commitments[0].closed_in
        assert [c.carried_from for c in now.commitments] == ["c1"]
        assert "✗ not done  Chen: Interview five buyers" in _body(app)


async def test_a_participants_screen_says_what_the_weekly_meeting_is_doing(
    example_store: Store, tmp_path
) -> None:
    from ui.participant_helpers import participant_app, to_work

    app = participant_app(example_store, "example", "Ben", tmp_path, today=MONDAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_work(pilot)
        room = app.screen.query_one("#room", Static)
        assert "The OKR is final" in str(room.render())
        example_store.update("example", lambda ws: week_actions.start_week(ws, today=MONDAY))
        app.writes.reload("example")
        await app.settle()
        assert str(room.render()).startswith(
            "The team is in its weekly meeting (2027-W09), at Numbers. Check in on KR2"
        )


async def test_the_workshops_keys_move_the_meeting_and_f5_changes_a_timebox(
    example_store: Store, app_on
):
    example_store.update("example", lambda ws: week_actions.start_week(ws, today=MONDAY))
    app = app_on(example_store, "example", Stage.FINAL, today=MONDAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot)
        await pilot.press("f9", "f9")
        await _settled(pilot)
        assert example_store.get("example").weeks[0].step is WeekStep.DROPPED
        await pilot.press("f8")
        await _settled(pilot)
        assert example_store.get("example").weeks[0].step is WeekStep.CONFIDENCE
        assert "5:00 left of 5 min" in str(app.screen.query_one("#week-clock", Static).render())
        await pilot.press("f5")
        for _ in range(200):
            if isinstance(app.focused, Input):
                break
            await pilot.pause(0.01)
        app.focused.value = "9"
        await pilot.press("enter")
        await _settled(pilot)
        ws = example_store.get("example")
        assert ws.week_timebox_minutes == {WeekStep.CONFIDENCE: 9}
        assert "left of 9 min" in str(app.screen.query_one("#week-clock", Static).render())


async def test_before_the_cycle_the_screen_says_why_no_meeting_starts(example_store: Store, app_on):
    app = app_on(example_store, "example", Stage.FINAL, today=date(2026, 12, 8))
    async with app.run_test(size=(80, 24)) as pilot:
        await _open(pilot)
        assert _body(app).startswith("The cycle starts on 2027-01-01; weekly meetings run inside")
        await pilot.press("S")  # not offered: nothing happens
        await _settled(pilot)
        assert example_store.get("example").weeks == []


async def test_e_checks_in_the_first_key_result_nobody_checked_in_on(example_store: Store, app_on):
    example_store.update("example", lambda ws: week_actions.start_week(ws, today=MONDAY))
    app = app_on(example_store, "example", Stage.FINAL, today=MONDAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open(pilot)
        await pilot.press("e")
        for _ in range(200):
            if isinstance(app.focused, Input) and app.focused.id == "checkin-value":
                break
            await pilot.pause(0.01)
        app.focused.value = "15.8%"
        await pilot.press("ctrl+s")
        await _settled(pilot)
        latest = example_store.get("example").key_results[0].checkins[-1]
        assert (latest.date, latest.value, latest.author) == (MONDAY, "15.8%", "Chen")
        assert "⚑ no check-in since the last meeting (Chen)" not in _body(app)
        assert "KR1  12% → 15.8% → 18%" in _body(app)
