"""How long people wait for their first screen when they join from a browser at the same time,
and what each session costs the machine, against a floor measured in the same run.

Run: ``.venv/bin/python bench/serve_bench.py [--rounds 3] [--crowds 1,5,10] [--json]``.

Each case is a real server process on a loopback port; N websocket clients (what the page
opens) connect at the same moment, and each is timed from its connect to the moment the app's
output, escape sequences stripped, holds its first screen. Then every client closes, and the
next measurement waits until every session's app has ended. Crowds of 1, 5 and 10 run in turn,
cases interleaved round by round after one warm-up round, so a busy machine slows all alike.

- floor: ``okrworkshop serve``'s own server (token, Origin check, session slots) running a bare
  Textual app (Header, Input, Footer) started afresh for each session: what any Textual app
  served this way costs.
- afresh: our participant app (``okrworkshop join``, to "Who are you?") started afresh for each
  session, as before warm starts.
- okrworkshop serve: the real command, where each session's app is a fork of a process that
  imported everything when the server started (``screens/web/forks.py``).

Then, with the largest crowd connected and idle on the first screen: the CPU time each app
spent to reach it, the CPU it uses while idle (10 s sample), and its memory (PSS: shared pages
split among the processes sharing them; the fork server's own counted once, apart; RSS: every
page a process maps, shared or not). Memory is read from ``/proc/PID/smaps_rollup`` (PSS) and
``/proc/PID/stat`` (RSS), median over the sessions. The first screen ("Who are you?") is the
lightest a session gets, so for the participant app the same crowd then joins as it would in a
workshop (each types its own name, reads the briefing, goes on to the drafting screen) and its
memory is read again once idle there: that second figure is what a session in use costs.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

import aiohttp

from okrworkshop import actions
from okrworkshop.store import Store

ANSI = re.compile(
    r"\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)|[()][0-9A-Za-z]|[=>78])"
)
SCREEN_TIMEOUT = 120.0
START_TIMEOUT = 30.0
IDLE_SECONDS = 10.0
TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")

FLOOR_APP = """\
from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Input


class Floor(App[None]):
    TITLE = "Floorapp"

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Your name, then Enter")
        yield Footer()


Floor().run()
"""

# A server like `okrworkshop serve`, for a command of our choosing, started afresh per session.
SERVER = """\
import shlex, sys
from screens.web.serve import WorkshopServer, app_command, plan
port, kind = int(sys.argv[1]), sys.argv[2]
if kind == "floor":
    command, args = "exec " + shlex.join([sys.executable, sys.argv[3]]), None
else:
    args = ["--db", sys.argv[3], "join", "-w", sys.argv[4]]
    command = app_command(args)
server = WorkshopServer(
    command, plan("127.0.0.1", port, 50), title="bench", app_args=args, warm=False,
    on_ready=lambda p: print("Link: " + p.link, flush=True),
)
server.serve()
"""


@dataclass
class Case:
    name: str
    marker: str
    argv: list[str] = field(default_factory=list)
    waits: dict[int, list[float]] = field(default_factory=dict)
    """Crowd size -> seconds to first screen, every session of every round."""
    slowest: dict[int, list[float]] = field(default_factory=dict)
    """Crowd size -> the last session's wait, per round."""
    cost: dict[str, float] = field(default_factory=dict)


class Server:
    """One server process; its link gives the cookie and the websocket address."""

    def __init__(self, argv: list[str], port: int) -> None:
        self.port = port
        self.process = subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )
        deadline = time.monotonic() + START_TIMEOUT
        assert self.process.stdout is not None
        for line in self.process.stdout:
            if line.startswith("Link: "):
                self.link = line.removeprefix("Link: ").strip()
                break
            if time.monotonic() > deadline:
                break
        else:
            raise RuntimeError(f"no link from {argv}")
        origin = self.link.split("/?", 1)[0]
        self.ws_url = "ws" + origin.removeprefix("http") + "/ws?width=80&height=24"
        token = self.link.split("token=", 1)[1]
        self.headers = {"Cookie": f"okrworkshop_token_{port}={token}", "Origin": origin}

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


# --- processes ----------------------------------------------------------------------------------


def _stat(pid: int) -> list[str] | None:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None


def children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            fields = _stat(int(entry.name))
            if fields is not None and int(fields[1]) == pid and fields[0] != "Z":
                found.add(int(entry.name))
    return found


def is_fork_server(pid: int) -> bool:
    try:
        return b"screens.web.forks" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def apps_of(server: Server) -> tuple[set[int], set[int]]:
    """(session apps, fork servers) of a server."""
    apps, forks = set(), set()
    for child in children(server.process.pid):
        if is_fork_server(child):
            forks.add(child)
            apps |= children(child)
        else:
            apps.add(child)
    return apps, forks


def cpu_seconds(pid: int) -> float:
    fields = _stat(pid)
    return 0.0 if fields is None else (int(fields[11]) + int(fields[12])) / TICKS


def pss_mb(pid: int) -> float:
    try:
        text = Path(f"/proc/{pid}/smaps_rollup").read_text()
    except OSError:
        return 0.0
    found = re.search(r"^Pss:\s+(\d+) kB", text, re.M)
    return int(found.group(1)) / 1024 if found else 0.0


def rss_mb(pid: int) -> float:
    fields = _stat(pid)
    return 0.0 if fields is None else int(fields[21]) * PAGE / 2**20


def settled(pids: set[int], timeout: float = 30.0) -> None:
    """Wait until these processes stop using CPU (two samples 0.3 s apart agree)."""
    deadline = time.monotonic() + timeout
    last = -1.0
    while time.monotonic() < deadline:
        now = sum(cpu_seconds(p) for p in pids)
        if now == last:
            return
        last = now
        time.sleep(0.3)


def wait_for(check: object, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise RuntimeError(f"gave up waiting for {what}")
        time.sleep(0.05)


# --- measuring ------------------------------------------------------------------------------------


async def first_screen(
    session: aiohttp.ClientSession, server: Server, marker: str, keep: list[object]
) -> float:
    started = time.perf_counter()
    ws = await session.ws_connect(server.ws_url, headers=server.headers)
    keep.append(ws)
    seen = ""
    async with asyncio.timeout(SCREEN_TIMEOUT):
        while marker not in ANSI.sub("", seen):
            message = await ws.receive()
            if message.type == aiohttp.WSMsgType.BINARY:
                seen += message.data.decode("utf-8", "replace")
            elif message.type != aiohttp.WSMsgType.TEXT:
                raise RuntimeError(f"the session ended before its first screen: {message}")
    return time.perf_counter() - started


class Reader:
    """Reads one session's output all along (so that it answers the server's heartbeat while
    the crowd sits idle), keeping the screen text seen since ``clear``."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.seen = ""
        self.task = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.ws:
            if message.type == aiohttp.WSMsgType.BINARY:
                self.seen += message.data.decode("utf-8", "replace")

    async def until(self, text: str) -> None:
        async with asyncio.timeout(SCREEN_TIMEOUT):
            while text not in ANSI.sub("", self.seen):
                if self.task.done():
                    raise RuntimeError("the session ended on its way in")
                await asyncio.sleep(0.05)


async def walk_in(reader: Reader, name: str) -> None:
    """What a participant does first: their name, the briefing, then the drafting screen."""
    reader.seen = ""
    await reader.ws.send_str(json.dumps(["stdin", name + "\r"]))
    await reader.until("Hello ")
    await reader.ws.send_str(json.dumps(["stdin", "\r"]))
    await reader.until("draft objectives")


async def crowd(
    server: Server, marker: str, size: int, cost: dict[str, float] | None
) -> list[float]:
    """``size`` sessions at once; with ``cost``, also what they cost once all are idle (and,
    for the participant app, again once all have joined and reached the drafting screen)."""
    keep: list[object] = []
    async with aiohttp.ClientSession() as session:
        waits = await asyncio.gather(
            *(first_screen(session, server, marker, keep) for _ in range(size))
        )
        if cost is not None:
            readers = [Reader(ws) for ws in keep]  # type: ignore[arg-type]
            apps, forks = apps_of(server)
            cost["sessions"] = len(apps)
            cost["start_cpu_ms"] = statistics.median(cpu_seconds(p) for p in apps) * 1000
            cost["fork_server_cpu_ms"] = sum(cpu_seconds(p) for p in forks) * 1000
            await asyncio.sleep(2)  # the first screen's timers settle
            before = {p: cpu_seconds(p) for p in apps}
            server_before = cpu_seconds(server.process.pid)
            await asyncio.sleep(IDLE_SECONDS)
            idle = [(cpu_seconds(p) - before[p]) / IDLE_SECONDS * 100 for p in apps]
            cost["idle_cpu_percent"] = statistics.median(idle)
            cost["server_idle_cpu_percent"] = (
                (cpu_seconds(server.process.pid) - server_before) / IDLE_SECONDS * 100
            )
            cost["pss_mb"] = statistics.median(pss_mb(p) for p in apps)
            cost["rss_mb"] = statistics.median(rss_mb(p) for p in apps)
            cost["fork_server_pss_mb"] = sum(pss_mb(p) for p in forks)
            cost["server_pss_mb"] = pss_mb(server.process.pid)
            if marker == "Who are you?":
                await asyncio.gather(
                    *(walk_in(reader, f"Participant {n}") for n, reader in enumerate(readers))
                )
                await asyncio.to_thread(settled, apps)
                await asyncio.sleep(2)  # the drafting screen's timers settle
                cost["joined_pss_mb"] = statistics.median(pss_mb(p) for p in apps)
                cost["joined_rss_mb"] = statistics.median(rss_mb(p) for p in apps)
        for ws in keep:
            await ws.close()  # type: ignore[attr-defined]
    wait_for(lambda: not apps_of(server)[0], "every session's app to end")
    return list(waits)


def free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def build_workshop(db: Path) -> str:
    """A workshop with a participant list and context, as a facilitator would have it."""
    store = Store.open(db)
    people = [f"Participant {n}" for n in range(12)]
    ws = store.create(actions.new_workshop("Checkout & Payments", "2027 Q1", participants=people))
    store.update(
        ws.id,
        lambda w: actions.set_context(
            w,
            mission="Help small businesses sell what they make.",
            north_star="Weekly successful checkouts per active buyer",
            pillars=["Conversion", "Trust", "Reach"],
            strategy="Win repeat buyers before buying new ones. " * 8,
        ),
    )
    return ws.id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="measured rounds (after a warm-up)")
    parser.add_argument("--crowds", default="1,5,10", help="how many join at once, in turn")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    crowds = [int(n) for n in args.crowds.split(",")]
    load_at_start = os.getloadavg()[0]

    with tempfile.TemporaryDirectory(prefix="okrworkshop-serve-bench-") as tmp:
        folder = Path(tmp)
        db = folder / "w.json"
        workshop = build_workshop(db)
        floor_app = folder / "floor_app.py"
        floor_app.write_text(FLOOR_APP, encoding="utf-8")
        script = folder / "server.py"
        script.write_text(SERVER, encoding="utf-8")
        py = sys.executable
        cases = [
            Case(
                "floor: a bare Textual app, started afresh",
                "Your name",
                [py, str(script), "{port}", "floor", str(floor_app)],
            ),
            Case(
                "afresh: okrworkshop join, started afresh",
                "Who are you?",
                [py, str(script), "{port}", "join", str(db), workshop],
            ),
            Case(
                "okrworkshop serve (warm starts)",
                "Who are you?",
                [
                    py,
                    "-m",
                    "okrworkshop",
                    "--db",
                    str(db),
                    "serve",
                    "-w",
                    workshop,
                    "--max-sessions",
                    "50",
                    "--port",
                    "{port}",
                ],
            ),
        ]
        for round_ in range(args.rounds + 1):
            for case in cases:
                port = free_port()
                server = Server([a.replace("{port}", str(port)) for a in case.argv], port)
                try:
                    if case is cases[-1]:
                        wait_for(lambda s=server: apps_of(s)[1], "the fork server")
                        settled(apps_of(server)[1])  # it imports once, at start: not timed
                    for size in crowds:
                        last = round_ == args.rounds and size == max(crowds)
                        waits = asyncio.run(
                            crowd(server, case.marker, size, case.cost if last else None)
                        )
                        if round_:
                            case.waits.setdefault(size, []).extend(waits)
                            case.slowest.setdefault(size, []).append(max(waits))
                finally:
                    server.stop()
            if not args.json:
                print(f"round {round_}/{args.rounds} done", file=sys.stderr)
        report(args, cases, crowds, load_at_start)


def report(args: argparse.Namespace, cases: list[Case], crowds: list[int], load: float) -> None:
    floor = cases[0]
    rows = []
    for case in cases:
        for size in crowds:
            waits = case.waits.get(size, [])
            if not waits:
                continue
            median = statistics.median(waits) * 1000
            slowest = statistics.median(case.slowest[size]) * 1000
            base = statistics.median(floor.waits[size]) * 1000
            rows.append(
                {
                    "case": case.name,
                    "together": size,
                    "median_ms": round(median),
                    "slowest_ms": round(slowest),
                    "ratio_to_floor": round(median / base, 2),
                }
            )
    machine = {
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
        "load_at_start": load,
        "load_at_end": os.getloadavg()[0],
    }
    costs = {case.name: {k: round(v, 2) for k, v in case.cost.items()} for case in cases}
    if args.json:
        print(json.dumps({"machine": machine, "first_screen": rows, "costs": costs}, indent=2))
        return
    print(
        f"\nServe bench on {machine['platform']}, Python {machine['python']}, {machine['cpus']} "
        f"CPUs, load average {load:.2f} at start, {machine['load_at_end']:.2f} at end\n"
    )
    print(f"First screen, ms from connect ({args.rounds} rounds; median of every session, and")
    print("median of each round's slowest)\n")
    print("| case | together | median | slowest | ratio to floor |")
    print("|---|---:|---:|---:|---:|")
    for r in rows:
        print(
            f"| {r['case']} | {r['together']} | {r['median_ms']} | {r['slowest_ms']} "
            f"| {r['ratio_to_floor']:.2f}x |"
        )
    print(f"\nPer session, {max(crowds)} connected and idle on the first screen (medians)\n")
    print(
        "| case | CPU to first screen | idle CPU | PSS | RSS | joined: PSS | joined: RSS "
        "| fork server (CPU, PSS) | server PSS |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, c in costs.items():
        if c:
            joined = (
                f"{c['joined_pss_mb']:.1f} MB | {c['joined_rss_mb']:.1f} MB"
                if "joined_pss_mb" in c
                else "— | —"
            )
            print(
                f"| {name} | {c['start_cpu_ms']:.0f} ms | {c['idle_cpu_percent']:.1f}% "
                f"| {c['pss_mb']:.1f} MB | {c['rss_mb']:.1f} MB | {joined} "
                f"| {c['fork_server_cpu_ms']:.0f} ms, {c['fork_server_pss_mb']:.1f} MB "
                f"| {c['server_pss_mb']:.1f} MB |"
            )


if __name__ == "__main__":
    main()
