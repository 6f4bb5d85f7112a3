"""Step 6, Key results: adding by keys, live SMART findings, editing with autosave, deleting."""

from __future__ import annotations

import pytest
from hostile import HOSTILE
from textual.widgets import Select, Static

from okrworkshop import actions
from okrworkshop.model import Check, Review, Stage, Workshop
from okrworkshop.store import Store
from okrworkshop.text import visible
from screens.dialogs.modals import ConfirmScreen
from screens.facilitator.key_results import KeyResultsScreen, KrTable
from screens.widgets.kr_form import KrForm

GOOD = "Increase search-to-purchase conversion from 12% to 18% by 2027-03-31"


def with_focus(store: Store, workshop: Workshop) -> Workshop:
    """The prepared workshop with a chosen focus objective."""

    def prepare(ws: Workshop) -> None:
        draft = actions.add_draft(
            ws, "Buyers find the right product on their first search", author="Ben"
        )
        actions.choose_focus(ws, draft.id)

    store.update(workshop.id, prepare)
    return store.get(workshop.id)


def add_kr(store: Store, workshop: Workshop, statement: str = GOOD, **fields: str) -> str:
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


def footer_keys(app) -> set[str]:
    """The actions the Footer offers now."""
    return {
        binding.action
        for (_, binding, enabled, _tooltip) in app.screen.active_bindings.values()
        if enabled and binding.show
    }


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)


def form_of(app) -> KrForm:
    return app.screen.query_one(KrForm)


def message_of(app) -> str:
    return str(app.screen.query_one("#kr-form-message", Static).visual)


async def test_add_a_key_result_with_every_field_by_keys(store, workshop, app_for) -> None:
    with_focus(store, workshop)
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, KeyResultsScreen)
        assert app.screen.focused is form_of(app).field("statement")
        await type_text(pilot, "Raise weekly active teams from 1,200 to 2,000 by end of Q1")
        await pilot.press("tab")
        await type_text(pilot, "weekly active teams")
        await pilot.press("tab")
        await type_text(pilot, "1,200")
        await pilot.press("tab")
        await type_text(pilot, "2,000")
        await pilot.press("tab")
        await type_text(pilot, "teams")
        await pilot.press("tab")
        await type_text(pilot, "2027-03-31")
        await pilot.press("tab")
        assert isinstance(app.screen.focused, Select)
        await pilot.press("enter")  # open the list of people
        await pilot.press("down", "down", "enter")  # past "Ben" to "Chen"
        assert form_of(app).values().owner == "Chen"
        await pilot.press("ctrl+s")
        await app.settle()
        await pilot.pause()

        ws = store.get(workshop.id)
        assert len(ws.key_results) == 1
        kr = ws.key_results[0]
        assert kr.statement == "Raise weekly active teams from 1,200 to 2,000 by end of Q1"
        assert (kr.metric, kr.baseline, kr.target, kr.unit) == (
            "weekly active teams",
            "1,200",
            "2,000",
            "teams",
        )
        assert kr.deadline is not None and kr.deadline.isoformat() == "2027-03-31"
        assert kr.owner == "Chen"
        assert kr.author == "Ana"  # the facilitator types what the room proposes
        # The form is empty and ready for the next key result; the list shows the new one.
        assert form_of(app).values().empty
        assert "Added KR1" in message_of(app)
        table = app.screen.query_one(KrTable)
        assert table.row_count == 1
        keys = [column.key.value for column in table.ordered_columns]
        cells = {  # by column, each cell's lines joined
            key: " ".join(cell.plain.split())
            for key, cell in zip(keys, table.get_row("kr1"), strict=True)
        }
        assert cells["id"] == "KR1"
        assert cells["movement"] == "1,200 → 2,000 teams"
        assert cells["kind"] == "committed"  # the kind every key result starts as
        assert cells["smart"] == "✓ 4/4"


async def test_enter_in_the_statement_adds_and_clears(store, workshop, app_for) -> None:
    with_focus(store, workshop)
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_text(pilot, "Cut churn from 5% to 3%")
        await pilot.press("enter")
        await app.settle()
        await pilot.pause()
        await type_text(pilot, "Raise NPS from 20 to 35")
        await pilot.press("enter")
        await app.settle()
        await pilot.pause()
        statements = [kr.statement for kr in store.get(workshop.id).key_results]
        assert statements == ["Cut churn from 5% to 3%", "Raise NPS from 20 to 35"]
        assert form_of(app).field("statement").value == ""
        assert app.screen.focused is form_of(app).field("statement")
        advice = str(app.screen.query_one("#kr-advice", Static).visual)
        assert "✓ 2 key results" in advice


async def test_findings_update_live_as_the_key_result_is_typed(store, workshop, app_for) -> None:
    with_focus(store, workshop)
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        findings = form_of(app).findings
        before = findings.text
        await type_text(pilot, "Launch the new onboarding")
        activity = findings.text
        assert activity != before
        assert "✗ Outcome" in activity
        assert "'Launch' describes work the team does" in activity
        assert "✗ Measurable" in activity
        assert "? Achievable" in activity
        # A baseline and a target make it measurable, with nothing saved yet.
        await pilot.press("tab", "tab")
        await type_text(pilot, "20%")
        await pilot.press("tab")
        await type_text(pilot, "45%")
        measured = findings.text
        assert "✓ Measurable" in measured
        assert "✗ Outcome" in measured
        # A deadline makes it time-bound.
        assert "✗ Time-bound" in measured
        await pilot.press("tab", "tab")
        await type_text(pilot, "2027-03-31")
        assert "✓ Time-bound" in findings.text
        assert store.get(workshop.id).key_results == []


async def test_an_invalid_deadline_is_explained_and_nothing_is_lost(
    store, workshop, app_for
) -> None:
    with_focus(store, workshop)
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        form = form_of(app)
        form.field("statement").value = GOOD
        await pilot.press("tab")
        await type_text(pilot, "conversion")
        await pilot.press("tab", "tab", "tab", "tab")
        await type_text(pilot, "2027-02-30")
        await pilot.press("ctrl+s")
        await app.settle()
        await pilot.pause()
        assert store.get(workshop.id).key_results == []
        assert "not a date" in message_of(app)
        assert "2027-03-31" in message_of(app)
        assert form.values().statement == GOOD
        assert form.values().metric == "conversion"
        assert form.values().deadline == "2027-02-30"
        assert app.screen.focused is form.field("deadline")
        # Fix the date: the same words are added.
        await pilot.press("backspace", "backspace")
        await type_text(pilot, "28")
        await pilot.press("enter")
        await app.settle()
        await pilot.pause()
        [kr] = store.get(workshop.id).key_results
        assert (kr.statement, kr.metric, kr.deadline.isoformat()) == (
            GOOD,
            "conversion",
            "2027-02-28",
        )


async def test_an_empty_statement_is_not_added(store, workshop, app_for) -> None:
    with_focus(store, workshop)
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("tab")
        await type_text(pilot, "conversion")
        await pilot.press("ctrl+s")
        await app.settle()
        await pilot.pause()
        assert store.get(workshop.id).key_results == []
        assert "statement" in message_of(app)
        assert form_of(app).values().metric == "conversion"


async def test_edit_mode_autosaves_each_field_and_escape_leaves_it(
    store, workshop, app_for
) -> None:
    with_focus(store, workshop)
    kr_id = add_kr(store, workshop, GOOD, metric="conversion", baseline="12%", target="18%")
    store.update(
        workshop.id,
        lambda ws: actions.review_check(ws, kr_id, Check.SPECIFIC, Review.CONFIRMED),
    )
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        form = form_of(app)
        await type_text(pilot, "Half-typed idea")  # put aside while editing
        app.screen.query_one(KrTable).focus()
        await pilot.press("e")
        assert form.editing == kr_id
        assert form.field("statement").value == GOOD
        assert app.screen.focused is form.field("statement")
        await pilot.press("tab")
        assert app.screen.focused is form.field("metric")
        await pilot.press("end", "ctrl+u")
        await type_text(pilot, "search-to-purchase conversion")
        await pilot.press("tab", "tab")
        await pilot.press("end", "ctrl+u")
        await type_text(pilot, "21%")
        await app.settle()
        await pilot.pause()
        kr = store.get(workshop.id).key_result(kr_id)
        assert kr.metric == "search-to-purchase conversion"
        assert kr.target == "21%"
        assert kr.smart[Check.SPECIFIC].status is Review.OPEN  # new numbers, new review
        # Owner from the list saves at once.
        await pilot.press("tab", "tab", "tab")
        assert isinstance(app.screen.focused, Select)
        await pilot.press("enter", "down", "enter")
        await app.settle()
        await pilot.pause()
        assert store.get(workshop.id).key_result(kr_id).owner == "Ben"
        # Escape: back to adding, with the half-typed idea restored.
        await pilot.press("escape")
        assert form.editing is None
        assert form.values().statement == "Half-typed idea"
        assert form.values().metric == ""
        assert len(store.get(workshop.id).key_results) == 1


async def test_a_half_typed_date_in_edit_mode_waits(store, workshop, app_for) -> None:
    with_focus(store, workshop)
    kr_id = add_kr(store, workshop, GOOD, deadline="2027-03-31")
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        app.screen.query_one(KrTable).focus()
        await pilot.press("enter")  # Enter on a row edits it too
        form = form_of(app)
        assert form.editing == kr_id
        form.field("deadline").focus()
        await pilot.press("end", "ctrl+u")
        await type_text(pilot, "2027-06")
        await app.settle()
        await pilot.pause()
        assert "2027-03-31" in message_of(app)  # how dates look
        assert store.get(workshop.id).key_result(kr_id).deadline.isoformat() == "2027-03-31"
        await type_text(pilot, "-30")
        await app.settle()
        await pilot.pause()
        assert store.get(workshop.id).key_result(kr_id).deadline.isoformat() == "2027-06-30"


async def test_delete_asks_first(store, workshop, app_for) -> None:
    with_focus(store, workshop)
    first = add_kr(store, workshop, GOOD)
    second = add_kr(store, workshop, "Cut zero-result searches from 9% to 3%")
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(KrTable)
        table.focus()
        await pilot.press("down")
        await pilot.press("x")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await app.settle()
        await pilot.pause()
        assert [kr.id for kr in store.get(workshop.id).key_results] == [first, second]
        await pilot.press("delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await app.settle()
        await pilot.pause()
        assert [kr.id for kr in store.get(workshop.id).key_results] == [first]
        assert table.row_count == 1


async def test_without_a_focus_the_screen_says_so_and_ideas_are_kept(
    store, workshop, app_for
) -> None:
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        banner = str(app.screen.query_one("#kr-focus", Static).visual)
        assert "No focus objective yet" in banner
        assert "step 4, Create focus" in banner
        await type_text(pilot, "Cut churn from 5% to 3%")
        await pilot.press("enter")
        await app.settle()
        await pilot.pause()
        statements = [kr.statement for kr in store.get(workshop.id).key_results]
        assert statements == ["Cut churn from 5% to 3%"]


async def test_the_list_keeps_its_cursor_when_the_file_changes(store, workshop, app_for) -> None:
    with_focus(store, workshop)
    for n in range(3):
        add_kr(store, workshop, f"Raise metric {n} from {n}% to {n + 5}% by 2027-03-31")
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(KrTable)
        table.focus()
        await pilot.press("down", "down")
        # Someone adds a key result from another terminal; the file is polled.
        add_kr(store, workshop, "Cut support tickets from 300 to 200 a week")
        app.writes.reload(workshop.id)
        await app.settle()
        await pilot.pause()
        assert table.row_count == 4
        assert table.cursor_row == 2


@pytest.mark.parametrize("name", sorted(k for k, v in HOSTILE.items() if visible(v) == v))
async def test_hostile_text_typed_in_the_form_is_stored_exactly(
    store, workshop, app_for, name: str
) -> None:
    with_focus(store, workshop)
    value = HOSTILE[name]
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        form = form_of(app)
        form.field("statement").value = value  # as a paste would
        form.field("metric").value = value
        await pilot.pause()
        form.field("statement").focus()
        await pilot.press("enter")
        await app.settle()
        await pilot.pause()
        assert app.is_running
        [kr] = store.get(workshop.id).key_results
        assert kr.statement == value.strip()
        assert kr.metric == value.strip()


async def test_hostile_text_shows_literally_in_the_list(store, workshop, app_for) -> None:
    with_focus(store, workshop)
    ids = {name: add_kr(store, workshop, value, metric=value) for name, value in HOSTILE.items()}
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        table = app.screen.query_one(KrTable)
        assert table.row_count == len(HOSTILE)
        for name, kr_id in ids.items():
            statement = " ".join(table.get_row(kr_id)[1].plain.split())  # its lines joined
            shown = " ".join(visible(HOSTILE[name]).split())
            assert statement.rstrip("…") == shown[: len(statement.rstrip("…"))], name
            assert "\x1b" not in statement and "\x00" not in statement
        # Clicking where a [@click=app.quit] label is drawn does nothing.
        await pilot.click(KrTable, offset=(10, 1 + list(ids).index("click-action")))
        await pilot.pause()
        assert app.is_running
        # Editing one loads the exact stored text into the form (escaped for the terminal).
        table.focus()
        table.move_cursor(row=list(ids).index("rich-markup"))
        await pilot.press("e")
        assert form_of(app).field("statement").value == HOSTILE["rich-markup"]
        assert app.screen.focused is form_of(app).field("statement")


# --- room to read: the list, the advice, the statement, the checks (issue 12, point 6) ------


def visible_rows(app, widget) -> int:
    """How many rows of ``widget`` are on screen now (0 when it is hidden or scrolled away)."""
    from textual.errors import NoWidget

    try:
        geometry = app.screen.find_widget(widget)
    except NoWidget:
        return 0
    return geometry.visible_region.height


async def test_the_set_advice_wraps_and_is_never_cut(store, workshop, app_for) -> None:
    """One key result that describes work: both notes on the whole set are shown in full."""
    with_focus(store, workshop)
    add_kr(store, workshop, "Launch the new onboarding")
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.settle()
        await pilot.pause()
        advice = app.screen.query_one("#kr-advice", Static)
        text = str(advice.visual)
        assert "There is only one key result." in text
        assert "Every key result describes work" in text
        assert text.rstrip().endswith("from 30% to 40%'.")
        assert advice.virtual_size.height >= 4  # two findings, each wrapped over two lines
        assert visible_rows(app, advice) == advice.virtual_size.height


async def test_the_list_grows_with_its_rows(store, workshop, app_for) -> None:
    with_focus(store, workshop)
    add_kr(store, workshop, GOOD)
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await app.settle()
        await pilot.pause()
        table = app.screen.query_one(KrTable)
        assert visible_rows(app, table) == 1 + table.lines  # the heading and the one key result
        for n in range(4):
            add_kr(store, workshop, f"Raise metric {n} from {n}% to {n + 5}% by 2027-03-31")
        app.writes.reload(workshop.id)
        await app.settle()
        await pilot.pause()
        assert table.lines >= 5
        assert visible_rows(app, table) == 1 + table.lines  # all five, no scrolling


async def test_the_statement_box_wraps_at_80x24(store, workshop, app_for) -> None:
    """The room reads what is typed: a long statement wraps in a box across the form."""
    with_focus(store, workshop)
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    long = "Raise the share of weekly active teams that invite a second member from 18% to 30%"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, long)
        box = form_of(app).field("statement")
        assert box.value == long
        assert box.size.width >= 60
        assert visible_rows(app, box) >= 2
        assert box.wrapped_document.height == 2  # all of it in view, on two lines
        await pilot.press("enter")  # Enter adds, as in a one-line field
        await app.settle()
        await pilot.pause()
        assert [kr.statement for kr in store.get(workshop.id).key_results] == [long]
        assert box.value == ""


async def test_a_paste_with_line_breaks_stays_one_statement_in_order(
    store, workshop, app_for
) -> None:
    with_focus(store, workshop)
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_text(pilot, "Cut churn")
        box = form_of(app).field("statement")
        box.insert(" from 5%\nto 3%\x1b[31m by June")
        await pilot.pause()
        await type_text(pilot, "!")
        assert box.value == "Cut churn from 5% to 3%\\x1b[31m by June!"


async def test_all_six_checks_are_reachable_at_80x24(store, workshop, app_for) -> None:
    """An activity with a baseline only: all six marks show at once, and the failing Outcome's
    finding (the last) can be scrolled to by keys."""
    with_focus(store, workshop)
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, "Launch the new search filters")
        await pilot.press("tab", "tab")
        await type_text(pilot, "20%")
        await pilot.pause()
        findings = form_of(app).findings
        summary = app.screen.query_one("#findings-summary", Static)
        assert visible_rows(app, summary) >= 1
        marks = str(summary.visual)
        for mark in ("✓ Specific", "✗ Measurable", "? Achievable", "? Relevant"):
            assert mark in marks
        assert "✗ Time-bound" in marks and "✗ Outcome" in marks
        # The findings take the focus (Tab) and scroll; the Outcome's finding comes into view.
        for _ in range(12):
            if app.screen.focused is findings:
                break
            await pilot.press("tab")
        assert app.screen.focused is findings
        await pilot.press("end")
        await pilot.pause()
        outcome = app.screen.query_one("#text-outcome", Static)
        assert "'Launch' describes work" in str(outcome.visual)
        assert visible_rows(app, outcome) == outcome.size.height


# --- deadlines inside the cycle (issue 12, point 19) ----------------------------------------


async def test_a_deadline_after_the_cycle_names_the_cycle_dates(store, workshop, app_for) -> None:
    with_focus(store, workshop)
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_text(pilot, "Cut churn from 5% to 3%")
        form = form_of(app)
        form.field("deadline").focus()
        await type_text(pilot, "2027-06-30")
        text = form.findings.text
        assert "✗ Time-bound" in text
        assert "2027-06-30 is after the cycle ends (2027-03-31)" in text
        assert "the cycle runs 2027-01-01 to 2027-03-31" in text
        await pilot.press("enter")
        await app.settle()
        await pilot.pause()
        [kr] = store.get(workshop.id).key_results
        cells = [cell.plain for cell in app.screen.query_one(KrTable).get_row(kr.id)]
        assert cells[-1] == "✗ time-bound"


async def test_quitting_with_a_typed_key_result_asks_first(store, workshop, app_for) -> None:
    """A new key result typed but not added is not lost silently on ctrl+q."""
    with_focus(store, workshop)
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await type_text(pilot, "Cut churn from 5% to 3%")
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        assert "Cut churn from 5% to 3%" in str(app.screen.query_one(".dialog-body", Static).visual)
        await pilot.press("n")
        await pilot.pause()
        assert app.is_running
        assert form_of(app).values().statement == "Cut churn from 5% to 3%"


async def test_at_80x24_the_folded_form_comes_back_for_a_second_key_result(
    store, workshop, app_for
) -> None:
    """On a short terminal the form folds while the lists have the focus; i, Tab and shift+Tab
    bring it back, so the room can type one key result after another."""
    with_focus(store, workshop)
    app = app_for(store, workshop.id, Stage.KEY_RESULTS)
    statements = [
        "Raise weekly active teams from 1,200 to 2,000 by 2027-03-31",
        "Cut median setup time from 3 days to 4 hours by 2027-03-31",
        "Lift search conversion from 12% to 18% by 2027-03-31",
    ]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        form, table = form_of(app), app.screen.query_one(KrTable)
        await type_text(pilot, statements[0])
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        await pilot.press("shift+tab")  # onto the list: the form folds
        assert app.screen.focused is table
        assert not form.query_one(".kr-columns").display
        assert "to_form" in footer_keys(app)
        await pilot.press("i")
        assert app.screen.focused is form.field("statement")
        assert "to_form" not in footer_keys(app)
        await type_text(pilot, statements[1])
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        table.focus()
        await pilot.pause()
        for _ in range(3):  # Tab goes on from the list to the form's statement box
            if app.screen.focused is form.field("statement"):
                break
            await pilot.press("tab")
        assert app.screen.focused is form.field("statement")
        await type_text(pilot, statements[2])
        await pilot.press("enter")
        await app.workers.wait_for_complete()
    assert [kr.statement for kr in store.get(workshop.id).key_results] == statements
