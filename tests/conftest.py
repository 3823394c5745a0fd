"""Shared fixtures: a temporary store, the CLI on it, report files, a local web server,
and a stand-in extractor for tests that are about plumbing rather than extraction."""

from __future__ import annotations

import glob
import gzip
import importlib.util
import os
import re
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from postgres_store import create_postgres_store, drop_postgres_store, postgres_or_skip
from typer.testing import CliRunner, Result

from kirok.cli import app
from kirok.model import Extraction, Place, Record, Span

WriteReport = Callable[..., Path]
Cli = Callable[..., Result]


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(
    request: pytest.FixtureRequest, tmp_path: Path, postgres_server: str | None
) -> Iterator[str]:
    """A new store for the CLI and the service layer, on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'kirok-test.db'}"
        return
    url = create_postgres_store(postgres_or_skip(postgres_server))
    yield url
    drop_postgres_store(url)


@pytest.fixture
def cli(db_url: str) -> Cli:
    """Run `kirok --db <temp store> ARGS…` as a user would; wide terminal so tables don't wrap."""
    runner = CliRunner(env={"COLUMNS": "200", "NO_COLOR": "1", "KIROK_DB": None})

    def invoke(*args: str, input: str | None = None) -> Result:
        return runner.invoke(app, ["--db", db_url, *args], input=input, catch_exceptions=False)

    return invoke


def _write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def write_report(tmp_path: Path) -> WriteReport:
    """write_report(name, text) → a file under tmp_path/reports (text or raw bytes)."""

    def write(name: str, text: str | bytes, folder: Path | None = None) -> Path:
        return _write(folder or tmp_path / "reports", name, text)

    return write


# ------------------------------------------------------------------ local HTTP server


@dataclass
class LocalServer:
    root: Path
    base: str

    def url(self, path: str) -> str:
        return f"{self.base}/{path.lstrip('/')}"

    def put(self, name: str, text: str | bytes) -> str:
        _write(self.root, name, text)
        return self.url(name)


def _handler(root: Path) -> type[SimpleHTTPRequestHandler]:
    class Handler(SimpleHTTPRequestHandler):
        extensions_map = {**SimpleHTTPRequestHandler.extensions_map, ".md": "text/markdown"}

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(root), **kwargs)

        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            if self.path.startswith("/redirect/"):
                self.send_response(302)
                self.send_header("Location", "/" + self.path.removeprefix("/redirect/"))
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if self.path.startswith("/slow"):
                time.sleep(1.0)
            if self.path.startswith(("/trickle/", "/gzip/")):
                self._send_special()
                return
            super().do_GET()

        def _send_special(self) -> None:
            kind, _, name = self.path.lstrip("/").partition("/")
            body = (root / name).read_bytes()
            if kind == "gzip":
                body = gzip.compress(body)
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(len(body)))
            if kind == "gzip":
                self.send_header("Content-Encoding", "gzip")
            self.end_headers()
            try:
                if kind == "gzip":
                    self.wfile.write(body)
                    return
                for byte in body:  # one byte every 50 ms, each read well within a timeout
                    self.wfile.write(bytes([byte]))
                    self.wfile.flush()
                    time.sleep(0.05)
            except OSError:
                pass  # the client gave up, as it should

        def log_message(self, format: str, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture
def http_server(tmp_path: Path) -> Iterator[LocalServer]:
    """An HTTP server on 127.0.0.1 (random port) serving tmp_path/site, stopped afterwards.
    /redirect/NAME answers 302 → /NAME; /slow… answers after a second; /trickle/NAME sends
    NAME a byte at a time; /gzip/NAME sends it gzip-compressed."""
    root = tmp_path / "site"
    root.mkdir()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(root))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield LocalServer(root, f"http://127.0.0.1:{server.server_address[1]}")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


# ------------------------------------------------------------------ stand-in extractor


def stub_extract(text: str, published: str | None = None, title: str | None = None) -> Extraction:
    """A transparent test double: every sentence saying "executed" is an execution incident
    and every one saying "banned" a prohibition, evidence pointing at the sentence itself.
    Tests about storing, listing and exporting use it so they do not depend on the real
    extractor's quality."""
    out = Extraction()
    for match in re.finditer(r"[^.\n]+[.]?", text):
        sentence = match.group(0).strip()
        if not sentence:
            continue
        start = text.index(sentence, match.start())
        span = Span(start, start + len(sentence), sentence)
        located = "Hoeryong" in sentence
        place = Place(
            province="North Hamgyong" if located else None,
            locality="Hoeryong" if located else None,
            lat=42.44 if located else None,
            lon=129.75 if located else None,
        )
        year = re.search(r"\b(19|20)\d\d\b", sentence)
        date = year.group(0) if year else (published[:7] if published else None)
        if "executed" in sentence:
            count = 5 if "Five" in sentence or "five" in sentence else None
            out.incidents.append(Record(
                kind="incident", type="execution", evidence=[span], date=date, place=place,
                organs=["social_security"], offenses=["smuggling"], victims_count=count,
                victim_groups=["women"], public="publicly" in sentence, confidence=0.9,
            ))
        if "banned" in sentence:
            out.measures.append(Record(
                kind="measure", type="prohibition", evidence=[span], date=date, place=place,
                organs=["party"], offenses=["foreign_media"], penalties=["sentencing"],
                confidence=0.8,
            ))
    return out


@pytest.fixture
def stub_extractor(monkeypatch: pytest.MonkeyPatch) -> Callable[..., Extraction]:
    """Replace the real extractor with `stub_extract` for the duration of a test."""
    import kirok.extract

    monkeypatch.setattr(kirok.extract, "extract", stub_extract)
    return stub_extract


# ------------------------------------------------------------------ PostgreSQL, for teams


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str | None]:
    """A throwaway PostgreSQL cluster on 127.0.0.1 when the machine has the server (Debian's
    `postgresql` package, which `make test` installs) and the psycopg driver; else None."""
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    if not bins or importlib.util.find_spec("psycopg") is None:
        yield None
        return
    pg = Path(bins[-1])
    # not under pytest's own temp folder: that one is private to root, and the server
    # runs as the postgres user
    root = Path(tempfile.mkdtemp(prefix="kirok-pg-"))
    as_owner: list[str] = []
    if os.geteuid() == 0:  # the server refuses to run as root
        shutil.chown(root, "postgres")
        as_owner = ["runuser", "-u", "postgres", "--"]
    data, port = root / "data", _free_port()

    def run(*args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run([*as_owner, *map(str, args)], capture_output=True, text=True)

    made = run(pg / "initdb", "-D", data, "-U", "kirok", "--auth=trust", "-E", "UTF8")
    # a throwaway cluster: no need to survive a crash, so no waiting for the disk
    options = f"-p {port} -h 127.0.0.1 -k {root} -c fsync=off -c synchronous_commit=off"
    options += " -c full_page_writes=off"
    start = run(pg / "pg_ctl", "-D", data, "-l", root / "log", "-w", "-o", options, "start")
    started = made.returncode == 0 and start.returncode == 0
    yield f"postgresql+psycopg://kirok@127.0.0.1:{port}" if started else None
    if started:
        run(pg / "pg_ctl", "-D", data, "-m", "immediate", "stop")
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def store_url(db_url: str) -> str:
    """The same store tests on the embedded default and on a team's PostgreSQL server."""
    return db_url


# ------------------------------------------------------------------ Korean reports

KOREAN_FIXTURES = Path(__file__).parent / "fixtures" / "ko"


@pytest.fixture
def korean_report() -> Callable[[str], str]:
    """korean_report(name) → the text of tests/fixtures/ko/NAME.txt (Kirok's own reports)."""

    def read(name: str) -> str:
        return (KOREAN_FIXTURES / f"{name}.txt").read_text(encoding="utf-8")

    return read
