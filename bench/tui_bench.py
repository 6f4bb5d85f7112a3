"""Time to first paint and key-to-frame latency of the app in a real terminal, against floors.

Run: ``.venv/bin/python bench/tui_bench.py [--runs 7] [--typing-runs 3] [--only paint|typing]
[--match WORDS] [--json]``.

Everything runs on Textual's real driver inside pseudo-terminals (``pty.fork``), never Pilot,
with ``TERM=xterm-256color``, the size set on the pty (80x24 and 120x40) and
``OKRWORKSHOP_CONFIG`` pointing into a temporary folder so nobody's preferences are touched.

1. First paint: from just before the process is forked to the moment its output (with escape
   sequences stripped) holds every marker of the expected screen: the team, the step's name,
   a piece of the workshop's data and the Footer. Ours is ``python -m okrworkshop --db COPY open
   -w ID --step STEP`` for the sample workshop at the drafts step and for a workshop of 200
   drafts and 20 key results (built through ``okrworkshop.actions``) at the drafts and
   key-results steps, and a participant's ``join -w ID --as NAME`` to its briefing. The floor
   is a bare Textual app started the same way: Header, an OptionList of 200 lines, Footer.
   Cases alternate run by run, after one warm-up round, so the ratios hold on a noisy machine.
   Each paint also reads the app's CPU time (user + system, from ``/proc``) at that moment,
   and each round's case is set against the floor of the same round (the median of those
   ratios is reported beside the ratio of the medians).
   Target: <= 1.3x the floor (<= 1.5x for a workshop of 2,000 drafts).
2. Typing: the real app (saving on: the CLI) and the same app with ``edit_later`` made a no-op
   (saving off: ``bench/tui_nosave.py``) run side by side, each on its own copy of the
   200-draft workshop, and get the same keys, alternating which gets each key first, so a busy
   machine slows both alike. Keys come at a fast typist's pace (90 ms apart, with a pause of
   0.45-0.75 s every dozen or so keys, around the 0.5 s save debounce, so saves and the re-read
   after them land among the keys). Each key is timed from the write to the first byte of the
   frame that answers it (the frame that moves the cursor, or shows the last characters typed).
   Fields: the context step's mission (a FieldArea), the setup step's team (a FieldInput) and
   the drafts step's new-draft input (which saves nothing per key: a control for the noise).
   After quitting, each database must hold the typed text exactly when that app saves it.
   Target: saving on <= 1.2x saving off.
"""

from __future__ import annotations

import argparse
import compileall
import fcntl
import json
import os
import platform
import pty
import random
import re
import select
import shutil
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

import okrworkshop
from okrworkshop import actions
from okrworkshop.model import Stage, Workshop
from okrworkshop.store import Store

HERE = Path(__file__).resolve().parent
NOSAVE = HERE / "tui_nosave.py"
SIZES = ((80, 24), (120, 40))
TYPING_SIZE = (120, 40)
PAINT_TIMEOUT = 20.0
KEY_TIMEOUT = 5.0
QUIT_TIMEOUT = 5.0
KEY_INTERVAL = 0.09
PAUSE_RANGE = (0.45, 0.75)
BURST_GAP = 0.0015
"""Chunks read closer together than this belong to one frame write."""
PAINT_TARGET = 1.3
HUGE_PAINT_TARGET = 1.5
"""A workshop of 2,000 drafts may take a little longer than one of 200."""
TYPING_TARGET = 1.2

ANSI = re.compile(
    rb"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][0-9A-Za-z]|[@-Z\\-_])"
)
CUP = re.compile(rb"\x1b\[(\d+);(\d+)H")
TRAILING_CSI = re.compile(rb"(?:\x1b\[[0-?]*[ -/]*[@-~])+\Z")
"""A frame ends with cursor moves and no text; the last one puts the cursor where the focused
field's cursor is."""

FLOOR_APP = """\
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, OptionList


class Floor(App[None]):
    TITLE = "Floorapp"

    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(*[f"Option-{n:03d} first-time buyers finish checkout" for n in range(200)])
        yield Footer()


Floor().run()
"""

PEOPLE = [f"Participant {n}" for n in range(12)]
PILLARS = ["Conversion", "Trust", "Reach", "Platform health"]
CONTEXT_TEXT = (
    "Help small businesses sell what they make to buyers who want it, quickly and safely, in "
    "every market we serve, with fair fees for every seller we host and no surprises at all."
)[:150]
SETUP_TEXT = " and Wallets for buyers in Europe"
DRAFT_TEXT = "Buyers who pay once come back within a month because paying felt effortless and safe"


# --- workshops ----------------------------------------------------------------------------------


def build_big_workshop(db: Path, count: int = 200) -> str:
    """A live workshop with ``count`` drafts, a focus and 20 key results, made through the
    core."""
    store = Store.open(db)
    ws = store.create(
        actions.new_workshop(
            "Checkout & Payments",
            "2027 Q1",
            start="2027-01-01",
            end="2027-03-31",
            facilitator="Ada Lovelace",
            participants=PEOPLE,
        )
    )

    def fill(w: Workshop) -> None:
        # The mission stays empty: the typing test types it.
        actions.set_context(
            w,
            north_star="Weekly successful checkouts per active buyer",
            pillars=PILLARS,
            vision="Every buyer pays in one step, in their own currency, with no surprises.",
            principles=["Outcomes over output", "Measure before and after", "Small bets"],
            strategy="Win repeat buyers before buying new ones. " * 12,
            parent_okrs=["Grow repeat revenue 20% year on year"],
            overlaps=[("Risk", "fraud rules at checkout"), ("Mobile", "wallets")],
            why_okrs="To agree on one focus and stop spreading the team across ten goals.",
        )
        drafts = [
            actions.add_draft(
                w,
                f"First-time buyers finish checkout without asking support (idea {n})",
                author=PEOPLE[n % len(PEOPLE)],
                pillar=PILLARS[n % len(PILLARS)],
                rationale="Support tickets about checkout doubled last quarter." if n % 2 else None,
            )
            for n in range(count)
        ]
        actions.go_to_stage(w, Stage.DRAFTS)
        for n, person in enumerate(PEOPLE):
            for k in range(3):
                actions.vote(w, drafts[(n * 7 + k * 13) % len(drafts)].id, person=person)
        actions.reveal_votes(w)
        actions.choose_focus(w, drafts[0].id)
        for n in range(20):
            actions.add_key_result(
                w,
                f"Raise first-purchase checkout completion from 61% to 70% by 2027-03-31 (KR {n})",
                author=PEOPLE[n % len(PEOPLE)],
                fields=actions.KeyResultFields(
                    metric="checkout completion rate, first purchase",
                    baseline="61%",
                    target="70%",
                    unit="%",
                    deadline="2027-03-31",
                    owner=PEOPLE[(n + 3) % len(PEOPLE)],
                ),
            )
        actions.go_to_stage(w, Stage.KEY_RESULTS)

    store.update(ws.id, fill)
    return ws.id


# --- a child on a pseudo-terminal ---------------------------------------------------------------


class BenchError(Exception):
    """A measurement that could not be made (timeout, child died); says what was on screen."""


def visible(raw: bytes | bytearray) -> str:
    return ANSI.sub(b"", bytes(raw)).decode("utf-8", errors="replace")


class Terminal:
    """One child process on a pty of a given size; its output is read as it arrives."""

    def __init__(self, argv: list[str], env: dict[str, str], size: tuple[int, int]) -> None:
        cols, rows = size
        self.started = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child: size the terminal, then become the program
            try:
                fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
                os.execve(argv[0], argv, env)
            finally:
                os._exit(127)
        self.pid, self.fd = pid, fd
        self.output = bytearray()
        self.cursor: tuple[int, int] | None = None
        self.status: int | None = None

    def read(self, timeout: float) -> tuple[float, bytes] | None:
        """The next chunk of output and when it arrived, or None after ``timeout`` seconds."""
        ready, _, _ = select.select([self.fd], [], [], max(0.0, timeout))
        if not ready:
            return None
        try:
            data = os.read(self.fd, 65536)
        except OSError:  # EIO: the child closed the terminal
            data = b""
        now = time.perf_counter()
        if not data:
            raise BenchError("the program exited:\n" + self.screen_tail())
        tail = bytes(self.output[-16:]) + data
        self.output += data
        cups = CUP.findall(tail)
        if cups:
            self.cursor = (int(cups[-1][0]), int(cups[-1][1]))
        return now, data

    def drain(self) -> None:
        while self.read(0) is not None:
            pass

    def write(self, data: bytes) -> float:
        now = time.perf_counter()
        os.write(self.fd, data)
        return now

    def screen_tail(self) -> str:
        return " ".join(visible(self.output).split())[-400:]

    def close(self) -> None:
        """Quit with ctrl+q (the app saves what is pending), else SIGTERM, then SIGKILL; reap."""
        try:
            with suppress(OSError):
                os.write(self.fd, b"\x11")
            for sig in (signal.SIGTERM, signal.SIGKILL, None):
                if self._reaped(QUIT_TIMEOUT):
                    return
                if sig is not None:
                    with suppress(ProcessLookupError):
                        os.kill(self.pid, sig)
            with suppress(ChildProcessError):
                _, self.status = os.waitpid(self.pid, 0)
        finally:
            os.close(self.fd)

    def _reaped(self, timeout: float) -> bool:
        end = time.perf_counter() + timeout
        while time.perf_counter() < end:
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid:
                self.status = status
                return True
            try:
                self.read(0.02)  # keep the pty drained so the child never blocks on a write
            except BenchError:  # the terminal is closed: the child is on its way out
                time.sleep(0.01)
        return False


@contextmanager
def terminal(argv: list[str], env: dict[str, str], size: tuple[int, int]) -> Iterator[Terminal]:
    term = Terminal(argv, env, size)
    try:
        yield term
    finally:
        term.close()


def wait_for_markers(term: Terminal, markers: tuple[str, ...], timeout: float) -> float:
    """Seconds from the fork until the output holds every marker."""
    end = term.started + timeout
    while True:
        got = term.read(end - time.perf_counter())
        if got is None:
            missing = [m for m in markers if m not in visible(term.output)]
            raise BenchError(f"no paint with {missing} in {timeout:.0f} s:\n{term.screen_tail()}")
        text = visible(term.output)
        if all(m in text for m in markers):
            return got[0] - term.started


# --- cases ----------------------------------------------------------------------------------


@dataclass
class PaintCase:
    name: str
    argv: list[str]
    markers: tuple[str, ...]
    db_source: Path | None = None
    """Copied afresh before each run (the app records the step and its time on every open)."""
    note: str = ""
    limit: float = PAINT_TARGET
    samples: dict[str, list[float]] = field(default_factory=dict)
    cpu: dict[str, list[float]] = field(default_factory=dict)
    """The child's CPU time (user + system, ms) when the screen showed: less disturbed by a
    busy machine than the wall time."""


@dataclass
class TypingCase:
    """One field, typed into by the real app (saving on) and the no-save app side by side."""

    name: str
    step: str
    focus_keys: bytes
    """Keys that move focus from where the screen puts it on arrival to the field."""
    text: str
    saves: bool
    """Whether typing in this field saves (so the real app's database must hold the text)."""
    samples: dict[bool, list[float]] = field(default_factory=lambda: {True: [], False: []})
    db_checks: list[bool] = field(default_factory=list)


def measure_paint(
    case: PaintCase, size: tuple[int, int], env: dict[str, str], db: Path
) -> tuple[float, float]:
    """Wall ms to the expected screen, and the child's CPU ms by then."""
    if case.db_source is not None:
        shutil.copyfile(case.db_source, db)
    with terminal(case.argv, env, size) as term:
        wall = wait_for_markers(term, case.markers, PAINT_TIMEOUT) * 1000
        return wall, cpu_ms(term.pid)


def cpu_ms(pid: int) -> float:
    """User + system CPU time of a running process, from the kernel's accounting."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def key_schedule(text: str, seed: int) -> list[float]:
    """Seconds to wait before each key: a steady pace, and a pause around the save debounce
    every dozen or so keys."""
    rng = random.Random(seed)
    waits, until_pause = [], rng.randint(10, 18)
    for _ in text:
        until_pause -= 1
        if until_pause == 0:
            waits.append(rng.uniform(*PAUSE_RANGE))
            until_pause = rng.randint(10, 18)
        else:
            waits.append(KEY_INTERVAL)
    return waits


def answers(burst: bytearray, before: tuple[int, int] | None, typed: str) -> bool:
    """Is this frame the app's answer to the last key? It moves the cursor, or (in a one-line
    field scrolled to its end, where the cursor stays put) shows the last characters typed."""
    trailing = TRAILING_CSI.search(bytes(burst))
    moves = CUP.findall(trailing.group()) if trailing else []
    if moves and (int(moves[-1][0]), int(moves[-1][1])) != before:
        return True
    tail = typed[-8:]
    return len(tail) >= 5 and not tail.endswith(" ") and tail in visible(burst)


def key_latency(term: Terminal, key: str, typed: str) -> float:
    """Milliseconds from writing ``key`` to the first byte of the frame that answers it."""
    term.drain()
    before = term.cursor
    written = term.write(key.encode())
    burst, burst_start, last = bytearray(), written, None
    while True:
        got = term.read(written + KEY_TIMEOUT - time.perf_counter())
        if got is None:
            raise BenchError(
                f"no frame answered key {key!r} in {KEY_TIMEOUT:.0f} s (is the field focused?):"
                f"\n{term.screen_tail()}"
            )
        now, data = got
        if last is None or now - last > BURST_GAP:
            burst, burst_start = bytearray(), now
        burst += data
        last = now
        if answers(burst, before, typed):
            return (burst_start - written) * 1000


def pump(terms: list[Terminal], seconds: float) -> None:
    """Keep reading every terminal's output for ``seconds`` (the typist's pause)."""
    end = time.perf_counter() + seconds
    while (left := end - time.perf_counter()) > 0:
        ready, _, _ = select.select([t.fd for t in terms], [], [], left)
        for term in terms:
            if term.fd in ready:
                term.read(0)


def measure_typing(
    case: TypingCase, argv: dict[bool, list[str]], dbs: dict[bool, Path], env: dict[str, str],
    source: Path, seed: int,
) -> None:  # fmt: skip
    """Type ``case.text`` into both apps, alternating which gets each key first."""
    for db in dbs.values():
        shutil.copyfile(source, db)
    with (
        terminal(argv[True], env, TYPING_SIZE) as on,
        terminal(argv[False], env, TYPING_SIZE) as off,
    ):
        terms = {True: on, False: off}
        for term in terms.values():
            wait_for_markers(term, ("Checkout", "palette"), PAINT_TIMEOUT)
        pump([on, off], 1.5)  # let start-up finish (recording the step, late repaints)
        for key in case.focus_keys:
            for term in terms.values():
                term.write(bytes([key]))
            pump([on, off], 0.4)
        typed = ""
        for n, (char, wait) in enumerate(
            zip(case.text, key_schedule(case.text, seed), strict=True)
        ):
            pump([on, off], wait)
            typed += char
            for saving in (True, False) if n % 2 == 0 else (False, True):
                case.samples[saving].append(key_latency(terms[saving], char, typed))
    for saving, db in dbs.items():
        saved = case.text.strip() in db.read_text(encoding="utf-8")
        expected = saving and case.saves
        case.db_checks.append(saved == expected)
        if saved != expected:
            raise BenchError(
                f"typed text {'was' if saved else 'was not'} in the database of the app with "
                f"saving {'on' if saving else 'off'} after it quit"
            )


# --- report ---------------------------------------------------------------------------------


def p(samples: list[float], percent: int) -> float:
    """The ``percent``th percentile (inclusive method: never outside the samples)."""
    if len(samples) < 2:
        return samples[0] if samples else float("nan")
    return statistics.quantiles(samples, n=100, method="inclusive")[percent - 1]


def size_name(size: tuple[int, int]) -> str:
    return f"{size[0]}x{size[1]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="first-paint runs per case and size")
    parser.add_argument("--typing-runs", type=int, default=3, help="typing runs per case")
    parser.add_argument("--only", choices=["paint", "typing"], help="run one half only")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    parser.add_argument(
        "--match", help="only the first-paint cases whose name holds this (the floor always runs)"
    )
    args = parser.parse_args()
    load_at_start = os.getloadavg()[0]
    # Bytecode first, as an installed copy has it: with PYTHONDONTWRITEBYTECODE set (as in some
    # shells) every run would otherwise compile our sources again, which the floor never does.
    source = Path(okrworkshop.__file__).resolve().parent.parent
    for package in ("okrworkshop", "screens"):
        compileall.compile_dir(source / package, quiet=1)

    with tempfile.TemporaryDirectory(prefix="okrworkshop-tui-bench-") as tmp:
        folder = Path(tmp)
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in ("COLUMNS", "LINES", "OKRWORKSHOP_DB") and not k.startswith("TEXTUAL")
        }
        env.update(TERM="xterm-256color", OKRWORKSHOP_CONFIG=str(folder / "prefs.json"))
        floor_script = folder / "floor_app.py"
        floor_script.write_text(FLOOR_APP, encoding="utf-8")
        example_src = folder / "example-source.json"
        shutil.copyfile(HERE.parent / "data" / "example.json", example_src)
        big_src = folder / "big-source.json"
        big_id = build_big_workshop(big_src)
        huge_src = folder / "huge-source.json"
        huge_id = build_big_workshop(huge_src, count=2000)
        db = folder / "run.json"
        py = sys.executable
        cli = [py, "-m", "okrworkshop", "--db", str(db), "open"]

        def step_case(
            name: str, wid: str, source: Path, step: str, markers: tuple[str, ...], **kw: float
        ) -> PaintCase:
            """The shared screen opened on ``wid`` at ``step``, done when ``markers`` show."""
            argv = [*cli, "-w", wid, "--step", step]
            return PaintCase(name, argv, (*markers, "palette"), source, **kw)

        paint_cases = [
            PaintCase(
                "floor: Textual Header+OptionList(200)+Footer",
                [py, str(floor_script)],
                ("Floorapp", "Option-000", "palette"),
            ),
            step_case(
                "example, drafts step",
                "example",
                example_src,
                "drafts",
                ("Marketplace", "Drafts", "Sellers"),
            ),
            step_case(
                "200 drafts, drafts step",
                big_id,
                big_src,
                "drafts",
                ("Checkout", "Drafts", "First-time"),
            ),
            PaintCase(
                "participant joins (briefing), 200 drafts",
                [py, "-m", "okrworkshop", "--db", str(db), "join", "-w", big_id, "--as", PEOPLE[0]],
                ("Checkout", "Go on", "Help", "North Star"),
                big_src,
            ),
            step_case(
                "2,000 drafts, drafts step",
                huge_id,
                huge_src,
                "drafts",
                ("Checkout", "Drafts", "First-time"),
                limit=HUGE_PAINT_TARGET,
            ),
            step_case(
                "200 drafts + 20 KRs, key-results step",
                big_id,
                big_src,
                "key-results",
                ("Checkout", "KRs", "61%"),
            ),
        ]
        if args.match:
            paint_cases = [
                c for c in paint_cases if c.name.startswith("floor") or args.match in c.name
            ]
        typing_cases = [
            TypingCase("context: mission FieldArea", "context", b"\t", CONTEXT_TEXT, saves=True),
            TypingCase("setup: team FieldInput", "setup", b"\t", SETUP_TEXT, saves=True),
            TypingCase("drafts: new-draft input", "drafts", b"", DRAFT_TEXT, saves=False),
        ]
        typing_dbs = {True: folder / "typing-on.json", False: folder / "typing-off.json"}

        def typing_argv(step: str) -> dict[bool, list[str]]:
            on = [py, "-m", "okrworkshop", "--db", str(typing_dbs[True]), "open", "-w", big_id]
            return {
                True: [*on, "--step", step],
                False: [py, str(NOSAVE), str(typing_dbs[False]), big_id, step],
            }

        errors: list[str] = []
        if args.only != "typing":
            for run in range(args.runs + 1):  # round 0 warms the caches and is not counted
                for size in SIZES:
                    for case in paint_cases:
                        try:
                            ms, cpu = measure_paint(case, size, env, db)
                        except BenchError as exc:
                            errors.append(f"first paint, {case.name}, {size_name(size)}: {exc}")
                            continue
                        if run:
                            case.samples.setdefault(size_name(size), []).append(ms)
                            case.cpu.setdefault(size_name(size), []).append(cpu)
                if not args.json:
                    print(f"first paint: round {run}/{args.runs} done", file=sys.stderr)
        if args.only != "paint":
            for run in range(args.typing_runs):
                for case in typing_cases:
                    try:
                        measure_typing(
                            case, typing_argv(case.step), typing_dbs, env, big_src, seed=run
                        )
                    except BenchError as exc:
                        errors.append(f"typing, {case.name}: {exc}")
                if not args.json:
                    print(f"typing: run {run + 1}/{args.typing_runs} done", file=sys.stderr)

        report(args, paint_cases, typing_cases, errors, load_at_start)


def report(
    args: argparse.Namespace,
    paint_cases: list[PaintCase],
    typing_cases: list[TypingCase],
    errors: list[str],
    load_at_start: float,
) -> None:
    floor = paint_cases[0]
    paint_rows, targets = [], []
    for case in paint_cases:
        for size, samples in case.samples.items():
            base = statistics.median(floor.samples.get(size, [float("nan")]))
            med = statistics.median(samples)
            cpu, floor_cpu = case.cpu.get(size, []), floor.cpu.get(size, [])
            cpu_med = statistics.median(cpu) if cpu else float("nan")
            # Each round's case against the floor of the same round and size, then the median.
            pairs = [c / f for c, f in zip(cpu, floor_cpu, strict=False) if f]
            walls = [w / f for w, f in zip(samples, floor.samples.get(size, []), strict=False)]
            row = {
                "case": case.name,
                "size": size,
                "runs": len(samples),
                "median_ms": round(med, 1),
                "p90_ms": round(p(samples, 90), 1),
                "ratio_to_floor": round(med / base, 3),
                "pair_ratio": round(statistics.median(walls), 3) if walls else None,
                "cpu_ms": round(cpu_med, 1),
                "cpu_pair_ratio": round(statistics.median(pairs), 3) if pairs else None,
                "note": case.note,
            }
            paint_rows.append(row)
            if case is not floor:
                targets.append(
                    {
                        "target": f"first paint, {case.name}, {size}",
                        "ratio": row["ratio_to_floor"],
                        "limit": case.limit,
                        "against": "floor",
                        "note": case.note,
                    }
                )
    typing_rows = []
    for case in typing_cases:
        for saving in (True, False):
            samples = case.samples[saving]
            if samples:
                typing_rows.append(
                    {
                        "field": case.name,
                        "saving": "on" if saving else "off",
                        "keys": len(samples),
                        "median_ms": round(statistics.median(samples), 2),
                        "p95_ms": round(p(samples, 95), 2),
                        "max_ms": round(max(samples), 2),
                        "db_check_ok": all(case.db_checks) if case.db_checks else None,
                    }
                )
        on, off = case.samples[True], case.samples[False]
        if on and off:
            targets.append(
                {
                    "target": f"typing, {case.name}",
                    "ratio": round(statistics.median(on) / statistics.median(off), 3),
                    "p95_ratio": round(p(on, 95) / p(off, 95), 3),
                    "limit": TYPING_TARGET,
                    "against": "saving off",
                    "note": "" if case.saves else "no save per key here: a control",
                }
            )
    machine = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_at_start": load_at_start,
        "load_at_end": os.getloadavg()[0],
    }
    if args.json:
        print(
            json.dumps(
                {
                    "machine": machine,
                    "first_paint": paint_rows,
                    "typing": typing_rows,
                    "targets": targets,
                    "errors": errors,
                },
                indent=2,
            )
        )
        return
    print(
        f"\nTUI bench on {machine['platform']}, Python {machine['python']}, {machine['cpus']} "
        f"CPUs, load average {load_at_start:.2f} at start, {machine['load_at_end']:.2f} at end"
    )
    if max(load_at_start, machine["load_at_end"]) > 0.5 * (machine["cpus"] or 1):
        print("(a busy machine: trust the ratios more than the milliseconds)")
    print()
    if paint_rows:
        print(f"First paint (ms from fork to the expected screen; {args.runs} runs, interleaved)\n")
        print("| case | size | median | p90 | ratio to floor | pairs' median | CPU | CPU pairs |")
        print("|---|---|---:|---:|---:|---:|---:|---:|")
        for r in paint_rows:
            note = f" ({r['note']})" if r["note"] else ""
            print(
                f"| {r['case']}{note} | {r['size']} | {r['median_ms']:.0f} | {r['p90_ms']:.0f} "
                f"| {r['ratio_to_floor']:.2f}x | {r['pair_ratio'] or 0:.2f}x "
                f"| {r['cpu_ms']:.0f} | {r['cpu_pair_ratio'] or 0:.2f}x |"
            )
        print()
    if typing_rows:
        size = size_name(TYPING_SIZE)
        print(f"Typing (ms from key to answering frame, {size}; {args.typing_runs} runs)\n")
        print("| field | saving | keys | median | p95 | max | database check |")
        print("|---|---|---:|---:|---:|---:|---|")
        for r in typing_rows:
            check = {True: "ok", False: "FAILED", None: "-"}[r["db_check_ok"]]
            print(
                f"| {r['field']} | {r['saving']} | {r['keys']} | {r['median_ms']:.1f} "
                f"| {r['p95_ms']:.1f} | {r['max_ms']:.1f} | {check} |"
            )
        print()
    for t in targets:
        note = f" [{t['note']}]" if t["note"] else ""
        extra = f", p95 {t['p95_ratio']:.2f}x" if "p95_ratio" in t else ""
        verdict = "ok" if t["ratio"] <= t["limit"] else "OVER"
        print(
            f"{t['target']}: {t['ratio']:.2f}x {t['against']}{extra} "
            f"(target <= {t['limit']}x) {verdict}{note}"
        )
    for e in errors:
        print(f"ERROR {e}")


if __name__ == "__main__":
    main()
