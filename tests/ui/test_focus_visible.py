"""Where typing goes is plain to see: the box with the focus stands well apart from the others,
in the dark theme and in the light one meant for projectors."""

from __future__ import annotations

import pytest
from textual.color import Color

from okrworkshop.model import Stage
from okrworkshop.prefs import DARK_THEME, LIGHT_THEME
from screens.widgets.kr_form import KrForm
from ui.test_key_results import with_focus

FAR_APART = 60
"""How far (in RGB, 0-441) the focused box's background is from an unfocused one's at least;
Textual's own focus tint is about 2 (colour 234 against 235)."""


def distance(one: Color, other: Color) -> float:
    return sum((a - b) ** 2 for a, b in zip(one.rgb, other.rgb, strict=True)) ** 0.5


@pytest.mark.parametrize("theme", [DARK_THEME, LIGHT_THEME])
async def test_the_focused_box_stands_out(store, workshop, app_for, theme) -> None:
    with_focus(store, workshop)
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        app.theme = theme
        await pilot.pause()
        form = app.screen.query_one(KrForm)
        for focused, others in (
            ("statement", ("metric", "baseline")),
            ("metric", ("statement", "baseline")),
            ("deadline", ("unit", "target")),
        ):
            form.field(focused).focus()
            await pilot.pause()
            lit = form.field(focused).background_colors[1]
            for name in others:
                quiet = form.field(name).background_colors[1]
                assert distance(lit, quiet) >= FAR_APART, (theme, focused, name, lit, quiet)
