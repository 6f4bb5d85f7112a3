"""Warm starts (``screens/web/forks.py``): each session's app is a fork of one process that
imported everything when ``serve`` started; it gets the size the page asked for, and when the
fork server is gone, sessions start afresh as before. (That a killed ``serve`` takes the fork
server and every app with it is in ``test_serve_security.py``.)"""

from __future__ import annotations

import os
import re
import signal
from collections.abc import Callable
from pathlib import Path

import aiohttp
from serving import Served, children, fork_servers, running, session_apps, wait_until

STEP_TIMEOUT = 15
WHO_ARE_YOU = b"Who are you?"
CURSOR_TO = re.compile(rb"\x1b\[(\d+);(\d+)H")


def cookie_and_origin(served: Served) -> dict[str, str]:
    return {"Cookie": f"{served.cookie_name}={served.token}", "Origin": served.origin}


async def first_screen(ws: aiohttp.ClientWebSocketResponse) -> bytes:
    """Everything the app sent until its first screen ("Who are you?") was drawn."""
    drawn = b""
    while WHO_ARE_YOU not in drawn:
        message = await ws.receive(timeout=STEP_TIMEOUT)
        assert message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT), message
        if message.type == aiohttp.WSMsgType.BINARY:
            drawn += message.data
    return drawn


def parent(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1])


async def test_a_session_is_a_fork_of_the_warm_process_at_the_size_asked(
    serve: Callable[..., Served],
) -> None:
    served = serve()
    async with aiohttp.ClientSession() as session:
        url = served.ws_url + "?width=100&height=30"
        async with session.ws_connect(url, headers=cookie_and_origin(served)) as ws:
            drawn = await first_screen(ws)
            [warm] = fork_servers(served.process.pid)
            [app] = session_apps(served.process.pid)
            assert parent(app) == warm
            rows = {int(row) for row, _ in CURSOR_TO.findall(drawn)}
            columns = {int(column) for _, column in CURSOR_TO.findall(drawn)}
            assert max(rows) == 30, "the app drew 30 rows"
            assert max(columns) <= 100
    wait_until(lambda: not running(app), 10, "the app to end with its session")
    assert fork_servers(served.process.pid) == {warm}, "the fork server stays for the next"


async def test_without_the_fork_server_sessions_start_afresh(
    serve: Callable[..., Served],
) -> None:
    served = serve()
    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(served.ws_url, headers=cookie_and_origin(served)) as ws:
            await first_screen(ws)
            [warm] = fork_servers(served.process.pid)
            [forked] = children(warm)
            os.kill(warm, signal.SIGKILL)
            wait_until(lambda: not running(forked), 10, "its fork to end with it")
        async with session.ws_connect(served.ws_url, headers=cookie_and_origin(served)) as ws:
            await first_screen(ws)
            [app] = session_apps(served.process.pid)
            assert parent(app) == served.process.pid, "a fresh process, as before"
    assert served.stop() == 0
    wait_until(lambda: served.stderr_closed, 10, "the server's stderr to close")
    assert "".join(served.stderr) == (
        "okrworkshop serve: Warm starts are off (the fork server ended); sessions start afresh.\n"
    )
