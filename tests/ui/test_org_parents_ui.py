"""Picking the company's OKRs on the shared screen: on the Context step (F2, when an org file
applies) and then in what a draft contributes to; the org view lists the team under them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from org_company import company, make_org
from textual.widgets import Static

from okrworkshop import actions
from okrworkshop.model import Stage, Status
from okrworkshop.org import parse_org
from okrworkshop.org_view import OrgView, org_view
from okrworkshop.store import Store
from screens.app_base import AppOptions
from screens.dialogs.drafts import ContributesDialog
from screens.dialogs.org_parents import OrgParentsDialog, PickList
from screens.facilitator.app import make_app
from screens.facilitator.context import ContextScreen
from screens.facilitator.drafts import DraftTable
from screens.widgets.fields import FieldArea
from ui.failing_store import FailingStore, disk_full
from ui.helpers import record_notes

SIZES = pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
C12 = "C1.2 Search success rate from 40% to 55%"
C32 = "C3.2 Support tickets per 1,000 orders from 12 to 8"
# the org's rows in the picker: C1 C1.1 C1.2 C2 C2.1 C2.2 C3 C3.1 C3.2
ROW = {p.org_id: n for n, p in enumerate(parse_org(make_org.ORG).parents)}


@pytest.fixture
def okrs(tmp_path: Path) -> Path:
    """A checkout of the example company's files, with one more team's file to work on."""
    folder = tmp_path / "okrs"
    folder.mkdir()
    company(folder)
    return folder


@pytest.fixture
def loyalty(okrs: Path) -> Store:
    store = Store.open(okrs / "loyalty.json")
    store.create(
        actions.new_workshop(
            "Loyalty",
            "2027 Q1",
            start="2027-01-01",
            end="2027-03-31",
            facilitator="Ana",
            participants=["Ben", "Chen"],
        )
    )
    return store


def only(store: Store):  # type: ignore[no-untyped-def]
    (ws,) = store.workshops()
    return ws


def the_view(okrs: Path) -> OrgView:
    return org_view([okrs], today=make_org.AS_OF)


def line_for(view: OrgView, org_id: str):  # type: ignore[no-untyped-def]
    return next(p for p in view.parents if p.parent.org_id == org_id)


async def settled(app, pilot) -> None:  # type: ignore[no-untyped-def]
    await pilot.pause()
    await app.settle()
    await pilot.pause()


async def move_to(pilot, picker: PickList, row: int) -> None:  # type: ignore[no-untyped-def]
    while (picker.highlighted or 0) < row:
        await pilot.press("down")
    while (picker.highlighted or 0) > row:
        await pilot.press("up")


@SIZES
async def test_f6_picks_company_okrs_into_the_context_and_the_org_view_lists_the_team(
    okrs, loyalty, app_for, size
):
    ws = only(loyalty)
    app = app_for(loyalty, ws.id, Stage.CONTEXT)
    async with app.run_test(size=size) as pilot:
        await settled(app, pilot)
        parents = app.screen.query_one("#context-parent_okrs", FieldArea)
        parents.focus()
        for key in "Growth":  # free text typed first keeps working
            await pilot.press(key)
        await pilot.press("f2")  # straight from the field: a key the text box does not take
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, OrgParentsDialog)
        picker = dialog.query_one(PickList)
        assert picker.has_focus and not picker.selected
        await move_to(pilot, picker, ROW["C1.2"])
        await pilot.press("space")
        await move_to(pilot, picker, ROW["C3.2"])
        await pilot.press("space")
        await pilot.press("enter")
        await settled(app, pilot)
        assert isinstance(app.screen, ContextScreen)
        assert only(loyalty).context.parent_okrs == ["Growth", C12, C32]
        assert parents.text == f"Growth\n{C12}\n{C32}"
    view = the_view(okrs)
    assert "Loyalty" in line_for(view, "C1.2").named_by
    assert "Loyalty" in line_for(view, "C3.2").named_by


@SIZES
async def test_unmarking_one_takes_its_line_out_and_esc_changes_nothing(
    okrs, loyalty, app_for, size
):
    ws = only(loyalty)
    org = parse_org(make_org.ORG)
    loyalty.update(ws.id, lambda w: actions.set_context(w, parent_okrs=["Fraud", "c1.2"]))
    loyalty.update(ws.id, lambda w: actions.name_org_parents(w, org, ["C3.2"]))
    app = app_for(loyalty, ws.id, Stage.CONTEXT)
    async with app.run_test(size=size) as pilot:
        await settled(app, pilot)
        await pilot.press("f2")
        await pilot.pause()
        picker = app.screen.query_one(PickList)
        assert set(picker.selected) == {"C1.2", "C3.2"}  # "c1.2" typed by hand counts
        await pilot.press("space", "escape")  # a mark on C1, then Esc: nothing saved
        await settled(app, pilot)
        assert only(loyalty).context.parent_okrs == ["Fraud", "c1.2", C32]
        await pilot.press("f2")
        await pilot.pause()
        picker = app.screen.query_one(PickList)
        await move_to(pilot, picker, ROW["C1.2"])
        await pilot.press("space", "enter")
        await settled(app, pilot)
        assert only(loyalty).context.parent_okrs == ["Fraud", C32]
    assert "Loyalty" not in line_for(the_view(okrs), "C1.2").named_by


async def test_without_an_org_file_the_step_is_as_before(tmp_path, app_for):
    folder = tmp_path / "alone"
    folder.mkdir()
    (folder / ".git").mkdir()  # the search for an org file stops at a checkout's root
    store = Store.open(folder / "team.json")
    ws = store.create(actions.new_workshop("Solo", "2027 Q1", facilitator="Ana"))
    app = app_for(store, ws.id, Stage.CONTEXT)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        screen = app.screen
        assert isinstance(screen, ContextScreen)
        assert "Company OKRs" not in {k.description for k in screen.query("FooterKey")}
        label = str(screen.query_one("#context-parent_okrs-label", Static).render())
        assert "F2" not in label
        await pilot.press("f2")
        await pilot.pause()
        assert app.screen is screen


async def test_with_an_org_file_the_footer_and_the_field_say_f6(okrs, loyalty, app_for):
    app = app_for(loyalty, only(loyalty).id, Stage.CONTEXT)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        assert "Company OKRs" in {k.description for k in app.screen.query("FooterKey")}
        label = str(app.screen.query_one("#context-parent_okrs-label", Static).render())
        assert "F2 picks the company's" in label


async def test_a_broken_org_file_is_named_and_nothing_opens(okrs, loyalty, app_for):
    (okrs / "org.json").write_text('{"okrworkshop_org": 9}')
    app = app_for(loyalty, only(loyalty).id, Stage.CONTEXT)
    async with app.run_test(size=(120, 40)) as pilot:
        told = record_notes(app)
        await settled(app, pilot)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ContextScreen)
        assert any("org.json has org format 9" in note for note in told)


async def test_company_words_are_shown_as_typed_never_as_markup(okrs, loyalty, app_for):
    org = json.loads((okrs / "org.json").read_text())
    org["company"] = "[b]Acme[/b] [@click=app.quit]"
    org["objectives"][0]["key_results"][0]["text"] = "[/] checkout [red]up"
    (okrs / "org.json").write_text(json.dumps(org))
    app = app_for(loyalty, only(loyalty).id, Stage.CONTEXT)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        await pilot.press("f2")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, OrgParentsDialog)
        title = str(dialog.query_one(".dialog-title", Static).render())
        assert "[b]Acme[/b] [@click=app.quit]" in title
        prompt = dialog.query_one(PickList).get_option_at_index(ROW["C1.1"]).prompt
        assert "[/] checkout [red]up" in str(prompt)
        await move_to(pilot, dialog.query_one(PickList), ROW["C1.1"])
        await pilot.press("space", "enter")
        await settled(app, pilot)
        assert only(loyalty).context.parent_okrs == ["C1.1 [/] checkout [red]up"]


@SIZES
async def test_a_draft_picks_a_company_key_result_and_the_org_view_lists_the_team_under_it(
    okrs, loyalty, app_for, size
):
    ws = only(loyalty)
    org = parse_org(make_org.ORG)

    def prepare(w):  # type: ignore[no-untyped-def]
        actions.set_context(w, parent_okrs=["Grow EU revenue"])
        actions.name_org_parents(w, org, ["C1.2", "C3.2"])
        actions.add_draft(w, "Shoppers need no help to find things", author="Ben")
        actions.choose_focus(w, "o1")

    loyalty.update(ws.id, prepare)
    app = app_for(loyalty, ws.id, Stage.DRAFTS)
    async with app.run_test(size=size) as pilot:
        await settled(app, pilot)
        app.screen.query_one(DraftTable).focus()
        await pilot.press("o")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ContributesDialog)
        assert dialog.lines == ["Grow EU revenue", C12, C32]
        await pilot.press("down", "down", "down", "enter")  # (none), 1., 2., then 3.
        await settled(app, pilot)
        assert only(loyalty).objectives[0].contributes_to == C32
    view = the_view(okrs)
    served = line_for(view, "C3.2")
    assert [s.team for s in served.served_by] == ["Loyalty"]
    assert "Loyalty" not in served.named_by
    assert "Loyalty" in line_for(view, "C1.2").named_by
    assert "C3.2" not in {p.parent.org_id for p in view.unserved}


async def test_the_drafts_step_points_to_f6_when_the_context_names_no_okr_above(
    okrs, loyalty, app_for
):
    ws = only(loyalty)
    loyalty.update(ws.id, lambda w: actions.add_draft(w, "Shoppers", author="Ben"))
    app = app_for(loyalty, ws.id, Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await settled(app, pilot)
        app.screen.query_one(DraftTable).focus()
        await pilot.press("o")
        await pilot.pause()
        status = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "F2 there picks the company's" in status


async def test_space_marks_the_row_it_was_pressed_on_even_when_keys_come_fast(okrs):
    """Keys typed faster than the screen redraws: the mark lands on the row space was
    pressed on, not on the one the cursor reached by the time the list caught up."""
    from textual.app import App

    app: App[None] = App()
    async with app.run_test(size=(120, 40)) as pilot:
        app.push_screen(OrgParentsDialog(parse_org(make_org.ORG), []))
        await pilot.pause()
        picker = app.screen.query_one(PickList)
        picker.highlighted = ROW["C1.2"]
        picker.action_select()  # space, and then at once:
        picker.action_cursor_down()
        picker.action_cursor_down()
        await pilot.pause()
        assert picker.selected == ["C1.2"]
        prompt = str(picker.get_option_at_index(ROW["C1.2"]).prompt)
        assert prompt.startswith("named")


async def test_a_final_okr_says_so_and_opens_no_picker(okrs, loyalty, app_for):
    ws = only(loyalty)
    loyalty.update(ws.id, lambda w: setattr(w, "status", Status.FINAL))
    app = app_for(loyalty, ws.id, Stage.CONTEXT)
    async with app.run_test(size=(120, 40)) as pilot:
        told = record_notes(app)
        await settled(app, pilot)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, ContextScreen)
        assert any("This OKR is final" in note for note in told)
    assert only(loyalty).context.parent_okrs == []


async def test_a_pick_that_cannot_be_saved_opens_again_with_its_marks(
    okrs, loyalty, tmp_path, clock
):
    failing = FailingStore(loyalty)
    ws = only(loyalty)
    app = make_app(
        failing,  # type: ignore[arg-type]
        ws.id,
        step=Stage.CONTEXT,
        options=AppOptions(prefs_path=tmp_path / "prefs.json", clock=clock, cursor_blink=False),
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await settled(app, pilot)
        await pilot.press("f2")
        await pilot.pause()
        await move_to(pilot, app.screen.query_one(PickList), ROW["C2.2"])
        failing.failing = disk_full(failing.path)
        await pilot.press("space", "enter")
        await settled(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, OrgParentsDialog)
        assert dialog.query_one(PickList).selected == ["C2.2"]
        assert "The disk is full" in str(dialog.query_one("#org-parents-error", Static).render())
        assert only(loyalty).context.parent_okrs == []
        failing.failing = None
        await pilot.press("enter")
        await settled(app, pilot)
        assert only(loyalty).context.parent_okrs == [
            "C2.2 Seller onboarding time from 9 days to 3 days"
        ]
