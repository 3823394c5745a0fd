"""The review form read back: the fields it proposes, checked against the codebook, the
calendar and the gazetteer, and the record's version the form was opened at, so that a
decision on a record someone changed meanwhile is caught instead of overriding theirs."""

from __future__ import annotations

import calendar
import hashlib
import json
import re
from datetime import UTC, datetime
from typing import Any

from starlette.datastructures import FormData

from kirok import codebook
from kirok.extract.gazetteer import locality_named
from kirok.extract.places import coordinates
from kirok.store.schema import Record

DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
VICTIMS = re.compile(r"^(?:[0-9]{1,6}|1000000)$")
LISTS = {
    "organs": codebook.ORGANS,
    "offenses": codebook.OFFENSES,
    "victim_groups": codebook.VICTIM_GROUPS,
    "penalties": codebook.PENALTIES,
}


class ReviewError(ValueError):
    """A form value the codebook does not allow; its message is shown above the form."""


def _choice(value: str, allowed: tuple[str, ...], label: str) -> str:
    if value not in allowed:
        raise ReviewError(f"{label} must be one of the codebook's values, not {value!r}")
    return value


def proposed_fields(form: FormData, record: Record) -> dict[str, Any]:
    """The record's editable fields as the form sets them, checked against the codebook."""
    date = valid_date(str(form.get("date") or "").strip() or None)
    province = str(form.get("province") or "") or None
    if province:
        _choice(province, (*codebook.PROVINCES, codebook.NATIONAL), "province")
    locality = str(form.get("locality") or "").strip()[:80] or None
    fields: dict[str, Any] = {
        "type": _choice(str(form.get("type") or ""), codebook.types_of(record.kind), "type"),
        "date": date,
    }
    fields["province"], fields["locality"] = _place(province, locality, record)
    for name, allowed in LISTS.items():
        fields[name] = [_choice(str(v), allowed, name) for v in form.getlist(name)]
    count = str(form.get("victims_count") or "").strip()
    # Only ASCII digits: "²".isdigit() is true, yet int("²") fails.
    if count and not VICTIMS.match(count):
        raise ReviewError("victims count must be a whole number (at most 1,000,000) or empty")
    fields["victims_count"] = int(count) if count else None
    fields["public"] = form.get("public") == "on"
    if record.kind == "incident":
        fields["penalties"] = list(record.penalties)
    else:
        fields["victims_count"], fields["public"] = record.victims_count, record.public
        fields["victim_groups"] = list(record.victim_groups)
    return fields


def _place(
    province: str | None, locality: str | None, record: Record
) -> tuple[str | None, str | None]:
    """(province, locality) with the locality resolved in the gazetteer: any spelling gives
    the canonical name, and the locality brings its province unless the analyst chose
    another one, which is then a contradiction to settle rather than a guess."""
    if not locality or (locality, province) == (record.locality, record.province):
        return province, locality  # unchanged: older free-text localities stay readable
    found = locality_named(locality, province)
    if found is None:
        raise ReviewError(
            f"{locality!r} is not in the gazetteer: pick a place from the suggestions, or "
            "leave the locality empty and set the province"
        )
    name, its_province = found
    if province and province != its_province and province != record.province:
        raise ReviewError(f"{name} is in {its_province}, not {province}: choose one of them")
    return its_province, name


def located(record: Record, changes: dict[str, Any]) -> dict[str, Any]:
    """`changes` with the coordinates of the place the record will have, so the map and the
    GeoJSON follow a corrected place instead of keeping the extractor's point."""
    province = changes.get("province", record.province)
    locality = changes.get("locality", record.locality)
    point = coordinates(province, locality) if province != codebook.NATIONAL else None
    lat, lon = point or (None, None)
    if (lat, lon) != (record.lat, record.lon):
        changes = {**changes, "lat": lat, "lon": lon}
    return changes


def valid_date(date: str | None) -> str | None:
    """`date` if it is a day, month or year of the calendar and not after today."""
    if date is None:
        return None
    match = DATE.match(date)
    if not match:
        raise ReviewError("date must be YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None
    if month is not None and not 1 <= month <= 12:
        raise ReviewError(f"date {date} has no month {month}")
    last_day = calendar.monthrange(year, month)[1] if month is not None else 31
    if day is not None and not 1 <= day <= last_day:
        raise ReviewError(f"date {date} is not a day of the calendar")
    today = datetime.now(UTC).date().isoformat()
    if date > today[: len(date)]:
        raise ReviewError(f"date {date} is in the future")
    return date


def version_of(record: Record) -> str:
    """A short digest of what a reviewer sees and decides on: the fields, the status and
    the last decision. The form carries it; a different one at commit means a conflict."""
    state = {
        **record.fields(),
        "status": record.status,
        "last_audit": record.audit[-1].id if record.audit else None,
    }
    digest = hashlib.sha256(json.dumps(state, sort_keys=True, ensure_ascii=False).encode())
    return digest.hexdigest()[:16]


def changes_from(form: FormData, record: Record) -> dict[str, Any]:
    proposed = proposed_fields(form, record)
    current = record.fields()
    # A form sends ticked boxes in the codebook's order: the same values in another order
    # are no change (else "Confirm" of an untouched form would count as a correction).
    return {
        name: value
        for name, value in proposed.items()
        if (sorted(current[name]) != sorted(value) if name in LISTS else current[name] != value)
    }
