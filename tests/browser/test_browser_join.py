"""A participant joins from a real browser (Debian's chromium through playwright): opens the
printed link, says who they are, reads the briefing, types drafts; the drafts land in the
database with their name, exactly as typed.

What the page itself adds (phones, focus, fonts, title, reloads, the end of a session) is in
``test_browser_page.py``.
"""

from __future__ import annotations

from collections.abc import Callable

from browsing import (
    EMPTY_DRAFT_INPUT,
    WHO_ARE_YOU,
    open_page,
    press_enter_then_wait_for,
    wait_for_text,
)
from playwright.sync_api import Browser
from serving import NORTH_STAR, Seeded, Served, wait_until

from okrworkshop.store import Store

DB_TIMEOUT = 30.0
HOSTILE_DRAFT = "[b]bold[/b] <script>alert(1)</script> | # x"


def drafts_by(workshop: Seeded, author: str) -> Callable[[], list[str]]:
    def texts() -> list[str]:
        ws = Store.open(workshop.db).get(workshop.id)
        return [o.text for o in ws.objectives if o.author == author]

    return texts


def test_a_participant_joins_from_the_browser_and_drafts(
    serve: Callable[..., Served], workshop: Seeded, browser: Browser
) -> None:
    served = serve()
    page = open_page(browser, served)
    page.goto(served.link)
    assert page.url == served.origin + "/", "the token is dropped from the address bar"
    cookies = page.context.cookies()
    assert sorted((c["name"], c["httpOnly"], c["sameSite"]) for c in cookies) == [
        (f"okrworkshop_browser_{served.port}", True, "Strict"),  # who joined here (server-side)
        (served.cookie_name, True, "Strict"),
    ]
    page.wait_for_selector("body.-first-byte", state="attached")
    page.focus("textarea.xterm-helper-textarea")

    wait_for_text(page, WHO_ARE_YOU)
    page.keyboard.type("Ana")
    press_enter_then_wait_for(page, NORTH_STAR)  # the briefing: the strategic context
    press_enter_then_wait_for(page, EMPTY_DRAFT_INPUT)  # the drafting screen

    stored = drafts_by(workshop, "Ana")
    first = "Make search results feel instant on mobile"
    page.keyboard.type(first)
    press_enter_then_wait_for(page, EMPTY_DRAFT_INPUT)  # saved, and the box emptied
    wait_until(lambda: first in stored(), DB_TIMEOUT, f"the draft {first!r} by Ana in the db")

    page.keyboard.type(HOSTILE_DRAFT)
    page.keyboard.press("Enter")
    wait_until(lambda: len(stored()) == 2, DB_TIMEOUT, "Ana's second draft in the db")
    assert stored() == [first, HOSTILE_DRAFT]
