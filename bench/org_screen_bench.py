"""Time to the org screen's first frame in a real terminal, against a bare Textual app.

Run: ``.venv/bin/python bench/org_screen_bench.py [--runs 7]``.

Target (issue 21): ``okrworkshop org DIR --open`` shows its first full frame within 1.3x a
bare Textual app of the same size (Header, an OptionList of 200 lines, Footer: the floor of
``bench/tui_bench.py``), started the same way in a pseudo-terminal at 80x24 and 120x40. The org
is the example company (10 teams) and 50 generated teams of 5 key results x 13 check-ins.
The first frame is the footer's keys on screen (the files are read in a thread after it);
"filled" is when the title and a team from the files show too.
Cases alternate run by run after one warm-up round, so a busy machine slows all alike.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from org_bench import build, make_org_module  # bench/ is on the path: scripts run from there
from tui_bench import FLOOR_APP, PAINT_TIMEOUT, terminal, wait_for_markers

SIZES = ((80, 24), (120, 40))
TARGET = 1.3


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory(prefix="okrworkshop-org-screen-") as tmp:
        folder = Path(tmp)
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("COLUMNS", "LINES", "OKRWORKSHOP_DB") and not k.startswith("TEXTUAL")
        }
        env.update(TERM="xterm-256color", OKRWORKSHOP_CONFIG=str(folder / "prefs.json"))
        floor_script = folder / "floor_app.py"
        floor_script.write_text(FLOOR_APP, encoding="utf-8")
        example = folder / "example"
        make_org_module().main(example)
        fifty = folder / "fifty"
        build(fifty, 50)
        py = sys.executable
        org = [py, "-m", "okrworkshop", "org", "--today", "2027-02-22", "--open"]
        cases = {
            "floor: Textual Header+OptionList(200)+Footer": (
                [py, str(floor_script)],
                ("Floorapp", "Option-000", "palette"),
            ),
            "org view, example company (10 teams)": ([*org, str(example)], ("Read again",)),
            "org view, 50 teams x 5 KRs x 13 check-ins": ([*org, str(fifty)], ("Read again",)),
        }
        filled = {
            "org view, example company (10 teams)": ("Acme Market OKRs", "Checkout"),
            "org view, 50 teams x 5 KRs x 13 check-ins": ("Acme Market OKRs", "Payments 0"),
        }
        samples: dict[tuple[str, tuple[int, int]], list[float]] = {}
        for round_ in range(runs + 1):
            for size in SIZES:
                for name, (argv, markers) in cases.items():
                    with terminal(argv, env, size) as term:
                        ms = wait_for_markers(term, markers, PAINT_TIMEOUT) * 1000
                        full = 0.0
                        if name in filled:
                            full = wait_for_markers(term, filled[name], PAINT_TIMEOUT) * 1000
                    if round_:  # the first round warms caches
                        samples.setdefault((name, size), []).append(ms)
                        if name in filled:
                            samples.setdefault((name + ", filled", size), []).append(full)
        floor_name = next(iter(cases))
        print("| case | size | median | ratio to floor |")
        print("|---|---|---:|---:|")
        for size in SIZES:
            base = statistics.median(samples[floor_name, size])
            for name in [*cases, *(f"{n}, filled" for n in filled)]:
                med = statistics.median(samples[name, size])
                judged = name != floor_name and not name.endswith("filled")
                ok = (" ok" if med / base <= TARGET else " OVER") if judged else ""
                size_text = f"{size[0]}x{size[1]}"
                print(f"| {name} | {size_text} | {med:.0f} ms | {med / base:.2f}x{ok} |")


if __name__ == "__main__":
    main()
