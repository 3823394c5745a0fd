"""Headless Chromium for the browser tests: a page that records every request leaving the
machine, every console error and every dialog (Debian's Chromium, driven by Playwright)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

if TYPE_CHECKING:
    from playwright.sync_api import Dialog, Page, Request, Response

CHROMIUM = "/usr/bin/chromium"
# no sync, updates or background requests: the closed network refuses them, and a test
# fails on any request to a host other than the server
ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class Visit:
    """A browser page that records every request, console error and dialog."""

    def __init__(self, page: Page, base: str) -> None:
        self.page, self.base = page, base
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        page.on("request", self._on_request)
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        page.on("dialog", self._on_dialog)

    def _on_request(self, request: Request) -> None:
        host = urlsplit(request.url).hostname
        if request.url.startswith(("data:", "blob:", "about:")):
            return
        if host not in ("127.0.0.1", "localhost"):
            self.foreign.append(request.url)

    def _on_dialog(self, dialog: Dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def go(self, path: str) -> Response | None:
        return self.page.goto(self.base + path, wait_until="networkidle")


@contextmanager
def visiting(base: str, width: int = 1200, height: int = 900) -> Iterator[Visit]:
    """A fresh Chromium page on the server at `base`, closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser: Any = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield Visit(browser.new_page(viewport={"width": width, "height": height}), base)
        finally:
            browser.close()


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, in a thread, for a browser."""
    import threading
    import time

    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{server.servers[0].sockets[0].getsockname()[1]}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
