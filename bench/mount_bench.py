"""How long each screen of the shared terminal takes to appear on a 200-draft workshop.

Run: ``.venv/bin/python bench/mount_bench.py [--runs 7]``.

The app runs headless at 120x40 (Textual's Pilot: screens are composed, styled, laid out and
rendered to segments as on a terminal; only writing the escape codes is skipped). For each
screen, every run starts on another step, drops the screen's built copy, goes to it as the room
does (F-keys) and waits until the app is idle again (Pilot's wait: the screen mounted, drawn,
and every redraw and background render its arrival queued done). Wall time and the process's
CPU time are reported, medians of ``--runs`` after one first visit (which also imports the
screen's module, as the first visit in a session does; shown apart). The floor is a bare
Textual screen of about a step's size (a header, ten labelled inputs, twelve lines of text, a
footer of seven keys) pushed the same way in the same app.

Workshops: "live" has 200 drafts, a focus and 20 key results under review (the widest lists
the key-results and SMART steps get); "final" has 200 drafts and 5 key results with 52
weekly check-ins each (a year of tracking), for the Final step and the screens after the room.
Target: no screen over 100 ms.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import ClassVar

from store_bench import realistic_workshop  # bench/ is on the path: scripts run from there
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Footer, Header, Input, Label, Static

from okrworkshop.model import Stage, Status, Workshop
from okrworkshop.store import Store
from screens.app_base import AppOptions
from screens.facilitator.app import OkrApp, make_app

TARGET_MS = 100.0
SIZE = (120, 40)
OPTIONS = AppOptions(poll_seconds=3600)
"""No polling for other writers: nothing else touches the file."""


def workshops(folder: Path) -> tuple[Store, Workshop, Workshop]:
    store = Store.open(folder / "mount.json")
    live = realistic_workshop(200, 20, 0)
    live = replace(live, status=Status.LIVE, stage=Stage.KEY_RESULTS)
    live.settings.votes_revealed = True
    final = realistic_workshop(200, 5, 52)
    final.stage, final.status, final.finalized = (
        Stage.FINAL,
        Status.FINAL,
        "2027-01-08T10:00:00+00:00",
    )
    return store, store.create(live), store.create(final)


FLOOR_BINDINGS = "abcdefg"


class FloorScreen(Screen[None]):
    """A bare Textual screen about the size of a step: a header, ten labelled inputs, twelve
    lines of text and a footer with seven keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(key, "app.bell", f"Do {key}") for key in FLOOR_BINDINGS
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            for n in range(10):
                with Horizontal():
                    yield Label(f"Field {n}")
                    yield Input(value=f"value {n}")
            for n in range(12):
                yield Static(f"Line {n} of plain text")
        yield Footer()


async def timed(pilot: Pilot[None], start: Callable[[], object]) -> tuple[float, float]:
    """Wall and CPU ms from ``start()`` until the app is idle again (Pilot's own wait)."""
    wall, cpu = time.perf_counter(), time.process_time()
    start()
    await pilot.pause()
    return (time.perf_counter() - wall) * 1000, (time.process_time() - cpu) * 1000


def forget(app: OkrApp, stage: Stage) -> None:
    """Drop a step's built screen so the next visit builds it again."""
    if app.is_screen_installed(stage.value):
        screen = app.get_screen(stage.value)
        app.uninstall_screen(stage.value)
        screen.remove()


async def visit(app: OkrApp, pilot: Pilot[None], where: Stage | str) -> tuple[float, float]:
    """Go to ``where`` from another step, its screen built afresh, and come back."""
    base = Stage.DRAFTS if where is Stage.SETUP else Stage.SETUP
    app.go_to_step(base)
    await pilot.pause()
    if isinstance(where, Stage):
        forget(app, where)
        await pilot.pause()
        return await timed(pilot, lambda: app.go_to_step(where))
    from screens.facilitator.after import go_after

    return await timed(pilot, lambda: go_after(app, where))


async def run(runs: int) -> list[tuple[str, float, float, float]]:
    with tempfile.TemporaryDirectory(prefix="okrworkshop-mount-") as tmp:
        store, live, final = workshops(Path(tmp))
        cases: list[tuple[str, Workshop, Stage | str]] = [
            *[
                (f"{stage.label} (live)", live, stage)
                for stage in Stage
                if stage is not Stage.FINAL
            ],
            ("Final (final)", final, Stage.FINAL),
            ("check-ins (final)", final, "checkins"),
            ("grade (final)", final, "grade"),
            ("minutes (final)", final, "minutes"),
        ]
        rows = []
        for workshop in (live, final):
            app = make_app(store, workshop.id, step=Stage.SETUP, options=OPTIONS)
            async with app.run_test(size=SIZE) as pilot:
                await pilot.pause()
                if workshop is live:
                    floor = []
                    for _ in range(runs + 1):
                        floor.append(await timed(pilot, partial(app.push_screen, FloorScreen())))
                        app.pop_screen()
                        await pilot.pause()
                    rows.append(("floor: a bare Textual screen of that size", *summary(floor)))
                for name, ws, where in cases:
                    if ws is workshop:
                        samples = [await visit(app, pilot, where) for _ in range(runs + 1)]
                        rows.append((name, *summary(samples)))
        return rows


def summary(samples: list[tuple[float, float]]) -> tuple[float, float, float]:
    """The first visit (which also imports the screen's module), then the medians of the rest."""
    rest = samples[1:]
    return (
        samples[0][0],
        statistics.median(s[0] for s in rest),
        statistics.median(s[1] for s in rest),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    rows = asyncio.run(run(args.runs))
    print(f"Each screen opened {args.runs} times at {SIZE[0]}x{SIZE[1]}, medians:")
    print()
    floor = rows[0][2]
    print("| screen | first visit (imports) | wall | CPU | wall vs floor | <= 100 ms |")
    print("|---|---:|---:|---:|---:|---|")
    for name, first, wall, cpu in rows:
        verdict = "ok" if wall <= TARGET_MS else "OVER"
        print(
            f"| {name} | {first:.0f} ms | {wall:.0f} ms | {cpu:.0f} ms | {wall / floor:.2f}x "
            f"| {verdict} |"
        )


if __name__ == "__main__":
    main()
