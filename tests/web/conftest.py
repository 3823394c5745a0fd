"""Fixtures for the web app: a small store of hand-written reports, a TestClient on it,
the vendor assets, and a live uvicorn server for the browser tests."""

from __future__ import annotations

import shutil
import subprocess
import warnings
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi import FastAPI
from starlette.exceptions import StarletteDeprecationWarning

with warnings.catch_warnings():
    # Starlette asks for httpx2 when only httpx is installed; the client works the same.
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

from browser import serving
from postgres_store import create_postgres_store, drop_postgres_store, postgres_or_skip
from web_store import Store, fill

from kirok.store import queries
from kirok.store.db import Database
from kirok.web.app import create_app
from kirok.web.common import assets_missing
from kirok.web.guard import TOKEN_HEADER

ROOT = Path(__file__).resolve().parents[2]


STORES = ["sqlite", "postgresql"]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Every web test on both stores; browser tests (slow, and about the page rather than
    the store) on SQLite only."""
    if "store" in metafunc.fixturenames:
        browser = metafunc.definition.get_closest_marker("browser") is not None
        metafunc.parametrize("store", STORES[:1] if browser else STORES, indirect=True)


@pytest.fixture
def store(
    request: pytest.FixtureRequest, tmp_path: Path, postgres_server: str | None
) -> Iterator[Store]:
    """The small store of hand-written reports, fresh for each test, on SQLite and on
    PostgreSQL (a store of its own on the session's server)."""
    sqlite = getattr(request, "param", "sqlite") == "sqlite"
    if sqlite:
        url = f"sqlite:///{tmp_path / 'web.db'}"
    else:
        url = create_postgres_store(postgres_or_skip(postgres_server))
    db = Database(url)
    ids = fill(db)
    yield Store(url, db, ids)
    db.dispose()
    if not sqlite:
        drop_postgres_store(url)


@pytest.fixture
def app(store: Store) -> Iterator[FastAPI]:
    application = create_app(store.url)
    yield application
    application.state.db.dispose()


BASE = "http://localhost"


@pytest.fixture
def bare_client(app: FastAPI) -> Iterator[TestClient]:
    """A client as a foreign page would be: no Origin, no session, no token."""
    with TestClient(app, base_url=BASE) as test_client:
        yield test_client


@pytest.fixture
def client(app: FastAPI) -> Iterator[TestClient]:
    """A client as Kirok's own pages: same Origin, and the session's anti-forgery token."""
    with TestClient(app, base_url=BASE, headers={"origin": BASE}) as test_client:
        test_client.headers[TOKEN_HEADER] = form_token(test_client)
        yield test_client


def form_token(client: TestClient) -> str:
    """The anti-forgery token a page hands this client's session in its forms."""
    page = client.get("/reports").text
    return page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]


RecordOf = Callable[..., int]


@pytest.fixture
def record_of(store: Store) -> RecordOf:
    """The id of the first record of a kind in one of the fixture's reports."""

    def find(report: str, kind: str = "incident") -> int:
        with store.db.session() as session:
            report_row = queries.get_report(session, store.ids[report])
            return next(r.id for r in report_row.records if r.kind == kind)

    return find


@pytest.fixture(scope="session")
def assets() -> None:
    """The vendor JS/CSS/map files, fetched once with the project's own script."""
    if not assets_missing():
        return
    if shutil.which("npm") is None:
        pytest.skip("npm is not installed, so web assets cannot be fetched (apt-get install npm)")
    subprocess.run(["bash", str(ROOT / "scripts" / "fetch_assets.sh")], check=True, timeout=300)
    assert not assets_missing()


@pytest.fixture
def live_server(app: FastAPI, assets: None) -> Iterator[str]:
    with serving(app) as base:
        yield base
