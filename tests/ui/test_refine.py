"""Step 7, SMART refinement: reviewing checks by keys, refusals shown, finalizing."""

from __future__ import annotations

from hostile import HOSTILE
from textual.widgets import Static

from okrworkshop import actions
from okrworkshop.model import Check, Review, Stage, Status, Workshop
from okrworkshop.store import Store
from okrworkshop.text import visible
from screens.dialogs.modals import ConfirmScreen, TextPrompt
from screens.facilitator.final import FinalScreen
from screens.facilitator.refine import ChecksList, KrPicker, RefineScreen
from ui.helpers import burst

KR1 = "Increase search-to-purchase conversion from 12% to 18% by 2027-03-31"
KR2 = "Reduce searches that return zero results from 9% to 3% by 2027-03-31"
ACTIVITY = "Launch the new onboarding"


def complete(metric: str, baseline: str, target: str, owner: str) -> actions.KeyResultFields:
    return actions.KeyResultFields(
        metric=metric,
        baseline=baseline,
        target=target,
        unit="%",
        deadline="2027-03-31",
        owner=owner,
    )


def build(store: Store, workshop: Workshop, *, reviewed: bool = False) -> Workshop:
    """A focus and two complete key results; ``reviewed`` confirms every check but kr2's
    Outcome, which the test reviews by keys."""

    def prepare(ws: Workshop) -> None:
        draft = actions.add_draft(
            ws, "Buyers find the right product on their first search", author="Ben"
        )
        actions.choose_focus(ws, draft.id)
        actions.add_key_result(
            ws, KR1, author="Chen", fields=complete("conversion", "12%", "18%", "Chen")
        )
        actions.add_key_result(
            ws, KR2, author="Ben", fields=complete("zero results", "9%", "3%", "Ben")
        )
        if reviewed:
            for kr in ws.key_results:
                for check in Check:
                    if (kr.id, check) != ("kr2", Check.OUTCOME):
                        actions.review_check(ws, kr.id, check, Review.CONFIRMED)

    store.update(workshop.id, prepare)
    return store.get(workshop.id)


def with_activity(store: Store, workshop: Workshop) -> str:
    """A focus and one key result that the linter finds unmeasurable and an activity."""

    def prepare(ws: Workshop) -> str:
        draft = actions.add_draft(ws, "New sellers succeed in their first week", author="Ben")
        actions.choose_focus(ws, draft.id)
        return actions.add_key_result(ws, ACTIVITY, author="Dana").id

    return store.update(workshop.id, prepare)


def text_of(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).visual)


def review(store: Store, workshop: Workshop, kr_id: str, check: Check) -> Review:
    return store.get(workshop.id).key_result(kr_id).smart[check].status


async def test_confirm_a_passing_check_and_move_on(store, workshop, app_for) -> None:
    build(store, workshop)
    app = app_for(store, workshop.id, Stage.REFINE)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RefineScreen)
        checks = app.screen.query_one(ChecksList)
        assert app.screen.focused is checks
        assert text_of(app, "#refine-heading").startswith("KR1 of 2")
        assert checks.highlighted == 0
        await pilot.press("c")
        await app.settle()
        await pilot.pause()
        assert review(store, workshop, "kr1", Check.SPECIFIC) is Review.CONFIRMED
        assert checks.highlighted == 1  # on to Measurable
        assert "Specific of KR1: confirmed" in text_of(app, "#refine-message")
        prompt = str(checks.get_option_at_index(0).prompt)
        assert "✓ Specific" in prompt and "✓ confirmed" in prompt
        assert "1/6, 5 open" in str(app.screen.query_one(KrPicker).get_option_at_index(0).prompt)


async def test_confirming_a_failing_check_is_refused_with_the_reason(
    store, workshop, app_for
) -> None:
    kr_id = with_activity(store, workshop)
    app = app_for(store, workshop.id, Stage.REFINE)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        checks = app.screen.query_one(ChecksList)
        await pilot.press("down")  # Measurable
        prompt = str(checks.get_option_at_index(1).prompt)
        assert "✗ Measurable" in prompt
        assert "No number says how far this should move" in prompt
        assert "Rewrite:" in prompt and "Ask the room:" in prompt
        await pilot.press("c")
        await app.settle()
        await pilot.pause()
        assert review(store, workshop, kr_id, Check.MEASURABLE) is Review.OPEN
        message = text_of(app, "#refine-message")
        assert kr_id == "kr1" and "KR1 does not pass Measurable yet" in message
        assert "accept it as it is with a note" in message
        assert checks.highlighted == 1  # stays on the refused check


async def test_accept_needs_a_note_and_stores_it(store, workshop, app_for) -> None:
    kr_id = with_activity(store, workshop)
    app = app_for(store, workshop.id, Stage.REFINE)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("end")  # Outcome
        await pilot.press("a")
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press("enter")  # empty: refused by the prompt itself
        await pilot.pause()
        assert isinstance(app.screen, TextPrompt)
        await pilot.press(*"Launch first, measure activation next cycle")
        await pilot.press("enter")
        await app.settle()
        await pilot.pause()
        assert isinstance(app.screen, RefineScreen)
        smart = store.get(workshop.id).key_result(kr_id).smart[Check.OUTCOME]
        assert smart.status is Review.ACCEPTED
        assert smart.note == "Launch first, measure activation next cycle"
        prompt = str(app.screen.query_one(ChecksList).get_option_at_index(5).prompt)
        assert "accepted: Launch first, measure activation next cycle" in prompt


async def test_escape_in_the_note_prompt_changes_nothing(store, workshop, app_for) -> None:
    kr_id = with_activity(store, workshop)
    app = app_for(store, workshop.id, Stage.REFINE)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"maybe", "escape")
        await app.settle()
        await pilot.pause()
        assert review(store, workshop, kr_id, Check.SPECIFIC) is Review.OPEN


async def test_reopen_a_reviewed_check(store, workshop, app_for) -> None:
    build(store, workshop, reviewed=True)
    app = app_for(store, workshop.id, Stage.REFINE)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("down", "down")  # Achievable
        await pilot.press("o")
        await app.settle()
        await pilot.pause()
        assert review(store, workshop, "kr1", Check.ACHIEVABLE) is Review.OPEN
        assert review(store, workshop, "kr1", Check.SPECIFIC) is Review.CONFIRMED
        prompt = str(app.screen.query_one(ChecksList).get_option_at_index(2).prompt)
        assert "? Achievable  ·  open" in prompt


async def test_next_and_previous_key_result(store, workshop, app_for) -> None:
    build(store, workshop)
    app = app_for(store, workshop.id, Stage.REFINE)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        assert text_of(app, "#refine-heading").startswith("KR2 of 2 · ")
        assert text_of(app, "#refine-kr") == KR2
        assert app.screen.query_one(KrPicker).highlighted == 1
        await pilot.press("n")  # stays on the last
        assert text_of(app, "#refine-heading").startswith("KR2 of 2")
        await pilot.press("c")
        await app.settle()
        await pilot.pause()
        assert review(store, workshop, "kr2", Check.SPECIFIC) is Review.CONFIRMED
        assert review(store, workshop, "kr1", Check.SPECIFIC) is Review.OPEN
        await pilot.press("p")
        assert text_of(app, "#refine-heading").startswith("KR1 of 2 · ")


async def test_finalize_is_blocked_and_shows_why(store, workshop, app_for) -> None:
    build(store, workshop)
    app = app_for(store, workshop.id, Stage.REFINE)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("F")
        await app.settle()
        await pilot.pause()
        assert isinstance(app.screen, RefineScreen)  # no confirmation: nothing to confirm
        assert store.get(workshop.id).status is not Status.FINAL
        assert "Not ready to finalize" in text_of(app, "#refine-message")
        progress = text_of(app, "#refine-progress")
        assert "Before it can be final:" in progress
        assert "• KR1: confirm or accept Specific" in progress
        assert app.screen.query_one("#refine-progress-box").has_class("-alert")


async def test_finalize_when_every_check_is_reviewed(store, workshop, app_for) -> None:
    build(store, workshop, reviewed=True)
    app = app_for(store, workshop.id, Stage.REFINE)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "KR2: confirm or accept Outcome" in text_of(app, "#refine-progress")
        await pilot.press("n", "end", "c")  # kr2, Outcome, confirm
        await app.settle()
        await pilot.pause()
        assert review(store, workshop, "kr2", Check.OUTCOME) is Review.CONFIRMED
        assert "Ready: press F to finalize" in text_of(app, "#refine-progress")
        await pilot.press("shift+f")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await app.settle()
        await pilot.pause()
        ws = store.get(workshop.id)
        assert ws.status is Status.FINAL
        assert ws.stage is Stage.FINAL
        assert isinstance(app.screen, FinalScreen)


async def test_declining_the_confirmation_does_not_finalize(store, workshop, app_for) -> None:
    build(store, workshop, reviewed=True)
    store.update(
        workshop.id, lambda ws: actions.review_check(ws, "kr2", Check.OUTCOME, Review.CONFIRMED)
    )
    app = app_for(store, workshop.id, Stage.REFINE)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("F")
        await pilot.pause()
        await pilot.press("n")
        await app.settle()
        await pilot.pause()
        assert store.get(workshop.id).status is not Status.FINAL
        assert isinstance(app.screen, RefineScreen)


async def test_no_key_results_yet(store, workshop, app_for) -> None:
    app = app_for(store, workshop.id, Stage.REFINE)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "No key results yet" in text_of(app, "#refine-heading")
        await pilot.press("c", "n", "p", "a")
        await app.settle()
        await pilot.pause()
        assert isinstance(app.screen, RefineScreen)


async def test_a_final_okr_refuses_reviews_with_the_core_message(example_store, app_for) -> None:
    app = app_for(example_store, "example", Stage.REFINE)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert "The OKR is final" in text_of(app, "#refine-progress")
        await pilot.press("o")
        await app.settle()
        await pilot.pause()
        assert "This OKR is final" in text_of(app, "#refine-message")
        assert example_store.get("example").key_result("kr1").smart[Check.SPECIFIC].status is (
            Review.CONFIRMED
        )


async def test_hostile_text_shows_literally(store, workshop, app_for) -> None:
    def prepare(ws: Workshop) -> None:
        draft = actions.add_draft(ws, "Buyers find the right product", author="Ben")
        actions.choose_focus(ws, draft.id)
        for value in HOSTILE.values():
            actions.add_key_result(
                ws, value, author="Ben", fields=actions.KeyResultFields(metric=value)
            )

    store.update(workshop.id, prepare)
    app = app_for(store, workshop.id, Stage.REFINE)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        for index, value in enumerate(HOSTILE.values()):
            assert text_of(app, "#refine-kr") == visible(value.strip(), keep_newlines=True)
            fields = text_of(app, "#refine-fields")
            assert fields.startswith("Metric: ")
            assert "\x1b" not in fields and "\x00" not in fields
            if index + 1 < len(HOSTILE):
                await pilot.press("n")
        await pilot.click(ChecksList)
        await pilot.pause()
        assert app.is_running


async def test_accepting_a_check_that_passes_is_refused_before_any_note(
    store, workshop, app_for
) -> None:
    """kr1 passes Specific: there is no gap to accept, so no note is asked for or stored."""
    build(store, workshop)
    app = app_for(store, workshop.id, Stage.REFINE)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.press("a")
        await app.settle()
        await pilot.pause()
        assert isinstance(app.screen, RefineScreen)  # no note prompt
        message = text_of(app, "#refine-message")
        assert "kr1 passes Specific, so there is no gap to accept; confirm it instead." in message
    assert review(store, workshop, "kr1", Check.SPECIFIC) is Review.OPEN


async def test_c_typed_in_a_burst_confirms_each_open_check_in_turn(
    store, workshop, app_for
) -> None:
    """c moves to the next open check as soon as it is pressed (skipping reviewed ones), so
    keys typed quickly review one check each, not the same one again."""
    build(store, workshop)
    store.update(
        workshop.id, lambda ws: actions.review_check(ws, "kr1", Check.MEASURABLE, Review.CONFIRMED)
    )
    app = app_for(store, workshop.id, Stage.REFINE)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await burst(pilot, "c", "c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert review(store, workshop, "kr1", Check.SPECIFIC) is Review.CONFIRMED
        assert review(store, workshop, "kr1", Check.ACHIEVABLE) is Review.CONFIRMED
        assert review(store, workshop, "kr1", Check.RELEVANT) is Review.OPEN
        assert app.screen.query_one(ChecksList).highlighted == list(Check).index(Check.RELEVANT)


async def test_c_on_an_accepted_check_keeps_the_rooms_note(store, workshop, app_for) -> None:
    """Achievable is the room's call (no automatic verdict): once accepted with a note, c does
    not silently replace that note with "confirmed"."""
    build(store, workshop)
    note = "A stretch on purpose"
    store.update(
        workshop.id,
        lambda ws: actions.review_check(ws, "kr1", Check.ACHIEVABLE, Review.ACCEPTED, note),
    )
    app = app_for(store, workshop.id, Stage.REFINE)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await burst(pilot, "down", "down", "c")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "press o to reopen it first" in text_of(app, "#refine-message")
    smart = store.get(workshop.id).key_result("kr1").smart[Check.ACHIEVABLE]
    assert (smart.status, smart.note) == (Review.ACCEPTED, note)
