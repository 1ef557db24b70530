"""`tracker serve`: the same Textual app in a browser, through textual-serve.

Each browser tab that opens the page starts its own app process
(`python -m tracker.serve_app`) on the server's store; the page draws its
terminal with xterm.js. What this module adds to textual-serve's Server:

- the listening socket is bound here, first, so a port in use is one line, not
  a traceback from inside aiohttp (and `--port 0` takes a free port);
- a Vietnamese page that asks nothing of the internet (textual-serve's page
  fetches a web font from a public host; ours uses the font it ships);
- the page builds its websocket address from the address the browser used, so
  it works behind any host name, not only the one the server was bound to;
- bound to the loopback, only requests addressed to the loopback are answered,
  and a websocket opened by a page of another site is refused: a web page the
  clerk visits cannot drive her app (cross-site websocket, DNS rebinding).

The store: `--db` (or TRACKER_DB) reaches every app process through TRACKER_DB
in the environment, not the command line, so a PostgreSQL URL's password is not
on show in the process list. On PostgreSQL every browser session works as the
database login of that URL (or PGUSER): one `tracker serve` per login.
"""
from __future__ import annotations

import asyncio
import errno
import getpass
import ipaddress
import logging
import os
import shlex
import socket
import sys
from dataclasses import dataclass
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from tracker.errors import TrackerError
from tracker.serve_defaults import DEFAULT_HOST, DEFAULT_MAX_SESSIONS, DEFAULT_PORT  # noqa: F401 (the server's own too)

TITLE = "tracker — theo dõi thực hiện văn bản chỉ đạo"
_LOOPBACK_NAMES = {"localhost", "localhost.localdomain", "ip6-localhost"}


@dataclass(frozen=True)
class Listening:
    """Where the server listens, as bound (the port the system chose for `--port 0`)."""

    host: str
    port: int
    loopback: bool

    @property
    def url(self) -> str:
        host = "127.0.0.1" if self.host in ("", "0.0.0.0") else "[::1]" if self.host == "::" else self.host
        if ":" in host and not host.startswith("["):
            host = f"[{host}]"
        return f"http://{host}:{self.port}"


def is_postgres(db: str | None) -> bool:
    return bool(db) and db.split(":", 1)[0].lower() in ("postgresql", "postgres")


def database_login(db: str) -> str:
    """The login a PostgreSQL URL connects as: its user, else PGUSER, else the OS user (as libpq decides)."""
    user = urlsplit(db).username
    return user or os.environ.get("PGUSER") or getpass.getuser()


def shown_db(db: str | None) -> str:
    """The store as the start-up line names it: a URL without its password."""
    if db is None:
        from tracker.store import default_path

        return str(default_path())
    if not is_postgres(db):
        return db
    parts = urlsplit(db)
    if parts.password is None:
        return db
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return parts._replace(netloc=netloc).geturl()


def host_name(host_header: str) -> str:
    """The name in a Host header, without its port: "127.0.0.1:8000" → "127.0.0.1", "[::1]:80" → "::1"."""
    h = host_header.strip().lower()
    if h.startswith("["):
        return h[1:h.find("]")] if "]" in h else h[1:]
    return h.rsplit(":", 1)[0] if h.count(":") == 1 else h


def is_loopback_literal(name: str) -> bool:
    """`name` says this machine by itself: "localhost" or a loopback address (no DNS asked)."""
    name = name.strip("[]").lower()
    if name in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def is_loopback(host: str) -> bool:
    """Whether `host` (a name or an address, as given to --host) is this machine only."""
    name = host.strip("[]").lower()
    if is_loopback_literal(name):
        return True
    try:
        infos = socket.getaddrinfo(name, None)
    except OSError:
        return False
    return bool(infos) and all(ipaddress.ip_address(i[4][0].split("%")[0]).is_loopback for i in infos)


def bind(host: str, port: int) -> tuple[socket.socket, Listening]:
    """A socket listening on host:port, or a TrackerError saying in one line why not."""
    try:
        infos = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    except socket.gaierror:
        raise TrackerError(f"--host {host}: không tìm thấy địa chỉ này trên máy (dùng 127.0.0.1, hoặc 0.0.0.0 để mở cho cả mạng)")
    family, kind, proto, _, address = infos[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # a port left in TIME_WAIT is free; one in use is not
        if family == socket.AF_INET6:
            sock.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        where = f"{host}:{port}"
        if exc.errno == errno.EADDRINUSE:
            raise TrackerError(f"cổng {port} trên {host} đang có chương trình khác dùng: chọn cổng khác với --port "
                               f"(hoặc --port 0 để máy tự chọn một cổng trống)")
        if exc.errno == errno.EACCES:
            raise TrackerError(f"không được phép mở cổng {port} (cổng dưới 1024 cần quyền quản trị): chọn cổng khác với --port")
        if exc.errno == errno.EADDRNOTAVAIL:
            raise TrackerError(f"--host {host}: máy này không có địa chỉ đó (dùng 127.0.0.1, hoặc 0.0.0.0 để mở cho cả mạng)")
        raise TrackerError(f"không mở được {where}: {exc.strerror or exc}")
    sock.setblocking(False)
    bound = sock.getsockname()
    return sock, Listening(host=host, port=bound[1], loopback=is_loopback(host))


def app_command(as_of: date | None) -> str:
    """The shell command textual-serve runs for each browser session (the store comes in TRACKER_DB)."""
    argv = [sys.executable, "-m", "tracker.serve_app"]
    if as_of is not None:
        argv += ["--as-of", as_of.isoformat()]
    return shlex.join(argv)


def make_server(listening: Listening, command: str, max_sessions: int = DEFAULT_MAX_SESSIONS) -> Any:
    """A textual-serve Server for `command`, with the checks and the page described above."""
    from aiohttp import web
    from textual_serve.server import Server

    sessions: set[Any] = set()  # the running websocket handlers, one per browser tab

    class TrackerServer(Server):
        def initialize_logging(self) -> None:
            # textual-serve's own log (English, for developers) only when something goes wrong.
            handler = logging.StreamHandler(sys.stderr)
            handler.setFormatter(logging.Formatter("textual-serve: %(message)s"))
            log = logging.getLogger("textual-serve")
            log.addHandler(handler)
            log.setLevel(logging.DEBUG if self.debug else logging.WARNING)
            log.propagate = False

        async def _make_app(self) -> web.Application:
            app = web.Application(middlewares=[self.check_host] if listening.loopback else [])
            app.add_routes([
                web.get("/", self.handle_page, name="index"),
                web.get("/ws", self.handle_websocket_checked, name="websocket"),
                web.get("/download/{key}", self.handle_download, name="download"),
                web.static("/static", self.statics_path, name="static"),
            ])
            app.on_startup.append(self.on_startup)
            app.on_shutdown.append(self.on_shutdown)
            return app

        @web.middleware
        async def check_host(self, request: web.Request, handler: Any) -> web.StreamResponse:
            # Bound to the loopback: a request naming another host is a page of another site that
            # pointed its own name at 127.0.0.1 (DNS rebinding) — it must not reach the app.
            name = host_name(request.host or "")
            if not (is_loopback_literal(name) or name == listening.host.lower()):
                return web.Response(status=403, text="Chỉ mở được từ chính máy này (địa chỉ 127.0.0.1 hoặc localhost).")
            return await handler(request)

        async def handle_websocket_checked(self, request: web.Request) -> web.StreamResponse:
            origin = request.headers.get("Origin")
            if origin is not None and urlsplit(origin).netloc.lower() != (request.host or "").lower():
                return web.Response(status=403, text="Trang của trang web khác không được mở phiên làm việc.")
            if len(sessions) >= max_sessions:
                # Each tab is an app process (a few hundred MB on a province's store): say so on the page.
                ws = web.WebSocketResponse()
                await ws.prepare(request)
                await ws.send_bytes(f"\r\n  tracker serve: đã mở đủ {max_sessions} phiên (--max-sessions): đóng bớt "
                                    "một thẻ trình duyệt rồi mở lại trang này.\r\n".encode("utf-8"))
                await ws.close()
                return ws
            task = asyncio.current_task()
            sessions.add(task)
            try:
                return await self.handle_websocket(request)
            finally:
                sessions.discard(task)

        async def on_shutdown(self, app: web.Application) -> None:
            # aiohttp would wait for each open websocket to end by itself; textual-serve's handler, cancelled,
            # closes it and tells its app process to quit.
            for task in list(sessions):
                task.cancel()
            await asyncio.gather(*sessions, return_exceptions=True)

        async def handle_page(self, request: web.Request) -> web.Response:
            secure = request.secure or request.headers.get("X-Forwarded-Proto", "").lower() == "https"
            font_size = max(8, min(40, _to_int(request.query.get("fontsize", ""), 16)))
            from tracker.serve_page import render

            html = render(
                ws_url=f"{'wss' if secure else 'ws'}://{request.host}/ws",
                static_url="/static/",
                font_size=font_size,
                title=TITLE,
            )
            return web.Response(text=html, content_type="text/html", charset="utf-8")

        async def on_startup(self, app: web.Application) -> None:
            pass  # the start-up lines are printed by tracker.cli.serve_cmd, in Vietnamese

    server = TrackerServer(command, host=listening.host, port=listening.port, title=TITLE)
    return server


def _to_int(text: str, default: int) -> int:
    try:
        return int(text)
    except ValueError:
        return default


def run(server: Any, sock: socket.socket) -> None:
    """Serve on `sock` until Ctrl+C or SIGTERM; every app process is stopped on the way out."""
    import signal

    from aiohttp import web

    server.initialize_logging()
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    for sig in (signal.SIGINT, signal.SIGTERM):
        try:
            loop.add_signal_handler(sig, server.request_exit)
        except (NotImplementedError, RuntimeError):
            pass
    web.run_app(server._make_app(), sock=sock, handle_signals=False, loop=loop, print=lambda *a: None)
