"""What the served page itself does, in a real browser against a real ``okrworkshop serve``: it
fits a phone, puts the keyboard in the terminal when the app first draws, asks no host but the
server for anything, names the product, team and cycle in the tab (literally), continues as the
same person after a reload (and as nobody else, whatever the cookie says), and says in plain
words what happened when a session ends.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from browsing import (
    PHONE,
    WHO_ARE_YOU,
    drawn_since,
    new_context,
    open_page,
    press_enter_then_wait_for,
    wait_for_first_draw,
    wait_for_text,
)
from playwright.sync_api import Browser, Page, Request
from serving import NORTH_STAR, Seeded, Served, start_serve

from okrworkshop import actions
from okrworkshop.store import Store
from okrworkshop.text import visible

HELLO_ANA = "Hello Ana"  # the briefing greets the person by name


def join_as(page: Page, name: str) -> None:
    """Type a name on the first screen (the terminal has the keyboard) and reach the briefing."""
    wait_for_text(page, WHO_ARE_YOU)
    page.keyboard.type(name)
    press_enter_then_wait_for(page, NORTH_STAR)


def terminal_size(page: Page) -> tuple[int, int]:
    """Columns and rows the page asked the app for (the websocket address carries them)."""
    query = parse_qs(urlsplit(page.evaluate("window.__okrScreen.sockets[0]")).query)
    return int(query["width"][0]), int(query["height"][0])


def ended(page: Page) -> dict[str, object]:
    """The end-of-session message, once the page shows it: why, what it says, its button."""
    page.wait_for_selector("body.-ended", state="attached")
    return page.evaluate(
        """() => {
          const button = document.getElementById("ended-button");
          return {
            why: document.body.dataset.ended,
            heading: document.getElementById("ended-heading").textContent,
            text: document.getElementById("ended-text").innerText,
            button: button.hidden ? null : button.textContent,
            visible: getComputedStyle(document.querySelector(".ended")).display !== "none",
            headingColors: [
              getComputedStyle(document.getElementById("ended-heading")).color,
              getComputedStyle(document.getElementById("ended-heading")).backgroundColor,
            ],
          };
        }"""
    )


def test_a_phone_gets_a_readable_terminal(serve: Callable[..., Served], browser: Browser) -> None:
    served = serve()
    page = open_page(browser, served, **PHONE)
    page.goto(served.link)
    wait_for_first_draw(page)
    wait_for_text(page, WHO_ARE_YOU)

    # Without a viewport tag a phone lays the page out 980 px wide and shrinks it to fit.
    assert page.evaluate("window.innerWidth") == 414
    assert page.evaluate("document.documentElement.scrollWidth") <= 414, "nothing runs off"
    font_px = int(page.evaluate("document.getElementById('terminal').dataset.fontSize"))
    assert font_px >= 14
    columns, rows = terminal_size(page)
    assert 44 <= columns <= 60, columns  # was 103 (7 px text) with textual-serve's page
    assert rows >= 30, rows
    box = page.evaluate(
        "(() => { const r = document.querySelector('.xterm-screen').getBoundingClientRect();"
        " return [r.right, r.bottom]; })()"
    )
    assert box[0] <= 414 and box[1] <= 896, f"the terminal fits the screen: {box}"


# The focused box's border, in the dark theme's primary blue (#0178d4): Textual draws it only
# while the app believes the page has the keyboard.
FOCUSED_BORDER = "38;2;1;120;212"  # as part of an SGR escape sequence


def test_typing_reaches_the_app_without_a_click(
    serve: Callable[..., Served], browser: Browser
) -> None:
    served = serve()
    page = open_page(browser, served)
    page.goto(served.link)
    wait_for_first_draw(page)
    wait_for_text(page, WHO_ARE_YOU)
    # Before any key, the name box shows that it has the keyboard (Textual's web driver starts
    # its app blurred; the page tells it otherwise once the first screen is drawn).
    page.wait_for_function(
        "(color) => window.__okrScreen.raw(0).includes(color)", arg=FOCUSED_BORDER
    )
    # No click and no page.focus(): the keys go wherever the page put the focus.
    assert page.evaluate("document.activeElement.className").startswith("xterm-helper-textarea")
    join_as(page, "Ben")  # not the first name of the list, which Enter alone would pick
    assert "Hello Ben" in drawn_since(page)


def test_the_page_asks_no_host_but_the_server(
    serve: Callable[..., Served], browser: Browser
) -> None:
    served = serve()
    context = new_context(browser, served, block_others=False)
    requested: list[Request] = []
    context.on("request", lambda request: requested.append(request))
    page = context.new_page()
    response = page.goto(served.link)
    wait_for_first_draw(page)
    wait_for_text(page, WHO_ARE_YOU)

    urls = [r.url for r in requested]
    assert urls, "the requests were recorded"
    assert [u for u in urls if not u.startswith(served.origin + "/")] == []
    fonts = [r.response() for r in requested if r.url.endswith(".ttf")]
    assert [f.status for f in fonts if f is not None] == [200], "the font, from the server"
    assert page.evaluate("document.fonts.check('16px \"Roboto Mono\"')")
    assert response is not None and response.url == served.origin + "/"  # after the redirect
    assert "default-src 'self'" in response.headers["content-security-policy"]


def test_the_tab_title_names_product_team_and_cycle_literally(
    tmp_path: Path, browser: Browser
) -> None:
    team = '</title><script>window.pwned=1</script> & "Q" [b]'
    cycle = "2027 Q1 \u202eevil"
    db = tmp_path / "hostile.json"
    created = Store.open(db).create(actions.new_workshop(team, cycle, participants=["Ana"]))
    served = start_serve(Seeded(db, created.id))
    try:
        page = open_page(browser, served)
        page.goto(served.link)
        title = f"okrworkshop: {visible(team)}, {visible(cycle)}"
        assert page.title() == title
        assert "\\u202e" in page.title(), "the bidi override is shown, not obeyed"
        assert page.inner_text(".splash h1") == title
        assert page.evaluate("window.pwned") is None
        wait_for_first_draw(page)
    finally:
        served.stop()


def test_a_reload_continues_as_the_same_person(
    serve: Callable[..., Served], browser: Browser
) -> None:
    served = serve()
    page = open_page(browser, served)
    page.goto(served.link)
    wait_for_first_draw(page)
    join_as(page, "Ana")

    page.reload()
    wait_for_first_draw(page)
    wait_for_text(page, NORTH_STAR)  # the briefing again, straight away
    drawn = drawn_since(page)
    assert HELLO_ANA in drawn
    assert WHO_ARE_YOU not in drawn
    cookies = " ".join(c["value"] for c in page.context.cookies())
    assert "Ana" not in cookies, "the name stays on the server"


def test_a_forged_browser_cookie_names_nobody(
    serve: Callable[..., Served], browser: Browser
) -> None:
    served = serve()
    ana = open_page(browser, served)
    ana.goto(served.link)
    wait_for_first_draw(ana)
    join_as(ana, "Ana")

    browser_cookie = f"okrworkshop_browser_{served.port}"
    for forged in ("Ana", "A" * 43):  # her name, and a well-formed id that is not hers
        context = new_context(browser, served)
        context.add_cookies(
            [
                {"name": served.cookie_name, "value": served.token, "url": served.origin},
                {"name": browser_cookie, "value": forged, "url": served.origin},
            ]
        )
        page = context.new_page()
        page.goto(served.origin + "/")
        wait_for_first_draw(page)
        wait_for_text(page, WHO_ARE_YOU)
        assert HELLO_ANA not in drawn_since(page)
        context.close()


def test_quitting_ends_the_session_with_a_way_back(
    serve: Callable[..., Served], browser: Browser
) -> None:
    served = serve()
    page = open_page(browser, served)
    page.goto(served.link)
    wait_for_first_draw(page)
    join_as(page, "Ana")
    page.keyboard.press("Control+q")

    message = ended(page)
    assert message["why"] == "ended"
    assert message["visible"]
    assert message["heading"] == "Your session has ended"
    assert "Your drafts are saved." in str(message["text"])
    assert message["button"] == "Join again"

    page.click("#ended-button")
    wait_for_first_draw(page)
    wait_for_text(page, WHO_ARE_YOU)  # quitting on purpose forgets who was here


def test_a_stopped_server_says_the_drafts_are_saved_and_to_ask_for_the_new_link(
    workshop: Seeded, browser: Browser
) -> None:
    served = start_serve(workshop)
    restarted: Served | None = None
    try:
        page = open_page(browser, served)
        page.goto(served.link)
        wait_for_first_draw(page)
        wait_for_text(page, WHO_ARE_YOU)
        assert served.stop() == 0

        message = ended(page)
        assert message["why"] == "stopped"
        assert message["visible"]
        assert message["heading"] == "The workshop server has stopped"
        assert message["headingColors"] == ["rgb(255, 166, 43)", "rgba(0, 0, 0, 0)"], "as the rest"
        assert "Your drafts are saved." in str(message["text"])
        assert "ask the facilitator for the new link" in str(message["text"])
        assert message["button"] is None, "no button that leads to 'site can't be reached'"

        # The facilitator starts it again (a new token): the old tab gets a page, not a 403 text.
        restarted = start_serve(workshop, port=served.port)
        response = page.reload()
        assert response is not None and response.status == 403
        assert "text/html" in response.headers["content-type"]
        assert page.inner_text("h1") == "This workshop link no longer works"
        body = page.inner_text("body")
        assert "Anything you added before is saved." in body
        assert "Ask the facilitator for the current link." in body
        assert "`" not in body and "okrworkshop serve" not in body
        accent = page.evaluate("getComputedStyle(document.querySelector('h1')).color")
        assert accent == "rgb(255, 166, 43)", "styled like the rest of the page"
        assert page.evaluate("document.scripts.length") == 0
    finally:
        served.stop()
        if restarted is not None:
            restarted.stop()


def test_a_lost_connection_offers_a_retry_that_checks_before_it_reloads(
    serve: Callable[..., Served], browser: Browser
) -> None:
    served = serve()
    page = open_page(browser, served)
    page.goto(served.link)
    wait_for_first_draw(page)
    wait_for_text(page, WHO_ARE_YOU)
    served.process.kill()  # no goodbye: the page cannot tell a dead server from a lost network
    served.process.wait()

    message = ended(page)
    assert message["why"] == "lost"
    assert "Your drafts are saved." in str(message["text"])
    assert message["button"] == "Try again"

    page.click("#ended-button")
    page.wait_for_function("() => document.body.dataset.ended === 'stopped'")
    assert page.url == served.origin + "/", "still this page, not the browser's error page"
    assert page.evaluate("document.getElementById('ended-button').hidden")
