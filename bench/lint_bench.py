"""How long the SMART linter takes per key result, against a tokenising floor, in one run.

Run: ``.venv/bin/python bench/lint_bench.py [--rounds 20]``.

The floor lower-cases each statement and splits it into words with one regex: the least any
word-based check must do. Ours is ``lint_key_result`` on the same statements: the labelled
development set (83 realistic key results) and, separately, 10,000-character pastes, which
must stay fast too (the UI lints while people type).
"""

from __future__ import annotations

import argparse
import csv
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from okrworkshop.smart import lint_key_result

DEV_SET = Path(__file__).resolve().parent.parent / "tests" / "core" / "data" / "kr_labels_dev.tsv"
WORDS = re.compile(r"\w+")


def statements() -> list[str]:
    with DEV_SET.open(encoding="utf-8", newline="") as f:
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    normal = statements()
    pastes = [("Increase conversion from 12% to 18% by Q3 and " * 220)[:10_000]] * 5
    print(f"Lint bench: {len(normal)} statements, {args.rounds} rounds\n")
    print("| input | floor µs/item | lint µs/item (median) | p95 | ratio |")
    print("|---|---:|---:|---:|---:|")
    for label, items in (("key result (dev set)", normal), ("10,000-char paste", pastes)):
        per_item_us(lint_key_result, items, 2)  # warm up regex caches
        base = statistics.median(per_item_us(floor, items, args.rounds))
        ours = per_item_us(lint_key_result, items, args.rounds)
        med = statistics.median(ours)
        p95 = sorted(ours)[int(0.95 * (len(ours) - 1))]
        print(f"| {label} | {base:.1f} | {med:.1f} | {p95:.1f} | {med / base:.0f}x |")


if __name__ == "__main__":
    main()
