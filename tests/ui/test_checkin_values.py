"""Check-in values on screens: Enter walks the participant's form from the value to the
confidence to the note and saves once; an implausible value is shown back with a question
before it is saved (on the participant's screen and in the shared screen's dialog); the dialog
shows baseline and target with their unit."""

from __future__ import annotations

from pathlib import Path

from cycle_okr import day, room
from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import Input, Static

from okrworkshop.model import Workshop
from okrworkshop.store import Store
from screens.dialogs.modals import ConfirmScreen
from screens.dialogs.tracking import CheckinAnswer, CheckinDialog
from screens.participant.checkin import CheckinScreen
from ui.helpers import burst
from ui.participant_helpers import participant_app, to_work


def _ben_owns_kr1(store: Store) -> str:
    """Final: kr1 from 12% to 18% (owner Ben), kr2 from 9% to 3%."""
    ws = room()
    ws.key_results[0].owner = "Ben"
    return store.create(ws).id


def _status(app: App[None]) -> str:
    return str(app.screen.query_one("#checkin-status", Static).render())


async def test_enter_moves_from_value_to_confidence_to_note_and_saves_once(
    store: Store, tmp_path: Path
) -> None:
    """Lena's slip: "15%" Enter "3" Enter stored two check-ins, the second with value 3."""
    wid = _ben_owns_kr1(store)
    app = participant_app(store, wid, "Ben", tmp_path, today=day(45))
    async with app.run_test(size=(120, 40)) as pilot:
        await to_work(pilot)
        assert isinstance(app.screen, CheckinScreen)
        await pilot.press("enter", *"15%", "enter", "3", "enter")
        await app.settle()
        assert store.get(wid).key_results[0].checkins == []  # nothing saved yet
        assert app.focused is app.screen.query_one("#note", Input)
        await pilot.press(*"search fix", "enter")
        await app.settle()
        assert "Checked in KR1" in _status(app)
        await pilot.press("enter")  # back on the list: Enter opens the form again, saves nothing
        await app.settle()
    (only,) = store.get(wid).key_results[0].checkins
    assert (only.value, only.confidence, only.note) == ("15%", 3, "search fix")


async def test_ctrl_s_saves_from_the_value_box(store: Store, tmp_path: Path) -> None:
    """Offered in the footer while the form has the focus, not on the list (Enter opens the
    form there)."""
    wid = _ben_owns_kr1(store)
    app = participant_app(store, wid, "Ben", tmp_path, today=day(45))
    async with app.run_test(size=(80, 24)) as pilot:
        await to_work(pilot)
        assert "ctrl+s" not in app.screen.active_bindings
        await pilot.press("enter", *"14%")
        assert app.screen.active_bindings["ctrl+s"].binding.description == "Save"
        await pilot.press("ctrl+s")
        await app.settle()
    assert [c.value for c in store.get(wid).key_results[0].checkins] == ["14%"]


async def test_an_implausible_value_is_asked_about_before_it_is_saved(
    store: Store, tmp_path: Path
) -> None:
    wid = _ben_owns_kr1(store)
    app = participant_app(store, wid, "Ben", tmp_path, today=day(45))
    async with app.run_test(size=(120, 40)) as pilot:
        await to_work(pilot)
        await pilot.press("enter", "3", "ctrl+s")  # 3% on a key result from 12% to 18%
        await app.settle()
        assert isinstance(app.screen, ConfirmScreen)
        question = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "3% is beyond the baseline (12%)" in question
        assert store.get(wid).key_results[0].checkins == []
        await pilot.press("n")  # no: back to the value, as typed
        await app.settle()
        assert isinstance(app.screen, CheckinScreen)
        assert app.focused is app.screen.query_one("#value", Input)
        assert app.screen.query_one("#value", Input).value == "3"
        assert store.get(wid).key_results[0].checkins == []
        await pilot.press("backspace", *"17%", "ctrl+s")  # 83% of the way at once: asked
        await app.settle()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await app.settle()
        assert "Checked in KR1" in _status(app)
    assert [c.value for c in store.get(wid).key_results[0].checkins] == ["17%"]


async def test_a_value_the_core_refuses_is_said_before_any_question(
    store: Store, tmp_path: Path
) -> None:
    wid = _ben_owns_kr1(store)
    app = participant_app(store, wid, "Ben", tmp_path, today=day(45))
    async with app.run_test(size=(120, 40)) as pilot:
        await to_work(pilot)
        await pilot.press("enter", *"30 hours", "ctrl+s")
        await app.settle()
        assert isinstance(app.screen, CheckinScreen)
        assert "not in the units of KR1" in _status(app)
    assert store.get(wid).key_results[0].checkins == []


# --- the shared screen's dialog, in a bare host app ------------------------------------------


class _Host(App[None]):
    def __init__(self, ws: Workshop) -> None:
        super().__init__()
        self.ws = ws
        self.answers: list[CheckinAnswer | None] = []

    def compose(self) -> ComposeResult:
        yield Static("host")

    def on_mount(self) -> None:
        kr = self.ws.key_results[1]
        self.push_screen(CheckinDialog(self.ws, kr, today=day(45)), self.answers.append)


def _in_points() -> Workshop:
    """kr2 written as bare numbers with its unit in the unit field: 9 to 3, unit %."""
    ws = room()
    kr = ws.key_results[1]
    kr.baseline, kr.target, kr.unit = "9", "3", "%"
    return ws


async def test_the_dialog_shows_baseline_and_target_with_their_unit() -> None:
    app = _Host(_in_points())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        facts = app.screen.query_one("#checkin-facts", Static).content
        text = facts.plain if isinstance(facts, Content) else str(facts)
        assert "Baseline 9% · target 3%" in text
        assert app.screen.query_one("#checkin-value", Input).placeholder == "e.g. 3%"


async def test_the_dialog_asks_before_saving_an_implausible_value() -> None:
    app = _Host(_in_points())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*"10", "ctrl+s")  # beyond the baseline of 9%
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        question = "\n".join(str(s.render()) for s in app.screen.query(Static))
        assert "10% is beyond the baseline (9%)" in question
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, CheckinDialog) and app.answers == []
        assert app.focused is app.screen.query_one("#checkin-value", Input)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert [a.value for a in app.answers if a is not None] == ["10"]


async def test_the_dialog_saves_a_plausible_value_without_asking() -> None:
    app = _Host(_in_points())
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*"8", "ctrl+s")
        await pilot.pause()
        assert [a.value for a in app.answers if a is not None] == ["8"]


async def test_the_participants_example_value_carries_the_unit(
    store: Store, tmp_path: Path
) -> None:
    ws = room()
    kr = ws.key_results[0]
    kr.owner, kr.baseline, kr.target, kr.unit = "Ben", "12", "18", "%"
    wid = store.create(ws).id
    app = participant_app(store, wid, "Ben", tmp_path, today=day(45))
    async with app.run_test(size=(120, 40)) as pilot:
        await to_work(pilot)
        assert app.screen.query_one("#value", Input).placeholder.endswith("e.g. 18%")
        detail = str(app.screen.query_one("#checkin-detail", Static).render())
        assert "12% → no check-in yet → 18%" in detail


async def test_two_check_ins_typed_in_one_burst_are_both_saved(
    store: Store, tmp_path: Path
) -> None:
    """The form empties and the list has the focus as soon as a check-in is saved, before the
    save is done: keys typed next move on the list, not into the note that is then wiped."""
    wid = _ben_owns_kr1(store)
    app = participant_app(store, wid, "Ben", tmp_path, today=day(45))
    async with app.run_test(size=(120, 40)) as pilot:
        await to_work(pilot)
        assert isinstance(app.screen, CheckinScreen)
        first_kr = ("enter", "15%", "enter", "3", "enter", "search fix", "enter")
        await burst(
            pilot, *first_kr, "down", "enter", "8%", "enter", "6", "enter", "zero fix", "enter"
        )
        await app.workers.wait_for_complete()
        await app.settle()
    first, second = (kr.checkins for kr in store.get(wid).key_results[:2])
    assert [(c.value, c.confidence, c.note) for c in first] == [("15%", 3, "search fix")]
    assert [(c.value, c.confidence, c.note) for c in second] == [("8%", 6, "zero fix")]
