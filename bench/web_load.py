"""Load on a team's server: 20 clients at once against `kirok serve` on PostgreSQL.

    .venv/bin/python bench/web_load.py [--clients 20] [--seconds 60] [--records 10000]
                                       [--db postgresql+psycopg://…]  # else a throwaway server

Each client logs in with its own editor account and, until time is up, picks at random:
a page view (60 %), an API read (25 %) or a review (15 %, --reviews: confirm, reject, or
a correction of the victims count), each with the login cookie and anti-forgery token a
browser would send.
Prints requests per second, p50/p95/p99 latency by kind, errors (anything but the answer a
browser expects), and checks the audit trail holds one row per review the server accepted.
Exits 1 on any error or a missing audit row.
"""

from __future__ import annotations

import argparse
import asyncio
import glob
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
from sqlalchemy import func, insert, select, text

sys.path.insert(0, str(Path(__file__).parent))
from web_pages import _record_row, _report_row  # noqa: E402 - the same generated store

from kirok import accounts  # noqa: E402
from kirok.store.db import Database  # noqa: E402
from kirok.store.schema import Audit, Evidence, Record, Report  # noqa: E402

PASSWORD = "load test password"
PAGES = ["/incidents", "/incidents?province=Ryanggang", "/measures", "/records/{rid}",
         "/records/{rid}/review", "/reports", "/map", "/timeline"]
API = ["/api/records?kind=incident", "/api/records/{rid}", "/api/facets?kind=incident",
       "/api/geo?kind=incident", "/api/reports"]


def _port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def throwaway_postgres() -> Iterator[str]:
    """A PostgreSQL cluster in a temp dir, as the tests start one."""
    bins = sorted(glob.glob("/usr/lib/postgresql/*/bin"))
    if not bins:
        raise SystemExit("no PostgreSQL server here: apt-get install postgresql, or give --db")
    pg, root = Path(bins[-1]), Path(tempfile.mkdtemp(prefix="kirok-load-"))
    owner: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        owner = ["runuser", "-u", "postgres", "--"]
    port = _port()

    def run(*args: str | Path) -> None:
        subprocess.run([*owner, *map(str, args)], check=True, capture_output=True)

    run(pg / "initdb", "-D", root / "data", "-U", "kirok", "--auth=trust", "-E", "UTF8")
    options = f"-p {port} -h 127.0.0.1 -k {root} -c max_connections=200"
    run(pg / "pg_ctl", "-D", root / "data", "-l", root / "log", "-w", "-o", options, "start")
    try:
        run(pg / "createdb", "-h", "127.0.0.1", "-p", str(port), "-U", "kirok", "kirok")
        yield f"postgresql+psycopg://kirok@127.0.0.1:{port}/kirok"
    finally:
        run(pg / "pg_ctl", "-D", root / "data", "-m", "immediate", "stop")
        shutil.rmtree(root, ignore_errors=True)


def fill(url: str, records: int, clients: int) -> int:
    rng = random.Random(12)
    db = Database(url)
    reports = [_report_row(rng, i) for i in range(1, records // 5 + 1)]
    rows = [_record_row(rng, n + 1, n // 5 + 1) for n in range(records)]
    evidence = [{"record_id": r["id"], "start": 0, "end": 20, "text": "x" * 20} for r in rows]
    with db.session() as session:
        session.execute(insert(Report), reports)
        session.execute(insert(Record), rows)
        session.execute(insert(Evidence), evidence)
        if session.get_bind().dialect.name == "postgresql":  # ids were given: move sequences on
            for table in ("reports", "records", "evidence"):
                session.execute(text(
                    f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                    f"(SELECT max(id) FROM {table}))"
                ))
    for n in range(clients):
        accounts.add_user(db, f"editor{n}", "editor", PASSWORD)
    with db.session() as session:
        audit = int(session.scalar(select(func.count(Audit.id))) or 0)
    db.dispose()
    return audit


class Client:
    def __init__(self, base: str, n: int, records: int, reviews: float = 0.15) -> None:
        self.http = httpx.AsyncClient(base_url=base, headers={"origin": base}, timeout=30)
        self.name, self.records = f"editor{n}", records
        self.rng = random.Random(n)
        self.reads = 1.0 - reviews
        self.by_path: dict[str, list[float]] = defaultdict(list)

    async def login(self) -> None:
        page = (await self.http.get("/login")).text
        token = page.split('name="csrf_token" value="', 1)[1].split('"', 1)[0]
        response = await self.http.post("/login", data={
            "name": self.name, "password": PASSWORD, "csrf_token": token, "next": "/"})
        assert response.status_code == 303, response.text
        page = (await self.http.get("/reports")).text
        self.http.headers["x-kirok-token"] = page.split(
            'name="csrf_token" value="', 1)[1].split('"', 1)[0]

    async def one(self) -> tuple[str, float, bool]:
        rid = self.rng.randint(1, self.records)
        roll = self.rng.random()
        start = time.perf_counter()
        if roll < self.reads * 0.7:
            kind, expect = "page", 200
            path = self.rng.choice(PAGES)
            response = await self.http.get(path.format(rid=rid))
        elif roll < self.reads:
            kind, expect = "api", 200
            path = self.rng.choice(API)
            response = await self.http.get(path.format(rid=rid))
        else:
            kind, expect, path = "review", 303, "POST /records/{rid}/review"
            form = await self._review(rid)
            start = time.perf_counter()  # the read that filled the form is not the write
            response = await self.http.post(f"/records/{rid}/review", data=form)
        self.by_path[path].append(time.perf_counter() - start)
        return kind, time.perf_counter() - start, response.status_code == expect

    async def _review(self, rid: int) -> dict[str, object]:
        """Confirm, reject, or correct the victims count the way the form would send it."""
        roll = self.rng.random()
        if roll < 0.5:
            return {"action": "confirm"}
        if roll < 0.7:
            return {"action": "reject"}
        body = (await self.http.get(f"/api/records/{rid}")).json()
        if body["kind"] != "incident":
            return {"action": "confirm"}
        form: dict[str, object] = {
            "action": "correct", "type": body["type"], "date": body["date"] or "",
            "province": body["province"] or "", "locality": body["locality"] or "",
            "organs": body["organs"], "offenses": body["offenses"],
            "victim_groups": body["victim_groups"],
            "victims_count": str((body["victims_count"] or 0) + 1),
        }
        if body["public"]:
            form["public"] = "on"
        return form


async def run(base: str, clients: int, seconds: float, records: int, reviews: float
              ) -> dict[str, list[tuple[float, bool]]]:
    pool = [Client(base, n, records, reviews) for n in range(clients)]
    await asyncio.gather(*(c.login() for c in pool))
    results: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    deadline = time.perf_counter() + seconds

    async def loop(client: Client) -> None:
        while time.perf_counter() < deadline:
            try:
                kind, elapsed, ok = await client.one()
            except httpx.HTTPError:
                kind, elapsed, ok = "failed", 0.0, False
            results[kind].append((elapsed, ok))

    await asyncio.gather(*(loop(c) for c in pool))
    for c in pool:
        await c.http.aclose()
    by_path: dict[str, list[float]] = defaultdict(list)
    for c in pool:
        for path, times in c.by_path.items():
            by_path[path] += times
    print("slowest routes (p95):")
    slowest = sorted(by_path.items(), key=lambda kv: -_pct(kv[1], 95))[:5]
    for path, times in slowest:
        print(f"  {path:<32} n={len(times):<5} p95 {_pct(times, 95):7.1f} ms")
    return results


def _pct(values: list[float], q: float) -> float:
    if len(values) < 2:
        return values[0] * 1000 if values else 0.0
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] * 1000


def serve(url: str, port: int) -> subprocess.Popen[bytes]:
    kirok = Path(sys.executable).parent / "kirok"
    server = subprocess.Popen([str(kirok), "--db", url, "serve", "--port", str(port)],
                              stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/login", timeout=1)
            return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("kirok serve did not start within a minute")


def report(url: str, audit_before: int, results: dict[str, list[tuple[float, bool]]],
           seconds: float) -> int:
    total = sum(len(v) for v in results.values())
    errors = sum(1 for v in results.values() for _, ok in v if not ok)
    print(f"{total} requests in {seconds:.0f} s: {total / seconds:.1f} req/s, {errors} errors")
    every = [t for v in results.values() for t, _ in v]
    print(f"{'all':<8} n={total:<6} p50 {_pct(every, 50):7.1f} ms  p95 {_pct(every, 95):7.1f} ms"
          f"  p99 {_pct(every, 99):7.1f} ms")
    for kind, items in sorted(results.items()):
        times = [t for t, _ in items]
        print(f"{kind:<8} n={len(items):<6} p50 {_pct(times, 50):7.1f} ms  "
              f"p95 {_pct(times, 95):7.1f} ms  p99 {_pct(times, 99):7.1f} ms")
    writes = sum(1 for _, ok in results.get("review", []) if ok)
    db = Database(url)
    with db.session() as session:
        audit = int(session.scalar(select(func.count(Audit.id))) or 0) - audit_before
    db.dispose()
    print(f"reviews accepted: {writes}; audit rows added: {audit}")
    return 0 if errors == 0 and audit == writes else 1


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--db", help="an empty PostgreSQL (or SQLite) store to fill")
    parser.add_argument("--reviews", type=float, default=0.15, help="share of requests")
    args = parser.parse_args()
    with (throwaway_postgres() if args.db is None else _given(args.db)) as url:
        audit_before = fill(url, args.records, args.clients)
        print(f"store: {args.records:,} records on {url.split('@')[-1]}; "
              f"{args.clients} clients for {args.seconds:.0f} s")
        port = _port()
        server = serve(url, port)
        try:
            results = asyncio.run(run(f"http://127.0.0.1:{port}", args.clients, args.seconds,
                                      args.records, args.reviews))
        finally:
            server.terminate()
            server.wait(timeout=30)
        return report(url, audit_before, results, args.seconds)


@contextmanager
def _given(url: str) -> Iterator[str]:
    yield url


if __name__ == "__main__":
    sys.exit(main())
