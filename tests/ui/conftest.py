"""Fixtures for the screen tests: a fresh store per test and the app built by the real factory."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from okrworkshop import actions
from okrworkshop.model import Stage, Workshop
from okrworkshop.store import Store
from screens.app_base import AppOptions
from screens.facilitator.app import OkrApp, make_app
from ui.helpers import EXAMPLE_TODAY

REPO = Path(__file__).resolve().parents[2]
EXAMPLE_DB = REPO / "data" / "example.json"


class FrozenClock:
    """A clock the test moves by hand, so timers and snapshots never depend on real time."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock() -> FrozenClock:
    return FrozenClock()


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "workshops.json")


@pytest.fixture
def example_store(tmp_path: Path) -> Store:
    """A copy of the finished example workshop (id "example")."""
    path = tmp_path / "example.json"
    shutil.copy(EXAMPLE_DB, path)
    return Store.open(path)


@pytest.fixture
def workshop(store: Store) -> Workshop:
    """A prepared workshop: team, cycle, facilitator Ana, participants Ben, Chen and Dana."""
    return store.create(
        actions.new_workshop(
            "Search",
            "2027 Q1",
            start="2027-01-01",
            end="2027-03-31",
            facilitator="Ana",
            participants=["Ben", "Chen", "Dana"],
        )
    )


@pytest.fixture
def app_for(app_on: Callable[..., OkrApp]) -> Callable[..., OkrApp]:
    """Build the app exactly as the CLI does, on a given store, workshop and step (on a fixed
    calendar day, so the handout's "as of" line and the check-ins do not follow the real date)."""
    return app_on


@pytest.fixture
def app_on(tmp_path: Path, clock: FrozenClock) -> Callable[..., OkrApp]:
    """Like ``app_for``, with the calendar day fixed (``today``), so what the after-the-room
    screens say about progress and staleness does not depend on when the tests run."""

    def build(
        store: Store,
        workshop_id: str | None = None,
        step: Stage | None = None,
        *,
        today: date = EXAMPLE_TODAY,
    ) -> OkrApp:
        return make_app(
            store,
            workshop_id,
            step=step,
            options=AppOptions(
                prefs_path=tmp_path / "prefs.json",
                clock=clock,
                cursor_blink=False,
                today=lambda: today,
            ),
        )

    return build
