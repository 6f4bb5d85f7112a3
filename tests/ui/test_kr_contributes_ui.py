"""On the Key results step, o names the higher-level OKR the highlighted key result serves, in
the drafts' dialog: the context's lines, company ones picked with F2 among them. The store holds
the choice, the list says it, and the org view lists the team under that company key result."""

from __future__ import annotations

from pathlib import Path

import pytest
from org_company import company, make_org
from textual.widgets import Static

from okrworkshop import actions
from okrworkshop.actions import KeyResultFields
from okrworkshop.model import Stage
from okrworkshop.org import parse_org
from okrworkshop.org_view import org_view
from okrworkshop.store import Store
from screens.dialogs.drafts import ContributesDialog
from screens.facilitator.key_results import KeyResultsScreen, KrTable
from ui.helpers import record_notes
from ui.test_keys_shown import footer_problems

SIZES = pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
C12 = "C1.2 Search success rate from 40% to 55%"
C32 = "C3.2 Support tickets per 1,000 orders from 12 to 8"


@pytest.fixture
def okrs(tmp_path: Path) -> Path:
    folder = tmp_path / "okrs"
    folder.mkdir()
    company(folder)
    return folder


@pytest.fixture
def loyalty(okrs: Path) -> Store:
    """One more team beside the example company: a focus, two key results, and a context
    that names a free-text OKR and two of the company's (as F2 on the Context step does)."""
    store = Store.open(okrs / "loyalty.json")
    ws = actions.new_workshop(
        "Loyalty",
        "2027 Q1",
        start="2027-01-01",
        end="2027-03-31",
        facilitator="Ana",
        participants=["Ben", "Chen"],
    )
    store.create(ws)
    org = parse_org(make_org.ORG)

    def prepare(w):  # type: ignore[no-untyped-def]
        actions.set_context(w, parent_okrs=["Grow EU revenue"])
        actions.name_org_parents(w, org, ["C1.2", "C3.2"])
        actions.add_draft(w, "Shoppers need no help to find things", author="Ben")
        actions.choose_focus(w, "o1")
        for statement in (
            "Cut support tickets per 1,000 orders from 12 to 8 by 2027-03-31",
            "Raise searches ending in a click from 40% to 50% by 2027-03-31",
        ):
            actions.add_key_result(
                w, statement, author="Chen", fields=KeyResultFields(metric="rate")
            )

    store.update(ws.id, prepare)
    return store


def only(store: Store):  # type: ignore[no-untyped-def]
    (ws,) = store.workshops()
    return ws


def links(store: Store) -> list[str | None]:
    return [kr.contributes_to for kr in only(store).key_results]


def footer_actions(app) -> set[str]:  # type: ignore[no-untyped-def]
    return {
        binding.action
        for (_, binding, enabled, _tooltip) in app.screen.active_bindings.values()
        if enabled and binding.show
    }


async def settled(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await app.settle()
    await pilot.pause()


@SIZES
async def test_o_links_the_highlighted_key_result_to_a_company_kr(okrs, loyalty, app_for, size):
    app = app_for(loyalty, only(loyalty).id, Stage.KEY_RESULTS)
    async with app.run_test(size=size) as pilot:
        await settled(app, pilot)
        assert isinstance(app.screen, KeyResultsScreen)
        # in the form, o is a letter: the Footer does not offer it there
        assert "screen.contributes_to" not in footer_actions(app)
        app.screen.query_one(KrTable).focus()
        await settled(app, pilot)
        assert footer_problems(app) == []
        if size == (120, 40):
            assert "screen.contributes_to" in footer_actions(app)
        await pilot.press("o")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ContributesDialog)
        assert dialog.lines == ["Grow EU revenue", C12, C32]
        assert "KR1" in str(dialog.query_one(".dialog-title", Static).visual)
        await pilot.press("down", "down", "down", "enter")  # (none), 1., 2., then 3.
        await settled(app, pilot)
        assert links(loyalty) == [C32, None]
        advice = str(app.screen.query_one("#kr-advice", Static).visual)
        assert f"↑ KR1 contributes to: {C32}" in advice

        await pilot.press("down", "o")  # KR2 opens on (none), its own
        await pilot.pause()
        assert app.screen.query_one("#contributes-lines").highlighted == 0
        await pilot.press("down", "down", "enter")
        await settled(app, pilot)
        assert links(loyalty) == [C32, C12]

        await pilot.press("up", "o")  # KR1 opens on its line; up to the top clears it
        await pilot.pause()
        assert app.screen.query_one("#contributes-lines").highlighted == 3
        await pilot.press("home", "enter")
        await settled(app, pilot)
        assert links(loyalty) == [None, C12]

    view = org_view([okrs], today=make_org.AS_OF)
    c12 = next(p for p in view.parents if p.parent.org_id == "C1.2")
    assert "Loyalty" in [s.team for s in c12.served_by]
    assert "Loyalty" not in c12.named_by
    c32 = next(p for p in view.parents if p.parent.org_id == "C3.2")
    assert "Loyalty" not in [s.team for s in c32.served_by]


async def test_without_higher_level_okrs_o_says_where_to_add_them(tmp_path, app_for):
    store = Store.open(tmp_path / "w.json")
    ws = actions.new_workshop("Search", "2027 Q1", facilitator="Ana", participants=["Ben"])
    store.create(ws)

    def prepare(w):  # type: ignore[no-untyped-def]
        actions.add_draft(w, "Buyers find things", author="Ben")
        actions.choose_focus(w, "o1")
        actions.add_key_result(w, "Cut refunds from 5% to 3%", author="Ben")

    store.update(ws.id, prepare)
    before = [kr.to_dict() for kr in only(store).key_results]
    app = app_for(store, ws.id, Stage.KEY_RESULTS)
    notes = record_notes(app)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        app.screen.query_one(KrTable).focus()
        await pilot.press("o")
        await settled(app, pilot)
        assert isinstance(app.screen, KeyResultsScreen)
        assert any("lists no higher-level OKRs yet" in note for note in notes)
    assert [kr.to_dict() for kr in only(store).key_results] == before
