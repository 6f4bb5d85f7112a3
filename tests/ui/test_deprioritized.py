"""Step 5, Deprioritized: drafts set aside with a reason, free items added, edited and removed."""

from __future__ import annotations

import pytest
from hostile import HOSTILE
from textual import events
from textual.widgets import DataTable, Input, Static

from okrworkshop import actions
from okrworkshop.model import Stage, Workshop
from okrworkshop.store import Store
from okrworkshop.text import visible
from screens.dialogs.modals import ConfirmScreen, TextPrompt
from screens.facilitator.deprioritized import DeprioritizedTable, UndecidedList
from ui.helpers import record_notes


@pytest.fixture
def chosen(store: Store, workshop: Workshop) -> Workshop:
    """Three drafts (o1 by Ben, o2 by Chen, o3 by Dana) and o1 chosen as the focus."""

    def prepare(ws: Workshop) -> None:
        actions.add_draft(ws, "Buyers find things", author="Ben")
        actions.add_draft(ws, "Sellers list fast", author="Chen")
        actions.add_draft(ws, "EU buyers shop", author="Dana")
        actions.choose_focus(ws, "o1")

    store.update(workshop.id, prepare)
    return store.get(workshop.id)


async def _type(pilot, text: str) -> None:
    await pilot.press(*text)


async def test_deprioritize_a_draft_with_a_reason_by_keys(store, chosen, app_for):
    app = app_for(store, chosen.id, Stage.DEPRIORITIZED)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        drafts = app.screen.query_one(UndecidedList)
        assert drafts.has_focus
        assert [drafts.get_option_at_index(i).id for i in range(drafts.option_count)] == [
            "o2",
            "o3",
        ]
        await pilot.press("down")  # o3
        await pilot.press("d")
        assert isinstance(app.screen, TextPrompt)
        await _type(pilot, "EU next half")
        await pilot.press("enter")
        await app.settle()
        ws = store.get(chosen.id)
        assert [(d.from_objective, d.text, d.reason) for d in ws.deprioritized] == [
            ("o3", "EU buyers shop", "EU next half")
        ]
        assert [drafts.get_option_at_index(i).id for i in range(drafts.option_count)] == ["o2"]
        # Enter works as well as d.
        await pilot.press("enter")
        assert isinstance(app.screen, TextPrompt)
        await _type(pilot, "Later")
        await pilot.press("enter")
        await app.settle()
    ws = store.get(chosen.id)
    assert [d.from_objective for d in ws.deprioritized] == ["o3", "o2"]
    assert ws.deprioritized[1].reason == "Later"


async def test_empty_reason_is_refused_and_nothing_is_lost(store, chosen, app_for):
    app = app_for(store, chosen.id, Stage.DEPRIORITIZED)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("d")
        prompt = app.screen
        assert isinstance(prompt, TextPrompt)
        await pilot.press("space", "enter")  # only a space: refused, the dialog stays
        assert app.screen is prompt
        assert "Please type something" in str(prompt.query_one("#prompt-error", Static).content)
        await pilot.press("escape")  # cancel: nothing changes
        await app.settle()
        assert store.get(chosen.id).deprioritized == []
        assert app.screen.query_one(UndecidedList).option_count == 2
        await pilot.press("d")
        await _type(pilot, "Not now")
        await pilot.press("enter")
        await app.settle()
    assert [d.reason for d in store.get(chosen.id).deprioritized] == ["Not now"]


async def test_add_a_free_item_with_its_reason(store, chosen, app_for):
    app = app_for(store, chosen.id, Stage.DEPRIORITIZED)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        what = app.screen.query_one("#new-item", Input)
        why = app.screen.query_one("#new-reason", Input)
        what.focus()
        await _type(pilot, "New engine")
        await pilot.press("enter")  # no reason yet: Enter moves on to the reason
        assert why.has_focus
        await _type(pilot, "Later bet")
        await pilot.press("enter")
        await app.settle()
        assert what.value == "" and why.value == ""
        table = app.screen.query_one(DeprioritizedTable)
        assert table.row_count == 1
        assert str(table.get_row_at(0)[3]) == "added"
    items = store.get(chosen.id).deprioritized
    assert [(d.text, d.reason, d.from_objective) for d in items] == [
        ("New engine", "Later bet", None)
    ]


async def test_free_item_without_a_reason_is_refused_and_kept(store, chosen, app_for):
    app = app_for(store, chosen.id, Stage.DEPRIORITIZED)
    async with app.run_test(size=(120, 40)) as pilot:
        notes = record_notes(app)
        await pilot.pause()
        what = app.screen.query_one("#new-item", Input)
        why = app.screen.query_one("#new-reason", Input)
        what.focus()
        await _type(pilot, "Rewrite")
        why.focus()
        await pilot.press("enter")
        await app.settle()
        assert any("reason" in note for note in notes)
        assert what.value == "Rewrite"  # nothing typed is lost
        assert store.get(chosen.id).deprioritized == []


async def test_edit_an_item_text_and_reason(store, chosen, app_for):
    store.update(chosen.id, lambda ws: actions.deprioritize(ws, "Old words", "Old why"))
    app = app_for(store, chosen.id, Stage.DEPRIORITIZED)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one(DeprioritizedTable).focus()
        await pilot.press("e")
        assert isinstance(app.screen, TextPrompt)
        assert app.screen.query_one("#answer", Input).value == "Old words"
        await pilot.press("ctrl+u")
        await _type(pilot, "New words")
        await pilot.press("enter")
        assert isinstance(app.screen, TextPrompt)  # now the reason
        assert app.screen.query_one("#answer", Input).value == "Old why"
        await pilot.press("ctrl+u", "enter")  # an empty reason is refused
        assert isinstance(app.screen, TextPrompt)
        await _type(pilot, "New why")
        await pilot.press("enter")
        await app.settle()
    item = store.get(chosen.id).deprioritized[0]
    assert (item.text, item.reason) == ("New words", "New why")


async def test_edit_keeping_the_words_leaves_them_untouched(store, chosen, app_for):
    store.update(chosen.id, lambda ws: actions.deprioritize(ws, "Two\nlines", "Why"))
    app = app_for(store, chosen.id, Stage.DEPRIORITIZED)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one(DeprioritizedTable).focus()
        await pilot.press("e", "enter")  # keep the words
        await pilot.press("end")  # the prompt selects its text; keep it and add to it
        await _type(pilot, " too")
        await pilot.press("enter")
        await app.settle()
    item = store.get(chosen.id).deprioritized[0]
    assert (item.text, item.reason) == ("Two\nlines", "Why too")


async def test_remove_asks_first(store, chosen, app_for):
    store.update(chosen.id, lambda ws: actions.deprioritize(ws, None, "Why", from_objective="o2"))
    app = app_for(store, chosen.id, Stage.DEPRIORITIZED)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one(DeprioritizedTable).focus()
        await pilot.press("x")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await app.settle()
        assert len(store.get(chosen.id).deprioritized) == 1
        await pilot.press("delete")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await app.settle()
        assert store.get(chosen.id).deprioritized == []
        # The draft it came from is undecided again.
        drafts = app.screen.query_one(UndecidedList)
        assert [drafts.get_option_at_index(i).id for i in range(drafts.option_count)] == [
            "o2",
            "o3",
        ]


async def test_cursor_stays_on_its_item_when_others_are_added(store, chosen, app_for):
    for n in range(5):
        store.update(chosen.id, lambda ws, n=n: actions.deprioritize(ws, f"Item {n}", "Why"))
    app = app_for(store, chosen.id, Stage.DEPRIORITIZED)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DeprioritizedTable)
        table.focus()
        await pilot.press("down", "down")
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == "d3"
        # Another terminal removes the item above it and adds one at the end.
        store.update(chosen.id, lambda ws: actions.remove_deprioritized(ws, "d1"))
        store.update(chosen.id, lambda ws: actions.deprioritize(ws, "Late", "Why"))
        app.writes.reload(chosen.id)
        await app.settle()
        assert table.row_count == 5
        assert table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value == "d3"


async def test_detail_pane_shows_hostile_text_literally(store, chosen, app_for):
    long_reason = HOSTILE["long"]

    def prepare(ws: Workshop) -> None:
        actions.deprioritize(ws, HOSTILE["click-action"], HOSTILE["rich-markup"])
        actions.deprioritize(ws, HOSTILE["ansi"], long_reason)
        actions.deprioritize(ws, HOSTILE["rtl"], HOSTILE["todo-brackets"])

    store.update(chosen.id, prepare)
    app = app_for(store, chosen.id, Stage.DEPRIORITIZED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(DeprioritizedTable)
        table.focus()
        detail = app.screen.query_one("#detail-text", Static)
        await pilot.pause()
        assert HOSTILE["click-action"] in str(detail.content)
        assert HOSTILE["rich-markup"] in str(detail.content)
        assert str(table.get_row_at(0)[1]).startswith("[@click=app.quit]")
        await pilot.press("down")
        assert visible(HOSTILE["ansi"]) in str(detail.content)
        assert "\x1b" not in str(detail.content)
        assert long_reason.strip() in str(detail.content)
        await pilot.press("down")
        assert visible(HOSTILE["rtl"]) in str(detail.content)
        assert "[TODO] plan" in str(detail.content)
        await app.settle()
    assert app.return_code is None


async def test_two_hundred_drafts_stay_usable(store, workshop, app_for):
    def prepare(ws: Workshop) -> None:
        for n in range(200):
            actions.add_draft(ws, f"Draft number {n}", author="Ben")
        actions.choose_focus(ws, "o1")

    store.update(workshop.id, prepare)
    app = app_for(store, workshop.id, Stage.DEPRIORITIZED)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        drafts = app.screen.query_one(UndecidedList)
        assert drafts.option_count == 199
        await pilot.press("end", "d")
        await _type(pilot, "No")
        await pilot.press("enter")
        await app.settle()
        assert drafts.option_count == 198
    assert store.get(workshop.id).deprioritized[0].from_objective == "o200"


async def test_no_focus_yet_is_said_at_the_top(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.DEPRIORITIZED)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        focus = str(app.screen.query_one("#depr-focus", Static).content)
        assert "No focus objective yet" in focus
        assert isinstance(app.screen.query_one(DeprioritizedTable), DataTable)


async def test_hostile_items_typed_in_are_stored_as_typed(store, chosen, app_for):
    samples = ["rich-markup", "click-action", "ansi", "emoji", "rtl", "markdown"]
    app = app_for(store, chosen.id, Stage.DEPRIORITIZED)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        what = app.screen.query_one("#new-item", Input)
        why = app.screen.query_one("#new-reason", Input)
        for name in samples:
            what.focus()
            app.post_message(events.Paste(HOSTILE[name]))
            why.focus()
            app.post_message(events.Paste(HOSTILE["todo-brackets"]))
            await pilot.pause()
            await pilot.press("enter")
            await app.settle()
        rows = app.screen.query_one(DeprioritizedTable).row_count
    items = store.get(chosen.id).deprioritized
    assert [d.text for d in items] == [visible(HOSTILE[name]) for name in samples]
    assert {d.reason for d in items} == {"[TODO] plan"}
    assert rows == len(samples)
    assert app.return_code is None
