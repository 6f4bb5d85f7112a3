"""One name for each key result on the shared screen, and words that agree with the CLI.

The issue's walk: "Launch the new onboarding wizard" (kr2) moved to the plan, so the stored ids
are kr1, kr3, kr4 while people read KR1-KR3; the check-in and grade dialogs, the cards and the
participant's own screen must all call kr3 "KR2"."""

from __future__ import annotations

from datetime import date

from cycle_okr import day, room
from textual.content import Content
from textual.widgets import Input, Static

from okrworkshop import actions, rules, tracking
from okrworkshop.model import Check, Review, Stage, Workshop
from okrworkshop.store import Store
from screens.dialogs.tracking import CheckinDialog, ScoreDialog
from screens.facilitator.checkins import KrCard
from screens.facilitator.welcome import WelcomeScreen
from screens.widgets.author_bar import AuthorBar

KRS = [
    ("Increase search conversion from 12% to 18% by 2027-03-31", "12%", "18%"),
    ("Launch the new onboarding wizard by 2027-03-31", "", ""),
    ("Reduce zero-result searches from 9% to 3% by 2027-03-31", "9%", "3%"),
    ("Raise repeat purchases from 20% to 30% by 2027-03-31", "20%", "30%"),
]
ZERO = KRS[2][0]


def moved(store: Store) -> str:
    ws = room(KRS, final=False)
    ws.id = ""
    actions.key_result_to_initiative(ws, "kr2")
    for kr in ws.key_results:
        for check in Check:
            kr.smart[check].status = Review.CONFIRMED
    actions.finalize(ws)
    return store.create(ws).id


def _text(widget) -> str:
    content = widget.content if isinstance(widget, Static) else widget.render()
    return content.plain if isinstance(content, Content) else str(content)


async def _settled(pilot) -> None:
    await pilot.pause()
    await pilot.app.settle()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _dialog(pilot, cls: type):
    for _ in range(200):
        if isinstance(pilot.app.screen, cls) and isinstance(pilot.app.focused, Input):
            return pilot.app.screen
        await pilot.pause(0.01)
    raise AssertionError(f"{cls.__name__} did not open")


async def test_the_check_in_dialog_says_kr2_above_kr2s_statement(store, app_on) -> None:
    wid = moved(store)
    app = app_on(store, wid, Stage.FINAL, today=day(30))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k")
        await _settled(pilot)
        card = list(app.screen.query(KrCard))[1]
        assert _text(card.query_one(".kr-title", Static)).startswith("KR2 ")
        await pilot.press("2", "enter")
        dialog = await _dialog(pilot, CheckinDialog)
        assert _text(dialog.query_one(".dialog-title", Static)) == "Check in on KR2"
        assert _text(dialog.query_one("#checkin-statement", Static)) == ZERO
        await pilot.press(*"6%", "ctrl+s")
        await _settled(pilot)
        assert [c.value for c in store.get(wid).key_results[1].checkins] == ["6%"]
        assert store.get(wid).key_results[1].id == "kr3"


async def test_the_grade_dialog_says_kr2_for_the_second_key_result(store, app_on) -> None:
    wid = moved(store)
    app = app_on(store, wid, Stage.FINAL, today=day(30))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("k", "g")
        await _settled(pilot)
        await pilot.press("down", "s")
        dialog = await _dialog(pilot, ScoreDialog)
        assert _text(dialog.query_one(".dialog-title", Static)) == "Score KR2 by hand"
        assert _text(dialog.query_one("#score-statement", Static)) == ZERO


def test_the_welcome_list_says_the_status_list_says() -> None:
    ws = room()
    tracking.check_in(ws, "kr1", "13%", today=day(10))
    line = WelcomeScreen._describe(ws).plain
    assert "(tracking, at final okr, 2 drafts," in line
    assert rules.lifecycle(ws).value == "tracking"
    ws.objectives = ws.objectives[:1]
    assert ", 1 draft," in WelcomeScreen._describe(ws).plain


async def test_the_kr_form_example_is_due_on_the_cycles_last_day(store, app_on) -> None:
    ws = actions.new_workshop(
        "Search", "Now", start=date(2026, 10, 1), end=date(2026, 12, 31),
        facilitator="Ana", participants=["Ben"],
    )  # fmt: skip
    focus = actions.add_draft(ws, "Buyers find it", author="Ben")
    actions.choose_focus(ws, focus.id)
    wid = store.create(ws).id
    app = app_on(store, wid, Stage.KEY_RESULTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settled(pilot)
        box = app.screen.query_one("#kr-statement")
        assert str(box.placeholder).endswith("by 2026-12-31")


async def test_the_author_strip_credits_both_authors_of_a_merged_draft(store, app_on) -> None:
    ws: Workshop = actions.new_workshop(
        "Search", "2027 Q1", facilitator="Ana", participants=["Ivo", "Lena"]
    )
    ivo = actions.add_draft(ws, "Buyers find the right product", author="Ivo")
    lena = actions.add_draft(ws, "Buyers find what they want", author="Lena")
    actions.merge_drafts(ws, ivo.id, lena.id)
    wid = store.create(ws).id
    app = app_on(store, wid, Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settled(pilot)
        notes = app.screen.query_one(AuthorBar).notes
        assert (notes["Ivo"], notes["Lena"]) == ("(1)", "(1)")  # as show and the minutes count


async def test_the_overlaps_placeholder_reads_as_an_example(store, workshop, app_on) -> None:
    app = app_on(store, workshop.id, Stage.CONTEXT)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settled(pilot)
        area = app.screen.query_one("#context-overlaps")
        assert str(area.placeholder).startswith("e.g. ")
