"""Participants drafting from their own processes while the shared screen shows the drafts step."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from textual.widgets import Input

from okrworkshop.model import Stage, Workshop
from okrworkshop.store import Store
from screens.facilitator.drafts import DraftTable

PARTICIPANT = Path(__file__).with_name("participant_process.py")
EACH = 12


async def test_two_participant_processes_and_the_shared_screen_lose_nothing(
    store: Store, workshop: Workshop, app_for
) -> None:
    app = app_for(store, workshop.id, Stage.DRAFTS)
    async with app.run_test(size=(120, 40)) as pilot:
        people = [
            subprocess.Popen(
                [sys.executable, str(PARTICIPANT), str(store.path), workshop.id, name, str(EACH)],
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for name in ("Ben", "Chen")
        ]
        try:
            entry = app.screen.query_one("#draft-input", Input)
            for n in range(1, 6):  # the facilitator types for the room meanwhile
                entry.focus()
                entry.insert_text_at_cursor(f"Said in the room {n}")
                await pilot.press("enter")
                await app.settle()
            for _ in range(600):  # each participant process ends when its drafts are saved
                if all(p.poll() is not None for p in people):
                    break
                await pilot.pause(0.1)
            outputs = [p.communicate(timeout=60) for p in people]
        finally:
            for p in people:
                p.kill() if p.poll() is None else None
        for p, (out, err) in zip(people, outputs, strict=True):
            assert p.returncode == 0, err
            assert f"saved {EACH} drafts" in out
        table = app.screen.query_one(DraftTable)
        for _ in range(50):  # the shared screen polls the file: wait for the last change
            if table.row_count == 5 + 2 * EACH:
                break
            await pilot.pause(0.2)
        assert table.row_count == 5 + 2 * EACH
    ws = store.get(workshop.id)
    assert len({o.id for o in ws.objectives}) == len(ws.objectives) == 5 + 2 * EACH
    for name in ("Ben", "Chen"):
        mine = [o for o in ws.objectives if o.text.startswith(f"{name}'s draft")]
        assert [o.text for o in mine] == [f"{name}'s draft {n}" for n in range(1, EACH + 1)]
        assert {o.author for o in mine} == {name}
    room = [o.text for o in ws.objectives if o.text.startswith("Said in the room")]
    assert room == [f"Said in the room {n}" for n in range(1, 6)]
