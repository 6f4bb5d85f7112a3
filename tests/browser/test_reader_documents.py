"""The example's handout and pre-read as readers get them: markdown-it-py renders them to HTML
with a GitHub-like stylesheet and Debian's chromium lays them out on A4 and on a phone.

The core of the handout (the objective, its key results with owners and deadlines, and what is
deliberately not done) must end on the first printed page; no date in it may break across lines;
the pre-read's commands must fit a phone without scrolling sideways.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright
from reading import a4_printable_px, to_html

from okrworkshop import tracking
from okrworkshop.export import to_markdown
from okrworkshop.model import Workshop
from okrworkshop.preread import to_preread
from okrworkshop.sample import example_workshop

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]
PHONE = {"width": 414, "height": 896}
AS_OF = date(2027, 2, 22)  # the Monday of the example's last check-in
AFTER_END = date(2027, 4, 2)  # two days after the example's cycle ended

# Elements of the handout's core: everything before the first thematic break.
CORE = """() => {
  const out = [];
  for (const el of document.body.children) {
    if (el.tagName === "HR") break;
    out.push(el);
  }
  return out;
}"""

# Every ISO date in the core, and on how many line boxes it is drawn (1 unless it broke).
DATE_LINES = (
    """() => {
  const core = ("""
    + CORE
    + """)();
  const found = [];
  for (const el of core) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/\\d{4}-\\d{2}-\\d{2}/g)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
        found.push([m[0], tops.size]);
      }
    }
  }
  return found;
}"""
)


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        raise AssertionError(f"{CHROMIUM} is missing: apt-get install chromium")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def example() -> Workshop:
    ws = example_workshop()
    ws.id = "a1b2c3"  # as long as the ids the store hands out
    return ws


def open_page(browser: Browser, markdown: str, *, width: float, print_media: bool) -> Page:
    page = browser.new_page(viewport={"width": round(width), "height": PHONE["height"]})
    if print_media:
        page.emulate_media(media="print")
    page.set_content(to_html(markdown, "document"))
    return page


def test_the_handout_core_ends_on_the_first_a4_page(browser: Browser, example: Workshop) -> None:
    width, height = a4_printable_px()
    page = open_page(browser, to_markdown(example, today=AS_OF), width=width, print_media=True)
    core_bottom = page.evaluate(
        "() => (" + CORE + ")().at(-1).getBoundingClientRect().bottom + window.scrollY"
    )
    last = page.evaluate("() => (" + CORE + ")().at(-1).textContent")
    assert "Replacing the search engine" in last  # the core ends with what was left out
    assert core_bottom <= height, f"the core ends {core_bottom:.0f} px down; a page holds {height}"
    page.close()


@pytest.mark.parametrize("where", ["A4", "phone"])
def test_no_date_in_the_core_breaks_across_lines(
    browser: Browser, example: Workshop, where: str
) -> None:
    width = a4_printable_px()[0] if where == "A4" else PHONE["width"]
    page = open_page(
        browser, to_markdown(example, today=AS_OF), width=width, print_media=where == "A4"
    )
    dates = page.evaluate(DATE_LINES)
    assert len(dates) >= 6  # cycle, made final, one deadline per key result...
    assert all(lines == 1 for _, lines in dates), dates
    page.close()


def test_the_handout_core_fits_a_phone_without_scrolling_sideways(
    browser: Browser, example: Workshop
) -> None:
    page = open_page(
        browser, to_markdown(example, today=AS_OF), width=PHONE["width"], print_media=False
    )
    wider = page.evaluate(
        "() => (" + CORE + ")().filter((el) => el.scrollWidth > el.clientWidth + 1).length"
    )
    assert wider == 0
    page.close()


def test_the_whole_graded_handout_fits_a_phone_without_scrolling_sideways(
    browser: Browser, example: Workshop
) -> None:
    """Progress, every check-in and the grade too (the progress table was 573 px wide)."""
    tracking.set_score(example, "kr2", 0.4, "Typos hide zero results")
    tracking.set_retro(example, "Check in every Monday.")
    tracking.record_grade(example, today=AFTER_END)
    markdown = to_markdown(example, today=AFTER_END)
    assert "## Progress" in markdown and "## Grade" in markdown
    page = open_page(browser, markdown, width=PHONE["width"], print_media=False)
    wider = page.evaluate(
        "() => [...document.body.querySelectorAll('*')]"
        ".filter((el) => el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1)"
        ".map((el) => [el.tagName, el.scrollWidth, el.clientWidth])"
    )
    assert wider == []
    assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
    page.close()


def test_the_pre_read_commands_fit_a_phone_on_one_line(browser: Browser, example: Workshop) -> None:
    page = open_page(browser, to_preread(example), width=PHONE["width"], print_media=False)
    blocks = page.evaluate(
        "() => [...document.querySelectorAll('pre')].map("
        "(el) => [el.textContent, el.scrollWidth <= el.clientWidth])"
    )
    assert blocks == [
        ["okrworkshop join --file NAME.okr.json\n", True],
        ["okrworkshop join -w a1b2c3 --as NAME\n", True],
    ]
    page.close()
