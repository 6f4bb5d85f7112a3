"""Snapshots of a participant's own screens beyond the drafts at the usual sizes: a phone's
width, the menu, the confidence vote once revealed, and check-ins on a final OKR."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from cycle_okr import day, room

from okrworkshop import actions, participation, tracking, week_actions
from okrworkshop.model import Stage, Workshop
from okrworkshop.store import Store
from ui.participant_helpers import participant_app


class TestParticipantSnapshots:
    def test_drafting_on_a_phone(
        self, snap_compare, store: Store, workshop: Workshop, tmp_path: Path
    ) -> None:
        """50 columns, as a phone's browser gives: the boxes stack, the lint hint wraps, the
        note past three drafts shows under an empty box."""
        for text in ("Buyers find it first time", "Sellers thrive", "Search feels instant"):
            store.update(
                workshop.id, lambda ws, t=text: participation.add_draft(ws, t, person="Ben")
            )
        app = participant_app(store, workshop.id, "Ben", tmp_path)

        async def run_before(pilot) -> None:
            await pilot.press("enter", "tab")
            await pilot.press(*"Lift 12%")
            await pilot.pause()

        assert snap_compare(app, terminal_size=(50, 30), run_before=run_before)

    def test_the_menu_over_the_ballot(
        self, snap_compare, store: Store, workshop: Workshop, tmp_path: Path
    ) -> None:
        """Esc on the ballot: every action with its keys, places first."""
        store.update(workshop.id, lambda ws: participation.add_draft(ws, "Trust", person="Chen"))
        store.update(workshop.id, lambda ws: actions.go_to_stage(ws, Stage.FOCUS))
        app = participant_app(store, workshop.id, "Ben", tmp_path)

        async def run_before(pilot) -> None:
            await pilot.press("enter", "space", "escape")
            await pilot.pause()

        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)

    def test_confidence_revealed(self, snap_compare, store: Store, tmp_path: Path) -> None:
        """Refinement, the votes revealed: Ben's own vote as dots, the spread and the prompt."""
        wid = store.create(room(final=False)).id
        store.update(wid, lambda w: actions.go_to_stage(w, Stage.REFINE))
        for person, kr_id, n in [("Ben", "kr1", 4), ("Dana", "kr1", 1), ("Ben", "kr2", 3)]:
            store.update(
                wid,
                lambda w, p=person, k=kr_id, f=n: tracking.vote_confidence(w, k, f, person=p),
            )
        store.update(wid, lambda w: tracking.reveal_confidence(w))
        app = participant_app(store, wid, "Ben", tmp_path)

        async def run_before(pilot) -> None:
            await pilot.press("enter")
            await pilot.pause()

        assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)

    @pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
    def test_check_ins_on_ones_own_key_result(
        self, snap_compare, store: Store, tmp_path: Path, size: tuple[int, int]
    ) -> None:
        """Day 45 of the cycle: Ben owns kr2, with three weeks of check-ins and a note."""
        ws = room()
        ws.key_results[1].owner = "Ben"
        wid = store.create(ws).id
        for n, value, confidence in [(14, "8.5%", 5), (28, "7.6%", 6), (42, "6.4%", 7)]:
            store.update(
                wid,
                lambda w, d=n, v=value, c=confidence: tracking.check_in(
                    w, "kr2", v, author="Ben", confidence=c, note="[b]Synonyms[/b]", today=day(d)
                ),
            )
        app = participant_app(store, wid, "Ben", tmp_path, today=day(45))

        async def run_before(pilot) -> None:
            await pilot.press("enter")
            await pilot.pause()

        assert snap_compare(app, terminal_size=size, run_before=run_before)

    @pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
    def test_the_weekly_meeting(
        self, snap_compare, example_store: Store, tmp_path: Path, size: tuple[int, int]
    ) -> None:
        """A Monday inside the cycle, the meeting open: Ben's votes (KR1 7, KR2 10), Chen's
        hidden, one commitment tied to KR2 and an open next action that blocks."""
        monday = date(2027, 3, 1)
        for change in (
            lambda w: week_actions.start_week(w, today=monday),
            lambda w: week_actions.add_action(
                w, "KR2", "Ask legal about the logs", owner="Ben", blocker=True
            ),
            lambda w: week_actions.commit(
                w, "Ship synonyms to 10% of queries", person="Ben", kr="KR2"
            ),
            lambda w: week_actions.vote(w, "KR1", 3, person="Chen"),
        ):
            example_store.update("example", change)
        app = participant_app(example_store, "example", "Ben", tmp_path, today=monday)

        async def run_before(pilot) -> None:
            await pilot.press("enter")
            await pilot.pause()
            await pilot.press("7", "down", "1", "0")
            await pilot.app.workers.wait_for_complete()
            await pilot.app.settle()
            await pilot.pause()

        assert snap_compare(app, terminal_size=size, run_before=run_before)
