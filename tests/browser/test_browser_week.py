"""A participant takes part in the weekly meeting from a real browser (Debian's chromium
through playwright): during an open week, their confidence vote and a commitment typed in the
page land in the database with their name.

``okrworkshop serve`` runs on the real calendar, so the example's cycle is moved to hold today
and this week's meeting is opened before the server starts.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

import pytest
from browsing import WHO_ARE_YOU, open_page, press_enter_then_wait_for, wait_for_text
from playwright.sync_api import Browser
from serving import Seeded, Served, wait_until

from okrworkshop import week_actions
from okrworkshop.model import Cycle, Workshop
from okrworkshop.store import Store
from okrworkshop.week_model import Week

EXAMPLE_DB = Path(__file__).resolve().parents[2] / "data" / "example.json"
DB_TIMEOUT = 30.0
BRIEFING = "The team is in its weekly meeting"
WEEK_SCREEN = "How sure are you of each, 1 to 10?"


@pytest.fixture
def workshop(tmp_path: Path) -> Seeded:
    """The example's final OKR, its cycle around today, this week's meeting open."""
    db = tmp_path / "okr.json"
    shutil.copy(EXAMPLE_DB, db)
    store = Store.open(db)
    today = date.today()

    def open_meeting(ws: Workshop) -> None:
        ws.cycle = Cycle(ws.cycle.label, today - timedelta(days=30), today + timedelta(days=60))
        week_actions.start_week(ws, today=today)

    store.update("example", open_meeting)
    return Seeded(db, "example")


def this_week(workshop: Seeded) -> Callable[[], Week]:
    def week() -> Week:
        return Store.open(workshop.db).get(workshop.id).weeks[-1]

    return week


def test_a_participant_votes_and_commits_in_the_weekly_meeting_from_the_browser(
    serve: Callable[..., Served], workshop: Seeded, browser: Browser
) -> None:
    served = serve()
    page = open_page(browser, served)
    page.goto(served.link)
    page.wait_for_selector("body.-first-byte", state="attached")
    page.focus("textarea.xterm-helper-textarea")

    wait_for_text(page, WHO_ARE_YOU)
    page.keyboard.type("Ben")
    press_enter_then_wait_for(page, BRIEFING)  # the briefing says where the room is
    press_enter_then_wait_for(page, WEEK_SCREEN)

    week = this_week(workshop)
    page.keyboard.press("8")  # KR1, the first key result, is highlighted
    wait_until(
        lambda: week().confidence.get("kr1") == {"Ben": 8}, DB_TIMEOUT, "Ben's vote in the db"
    )
    commitment = "Ship the synonyms list <b>by Friday</b>"
    page.keyboard.type(commitment)  # a letter on the list starts a commitment
    page.keyboard.press("Enter")
    wait_until(
        lambda: [(c.text, c.person) for c in week().commitments] == [(commitment, "Ben")],
        DB_TIMEOUT,
        "Ben's commitment in the db",
    )
    wait_for_text(page, "Your commitments this week (1 of 3)")
