"""Fixtures for the storage tests: a fresh database file per test and workshops to put in it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from okrworkshop.model import Cycle, KeyResult, Objective, Workshop
from okrworkshop.store import Store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A database path in a folder of its own, so stray temp or backup files are easy to spot."""
    folder = tmp_path / "db"
    folder.mkdir()
    return folder / "workshops.json"


@pytest.fixture
def store(db_path: Path) -> Store:
    return Store.open(db_path)


def _make_workshop(team: str = "Payments", id: str = "", **fields: object) -> Workshop:
    """A new, unsaved workshop; ``create`` gives it an id unless one is asked for."""
    return Workshop(id=id, team=team, cycle=Cycle("2027 Q1"), **fields)  # type: ignore[arg-type]


def _fill_workshop(workshop: Workshop, drafts: int, key_results: int, text_size: int = 0) -> None:
    """Give a workshop realistic bulk: drafts, key results and, optionally, a long strategy."""
    for i in range(drafts):
        workshop.objectives.append(
            Objective(
                id=workshop.next_id("o"),
                text=f"Draft objective {i}: make checkout delightful for first-time buyers",
                author=f"person{i % 7}",
                votes={f"person{j}": 1 for j in range(i % 4)},
            )
        )
    for i in range(key_results):
        workshop.key_results.append(
            KeyResult(
                id=workshop.next_id("kr"),
                statement=f"Raise repeat purchase rate from 12% to 18% (#{i})",
                author="facilitator",
                metric="repeat purchase rate",
                baseline="12%",
                target="18%",
                unit="%",
            )
        )
    workshop.context.strategy = "Grow retention before acquisition. " * (text_size // 35)


# Helpers are handed out as fixtures: pytest imports every conftest.py under the one module name
# "conftest", so ``from conftest import ...`` would pick up whichever was imported last.


@pytest.fixture
def new_workshop() -> Callable[..., Workshop]:
    return _make_workshop


@pytest.fixture
def fill_workshop() -> Callable[..., None]:
    return _fill_workshop


@pytest.fixture
def stray_files(db_path: Path) -> Callable[[], set[str]]:
    """Files in the database folder other than the database and its lock file."""

    def listing() -> set[str]:
        expected = {db_path.name, db_path.name + ".lock"}
        return {p.name for p in db_path.parent.iterdir()} - expected

    return listing


@pytest.fixture
def temp_files(db_path: Path) -> Callable[[], list[Path]]:
    """Temporary files an atomic write leaves only if it was killed before ``os.replace``."""
    return lambda: sorted(db_path.parent.glob(f".{db_path.name}.*.tmp"))
