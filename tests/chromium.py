"""Headless Chromium driven over the DevTools protocol (CDP): just what tests/test_serve.py needs.

Debian's chromium (/usr/bin/chromium), started with the flags this closed network allows, on a fresh
profile; the protocol is spoken over aiohttp's websocket client (aiohttp comes with textual-serve), so
no driver binary and no extra package. `Browser.screen_text()` reads what the page's terminal shows:
a script added before the page's own finds the xterm.js Terminal the page creates (textual-serve's
page keeps it private) and the test reads its buffer, the text xterm.js draws on its canvas.
"""
from __future__ import annotations

import asyncio
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

# xterm.js's public Terminal sets `this._core = …` in its constructor: a setter on Object.prototype sees it
# once, keeps the terminal in window.__terminals and gives the object its own plain property back.
FIND_TERMINAL = """
window.__terminals = [];
Object.defineProperty(Object.prototype, "_core", {
  configurable: true,
  get() { return undefined; },
  set(value) {
    Object.defineProperty(this, "_core", {value, writable: true, configurable: true, enumerable: true});
    if (typeof this.loadAddon === "function") {
      window.__terminals.push(this);
    }
  },
});
"""
SCREEN_TEXT = """(() => {
  const t = (window.__terminals || [])[0];
  if (!t) return null;
  const b = t.buffer.active, out = [];
  for (let i = 0; i < t.rows; i++) { const l = b.getLine(b.viewportY + i); out.push(l ? l.translateToString(true) : ""); }
  return out.join("\\n");
})()"""


class Browser:
    """One headless Chromium with one page; `async with Browser() as b: await b.open(url)`."""

    def __init__(self, width: int = 1280, height: int = 800):
        self.size = (width, height)
        self.profile = tempfile.mkdtemp(prefix="tracker-chromium-")
        self.proc: subprocess.Popen | None = None
        self.session: Any = None
        self.ws: Any = None
        self._id = 0

    async def __aenter__(self) -> "Browser":
        import aiohttp

        self.proc = subprocess.Popen(
            [CHROMIUM, *FLAGS, f"--user-data-dir={self.profile}", "--remote-debugging-port=0",
             f"--window-size={self.size[0]},{self.size[1]}", "about:blank"],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
        )
        port_file = Path(self.profile) / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not port_file.exists() or len(port_file.read_text().splitlines()) < 2:
            if self.proc.poll() is not None:
                raise RuntimeError(f"chromium exited: {self.proc.stderr.read().decode(errors='replace')[-2000:]}")
            if time.monotonic() > deadline:
                raise RuntimeError("chromium did not open its DevTools port in 30 s")
            await asyncio.sleep(0.05)
        port = int(port_file.read_text().splitlines()[0])
        self.session = aiohttp.ClientSession()
        async with self.session.get(f"http://127.0.0.1:{port}/json/list") as r:
            targets = await r.json(content_type=None)
        page = next(t for t in targets if t.get("type") == "page")
        self.ws = await self.session.ws_connect(page["webSocketDebuggerUrl"], max_msg_size=0)
        await self.send("Page.enable")
        await self.send("Runtime.enable")
        await self.send("Page.addScriptToEvaluateOnNewDocument", source=FIND_TERMINAL)
        return self

    async def __aexit__(self, *exc: Any) -> None:
        if self.ws is not None:
            await self.ws.close()
        if self.session is not None:
            await self.session.close()
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait()
        shutil.rmtree(self.profile, ignore_errors=True)

    async def send(self, method: str, **params: Any) -> dict:
        """One CDP command; its result (events that arrive meanwhile are skipped)."""
        self._id += 1
        my = self._id
        await self.ws.send_str(json.dumps({"id": my, "method": method, "params": params}))
        while True:
            msg = json.loads(await asyncio.wait_for(self.ws.receive_str(), 30))
            if msg.get("id") == my:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})

    async def open(self, url: str) -> None:
        await self.send("Page.navigate", url=url)

    async def evaluate(self, expression: str) -> Any:
        r = await self.send("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"{expression[:60]}: {r['exceptionDetails']}")
        return r.get("result", {}).get("value")

    async def screen_text(self) -> str:
        """The rows the page's terminal shows now ("" before it exists)."""
        return await self.evaluate(SCREEN_TEXT) or ""

    async def wait_for_text(self, *needles: str, timeout: float = 30) -> str:
        """The screen's text once it holds every needle; AssertionError with the last screen otherwise."""
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = await self.screen_text()
            if all(n in text for n in needles):
                return text
            await asyncio.sleep(0.1)
        raise AssertionError(f"not on screen after {timeout} s: {needles}\n--- screen ---\n{text}")

    async def press(self, key: str, code: str, key_code: int) -> None:
        """A key typed into the page's terminal (focused first), as a user's keyboard sends it."""
        await self.evaluate("window.__terminals[0].focus()")
        for kind in ("rawKeyDown", "keyUp"):
            await self.send("Input.dispatchKeyEvent", type=kind, key=key, code=code,
                            windowsVirtualKeyCode=key_code, nativeVirtualKeyCode=key_code)

    async def screenshot(self) -> bytes:
        import base64

        return base64.b64decode((await self.send("Page.captureScreenshot", format="png"))["data"])
