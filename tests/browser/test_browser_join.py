"""A participant joins from a real browser (Debian's chromium through playwright): opens the
printed link, says who they are, reads the briefing, types drafts; the drafts land in the
database with their name, exactly as typed.

The page draws with xterm.js into a canvas, so its text is not in the DOM: an init script wraps
``window.WebSocket`` and keeps what the server sends, and the test waits for text in it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, Route, sync_playwright
from serving import NORTH_STAR, Seeded, Served, wait_until

from okrworkshop.store import Store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
STEP_TIMEOUT_MS = 15_000
DB_TIMEOUT = 30.0

# The participant screens' contract (screens/participant*.py, `okrworkshop join -w ID`):
WHO_ARE_YOU = "Who are you?"  # the first screen, a focused Input for the name
# ...then the briefing, which shows the strategic context (NORTH_STAR, seeded by the fixture);
# Enter goes on to the drafting screen, whose focused Input adds a draft objective. Its
# placeholder is drawn when that screen appears and again when the Input is emptied after a
# draft is saved: the test waits for it before typing, so no key goes to a screen or a box that
# is not ready. (The first letter is left out: the cursor draws it in another style.)
EMPTY_DRAFT_INPUT = "draft objective, then Enter"

HOSTILE_DRAFT = "[b]bold[/b] <script>alert(1)</script> | # x"

# Keeps every text the server sends to the page, and gives it back without escape sequences.
RECORD_SCREEN = r"""
(() => {
  const Native = window.WebSocket;
  const decoder = new TextDecoder();
  const seen = { raw: "" };
  const plain = (s) => s
    .replace(/\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)/g, "")
    .replace(/\x1b\[[0-?]*[ -\/]*[@-~]/g, "")
    .replace(/\x1b[()][0-9A-Za-z]/g, "")
    .replace(/\x1b[=>78]/g, "");
  window.__okrScreen = {
    mark: () => seen.raw.length,
    since: (mark) => plain(seen.raw.slice(mark)),
  };
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener("message", (event) => {
        if (typeof event.data !== "string") {
          seen.raw += decoder.decode(new Uint8Array(event.data), { stream: true });
        }
      });
    }
  };
})();
"""


@pytest.fixture
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()


def open_page(browser: Browser, served: Served) -> Page:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(RECORD_SCREEN)

    def abort(route: Route) -> None:
        route.abort()

    # Web fonts (the page links Google's) could stall onload, and the test needs nothing from
    # outside the server.
    context.route("**/*.{woff,woff2,ttf}", abort)
    context.route(lambda url: not url.startswith(served.origin + "/"), abort)
    page = context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    return page


def mark(page: Page) -> int:
    return page.evaluate("window.__okrScreen.mark()")


def wait_for_text(page: Page, text: str, since: int = 0) -> None:
    """Wait until ``text`` is drawn (in what the server sent after the mark ``since``)."""
    try:
        page.wait_for_function(
            "([text, since]) => window.__okrScreen.since(since).includes(text)", arg=[text, since]
        )
    except Exception as error:
        shown = page.evaluate("(since) => window.__okrScreen.since(since)", since)
        raise AssertionError(f"{text!r} was not drawn; the page got:\n{shown[-3000:]}") from error


def press_enter_then_wait_for(page: Page, text: str) -> None:
    before = mark(page)
    page.keyboard.press("Enter")
    wait_for_text(page, text, before)


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
    assert [(c["name"], c["httpOnly"], c["sameSite"]) for c in cookies] == [
        (served.cookie_name, True, "Strict")
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
