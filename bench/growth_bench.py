"""How ``show`` and ``export`` grow with the workshop: the curve, and whether it is a line.

Run: ``.venv/bin/python bench/growth_bench.py [--runs 5] [--sizes 1000,3000,10000]``.

A finalized workshop of N drafts and 20 key results with 52 weekly check-ins each (a year of
tracking), saved in a real database. For each N: reading it (``Store.get``), then rendering what
``okrworkshop show`` prints (``render_plain``), what ``export`` writes as markdown
(``to_markdown``) and as JSON (``to_json``), each as the median of ``--runs``. The time per
draft (µs) shows the shape: linear growth keeps it flat, quadratic growth makes it climb with N.
The last column is the growth from the smallest to the largest size against the growth of N.

A second table holds the drafts at the smallest size and grows the check-ins per key result
(13, 52, 208), the other axis a long-tracked OKR grows along.

A third runs the commands themselves (``python -m okrworkshop show`` and ``export``) in fresh
processes at each size, what a person waits for.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from store_bench import realistic_workshop  # bench/ is on the path: scripts run from there

from okrworkshop.export import to_json, to_markdown
from okrworkshop.model import Stage, Status, Workshop
from okrworkshop.plain import render_plain
from okrworkshop.store import Store

SIZES = (1_000, 3_000, 10_000)
KEY_RESULTS = 20
CHECKINS = 52
CHECKIN_AXIS = (13, 52, 208)
TODAY = date(2027, 6, 30)
"""Half way through the year-long cycle of check-ins, so every section has something to say."""


def median_ms(action: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def saved(folder: Path, drafts: int, checkins: int) -> tuple[Store, str]:
    """A database holding one finalized workshop of this size."""
    store = Store.open(folder / f"w-{drafts}-{checkins}.json")
    ws = realistic_workshop(drafts, KEY_RESULTS, checkins)
    ws.settings.votes_revealed = True
    ws.stage, ws.status, ws.finalized = Stage.FINAL, Status.FINAL, "2027-01-08T10:00:00+00:00"
    return store, store.create(ws).id


def phases(store: Store, wid: str, runs: int) -> dict[str, float]:
    ws: Workshop = store.get(wid)
    drafting = store.get(wid)
    drafting.focus = None  # before the room picks a focus, the document lists every draft
    return {
        "read (Store.get)": median_ms(lambda: store.get(wid), runs),
        "show (render_plain)": median_ms(lambda: render_plain(ws, today=TODAY), runs),
        "export md, the handout (to_markdown)": median_ms(
            lambda: to_markdown(ws, today=TODAY), runs
        ),
        "export md, every draft (no focus yet)": median_ms(
            lambda: to_markdown(drafting, today=TODAY), runs
        ),
        "export json (to_json)": median_ms(lambda: to_json(ws), runs),
    }


def table(title: str, axis: str, points: list[tuple[int, int, dict[str, float]]]) -> None:
    """``points``: (axis value, drafts, phase -> ms)."""
    print(title)
    print()
    names = list(points[0][2])
    head = " | ".join(f"{value:,} {axis}" for value, _, _ in points)
    print(
        f"| phase | {head} | per draft, µs | growth (N grew {points[-1][0] / points[0][0]:.0f}x) |"
    )
    print("|---|" + "---:|" * (len(points) + 2))
    for name in names:
        cells = " | ".join(f"{p[name]:.1f} ms" for _, _, p in points)
        per = " / ".join(f"{p[name] * 1000 / drafts:.1f}" for _, drafts, p in points)
        growth = points[-1][2][name] / points[0][2][name]
        print(f"| {name} | {cells} | {per} | {growth:.1f}x |")
    print()


def process_ms(cmd: list[str], env: dict[str, str], runs: int) -> float:
    def once() -> None:
        subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL)

    once()  # warm the disk cache
    return median_ms(once, runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    with tempfile.TemporaryDirectory(prefix="okrworkshop-growth-") as name:
        folder = Path(name)
        print(
            f"Growth bench: {KEY_RESULTS} key results, {CHECKINS} weekly check-ins each, "
            f"{args.runs} runs a point, in {folder}\n"
        )
        by_size = []
        stores = {}
        for drafts in sizes:
            store, wid = saved(folder, drafts, CHECKINS)
            stores[drafts] = (store, wid)
            by_size.append((drafts, drafts, phases(store, wid, args.runs)))
        table("In one process, growing the drafts:", "drafts", by_size)

        small = sizes[0]
        by_checkins = []
        for checkins in CHECKIN_AXIS:
            store, wid = saved(folder, small, checkins)
            by_checkins.append((checkins, small, phases(store, wid, args.runs)))
        table(f"In one process, {small:,} drafts, growing the check-ins per key result:",
              "check-ins", by_checkins)  # fmt: skip

        cli = [sys.executable, "-m", "okrworkshop"]
        rows = {"okrworkshop show": ["show"], "okrworkshop export": ["export"],
                "okrworkshop export --format json": ["export", "--format", "json"]}  # fmt: skip
        print("Whole commands, fresh processes (median ms):")
        print()
        print("| command | " + " | ".join(f"{d:,} drafts" for d in sizes) + " | growth |")
        print("|---|" + "---:|" * (len(sizes) + 1))
        for label, verb in rows.items():
            cells = []
            for drafts in sizes:
                store, wid = stores[drafts]
                env = {**os.environ, "OKRWORKSHOP_DB": str(store.path)}
                cells.append(process_ms([*cli, *verb, "-w", wid], env, args.runs))
            shown = " | ".join(f"{c:.0f}" for c in cells)
            print(f"| {label} | {shown} | {cells[-1] / cells[0]:.1f}x |")


if __name__ == "__main__":
    main()
