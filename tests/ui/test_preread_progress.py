"""Before the meeting on the shared screen: the drafts-due date, who has sent what, and saving
the pre-read from the command palette."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from textual.screen import Screen
from textual.widgets import OptionList, Static

from okrworkshop import actions
from okrworkshop.model import Origin, Stage
from okrworkshop.preread import to_preread
from okrworkshop.store import Store
from screens.dialogs.modals import ConfirmScreen, TextPrompt
from ui.helpers import record_notes


async def _wait_for(pilot, screen_type: type[Screen]) -> Screen:
    for _ in range(100):
        if isinstance(pilot.app.screen, screen_type):
            return pilot.app.screen
        await pilot.pause(0.02)
    raise AssertionError(f"{screen_type.__name__} did not open")


def _participant_lines(app) -> list[str]:
    people = app.screen.query_one("#participants", OptionList)
    return [
        str(people.get_option_at_index(i).prompt).replace("\xa0", " ")
        for i in range(people.option_count)
    ]


def _progress(app) -> str:
    return str(app.screen.query_one("#drafts-progress", Static).content)


def _send_before_the_meeting(store: Store, workshop_id: str) -> None:
    """Ben: two drafts and a key-result idea; Chen: one key-result idea; Dana: nothing."""

    def change(ws) -> None:
        for text in ("Buyers find it first time", "Search feels instant"):
            actions.add_draft(ws, text, author="Ben", origin=Origin.PRE_WORKSHOP)
        actions.add_key_result(
            ws, "Conversion 12% to 18%", author="Ben", origin=Origin.PRE_WORKSHOP
        )
        actions.add_key_result(
            ws, "Listing time 3 to 1 days", author="Chen", origin=Origin.PRE_WORKSHOP
        )
        actions.add_draft(ws, "Typed in the room", author="Dana", origin=Origin.LIVE)

    store.update(workshop_id, change)


# --- the drafts-due date on the setup step -----------------------------------------------------


async def test_typing_a_drafts_due_date_saves_it(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.SETUP)
    async with app.run_test(size=(120, 40)) as pilot:
        notes = record_notes(app)
        await pilot.pause()
        field = app.screen.query_one("#settings-drafts-due")
        field.focus()
        await pilot.press(*"2027-01")
        await app.settle()
        # Half typed: not saved, not refused out loud, a quiet hint instead.
        assert store.get(workshop.id).settings.drafts_due is None
        assert not [n for n in notes if "date" in n]
        hint = app.screen.query_one("#due-hint", Static)
        assert hint.display and "2027-01-10" in str(hint.content)
        await pilot.press(*"-10")
        assert app.writes.has_pending("settings.drafts-due")  # typing waits on nothing
        await app.settle()
        assert str(store.get(workshop.id).settings.drafts_due) == "2027-01-10"
        assert not hint.display
        assert field.has_focus
        await pilot.press("ctrl+u")
        await app.settle()
        assert store.get(workshop.id).settings.drafts_due is None  # empty clears it
        assert not notes


async def test_a_due_date_set_elsewhere_shows_in_the_field(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.SETUP)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        store.update(workshop.id, lambda ws: actions.update_settings(ws, drafts_due="2027-01-08"))
        app.writes.reload(workshop.id)
        await app.settle()
        assert app.screen.query_one("#settings-drafts-due").value == "2027-01-08"


async def test_an_impossible_date_is_refused_with_the_cores_message(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.SETUP)
    async with app.run_test(size=(120, 40)) as pilot:
        notes = record_notes(app)
        await pilot.pause()
        app.screen.query_one("#settings-drafts-due").focus()
        await pilot.press(*"2027-02-30")
        await app.settle()
        assert store.get(workshop.id).settings.drafts_due is None
        assert any("is not a date" in n for n in notes)


# --- who has sent what --------------------------------------------------------------------------


async def test_setup_lists_what_each_participant_sent(store, workshop, app_for):
    _send_before_the_meeting(store, workshop.id)
    app = app_for(store, workshop.id, Stage.SETUP)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.settle()
        assert _participant_lines(app) == [
            "Ben · 2 drafts, 1 KR idea",
            "Chen · 1 KR idea",
            "Dana · nothing yet",
        ]


async def test_setup_counts_follow_drafts_from_another_process(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.SETUP)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert _participant_lines(app)[2] == "Dana · nothing yet"
        command = ["draft", "-w", workshop.id, "--as", "Dana", "Sellers list in minutes"]
        done = subprocess.run(
            [sys.executable, "-m", "okrworkshop", "--db", str(store.path), *command],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr
        for _ in range(50):
            if _participant_lines(app)[2] == "Dana · 1 draft":
                break
            await pilot.pause(0.2)
        else:
            raise AssertionError(f"the count never changed: {_participant_lines(app)}")


async def test_drafts_step_shows_who_sent_what(store, workshop, app_for):
    _send_before_the_meeting(store, workshop.id)
    store.update(workshop.id, lambda ws: actions.update_settings(ws, drafts_due="2027-01-10"))
    app = app_for(store, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.settle()
        assert _progress(app) == (
            "Before the meeting (due 2027-01-10): Ben 2 +1 KR · Chen 0 +1 KR · Dana 0"
        )


async def test_drafts_step_progress_follows_another_process(store, workshop, app_for):
    """A drafts file merged (or a participant drafting) in another process while the room is
    on the drafts step: the line changes without anyone touching the shared screen."""
    app = app_for(store, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await app.settle()
        assert _progress(app) == "Before the meeting: Ben 0 · Chen 0 · Dana 0"
        script = textwrap.dedent(
            f"""
            from okrworkshop import actions
            from okrworkshop.model import Origin
            from okrworkshop.store import Store
            Store.open({str(store.path)!r}).update(
                {workshop.id!r},
                lambda ws: actions.add_draft(ws, "Mine", author="Chen", origin=Origin.PRE_WORKSHOP),
            )
            """
        )
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
        )
        assert done.returncode == 0, done.stderr
        for _ in range(50):
            if "Chen 1" in _progress(app):
                break
            await pilot.pause(0.2)
        else:
            raise AssertionError(f"the line never changed: {_progress(app)}")
        assert _progress(app) == "Before the meeting: Ben 0 · Chen 1 · Dana 0"


async def test_drafts_progress_fits_80_columns_by_breaking_between_people(store, workshop, app_for):
    names = ["Farouk", "Gabriela", "Hiroshi", "Ivy", "Jun", "Kwame"]
    for name in names:
        store.update(workshop.id, lambda ws, n=name: actions.add_participant(ws, n))
    _send_before_the_meeting(store, workshop.id)
    app = app_for(store, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await app.settle()
        widget = app.screen.query_one("#drafts-progress", Static)
        lines = _progress(app).splitlines()
        assert len(lines) == 2 and widget.size.height == 2
        assert all(len(line) <= 78 for line in lines)
        for name in ("Ben 2 +1 KR", "Chen 0 +1 KR", "Dana 0", *(f"{n} 0" for n in names)):
            assert any(name in line for line in lines), name


# --- saving the pre-read from the palette ------------------------------------------------------


async def _save_pre_read(pilot) -> None:
    await pilot.press("ctrl+p", *"Save the pre-read")
    await pilot.pause(0.5)
    await pilot.press("enter")
    await _wait_for(pilot, TextPrompt)
    await pilot.press("enter")


async def test_palette_saves_the_pre_read(store, workshop, app_for, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    store.update(workshop.id, lambda ws: actions.update_settings(ws, drafts_due="2027-01-10"))
    app = app_for(store, workshop.id, Stage.CONTEXT)
    target = tmp_path / "search-2027-q1.pre-read.md"
    async with app.run_test(size=(120, 40)) as pilot:
        notes = record_notes(app)
        await pilot.pause()
        await _save_pre_read(pilot)
        await app.settle()
        assert target.read_text(encoding="utf-8") == to_preread(store.get(workshop.id))
        assert f"Saved the pre-read to {target}" in notes
        assert app.screen.name == "context"  # saved from where the room is

        target.write_text("my notes\n", encoding="utf-8")
        await _save_pre_read(pilot)
        confirm = await _wait_for(pilot, ConfirmScreen)
        assert "Replace it with this pre-read?" in str(confirm._question)
        await pilot.press("n")
        await app.settle()
        assert target.read_text(encoding="utf-8") == "my notes\n"
        assert "Not saved: the existing file was kept." in notes

        await _save_pre_read(pilot)
        await _wait_for(pilot, ConfirmScreen)
        await pilot.press("y")
        await app.settle()
        assert "Sunday 2027-01-10" in target.read_text(encoding="utf-8")


async def test_palette_pre_read_to_a_missing_folder_says_why(
    store, workshop, app_for, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    app = app_for(store, workshop.id, Stage.SETUP)
    async with app.run_test(size=(120, 40)) as pilot:
        notes = record_notes(app)
        await pilot.pause()
        await pilot.press("ctrl+p", *"Save the pre-read")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await _wait_for(pilot, TextPrompt)
        await pilot.press("ctrl+u", *str(tmp_path / "missing" / "p.md"), "enter")
        await app.settle()
        assert any("does not exist" in n for n in notes)
    assert not list(tmp_path.rglob("*.md"))
