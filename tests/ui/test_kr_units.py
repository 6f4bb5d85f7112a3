"""The key-result form and units: baseline and target of different dimensions are said in the
findings as they are typed, and adding such a key result is refused with the core's sentence,
nothing lost."""

from __future__ import annotations

from textual.widgets import Static

from okrworkshop import actions
from okrworkshop.model import Stage, Workshop
from okrworkshop.store import Store
from screens.widgets.kr_form import KrForm

STATEMENT = "Cut the time to answer a ticket from 3 days to 4 hours by 2027-03-31"


def with_focus(store: Store, workshop: Workshop) -> None:
    def prepare(ws: Workshop) -> None:
        draft = actions.add_draft(ws, "Buyers get answers the same day", author="Ben")
        actions.choose_focus(ws, draft.id)

    store.update(workshop.id, prepare)


def message_of(app) -> str:
    return str(app.screen.query_one("#kr-form-message", Static).visual)


async def test_ends_of_different_dimensions_are_refused_in_the_form(
    store, workshop, app_for
) -> None:
    with_focus(store, workshop)
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        form = app.screen.query_one(KrForm)
        form.field("statement").value = STATEMENT
        form.field("metric").value = "time to answer"
        form.field("baseline").value = "3 days"
        form.field("target").value = "30%"
        form.field("deadline").value = "2027-03-31"
        await pilot.pause()
        assert "a duration is not a percent" in form.findings.text
        await pilot.press("ctrl+s")
        await app.settle()
        await pilot.pause()
        assert store.get(workshop.id).key_results == []
        assert "a duration is not a percent" in message_of(app)
        assert form.values().target == "30%"  # kept to fix
        form.field("target").value = "4 hours"
        await pilot.pause()
        assert "do not compare" not in form.findings.text
        await pilot.press("ctrl+s")
        await app.settle()
        await pilot.pause()
    [kr] = store.get(workshop.id).key_results
    assert (kr.baseline, kr.target) == ("3 days", "4 hours")
