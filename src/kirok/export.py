"""Exports in the codebook's field names: CSV (flat), JSON, and GeoJSON points.

Exports leave the analyst's hands, so evidence, titles and URLs go through `redact_names`,
and rejected records are never exported. Records are read page by page and written as
they come, so a large store streams instead of being held in memory.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from typing import Any, TextIO

from kirok.privacy import redact_names
from kirok.store import queries
from kirok.store.db import Database
from kirok.store.queries import RecordQuery
from kirok.store.schema import Record

FORMATS = ("csv", "json", "geojson")
CSV_COLUMNS = (
    "kind", "type", "date", "date_precision", "province", "locality", "geo_precision",
    "lat", "lon", "perpetrators", "victims_count", "victim_groups", "offenses", "penalties",
    "public", "evidence", "report_url", "outlet", "published",
)
LIST_SEPARATOR = ";"
EVIDENCE_SEPARATOR = " | "
PAGE = 500

Tick = Callable[[int], None]


def count(db: Database, query: RecordQuery) -> int:
    with db.session() as session:
        return queries.count_records(session, query)


def iter_records(db: Database, query: RecordQuery) -> Iterator[dict[str, Any]]:
    """Every non-rejected record matching `query`, oldest id first, as export dicts."""
    offset = 0
    while True:
        with db.session() as session:
            page = queries.select_records(session, query, order="id", limit=PAGE, offset=offset)
            rows = [record_dict(r) for r in page if r.status != "rejected"]
        yield from rows
        if len(page) < PAGE:
            return
        offset += PAGE


def record_dict(record: Record) -> dict[str, Any]:
    """One record in the codebook's names, with its report, ready for any export."""
    report = record.report
    out: dict[str, Any] = {
        "id": record.id,
        "kind": record.kind,
        "type": record.type,
        "date": record.date,
        "date_precision": record.date_precision,
        "place": {
            "province": record.province,
            "locality": record.locality,
            "lat": record.lat,
            "lon": record.lon,
            "precision": record.geo_precision,
        },
    }
    if record.kind == "incident":
        out["perpetrators"] = list(record.organs)
        out["victims"] = {"count": record.victims_count, "groups": list(record.victim_groups)}
        out["offenses"] = list(record.offenses)
        out["public"] = bool(record.public)
    else:
        out["issuers"] = list(record.organs)
        out["offenses"] = list(record.offenses)
        out["penalties"] = list(record.penalties)
    out["evidence"] = [
        {"start": e.start, "end": e.end, "text": redact_names(e.text)} for e in record.evidence
    ]
    out["confidence"] = record.confidence
    out["status"] = record.status
    out["extractor_version"] = record.extractor_version
    out["report"] = {
        "id": report.id,
        # a URL's slug may name the person ("…/kim-chol-su-executed")
        "url": redact_names(report.url) if report.url else None,
        "outlet": report.outlet,
        "published": report.published,
        "title": redact_names(report.title) if report.title else None,
    }
    return out


def csv_row(item: dict[str, Any]) -> dict[str, Any]:
    incident = item["kind"] == "incident"
    place = item["place"]
    victims = item.get("victims") or {}
    return {
        "kind": item["kind"],
        "type": item["type"],
        "date": item["date"] or "",
        "date_precision": item["date_precision"] or "",
        "province": place["province"] or "",
        "locality": place["locality"] or "",
        "geo_precision": place["precision"] or "",
        "lat": "" if place["lat"] is None else place["lat"],
        "lon": "" if place["lon"] is None else place["lon"],
        # measures have no perpetrators: their issuers fill the one "who" column
        "perpetrators": _joined(item["perpetrators"] if incident else item["issuers"]),
        "victims_count": "" if victims.get("count") is None else victims["count"],
        "victim_groups": _joined(victims.get("groups", [])),
        "offenses": _joined(item["offenses"]),
        "penalties": _joined(item.get("penalties", [])),
        "public": ("true" if item["public"] else "false") if incident else "",
        "evidence": EVIDENCE_SEPARATOR.join(e["text"] for e in item["evidence"]),
        "report_url": item["report"]["url"] or "",
        "outlet": item["report"]["outlet"] or "",
        "published": item["report"]["published"] or "",
    }


def _joined(values: list[str]) -> str:
    return LIST_SEPARATOR.join(values)


def feature(item: dict[str, Any]) -> dict[str, Any] | None:
    place = item["place"]
    if place["lat"] is None or place["lon"] is None:
        return None
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [place["lon"], place["lat"]]},
        "properties": item,
    }


def write(
    db: Database, query: RecordQuery, fmt: str, out: TextIO, tick: Tick | None = None
) -> int:
    """Write every matching record to `out` in `fmt`; returns how many were written."""
    return write_items(_ticking(iter_records(db, query), tick), fmt, out)


def write_items(items: Iterator[dict[str, Any]], fmt: str, out: TextIO) -> int:
    """Write export items (a team's, or the public edition's) to `out` in `fmt`."""
    if fmt == "csv":
        return _write_csv(items, out)
    if fmt == "json":
        return _write_json(items, out)
    if fmt == "geojson":
        return _write_geojson(items, out)
    raise ValueError(f"unknown export format {fmt!r}")


def _ticking(items: Iterator[dict[str, Any]], tick: Tick | None) -> Iterator[dict[str, Any]]:
    for item in items:
        yield item
        if tick:
            tick(1)


def _write_csv(items: Iterator[dict[str, Any]], out: TextIO) -> int:
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    n = 0
    for item in items:
        writer.writerow(csv_row(item))
        n += 1
    return n


def _write_json(items: Iterator[dict[str, Any]], out: TextIO) -> int:
    n = 0
    out.write("[")
    for item in items:
        out.write(",\n" if n else "\n")
        out.write(json.dumps(item, ensure_ascii=False))
        n += 1
    out.write("\n]\n")
    return n


def _write_geojson(items: Iterator[dict[str, Any]], out: TextIO) -> int:
    n = 0
    out.write('{"type": "FeatureCollection", "features": [')
    for item in items:
        located = feature(item)
        if located is None:
            continue
        out.write(",\n" if n else "\n")
        out.write(json.dumps(located, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n
