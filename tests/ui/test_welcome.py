"""The first screen: a new user sees what the app is for and gets in by keys alone."""

from __future__ import annotations

from datetime import date

from okrworkshop import actions
from okrworkshop.model import Stage, Status
from screens.facilitator.setup import SetupScreen
from screens.facilitator.welcome import WelcomeScreen


async def test_first_run_shows_what_the_app_is_for(store, app_for):
    app = app_for(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        text = app.screen.query_one("#welcome-intro").render()
        assert "ONE focus objective" in str(text)
        assert str(store.path) in str(app.screen.query_one("#db-path").render())


async def test_new_workshop_by_keys_is_stored_and_opens_setup(store, app_for):
    app = app_for(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.press(*"Growth", "enter", *"2027 Q2", "enter")
        await pilot.press(*"2027-04-01", "enter", *"2027-06-30", "enter", *"Ana", "enter")
        await pilot.press(*"Ben, Chen", "enter")
        await app.settle()
        (ws,) = store.workshops()
        assert (ws.team, ws.cycle.label, ws.facilitator) == ("Growth", "2027 Q2", "Ana")
        assert str(ws.cycle.start) == "2027-04-01"
        assert ws.participants == ["Ben", "Chen"]
        assert isinstance(app.screen, SetupScreen)


async def test_new_workshop_with_a_bad_date_says_so_and_keeps_the_form(store, app_for):
    app = app_for(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n", *"Growth", "tab", *"Q2", "tab", *"April", "ctrl+s")
        await pilot.pause()
        error = str(app.screen.query_one("#new-error").render())
        assert "not a date" in error
        assert app.screen.query_one("#team").value == "Growth"
        assert store.workshops() == []
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)


async def test_example_opens_once_and_is_reused(store, app_for):
    app = app_for(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await app.settle()
        (ws,) = store.workshops()
        assert ws.team == "Marketplace Search (example)" and ws.status is Status.FINAL
        assert app.screen.name == ws.stage.value
        app.show_welcome()
        await pilot.pause()
        await pilot.press("x")
        await app.settle()
        assert len(store.workshops()) == 1


async def test_the_example_is_dated_around_today_and_leaves_the_command_line_alone(
    store, workshop, app_on
):
    """Opened beside the team's own workshop on 2026-12-08, the example's cycle holds that day,
    and a command without -w still means the team's workshop (it used to say "holds 2
    workshops; choose one with -w ID")."""
    today = date(2026, 12, 8)
    app = app_on(store, today=today)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("x")
        await app.settle()
        example = next(ws for ws in store.workshops() if ws.id != workshop.id)
        assert example.example and app.workshop_id == example.id
        assert example.cycle.start <= today <= example.cycle.end
        assert store.resolve(None).id == workshop.id
        assert store.resolve(example.id).id == example.id
        app.show_welcome()
        await pilot.pause()
        await pilot.press("x")
        await app.settle()
        assert len(store.workshops()) == 2  # reopened, not copied again


async def test_a_saved_workshop_reopens_where_the_room_stopped(store, workshop, app_for):
    store.update(workshop.id, lambda ws: actions.go_to_stage(ws, Stage.CONTEXT))
    app = app_for(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the most recent workshop is highlighted
        await pilot.pause()
        assert app.screen.name == "context"
        assert app.workshop_id == workshop.id


async def test_a_saved_workshop_can_be_deleted_after_asking(store, workshop, app_for):
    app = app_for(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("n")  # changed my mind
        await pilot.pause()
        assert [w.id for w in store.workshops()] == [workshop.id]
        await pilot.press("delete", "y")
        await pilot.pause()
        assert store.workshops() == []
        assert isinstance(app.screen, WelcomeScreen)
