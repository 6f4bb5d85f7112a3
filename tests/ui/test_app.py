"""What every step shares: moving between steps, help, the palette, the theme, the clock,
saving on quit, and noticing other people's changes to the file."""

from __future__ import annotations

import json
import subprocess
import sys

from textual.widgets import Static

from okrworkshop.model import Stage, Status
from okrworkshop.prefs import LIGHT_THEME
from screens.dialogs.help import HelpScreen


async def test_next_and_back_move_the_room_and_are_remembered(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.SETUP)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f9", "f9")
        await app.settle()
        assert app.screen.name == "drafts"
        stored = store.get(workshop.id)
        assert stored.stage is Stage.DRAFTS
        assert stored.status is Status.LIVE  # reaching the drafts step starts the live workshop
        await pilot.press("f8")
        await app.settle()
        assert store.get(workshop.id).stage is Stage.CONTEXT


async def test_help_names_the_step_and_its_keys(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.SETUP)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.export_screenshot().replace("&#160;", " ")
        assert "Help: Set up" in text
        assert "Next" in text and "Timebox" in text
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.name == "setup"


async def test_palette_jumps_to_any_step(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.SETUP)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"step 6")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await app.settle()
        assert app.screen.name == "key-results"
        assert store.get(workshop.id).stage is Stage.KEY_RESULTS


async def test_light_theme_is_one_key_away_and_remembered(store, workshop, app_for, tmp_path):
    app = app_for(store, workshop.id, Stage.SETUP)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        assert app.theme == LIGHT_THEME
    assert json.loads((tmp_path / "prefs.json").read_text())["theme"] == LIGHT_THEME
    again = app_for(store, workshop.id, Stage.SETUP)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.theme == LIGHT_THEME


async def test_timebox_counts_down_and_reminds_gently(store, workshop, app_for, clock):
    app = app_for(store, workshop.id, Stage.SETUP)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("f5", *"10", "enter")
        await app.settle()
        assert store.get(workshop.id).timebox_minutes == {Stage.SETUP: 10}
        clock.advance(125)
        await pilot.pause(1.2)
        clock_text = str(app.screen.query_one("#clock").render())
        assert "7:5" in clock_text and "left of 10 min" in clock_text
        clock.advance(600)
        await pilot.pause(1.2)
        assert "over 10 min" in str(app.screen.query_one("#clock").render())
        assert any("are up" in n.message for n in app._notifications)
        assert app.screen.name == "setup"  # a reminder, never a forced move


async def test_time_spent_on_a_step_is_stored_when_leaving_it(store, workshop, app_for, clock):
    app = app_for(store, workshop.id, Stage.SETUP)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        clock.advance(90)
        await pilot.press("f9")
        await app.settle()
        assert store.get(workshop.id).stage_seconds[Stage.SETUP] == 90


async def test_quit_saves_what_was_just_typed(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.SETUP)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one("#setup-team").focus()
        await pilot.press("end", *" Squad", "ctrl+q")
        await pilot.pause()
    assert store.get(workshop.id).team == "Search Squad"


async def test_changes_from_another_process_appear_without_a_restart(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.SETUP)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        field = app.screen.query_one("#setup-facilitator")
        field.focus()
        await pilot.press(*"Anna")  # someone is typing while another process writes
        cli = [sys.executable, "-m", "okrworkshop", "--db", str(store.path)]
        subprocess.run(
            [*cli, "participant", "add", "-w", workshop.id, "Eve"],
            check=True,
            capture_output=True,
        )
        people = app.screen.query_one("#participants")
        for _ in range(40):
            if people.option_count == 4:
                break
            await pilot.pause(0.1)
        assert people.get_option_at_index(3).id == "Eve"
        assert field.value == "AnaAnna"  # the refresh left the field being typed in alone
        await app.settle()
        stored = store.get(workshop.id)
        assert stored.participants[-1] == "Eve"
        assert stored.facilitator == field.value


async def test_a_final_workshop_refuses_changes_with_the_rule(example_store, app_for):
    app = app_for(example_store, "example", Stage.SETUP)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one("#new-participant").focus()
        await pilot.press(*"Zed", "enter")
        await app.settle()
        assert "Zed" not in example_store.get("example").participants
        assert any("final" in n.message.lower() for n in app._notifications)


async def test_reopen_from_the_palette(example_store, app_for):
    app = app_for(example_store, "example", Stage.SETUP)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"Reopen")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await app.settle()
        assert example_store.get("example").status is Status.LIVE


def test_a_corrupt_database_is_named_before_the_screen_starts(tmp_path):
    db = tmp_path / "broken.json"
    db.write_text("{not json", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "okrworkshop", "--db", str(db)],
        capture_output=True,
        text=True,
        env={"OKRWORKSHOP_CONFIG": str(tmp_path / "p.json"), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 1
    assert str(db) in result.stderr
    assert db.read_text(encoding="utf-8") == "{not json"


def test_open_refuses_an_unknown_step(store, workshop):
    result = subprocess.run(
        [sys.executable, "-m", "okrworkshop", "--db", str(store.path), "open", "--step", "vote"],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert "key-results" in result.stderr


async def test_quit_asks_before_dropping_text_that_was_never_added(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.SETUP)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one("#new-participant").focus()
        await pilot.press(*"Eve", "ctrl+q")
        await pilot.pause()
        assert "Quit without adding" in app.export_screenshot().replace("&#160;", " ")
        await pilot.press("n", "enter")
        await app.settle()
        assert store.get(workshop.id).participants[-1] == "Eve"
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_palette_runs_workshop_actions_from_any_step(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.SETUP)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p", *"Reveal the votes")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await app.settle()
        assert store.get(workshop.id).settings.votes_revealed is True
        await pilot.press("ctrl+p", *"Finalize the OKR")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.5)
        assert app.screen.name == "refine"  # blockers are shown there; nothing was finalized
        assert store.get(workshop.id).status is not Status.FINAL
        panel = str(app.screen.query_one("#refine-progress", Static).render())
        assert "Before it can be final" in panel and "focus objective" in panel


def clock_shown(app) -> str:
    """What the step bar's clock says now (asked to redraw first, as it does every second)."""
    for screen in app.screen_stack:
        if hasattr(screen, "tick_clock"):
            screen.tick_clock()
            return str(screen.query_one("#clock").render())
    raise AssertionError("no step on screen")


async def test_the_step_clock_counts_dialogs_never_runs_back_and_survives_a_restart(
    store, workshop, app_for, clock
):
    app = app_for(store, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.settle()
        clock.advance(10)
        await pilot.press("f5")  # the timebox dialog opens over the step
        await pilot.pause()
        assert app.screen.name != "drafts"
        clock.advance(25)  # the room talks while the dialog is open
        assert "0:35 on this step" in clock_shown(app)
        await pilot.press("escape")
        await pilot.pause()
        clock.advance(5)
        assert "0:40 on this step" in clock_shown(app)
        # The minute's save is on its way, not yet in the file the screen shows: the clock
        # must not drop back to what the file held before it.
        clock.advance(21)
        app.screen.record_time()
        assert "1:01 on this step" in clock_shown(app)
        await app.settle()
        clock.advance(1)
        assert "1:02 on this step" in clock_shown(app)
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert store.get(workshop.id).stage_seconds[Stage.DRAFTS] == 62
    again = app_for(store, workshop.id, Stage.DRAFTS)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        clock.advance(3)
        assert "1:05 on this step" in clock_shown(again)


async def test_news_said_on_a_step_is_gone_when_the_room_comes_back(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*"Buyers find things fast", "enter")
        await app.settle()
        line = app.screen.query_one("#draft-message")
        assert "Added o1 by Ben" in str(line.render())
        await pilot.press("f9")  # the room moves on; the workshop changes meanwhile
        await app.settle()
        await pilot.press("f8")
        await app.settle()
        assert app.screen.name == "drafts"
        assert "Added" not in str(app.screen.query_one("#draft-message").render())
