"""Snapshots of steps 2 (context), 5 (deprioritized) and 8 (final), as the room sees them."""

from __future__ import annotations

from okrworkshop import actions
from okrworkshop.model import Stage, Workshop


async def _settled(pilot) -> None:
    """Saves done, the workshop re-read and anything drawn from it (the preview) rendered."""
    await pilot.pause()
    await pilot.app.settle()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _drafted(ws: Workshop) -> None:
    """Context and drafts, a focus chosen, and two drafts still undecided."""
    actions.set_context(
        ws,
        mission="Help small businesses sell what they make.",
        north_star="Our buyers always find what they are looking for.",
        pillars=["Relevance", "New markets"],
    )
    actions.add_draft(ws, "Buyers find the right product on their first search", author="Ben")
    actions.add_draft(ws, "Sellers get their products listed in minutes", author="Chen")
    actions.add_draft(
        ws, "Buyers in the EU can shop with us " + "and pay in euros " * 12, author="Dana"
    )
    actions.vote(ws, "o1", person="Ben")


class TestStrategicContext:
    def test_example_wide(self, snap_compare, example_store, app_for):
        """The example's context at 120x40: each field with its guidance beside it, required
        fields marked "required ✓", the form scrollable below the fold."""
        app = app_for(example_store, "example", Stage.CONTEXT)
        assert snap_compare(app, terminal_size=(120, 40), run_before=_settled)

    def test_example_80x24(self, snap_compare, example_store, app_for):
        """The same at 80x24: guidance under each field, the fields still three lines tall."""
        app = app_for(example_store, "example", Stage.CONTEXT)
        assert snap_compare(app, terminal_size=(80, 24), run_before=_settled)

    def test_empty_with_overlap_hint(self, snap_compare, store, workshop, app_for):
        """A fresh workshop at 80x24, scrolled to the overlaps field where a line lacks ':':
        the hint says how to write it, and the empty required fields say "still empty ✗"."""

        async def type_overlap(pilot) -> None:
            await _settled(pilot)
            pilot.app.screen.query_one("#context-overlaps").focus()
            await pilot.press(*"Payments")
            await _settled(pilot)

        app = app_for(store, workshop.id, Stage.CONTEXT)
        assert snap_compare(app, terminal_size=(80, 24), run_before=type_overlap)


class TestDeprioritized:
    def test_example(self, snap_compare, example_store, app_for):
        """The example at 120x40: the focus on top (★), every draft decided, the not-now list
        with where each item came from, and the first item in full in the detail pane."""
        app = app_for(example_store, "example", Stage.DEPRIORITIZED)
        assert snap_compare(app, terminal_size=(120, 40), run_before=_settled)

    def test_undecided_drafts_80x24(self, snap_compare, store, workshop, app_for):
        """At 80x24 with two drafts not chosen yet: the list of drafts, the one-line add form,
        the (empty) not-now list and the highlighted draft in full below."""
        store.update(workshop.id, _drafted)
        store.update(workshop.id, lambda ws: actions.choose_focus(ws, "o1"))
        app = app_for(store, workshop.id, Stage.DEPRIORITIZED)
        assert snap_compare(app, terminal_size=(80, 24), run_before=_settled)


class TestFinal:
    def test_example(self, snap_compare, example_store, app_for):
        """The finalized example at 120x40: "✓ Final since …" on one line and the rendered
        handout (objective as heading, header facts, each key result a block led by its
        statement); Key results, Save, Copy and Reopen in the Footer."""
        app = app_for(example_store, "example", Stage.FINAL)
        assert snap_compare(app, terminal_size=(120, 40), run_before=_settled)

    def test_not_final_shows_blockers(self, snap_compare, store, workshop, app_for):
        """A workshop with drafts but no focus at 120x40: the panel lists what blocks the
        OKR ("✗ Choose exactly one focus objective.", key results missing) above the
        in-progress preview; Finalize is offered in the Footer, Reopen is not."""
        store.update(workshop.id, _drafted)
        app = app_for(store, workshop.id, Stage.FINAL)
        assert snap_compare(app, terminal_size=(120, 40), run_before=_settled)

    def test_key_results_80x24(self, snap_compare, example_store, app_for):
        """The finalized example at 80x24 after j: the state on one line, the preview scrolled
        to the key results, each block's statement wrapped in full, then owner, due date and
        committed or stretch."""

        async def jump(pilot) -> None:
            await _settled(pilot)
            await pilot.press("j")
            await pilot.pause()

        app = app_for(example_store, "example", Stage.FINAL)
        assert snap_compare(app, terminal_size=(80, 24), run_before=jump)
