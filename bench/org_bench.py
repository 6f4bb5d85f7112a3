"""How long ``okrworkshop org`` takes over many team files, and whether it grows linearly.

Run: ``.venv/bin/python bench/org_bench.py [--runs 7]``.

Target (issue 21): 50 team files x 5 key results x 13 weekly check-ins print in under 1.5 s on
this 2-core machine, as ``python -m okrworkshop org DIR --format md`` in a fresh process. The
same folder is built with 10, 25, 50 and 100 teams (each team a file of its own, as teams keep
them in git, plus the org file); each size runs ``--runs`` times, sizes interleaved run by run
so a busy machine slows all of them alike; the median is reported, with the time per team
above the start-up floor (``okrworkshop --version``), which stays flat when the work is linear.
The in-process time of reading and building the view (no interpreter start-up) is shown too.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (10, 25, 50, 100)
KRS, WEEKS = 5, 13
TARGET_SECONDS = 1.5


def make_org_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("make_org", ROOT / "data" / "make_org.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["make_org"] = module
    spec.loader.exec_module(module)
    return module


def build(folder: Path, teams: int) -> None:
    """``teams`` files, each a final OKR with 5 key results and 13 weekly check-ins."""
    make_org = make_org_module()
    specs = [s for s in make_org.teams() if s.krs]
    folder.mkdir(parents=True)
    for n in range(teams):
        spec = specs[n % len(specs)]
        krs = [
            replace(spec.krs[k % len(spec.krs)], statement=f"KR {k} of team {n}")
            for k in range(KRS)
        ]
        team = replace(spec, team=f"{spec.team} {n}", krs=krs, weeks=WEEKS, skip_last=0)
        ws = make_org.team_workshop(team, f"t{n:03d}")
        make_org.write_team(folder, f"team-{n:03d}.json", [ws])
    (folder / "org.json").write_text(__import__("json").dumps(make_org.ORG), encoding="utf-8")


def timed(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, check=True, capture_output=True)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as tmp:
        folders = {n: Path(tmp) / f"org{n}" for n in SIZES}
        for n, folder in folders.items():
            build(folder, n)
        today = "2027-04-01"
        cmd = [sys.executable, "-m", "okrworkshop"]
        times: dict[str, list[float]] = {"floor": []}
        times.update({str(n): [] for n in SIZES})
        for _ in range(runs):
            times["floor"].append(timed([*cmd, "--version"]))
            for n, folder in folders.items():
                times[str(n)].append(
                    timed([*cmd, "org", str(folder), "--format", "md", "--today", today])
                )
        floor = statistics.median(times["floor"])
        print(f"floor (okrworkshop --version): {floor * 1000:.0f} ms")
        for n in SIZES:
            median = statistics.median(times[str(n)])
            per_team = (median - floor) / n * 1000
            mark = ""
            if n == 50:
                mark = "  OK" if median < TARGET_SECONDS else f"  OVER {TARGET_SECONDS} s"
            print(f"{n:4d} teams: {median * 1000:6.0f} ms ({per_team:.1f} ms a team){mark}")
        from okrworkshop import org_markdown
        from okrworkshop.org_view import org_view

        for n in SIZES:
            samples = []
            for _ in range(runs):
                start = time.perf_counter()
                org_markdown.to_markdown(org_view([folders[n]], today=date(2027, 4, 1)))
                samples.append(time.perf_counter() - start)
            print(f"{n:4d} teams in process: {statistics.median(samples) * 1000:6.0f} ms")


if __name__ == "__main__":
    main()
