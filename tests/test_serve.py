"""`tracker serve`: the app in a browser, as a user starts it (a subprocess) and as a browser shows it.

The browser is Debian's headless chromium driven over CDP (tests/chromium.py). One browser, one
server: it opens the page, sees the home screen with the loaded directive's number and title, presses
F1 and sees the help screen, then the server stops with the tab open. The other tests need no
browser: the start-up lines, a port in use, the guards of a server bound to this machine (another
site's page, another host name), and what a session's terminal says past --max-sessions or when the
store cannot be opened (read from the websocket the page uses).
"""
from __future__ import annotations

import asyncio
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from chromium import CHROMIUM, Browser
from conftest import DIRECTIVES, ROOT, one_line_error, store_cli

SAMPLE = DIRECTIVES / "hai-duong-2333-2022.txt"


@dataclass
class Served:
    proc: subprocess.Popen
    url: str
    lines: list[str]  # what it printed before "Ctrl+C" (stdout and stderr, in order)


def start_serve(*args: str, env: dict | None = None) -> Served:
    """`tracker serve ARGS` in its own session; returns once it says where it listens."""
    full = {k: v for k, v in os.environ.items() if k != "TRACKER_DB"} | (env or {})
    proc = subprocess.Popen([sys.executable, "-m", "tracker", "serve", *args], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=full, cwd=ROOT, start_new_session=True)
    lines: queue.Queue[str | None] = queue.Queue()

    def pump() -> None:
        for line in proc.stdout:  # type: ignore[union-attr]
            lines.put(line.rstrip("\n"))
        lines.put(None)

    threading.Thread(target=pump, daemon=True).start()
    seen: list[str] = []
    deadline = time.monotonic() + 60
    while not any("Ctrl+C" in s for s in seen):
        try:
            line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
        except queue.Empty:
            stop(proc)
            raise AssertionError(f"tracker serve said nothing of where it listens: {seen}")
        if line is None:
            proc.wait()
            raise AssertionError(f"tracker serve exited {proc.returncode}: {seen}")
        seen.append(line)
    url = next(word for s in seen for word in s.split() if word.startswith("http://") and "<" not in word)
    return Served(proc, url, seen)


def stop(proc: subprocess.Popen) -> tuple[int, bool]:
    """SIGTERM, as a service manager stops it: its exit code, and whether processes of its session (the
    browser sessions' apps) were still running 15 s later (they are killed then)."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            pass
    deadline = time.monotonic() + 5
    lingering = True
    while time.monotonic() < deadline:
        try:
            os.killpg(proc.pid, 0)
        except ProcessLookupError:
            lingering = False
            break
        time.sleep(0.1)
    if lingering:
        try:
            os.killpg(proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    return proc.wait(), lingering


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A store holding one sample directive, loaded as a user loads it."""
    db = tmp_path / "store"
    r = store_cli("load", str(SAMPLE), "--yes", db=db)
    assert r.returncode == 0, r.stderr
    return db


def chromium_or_skip() -> None:
    if not (Path(CHROMIUM).exists() and os.access(CHROMIUM, os.X_OK)):
        pytest.skip("chromium is not installed (apt-get install -y chromium; .ci/run installs it)")


def test_the_app_in_a_browser_shows_the_directives_and_answers_keys(store: Path, tmp_path: Path) -> None:
    chromium_or_skip()
    served = start_serve("--db", str(store), "--port", "0", "--as-of", "01/10/2022")
    assert served.url.startswith("http://127.0.0.1:"), served.lines
    assert not any("CẢNH BÁO" in s for s in served.lines), served.lines

    async def drive() -> None:
        async with Browser() as browser:
            await browser.open(served.url)
            try:
                home = await browser.wait_for_text("2333/UBND-VP", "triển khai Quyết định số 766", "Văn bản đã nạp",
                                                   timeout=60)
                assert "01/10/2022" in home  # the day given to serve reaches the app
                assert "Phím tắt" not in home
                await browser.press("F1", "F1", 112)
                helped = await browser.wait_for_text("Phím tắt", "Mọi phím tắt và lệnh")
                assert "triển khai Quyết định số 766" not in helped
            except AssertionError:
                (tmp_path / "screen.png").write_bytes(await browser.screenshot())
                raise
            # Stopped while the tab is open: the tab's app ends with it and the page says the session ended.
            code, lingering = stop(served.proc)
            assert code == 0 and not lingering
            for _ in range(100):
                if await browser.evaluate("document.body.classList.contains('-closed')"):
                    break
                await asyncio.sleep(0.1)
            else:
                raise AssertionError("the page does not say that the session ended")

    try:
        asyncio.run(drive())
    finally:
        stop(served.proc)


def test_bound_to_this_machine_it_refuses_other_sites(tmp_path: Path) -> None:
    """A page of another site must not open a session (its Origin), nor reach the app by a name of its own
    pointed at 127.0.0.1 (its Host); the page itself asks nothing of the internet."""
    import aiohttp

    served = start_serve("--db", str(tmp_path / "empty"), "--port", "0")
    port = int(served.url.rsplit(":", 1)[1])

    async def check() -> None:
        async with aiohttp.ClientSession() as http:
            async with http.get(served.url + "/") as r:
                page = await r.text()
                assert r.status == 200
            assert f"ws://127.0.0.1:{port}/ws" in page and "Phiên làm việc đã kết thúc" in page
            assert "googleapis" not in page and "https://" not in page
            async with http.get(served.url + "/", headers={"Host": f"attacker.example:{port}"}) as r:
                assert r.status == 403
            with pytest.raises(aiohttp.WSServerHandshakeError) as refused:
                await http.ws_connect(served.url + "/ws", origin="http://attacker.example")
            assert refused.value.status == 403

    try:
        asyncio.run(check())
    finally:
        assert stop(served.proc) == (0, False)


class Session:
    """A session opened as the page opens one (a websocket to /ws), reading what it writes to the terminal."""

    def __init__(self, ws_url: str):
        self.ws_url = ws_url
        self.text = ""
        self.closed_by_server = False

    async def __aenter__(self) -> "Session":
        import aiohttp

        self.http = aiohttp.ClientSession()
        self.ws = await self.http.ws_connect(self.ws_url + "?width=100&height=30")
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.ws.close()
        await self.http.close()

    async def read(self, *needles: str, until_closed: bool = False, timeout: float = 60) -> str:
        """What it wrote so far, once every needle is in it (or it closed, or `timeout` passed)."""
        import aiohttp

        deadline = time.monotonic() + timeout
        while (until_closed or not all(n in self.text for n in needles)) and time.monotonic() < deadline:
            try:
                msg = await self.ws.receive(timeout=max(0.1, deadline - time.monotonic()))
            except asyncio.TimeoutError:
                break
            if msg.type == aiohttp.WSMsgType.BINARY:
                self.text += msg.data.decode("utf-8", "replace")
            elif msg.type != aiohttp.WSMsgType.TEXT:
                self.closed_by_server = True
                break
        return self.text


def test_sessions_beyond_the_limit_and_a_store_gone_bad_are_said_on_the_page(tmp_path: Path) -> None:
    """No browser needed: what the page's terminal would show is read from the session's websocket."""
    db = tmp_path / "store"
    served = start_serve("--db", str(db), "--port", "0", "--max-sessions", "1")
    ws_url = served.url.replace("http://", "ws://") + "/ws"

    async def check() -> None:
        async with Session(ws_url) as first:
            assert "Văn bản đã nạp" in await first.read("Văn bản đã nạp"), first.text[-500:]  # the app's home
            async with Session(ws_url) as second:
                await second.read(until_closed=True, timeout=30)
                assert "đã mở đủ 1 phiên" in second.text and second.closed_by_server, second.text
        db.write_text("không phải thư mục")  # the store is no longer a folder when the next tab opens
        for _ in range(50):  # the first session ends once its app has quit
            async with Session(ws_url) as third:
                await third.read(until_closed=True, timeout=15)
            if "--max-sessions" not in third.text:
                break
            await asyncio.sleep(0.2)
        assert "tracker: " in third.text and str(db) in third.text and third.closed_by_server, third.text

    try:
        asyncio.run(check())
    finally:
        code, _ = stop(served.proc)
    assert code == 0


def test_beyond_this_machine_it_warns(tmp_path: Path) -> None:
    db = tmp_path / "from-the-environment"
    served = start_serve("--host", "0.0.0.0", "--port", "0", env={"TRACKER_DB": str(db)})
    try:
        warning = [s for s in served.lines if s.startswith("CẢNH BÁO")]
        assert len(warning) == 1 and "0.0.0.0" in warning[0] and "không cần đăng nhập" in warning[0], served.lines
        assert any(f"Dữ liệu: {db}." in s for s in served.lines), served.lines  # TRACKER_DB, as every command reads it
    finally:
        stop(served.proc)


def test_a_port_in_use_is_one_line(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        r = store_cli("serve", "--port", str(port), db=tmp_path / "store")
    line = one_line_error(r)
    assert f"cổng {port}" in line and "--port" in line, line


def test_the_store_is_checked_before_the_server_starts(tmp_path: Path) -> None:
    not_a_store = tmp_path / "a-file"
    not_a_store.write_text("x")
    one_line_error(store_cli("serve", "--port", "0", db=not_a_store))


def test_on_postgresql_it_names_the_login_and_hides_the_password(monkeypatch: pytest.MonkeyPatch) -> None:
    from tracker import serve

    url = "postgresql://xa_an_binh:bi-mat@db.tinh.local:5432/tracker"
    assert serve.database_login(url) == "xa_an_binh"
    assert "bi-mat" not in serve.shown_db(url) and "xa_an_binh" in serve.shown_db(url)
    monkeypatch.setenv("PGUSER", "chu_tich")
    assert serve.database_login("postgresql:///tracker?host=/run/postgresql") == "chu_tich"
    assert not serve.is_postgres("/srv/tracker") and serve.is_postgres("postgres://h/db")
