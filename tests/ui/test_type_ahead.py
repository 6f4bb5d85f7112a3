"""Keys typed ahead land in the field that has focus when each key is handled, never in the one
just left, however fast they come (``burst`` hands a whole line to the app in one go, as one
read from a fast typist or a slow machine does)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Input, TextArea
from ui.helpers import burst

from okrworkshop.model import Stage
from screens.key_order import InOrderKeys
from screens.widgets.kr_form import KrForm
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
