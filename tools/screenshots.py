"""Screenshots of the web app's pages for docs/screenshots/, taken in Debian's Chromium.

    KIROK_DB=/tmp/demo.db .venv/bin/kirok demo      # a store of the bundled examples
    .venv/bin/python tools/screenshots.py /tmp/demo.db

Serves the store on a free local port, visits each page at a desktop and a phone width,
and refuses to write a picture of a page that asked for anything from another host.
"""

from __future__ import annotations

import socket
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import uvicorn
from playwright.sync_api import sync_playwright

from kirok.store.db import as_url
from kirok.web.app import create_app

OUT = Path(__file__).resolve().parents[1] / "docs" / "screenshots"
PAGES = {
    "home": "/",
    "incidents": "/incidents?q=detained",
    "record": "/records/1",
    "review": "/records/1/review",
    "map": "/map",
    "timeline": "/timeline",
    "report": "/reports/1",
}
PHONE = {"home", "incidents", "record"}


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main(db: str) -> int:
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(create_app(as_url(db)), host="127.0.0.1", port=port, log_level="warning")
    )
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    OUT.mkdir(parents=True, exist_ok=True)
    foreign: list[str] = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path="/usr/bin/chromium", args=["--headless=new", "--no-sandbox"]
        )
        for width, suffix in ((1400, ""), (390, "-phone")):
            page = browser.new_page(viewport={"width": width, "height": 900})
            page.on("request", lambda r: foreign.append(r.url)
                    if urlsplit(r.url).hostname not in ("127.0.0.1", None) else None)
            for name, path in PAGES.items():
                if suffix and name not in PHONE:
                    continue
                page.goto(base + path, wait_until="networkidle")
                if name == "map":
                    page.wait_for_selector("#map[data-ready]")
                page.screenshot(path=str(OUT / f"{name}{suffix}.png"))
            page.close()
        browser.close()
    server.should_exit = True
    if foreign:
        print("requests left the machine:", *foreign, sep="\n  ", file=sys.stderr)
        return 1
    print(f"wrote {len(list(OUT.glob('*.png')))} screenshots to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
