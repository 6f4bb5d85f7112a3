"""``okrworkshop serve`` without a browser: the token, the cookie, the Origin check, the session
cap, and the settings it refuses or warns about. Each test runs its own server process."""

from __future__ import annotations

import asyncio
import os
import re
import shlex
import signal
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Callable
from http.cookies import SimpleCookie

import aiohttp
import pytest
from aiohttp import WSCloseCode
from serving import (
    Seeded,
    Served,
    children,
    fork_servers,
    free_port,
    running,
    session_apps,
    start_serve,
    start_server,
    wait_until,
)

from okrworkshop import actions
from okrworkshop.store import Store
from screens.web.serve import app_command, rejoin_args

STEP_TIMEOUT = 15
FULL = "The workshop already has 1 person connected; try again later or ask the facilitator."


async def get(url: str, **kwargs: object) -> tuple[int, str, aiohttp.ClientResponse]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(url, allow_redirects=False, **kwargs) as response,  # type: ignore[arg-type]
    ):
        return response.status, await response.text(), response


def page_status(served: Served) -> int:
    """GET / with the cookie, blocking (for ``wait_until``)."""
    request = urllib.request.Request(served.origin + "/", headers=cookie(served))
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def cookie(served: Served) -> dict[str, str]:
    return {"Cookie": f"{served.cookie_name}={served.token}"}


def session_headers(served: Served, origin: str | None = None) -> dict[str, str]:
    return {**cookie(served), "Origin": origin or served.origin}


async def test_without_the_token_nothing_is_served(serve: Callable[..., Served]) -> None:
    served = serve()
    assert served.link.startswith(f"http://127.0.0.1:{served.port}/?token=")
    for path in ("/", "/static/js/textual.js", "/static/", "/download/x", "/ws", "/nothing"):
        status, text, _ = await get(served.origin + path)
        assert status == 403, path
        assert "Ask the facilitator for the current link." in text
    status, text, _ = await get(served.origin + "/?token=not-the-token")
    assert status == 403
    wrong_cookie = {"Cookie": f"{served.cookie_name}=not-the-token"}
    status, _, _ = await get(served.origin + "/", headers=wrong_cookie)
    assert status == 403
    other_port = {"Cookie": f"okrworkshop_token_{served.port + 1}={served.token}"}
    status, _, _ = await get(served.origin + "/", headers=other_port)
    assert status == 403


async def test_the_link_sets_a_strict_cookie_and_drops_the_token(
    serve: Callable[..., Served],
) -> None:
    served = serve()
    status, _, response = await get(served.link + "&fontsize=14")
    assert status == 303
    assert response.headers["Location"] == "/?fontsize=14"
    morsel = SimpleCookie(response.headers["Set-Cookie"])[served.cookie_name]
    assert morsel.value == served.token
    assert morsel["httponly"] is True
    assert morsel["samesite"] == "Strict"
    assert morsel["path"] == "/"
    assert not morsel["secure"], "plain http on loopback: a Secure cookie would never be sent"

    status, page, response = await get(served.origin + "/", headers=cookie(served))
    assert status == 200
    assert f'data-session-websocket-url="{served.ws_url}"' in page
    assert response.headers["X-Frame-Options"] == "DENY"
    status, script, _ = await get(served.origin + "/static/js/textual.js", headers=cookie(served))
    assert status == 200
    assert "WebSocket" in script


async def test_websocket_needs_the_page_origin(serve: Callable[..., Served]) -> None:
    served = serve()
    async with aiohttp.ClientSession() as session:
        for origin in ("http://evil.example", f"http://localhost:{served.port}", "null"):
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await session.ws_connect(served.ws_url, headers=session_headers(served, origin))
            assert refused.value.status == 403, origin
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(served.ws_url, headers={"Origin": served.origin})
        assert refused.value.status == 403, "the right Origin without the cookie"

        async with session.ws_connect(served.ws_url, headers=session_headers(served)) as ws:
            assert not ws.closed


async def test_sessions_past_the_cap_get_a_clear_message(serve: Callable[..., Served]) -> None:
    served = serve("--max-sessions", "1")
    async with aiohttp.ClientSession() as session:
        first = await session.ws_connect(served.ws_url, headers=session_headers(served))
        status, text, response = await get(served.origin + "/", headers=cookie(served))
        assert (status, text.strip()) == (503, FULL)
        assert response.headers["Retry-After"]

        async with session.ws_connect(served.ws_url, headers=session_headers(served)) as second:
            message = await second.receive(timeout=10)
            assert message.type == aiohttp.WSMsgType.BINARY
            assert FULL in message.data.decode()

        await first.close()
        # The slot is given back once the session (and its app) has ended on the server's side.
        wait_until(lambda: page_status(served) == 200, 10, "the freed slot")
        async with session.ws_connect(served.ws_url, headers=session_headers(served)) as third:
            assert not third.closed


def test_binding_beyond_loopback_warns(serve: Callable[..., Served]) -> None:
    served = serve("--host", "0.0.0.0")
    assert served.stop() == 0
    warning = "".join(served.stderr)
    assert "Warning: 0.0.0.0 is not a loopback address" in warning
    assert "anyone on the network who gets the link can join" in warning
    assert "no TLS" in warning
    assert "--public-url" in warning


def test_loopback_does_not_warn_and_stops_cleanly(serve: Callable[..., Served]) -> None:
    served = serve()
    assert served.stop() == 0
    assert "".join(served.stderr) == ""
    assert "ctrl+c" in "".join(served.stdout)


def run_cli(workshop: Seeded, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "okrworkshop", "--db", str(workshop.db), "serve", *args],
        capture_output=True,
        text=True,
        timeout=30,
    )


def test_port_zero_is_refused(workshop: Seeded) -> None:
    result = run_cli(workshop, "-w", workshop.id, "--port", "0")
    assert result.returncode == 1
    assert result.stdout == ""
    assert "Port 0" in result.stderr
    assert "--port 8000" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_workshop_is_refused_before_listening(workshop: Seeded) -> None:
    port = free_port()
    result = run_cli(workshop, "-w", "nope", "--port", str(port))
    assert result.returncode == 1
    assert "No workshop 'nope'" in result.stderr
    assert result.stdout == ""


def test_a_busy_port_is_a_clear_error(workshop: Seeded) -> None:
    served = start_serve(workshop)
    try:
        result = run_cli(workshop, "-w", workshop.id, "--port", str(served.port))
    finally:
        served.stop()
    assert result.returncode == 1
    assert f"Cannot listen on 127.0.0.1:{served.port}" in result.stderr
    assert "Traceback" not in result.stderr


async def first_frame(ws: aiohttp.ClientWebSocketResponse, served: Served) -> bytes:
    """The first screen output of the session's app: proof that its process runs."""
    while True:
        message = await ws.receive(timeout=STEP_TIMEOUT)
        assert message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT), (
            f"the session ended before its app drew anything ({message}); the server said:\n"
            + "".join(served.stdout + served.stderr)
        )
        if message.type == aiohttp.WSMsgType.BINARY:
            return message.data


async def test_a_session_runs_one_app_that_ends_with_the_connection(
    serve: Callable[..., Served],
) -> None:
    served = serve()
    assert session_apps(served.process.pid) == set()
    async with aiohttp.ClientSession() as session:
        ws = await session.ws_connect(served.ws_url, headers=session_headers(served))
        await first_frame(ws, served)
        apps = session_apps(served.process.pid)
        assert len(apps) == 1
        await ws.close()
    wait_until(lambda: not session_apps(served.process.pid), 10, "the session's app to end")


async def test_stopping_the_server_ends_every_session_app(serve: Callable[..., Served]) -> None:
    served = serve()
    async with aiohttp.ClientSession() as session:
        sockets = [
            await session.ws_connect(served.ws_url, headers=session_headers(served))
            for _ in range(2)
        ]
        for ws in sockets:
            await first_frame(ws, served)
        apps = session_apps(served.process.pid) | fork_servers(served.process.pid)
        assert len(apps) == 3, "two apps and the fork server"
        served.process.terminate()  # what ctrl+c does, too (SIGINT)
        for ws in sockets:
            async with asyncio.timeout(STEP_TIMEOUT):
                async for _ in ws:  # what the app drew last, then the server's close
                    pass
            assert ws.close_code == WSCloseCode.GOING_AWAY
        assert served.stop() == 0
    assert {pid for pid in apps if running(pid)} == set()


async def test_if_the_server_dies_its_session_apps_die_too(serve: Callable[..., Served]) -> None:
    served = serve()
    async with aiohttp.ClientSession() as session:
        ws = await session.ws_connect(served.ws_url, headers=session_headers(served))
        await first_frame(ws, served)
        apps = session_apps(served.process.pid) | fork_servers(served.process.pid)
        assert len(apps) == 2, "the app and the fork server"
        served.process.kill()  # no chance to clean up
        served.process.wait()
    wait_until(lambda: not any(running(pid) for pid in apps), 10, "the orphaned apps to end")


# A server whose sessions run an app that ignores both the quit message and SIGTERM.
STUBBORN_SERVER = """
import shlex, sys
from screens.web.serve import WorkshopServer, plan
stubborn = (
    "import signal, sys, threading; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
    "print('__GANGLION__', flush=True); threading.Event().wait()"
)
server = WorkshopServer(
    "exec " + shlex.join([sys.executable, "-c", stubborn]),
    plan("127.0.0.1", int(sys.argv[1]), 5),
    title="stubborn",
    on_ready=lambda p: print("Link: " + p.link, flush=True),
)
server.grace = 0.5
server.serve()
"""


async def test_an_app_that_will_not_quit_is_killed_and_the_server_still_stops() -> None:
    port = free_port()
    served = start_server([sys.executable, "-c", STUBBORN_SERVER, str(port)], port)
    try:
        async with aiohttp.ClientSession() as session:
            ws = await session.ws_connect(served.ws_url, headers=session_headers(served))
            apps = wait_until(lambda: children(served.process.pid), 10, "the session's app")
            assert served.stop() == 0
            assert ws.closed or (await ws.receive(timeout=STEP_TIMEOUT)).type in (
                aiohttp.WSMsgType.CLOSE,
                aiohttp.WSMsgType.CLOSED,
            )
    finally:
        served.stop()
    assert {pid for pid in apps if running(pid)} == set()


async def test_behind_a_tls_proxy_the_public_url_is_the_origin(
    serve: Callable[..., Served],
) -> None:
    served = serve("--public-url", "https://okr.example.com/")
    assert served.link.startswith("https://okr.example.com/?token=")
    local = f"http://127.0.0.1:{served.port}"  # where the proxy forwards to
    status, _, response = await get(f"{local}/?token={served.token}")
    assert status == 303
    assert SimpleCookie(response.headers["Set-Cookie"])[served.cookie_name]["secure"] is True
    status, page, _ = await get(local + "/", headers=cookie(served))
    assert status == 200
    assert 'data-session-websocket-url="wss://okr.example.com/ws"' in page
    async with aiohttp.ClientSession() as session:
        with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
            await session.ws_connect(
                f"ws://127.0.0.1:{served.port}/ws", headers=session_headers(served, local)
            )
        assert refused.value.status == 403
        headers = session_headers(served, "https://okr.example.com")
        async with session.ws_connect(f"ws://127.0.0.1:{served.port}/ws", headers=headers) as ws:
            assert not ws.closed


def test_a_public_url_with_a_path_is_refused(workshop: Seeded) -> None:
    result = run_cli(workshop, "--public-url", "https://example.com/okr", "--port", "8000")
    assert result.returncode == 1
    assert "cannot have a path" in result.stderr


async def test_ctrl_c_stops_quietly(serve: Callable[..., Served]) -> None:
    """SIGINT with sessions open: the sessions end and nothing but the server's own lines is
    printed (asyncio once warned "Unknown child process pid N" for every session)."""
    served = serve()
    async with aiohttp.ClientSession() as session:
        sockets = [
            await session.ws_connect(served.ws_url, headers=session_headers(served))
            for _ in range(2)
        ]
        for ws in sockets:
            await first_frame(ws, served)
        # ctrl+c in a terminal signals the whole foreground process group, apps included
        os.killpg(os.getpgid(served.process.pid), signal.SIGINT)
        for ws in sockets:
            async with asyncio.timeout(STEP_TIMEOUT):
                async for _ in ws:
                    pass
        assert served.stop() == 0
    wait_until(lambda: served.stderr_closed, 10, "the server's stderr to close")
    assert "".join(served.stderr) == ""


BROWSER = {"Accept": "text/html,application/xhtml+xml,*/*;q=0.8"}


async def test_refusals_are_pages_for_browsers_and_one_line_for_scripts(
    serve: Callable[..., Served],
) -> None:
    served = serve("--max-sessions", "1")
    status, text, response = await get(served.origin + "/")
    assert (status, response.content_type) == (403, "text/plain")
    assert text.count("\n") == 1

    status, page, response = await get(served.origin + "/", headers=BROWSER)
    assert (status, response.content_type) == (403, "text/html")
    assert "<h1>This page needs the workshop link</h1>" in page
    assert "<script" not in page
    assert re.findall(r'(?:href|src)="([^"]*)"', page) == ["data:,"], "nothing more to load"
    assert "default-src 'self'" in response.headers["Content-Security-Policy"]
    stale = {**BROWSER, "Cookie": f"{served.cookie_name}=from-an-earlier-start"}
    status, page, _ = await get(served.origin + "/", headers=stale)
    assert status == 403
    assert "<h1>This workshop link no longer works</h1>" in page

    async with aiohttp.ClientSession() as session:
        await session.ws_connect(served.ws_url, headers=session_headers(served))
        status, page, response = await get(
            served.origin + "/", headers={**BROWSER, **cookie(served)}
        )
        assert (status, response.content_type) == (503, "text/html")
        assert "<h1>The workshop is full</h1>" in page
        assert FULL in page
        assert response.headers["Retry-After"]


def test_a_remembered_person_rejoins_only_while_on_the_list(workshop: Seeded) -> None:
    args = rejoin_args(workshop.db, workshop.id)
    assert (args("ana") or [])[-1] == "--as=Ana", "the name as stored"
    store = Store.open(workshop.db)
    store.update(workshop.id, lambda ws: actions.rename_participant(ws, "Ana", "Anna"))
    assert args("Ana") is None
    assert args("Ben\x00") is None, "a name no command line can carry"
    odd = "-Ben; rm -rf ~"
    assert args(odd) is None
    store.update(workshop.id, lambda ws: actions.add_participant(ws, odd))
    started_afresh = shlex.split(app_command(args(odd) or []))
    assert started_afresh[-1] == f"--as={odd}", "one argument, never read by a shell"


BAD_FRAMES = (
    "not json",
    "[]",
    "{}",
    '["stdin",5]',
    '["resize",{}]',
    '["stdin","\\ud800"]',  # valid JSON text for a lone surrogate, which UTF-8 cannot carry
    '["resize",{"width":"wide","height":true}]',
    '["resize",{"width":100000000,"height":24}]',
)


async def pong(ws: aiohttp.ClientWebSocketResponse, served: Served, tag: str) -> None:
    """Send a ping and wait for its pong: proof that the session still reads its frames."""
    await ws.send_str(f'["ping","{tag}"]')
    while True:
        message = await ws.receive(timeout=STEP_TIMEOUT)
        assert message.type in (aiohttp.WSMsgType.BINARY, aiohttp.WSMsgType.TEXT), (
            f"the session ended after a bad frame ({message}); the server said:\n"
            + "".join(served.stderr)
        )
        if message.type == aiohttp.WSMsgType.TEXT and message.json() == ["pong", tag]:
            return


async def test_a_malformed_frame_is_logged_once_and_the_session_goes_on(
    serve: Callable[..., Served],
) -> None:
    """Each frame the page would never send gets one line on the facilitator's console, no
    traceback, and the same app keeps running and answering."""
    served = serve()
    async with aiohttp.ClientSession() as session:
        ws = await session.ws_connect(served.ws_url, headers=session_headers(served))
        await first_frame(ws, served)
        apps = session_apps(served.process.pid)
        for number, frame in enumerate(BAD_FRAMES):
            await ws.send_str(frame)
            await pong(ws, served, str(number))
            assert session_apps(served.process.pid) == apps, frame
        await ws.send_str('["stdin","x"]')
        await pong(ws, served, "after")
        await ws.close()
    assert served.stop() == 0
    wait_until(lambda: served.stderr_closed, 10, "the server's stderr to close")
    said = "".join(served.stderr)
    assert "Traceback" not in said
    lines = said.splitlines()
    assert len(lines) == len(BAD_FRAMES), said
    assert all(line.startswith("okrworkshop serve: ") for line in lines), said
    assert all("frame" in line and "ignored" in line for line in lines), said


async def test_static_folders_are_not_listed(serve: Callable[..., Served]) -> None:
    served = serve()
    for path in ("/static/", "/static", "/static/js", "/static/js/", "/static/fonts/"):
        status, text, _ = await get(served.origin + path, headers=cookie(served))
        assert status in (403, 404), path
        assert "textual.js" not in text and "Index of" not in text, path
    status, _, _ = await get(served.origin + "/static/js/textual.js", headers=cookie(served))
    assert status == 200
