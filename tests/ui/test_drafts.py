"""Step 3, Draft objectives: keys in, then what the store holds."""

from __future__ import annotations

import subprocess
import sys

from hostile import HOSTILE
from textual.content import Content
from textual.widgets import Input, Select, Static

from okrworkshop import actions
from okrworkshop.model import Origin, Stage
from okrworkshop.text import visible
from screens.dialogs.modals import ConfirmScreen
from screens.facilitator.drafts import DraftForm, DraftsScreen, DraftTable
from screens.widgets.author_bar import AuthorBar
from screens.widgets.fields import FieldArea


def rendered(widget: Static) -> str:
    """What a Static shows, as plain text."""
    content = widget.render()
    assert isinstance(content, Content)
    return content.plain


def table_text(app) -> str:
    """Every cell of the drafts table, as plain text, one row per line."""
    table = app.screen.query_one(DraftTable)
    return "\n".join(
        " | ".join(cell.plain for cell in table.get_row_at(i)) for i in range(table.row_count)
    )


async def open_drafts(app, pilot):
    await pilot.pause()
    await app.settle()
    assert isinstance(app.screen, DraftsScreen)
    return app.screen


async def add_draft(store, workshop_id: str, text: str, author: str, **kwargs):
    return store.update(
        workshop_id, lambda ws: actions.add_draft(ws, text, author=author, **kwargs)
    )


async def test_add_drafts_as_different_authors_with_f2_f3(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafts(app, pilot)
        assert app.focused is screen.query_one("#draft-input", Input)
        await pilot.press(*"Buyers find things fast", "enter")
        await pilot.press("f2", *"Sellers list in minutes", "enter")
        # From Chen: F2 Dana, F2 Ana (the facilitator), F3 back to Dana.
        await pilot.press("f2", "f2", "f3", *"EU buyers can shop", "enter")
        await app.settle()
        drafts = store.get(workshop.id).objectives
        assert [(o.text, o.author) for o in drafts] == [
            ("Buyers find things fast", "Ben"),
            ("Sellers list in minutes", "Chen"),
            ("EU buyers can shop", "Dana"),
        ]
        assert all(o.origin is Origin.LIVE for o in drafts)
        strip = rendered(screen.query_one(AuthorBar))
        assert "Ben (1)" in strip and "Dana (1)" in strip and "Ana (0)" in strip
        assert "▶3 Dana" in strip
        assert screen.query_one("#draft-input", Input).value == ""
        assert "EU buyers can shop" in table_text(app)


async def test_click_on_a_name_makes_them_the_author(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafts(app, pilot)
        strip = screen.query_one(AuthorBar)
        column = rendered(strip).index("3 Dana") + 1  # +1 for the strip's left padding
        await pilot.click(AuthorBar, offset=(column + 2, 0))
        assert strip.current == "Dana"
        screen.query_one("#draft-input", Input).focus()
        await pilot.press(*"Dana's idea", "enter")
        await app.settle()
        assert [o.author for o in store.get(workshop.id).objectives] == ["Dana"]


async def test_pillar_is_stored_with_the_draft(store, workshop, app_for):
    store.update(workshop.id, lambda ws: actions.set_context(ws, pillars=["Growth", "Quality"]))
    app = app_for(store, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafts(app, pilot)
        screen.query_one("#draft-pillar", Select).value = "Quality"
        screen.query_one("#draft-input", Input).focus()
        await pilot.press(*"Pages load fast", "enter")
        await app.settle()
        (draft,) = store.get(workshop.id).objectives
        assert draft.pillar == "Quality"


async def test_the_pillar_picker_opens_by_key_and_its_list_is_made_only_then(
    store, workshop, app_for
):
    """The picker is one line until opened (its option list is made on first use); Enter opens
    it, the arrows and Enter pick, and the box has the focus again for the draft."""
    from textual.widgets._select import SelectOverlay

    store.update(workshop.id, lambda ws: actions.set_context(ws, pillars=["Growth", "Quality"]))
    app = app_for(store, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafts(app, pilot)
        picker = screen.query_one("#draft-pillar", Select)
        assert not picker.query(SelectOverlay)  # nothing but the line until it opens
        assert "Pillar: none" in str(picker.query_one("SelectCurrent").render())
        picker.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert picker.expanded and picker.query(SelectOverlay)
        await pilot.press("down", "down", "enter")  # past "none" and Growth, to Quality
        await pilot.pause()
        assert picker.value == "Quality" and not picker.expanded
        assert "Quality" in str(picker.query_one("SelectCurrent").render())
        assert screen.focused is screen.query_one("#draft-input", Input)
        await pilot.press(*"Pages load fast", "enter")
        await app.settle()
        (draft,) = store.get(workshop.id).objectives
        assert draft.pillar == "Quality"
        await pilot.pause()
        assert picker.value is Select.NULL  # the next draft starts with none
        picker.focus()
        await pilot.press("enter", "escape")  # opened again (the list is kept) and closed
        await pilot.pause()
        assert not picker.expanded and picker.value is Select.NULL


async def test_a_click_opens_the_pillar_picker_the_first_time_too(store, workshop, app_for):
    from textual.widgets._select import SelectOverlay

    store.update(workshop.id, lambda ws: actions.set_context(ws, pillars=["Growth", "Quality"]))
    app = app_for(store, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafts(app, pilot)
        await pilot.click("#draft-pillar")
        await pilot.pause()
        picker = screen.query_one("#draft-pillar", Select)
        assert picker.expanded and picker.query_one(SelectOverlay).has_focus
        await pilot.press("down", "down", "enter")  # "none" first, as Select's own list
        await pilot.pause()
        assert picker.value == "Growth"


async def test_empty_draft_is_refused_with_a_message_and_the_text_kept(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafts(app, pilot)
        await pilot.press("space", "space", "enter")
        await app.settle()
        assert store.get(workshop.id).objectives == []
        assert screen.query_one("#draft-input", Input).value == "  "
        message = rendered(screen.query_one("#draft-message", Static))
        assert "empty" in message
        assert screen.query_one("#draft-message").has_class("-warning")


async def test_edit_draft_in_the_form(store, workshop, app_for):
    store.update(workshop.id, lambda ws: actions.set_context(ws, pillars=["Growth", "Quality"]))
    await add_draft(store, workshop.id, "Old words", "Ben")
    app = app_for(store, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafts(app, pilot)
        screen.query_one(DraftTable).focus()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DraftForm)
        form.query_one("#form-text", FieldArea).load_text("New words, [b]kept[/b]")
        form.query_one("#form-author", Select).value = "Chen"
        form.query_one("#form-pillar", Select).value = "Growth"
        form.query_one("#form-rationale", Input).focus()
        await pilot.press(*"Because", "ctrl+s")
        await app.settle()
        assert app.screen is screen
        (draft,) = store.get(workshop.id).objectives
        assert (draft.text, draft.author, draft.pillar, draft.rationale) == (
            "New words, [b]kept[/b]",
            "Chen",
            "Growth",
            "Because",
        )
        assert "New words, [b]kept[/b]" in rendered(screen.query_one("#detail-text", Static))


async def test_editing_a_voted_draft_on_the_shared_screen_keeps_its_dots(store, workshop, app_for):
    """The room rewords a draft in front of everyone: ``rules.dots_after_rewording`` keeps
    every dot (an author rewording alone gets only their own kept)."""
    await add_draft(store, workshop.id, "Old words", "Ben")

    def voted(ws):
        actions.go_to_stage(ws, Stage.FOCUS)
        actions.vote(ws, "o1", person="Chen")
        actions.go_to_stage(ws, Stage.DRAFTS)

    store.update(workshop.id, voted)
    app = app_for(store, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafts(app, pilot)
        screen.query_one(DraftTable).focus()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, DraftForm)
        form.query_one("#form-text", FieldArea).load_text("New words the room agreed")
        await pilot.press("ctrl+s")
        await app.settle()
        (draft,) = store.get(workshop.id).objectives
        assert (draft.text, draft.votes) == ("New words the room agreed", {"Chen": 1})


async def test_edit_form_refuses_empty_text_and_escape_cancels(store, workshop, app_for):
    await add_draft(store, workshop.id, "Keep me", "Ben")
    app = app_for(store, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafts(app, pilot)
        screen.query_one(DraftTable).focus()
        await pilot.press("e")
        await pilot.pause()
        form = app.screen
        form.query_one("#form-text", FieldArea).load_text("   ")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is form
        assert "empty" in rendered(form.query_one("#form-error", Static))
        await pilot.press("escape")
        await app.settle()
        assert app.screen is screen
        assert store.get(workshop.id).objectives[0].text == "Keep me"


async def test_delete_asks_first_no_keeps_yes_deletes(store, workshop, app_for):
    await add_draft(store, workshop.id, "First", "Ben")
    await add_draft(store, workshop.id, "Second", "Chen")
    app = app_for(store, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafts(app, pilot)
        screen.query_one(DraftTable).focus()
        await pilot.press("down", "x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await app.settle()
        assert [o.id for o in store.get(workshop.id).objectives] == ["o1", "o2"]
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await app.settle()
        assert [o.id for o in store.get(workshop.id).objectives] == ["o1"]
        assert "Second" not in table_text(app)


async def test_hostile_text_typed_is_stored_exactly_and_shown_literally(store, workshop, app_for):
    # What an input can hold: control characters are turned into visible escapes as they are
    # typed or pasted (SafeInput), so those strings are checked through the store below.
    typeable = {k: v for k, v in HOSTILE.items() if visible(v) == v}
    app = app_for(store, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafts(app, pilot)
        entry = screen.query_one("#draft-input", Input)
        for text in typeable.values():
            entry.value = text
            await pilot.press("enter")
            await app.settle()
        stored = [o.text for o in store.get(workshop.id).objectives]
        assert stored == [text.strip() for text in typeable.values()]
        assert app.is_running  # no [@click=app.quit] fired
        shown = table_text(app)
        assert "[bold red]pwned[/]" in shown
        assert "[TODO] plan" in shown
        assert "[@click=app.quit]quit[/]" in shown


async def test_hostile_drafts_from_the_store_show_literally(store, workshop, app_for):
    for text in HOSTILE.values():
        await add_draft(store, workshop.id, text, "Ben")
    app = app_for(store, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafts(app, pilot)
        table = screen.query_one(DraftTable)
        table.focus()
        cells = table_text(app)
        assert "\x1b" not in cells and "\x00" not in cells
        assert "\\x1b[31mred" in cells and "before\\x00after" in cells
        detail = screen.query_one("#detail-text", Static)
        for key, text in HOSTILE.items():
            assert text.strip() in {o.text for o in store.get(workshop.id).objectives}
            shown = rendered(detail)
            assert "\x1b" not in shown and "\x00" not in shown and "\u202e" not in shown
            assert visible(text.strip(), keep_newlines=True) in shown, key
            await pilot.press("down")
        # The 10,000-character draft wraps inside the detail pane, which keeps its size.
        table.move_cursor(row=len(HOSTILE) - 1)
        await pilot.pause()
        pane = screen.query_one("#draft-detail")
        assert pane.size.height <= 12
        assert pane.virtual_size.height > 40
        await pilot.click("#detail-text")
        assert app.is_running


async def test_drafts_from_another_process_appear_without_disturbing_typing(
    store, workshop, app_for
):
    await add_draft(store, workshop.id, "Already here", "Chen")
    await add_draft(store, workshop.id, "Also here", "Dana")
    app = app_for(store, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafts(app, pilot)
        table = screen.query_one(DraftTable)
        table.move_cursor(row=1)  # highlight o2
        entry = screen.query_one("#draft-input", Input)
        entry.focus()
        await pilot.press(*"Half typ")
        cursor_before = entry.cursor_position
        for text in ("From Ben's laptop", "Another [b]one[/b]"):
            done = subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "okrworkshop",
                    "--db",
                    str(store.path),
                    "draft",
                    "-w",
                    workshop.id,
                    "--as",
                    "Ben",
                    text,
                ],
                capture_output=True,
                text=True,
                timeout=60,
                check=False,
            )
            assert done.returncode == 0, done.stderr
        for _ in range(50):
            if table.row_count == 4:
                break
            await pilot.pause(0.2)
        else:
            raise AssertionError("the other process's drafts never appeared")
        shown = table_text(app)
        assert "From Ben's laptop" in shown and "Another [b]one[/b]" in shown
        assert entry.value == "Half typ"
        assert entry.cursor_position == cursor_before
        assert app.focused is entry
        assert table.highlighted_key == "o2"
        await pilot.press(*"ed by Chen")
        screen.query_one(AuthorBar).pick(1)  # Chen
        await pilot.press("enter")
        await app.settle()
        drafts = store.get(workshop.id).objectives
        assert [(o.text, o.author) for o in drafts] == [
            ("Already here", "Chen"),
            ("Also here", "Dana"),
            ("From Ben's laptop", "Ben"),
            ("Another [b]one[/b]", "Ben"),
            ("Half typed by Chen", "Chen"),
        ]


async def test_final_workshop_refuses_new_drafts_and_keeps_the_text(example_store, app_for):
    app = app_for(example_store, "example", Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafts(app, pilot)
        await pilot.press(*"Too late", "enter")
        await app.settle()
        await pilot.pause()
        assert len(example_store.get("example").objectives) == 4
        assert screen.query_one("#draft-input", Input).value == "Too late"
        assert "final" in rendered(screen.query_one("#draft-message", Static))


async def test_quit_with_a_dialog_open_exits(store, workshop, app_for):
    """No worker waits on an open dialog, so ctrl+q's save-and-quit is never held up."""
    await add_draft(store, workshop.id, "Keep me", "Ben")
    app = app_for(store, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await open_drafts(app, pilot)
        screen.query_one(DraftTable).focus()
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("ctrl+q")
        for _ in range(50):
            if not app.is_running:
                break
            await pilot.pause(0.1)
        assert not app.is_running
    assert [o.text for o in store.get(workshop.id).objectives] == ["Keep me"]
