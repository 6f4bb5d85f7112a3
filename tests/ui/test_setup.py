"""The setup step: fields save as they are typed; people are added, renamed and removed."""

from __future__ import annotations

from hostile import HOSTILE
from textual.widgets import Input

from okrworkshop.model import Stage
from screens.dialogs.modals import ConfirmScreen


async def test_fields_save_while_typing_without_leaving_the_field(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.SETUP)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        team = app.screen.query_one("#setup-team")
        team.focus()
        await pilot.press("end", *" Squad")
        assert app.writes.has_pending("setup.team")  # typing waits on nothing
        await app.settle()
        assert store.get(workshop.id).team == "Search Squad"
        assert team.has_focus


async def test_dates_wait_until_they_look_like_dates(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.SETUP)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        end = app.screen.query_one("#setup-end", Input)
        end.focus()
        # Type over the selected date: clearing it first would be a real "no end date" (saved
        # if the machine is slow enough for the debounce to fire between two keys).
        end.action_select_all()
        await pilot.press(*"2027-06")
        await app.settle()
        assert str(store.get(workshop.id).cycle.end) == "2027-03-31"
        assert "2027-03-31" in str(app.screen.query_one("#date-hint").render())
        await pilot.press(*"-30")
        await app.settle()
        assert str(store.get(workshop.id).cycle.end) == "2027-06-30"


async def test_an_empty_team_is_refused_with_a_message(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.SETUP)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one("#setup-team").focus()
        await pilot.press("ctrl+u", "space")
        await app.settle()
        assert store.get(workshop.id).team == "Search"
        assert any("team name" in n.message for n in app._notifications)


async def test_participants_added_renamed_and_removed_by_keys(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.SETUP)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one("#new-participant").focus()
        await pilot.press(*"Eve", "enter")
        await app.settle()
        assert store.get(workshop.id).participants == ["Ben", "Chen", "Dana", "Eve"]

        people = app.screen.query_one("#participants")
        people.focus()
        people.highlighted = 0
        await pilot.press("r", "ctrl+u", *"Benjamin", "enter")
        await app.settle()
        assert store.get(workshop.id).participants[0] == "Benjamin"

        people.highlighted = 1
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await app.settle()
        assert "Chen" in store.get(workshop.id).participants
        people.highlighted = 1
        await pilot.press("x", "y")
        await app.settle()
        assert store.get(workshop.id).participants == ["Benjamin", "Dana", "Eve"]


async def test_voting_settings(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.SETUP)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one("#settings-votes").focus()
        await pilot.press("ctrl+u", "5")
        app.screen.query_one("#open-joining").focus()
        await pilot.press("space")
        await app.settle()
        settings = store.get(workshop.id).settings
        assert settings.votes_per_participant == 5
        assert settings.open_joining is True
        assert settings.show_drafts_to_participants is False


async def test_hostile_names_are_stored_exactly_and_shown_literally(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.SETUP)
    names = [HOSTILE[k] for k in ("rich-markup", "click-action", "ansi", "rtl", "emoji")]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#new-participant")
        for name in names:
            field.focus()
            field.value = name
            await pilot.press("enter")
            await app.settle()
        stored = store.get(workshop.id).participants
        shown = app.export_screenshot()
        # The input turned the ESC into visible text before it was ever stored or drawn.
        assert stored[3:] == [
            names[0],
            names[1],
            "\\x1b[31mred\\x1b[0m and \\x1b]0;title\\x07",
            "שלום عالم mixed \\u202eevil\\u202c text",
            names[4],
        ]
        assert "[bold red]pwned[/]" in shown.replace("&#160;", " ")
        assert "\x1b" not in shown
