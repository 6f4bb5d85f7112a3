"""A participant's own screen in the weekly meeting: confidence 1-10 hidden until revealed,
commitments (tied to a key result or not) and wins, their open next actions, and the way to the
check-in screen and back. Keys in, then what the store holds. The day is 2027-03-01, a Monday
inside the example's cycle."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from textual.widgets import Input, Select, Static

from okrworkshop import week_actions
from okrworkshop.store import Store
from screens.participant.checkin import CheckinScreen
from screens.participant.week import WeekPartScreen
from ui.participant_helpers import participant_app, prompts, to_work, type_text, words

MONDAY = date(2027, 3, 1)


def _meeting(store: Store) -> None:
    store.update("example", lambda ws: week_actions.start_week(ws, today=MONDAY))


async def _settled(pilot) -> None:
    await pilot.pause()
    await pilot.app.settle()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _text(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_a_participant_votes_commits_and_writes_a_win_from_the_keyboard(
    example_store: Store, tmp_path: Path, size: tuple[int, int]
) -> None:
    _meeting(example_store)
    app = participant_app(example_store, "example", "Ben", tmp_path, today=MONDAY)
    async with app.run_test(size=size) as pilot:
        await to_work(pilot)  # the meeting is open: Enter leads to its screen
        assert isinstance(app.screen, WeekPartScreen)
        assert "weekly meeting (2027-W09)" in _text(app, "#room")
        await pilot.press("7")  # KR1
        await pilot.press("down", "1", "0")  # KR2: ten, typed as 1 then 0
        await _settled(pilot)
        rows = prompts(app, "#week-krs")
        assert rows[0].startswith(" 7/10  KR1") and rows[1].startswith("10/10  KR2")
        assert "Your confidence: 10 of 10." in _text(app, "#week-detail")
        assert "hidden until the facilitator" in _text(app, "#week-detail")
        # tied to KR2 with the picker above the box, then written
        await pilot.press("tab", "enter", "down", "down", "enter")
        await _settled(pilot)
        assert app.screen.query_one("#commitment-kr", Select).value == "kr2"
        await pilot.press("tab")
        assert app.focused is app.screen.query_one("#commitment", Input)
        await type_text(pilot, "Ship synonyms to 10% of queries")
        await pilot.press("enter")
        await _settled(pilot)
        assert app.screen.query_one("#commitment-kr", Select).is_blank()  # the next: untied
        # a letter typed on the list starts a commitment too
        await pilot.press("shift+tab", "shift+tab", *"Pair with ")  # typed ahead, all kept
        assert app.focused is app.screen.query_one("#commitment", Input)
        await type_text(pilot, "Dana on [b]ranking[/b]")  # tied to nothing
        await pilot.press("enter")
        await _settled(pilot)
        assert app.screen.query_one("#commitment", Input).value == ""
        mine = _text(app, "#my-commitments")
        assert "Your commitments this week (2 of 3)" in mine
        assert "Pair with Dana on [b]ranking[/b]  (tied to no key result)" in mine
        await pilot.press("tab")  # to the win
        assert app.focused is app.screen.query_one("#win", Input)
        await type_text(pilot, "Latency back under 200 ms")
        await pilot.press("enter")
        await _settled(pilot)
        assert "Latency back under 200 ms" in _text(app, "#my-wins")
    week = example_store.get("example").weeks[-1]
    assert week.confidence == {"kr1": {"Ben": 7}, "kr2": {"Ben": 10}}
    made = [(c.text, c.person, c.kr) for c in week.commitments]
    assert made == [
        ("Ship synonyms to 10% of queries", "Ben", "kr2"),
        ("Pair with Dana on [b]ranking[/b]", "Ben", None),
    ]
    assert [(w.text, w.people) for w in week.wins] == [("Latency back under 200 ms", ["Ben"])]


async def test_votes_stay_hidden_until_revealed_and_a_fourth_commitment_is_refused(
    example_store: Store, tmp_path: Path
) -> None:
    _meeting(example_store)
    example_store.update("example", lambda ws: week_actions.vote(ws, "KR1", 3, person="Chen"))
    app = participant_app(example_store, "example", "Ben", tmp_path, today=MONDAY)
    async with app.run_test(size=(80, 24)) as pilot:
        await to_work(pilot)
        assert "1 vote in so far, hidden" in _text(app, "#week-detail")
        assert "Chen" not in _text(app, "#week-detail")
        await pilot.press("8")
        await _settled(pilot)
        example_store.update("example", lambda ws: week_actions.reveal(ws))
        app.writes.reload("example")
        await _settled(pilot)
        detail = _text(app, "#week-detail")
        assert "Revealed: average 5.5, from 3 to 8" in detail and "Chen 3" in detail
        assert "Ask Chen first." in detail
        for n in range(3):
            example_store.update(
                "example", lambda ws, n=n: week_actions.commit(ws, f"Thing {n}", person="Ben")
            )
        app.writes.reload("example")
        await _settled(pilot)
        await pilot.press("tab", "tab")  # past the picker, to the box
        await type_text(pilot, "A fourth thing")
        await pilot.press("enter")
        await _settled(pilot)
        assert app.screen.query_one("#commitment", Input).value == "A fourth thing"  # kept
    week = example_store.get("example").weeks[-1]
    assert week.confidence["kr1"] == {"Chen": 3, "Ben": 8}
    assert [c.text for c in week.commitments] == ["Thing 0", "Thing 1", "Thing 2"]


async def test_open_next_actions_show_and_f6_goes_to_the_check_ins_and_back(
    example_store: Store, tmp_path: Path
) -> None:
    _meeting(example_store)
    example_store.update(
        "example",
        lambda ws: week_actions.add_action(
            ws, "KR2", "Ask legal about the logs", owner="Ben", blocker=True
        ),
    )
    app = participant_app(example_store, "example", "Ben", tmp_path, today=MONDAY)
    async with app.run_test(size=(120, 40)) as pilot:
        await to_work(pilot)
        actions = _text(app, "#my-actions")
        assert "Ask legal about the logs  (KR2, due 2027-03-08; a blocker)" in actions
        await pilot.press("f6")
        await _settled(pilot)
        assert isinstance(app.screen, CheckinScreen)  # the check-ins are the usual screen
        assert "weekly meeting" in words(app)
        await pilot.press("f6")
        await _settled(pilot)
        assert isinstance(app.screen, WeekPartScreen)
        example_store.update("example", lambda ws: week_actions.close_week(ws, anyway=True))
        app.writes.reload("example")
        await _settled(pilot)
        assert "No weekly meeting is open now" in _text(app, "#week-status")
        await pilot.press("1")  # no meeting: the key does nothing
        await pilot.press("f6")
        await _settled(pilot)
        assert isinstance(app.screen, CheckinScreen)
    assert example_store.get("example").weeks[-1].confidence == {}
