"""Step 6, Key results: the plan beside them (initiatives), work moved there in one key, a mixed
statement split in one key, a key result moved to "not now", committed or stretch."""

from __future__ import annotations

from hostile import HOSTILE
from textual.widgets import Input, Select, Static

from okrworkshop import actions
from okrworkshop.model import KrKind, Stage, Workshop
from okrworkshop.store import Store
from screens.dialogs.modals import ConfirmScreen, TextPrompt
from screens.facilitator.key_results import KeyResultsScreen, KrTable
from screens.widgets.kr_form import KrForm
from screens.widgets.plan import InitiativeForm, PlanTable

GOOD = "Increase search-to-purchase conversion from 12% to 18% by 2027-03-31"
ACTIVITY = "Launch the new search filters"
MIXED = "Launch the partner portal and reach 500 active partners by 2027-03-31"


def with_focus(store: Store, workshop: Workshop) -> None:
    def prepare(ws: Workshop) -> None:
        draft = actions.add_draft(
            ws, "Buyers find the right product on their first search", author="Ben"
        )
        actions.choose_focus(ws, draft.id)

    store.update(workshop.id, prepare)


def add_kr(store: Store, workshop: Workshop, statement: str, **fields: str) -> str:
    kr = store.update(
        workshop.id,
        lambda ws: actions.add_key_result(
            ws,
            statement,
            author="Chen",
            fields=actions.KeyResultFields(**fields) if fields else None,
        ),
    )
    return kr.id


def form_of(app) -> KrForm:
    return app.screen.query_one(KrForm)


def message_of(app) -> str:
    return str(app.screen.query_one("#kr-form-message", Static).visual)


def footer_keys(app) -> set[str]:
    """The actions the Footer offers now."""
    return {
        binding.action
        for (_, binding, enabled, _tooltip) in app.screen.active_bindings.values()
        if enabled and binding.show
    }


async def settle(app, pilot) -> None:
    await app.settle()
    await pilot.pause()


async def on_row(app, pilot, kr_id: str) -> KrTable:
    table = app.screen.query_one(KrTable)
    table.focus()
    table.move_cursor(row=table.get_row_index(kr_id))
    await pilot.pause()
    return table


# --- work to the plan in one key ------------------------------------------------------------


async def test_typed_work_goes_to_the_plan_in_one_key(store, workshop, app_for) -> None:
    with_focus(store, workshop)
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*ACTIVITY)
        findings = form_of(app).findings.text
        assert "✗ Outcome" in findings
        assert "^o moves this to the plan" in findings  # the Outcome finding offers it
        assert "to_plan" in footer_keys(app)
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        ws = store.get(workshop.id)
        assert ws.key_results == []
        [initiative] = ws.initiatives
        assert (initiative.text, initiative.key_result) == (ACTIVITY, None)
        assert "Added to the plan as i1" in message_of(app)
        assert form_of(app).values().empty
        plan = app.screen.query_one(PlanTable)
        assert plan.row_count == 1
        assert [c.plain for c in plan.get_row("i1")][1] == ACTIVITY


async def test_a_result_offers_no_move_to_the_plan(store, workshop, app_for) -> None:
    with_focus(store, workshop)
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*GOOD)
        assert "to the plan" not in form_of(app).findings.text
        assert "to_plan" not in footer_keys(app)
        await pilot.press("ctrl+o")
        await settle(app, pilot)
        ws = store.get(workshop.id)
        assert ws.initiatives == [] and ws.key_results == []
        assert form_of(app).values().statement == GOOD


async def test_a_saved_key_result_that_is_work_moves_to_the_plan(store, workshop, app_for) -> None:
    with_focus(store, workshop)
    add_kr(store, workshop, GOOD)
    work = add_kr(store, workshop, "Launch the new onboarding", owner="Dana")
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await on_row(app, pilot, work)
        advice = str(app.screen.query_one("#kr-advice", Static).visual)
        assert work == "kr2" and "KR2 describes work: ^o moves it to the plan" in advice
        await pilot.press("ctrl+o")  # nothing would be lost: no dialog
        await settle(app, pilot)
        ws = store.get(workshop.id)
        assert [kr.statement for kr in ws.key_results] == [GOOD]
        [initiative] = ws.initiatives
        assert (initiative.text, initiative.owner) == ("Launch the new onboarding", "Dana")


async def test_moving_a_key_result_with_numbers_asks_first(store, workshop, app_for) -> None:
    with_focus(store, workshop)
    work = add_kr(store, workshop, "Make 300 calls a week", metric="calls", target="300")
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await on_row(app, pilot, work)
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "metric and target are not kept" in str(
            app.screen.query_one(".dialog-body", Static).visual
        )
        await pilot.press("n")
        await settle(app, pilot)
        assert [kr.id for kr in store.get(workshop.id).key_results] == [work]
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("y")
        await settle(app, pilot)
        ws = store.get(workshop.id)
        assert ws.key_results == [] and [i.text for i in ws.initiatives] == [
            "Make 300 calls a week"
        ]


# --- a mixed statement split in one key -----------------------------------------------------


async def test_a_typed_mixed_statement_is_split_in_one_key(store, workshop, app_for) -> None:
    with_focus(store, workshop)
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press(*MIXED)
        assert "^t splits it in one step" in form_of(app).findings.text
        assert "split" in footer_keys(app) and "to_plan" not in footer_keys(app)
        await pilot.press("ctrl+t")
        await settle(app, pilot)
        ws = store.get(workshop.id)
        [kr] = ws.key_results
        [initiative] = ws.initiatives
        assert kr.statement == "Reach 500 active partners by 2027-03-31"
        assert (initiative.text, initiative.key_result) == ("Launch the partner portal", kr.id)
        assert form_of(app).values().empty
        assert f"Added KR1 with the result; the work is {initiative.id}" in message_of(app)


async def test_a_saved_mixed_key_result_is_split_from_the_list(store, workshop, app_for) -> None:
    with_focus(store, workshop)
    mixed = add_kr(store, workshop, MIXED, owner="Ben")
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await on_row(app, pilot, mixed)
        assert "split" in footer_keys(app)
        await pilot.press("ctrl+t")
        await settle(app, pilot)
        ws = store.get(workshop.id)
        assert ws.key_result(mixed).statement == "Reach 500 active partners by 2027-03-31"
        [initiative] = ws.initiatives
        assert (initiative.text, initiative.owner, initiative.key_result) == (
            "Launch the partner portal",
            "Ben",
            mixed,
        )
        plan = app.screen.query_one(PlanTable)
        assert [c.plain for c in plan.get_row(initiative.id)][3] == "KR1"


# --- initiatives: add, edit, remove ---------------------------------------------------------


async def test_add_edit_and_remove_an_initiative(store, workshop, app_for) -> None:
    with_focus(store, workshop)
    first = add_kr(store, workshop, GOOD)
    second = add_kr(store, workshop, "Cut zero-result searches from 9% to 3% by 2027-03-31")
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await on_row(app, pilot, second)
        await pilot.press("a")  # on a key result: an initiative serving it
        await pilot.pause()
        assert isinstance(app.screen, InitiativeForm)
        assert app.screen.query_one("#initiative-serves", Select).value == second
        await pilot.press(*"Add synonyms for the 200 commonest queries")
        await pilot.press("tab")  # the owner
        await pilot.press("enter", "down", "down", "enter")  # Ben, then Chen
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        [initiative] = store.get(workshop.id).initiatives
        assert (initiative.text, initiative.owner, initiative.key_result) == (
            "Add synonyms for the 200 commonest queries",
            "Chen",
            second,
        )
        # Edit it from the plan: serve the first key result instead, with new words.
        plan = app.screen.query_one(PlanTable)
        plan.focus()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, InitiativeForm)
        text = app.screen.query_one("#initiative-text", Input)
        assert text.value == initiative.text
        text.value = "Add synonyms for the 500 commonest queries"
        app.screen.query_one("#initiative-serves", Select).value = first
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        [edited] = store.get(workshop.id).initiatives
        assert (edited.text, edited.owner, edited.key_result) == (
            "Add synonyms for the 500 commonest queries",
            "Chen",
            first,
        )
        # Remove it, after a question.
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(app, pilot)
        assert store.get(workshop.id).initiatives == []
        title = str(app.screen.query_one("#plan-title", Static).visual)
        assert "no initiatives yet" in title


async def test_an_initiative_with_no_words_is_not_added(store, workshop, app_for) -> None:
    with_focus(store, workshop)
    add_kr(store, workshop, GOOD)
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        app.screen.query_one(KrTable).focus()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, InitiativeForm)
        assert "Type the work first" in str(
            app.screen.query_one("#initiative-error", Static).visual
        )
        await pilot.press("escape")
        await settle(app, pilot)
        assert store.get(workshop.id).initiatives == []


async def test_hostile_initiatives_show_literally(store, workshop, app_for) -> None:
    with_focus(store, workshop)

    def prepare(ws: Workshop) -> None:
        for value in HOSTILE.values():
            actions.add_initiative(ws, value)

    store.update(workshop.id, prepare)
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        plan = app.screen.query_one(PlanTable)
        assert plan.row_count == len(HOSTILE)
        cell = plan.get_row("i1")[1].plain
        assert cell.rstrip("…") == HOSTILE[next(iter(HOSTILE))][: len(cell.rstrip("…"))]
        assert app.is_running


# --- "not now" for a key result (issue 12, point 17) -----------------------------------------


async def test_a_sixth_key_result_is_offered_not_now_with_a_reason(
    store, workshop, app_for
) -> None:
    with_focus(store, workshop)
    ids = [
        add_kr(store, workshop, f"Raise metric {n} from {n}% to {n + 5}% by 2027-03-31")
        for n in range(6)
    ]
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        advice = str(app.screen.query_one("#kr-advice", Static).visual)
        assert "There are 6 key results" in advice
        assert "n moves the highlighted key result to 'not now'" in advice
        await on_row(app, pilot, ids[4])
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("enter")  # a reason is required
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"Five is enough this cycle")
        await pilot.press("enter")
        await settle(app, pilot)
        ws = store.get(workshop.id)
        assert [kr.id for kr in ws.key_results] == [*ids[:4], ids[5]]
        [item] = ws.deprioritized
        assert (item.from_key_result, item.reason) == (ids[4], "Five is enough this cycle")
        assert item.text == "Raise metric 4 from 4% to 9% by 2027-03-31"
        advice = str(app.screen.query_one("#kr-advice", Static).visual)
        assert "✓ 5 key results" in advice


# --- committed or stretch (issue 14) --------------------------------------------------------


async def test_k_marks_a_key_result_stretch_and_back(store, workshop, app_for) -> None:
    with_focus(store, workshop)
    kr_id = add_kr(store, workshop, GOOD)
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        table = await on_row(app, pilot, kr_id)
        kind_at = [column.label.plain for column in table.columns.values()].index("Kind")
        assert table.get_row(kr_id)[kind_at].plain == "committed"
        await pilot.press("k")
        await settle(app, pilot)
        assert store.get(workshop.id).key_result(kr_id).kind is KrKind.STRETCH
        assert table.get_row(kr_id)[kind_at].plain == "stretch"
        await pilot.press("k")
        await settle(app, pilot)
        assert store.get(workshop.id).key_result(kr_id).kind is KrKind.COMMITTED


async def test_the_kind_column_shows_at_80x24(store, workshop, app_for) -> None:
    with_focus(store, workshop)
    kr_id = add_kr(store, workshop, GOOD)
    store.update(workshop.id, lambda ws: actions_set_stretch(ws, kr_id))
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(app, pilot)
        table = app.screen.query_one(KrTable)
        headings = [column.label.plain for column in table.columns.values()]
        assert "Kind" in headings
        assert table.get_row(kr_id)[headings.index("Kind")].plain == "stretch"
        assert isinstance(app.screen, KeyResultsScreen)


def actions_set_stretch(ws: Workshop, kr_id: str) -> None:
    from okrworkshop import tracking

    tracking.set_kind(ws, kr_id, KrKind.STRETCH)


async def test_refine_and_final_point_to_not_now_when_there_are_too_many(
    store, workshop, app_for
) -> None:
    """Where finalizing is refused for more than five key results, the way out is named."""
    with_focus(store, workshop)
    for n in range(6):
        add_kr(store, workshop, f"Raise metric {n} from {n}% to {n + 5}% by 2027-03-31")
    for stage, selector in ((Stage.REFINE, "#refine-progress"), (Stage.FINAL, "#final-state")):
        app = app_for(store, workshop.id, stage)
        async with app.run_test(size=(120, 40)) as pilot:
            await settle(app, pilot)
            text = str(app.screen.query_one(selector, Static).visual)
            assert "Keep at most 5 key results (you have 6)" in text
            assert "n on a key result moves it to 'not now'" in text
