"""What one saved change and one read cost, against the floor of doing it by hand, in one run.

Run: ``.venv/bin/python bench/store_bench.py [--runs 100] [--sizes 200,1000,10000] [--dir DIR]``.

At each size (200, 1,000 and 10,000 drafts, with 20 reviewed key results) the store holds one
realistic workshop. Ours is ``Store.update`` adding one participant (lock, re-read, parse,
``Workshop.from_dict``, the change, ``to_dict``, dump, write, fsync, replace) and
``Store.workshops()``. The floors are what any crash-safe save or read of that file must pay:
writing the very bytes the store wrote, fsync and ``os.replace``; and ``json.loads`` of the
file. Floor and ours alternate run by run on the same disk, so the ratios hold when the machine
is noisy; the absolute numbers depend on the disk's fsync. ``--runs`` is the count at 200
drafts; bigger sizes get proportionally fewer (at least 10).

A second table splits the work into its parts (medians, one size per row) so a change to the
store can be checked against where the time goes.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from okrworkshop.model import (
    Check,
    CheckIn,
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
SIZES = (200, 1_000, 10_000)
WRITE_TARGET = 6.0
"""A saved change at 10,000 drafts within this many times the bare write of the same bytes."""


def realistic_workshop(
    drafts: int = DRAFTS, key_results: int = KEY_RESULTS, checkins: int = 0
) -> Workshop:
    """A full workshop as a team would leave it: context, voted drafts, reviewed key results,
    and ``checkins`` weekly check-ins per key result (the cycle then lasts that many weeks)."""
    people = [f"Participant {n}" for n in range(12)]
    start = date(2027, 1, 1)
    end = start + timedelta(weeks=max(checkins, 13)) - timedelta(days=1)
    workshop = Workshop(
        id="",
        team="Checkout & Payments",
        cycle=Cycle("2027 Q1", start, end),
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
    for n in range(drafts):
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
    for n in range(key_results):
        kr = KeyResult(
            id=workshop.next_id("kr"),
            statement=f"Raise first-purchase checkout completion from 61% to 70% (KR {n})",
            author=people[n % len(people)],
            metric="checkout completion rate, first purchase",
            baseline="61%",
            target="70%",
            unit="%",
            deadline=end,
            owner=people[(n + 3) % len(people)],
            smart={
                check: CheckReview(Review.CONFIRMED if n % 2 else Review.OPEN, "agreed")
                for check in Check
            },
        )
        for week in range(checkins):
            kr.checkins.append(
                CheckIn(
                    date=start + timedelta(weeks=week),
                    value=f"{61 + 9 * week / max(checkins, 1):.1f}%",
                    author=kr.owner,
                    confidence=1 + (week + n) % 10,
                    note="Steady; the new flow is live for a fifth of buyers." if week % 3 else "",
                )
            )
        workshop.key_results.append(kr)
    return workshop


def timed(action: Callable[[], object]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def floor_write(target: Path, data: bytes) -> None:
    """The least a crash-safe save does: one write of the bytes, fsync, rename."""
    tmp = target.with_name(target.name + ".tmp")
    with open(tmp, "wb") as f:
        f.write(data)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, target)


def p95(samples: list[float]) -> float:
    return statistics.quantiles(samples, n=20)[-1] if len(samples) > 1 else samples[0]


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


def median_of(action: Callable[[], object], runs: int) -> float:
    return statistics.median(timed(action) for _ in range(runs))


def parts(raw: bytes, runs: int) -> dict[str, float]:
    """Medians of the pieces a saved change is made of, on the file's own bytes."""
    doc: dict[str, Any] = json.loads(raw)
    workshop_doc = next(iter(doc["workshops"].values()))
    workshop = Workshop.from_dict(workshop_doc)
    found: dict[str, float] = {
        "json.loads": median_of(lambda: json.loads(raw), runs),
        "json.dumps, one line": median_of(lambda: json.dumps(doc, ensure_ascii=False), runs),
        "json.dumps, indent=2": median_of(
            lambda: json.dumps(doc, ensure_ascii=False, indent=2), runs
        ),
    }
    try:
        import orjson
    except ImportError:
        pass
    else:
        found["orjson.loads"] = median_of(lambda: orjson.loads(raw), runs)
        found["orjson.dumps, indent 2"] = median_of(
            lambda: orjson.dumps(doc, option=orjson.OPT_INDENT_2), runs
        )
    from okrworkshop import jsonio

    found["jsonio.parse (the store's reader)"] = median_of(
        lambda: jsonio.parse(raw, Path("bench.json")), runs
    )
    found["Workshop.from_dict"] = median_of(lambda: Workshop.from_dict(workshop_doc), runs)
    found["Workshop.to_dict"] = median_of(workshop.to_dict, runs)
    return found


def run(folder: Path, drafts: int, runs: int) -> dict[str, Any]:
    """One size: ours against the floors, interleaved."""
    store = Store.open(folder / f"workshops-{drafts}.json")
    wid = store.create(realistic_workshop(drafts)).id
    store.update(wid, lambda w: None)  # the file as this version writes it
    floor_target = folder / f"floor-{drafts}.json"
    size_before = store.path.stat().st_size

    samples: dict[str, list[float]] = {k: [] for k in ("floor_w", "ours_w", "floor_r", "ours_r")}
    warmup = 3
    for n in range(runs + warmup):
        name = f"Late joiner {n}"
        raw = store.path.read_bytes()  # the bytes the store wrote last: the floor writes them
        results = {
            "floor_w": timed(lambda raw=raw: floor_write(floor_target, raw)),
            "ours_w": timed(
                lambda name=name: store.update(wid, lambda w: w.participants.append(name))
            ),
            "floor_r": timed(lambda: json.loads(store.path.read_bytes())),
            "ours_r": timed(store.workshops),
        }
        if n >= warmup:
            for key, value in results.items():
                samples[key].append(value)
    raw = store.path.read_bytes()
    return {
        "drafts": drafts,
        "runs": runs,
        "size": (size_before, store.path.stat().st_size),
        "lines": raw.count(b"\n"),
        "median": {k: statistics.median(v) for k, v in samples.items()},
        "p95": {k: p95(v) for k, v in samples.items()},
        "parts": parts(raw, max(5, runs // 2)),
    }


def report(results: list[dict[str, Any]]) -> None:
    print("| drafts | file | operation | median ms | p95 ms | ratio to floor (median) |")
    print("|---:|---:|---|---:|---:|---:|")
    rows = [
        ("floor: write the same bytes + fsync + replace", "floor_w", "floor_w"),
        ("Store.update (add one participant)", "ours_w", "floor_w"),
        ("floor: json.loads(path.read_bytes())", "floor_r", "floor_r"),
        ("Store.workshops()", "ours_r", "floor_r"),
    ]
    for result in results:
        median, high = result["median"], result["p95"]
        size = f"{result['size'][1] / 1024:,.0f} KB, {result['lines']:,} lines"
        for label, key, base in rows:
            ratio = median[key] / median[base]
            print(
                f"| {result['drafts']:,} | {size} | {label} | {ms(median[key])} | "
                f"{ms(high[key])} | {ratio:.1f}x |"
            )
    print()
    print("Where the time goes (medians, ms):")
    print()
    names = list(results[0]["parts"])
    print("| part | " + " | ".join(f"{r['drafts']:,} drafts" for r in results) + " |")
    print("|---|" + "---:|" * len(results))
    for name in names:
        cells = " | ".join(ms(r["parts"][name]) for r in results)
        print(f"| {name} | {cells} |")
    last = results[-1]
    ratio = last["median"]["ours_w"] / last["median"]["floor_w"]
    print()
    print(
        f"A saved change at {last['drafts']:,} drafts: {ratio:.1f}x the bare write "
        f"(target {WRITE_TARGET:.0f}x): {'met' if ratio <= WRITE_TARGET else 'missed'}."
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=100, help="runs at 200 drafts")
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument(
        "--dir",
        type=Path,
        help="folder on the disk to measure (default: a fresh temporary folder)",
    )
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]

    def measure(folder: Path) -> None:
        results = []
        for drafts in sizes:
            runs = max(10, args.runs * DRAFTS // drafts)
            results.append(run(folder, drafts, runs))
        print(f"Store bench: sizes {', '.join(f'{s:,}' for s in sizes)} drafts, in {folder}")
        print()
        report(results)

    if args.dir:
        args.dir.mkdir(parents=True, exist_ok=True)
        measure(args.dir)
    else:
        with tempfile.TemporaryDirectory(prefix="okrworkshop-bench-") as folder:
            measure(Path(folder))


if __name__ == "__main__":
    main()
