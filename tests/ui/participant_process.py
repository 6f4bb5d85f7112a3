"""A participant's app in a process of its own, typing drafts as a person would.

Used by the two-process test: ``python participant_process.py DB WORKSHOP NAME COUNT``. It
prints one line when every draft is saved, then exits.
"""

from __future__ import annotations

import asyncio
import sys

from textual.widgets import Input

from okrworkshop.store import Store
from screens.app_base import AppOptions
from screens.participant.app import make_participant_app


async def type_drafts(db: str, workshop_id: str, person: str, count: int) -> None:
    app = make_participant_app(
        Store.open(db), workshop_id, person, options=AppOptions(cursor_blink=False)
    )
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")  # past the briefing
        await pilot.pause()
        for n in range(1, count + 1):
            box = app.focused
            assert isinstance(box, Input), box
            box.insert_text_at_cursor(f"{person}'s draft {n}")
            await pilot.press("enter")
            await app.settle()
    print(f"{person} saved {count} drafts", flush=True)


if __name__ == "__main__":
    db, workshop_id, person, count = sys.argv[1:5]
    asyncio.run(type_drafts(db, workshop_id, person, int(count)))
