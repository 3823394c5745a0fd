"""The public edition: what a team may publish, and nothing else.

Only records a reviewer confirmed or corrected, neither restricted themselves nor from a
restricted report. Every item is built here from an allow-list of fields — never by
dropping fields from the team's view — so a column added to the store later stays out
until someone adds it here on purpose. Evidence quotes pass through `redact_names`; the
report contributes its outlet, link and date but no text, no title (a headline is report
text too) and no file path; reviewers, audit trails and confidence scores stay behind.
With `coarsen`, a day date at a named locality is published as its month: in a small
place the day can be enough to identify the people involved.

`kirok export --public`, `kirok publish` and `kirok serve --public` all read through
`public_items`, so the three cannot disagree about what is public.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import contains_eager, selectinload

from kirok.errors import KirokError
from kirok.privacy import redact_names
from kirok.store.db import Database
from kirok.store.schema import Record, Report

PUBLISHED_STATUSES = ("confirmed", "corrected")
DATA_FILES = {"records.json": "json", "records.csv": "csv", "records.geojson": "geojson"}
PAGE = 500


@dataclass(frozen=True)
class Options:
    coarsen: bool = False  # day dates at a named locality become months


def _date(record: Record, options: Options) -> str | None:
    if options.coarsen and record.locality and record.date and len(record.date) == 10:
        return record.date[:7]
    return record.date


def _http(url: str | None) -> str | None:
    from kirok.web.highlight import safe_url

    return safe_url(url)


def public_item(record: Record, options: Options) -> dict[str, Any]:
    """One record as the public edition shows it (the same shape as an export's item, so
    the CSV and GeoJSON writers serve both)."""
    report = record.report
    date = _date(record, options)
    out: dict[str, Any] = {
        "id": record.id,
        "kind": record.kind,
        "type": record.type,
        "date": date,
        "date_precision": {4: "year", 7: "month", 10: "day"}.get(len(date or "")),
        "place": {
            "province": record.province,
            "locality": record.locality,
            "lat": record.lat,
            "lon": record.lon,
            "precision": record.geo_precision,
        },
        "offenses": list(record.offenses),
    }
    if record.kind == "incident":
        out["perpetrators"] = list(record.organs)
        out["victims"] = {"count": record.victims_count, "groups": list(record.victim_groups)}
        out["public"] = bool(record.public)
    else:
        out["issuers"] = list(record.organs)
        out["penalties"] = list(record.penalties)
    out["evidence"] = [{"text": redact_names(e.text)} for e in record.evidence]
    out["status"] = record.status
    out["report"] = {
        # a URL's slug may name the person ("…/kim-chol-su-executed")
        "url": _http(redact_names(report.url) if report.url else None),
        "outlet": report.outlet,
        "published": report.published,
    }
    return out


def public_items(db: Database, options: Options | None = None) -> Iterator[dict[str, Any]]:
    """Every publishable record, oldest id first, page by page."""
    options = options or Options()
    last = 0
    while True:
        with db.session() as session:
            stmt = (
                select(Record)
                .join(Record.report)
                .where(
                    Record.status.in_(PUBLISHED_STATUSES),
                    Record.restricted.is_(False),
                    Report.restricted.is_(False),
                    Record.id > last,
                )
                .options(contains_eager(Record.report), selectinload(Record.evidence))
                .order_by(Record.id)
                .limit(PAGE)
            )
            rows = list(session.scalars(stmt))
            items = [public_item(r, options) for r in rows]
        yield from items
        if len(rows) < PAGE:
            return
        last = rows[-1].id


def public_item_by_id(db: Database, record_id: int, options: Options) -> dict[str, Any] | None:
    with db.session() as session:
        record = session.get(Record, record_id)
        if (
            record is None
            or record.status not in PUBLISHED_STATUSES
            or record.restricted
            or record.report.restricted
        ):
            return None
        return public_item(record, options)


def render(name: str, **context: Any) -> str:
    from kirok.web.common import templates

    return templates.env.get_template(name).render(**context)


def index_page(items: list[dict[str, Any]]) -> str:
    return render("public_index.html", items=items, data_files=list(DATA_FILES))


def record_page(item: dict[str, Any]) -> str:
    return render("public_record.html", item=item)


def data_file(items: list[dict[str, Any]], fmt: str) -> str:
    import io

    from kirok.export import write_items

    out = io.StringIO()
    write_items(iter(items), fmt, out)
    return out.getvalue()


def publish(db: Database, folder: Path, options: Options | None = None) -> int:
    """Write the static site and its data files into `folder`; returns records published.
    The folder is written afresh, so a record restricted since the last run disappears."""
    items = list(public_items(db, options))
    if folder.exists() and any(folder.iterdir()) and not (folder / "index.html").is_file():
        raise KirokError(
            f"{folder} holds files that are not a Kirok edition: give an empty or new folder"
        )
    try:
        if folder.exists():
            shutil.rmtree(folder)
        (folder / "records").mkdir(parents=True)
        (folder / "data").mkdir()
        (folder / "index.html").write_text(index_page(items), encoding="utf-8")
        for item in items:
            page = folder / "records" / f"{item['id']}.html"
            page.write_text(record_page(item), encoding="utf-8")
        for name, fmt in DATA_FILES.items():
            (folder / "data" / name).write_text(data_file(items, fmt), encoding="utf-8")
        css = Path(__file__).parent / "web" / "static" / "public.css"
        shutil.copyfile(css, folder / "style.css")
        (folder / "data" / "about.json").write_text(
            json.dumps({"records": len(items), "coarsened": bool(options and options.coarsen)}),
            encoding="utf-8",
        )
    except OSError as exc:
        raise KirokError(f"cannot write the edition into {folder}: {exc.strerror}") from exc
    return len(items)
