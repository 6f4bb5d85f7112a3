"""How long a scripted CLI call takes from process start to exit, against floors in the same run.

Run: ``.venv/bin/python bench/cli_bench.py [--runs 15]``.

Scripts and remote participants call ``okrworkshop`` once per change, so start-up is what they
feel. The yardstick is ``python -c "import textual.app"`` (what any Textual app pays before it
does anything); the targets are ``list`` <= 0.5x and ``draft`` <= 0.6x of it. Every case runs as
``python -m okrworkshop`` in a fresh process on a workshop of 200 drafts, the cases interleaved
run by run so a busy machine slows all of them alike. Each is reported as wall time and as CPU
time (user + system, from the kernel's accounting of the child), which a machine shared with
other work disturbs less.

Then ``python -X importtime -c "import okrworkshop.cli"``, the median over the runs of what
importing the command line costs on its own (the interpreter's start-up excluded), beside
``import click`` measured the same way. Target: under 60 ms.

The package's bytecode is compiled first: with ``PYTHONDONTWRITEBYTECODE`` set (as in some
shells) every run would otherwise compile the sources again, which an installed copy never does.
"""

from __future__ import annotations

import argparse
import compileall
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from store_bench import realistic_workshop  # bench/ is on the path: scripts run from there

import okrworkshop
from okrworkshop.store import Store

YARDSTICK = "floor: import textual.app"
TARGETS = {"okrworkshop list": 0.5, "okrworkshop draft": 0.6}
IMPORT_TARGET_MS = 60.0


def timed(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU milliseconds of one run of ``cmd``, start to exit."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd)} exited with {proc.returncode}")
    return wall * 1000, (usage.ru_utime + usage.ru_stime) * 1000


def import_ms(module: str, env: dict[str, str]) -> float:
    """The cumulative ``-X importtime`` figure of ``module``, in milliseconds."""
    err = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", f"import {module}"],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stderr
    for line in err.splitlines():
        fields = line.split("|")
        if len(fields) == 3 and fields[2].strip() == module:
            return int(fields[1]) / 1000
    raise SystemExit(f"no importtime line for {module}")


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    compileall.compile_dir(Path(okrworkshop.__file__).parent, quiet=1)
    folder = Path(tempfile.mkdtemp(prefix="okrworkshop-cli-bench-"))
    db = folder / "w.json"
    wid = Store.open(db).create(realistic_workshop()).id
    env = {**os.environ, "OKRWORKSHOP_DB": str(db)}
    py, cli = sys.executable, [sys.executable, "-m", "okrworkshop"]
    cases = {
        "floor: python -c pass": [py, "-c", "pass"],
        YARDSTICK: [py, "-c", "import textual.app"],
        "okrworkshop --help": [*cli, "--help"],
        "okrworkshop list": [*cli, "list"],
        "okrworkshop show": [*cli, "show", "-w", wid],
        "okrworkshop draft": [*cli, "draft", "--as", "Participant 1", "Buyers trust our reviews"],
        "okrworkshop lint --text ...": [*cli, "lint", "--text", "Grow revenue 10% by Q3"],
    }
    wall: dict[str, list[float]] = {name: [] for name in cases}
    cpu: dict[str, list[float]] = {name: [] for name in cases}
    imports: dict[str, list[float]] = {"okrworkshop.cli": [], "click": []}
    for _ in range(args.runs + 1):  # the first round warms the disk cache and is dropped
        for name, cmd in cases.items():
            w, c = timed(cmd, env)
            wall[name].append(w)
            cpu[name].append(c)
        for module in imports:
            imports[module].append(import_ms(module, env))
    floor_wall = statistics.median(wall[YARDSTICK][1:])
    floor_cpu = statistics.median(cpu[YARDSTICK][1:])
    print(f"CLI bench: {args.runs} runs each, interleaved, 200-draft workshop in {folder}\n")
    print("| command | wall ms | ratio | CPU ms | ratio | target |")
    print("|---|---:|---:|---:|---:|---:|")
    for name in cases:
        w, c = statistics.median(wall[name][1:]), statistics.median(cpu[name][1:])
        target = f"<= {TARGETS[name]}x" if name in TARGETS else ""
        print(
            f"| {name} | {w:.0f} | {w / floor_wall:.2f}x | {c:.0f} | {c / floor_cpu:.2f}x | "
            f"{target} |"
        )
    print()
    print("| import (-X importtime, cumulative, median) | ms |")
    print("|---|---:|")
    for module, values in imports.items():
        print(f"| {module} | {statistics.median(values[1:]):.1f} |")
    own = statistics.median(imports["okrworkshop.cli"][1:])
    beyond = own - statistics.median(imports["click"][1:])
    verdict = "met" if own < IMPORT_TARGET_MS else "missed"
    print(
        f"\nimport okrworkshop.cli: {own:.1f} ms, {beyond:.1f} ms beyond click's "
        f"(target < {IMPORT_TARGET_MS:.0f} ms): {verdict}."
    )


if __name__ == "__main__":
    main()
