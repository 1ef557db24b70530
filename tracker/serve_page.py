"""The page `tracker serve` sends to a browser: Vietnamese, and nothing fetched from the internet.

textual-serve's own page fetches a web font from a public host and speaks English; this one declares
the monospace font textual-serve ships (it has Vietnamese letters) and waits for it before the terminal
measures its cells. textual.js (textual-serve's) draws the terminal in `#terminal`, adds `-first-byte` to
the body when the app first draws and `-closed` when the session ends.
"""
from __future__ import annotations

import html
from string import Template

_PAGE = Template('''<!DOCTYPE html>
<html lang="vi">
  <head>
    <meta charset="utf-8" />
    <title>${title}</title>
    <link rel="stylesheet" href="${static_url}css/xterm.css" />
    <script src="${static_url}js/textual.js"></script>
    <style>
      /* The monospace font textual-serve ships (it has Vietnamese letters): no request leaves the office. */
      @font-face {
        font-family: "Roboto Mono";
        src: url("${static_url}fonts/RobotoMono-VariableFont_wght.ttf") format("truetype");
        font-weight: 100 700;
      }
      html, body { margin: 0; height: 100%; background: #0c181f; }
      .textual-terminal { width: 100vw; height: 100vh; opacity: 0; transition: opacity 0.3s ease-out; }
      body.-first-byte .textual-terminal { opacity: 1; }
      .dialog {
        position: absolute; inset: 0; display: flex; align-items: center; justify-content: center; z-index: 10;
        font-family: "Roboto Mono", monospace; color: rgba(255, 255, 255, 0.95);
      }
      .dialog .box { background: #12232d; padding: 32px 48px; text-align: center; font-size: 16px; }
      body.-first-byte .intro, .closed { display: none; }
      body.-closed .closed { display: flex; }
      button {
        padding: 12px 32px; margin-top: 16px; background: #5e0ba7; color: white; border: none;
        font-family: inherit; font-size: 16px; cursor: pointer;
      }
      button:hover { background: #ac5af4; }
    </style>
    <script>
      // Wait for the font before textual.js measures the cells, so the columns line up.
      const startTerminal = window.onload;
      window.onload = async (event) => {
        try { await document.fonts.load('${font_size}px "Roboto Mono"'); } catch (e) {}
        startTerminal(event);
      };
      function restart() { window.location.reload(); }
    </script>
  </head>
  <body>
    <div class="dialog intro"><div class="box">${title}<br />Đang mở chương trình…</div></div>
    <div class="dialog closed">
      <div class="box">
        Phiên làm việc đã kết thúc.<br />
        <button type="button" onclick="restart()">Mở lại</button>
      </div>
    </div>
    <div id="terminal" class="textual-terminal" data-session-websocket-url="${ws_url}"
         data-font-size="${font_size}"></div>
  </body>
</html>
''')


def render(*, title: str, ws_url: str, static_url: str, font_size: int) -> str:
    """The page, its values escaped for HTML."""
    values = {"title": title, "ws_url": ws_url, "static_url": static_url, "font_size": str(int(font_size))}
    return _PAGE.substitute({k: html.escape(v, quote=True) for k, v in values.items()})
