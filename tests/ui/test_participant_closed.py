"""A participant's real process, in a terminal of its own, closed under the person: the terminal
window shut (SIGHUP) or the process told to end (SIGTERM, as when ``serve`` stops). What was
typed but not added is kept as their draft, marked so."""

from __future__ import annotations

import fcntl
import os
import pty
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from okrworkshop import actions
from okrworkshop.store import Store

DEADLINE = 30.0
ESCAPES = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]")


class Terminal:
    """A pty at 100x30 with the app on its other side; ``screen`` is what it drew, escapes out."""

    def __init__(self, args: list[str]) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
        env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "100", "LINES": "30"}
        self.process = subprocess.Popen(
            args, stdin=slave, stdout=slave, stderr=slave, env=env, start_new_session=True
        )
        os.close(slave)
        self.drawn = b""

    def read(self) -> None:
        while select.select([self.master], [], [], 0.05)[0]:
            try:
                chunk = os.read(self.master, 65536)
            except OSError:
                return
            if not chunk:
                return
            self.drawn += chunk

    def wait_for(self, text: str) -> None:
        deadline = time.monotonic() + DEADLINE
        while time.monotonic() < deadline:
            self.read()
            if text.encode() in ESCAPES.sub(b"", self.drawn):
                return
        raise AssertionError(f"{text!r} never appeared on the screen")

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        os.close(self.master)


@pytest.mark.parametrize("closing", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_words_in_the_box_are_kept_when_the_process_is_closed_under_the_person(
    tmp_path: Path, closing: signal.Signals
) -> None:
    db = tmp_path / "workshops.json"
    store = Store.open(db)
    wid = store.create(
        actions.new_workshop("Search", "2027 Q1", facilitator="Ana", participants=["Ben"])
    ).id
    terminal = Terminal(
        [sys.executable, "-m", "okrworkshop", "--db", str(db), "join", "-w", wid, "--as", "Ben"]
    )
    try:
        terminal.wait_for("Start drafting")
        terminal.type("\r")
        terminal.wait_for("A draft objective, then Enter")
        terminal.type("Half a thought")
        terminal.wait_for("Half a thought")
        terminal.process.send_signal(closing)
        assert terminal.process.wait(timeout=DEADLINE) == 0
    finally:
        terminal.close()
    ws = Store.open(db, create=False).get(wid)
    assert [(o.author, o.text, o.kept_on_close) for o in ws.objectives] == [
        ("Ben", "Half a thought", True)
    ]
