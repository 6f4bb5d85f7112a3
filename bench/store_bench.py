"""What one saved change and one read cost, against the floor of doing it by hand, in one run.

Run: ``.venv/bin/python bench/store_bench.py [--runs 200] [--dir FOLDER]``.

The floor is what any crash-safe save must pay for this file: ``f.write(json.dumps(doc))``,
fsync and ``os.replace`` (and, for reads, ``json.loads(path.read_bytes())``). Ours is
``Store.update`` adding one participant to a workshop of 200 drafts and 20 key results, and
``Store.workshops()``. Floor and ours alternate run by run on the same disk, so the ratios hold
even when the machine is noisy; the absolute numbers depend on the disk's fsync.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from okrworkshop.model import (
    Check,
    CheckReview,
    Context,
    Cycle,
    KeyResult,
    Objective,
    Origin,
    Overlap,
    Review,
    Workshop,
)
from okrworkshop.store import Store

DRAFTS = 200
KEY_RESULTS = 20


def realistic_workshop() -> Workshop:
    """A full workshop as a team would leave it: context, 200 voted drafts, 20 reviewed KRs."""
    people = [f"Participant {n}" for n in range(12)]
    workshop = Workshop(
        id="",
        team="Checkout & Payments",
        cycle=Cycle("2027 Q1", date(2027, 1, 1), date(2027, 3, 31)),
        facilitator="Ada Lovelace",
        participants=list(people),
        context=Context(
            mission="Make paying for things online feel effortless and safe, everywhere.",
            north_star="Weekly successful checkouts per active buyer",
            pillars=["Conversion", "Trust", "Reach", "Platform health"],
            vision="Every buyer pays in one step, in their own currency, with no surprises.",
            principles=["Outcomes over output", "Measure before and after", "Small bets"],
            strategy="Win repeat buyers before buying new ones. " * 12,
            parent_okrs=["Grow repeat revenue 20% year on year"],
            overlaps=[Overlap("Risk", "fraud rules at checkout"), Overlap("Mobile", "wallets")],
            why_okrs="To agree on one focus and stop spreading the team across ten goals.",
        ),
    )
    for n in range(DRAFTS):
        workshop.objectives.append(
            Objective(
                id=workshop.next_id("o"),
                text=f"Draft {n}: first-time buyers finish checkout without asking support",
                author=people[n % len(people)],
                origin=Origin.PRE_WORKSHOP if n % 3 else Origin.LIVE,
                pillar=workshop.context.pillars[n % 4],
                rationale="Support tickets about checkout doubled last quarter." if n % 2 else None,
                votes={people[(n + k) % len(people)]: 1 for k in range(n % 4)},
            )
        )
    workshop.focus = "o1"
    for n in range(KEY_RESULTS):
        workshop.key_results.append(
            KeyResult(
                id=workshop.next_id("kr"),
                statement=f"Raise first-purchase checkout completion from 61% to 70% (KR {n})",
                author=people[n % len(people)],
                metric="checkout completion rate, first purchase",
                baseline="61%",
                target="70%",
                unit="%",
                deadline=date(2027, 3, 31),
                owner=people[(n + 3) % len(people)],
                smart={
                    check: CheckReview(Review.CONFIRMED if n % 2 else Review.OPEN, "agreed")
                    for check in Check
                },
            )
        )
    return workshop


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def floor_write(target: Path, doc: dict[str, object]) -> None:
    """The least a crash-safe save does: one write of the dumped JSON, fsync, rename."""
    tmp = target.with_name(target.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(json.dumps(doc, ensure_ascii=False))
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, target)


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


def run(folder: Path, runs: int) -> None:
    store = Store.open(folder / "workshops.json")
    wid = store.create(realistic_workshop()).id
    floor_target = folder / "floor.json"
    doc = json.loads(store.path.read_bytes())
    size_before = store.path.stat().st_size

    samples: dict[str, list[float]] = {k: [] for k in ("floor_w", "ours_w", "floor_r", "ours_r")}
    warmup = 10
    for n in range(runs + warmup):
        name = f"Late joiner {n}"
        results = {
            "floor_w": timed(lambda: floor_write(floor_target, doc)),
            "ours_w": timed(
                lambda name=name: store.update(wid, lambda w: w.participants.append(name))
            ),
            "floor_r": timed(lambda: json.loads(store.path.read_bytes())),
            "ours_r": timed(store.workshops),
        }
        if n >= warmup:
            for key, value in results.items():
                samples[key].append(value)

    median = {k: statistics.median(v) for k, v in samples.items()}
    size_after = store.path.stat().st_size
    print(
        f"Store bench: {DRAFTS} drafts, {KEY_RESULTS} key results, file {size_before / 1024:.0f}"
        f"-{size_after / 1024:.0f} KB, {runs} runs each (after {warmup} warm-up), in {folder}"
    )
    print()
    print("| operation | median ms | p95 ms | ratio to floor (median) |")
    print("|---|---:|---:|---:|")
    rows = [
        ("floor: dumps + write + fsync + replace", "floor_w", "floor_w"),
        ("Store.update (add one participant)", "ours_w", "floor_w"),
        ("floor: json.loads(path.read_bytes())", "floor_r", "floor_r"),
        ("Store.workshops()", "ours_r", "floor_r"),
    ]
    for label, key, base in rows:
        ratio = median[key] / median[base]
        print(f"| {label} | {ms(median[key])} | {ms(p95(samples[key]))} | {ratio:.1f}x |")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument(
        "--dir",
        type=Path,
        help="folder on the disk to measure (default: a fresh temporary folder)",
    )
    args = parser.parse_args()
    if args.dir:
        args.dir.mkdir(parents=True, exist_ok=True)
        run(args.dir, args.runs)
    else:
        with tempfile.TemporaryDirectory(prefix="okrworkshop-bench-") as folder:
            run(Path(folder), args.runs)


if __name__ == "__main__":
    main()
