"""A save that fails (full disk, read-only file) never ends the app nor loses what was typed."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.widgets import Input

from okrworkshop.model import Stage, Workshop
from okrworkshop.store import Store
from screens.app import OkrApp
from screens.drafts import DraftsScreen
from ui.failing_store import FailingStore, disk_full, disk_full_sentence

FAILURES = {"raw OSError": disk_full, "StoreError sentence": disk_full_sentence}


def notes(app: OkrApp) -> str:
    """Every notification shown so far, as one text."""
    return "\n".join(n.message for n in app._notifications)


@pytest.fixture
def failing(store: Store) -> FailingStore:
    return FailingStore(store)


@pytest.mark.parametrize("make_error", FAILURES.values(), ids=FAILURES.keys())
async def test_a_draft_that_cannot_be_saved_stays_in_the_box_until_enter_saves_it(
    failing: FailingStore,
    workshop: Workshop,
    app_for: Callable[..., OkrApp],
    make_error: Callable[[object], BaseException],
) -> None:
    app = app_for(failing, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DraftsScreen)
        box = app.screen.query_one("#draft-input", Input)
        failing.failing = make_error(failing.path)
        await pilot.press(*"Buyers find things fast", "enter")
        await app.settle()
        await pilot.pause()
        assert app.is_running
        assert box.value == "Buyers find things fast"
        assert failing.real.get(workshop.id).objectives == []
        told = notes(app)
        assert f"The disk is full: could not save {failing.path}." in told
        assert "Nothing you typed is lost" in told

        failing.failing = None
        box.focus()
        await pilot.press("enter")
        await app.settle()
        await pilot.pause()
        assert [o.text for o in failing.real.get(workshop.id).objectives] == [
            "Buyers find things fast"
        ]
        assert box.value == ""
