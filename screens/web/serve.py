"""``okrworkshop serve``: participants join the workshop from a web browser.

textual-serve does the hard part (one ``okrworkshop join`` process per browser tab, bridged to an
xterm.js page over a websocket) but has no access control at all: anyone who can reach the port
gets a process. This module adds what it lacks:

- a secret token, handed out in the printed link like Jupyter does. A correct ``?token=`` sets an
  HttpOnly, SameSite=Strict cookie and redirects to the same URL without the token; without the
  cookie (or token) no page, static file, download or websocket is served;
- on the websocket, the ``Origin`` header must equal the served origin exactly;
- a cap on concurrent sessions, with a clear message instead of another process past it;
- a clean stop on SIGINT/SIGTERM: sessions are closed (their apps asked to quit), and any child
  process still running afterwards is terminated, then killed. If the server itself dies, the
  kernel sends each app SIGTERM (Linux), so no session outlives it;
- an app that ends (quit, crash, failed start) ends its browser session too;
- a websocket frame the page would never send (not JSON, a wrong shape, keys that are not
  valid Unicode, a size out of range) is logged in one line and skipped: the session goes on;
  no directory under ``/static/`` is listed;
- a page of its own (``page/``): a viewport for phones, a font served from here (the page
  asks no other host for anything, which a Content-Security-Policy enforces), the keyboard in
  the terminal once the app draws, the product, team and cycle as the tab's title, and a plain
  message when the session ends; refusals (no link, a restarted server, a full workshop) are
  pages in the same style for browsers and one line of text for anything else;
- a reload continues as the same person: the participant app says who joined (see
  ``screens/web/served.py``), and the server keeps that name against a random per-browser cookie
  for as long as it runs, so nothing a browser sends can name someone else.

It builds on textual-serve's private ``Server._make_app`` and mirrors its ``handle_websocket``,
which is why pyproject pins ``textual-serve>=1.1.3,<1.2``.
"""

from __future__ import annotations

import asyncio
import contextlib
import ipaddress
import json
import logging
import os
import re
import secrets
import shlex
import signal
import socket
import sys
from asyncio.subprocess import Process
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Protocol

import aiohttp_jinja2
import jinja2
from aiohttp import WSCloseCode, WSMsgType, web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int
from yarl import URL

from okrworkshop import rules
from okrworkshop.errors import Refused
from okrworkshop.store import Store
from screens.web import forks
from screens.web.forks import ForkServer
from screens.web.served import JOINED

log = logging.getLogger("okrworkshop.serve")

FORBIDDEN = (
    "Forbidden: this address opens only from the workshop link, which carries its access token "
    "(a new one each time the server starts). Ask the facilitator for the current link.\n"
)
FOREIGN_ORIGIN = (
    "Forbidden: this connection did not come from the workshop page ({origin}). Open the "
    "workshop link exactly as the facilitator sent it.\n"
)
PAGE_DIR = Path(__file__).with_name("page")
"""The page's template, script and style (textual-serve's own page links Google Fonts)."""
FONT_FILE = "fonts/RobotoMono-VariableFont_wght.ttf"
"""In textual-serve's static folder: the font its terminal asks for first, served from here."""
PAGE_SCRIPT = "/okrworkshop/page.js"
CONTENT_SECURITY_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
"""Only this server, for everything (textual.js and xterm.js add inline styles)."""
BROWSER_ID = re.compile(r"[A-Za-z0-9_-]{43}")
"""What ``secrets.token_urlsafe(32)`` gives: the only browser cookie values we keep."""
QUIT_GRACE = 3.0
"""Seconds a session's app gets to quit when asked, then to end on SIGTERM, before SIGKILL."""
MAX_CELLS = 2000
"""The widest (and tallest) terminal a session may ask for, in cells."""
BAD_FRAMES_LOGGED = 10
"""Bad frames logged per session; past it, one more line says the rest go unlogged."""


class ServeError(Exception):
    """A setting that cannot work, explained in one sentence for the person who typed it."""


@dataclass(frozen=True)
class Plan:
    """Where the server listens and the address people open; checked before anything starts."""

    host: str
    port: int
    public_url: str
    """scheme://host[:port] as people's browsers see it (no path, no trailing slash)."""
    origin: str
    """What a browser sends as ``Origin`` from the page at ``public_url``."""
    token: str
    max_sessions: int
    warnings: tuple[str, ...]

    @property
    def link(self) -> str:
        return f"{self.public_url}/?token={self.token}"

    @property
    def cookie_name(self) -> str:
        # Browsers keep cookies per host, not per host and port: name it with the port so two
        # servers on one machine do not overwrite each other's cookie.
        return f"okrworkshop_token_{self.port}"

    @property
    def browser_cookie_name(self) -> str:
        """The random id of one browser, against which the server keeps who joined there."""
        return f"okrworkshop_browser_{self.port}"

    @property
    def secure(self) -> bool:
        return self.public_url.startswith("https:")


def is_loopback(host: str) -> bool:
    """True when every address ``host`` names is a loopback address (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        pass
    try:
        infos = socket.getaddrinfo(host, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(i[4][0]).is_loopback for i in infos)


def _url_host(host: str) -> str:
    return f"[{host}]" if ":" in host else host


def plan(
    host: str,
    port: int,
    max_sessions: int,
    *,
    public_url: str | None = None,
    token: str | None = None,
) -> Plan:
    """Check the settings and work out the link, the origin and the warnings to print."""
    if port == 0:
        raise ServeError(
            "Port 0 (any free port) cannot be used: the page embeds the websocket address, port "
            "included, before the server knows it. Choose a port, e.g. --port 8000."
        )
    if not 0 < port < 65536:
        raise ServeError(f"Port {port} is not a TCP port; choose one from 1 to 65535.")
    if max_sessions < 1:
        raise ServeError("--max-sessions must be at least 1.")
    warnings: list[str] = []
    wildcard = host in ("0.0.0.0", "::", "")
    if public_url is None:
        shown = socket.gethostname() if wildcard else host
        public_url = f"http://{_url_host(shown)}:{port}"
        if wildcard:
            warnings.append(
                f"Listening on every network interface; the link uses this machine's name "
                f"({shown}). People must open exactly that address: if they reach this machine "
                f"by another name or IP, restart with --public-url http://THAT-NAME:{port}."
            )
    url = URL(public_url)
    if url.scheme not in ("http", "https") or not url.host:
        raise ServeError(
            f"--public-url must look like https://okr.example.com or http://HOST:PORT; "
            f"got {public_url!r}."
        )
    if url.path not in ("", "/") or url.query_string or url.fragment:
        raise ServeError(
            f"--public-url cannot have a path or query ({public_url!r}): serve the workshop at "
            f"the root of its own host name or port."
        )
    origin = str(url.origin())
    if not is_loopback(host):
        warnings.insert(
            0,
            f"{host} is not a loopback address: anyone on the network who gets the link can "
            f"join, and the connection is not encrypted (no TLS), so the token and every word "
            f"typed cross the network in the clear. Prefer the default --host 127.0.0.1 with SSH "
            f"port forwarding, or a TLS reverse proxy in front (see the README).",
        )
    return Plan(
        host=host,
        port=port,
        public_url=origin,
        origin=origin,
        token=token or secrets.token_urlsafe(32),
        max_sessions=max_sessions,
        warnings=tuple(warnings),
    )


# Run first in each session's process, then replaced by the app (execv keeps the pid). On Linux
# it asks the kernel to send SIGTERM when the server dies, even by SIGKILL or a crash: Textual's
# web driver does not exit when its input closes, so the app would otherwise live on, orphaned.
# If the server is already gone (it died before this ran), it does not start the app at all.
_DIE_WITH_SERVER = """
import os, signal, sys
try:
    import ctypes
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
except (OSError, AttributeError):
    pass  # not Linux: a clean stop still ends every app
if os.getppid() != int(sys.argv[1]):
    sys.exit("okrworkshop serve is gone")
os.execv(sys.argv[2], sys.argv[2:])
"""


def join_args(db_path: Path, workshop_id: str, person: str | None = None) -> list[str]:
    """``okrworkshop`` arguments for one session's app (``--as`` when its person is known)."""
    who = [] if person is None else [f"--as={person}"]
    return ["--db", str(db_path.resolve()), "join", "-w", workshop_id, *who]


def app_command(args: list[str], server_pid: int | None = None) -> str:
    """The shell command that starts ``okrworkshop ARGS`` afresh for a session.

    textual-serve runs it through ``/bin/sh -c`` with the inherited PATH, so it names this very
    interpreter (and ``join_args`` an absolute database path); ``exec`` makes the app the
    shell's own process (a child of the server), so signals sent to it reach the app.
    """
    pid = os.getpid() if server_pid is None else server_pid
    guard = [sys.executable, "-c", _DIE_WITH_SERVER, str(pid)]
    return "exec " + shlex.join([*guard, sys.executable, "-m", "okrworkshop", *args])


def join_command(
    db_path: Path, workshop_id: str, server_pid: int | None = None, *, person: str | None = None
) -> str:
    """The shell command that starts one session's ``okrworkshop join`` afresh."""
    return app_command(join_args(db_path, workshop_id, person), server_pid)


def rejoin_args(db_path: Path, workshop_id: str) -> Callable[[str], list[str] | None]:
    """``args(person)``: the app's arguments to continue as ``person``, or None when that name
    can no longer join (removed or renamed since, or a name no command line can carry)."""

    def args(person: str) -> list[str] | None:
        if "\x00" in person:
            return None
        try:
            ws = Store.open(db_path, create=False).get(workshop_id)
        except Refused:
            return None
        name = rules.find_participant(ws, person)
        return None if name is None else join_args(db_path, workshop_id, name)

    return args


def full_message(count: int) -> str:
    people = "1 person" if count == 1 else f"{count} people"
    return f"The workshop already has {people} connected; try again later or ask the facilitator.\n"


def _same(given: str, secret: str) -> bool:
    return secrets.compare_digest(given.encode("utf-8"), secret.encode("utf-8"))


def _is_websocket(request: web.Request) -> bool:
    return request.path == "/ws" or request.headers.get("Upgrade", "").lower() == "websocket"


def _add_page_headers(response: web.StreamResponse) -> None:
    response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")


def _quiet_reaping(record: logging.LogRecord) -> bool:
    """Drop asyncio's "Unknown child process pid N, will report returncode 255".

    When ctrl+c stops the server shortly after sessions ended, asyncio's child watcher can find
    an app's exit status already collected and says so on stderr. We end every app ourselves
    and never read that status, so the line only alarms the facilitator at the terminal.
    """
    return not record.getMessage().startswith("Unknown child process pid")


@dataclass(frozen=True)
class Frame:
    """One message from the page's terminal, checked: what textual.js sends, and nothing else."""

    kind: str
    """stdin, resize, ping, blur or focus."""
    data: bytes = b""
    """stdin: the keys, UTF-8."""
    size: tuple[int, int] = (0, 0)
    """resize: (width, height) in cells."""
    tag: str = ""
    """ping: what the pong sends back."""


def read_frame(text: str) -> Frame | str:
    """The frame in a websocket text message, or why it is not one (a short phrase for the log).

    The page sends ``["stdin", keys]``, ``["resize", {"width": W, "height": H}]``,
    ``["ping", tag]``, ``["blur"]`` and ``["focus"]``; anything else came from elsewhere.
    """
    try:
        envelope = json.loads(text)
    except ValueError:
        return "not JSON"
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        return "not a list that starts with its kind"
    kind, rest = envelope[0], envelope[1:]
    if kind in ("blur", "focus"):
        return Frame(kind)
    if kind == "stdin" and len(rest) == 1 and isinstance(rest[0], str):
        try:
            return Frame(kind, data=rest[0].encode("utf-8"))
        except UnicodeEncodeError:
            return "stdin that is not valid Unicode"
    if kind == "ping" and len(rest) == 1 and isinstance(rest[0], str) and len(rest[0]) <= 64:
        return Frame(kind, tag=rest[0])
    if kind == "resize" and len(rest) == 1 and isinstance(rest[0], dict):
        width, height = rest[0].get("width"), rest[0].get("height")
        if _cells(width) and _cells(height):
            return Frame(kind, size=(width, height))  # type: ignore[arg-type]  # checked
        return "resize without a width and height in cells"
    if kind in ("stdin", "ping", "resize"):
        return f"{kind} with data of the wrong shape"
    return "of an unknown kind"


def _cells(value: object) -> bool:
    return type(value) is int and 1 <= value <= MAX_CELLS


def _describe(text: str) -> str:
    """The start of a frame, printable and short, for the log line."""
    shown = ascii(text[:40])
    return shown + ("..." if len(text) > 40 else "")


class AppProcess(Protocol):
    """What serve uses of a session's process: asyncio's, or a warm-started fork's."""

    @property
    def returncode(self) -> int | None: ...

    def terminate(self) -> None: ...

    def kill(self) -> None: ...

    async def wait(self) -> int: ...


class _TrackedAppService(AppService):
    """textual-serve's AppService, keeping its process so that a stop can make sure it ended,
    and passing on who joined (``on_joined``) and whether the app ended by itself."""

    process: AppProcess | None = None
    args: list[str] | None = None
    """okrworkshop's arguments, to start the app warm; None: run ``command`` afresh."""
    forks: ForkServer | None = None
    on_joined: Callable[[str], None] | None = None
    """Called with the person's name once the app knows who they are."""
    on_left: Callable[[], None] | None = None
    """Called when the app ends before the server asked it to: the person quit (ctrl+q), or
    the app failed. Called as soon as the app says so, before the browser sees the end."""
    asked_to_stop = False
    ended_by_itself = False

    async def _open_app_process(self, width: int = 80, height: int = 24) -> Process:
        environment = self._build_environment(width, height)
        if self.forks is not None and self.args is not None:
            forked = await self.forks.spawn(self.args, environment)
            if forked is not None:
                self.process = forked
                self._process = forked  # type: ignore[assignment]  # the parts AppService uses
                self._stdin = forked.stdin
                return forked  # type: ignore[return-value]
        process = await super()._open_app_process(width, height)
        self.process = process
        return process

    @classmethod
    def environment(cls, debug: bool) -> dict[str, str]:
        """What textual-serve gives every app (its size aside), for the fork server."""
        probe = cls.__new__(cls)
        probe.debug = debug
        return probe._build_environment()

    async def stop(self) -> None:
        self.asked_to_stop = True
        await super().stop()

    def _ending(self) -> None:
        if not self.asked_to_stop and not self.ended_by_itself:
            self.ended_by_itself = True
            if self.on_left is not None:
                self.on_left()

    async def run(self) -> None:
        await super().run()
        self._ending()
        # The app is gone (it quit, crashed or never started): end the browser's session too,
        # so the page says the session ended instead of staying blank (textual-serve leaves the
        # websocket open).
        await self.remote_close()

    async def on_meta(self, data: bytes) -> None:
        try:
            meta = json.loads(data)
        except ValueError:
            meta = None
        if isinstance(meta, dict) and meta.get("type") == "exit":
            self._ending()  # said before the process ends, and before textual-serve closes the page
        if isinstance(meta, dict) and meta.get("type") == JOINED:
            person = meta.get("person")
            if isinstance(person, str) and self.on_joined is not None:
                self.on_joined(person)
            return
        await super().on_meta(data)


async def _end_process(process: AppProcess, grace: float) -> None:
    """SIGTERM, then SIGKILL after ``grace`` seconds; returns once the process is reaped."""
    if process.returncode is None:
        with contextlib.suppress(ProcessLookupError):
            process.terminate()
        try:
            await asyncio.wait_for(process.wait(), grace)
        except TimeoutError:
            with contextlib.suppress(ProcessLookupError):
                process.kill()
    await process.wait()


class WorkshopServer(Server):
    """textual-serve's Server with a token, an Origin check, a session cap, a page of its own,
    a memory of who joined in which browser, and a clean stop."""

    def __init__(
        self,
        command: str,
        plan: Plan,
        *,
        title: str,
        on_ready: Callable[[Plan], None] | None = None,
        app_args: list[str] | None = None,
        rejoin: Callable[[str], list[str] | None] | None = None,
        warm: bool = False,
    ) -> None:
        super().__init__(
            command,
            host=plan.host,
            port=plan.port,
            title=title,
            public_url=plan.public_url,
            templates_path=PAGE_DIR,
        )
        self.plan = plan
        self.on_ready = on_ready
        self.app_args = app_args
        """okrworkshop's arguments for a session's app; None: every session runs ``command``."""
        self.rejoin = rejoin
        """``rejoin(person)``: the app's arguments to continue as ``person``, or None."""
        self.warm = warm and app_args is not None and forks.available()
        self.forks: ForkServer | None = None
        self.people: dict[str, str] = {}
        """Browser id (its cookie) -> the person who joined there, for the life of the server."""
        self.sessions: set[web.WebSocketResponse] = set()
        """Live sessions: a slot is taken before the app starts and given back when it ends."""
        self.turned_away: set[web.WebSocketResponse] = set()
        self.apps: set[_TrackedAppService] = set()
        self.grace = QUIT_GRACE
        self.stopping = False

    # --- what textual-serve builds, plus our guard and page -------------------------------------

    async def _make_app(self) -> web.Application:
        # textual-serve's application (1.1.x), less its directory listings under /static/.
        app = web.Application()
        aiohttp_jinja2.setup(app, loader=jinja2.FileSystemLoader(self.templates_path))
        app.add_routes(
            [
                web.get("/", self.handle_index, name="index"),
                web.get("/ws", self.handle_websocket, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, show_index=False, name="static"),
            ]
        )
        app.on_startup.append(self.on_startup)
        app.on_shutdown.append(self.on_shutdown)
        app.router.add_get(PAGE_SCRIPT, self.handle_page_script)
        app.middlewares.append(self.guard)
        app.on_shutdown.append(self.close_sessions)
        app.on_cleanup.append(self.end_processes)
        app.on_cleanup.append(self.close_forks)
        return app

    def initialize_logging(self) -> None:
        logging.getLogger("asyncio").addFilter(_quiet_reaping)
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("okrworkshop serve: %(message)s"))
        for name in ("textual-serve", "okrworkshop.serve"):
            logger = logging.getLogger(name)
            logger.addHandler(handler)
            logger.setLevel(logging.WARNING)
            logger.propagate = False

    async def on_startup(self, app: web.Application) -> None:
        """Start the fork server (see ``forks``); textual-serve printed a banner here."""
        if self.warm:
            self.forks = ForkServer(_TrackedAppService.environment(self.debug))
            await self.forks.start()

    async def close_forks(self, app: web.Application) -> None:
        if self.forks is not None:
            await self.forks.close()

    async def handle_index(self, request: web.Request) -> web.StreamResponse:
        """The terminal page: textual-serve's terminal, in our template (see ``page/``)."""
        static = f"{self.public_url}/static/"
        scheme = "wss" if self.public_url.startswith("https:") else "ws"
        context = {
            "page_title": self.title,
            "font_size": min(max(to_int(request.query.get("fontsize", "16"), 16), 8), 48),
            "app_websocket_url": f"{scheme}:{self.public_url.split(':', 1)[1]}/ws",
            "config": {"static": {"url": static}},
            "font_url": static + FONT_FILE,
            "page_script_url": self.public_url + PAGE_SCRIPT,
        }
        response = aiohttp_jinja2.render_template("page.html", request, context)
        response.headers["Cache-Control"] = "no-store"
        if self._browser_id(request) is None:
            self._set_cookie(response, self.plan.browser_cookie_name, secrets.token_urlsafe(32))
        return response

    async def handle_page_script(self, request: web.Request) -> web.StreamResponse:
        return web.FileResponse(PAGE_DIR / "page.js", headers={"Cache-Control": "no-cache"})

    @web.middleware
    async def guard(
        self, request: web.Request, handler: Callable[[web.Request], Awaitable[web.StreamResponse]]
    ) -> web.StreamResponse:
        plan = self.plan
        given = request.query.get("token")
        if given is not None:
            if not _same(given, plan.token):
                return self._forbidden(request, stale=True)
            if not _is_websocket(request):
                # Set the cookie, then drop the token from the address bar (and from history,
                # bookmarks and the Referer of anything the page loads).
                target = request.rel_url.without_query_params("token")
                redirect = web.Response(
                    status=303,
                    headers={
                        "Location": str(target),
                        "Referrer-Policy": "no-referrer",
                        "Cache-Control": "no-store",
                    },
                )
                self._set_cookie(redirect, plan.cookie_name, plan.token)
                return redirect
        else:
            held = request.cookies.get(plan.cookie_name)
            if held is None or not _same(held, plan.token):
                return self._forbidden(request, stale=held is not None)
        if _is_websocket(request) and request.headers.get("Origin") != plan.origin:
            return web.Response(status=403, text=FOREIGN_ORIGIN.format(origin=plan.origin))
        if request.path == "/" and len(self.sessions) >= plan.max_sessions:
            return self._refuse(
                request,
                503,
                full_message(len(self.sessions)),
                "The workshop is full",
                [full_message(len(self.sessions)).strip(), "Nothing of yours was lost."],
                headers={"Retry-After": "60"},
            )
        response = await handler(request)
        if not response.prepared:
            _add_page_headers(response)
        return response

    def _forbidden(self, request: web.Request, *, stale: bool) -> web.StreamResponse:
        """No valid token or cookie. ``stale``: the browser had one (a restarted server)."""
        if stale:
            heading = "This workshop link no longer works"
            paragraphs = [
                "The workshop server hands out a new link each time it starts, and this one is "
                "from an earlier start (or was changed on the way).",
                "Anything you added before is saved. Ask the facilitator for the current link.",
            ]
        else:
            heading = "This page needs the workshop link"
            paragraphs = [
                "The workshop opens only from the link the facilitator sends: it carries a "
                "secret key, new each time the workshop server starts.",
                "Ask the facilitator for the current link, and open it exactly as it was sent.",
            ]
        return self._refuse(request, 403, FORBIDDEN, heading, paragraphs)

    def _refuse(
        self,
        request: web.Request,
        status: int,
        text: str,
        heading: str,
        paragraphs: list[str],
        headers: dict[str, str] | None = None,
    ) -> web.StreamResponse:
        """A refusal: a page in the workshop's style for a browser, ``text`` for anything else.

        The page is self-contained (its style inline, no script): a visitor without the cookie
        may load nothing else from this server.
        """
        if _is_websocket(request) or "text/html" not in request.headers.get("Accept", ""):
            return web.Response(status=status, text=text, headers=headers)
        context = {"heading": heading, "paragraphs": paragraphs}
        response = aiohttp_jinja2.render_template("message.html", request, context, status=status)
        response.headers.update(headers or {})
        response.headers["Cache-Control"] = "no-store"
        _add_page_headers(response)
        return response

    def _browser_id(self, request: web.Request) -> str | None:
        value = request.cookies.get(self.plan.browser_cookie_name, "")
        return value if BROWSER_ID.fullmatch(value) else None

    def _set_cookie(self, response: web.StreamResponse, name: str, value: str) -> None:
        response.set_cookie(
            name, value, path="/", httponly=True, samesite="Strict", secure=self.plan.secure
        )

    # --- sessions -------------------------------------------------------------------------------

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One browser tab: textual-serve's handler, with a slot taken for as long as it runs."""
        if len(self.sessions) >= self.plan.max_sessions:
            return await self._turn_away(request)
        websocket = web.WebSocketResponse(heartbeat=15)
        self.sessions.add(websocket)  # no await since the check: the slot is ours
        try:
            await self._run_session(request, websocket)
        finally:
            self.sessions.discard(websocket)
        return websocket

    async def _run_session(self, request: web.Request, websocket: web.WebSocketResponse) -> None:
        # Mirrors textual_serve.server.Server.handle_websocket (1.1.x), but the app is tracked
        # and ended for sure (textual-serve waits forever for an app that does not quit).
        width = min(max(to_int(request.query.get("width", "80"), 80), 1), MAX_CELLS)
        height = min(max(to_int(request.query.get("height", "24"), 24), 1), MAX_CELLS)
        browser = self._browser_id(request)
        app_service: _TrackedAppService | None = None
        try:
            await websocket.prepare(request)
            args = await self._args_for(browser)
            app_service = _TrackedAppService(
                self.command if args is None else app_command(args),
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,  # type: ignore[arg-type]  # returns a bool, unused
                download_manager=self.download_manager,
                debug=self.debug,
            )
            app_service.args = args
            app_service.forks = self.forks
            if browser is not None:
                app_service.on_joined = partial(self.people.__setitem__, browser)
                # They quit (ctrl+q), or the app failed: the next visit asks who they are.
                app_service.on_left = partial(self._forget, browser)
            self.apps.add(app_service)
            await app_service.start(width, height)
            await self._process_messages(websocket, app_service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.exception(error)
        finally:
            if app_service is not None:
                await self._end_app(app_service)

    async def _process_messages(  # type: ignore[override]  # ours: a _TrackedAppService
        self, websocket: web.WebSocketResponse, app_service: _TrackedAppService
    ) -> None:
        """The browser's frames to the app, as textual-serve does, but a frame the page would
        never send is logged in one line and skipped: the session goes on."""
        bad = 0
        async for message in websocket:
            if message.type != WSMsgType.TEXT:
                continue
            frame = read_frame(message.data)
            if isinstance(frame, str):
                bad += 1
                if bad <= BAD_FRAMES_LOGGED:
                    log.warning(
                        "A browser sent a frame %s (%s); ignored.", frame, _describe(message.data)
                    )
                if bad == BAD_FRAMES_LOGGED:
                    log.warning("Further bad frames from that browser are ignored unlogged.")
                continue
            if frame.kind == "stdin":
                await app_service.send_bytes(frame.data)
            elif frame.kind == "resize":
                await app_service.set_terminal_size(*frame.size)
            elif frame.kind == "ping":
                await websocket.send_json(["pong", frame.tag])
            elif frame.kind == "blur":
                await app_service.blur()
            elif frame.kind == "focus":
                await app_service.focus()

    def _forget(self, browser: str) -> None:
        self.people.pop(browser, None)

    async def _args_for(self, browser: str | None) -> list[str] | None:
        """``join --as NAME`` for a browser whose person the server knows, else plain ``join``
        (None when the server runs a command of its own)."""
        if browser is None or self.rejoin is None or browser not in self.people:
            return self.app_args
        args = await asyncio.to_thread(self.rejoin, self.people[browser])  # reads the file
        if args is None:
            self._forget(browser)
            return self.app_args
        return args

    async def _end_app(self, app_service: _TrackedAppService) -> None:
        """Ask the app to quit (as textual-serve does); if it has not within the grace, end it."""
        try:
            await asyncio.wait_for(app_service.stop(), self.grace)
        except TimeoutError:
            log.warning("A session's app did not quit when asked; ending it.")
        if app_service.process is not None:
            await _end_process(app_service.process, self.grace)
        self.apps.discard(app_service)

    async def _turn_away(self, request: web.Request) -> web.WebSocketResponse:
        """Past the cap: say so on the page's terminal instead of starting another app.

        The socket stays open (up to ten minutes) so the message stays readable: when it closes,
        the page covers the terminal with its own "Session ended" dialog.
        """
        websocket = web.WebSocketResponse(heartbeat=15)
        self.turned_away.add(websocket)
        try:
            await websocket.prepare(request)
            text = full_message(len(self.sessions)).replace("\n", "\r\n")
            await websocket.send_bytes(b"\x1b[2J\x1b[H\r\n  " + text.encode("utf-8"))
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(600):
                    async for _ in websocket:
                        pass
            await websocket.close(code=WSCloseCode.TRY_AGAIN_LATER, message=b"workshop is full")
        finally:
            self.turned_away.discard(websocket)
        return websocket

    async def close_sessions(self, app: web.Application) -> None:
        """On stop: close every browser connection; each session then asks its app to quit."""
        sockets = [*self.sessions, *self.turned_away]
        await asyncio.gather(
            *(ws.close(code=WSCloseCode.GOING_AWAY, message=b"server stopped") for ws in sockets),
            return_exceptions=True,
        )

    async def end_processes(self, app: web.Application) -> None:
        """The last word, after every handler ended or timed out: no app outlives the server."""
        processes = [a.process for a in self.apps if a.process is not None]
        await asyncio.gather(*(_end_process(p, 0.5) for p in processes))

    # --- running --------------------------------------------------------------------------------

    def serve(self, debug: bool = False) -> None:
        """Run until SIGINT (ctrl+c) or SIGTERM, then stop cleanly (see the module docstring)."""
        self.debug = debug
        self.initialize_logging()
        loop = asyncio.new_event_loop()
        asyncio.set_event_loop(loop)
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self.request_exit)
        web.run_app(
            self._make_app(),
            host=self.plan.host,
            port=self.plan.port,
            handle_signals=False,
            loop=loop,
            access_log=None,  # request lines would carry the token
            shutdown_timeout=2 * self.grace + 1,
            print=self._ready,
        )

    def request_exit(self) -> None:
        """The first ctrl+c or SIGTERM stops the server; later ones are ignored, so that the
        stop (a few seconds at most) still closes every session and ends every app."""
        if self.stopping:
            return
        self.stopping = True
        super().request_exit()

    def _ready(self, *_: object) -> None:
        """aiohttp calls its ``print`` once every site listens: the moment to hand out the link."""
        if self.on_ready is not None:
            self.on_ready(self.plan)


def serve(
    db_path: Path,
    workshop_id: str,
    host: str,
    port: int,
    max_sessions: int,
    token: str | None = None,
    *,
    public_url: str | None = None,
    title: str = "okrworkshop",
    on_ready: Callable[[Plan], None] | None = None,
    warn: Callable[[str], None] | None = None,
) -> None:
    """Serve ``okrworkshop join -w WORKSHOP_ID`` on ``db_path`` to browsers until stopped.

    Raises ServeError for settings that cannot work (before anything listens). ``warn`` gets each
    warning (default: stderr); ``on_ready`` gets the plan, link included, once the port listens.
    """
    the_plan = plan(host, port, max_sessions, public_url=public_url, token=token)
    for message in the_plan.warnings:
        (warn or _to_stderr)(message)
    server = WorkshopServer(
        join_command(db_path, workshop_id),
        the_plan,
        title=title,
        on_ready=on_ready,
        app_args=join_args(db_path, workshop_id),
        rejoin=rejoin_args(db_path, workshop_id),
        warm=True,
    )
    try:
        server.serve()
    except OSError as exc:
        raise ServeError(f"Cannot listen on {host}:{port}: {exc.strerror or exc}.") from exc


def _to_stderr(message: str) -> None:
    print(f"Warning: {message}", file=sys.stderr, flush=True)
