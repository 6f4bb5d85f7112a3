"""How long the SMART linter takes per key result, against a tokenising floor, in one run.

Run: ``.venv/bin/python bench/lint_bench.py [--rounds 20] [--cold 7]``.

The floor lower-cases each statement and splits it into words with one regex: the least any
word-based check must do. Ours is ``lint_key_result`` on the same statements: the labelled
development set (83 everyday key results), the hard development set (180 key results full of
traps: names, cohorts, mixed statements) and, separately, 10,000-character pastes, which must
stay fast too (the UI lints while people type).

The word lists compile lazily, on first use, so a process that never lints never pays for
them. The cold rows time that in fresh processes: importing the linter, then its first lint.
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from okrworkshop.smart import lint_key_result

DATA = Path(__file__).resolve().parent.parent / "tests" / "core" / "data"
DEV_SET = DATA / "kr_labels_dev.tsv"
HARD_DEV_SET = DATA / "kr_labels_hard_dev.tsv"
WORDS = re.compile(r"\w+")

# Run in a fresh interpreter: the import of the linter, then its first lint (which compiles
# the patterns that lint needs), each in milliseconds.
COLD = """
import json, time
t0 = time.perf_counter()
from okrworkshop.smart import lint_key_result
t1 = time.perf_counter()
lint_key_result("Increase trial-to-paid conversion from 12% to 18% by end of Q3")
t2 = time.perf_counter()
print(json.dumps([(t1 - t0) * 1e3, (t2 - t1) * 1e3]))
"""


def statements(path: Path) -> list[str]:
    with path.open(encoding="utf-8", newline="") as f:
        return [row["statement"] for row in csv.DictReader(f, delimiter="\t")]


def floor(text: str) -> object:
    return WORDS.findall(text.lower())


def per_item_us(fn: Callable[[str], object], items: list[str], rounds: int) -> list[float]:
    """Microseconds per item, one sample per round."""
    samples = []
    for _ in range(rounds):
        start = time.perf_counter()
        for item in items:
            fn(item)
        samples.append((time.perf_counter() - start) / len(items) * 1e6)
    return samples


def cold_ms(runs: int) -> tuple[float, float]:
    """Median import and first-lint times in fresh processes."""
    imports, firsts = [], []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", COLD], capture_output=True, text=True, check=True
        ).stdout
        imported, first = json.loads(out)
        imports.append(imported)
        firsts.append(first)
    return statistics.median(imports), statistics.median(firsts)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--cold", type=int, default=7, help="fresh processes for the cold rows")
    args = parser.parse_args()
    normal = statements(DEV_SET)
    hard = statements(HARD_DEV_SET)
    pastes = [("Increase conversion from 12% to 18% by Q3 and " * 220)[:10_000]] * 5
    print(f"Lint bench: {len(normal)} + {len(hard)} statements, {args.rounds} rounds\n")
    print("| input | floor µs/item | lint µs/item (median) | p95 | ratio |")
    print("|---|---:|---:|---:|---:|")
    rows = (
        ("key result (dev set)", normal),
        ("key result (hard dev set)", hard),
        ("10,000-char paste", pastes),
    )
    for label, items in rows:
        per_item_us(lint_key_result, items, 2)  # warm up regex caches
        base = statistics.median(per_item_us(floor, items, args.rounds))
        ours = per_item_us(lint_key_result, items, args.rounds)
        med = statistics.median(ours)
        p95 = sorted(ours)[int(0.95 * (len(ours) - 1))]
        print(f"| {label} | {base:.1f} | {med:.1f} | {p95:.1f} | {med / base:.0f}x |")
    if args.cold > 0:
        imported, first = cold_ms(args.cold)
        print(f"\nCold, median of {args.cold} fresh processes:")
        print(f"- import okrworkshop.smart: {imported:.1f} ms")
        print(f"- first lint after it (compiles the patterns it uses): {first:.1f} ms")


if __name__ == "__main__":
    main()
