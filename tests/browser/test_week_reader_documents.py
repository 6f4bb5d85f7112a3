"""The sponsor's digest and a week's notes as readers get them: markdown-it-py renders them to
HTML with a GitHub-like stylesheet and Debian's chromium lays them out on a 414 px phone and
on A4. The digest must fit the phone without sideways scrolling and print on one A4 page; the
notes must fit the phone too. Built from three consecutive weeks on the example."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from reading import a4_printable_px, to_html
from week_scenario import three_weeks

from okrworkshop.digest import to_digest
from okrworkshop.model import Workshop

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
PHONE = {"width": 414, "height": 896}

WIDER_THAN_PAGE = """() => [...document.body.querySelectorAll('*')]
  .filter((el) => el.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
  .map((el) => el.tagName + ': ' + el.textContent.slice(0, 60))"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        raise AssertionError(f"{CHROMIUM} is missing: apt-get install chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def ws() -> Workshop:
    return three_weeks()


def open_page(browser: Browser, markdown: str, *, width: float, print_media: bool) -> Page:
    page = browser.new_page(viewport={"width": round(width), "height": PHONE["height"]})
    if print_media:
        page.emulate_media(media="print")
    page.set_content(to_html(markdown, "document"))
    return page


def test_the_digest_fits_a_phone_without_scrolling_sideways(browser: Browser, ws: Workshop) -> None:
    page = open_page(browser, to_digest(ws), width=PHONE["width"], print_media=False)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    assert page.evaluate(WIDER_THAN_PAGE) == []
    assert page.evaluate("() => document.querySelectorAll('table, pre').length") == 0
    page.close()


# Every ISO date in the page, and on how many line boxes it is drawn (1 unless it broke).
DATE_LINES = """() => {
  const found = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    for (const m of node.data.matchAll(/\\d{4}-\\d{2}-\\d{2}/g)) {
      const range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
      found.push([m[0], tops.size]);
    }
  }
  return found;
}"""


def test_no_date_in_the_digest_breaks_across_lines_on_a_phone(
    browser: Browser, ws: Workshop
) -> None:
    page = open_page(browser, to_digest(ws), width=PHONE["width"], print_media=False)
    dates = page.evaluate(DATE_LINES)
    assert len(dates) >= 5  # the meeting, the one before, each ask's due date
    assert all(lines == 1 for _, lines in dates), dates
    page.close()


def test_the_digest_prints_on_one_a4_page(browser: Browser, ws: Workshop) -> None:
    width, height = a4_printable_px()
    page = open_page(browser, to_digest(ws), width=width, print_media=True)
    bottom = page.evaluate("() => document.body.getBoundingClientRect().bottom + window.scrollY")
    assert bottom <= height, f"the digest ends {bottom:.0f} px down; a page holds {height:.0f}"
    page.close()


def test_every_weeks_notes_fit_a_phone(browser: Browser, ws: Workshop) -> None:
    for week in ws.weeks:
        page = open_page(browser, week.notes, width=PHONE["width"], print_media=False)
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
        assert page.evaluate(WIDER_THAN_PAGE) == [], week.week
        page.close()
