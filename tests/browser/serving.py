"""Running ``okrworkshop serve`` as a real process for the browser-join tests."""

from __future__ import annotations

import queue
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path

START_TIMEOUT = 20.0
STOP_TIMEOUT = 10.0
NORTH_STAR = "Buyers find what they want in one search"


def free_port() -> int:
    """A port nobody listens on right now (the OS picks it; we close the socket and use it)."""
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(check: Callable[[], object], timeout: float, what: str) -> object:
    """Re-check ``check`` until it returns something truthy, or fail saying what never came."""
    deadline = time.monotonic() + timeout
    pause = threading.Event()
    while True:
        result = check()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"Gave up after {timeout:.0f} s waiting for {what}.")
        pause.wait(0.05)


@dataclass
class Seeded:
    """A workshop in a database file of its own."""

    db: Path
    id: str


@dataclass
class Served:
    """A running ``okrworkshop serve`` and what it printed."""

    process: subprocess.Popen[str]
    port: int
    stdout: list[str] = field(default_factory=list)
    stderr: list[str] = field(default_factory=list)
    link: str = ""
    stderr_done: threading.Event = field(default_factory=threading.Event)
    """Set once the server's stderr reached its end (everything it printed is in ``stderr``)."""

    @property
    def stderr_closed(self) -> bool:
        return self.stderr_done.is_set()

    @property
    def origin(self) -> str:
        return self.link.split("/?", 1)[0]

    @property
    def token(self) -> str:
        return self.link.split("token=", 1)[1]

    @property
    def cookie_name(self) -> str:
        return f"okrworkshop_token_{self.port}"

    @property
    def ws_url(self) -> str:
        return "ws" + self.origin.removeprefix("http") + "/ws"

    def stop(self) -> int:
        """SIGTERM (what ctrl+c does, too), then kill if it does not end in time."""
        if self.process.poll() is None:
            self.process.terminate()
        try:
            return self.process.wait(timeout=STOP_TIMEOUT)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
            raise AssertionError("okrworkshop serve did not stop on SIGTERM") from None


def _drain(
    stream: object,
    into: list[str],
    lines: queue.Queue[str | None] | None,
    done: threading.Event | None = None,
) -> None:
    """Read a pipe to its end, so a chatty server can never block on a full pipe."""
    for line in stream:  # type: ignore[attr-defined]
        into.append(line)
        if lines is not None:
            lines.put(line)
    if lines is not None:
        lines.put(None)
    if done is not None:
        done.set()


def start_serve(workshop: Seeded, *extra: str, port: int | None = None) -> Served:
    """Start ``okrworkshop serve`` and return once it printed its link (it listens by then)."""
    port = free_port() if port is None else port
    command = [
        sys.executable,
        "-m",
        "okrworkshop",
        "--db",
        str(workshop.db),
        "serve",
        "-w",
        workshop.id,
        "--port",
        str(port),
        *extra,
    ]
    return start_server(command, port)


def start_server(command: list[str], port: int) -> Served:
    """Start a server process and wait for the line ``Link: URL`` on its stdout."""
    process = subprocess.Popen(
        command,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        start_new_session=True,  # its own process group, as in a terminal (ctrl+c reaches all)
    )
    served = Served(process, port)
    lines: queue.Queue[str | None] = queue.Queue()
    for stream, into, q, done in (
        (process.stdout, served.stdout, lines, None),
        (process.stderr, served.stderr, None, served.stderr_done),
    ):
        threading.Thread(target=_drain, args=(stream, into, q, done), daemon=True).start()
    deadline = time.monotonic() + START_TIMEOUT
    while not served.link:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            served.stop()
            raise AssertionError(f"serve printed no link in {START_TIMEOUT:.0f} s") from None
        if line is None:
            process.wait()
            raise AssertionError(
                f"serve ended (exit {process.returncode}) before printing a link:\n"
                + "".join(served.stdout + served.stderr)
            )
        if line.startswith("Link: "):
            served.link = line.removeprefix("Link: ").strip()
    return served


def _stat(pid: int) -> tuple[str, int] | None:
    """(state, parent pid) of a process from /proc (Linux), or None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return None
    return fields[0], int(fields[1])


def running(pid: int) -> bool:
    """True while ``pid`` runs (a zombie waiting to be reaped has ended)."""
    stat = _stat(pid)
    return stat is not None and stat[0] != "Z"


def children(pid: int) -> set[int]:
    """The running processes whose parent is ``pid``."""
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            stat = _stat(int(entry.name))
            if stat is not None and stat[1] == pid and stat[0] != "Z":
                found.add(int(entry.name))
    return found


def _is_fork_server(pid: int) -> bool:
    try:
        return b"screens.web.forks" in Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return False


def session_apps(server_pid: int) -> set[int]:
    """The running apps of a server's sessions: forks of its fork server (warm starts), or its
    own children (a session started afresh)."""
    apps = set()
    for child in children(server_pid):
        if _is_fork_server(child):
            apps |= children(child)
        else:
            apps.add(child)
    return apps


def fork_servers(server_pid: int) -> set[int]:
    return {child for child in children(server_pid) if _is_fork_server(child)}
