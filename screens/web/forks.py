"""Warm starts for ``okrworkshop serve``: one process imports the app once, then forks a copy of
itself for each browser session.

A session's app spends most of its start importing Python modules (Textual, the store, the
command line, the screens): on the development VM about four fifths of the CPU time to its first
screen. When ten people open the link at once on two cores, that made each wait seconds. The
fork server (this module, run as ``python -m screens.web.forks FD SERVER_PID``) does the
imports once, when ``serve`` starts; each fork begins with them done, and shares their memory
with its siblings until it writes to it.

Lifetimes: the fork server asks the kernel for SIGTERM when ``serve`` dies (Linux's
PR_SET_PDEATHSIG) and leaves when ``serve`` closes its socket; each fork asks for SIGTERM when
the fork server dies. So nothing outlives ``serve``, even when it is killed. ``serve`` holds a
pidfd for each fork: it learns when the fork ends and signals it without any risk of hitting a
recycled process id. Where this cannot work (not Linux, an old kernel) or the fork server fails,
sessions start as fresh processes, as before.

Protocol, over a SOCK_SEQPACKET socket pair, one JSON message per packet:
``serve`` -> fork server: ``{"id": N, "args": [...], "env": {...}}`` with the session's stdin,
stdout and stderr as three file descriptors; fork server -> ``serve``: ``{"ready": true}`` once,
then ``{"id": N, "pid": PID}`` with a pidfd for each fork.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import importlib
import json
import logging
import os
import pkgutil
import random
import select
import signal
import socket
import sys
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

log = logging.getLogger("okrworkshop.serve")

PACKET = 1 << 20
READY_TIMEOUT = 60.0
"""Seconds the fork server gets to import everything; a session waits for it at most this."""
SPAWN_TIMEOUT = 5.0
PR_SET_PDEATHSIG = 1
SKIPPED = ("__main__", "screens.web.serve")
"""Not imported ahead: ``python -m okrworkshop`` runs the CLI on import, and the server's own
modules (aiohttp) are no use in an app."""


def available() -> bool:
    """Whether warm starts can work here (Linux with pidfds and SEQPACKET sockets)."""
    return (
        sys.platform == "linux"
        and hasattr(os, "pidfd_open")
        and hasattr(signal, "pidfd_send_signal")
        and hasattr(socket, "SOCK_SEQPACKET")
        and hasattr(socket, "send_fds")
    )


# --- the fork server (its own process) -------------------------------------------------------


def _die_with_parent(parent: int) -> None:
    """SIGTERM when ``parent`` dies; exit now if it already has."""
    import ctypes

    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    if os.getppid() != parent:
        os._exit(1)


def _modules() -> Iterator[str]:
    """Every module of okrworkshop and screens (so a screen that moves is still preloaded)."""
    import okrworkshop
    import screens

    for package in (okrworkshop, screens):
        for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if not module.name.endswith(SKIPPED[0]) and not module.name.startswith(SKIPPED[1]):
                yield module.name
    yield "textual.drivers.web_driver"


def preload() -> None:
    for name in _modules():
        with contextlib.suppress(Exception):  # a module that cannot load is loaded by the app
            importlib.import_module(name)
    gc.collect()
    gc.freeze()  # the forks' collections then leave these objects (and their pages) alone


def serve_forks(control: socket.socket, server_pid: int) -> None:
    """Preload, say ready, then fork one app per request until ``serve`` closes the socket."""
    _die_with_parent(server_pid)
    # ctrl+c in the facilitator's terminal reaches the whole process group; serve decides.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    preload()
    wake_read, wake_write = os.pipe()
    os.set_blocking(wake_write, False)
    signal.set_wakeup_fd(wake_write)
    signal.signal(signal.SIGCHLD, lambda *_: None)  # wakes select through the pipe
    control.send(json.dumps({"ready": True}).encode())
    while True:
        ready, _, _ = select.select([control.fileno(), wake_read], [], [])
        if wake_read in ready:
            os.read(wake_read, 512)
            _reap()
        if control.fileno() in ready:
            message, fds, _, _ = socket.recv_fds(control, PACKET, 3)
            if not message:
                return  # serve is stopping (or gone): the forks get SIGTERM as we leave
            request = json.loads(message)
            me = os.getpid()
            pid = os.fork()
            if pid == 0:
                _run_app(request, fds, me, control, (wake_read, wake_write))
            for fd in fds:
                os.close(fd)
            pidfd = os.pidfd_open(pid)  # before any reaping: this pid cannot be recycled yet
            try:
                socket.send_fds(
                    control, [json.dumps({"id": request["id"], "pid": pid}).encode()], [pidfd]
                )
            finally:
                os.close(pidfd)


def _reap() -> None:
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def _run_app(
    request: dict[str, Any],
    fds: list[int],
    parent: int,
    control: socket.socket,
    pipe: tuple[int, int],
) -> None:
    """In the fork: become the session's app, as a fresh ``python -m okrworkshop`` would."""
    code: int = 1
    try:
        _die_with_parent(parent)
        signal.set_wakeup_fd(-1)
        control.close()
        for fd in pipe:
            os.close(fd)
        signal.signal(signal.SIGCHLD, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        for target, fd in enumerate(fds):
            os.dup2(fd, target)
            os.close(fd)
        os.environ.clear()
        os.environ.update(request["env"])
        sys.argv = ["okrworkshop", *request["args"]]
        random.seed()  # not the sequence every sibling inherited
        from okrworkshop.cli import main

        main(args=request["args"], prog_name="okrworkshop")
        code = 0
    except SystemExit as done:
        code = done.code if isinstance(done.code, int) else (0 if done.code is None else 1)
        if isinstance(done.code, str):
            print(done.code, file=sys.stderr)
    except BaseException:
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            with contextlib.suppress(Exception):
                stream.flush()
        os._exit(code)


# --- in serve ---------------------------------------------------------------------------------


@dataclass(eq=False)
class ForkedApp:
    """A session's app started by the fork server: what textual-serve and serve use of an
    ``asyncio.subprocess.Process`` (its pipes, ``returncode``, ``terminate``, ``kill``,
    ``wait``). ``returncode`` is 0 once it ended: the fork server reaps it, and its exit status
    is not passed on (nothing here reads it)."""

    pid: int
    pidfd: int
    stdin: asyncio.StreamWriter
    stdout: asyncio.StreamReader
    stderr: asyncio.StreamReader
    returncode: int | None = None
    ended: asyncio.Event = field(default_factory=asyncio.Event)

    def watch(self) -> None:
        asyncio.get_running_loop().add_reader(self.pidfd, self._on_exit)

    def _on_exit(self) -> None:
        asyncio.get_running_loop().remove_reader(self.pidfd)
        os.close(self.pidfd)
        self.stdin.close()  # its reading end is gone with the app
        self.returncode = 0
        self.ended.set()

    def send_signal(self, sig: int) -> None:
        if self.returncode is not None:
            raise ProcessLookupError(self.pid)
        signal.pidfd_send_signal(self.pidfd, sig)

    def terminate(self) -> None:
        self.send_signal(signal.SIGTERM)

    def kill(self) -> None:
        self.send_signal(signal.SIGKILL)

    async def wait(self) -> int:
        await self.ended.wait()
        return 0


class ForkServer:
    """serve's side: starts the fork server, asks it for apps, and stops it."""

    def __init__(self, environment: dict[str, str]) -> None:
        self.environment = environment
        """What textual-serve gives an app; Textual reads some of it once, on import."""
        self.process: asyncio.subprocess.Process | None = None
        self.control: socket.socket | None = None
        self.ready: asyncio.Future[bool] | None = None
        self.pending: dict[int, asyncio.Future[tuple[int, int]]] = {}
        self.next_id = 0

    async def start(self) -> None:
        """Start the fork server (it imports in the background; ``spawn`` waits for it)."""
        loop = asyncio.get_running_loop()
        self.ready = loop.create_future()
        ours, theirs = socket.socketpair(socket.AF_UNIX, socket.SOCK_SEQPACKET)
        try:
            self.process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "screens.web.forks",
                str(theirs.fileno()),
                str(os.getpid()),
                pass_fds=(theirs.fileno(),),
                stdin=asyncio.subprocess.DEVNULL,
                stdout=asyncio.subprocess.DEVNULL,
                stderr=asyncio.subprocess.DEVNULL,  # the facilitator's terminal stays quiet
                env=self.environment,
            )
        except OSError as error:
            ours.close()
            self._fail(f"could not start ({error})")
            return
        finally:
            theirs.close()
        ours.setblocking(False)
        self.control = ours
        loop.add_reader(ours.fileno(), self._on_message)

    async def spawn(self, args: list[str], environment: dict[str, str]) -> ForkedApp | None:
        """A forked app for one session, or None (then the caller starts a fresh process)."""
        if self.ready is None or self.control is None:
            return None
        try:
            async with asyncio.timeout(READY_TIMEOUT):
                if not await asyncio.shield(self.ready):
                    return None
        except TimeoutError:
            self._fail("took too long to start")
            return None
        control = self.control
        if control is None:
            return None
        loop = asyncio.get_running_loop()
        pipes = [os.pipe() for _ in range(3)]  # stdin, stdout, stderr, as (read, write)
        theirs = [pipes[0][0], pipes[1][1], pipes[2][1]]
        mine = [pipes[0][1], pipes[1][0], pipes[2][0]]
        self.next_id += 1
        request = self.next_id
        reply: asyncio.Future[tuple[int, int]] = loop.create_future()
        self.pending[request] = reply
        try:
            message = {"id": request, "args": args, "env": environment}
            socket.send_fds(control, [json.dumps(message).encode()], theirs)
            async with asyncio.timeout(SPAWN_TIMEOUT):
                pid, pidfd = await reply
        except (OSError, TimeoutError) as error:
            for fd in mine:
                os.close(fd)
            self._fail(f"did not start an app ({error or 'no answer'})")
            return None
        finally:
            self.pending.pop(request, None)
            for fd in theirs:
                os.close(fd)
        app = ForkedApp(
            pid,
            pidfd,
            stdin=await _writer(mine[0]),
            stdout=await _reader(mine[1]),
            stderr=await _reader(mine[2]),
        )
        app.watch()
        return app

    def _on_message(self) -> None:
        assert self.control is not None
        try:
            message, fds, _, _ = socket.recv_fds(self.control, PACKET, 1)
        except BlockingIOError:
            return
        except OSError:
            message, fds = b"", []
        if not message:
            for fd in fds:
                os.close(fd)
            self._fail("ended")
            return
        reply = json.loads(message)
        if reply.get("ready"):
            if self.ready is not None and not self.ready.done():
                self.ready.set_result(True)
            return
        waiting = self.pending.get(reply.get("id"))
        if waiting is None or waiting.done() or not fds:
            for fd in fds:
                os.close(fd)
            return
        waiting.set_result((int(reply["pid"]), fds[0]))

    def _fail(self, why: str) -> None:
        """From now on every session starts a fresh process (still correct, only slower)."""
        if self.control is not None:
            log.warning("Warm starts are off (the fork server %s); sessions start afresh.", why)
            asyncio.get_running_loop().remove_reader(self.control.fileno())
            self.control.close()
            self.control = None
        if self.ready is not None and not self.ready.done():
            self.ready.set_result(False)
        for waiting in self.pending.values():
            if not waiting.done():
                waiting.set_exception(ConnectionError("fork server gone"))

    async def close(self) -> None:
        """Close the socket: the fork server leaves (its forks, if any are left, get SIGTERM)."""
        if self.control is not None:
            asyncio.get_running_loop().remove_reader(self.control.fileno())
            self.control.close()
            self.control = None
        if self.ready is not None and not self.ready.done():
            self.ready.set_result(False)
        if self.process is not None and self.process.returncode is None:
            try:
                await asyncio.wait_for(self.process.wait(), 2)
            except TimeoutError:
                with contextlib.suppress(ProcessLookupError):
                    self.process.kill()
                await self.process.wait()


async def _reader(fd: int) -> asyncio.StreamReader:
    loop = asyncio.get_running_loop()
    reader = asyncio.StreamReader(limit=2**16)
    await loop.connect_read_pipe(
        lambda: asyncio.StreamReaderProtocol(reader), os.fdopen(fd, "rb", buffering=0)
    )
    return reader


async def _writer(fd: int) -> asyncio.StreamWriter:
    loop = asyncio.get_running_loop()
    transport, protocol = await loop.connect_write_pipe(
        asyncio.streams.FlowControlMixin, os.fdopen(fd, "wb", buffering=0)
    )
    return asyncio.StreamWriter(transport, protocol, None, loop)


if __name__ == "__main__":
    serve_forks(socket.socket(fileno=int(sys.argv[1])), int(sys.argv[2]))
