"""Screenshots of step 6 (Key results) and step 7 (SMART refinement), against approved SVGs."""

from __future__ import annotations

from hostile import HOSTILE

from okrworkshop import actions
from okrworkshop.model import Check, Review, Stage, Workshop
from okrworkshop.store import Store


def in_progress(store: Store, workshop: Workshop) -> None:
    """A live workshop mid-way: a focus, one complete key result, one that reads as activity."""

    def prepare(ws: Workshop) -> None:
        draft = actions.add_draft(
            ws, "Buyers find the right product on their first search", author="Ben"
        )
        actions.choose_focus(ws, draft.id)
        actions.go_to_stage(ws, Stage.KEY_RESULTS)
        actions.add_key_result(
            ws,
            "Increase search-to-purchase conversion from 12% to 18% by 2027-03-31",
            author="Chen",
            fields=actions.KeyResultFields(
                metric="search-to-purchase conversion",
                baseline="12%",
                target="18%",
                unit="%",
                deadline="2027-03-31",
                owner="Chen",
            ),
        )
        actions.add_key_result(ws, "Launch the new onboarding", author="Dana")
        actions.review_check(ws, "kr1", Check.SPECIFIC, Review.CONFIRMED)
        actions.review_check(ws, "kr1", Check.ACHIEVABLE, Review.ACCEPTED, "A stretch on purpose.")

    store.update(workshop.id, prepare)


async def half_fill_form(pilot) -> None:
    """Type a statement that reads as activity, and a baseline but no target yet."""
    await pilot.press(*"Launch the new search filters")
    await pilot.press("tab", "tab")
    await pilot.press(*"20%")
    await pilot.press("tab")


async def refuse_a_failing_check(pilot) -> None:
    """On the activity key result, try to confirm Measurable: the core refuses and says why."""
    await pilot.press("n", "down", "c")
    await pilot.app.settle()
    await pilot.pause()


class TestKeyResults:
    def test_example(self, snap_compare, example_store, app_for):
        """The finished example: the focus on top, three key results all ✓ 4/4, the 2–5 rule
        met, an empty form whose checks say what each one asks for."""
        app = app_for(example_store, "example", Stage.KEY_RESULTS)
        assert snap_compare(app, terminal_size=(120, 40))

    def test_example_small_terminal(self, snap_compare, example_store, app_for):
        """The same at 80x24: the list keeps three rows, the form and its checks the rest."""
        app = app_for(example_store, "example", Stage.KEY_RESULTS)
        assert snap_compare(app, terminal_size=(80, 24))

    def test_half_filled_form(self, snap_compare, store, workshop, app_for):
        """A half-typed key result: ✗ Specific/Outcome for the activity wording, the baseline
        alone not yet measurable (the message asks for a target), ? for the room."""
        in_progress(store, workshop)
        app = app_for(store, workshop.id, Stage.KEY_RESULTS)
        assert snap_compare(app, run_before=half_fill_form, terminal_size=(120, 40))

    def test_half_filled_form_small_terminal(self, snap_compare, store, workshop, app_for):
        """The half-typed key result at 80x24."""
        in_progress(store, workshop)
        app = app_for(store, workshop.id, Stage.KEY_RESULTS)
        assert snap_compare(app, run_before=half_fill_form, terminal_size=(80, 24))

    def test_editing(self, snap_compare, store, workshop, app_for):
        """e on kr2 loads it into the form in editing mode (title says so, Esc in the footer)."""
        in_progress(store, workshop)

        async def edit_second(pilot) -> None:
            pilot.app.screen.query_one("#kr-table").focus()
            await pilot.press("down", "e")

        app = app_for(store, workshop.id, Stage.KEY_RESULTS)
        assert snap_compare(app, run_before=edit_second, terminal_size=(120, 40))

    def test_no_focus_yet(self, snap_compare, store, workshop, app_for):
        """Without a focus objective the banner says so and points to step 4."""
        app = app_for(store, workshop.id, Stage.KEY_RESULTS)
        assert snap_compare(app, terminal_size=(120, 40))

    def test_hostile_text(self, snap_compare, store, workshop, app_for):
        """Key results whose words look like markup, escapes, RTL or emoji show literally."""
        keys = ("rich-markup", "click-action", "todo-brackets", "ansi", "rtl", "emoji", "long")

        def prepare(ws: Workshop) -> None:
            draft = actions.add_draft(ws, HOSTILE["closing-tag"], author="Ben")
            actions.choose_focus(ws, draft.id)
            for key in keys:
                fields = actions.KeyResultFields(metric=HOSTILE[key], owner="Ben")
                actions.add_key_result(ws, HOSTILE[key], author="Ben", fields=fields)

        store.update(workshop.id, prepare)
        app = app_for(store, workshop.id, Stage.KEY_RESULTS)
        assert snap_compare(app, terminal_size=(120, 40))


class TestRefine:
    def test_example(self, snap_compare, example_store, app_for):
        """The finished example on kr1: every check reviewed (one accepted with its note), the
        panel says the OKR is final."""
        app = app_for(example_store, "example", Stage.REFINE)
        assert snap_compare(app, terminal_size=(120, 40))

    def test_example_small_terminal(self, snap_compare, example_store, app_for):
        """The same at 80x24."""
        app = app_for(example_store, "example", Stage.REFINE)
        assert snap_compare(app, terminal_size=(80, 24))

    def test_failing_check_refused(self, snap_compare, store, workshop, app_for):
        """KR 2 of 2 reads as activity: ✗ Measurable with its rewrite hint; c on it is refused
        and the core's sentence is shown under the checks."""
        in_progress(store, workshop)
        app = app_for(store, workshop.id, Stage.REFINE)
        assert snap_compare(app, run_before=refuse_a_failing_check, terminal_size=(120, 40))

    def test_finalize_blocked(self, snap_compare, store, workshop, app_for):
        """F while checks are open: the panel on the left lists every blocker, framed."""
        in_progress(store, workshop)

        async def try_to_finalize(pilot) -> None:
            await pilot.press("F")
            await pilot.app.settle()
            await pilot.pause()

        app = app_for(store, workshop.id, Stage.REFINE)
        assert snap_compare(app, run_before=try_to_finalize, terminal_size=(120, 40))

    def test_failing_check_small_terminal(self, snap_compare, store, workshop, app_for):
        """The refused check at 80x24."""
        in_progress(store, workshop)
        app = app_for(store, workshop.id, Stage.REFINE)
        assert snap_compare(app, run_before=refuse_a_failing_check, terminal_size=(80, 24))
