"""Keys typed ahead land in the field that has focus when each key is handled, never in the one
just left, however fast they come (``burst`` hands a whole line to the app in one go, as one
read from a fast typist or a slow machine does)."""

from __future__ import annotations

from typing import ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.widgets import Input, TextArea

from okrworkshop.model import Stage
from screens.dialogs.tracking import CheckinDialog
from screens.key_order import InOrderKeys
from screens.participant.drafting import DraftingScreen
from screens.widgets import kr_form
from screens.widgets.kr_form import KrForm
from ui.helpers import burst
from ui.participant_helpers import participant_app
from ui.test_key_results import with_focus


class _Boxes(InOrderKeys, App[None]):
    """The smallest case: a text area and three inputs, as in the report."""

    def compose(self) -> ComposeResult:
        yield TextArea(id="t")
        for name in "abc":
            yield Input(id=name, select_on_focus=False)


async def test_a_burst_with_tabs_fills_each_box_in_turn() -> None:
    app = _Boxes()
    async with app.run_test() as pilot:
        await burst(pilot, "statement words", "tab", "aaa", "tab", "bbb", "tab", "ccc")
        texts = [app.query_one("#t", TextArea).text]
        texts += [app.query_one(f"#{name}", Input).value for name in "abc"]
        assert texts == ["statement words", "aaa", "bbb", "ccc"]


async def test_a_burst_with_shift_tab_goes_back_to_the_box_before() -> None:
    app = _Boxes()
    async with app.run_test() as pilot:
        await burst(pilot, "tab", "one", "tab", "two", "shift+tab", "!", "tab", "tab", "3")
        values = [app.query_one(f"#{name}", Input).value for name in "abc"]
        assert values == ["one!", "two", "3"]


class _Vanishing(InOrderKeys, App[None]):
    """F2 removes the box that has the focus (as Enter closing a dialog removes its field)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("f2", "drop", "Drop")]

    def compose(self) -> ComposeResult:
        yield Input(id="a")
        yield Input(id="b")

    async def action_drop(self) -> None:
        focused = self.focused
        assert focused is not None
        await focused.remove()
        self.query_one("#b", Input).focus()


async def test_keys_after_one_that_removes_its_box_go_to_the_next() -> None:
    app = _Vanishing()
    async with app.run_test() as pilot:
        await burst(pilot, "one", "f2", "two")
        assert [box.id for box in app.query(Input)] == ["b"]
        assert app.query_one("#b", Input).value == "two"
        assert app.keys_waiting == 0


KR = (
    "Cut median setup time from 3 days to 4 hours by 2027-03-31",
    "median setup time",
    "3 days",
    "4 hours",
    "hours",
    "2027-03-31",
)


async def _type_a_kr_in_one_burst(store, workshop, app_for, size: tuple[int, int]) -> None:
    with_focus(store, workshop)
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.screen.focused is app.screen.query_one(KrForm).field("statement")
        keys: list[str] = []
        for text in KR:
            keys += [text, "tab"]
        await burst(pilot, *keys[:-1], "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
    kr = store.get(workshop.id).key_results[0]
    assert (kr.statement, kr.metric, kr.baseline, kr.target, kr.unit) == KR[:5]
    assert kr.deadline is not None and kr.deadline.isoformat() == KR[5]


async def test_a_key_result_typed_in_one_burst_is_saved_field_by_field(
    store, workshop, app_for
) -> None:
    await _type_a_kr_in_one_burst(store, workshop, app_for, (120, 40))


async def test_a_key_result_typed_in_one_burst_at_80x24(store, workshop, app_for) -> None:
    await _type_a_kr_in_one_burst(store, workshop, app_for, (80, 24))


async def test_drafts_and_an_idea_typed_in_one_burst(store, workshop, tmp_path) -> None:
    app = participant_app(store, workshop.id, "Ben", tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("enter")  # past the briefing
        await pilot.pause()
        assert isinstance(app.screen, DraftingScreen)
        await burst(pilot, "First draft", "enter", "Second draft", "enter", "tab")
        await burst(pilot, "Lift conversion from 12% to 18% by March", "enter")
        await app.settle()
    ws = store.get(workshop.id)
    assert [o.text for o in ws.objectives] == ["First draft", "Second draft"]
    assert [k.statement for k in ws.key_results] == ["Lift conversion from 12% to 18% by March"]


async def test_a_check_in_typed_in_one_burst(example_store, app_on) -> None:
    app = app_on(example_store, "example", Stage.FINAL)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k")
        await pilot.pause()
        await pilot.press("2", "enter")  # KR2
        for _ in range(200):
            if isinstance(app.screen, CheckinDialog) and app.focused is not None:
                break
            await pilot.pause()
        await burst(pilot, "6.9%", "enter", "7", "enter", "Spelling fix shipped early", "enter")
        await app.workers.wait_for_complete()
        await app.settle()
    latest = example_store.get("example").key_results[1].checkins[-1]
    assert (latest.value, latest.confidence, latest.note) == (
        "6.9%",
        7,
        "Spelling fix shipped early",
    )


async def test_keys_typed_while_the_check_in_dialog_opens_go_into_it(example_store, app_on) -> None:
    app = app_on(example_store, "example", Stage.FINAL)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k")
        await pilot.pause()
        await burst(pilot, "2", "enter", "6.9%", "enter", "7", "enter", "Spelling", "enter")
        await app.workers.wait_for_complete()
        await app.settle()
    latest = example_store.get("example").key_results[1].checkins[-1]
    assert (latest.value, latest.confidence, latest.note) == ("6.9%", 7, "Spelling")


async def test_the_form_is_not_linted_on_every_key_of_a_burst(
    store, workshop, app_for, monkeypatch
) -> None:
    calls: list[str] = []
    real = kr_form.lint_key_result

    def counted(statement: str, **kwargs):
        calls.append(statement)
        return real(statement, **kwargs)

    monkeypatch.setattr(kr_form, "lint_key_result", counted)
    with_focus(store, workshop)
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        calls.clear()
        await burst(pilot, KR[0])
        form = app.screen.query_one(KrForm)
        assert form.lint is not None and calls[-1] == KR[0]
        assert "Time-bound" in form.findings.text
    assert len(calls) < len(KR[0]) / 2, len(calls)


async def test_words_typed_after_adding_a_key_result_start_the_next_one(
    store, workshop, app_for
) -> None:
    """The form is emptied and the statement has the focus as soon as a key result is added,
    before the save is done: the next words never land in the Deadline box, nor are wiped."""
    with_focus(store, workshop)
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        keys: list[str] = []
        for text in KR:
            keys += [text, "tab"]
        nps = "Lift NPS from 30 to 40 by 2027-03-31"
        await burst(pilot, *keys[:-1], "ctrl+s", nps, "ctrl+s", "Keep churn under 2%")
        await app.workers.wait_for_complete()
        await pilot.pause()
        form = app.screen.query_one(KrForm)
        assert form.values().statement == "Keep churn under 2%"
        assert form.values().deadline == ""
    krs = store.get(workshop.id).key_results
    assert [k.statement for k in krs] == [KR[0], nps]
    assert krs[0].deadline is not None and krs[0].deadline.isoformat() == KR[5]
    assert krs[1].deadline is None
