"""The Footer shows only keys that work where the focus is, and Esc leaves a text box."""

from __future__ import annotations

import pytest
from textual.widget import Widget
from textual.widgets import Footer, Input, TextArea

from okrworkshop.model import Stage
from screens.facilitator.grade import GradeScreen
from screens.keys_shown import is_text_box, types_into_box
from ui.participant_helpers import participant_app


def shown_keys(app) -> set[str]:
    """The keys the Footer offers now."""
    return {key for key, active in app.screen.active_bindings.items() if active.binding.show}


async def _settled(pilot) -> None:
    await pilot.pause()
    await pilot.app.settle()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_on_the_grade_screen_the_retro_box_takes_letters_and_esc_leaves_it(
    example_store, app_on
) -> None:
    app = app_on(example_store, "example", Stage.FINAL)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("k")
        await _settled(pilot)
        await pilot.press("g")
        await _settled(pilot)
        assert isinstance(app.screen, GradeScreen)
        scores = app.screen.query_one("#scores")
        assert app.focused is scores and "R" in shown_keys(app)
        retro = app.screen.query_one("#retro", TextArea)
        retro.focus()
        await pilot.pause()
        assert not {"R", "s", "x", "u", "N"} & shown_keys(app)  # they would type
        assert {"f8", "f1"} <= shown_keys(app)
        retro.move_cursor(retro.document.end)
        await pilot.press("R", "s")
        assert retro.text.endswith("Rs")
        await pilot.press("escape")
        assert app.focused is scores
        assert "R" in shown_keys(app)
        await _settled(pilot)
    assert not example_store.get("example").graded
    assert example_store.get("example").retro.endswith("Rs")


async def test_esc_in_the_new_key_result_form_goes_to_the_list(store, workshop, app_for) -> None:
    from ui.test_key_results import with_focus

    with_focus(store, workshop)
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert is_text_box(app.focused)
        await pilot.press("escape")
        assert app.focused is app.screen.query_one("#kr-table")


def _screens() -> list[tuple[Stage, tuple[str, ...]]]:
    steps = [(stage, ()) for stage in Stage]
    after = [(Stage.FINAL, ("k",)), (Stage.FINAL, ("k", "g")), (Stage.FINAL, ("k", "m"))]
    return steps + after


@pytest.mark.parametrize(
    ("stage", "keys"), _screens(), ids=lambda v: v.value if isinstance(v, Stage) else "-".join(v)
)
async def test_no_screen_offers_a_key_its_focused_box_would_type(
    example_store, app_on, stage, keys
) -> None:
    app = app_on(example_store, "example", stage)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settled(pilot)
        for key in keys:
            await pilot.press(key)
            await _settled(pilot)
        boxes = [w for w in app.screen.query(Widget) if is_text_box(w) and w.focusable]
        for box in boxes:
            box.focus()
            await pilot.pause()
            typed = {
                key
                for key, active in app.screen.active_bindings.items()
                if active.binding.show and active.node is not box and types_into_box(key)
            }
            assert not typed, (type(app.screen).__name__, box.id, typed)


# --- the Footer fits ---------------------------------------------------------------------------

SIZES = [(80, 24), (120, 40)]


def footer_problems(app) -> list[str]:
    """What is wrong with the Footer on top, measured from the widgets drawn: keys scrolled or
    cut off to the right (under the palette's key, or past the edge), Help or Quit missing."""
    screen = app.screen
    footer = screen.query_one(Footer)
    keys = list(footer.query("FooterKey"))
    palette = [k for k in keys if k.has_class("-command-palette")]
    others = [k for k in keys if not k.has_class("-command-palette")]
    edge = palette[0].region.x if palette else footer.region.right
    problems = []
    if footer.max_scroll_x:
        problems.append(f"{footer.max_scroll_x} columns too wide")
    for key in others:
        if key.region.width < key.outer_size.width or key.region.right > edge:
            problems.append(f"cut: {key.key_display} {key.description}")
    words = {getattr(k, "description", "") for k in keys}
    problems += [f"missing {must}" for must in ("Help", "Quit") if must not in words]
    if app.ENABLE_COMMAND_PALETTE and not palette:
        problems.append("missing the palette")
    return problems


async def _every_focus(pilot) -> dict[str, list[str]]:
    """The Footer's problems with each widget of the screen focused in turn."""
    app = pilot.app
    found: dict[str, list[str]] = {}
    for widget in [None, *app.screen.focus_chain]:
        if widget is not None:
            widget.focus()
        await pilot.pause()
        await pilot.pause()
        problems = footer_problems(app)
        if problems:
            name = f"{type(app.screen).__name__}/{getattr(widget, 'id', None)}"
            found[name] = problems
    return found


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize(
    ("stage", "keys"),
    [*_screens(), (None, ())],
    ids=lambda v: v.value if isinstance(v, Stage) else "-".join(v or ()) or "welcome",
)
async def test_every_facilitator_footer_fits(example_store, app_on, stage, keys, size) -> None:
    app = app_on(example_store, "example" if stage else None, stage)
    async with app.run_test(size=size) as pilot:
        await _settled(pilot)
        for key in keys:
            await pilot.press(key)
            await _settled(pilot)
        assert await _every_focus(pilot) == {}


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_participant_footer_fits(store, workshop, tmp_path, size) -> None:
    app = participant_app(store, workshop.id, None, tmp_path)
    async with app.run_test(size=size) as pilot:
        await _settled(pilot)
        assert await _every_focus(pilot) == {}  # the name screen
        app.screen.query_one(Input).value = "Ben"
        await pilot.press("enter")
        await _settled(pilot)
        assert await _every_focus(pilot) == {}  # the briefing
        await pilot.press("enter")
        await _settled(pilot)
        assert await _every_focus(pilot) == {}  # drafting
