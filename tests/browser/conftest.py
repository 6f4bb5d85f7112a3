"""Fixtures for the browser-join tests: a workshop in a temp database, and ``okrworkshop serve``
running as a real process on a free loopback port, always stopped when the test ends."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from browsing import CHROMIUM, CHROMIUM_ARGS
from playwright.sync_api import Browser, sync_playwright
from serving import NORTH_STAR, Seeded, Served, start_serve

from okrworkshop import actions
from okrworkshop.store import Store


@pytest.fixture
def workshop(tmp_path: Path) -> Seeded:
    """A workshop with two participants and a North Star for the briefing to show."""
    db = tmp_path / "okr.json"
    store = Store.open(db)
    created = store.create(
        actions.new_workshop("Marketplace Search", "2027 Q1", participants=["Ana", "Ben"])
    )
    store.update(created.id, lambda ws: actions.set_context(ws, north_star=NORTH_STAR))
    return Seeded(db, created.id)


@pytest.fixture
def serve(workshop: Seeded) -> Iterator[Callable[..., Served]]:
    """``serve(*extra_args)`` starts a server on a free port; every one is stopped at the end."""
    started: list[Served] = []

    def start(*extra: str) -> Served:
        served = start_serve(workshop, *extra)
        started.append(served)
        return served

    yield start
    for served in started:
        served.stop()


@pytest.fixture
def browser() -> Iterator[Browser]:
    """Debian's chromium, headless (``playwright install`` is neither possible nor needed)."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield browser
        finally:
            browser.close()
