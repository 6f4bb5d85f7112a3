"""Driving the served page in a real browser (Debian's chromium through playwright).

The page draws with xterm.js into a canvas, so its text is not in the DOM: an init script wraps
``window.WebSocket`` and keeps what the server sends, and tests wait for text in it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, BrowserContext, Page, Route
from serving import Served

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
LAPTOP = {"viewport": {"width": 1280, "height": 800}}
PHONE: dict[str, Any] = {
    # A 414x896 phone (iPhone 11 class). The device pixel ratio stays 1: chromium's emulation
    # of a higher one makes xterm.js draw its glyphs that many times too big, which a real
    # phone does not (its canvas reports real device pixels).
    "viewport": {"width": 414, "height": 896},
    "is_mobile": True,
    "has_touch": True,
}

# The participant screens' contract (screens/participant*.py, `okrworkshop join -w ID`):
WHO_ARE_YOU = "Who are you?"  # the first screen, a focused Input for the name
# ...then the briefing, which shows the strategic context (NORTH_STAR, seeded by the fixture);
# Enter goes on to the drafting screen, whose focused Input adds a draft objective. Its
# placeholder is drawn when that screen appears and again when the Input is emptied after a
# draft is saved: tests wait for it before typing, so no key goes to a screen or a box that
# is not ready. (The first letter is left out: the cursor draws it in another style.)
EMPTY_DRAFT_INPUT = "draft objective, then Enter"

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
    raw: (mark) => seen.raw.slice(mark),
    sockets: [],
  };
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      window.__okrScreen.sockets.push(String(args[0]));
      this.addEventListener("message", (event) => {
        if (typeof event.data !== "string") {
          seen.raw += decoder.decode(new Uint8Array(event.data), { stream: true });
        }
      });
    }
  };
})();
"""


def new_context(
    browser: Browser, served: Served, *, block_others: bool = True, **device: Any
) -> BrowserContext:
    """A fresh browser profile (its own cookies) that records what the page is sent.

    ``block_others`` aborts any request to another host, so no test can hang on the network;
    the test that proves the page asks no other host records requests without it.
    """
    context = browser.new_context(**(device or LAPTOP))
    context.add_init_script(RECORD_SCREEN)
    if block_others:

        def abort(route: Route) -> None:
            route.abort()

        context.route(lambda url: not url.startswith(served.origin + "/"), abort)
    context.set_default_timeout(STEP_TIMEOUT_MS)
    return context


def open_page(browser: Browser, served: Served, **device: Any) -> Page:
    return new_context(browser, served, **device).new_page()


def mark(page: Page) -> int:
    return page.evaluate("window.__okrScreen.mark()")


def drawn_since(page: Page, since: int = 0) -> str:
    return page.evaluate("(since) => window.__okrScreen.since(since)", since)


def wait_for_text(page: Page, text: str, since: int = 0) -> None:
    """Wait until ``text`` is drawn (in what the server sent after the mark ``since``)."""
    try:
        page.wait_for_function(
            "([text, since]) => window.__okrScreen.since(since).includes(text)", arg=[text, since]
        )
    except Exception as error:
        shown = drawn_since(page, since)
        raise AssertionError(f"{text!r} was not drawn; the page got:\n{shown[-3000:]}") from error


def press_enter_then_wait_for(page: Page, text: str) -> None:
    before = mark(page)
    page.keyboard.press("Enter")
    wait_for_text(page, text, before)


def wait_for_first_draw(page: Page) -> None:
    page.wait_for_selector("body.-first-byte", state="attached")
