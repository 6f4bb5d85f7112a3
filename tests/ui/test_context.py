"""Step 2, Strategic context: typing in the form saves to the store, lists and overlaps parse."""

from __future__ import annotations

from hostile import HOSTILE
from textual import events
from textual.widgets import Static

from okrworkshop import actions
from okrworkshop.model import Overlap, Stage
from okrworkshop.text import visible
from screens.facilitator.context import FIELDS, overlaps_problem
from screens.widgets.fields import FieldArea


async def _open_field(app, pilot, key: str) -> FieldArea:
    await pilot.pause()
    area = app.screen.query_one(f"#context-{key}", FieldArea)
    area.focus()
    await pilot.pause()
    return area


async def _type(pilot, text: str) -> None:
    """Type text key by key; a newline is the Enter key."""
    for ch in text:
        await pilot.press("enter" if ch == "\n" else ch)


async def test_typed_fields_are_saved(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.CONTEXT)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_field(app, pilot, "mission")
        await _type(pilot, "Help shops")
        await pilot.press("tab")  # to the North Star
        await _type(pilot, "Found")
        pillars = await _open_field(app, pilot, "pillars")
        await _type(pilot, "Rel\n\n  Fast  \nEU")
        assert pillars.text == "Rel\n\n  Fast  \nEU"
        await _open_field(app, pilot, "overlaps")
        await _type(pilot, "Pay: drop\nSeller : a: b")
        await _open_field(app, pilot, "why_okrs")
        await _type(pilot, "Focus")
        await app.settle()
        context = store.get(workshop.id).context
    assert context.mission == "Help shops"
    assert context.north_star == "Found"
    assert context.pillars == ["Rel", "Fast", "EU"]
    assert context.overlaps == [Overlap("Pay", "drop"), Overlap("Seller", "a: b")]
    assert context.why_okrs == "Focus"


async def test_clearing_fields_clears_them_in_the_store(store, workshop, app_for):
    store.update(
        workshop.id,
        lambda ws: actions.set_context(
            ws, mission="Old", pillars=["A", "B"], overlaps=[("X", "y")]
        ),
    )
    app = app_for(store, workshop.id, Stage.CONTEXT)
    async with app.run_test(size=(120, 40)) as pilot:
        for key in ("mission", "pillars", "overlaps"):
            area = await _open_field(app, pilot, key)
            await pilot.press("f7")  # select all
            await pilot.press("backspace")
            assert area.text == ""
        await app.settle()
        context = store.get(workshop.id).context
    assert context.mission == ""
    assert context.pillars == []
    assert context.overlaps == []


async def test_overlap_line_without_colon_gets_a_hint_and_is_kept(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.CONTEXT)
    async with app.run_test(size=(120, 40)) as pilot:
        area = await _open_field(app, pilot, "overlaps")
        await _type(pilot, "Payments: checkout\nSeller Tools")
        hint = app.screen.query_one("#overlaps-hint", Static)
        assert "Line 2 has no ':' between the team and the topic" in str(hint.content)
        await pilot.press("tab")  # leave the field: the half-typed line is neither saved nor lost
        await app.settle()
        assert store.get(workshop.id).context.overlaps == [Overlap("Payments", "checkout")]
        assert area.text == "Payments: checkout\nSeller Tools"
        area.focus()
        await pilot.press("end")
        await _type(pilot, ": titles")
        assert str(hint.content) == ""
        await app.settle()
        assert store.get(workshop.id).context.overlaps == [
            Overlap("Payments", "checkout"),
            Overlap("Seller Tools", "titles"),
        ]


def test_overlap_parsing_refuses_an_overlong_team_name():
    problem = overlaps_problem("x" * 61 + ": topic")
    assert problem is not None and "Line 1" in problem and "60 characters" in problem


async def test_typing_autosaves_without_leaving_the_field(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.CONTEXT)
    async with app.run_test(size=(120, 40)) as pilot:
        area = await _open_field(app, pilot, "strategy")
        await _type(pilot, "Rel first")
        assert app.writes.has_pending("context.strategy")
        # A pause in typing: the debounce fires between 0.5 and 1 s after the last key (a reset
        # Textual timer keeps its first deadline's phase). Nothing here flushes.
        for _ in range(int(3 / 0.1)):
            if not app.writes.has_pending():
                break
            await pilot.pause(0.1)
        await app.workers.wait_for_complete()
        assert area.has_focus
        assert not app.writes.has_pending()
        assert store.get(workshop.id).context.strategy == "Rel first"


async def test_leaving_a_field_saves_it_at_once(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.CONTEXT)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_field(app, pilot, "vision")
        await _type(pilot, "Meaning")
        assert app.writes.has_pending("context.vision")
        await pilot.press("tab")
        assert not app.writes.has_pending("context.vision")  # queued now, not after the pause
        await app.workers.wait_for_complete()
        assert store.get(workshop.id).context.vision == "Meaning"


async def test_markup_typed_by_keys_is_stored_as_typed(store, workshop, app_for):
    app = app_for(store, workshop.id, Stage.CONTEXT)
    async with app.run_test(size=(120, 40)) as pilot:
        await _open_field(app, pilot, "mission")
        await _type(pilot, HOSTILE["click-action"])
        await _open_field(app, pilot, "north_star")
        await _type(pilot, HOSTILE["rich-markup"])
        await app.settle()
        context = store.get(workshop.id).context
    assert context.mission == HOSTILE["click-action"]
    assert context.north_star == HOSTILE["rich-markup"]
    assert app.return_code is None  # the [@click=app.quit] did nothing


async def test_hostile_pastes_are_stored_exactly(store, workshop, app_for):
    """Pasted text is stored as typed; control characters arrive as visible escapes."""
    app = app_for(store, workshop.id, Stage.CONTEXT)
    async with app.run_test(size=(120, 40)) as pilot:
        for name, text in HOSTILE.items():
            area = await _open_field(app, pilot, "mission")
            area.clear()
            app.post_message(events.Paste(text))
            await pilot.pause()
            await app.settle()
            stored = store.get(workshop.id).context.mission
            assert stored == visible(text, keep_newlines=True).strip(), name
            if text.isprintable() or name == "list-start":
                assert stored == text.strip(), name
        # Every hostile string at once, one per line, as pillars.
        area = await _open_field(app, pilot, "pillars")
        area.clear()
        app.post_message(events.Paste("\n".join(HOSTILE.values())))
        await pilot.pause()
        await app.settle()
        pillars = store.get(workshop.id).context.pillars
    expected = [
        visible(line).strip()
        for text in HOSTILE.values()
        for line in visible(text, keep_newlines=True).split("\n")
        if line.strip()
    ]
    assert pillars == expected


async def test_stored_hostile_text_shows_literally_in_the_form(store, workshop, app_for):
    """Text another process stored appears in the fields as characters, never as markup."""
    store.update(
        workshop.id,
        lambda ws: actions.set_context(
            ws,
            mission=HOSTILE["ansi"],
            north_star=HOSTILE["rich-markup"],
            strategy=HOSTILE["long"],
            pillars=[HOSTILE["rtl"], HOSTILE["emoji"]],
            overlaps=[("[/]", HOSTILE["click-action"])],
        ),
    )
    app = app_for(store, workshop.id, Stage.CONTEXT)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        text = {
            spec.key: screen.query_one(f"#context-{spec.key}", FieldArea).text for spec in FIELDS
        }
        assert text["mission"] == visible(HOSTILE["ansi"])
        assert "\x1b" not in text["mission"]
        assert text["north_star"] == HOSTILE["rich-markup"]
        assert text["strategy"] == HOSTILE["long"].strip()
        assert text["pillars"] == visible(HOSTILE["rtl"]) + "\n" + HOSTILE["emoji"]
        assert text["overlaps"] == "[/]: " + HOSTILE["click-action"]
        await app.settle()
    assert app.return_code is None


async def test_required_fields_are_marked_in_words(store, workshop, app_for):
    store.update(workshop.id, lambda ws: actions.set_context(ws, mission="Ours"))
    app = app_for(store, workshop.id, Stage.CONTEXT)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        label = app.screen.query_one("#context-mission-label", Static)
        assert "required ✓" in str(label.content)
        label = app.screen.query_one("#context-north_star-label", Static)
        assert "required: still empty ✗" in str(label.content)
        label = app.screen.query_one("#context-vision-label", Static)
        assert "optional" in str(label.content)


async def test_a_final_okr_cannot_be_typed_into(example_store, app_for):
    before = example_store.get("example").context
    app = app_for(example_store, "example", Stage.CONTEXT)
    async with app.run_test(size=(120, 40)) as pilot:
        area = await _open_field(app, pilot, "mission")
        assert area.read_only
        await pilot.press("x", "y")
        await app.settle()
        assert area.text == before.mission
    assert example_store.get("example").context == before
