"""The public edition protects people: walking every page, API route, map layer and export
of it (`kirok serve --public`, `kirok publish`, `kirok export --public`) finds no restricted
record, no report text outside the evidence quotes, no victim's or source's name and no
reviewer, and only records a reviewer confirmed or corrected."""

from __future__ import annotations

import hashlib
import html
import json
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from starlette.exceptions import StarletteDeprecationWarning
from typer.testing import CliRunner

from kirok.cli import app as cli_app
from kirok.model import Extraction, Place, Record, ReportText, Span
from kirok.store import queries
from kirok.store.db import Database
from kirok.store.restrict import set_restricted
from kirok.web.public import create_public_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

OPEN = (
    "Border town trial. A court in Musan sentenced a woman surnamed Pak Ok-sun to five years "
    "in a labour camp in April 2024 for carrying a phone from China. The source, a trader "
    "named Ri Chol-ho, spoke to us by phone from across the river."
)
SECRET = (
    "Quiet arrests in Hyesan. Agents detained three drivers at the Hyesan station in March "
    "2024 for moving smuggled cloth. Only one relative was willing to describe the night."
)
MIXED = (
    "Lectures and a raid. Officials banned private tutoring in Chongjin schools in May 2024. "
    "Police searched a flat in Chongjin on 17 May 2024 and detained two students for "
    "watching foreign films. Neighbours heard shouting until dawn."
)
NAMES = ("Pak Ok-sun", "Ri Chol-ho", "Reviewer Hana", "Editor Min")


def _read(text: str, url: str) -> ReportText:
    return ReportText(
        text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), format="txt",
        title=text.split(".")[0], outlet="Border Letters", url=url, source="/home/ana/x.txt",
        published="2024-06-01", published_from="option",
    )


def _record(text: str, phrase: str, kind: str, type_: str, date: str, place: str) -> Record:
    start = text.index(phrase)
    return Record(
        kind=kind, type=type_, evidence=[Span(start, start + len(phrase), phrase)], date=date,
        place=Place("North Hamgyong", place, 42.0, 129.0), organs=["court"],
        offenses=["illegal_phone"], victims_count=1, confidence=0.8,
    )


@pytest.fixture
def team_store(tmp_path: Path) -> Iterator[tuple[str, dict[str, int]]]:
    url = f"sqlite:///{tmp_path / 'team.db'}"
    db = Database(url)
    ids: dict[str, int] = {}
    with db.session() as session:
        reports = {
            "open": (OPEN, [_record(OPEN, "sentenced a woman surnamed Pak Ok-sun to five years",
                                    "incident", "sentencing", "2024-04", "Musan")]),
            "secret": (SECRET, [_record(SECRET, "detained three drivers at the Hyesan station",
                                        "incident", "detention", "2024-03", "Hyesan")]),
            "mixed": (MIXED, [
                _record(MIXED, "banned private tutoring in Chongjin schools", "measure",
                        "prohibition", "2024-05", "Chongjin"),
                _record(MIXED, "detained two students for watching foreign films", "incident",
                        "detention", "2024-05-17", "Chongjin"),
                _record(MIXED, "Police searched a flat in Chongjin", "incident", "search",
                        "2024-05-17", "Chongjin"),
            ]),
        }
        for name, (text, records) in reports.items():
            extraction = Extraction([r for r in records if r.kind == "incident"],
                                    [r for r in records if r.kind == "measure"])
            report = queries.add_report(session, _read(text, f"https://example.org/{name}"),
                                        extraction, "t")
            ids[name] = report.id
            phrases = [r.evidence[0].text for r in records]
            for row in report.records:
                ids[f"{name}{phrases.index(row.evidence[0].text)}"] = row.id
    with db.session() as session:
        queries.review_record(session, ids["open0"], "Reviewer Hana", "confirm")
        queries.review_record(session, ids["secret0"], "Reviewer Hana", "confirm")
        set_restricted(session, "report", ids["secret"], True, "Editor Min")
        queries.review_record(session, ids["mixed0"], "Editor Min", "correct",
                              {"offenses": ["foreign_media"]})
        queries.review_record(session, ids["mixed1"], "Editor Min", "confirm")
        set_restricted(session, "record", ids["mixed1"], True, "Editor Min")
        queries.review_record(session, ids["mixed2"], "Reviewer Hana", "confirm")
    db.dispose()
    yield url, ids


def _routes(routes: list[Any]) -> Iterator[Any]:
    for route in routes:
        inner = getattr(route, "original_router", None)
        yield from _routes(inner.routes) if inner is not None else [route]


def _walk_app(url: str, ids: dict[str, int], coarsen: bool) -> dict[str, str]:
    """Every GET route of the public app, each id of the store (and one past) filled in."""
    application = create_public_app(url, coarsen)
    every_id = range(1, max(ids.values()) + 2)
    seen: dict[str, str] = {}
    with TestClient(application, base_url="http://localhost") as client:
        for route in _routes(application.routes):
            if "GET" not in (getattr(route, "methods", None) or ()):
                continue
            path = str(route.path)
            fills = [path]
            if "{record_id}" in path:
                fills = [path.replace("{record_id}", str(i)) for i in every_id]
            if "{fmt}" in path:
                fills = [path.replace("{fmt}", f) for f in ("json", "csv", "geojson", "txt")]
            for filled in fills:
                response = client.get(filled)
                assert response.status_code in (200, 404), filled
                seen[filled] = response.text
        assert client.post("/api/records").status_code == 405
    return seen


def _walk_outputs(url: str, ids: dict[str, int], tmp_path: Path, coarsen: bool) -> dict[str, str]:
    seen = {f"serve:{k}": v for k, v in _walk_app(url, ids, coarsen).items()}
    runner = CliRunner(env={"KIROK_DB": None})
    extra = ["--coarsen"] if coarsen else []
    site = tmp_path / ("site-c" if coarsen else "site")
    result = runner.invoke(cli_app, ["--db", url, "publish", "-o", str(site), *extra])
    assert result.exit_code == 0, result.output
    for path in site.rglob("*"):
        if path.is_file():
            seen[f"publish:{path.relative_to(site)}"] = path.read_text(encoding="utf-8")
    for fmt in ("csv", "json", "geojson"):
        out = runner.invoke(cli_app, ["--db", url, "export", "--public", "--format", fmt, *extra])
        assert out.exit_code == 0, out.output
        seen[f"export:{fmt}"] = out.output
    return seen


def _fragments_outside_quotes(text: str, quotes: list[str]) -> list[str]:
    """The report's text with the published quotes cut out, in pieces long enough to mean
    something (the words between two quotes, a sentence without its quote)."""
    for quote in quotes:
        text = text.replace(quote, "\n")
    pieces = [p.strip(" .,") for line in text.split("\n") for p in line.split(". ")]
    return [p for p in pieces if len(p) >= 12]


def _appears(needle: str, haystack: str) -> bool:
    forms = {needle, html.escape(needle), json.dumps(needle)[1:-1]}
    return any(form in haystack for form in forms)


@pytest.mark.parametrize("coarsen", [False, True])
def test_no_page_api_route_or_export_of_the_public_edition_leaks(
    team_store: tuple[str, dict[str, int]], tmp_path: Path, coarsen: bool
) -> None:
    url, ids = team_store
    seen = _walk_outputs(url, ids, tmp_path, coarsen)
    assert len(seen) > 20
    everything = "\n".join(seen.values())
    published_quotes = [
        "sentenced a woman surnamed [name withheld] to five years",
        "banned private tutoring in Chongjin schools",
        "Police searched a flat in Chongjin",
    ]
    for quote in published_quotes:
        assert _appears(quote, everything), quote
    leaks = []
    for where, body in seen.items():
        for name in NAMES:
            if _appears(name, body):
                leaks.append((where, name))
        for restricted in (SECRET[:20], "detained three drivers", "detained two students"):
            if _appears(restricted, body):
                leaks.append((where, restricted))
        for text in (OPEN, SECRET, MIXED):
            for fragment in _fragments_outside_quotes(text, published_quotes):
                if _appears(fragment, body):
                    leaks.append((where, fragment))
        for private in ("/home/ana", "Reviewer", "confidence", "extractor_version"):
            if private in body:
                leaks.append((where, private))
    assert leaks == []
    for hidden in (ids["secret0"], ids["mixed1"]):
        assert "no published record" in seen[f"serve:/api/records/{hidden}"]
        assert f"publish:records/{hidden}.html" not in seen
    published = json.loads(seen["export:json"])
    assert sorted(i["id"] for i in published) == sorted([ids["open0"], ids["mixed0"],
                                                          ids["mixed2"]])
    search = next(i for i in published if i["id"] == ids["mixed2"])
    assert search["date"] == ("2024-05" if coarsen else "2024-05-17")
    assert ("2024-05-17" in everything) is not coarsen


def test_publish_refuses_a_folder_that_is_not_an_edition(
    team_store: tuple[str, dict[str, int]], tmp_path: Path
) -> None:
    url, _ = team_store
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.txt").write_text("keep me", encoding="utf-8")
    result = CliRunner(env={"KIROK_DB": None}).invoke(
        cli_app, ["--db", url, "publish", "-o", str(folder)]
    )
    assert result.exit_code == 1 and "not a Kirok edition" in result.output
    assert (folder / "notes.txt").is_file()


def test_a_record_restricted_after_publishing_leaves_the_next_edition(
    team_store: tuple[str, dict[str, int]], tmp_path: Path
) -> None:
    url, ids = team_store
    runner = CliRunner(env={"KIROK_DB": None})
    site = tmp_path / "site"
    runner.invoke(cli_app, ["--db", url, "publish", "-o", str(site)])
    assert (site / "records" / f"{ids['open0']}.html").is_file()
    restricted = runner.invoke(cli_app, ["--db", url, "restrict", "record", str(ids["open0"])])
    assert restricted.exit_code == 0 and "now restricted" in restricted.output
    runner.invoke(cli_app, ["--db", url, "publish", "-o", str(site)])
    assert not (site / "records" / f"{ids['open0']}.html").exists()
    assert "Musan" not in (site / "data" / "records.csv").read_text(encoding="utf-8")
