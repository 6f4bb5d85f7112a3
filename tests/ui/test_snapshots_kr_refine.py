"""Screenshots of step 6 (Key results) and step 7 (SMART refinement), against approved SVGs."""

from __future__ import annotations

from hostile import HOSTILE

from okrworkshop import actions, tracking
from okrworkshop.model import Check, KrKind, Review, Stage, Workshop
from okrworkshop.store import Store

MIXED = "Launch the partner portal and reach 500 active partners by 2027-03-31"


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


def with_plan(store: Store, workshop: Workshop) -> None:
    """Four key results (one stretch, one due after the cycle, one mixed, one activity) and a
    plan of two initiatives."""

    def prepare(ws: Workshop) -> None:
        draft = actions.add_draft(
            ws, "Buyers find the right product on their first search", author="Ben"
        )
        actions.choose_focus(ws, draft.id)
        actions.go_to_stage(ws, Stage.KEY_RESULTS)
        fields = actions.KeyResultFields
        actions.add_key_result(
            ws,
            "Increase search-to-purchase conversion from 12% to 18% by 2027-03-31",
            author="Chen",
            fields=fields(
                metric="conversion",
                baseline="12%",
                target="18%",
                unit="%",
                deadline="2027-03-31",
                owner="Chen",
            ),
        )
        actions.add_key_result(
            ws,
            "Reduce searches that return zero results from 9% to 3%",
            author="Ben",
            fields=fields(
                metric="zero-result searches",
                baseline="9%",
                target="3%",
                unit="%",
                deadline="2027-06-30",
                owner="Ben",
            ),
        )
        actions.add_key_result(ws, MIXED, author="Dana", fields=fields(owner="Dana"))
        actions.add_key_result(ws, "Launch the new onboarding", author="Dana")
        tracking.set_kind(ws, "kr1", KrKind.STRETCH)
        actions.add_initiative(
            ws, "Add synonyms for the 200 commonest queries", owner="Ben", key_result="kr2"
        )
        actions.add_initiative(ws, "Rebuild the ranking pipeline", owner="Chen")

    store.update(workshop.id, prepare)


def with_votes(store: Store, workshop: Workshop) -> None:
    """The workshop in progress, with the room's confidence in kr1 revealed: 4, 2, 5."""

    def vote(ws: Workshop) -> None:
        for person, fingers in (("Ben", 4), ("Chen", 2), ("Dana", 5)):
            tracking.vote_confidence(ws, "kr1", fingers, person=person)
        tracking.reveal_confidence(ws)

    in_progress(store, workshop)
    store.update(workshop.id, vote)


async def on_the_activity_row(pilot) -> None:
    """Focus the list on kr4, which describes work: the advice offers ^o."""
    await pilot.app.settle()
    table = pilot.app.screen.query_one("#kr-table")
    table.focus()
    table.move_cursor(row=3)
    await pilot.pause()


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

    def test_plan_kinds_and_offers(self, snap_compare, store, workshop, app_for):
        """The list with a Kind column (kr1 stretch), ✗ time-bound for kr2 (due after the
        cycle), the plan of two initiatives under it, and on kr4 (work) the advice offering
        ^o to move it to the plan; ^o To plan in the Footer."""
        with_plan(store, workshop)
        app = app_for(store, workshop.id, Stage.KEY_RESULTS)
        assert snap_compare(app, run_before=on_the_activity_row, terminal_size=(120, 40))

    def test_lists_take_the_room_small_terminal(self, snap_compare, store, workshop, app_for):
        """At 80x24 with the focus on the list: the lists (no metric or deadline column), the
        advice and the plan get the room, the form folds to its title."""
        with_plan(store, workshop)
        app = app_for(store, workshop.id, Stage.KEY_RESULTS)
        assert snap_compare(app, run_before=on_the_activity_row, terminal_size=(80, 24))

    def test_mixed_statement_offers_a_split(self, snap_compare, store, workshop, app_for):
        """A typed statement mixing work with a result: ✗ Specific says what stays and what
        goes, with the ^t offer under it; ^t Split in the Footer."""
        in_progress(store, workshop)

        async def type_mixed(pilot) -> None:
            await pilot.press(*MIXED)

        app = app_for(store, workshop.id, Stage.KEY_RESULTS)
        assert snap_compare(app, run_before=type_mixed, terminal_size=(120, 40))


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

    def test_confidence_revealed(self, snap_compare, store, workshop, app_for):
        """kr1's revealed confidence: each hand, average 3.7, 2 to 5 (spread 3), the hands
        per number of fingers, and ⚑ the prompt to talk (also on the KR list and in the panel
        on the left)."""
        with_votes(store, workshop)
        app = app_for(store, workshop.id, Stage.REFINE)
        assert snap_compare(app, terminal_size=(120, 40))

    def test_confidence_hidden_small_terminal(self, snap_compare, store, workshop, app_for):
        """At 80x24, two hands in and hidden: ticks for who voted, ▶ on the next voter, the
        keys in one line; the checks below."""

        async def two_hands(pilot) -> None:
            await pilot.press("4", "2")
            await pilot.app.settle()
            await pilot.pause()

        in_progress(store, workshop)
        app = app_for(store, workshop.id, Stage.REFINE)
        assert snap_compare(app, run_before=two_hands, terminal_size=(80, 24))
