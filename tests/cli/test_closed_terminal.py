"""A terminal that closes under ``okrworkshop join`` or ``okrworkshop open`` (a window closed,
an ssh connection dropped, tmux killing its session) ends the app within a few seconds, at
whatever moment it happens, and what was typed is on disk.

Real processes in real pseudo-terminals, all rounds at once (each round waits on its own
process, so the whole takes about as long as the slowest round). A round fails when its process
is still alive ``ENDS_WITHIN`` seconds after the hang-up: the app used to block for good on a
terminal that was gone, deaf to SIGTERM too.
"""

from __future__ import annotations

import fcntl
import os
import pty
import select
import signal
import struct
import sys
import termios
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from okrworkshop import actions
from okrworkshop.store import Store
from screens.closing import ENDING_GRACE

ENDS_WITHIN = ENDING_GRACE + 6.0
"""Seconds a round waits for the app to end: its grace, and room for a machine under load."""
DRAWN_WITHIN = 60.0
"""Seconds for the app to draw what a round waits for (start-up on a loaded machine)."""
ACKNOWLEDGED = "Acknowledged words"
TYPED = "Kept words"
TEAM = "Marketplace Search"
TEAM_TYPED = " Ranking"
"""Typed at the end of the team's name on the facilitator's Setup step: saved after a pause in
typing, which the hang-up does not leave it."""

MOMENTS = ("start", "briefing", "typing")
"""When the terminal goes: at the first bytes the app writes (before its first frame), once the
briefing is drawn, and while typing (a draft added and shown, more words typed and shown)."""
ENDINGS = (
    "close",
    "sigcont then close",
    "sighup",
    "sigterm",
    "frozen then sigterm",
    "close under nohup",
)
"""How: the terminal closed (the kernel hangs up: SIGHUP, and reads and writes fail); a SIGCONT
first, as a hang-up also sends; SIGHUP alone; SIGTERM; SIGTERM once the terminal stopped reading
(a frozen connection) and the app filled it by redrawing at every resize. (After a signal, the
terminal is closed too once the round is over.) Under ``nohup`` the app starts with hang-ups
ignored, as a process manager may start it too: a hang-up must end it all the same.

The facilitator's app (``open``) the same way, at its start and while the team's name is edited.
"""
FACILITATOR = [("start", "close"), ("start", "close under nohup")] + [
    ("typing", ending) for ending in ("close", "sighup", "sigterm")
]


@dataclass
class Round:
    app: str
    moment: str
    ending: str
    db: Path
    workshop_id: str


def _make_round(tmp_path: Path, number: int, app: str, moment: str, ending: str) -> Round:
    db = tmp_path / f"round{number}.json"
    created = Store.open(db).create(actions.new_workshop(TEAM, "2027 Q1", participants=["Ana"]))
    return Round(app, moment, ending, db, created.id)


def _read_until(fd: int, wanted: list[bytes], seen: bytearray) -> None:
    """Read the app's output until every piece of ``wanted`` is in it."""
    deadline = time.monotonic() + DRAWN_WITHIN
    while not all(piece in seen for piece in wanted):
        left = deadline - time.monotonic()
        assert left > 0, f"the app never drew {wanted}"
        ready, _, _ = select.select([fd], [], [], left)
        if ready:
            chunk = os.read(fd, 65536)
            assert chunk, "the app's terminal closed before it drew what was waited for"
            seen += chunk


def _ended(pid: int) -> int | None:
    """The wait status once ``pid`` ended within ``ENDS_WITHIN`` seconds, else None."""
    deadline = time.monotonic() + ENDS_WITHIN
    while time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return status
        time.sleep(0.05)
    return None


def _play(round_: Round) -> str | None:
    """One round; None when it went as it should, else what went wrong."""
    pid, fd = pty.fork()
    if pid == 0:  # the child: the app, in the pseudo-terminal
        # Only its own terminal: the pseudo-terminals of rounds forked earlier are open here
        # too (a forked child inherits them, and exec keeps them), and a terminal held open by
        # another app would not hang up when its round closes it.
        os.closerange(3, os.sysconf("SC_OPEN_MAX"))
        os.environ["TERM"] = "xterm-256color"
        if round_.ending == "close under nohup":
            signal.signal(signal.SIGHUP, signal.SIG_IGN)  # kept through exec, as nohup does
        args = ["--db", str(round_.db), round_.app, "-w", round_.workshop_id]
        if round_.app == "join":
            args += ["--as", "Ana"]
        os.execv(sys.executable, [sys.executable, "-m", "okrworkshop", *args])
    closed = False
    try:
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))  # 80x24
        seen = bytearray()
        if round_.moment == "start":
            _read_until(fd, [b"\x1b"], seen)
        elif round_.app == "open":
            _read_until(fd, [b"Cycle label"], seen)  # the Setup step, the team's name in focus
            os.write(fd, TEAM_TYPED.encode())
            _read_until(fd, [(TEAM + TEAM_TYPED).encode()], seen)
        else:
            _read_until(fd, [b"Start drafting"], seen)
        if round_.app == "join" and round_.moment == "typing":
            os.write(fd, b"\r")
            _read_until(fd, [b"draft objectives (0)"], seen)
            os.write(fd, ACKNOWLEDGED.encode() + b"\r")
            _read_until(fd, [b"draft objectives (1)"], seen)  # saved, and shown from the file
            del seen[:]
            os.write(fd, TYPED.encode())
            _read_until(fd, [TYPED.encode()], seen)  # in the box on screen
        if round_.ending == "frozen then sigterm":
            for step in range(120):  # each resize is a full redraw that nobody reads
                size = struct.pack("HHHH", 24 + step % 2, 80 + step % 3, 0, 0)
                fcntl.ioctl(fd, termios.TIOCSWINSZ, size)
                time.sleep(0.01)
            os.kill(pid, signal.SIGTERM)
        elif round_.ending in ("sighup", "sigterm"):
            os.kill(pid, signal.SIGHUP if round_.ending == "sighup" else signal.SIGTERM)
        else:
            if round_.ending == "sigcont then close":
                os.kill(pid, signal.SIGCONT)
                time.sleep(0.3)  # the app handles it while its terminal is still there
            os.close(fd)
            closed = True
        status = _ended(pid)
        if status is None:
            os.kill(pid, signal.SIGTERM)
            deaf = _ended(pid) is None
            if deaf:
                os.kill(pid, signal.SIGKILL)
                os.waitpid(pid, 0)
            return f"still running {ENDS_WITHIN:g} s later" + (", and after SIGTERM" * deaf)
        if round_.app == "open" and round_.moment == "typing":
            team = Store.open(round_.db).get(round_.workshop_id).team
            if team != TEAM + TEAM_TYPED:
                return f"ended, but the team's name on disk is {team!r}"
        elif round_.moment == "typing":
            texts = [o.text for o in Store.open(round_.db).get(round_.workshop_id).objectives]
            # A frozen terminal stalls the app itself, so the watchdog ends it: what was added
            # is saved, the words still in the box may be lost. Otherwise both are kept.
            kept = [[ACKNOWLEDGED, TYPED]]
            if round_.ending == "frozen then sigterm":
                kept.append([ACKNOWLEDGED])
            if texts not in kept:
                return f"ended, but the drafts on disk are {texts}"
        return None
    finally:
        if not closed:
            os.close(fd)


def test_a_closed_terminal_ends_the_app_and_keeps_what_was_typed(tmp_path: Path) -> None:
    plays = [("join", moment, ending) for moment in MOMENTS for ending in ENDINGS]
    plays += [("open", moment, ending) for moment, ending in FACILITATOR]
    rounds = [_make_round(tmp_path, number, *play) for number, play in enumerate(plays)]
    with ThreadPoolExecutor(len(rounds)) as pool:
        outcomes = list(pool.map(_play, rounds))
    failed = [
        f"{r.app} / {r.moment} / {r.ending}: {outcome}"
        for r, outcome in zip(rounds, outcomes, strict=True)
        if outcome is not None
    ]
    assert not failed, "\n".join(failed)
