"""How long a scripted CLI call takes from process start to exit, against Python's floor.

Run: ``.venv/bin/python bench/cli_bench.py [--runs 15]``.

Scripts and remote participants call ``okrworkshop`` once per change, so start-up is what they
feel. The floors are ``python -c pass`` and ``python -c "import click, tinydb, filelock"`` (the
libraries any version of this CLI must load); ours are ``--help``, ``lint --text`` and ``draft``
on a workshop of 200 drafts, all as ``python -m okrworkshop`` in fresh processes, interleaved.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from store_bench import realistic_workshop  # bench/ is on the path: scripts run from there

from okrworkshop.store import Store


def timed(cmd: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="okrworkshop-cli-bench-"))
    db = folder / "w.json"
    Store.open(db).create(realistic_workshop())
    env = {**os.environ, "OKRWORKSHOP_DB": str(db)}
    py, cli = sys.executable, [sys.executable, "-m", "okrworkshop"]
    cases = {
        "floor: python -c pass": [py, "-c", "pass"],
        "floor: import click, tinydb, filelock": [py, "-c", "import click, tinydb, filelock"],
        "okrworkshop --help": [*cli, "--help"],
        "okrworkshop lint --text ...": [*cli, "lint", "--text", "Grow revenue 10% by Q3"],
        "okrworkshop draft (200-draft workshop)": [
            *cli, "draft", "--as", "Participant 1", "Buyers trust our reviews"
        ],
    }  # fmt: skip
    samples: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.runs):
        for name, cmd in cases.items():
            samples[name].append(timed(cmd, env))
    floor = statistics.median(samples["floor: import click, tinydb, filelock"])
    print(f"CLI bench: {args.runs} runs each, interleaved, in {folder}\n")
    print("| command | median ms | ratio to import floor |")
    print("|---|---:|---:|")
    for name, values in samples.items():
        med = statistics.median(values)
        print(f"| {name} | {med:.0f} | {med / floor:.2f}x |")


if __name__ == "__main__":
    main()
