"""The record filters every listing and export shares, checked against the codebook."""

from __future__ import annotations

from typing import Annotated

import typer

from kirok import codebook
from kirok.errors import KirokError
from kirok.store.queries import ORDERS, RecordQuery

Type = Annotated[str | None, typer.Option("--type", help="Codebook type, e.g. execution.")]
Province = Annotated[
    str | None, typer.Option("--province", help='Province, any spelling ("North Hamkyung").')
]
Locality = Annotated[str | None, typer.Option("--locality", help="City or county.")]
Year = Annotated[int | None, typer.Option("--year", help="Only this year.")]
Since = Annotated[int | None, typer.Option("--since", help="From this year on.")]
Until = Annotated[int | None, typer.Option("--until", help="Up to this year.")]
Organ = Annotated[
    str | None, typer.Option("--organ", help="Perpetrator or issuer, e.g. state_security.")
]
Offense = Annotated[str | None, typer.Option("--offense", help="e.g. foreign_media.")]
VictimGroup = Annotated[str | None, typer.Option("--victim-group", help="e.g. women.")]
Outlet = Annotated[str | None, typer.Option("--outlet", help="Reporting outlet, as stored.")]
Status = Annotated[
    str | None, typer.Option("--status", help="unreviewed, confirmed, corrected or rejected.")
]
History = Annotated[
    bool, typer.Option("--history", help="Every version of a changed page, not only the newest.")
]
# the public edition's option to publish a named locality's day dates as their month
Coarsen = Annotated[
    bool, typer.Option("--coarsen", help="With --public: day dates of localities to months.")
]
Limit = Annotated[int, typer.Option("--limit", min=1, help="How many rows to show.")]
Offset = Annotated[int, typer.Option("--offset", min=0, help="Skip this many rows.")]
Sort = Annotated[str, typer.Option("--sort", help="date, -date, id, type, province, confidence.")]


def build(
    kind: str | None,
    type: str | None = None,
    province: str | None = None,
    locality: str | None = None,
    year: int | None = None,
    since: int | None = None,
    until: int | None = None,
    organ: str | None = None,
    offense: str | None = None,
    victim_group: str | None = None,
    outlet: str | None = None,
    status: str | None = None,
    history: bool = False,
) -> RecordQuery:
    """A RecordQuery from command-line filters; unknown codebook values are refused."""
    if type:
        allowed = codebook.types_of(kind) if kind else (*codebook.INCIDENT_TYPES,
                                                         *codebook.MEASURE_TYPES)
        _check("type", type, allowed)
    _check("organ", organ, codebook.ORGANS)
    _check("offense", offense, codebook.OFFENSES)
    _check("victim group", victim_group, codebook.VICTIM_GROUPS)
    _check("status", status, codebook.REVIEW_STATUSES)
    return RecordQuery(
        kind=kind,
        type=type,
        province=canonical_province(province) if province else None,
        locality=canonical_locality(locality) if locality else None,
        year=year,
        since=since,
        until=until,
        organ=organ,
        offense=offense,
        victim_group=victim_group,
        outlet=outlet,
        status=status,
        history=history,
    )


def check_sort(sort: str) -> str:
    _check("sort order", sort, tuple(ORDERS))
    return sort


def _check(label: str, value: str | None, allowed: tuple[str, ...]) -> None:
    if value and value not in allowed:
        raise KirokError(f"unknown {label} {value!r}; choose from {', '.join(allowed)}")


def canonical_province(name: str) -> str:
    if name.casefold() == codebook.NATIONAL:
        return codebook.NATIONAL
    for province in codebook.PROVINCES:
        if province.casefold() == name.strip().casefold():
            return province
    try:
        from kirok.extract.places import canonical_province as lookup
    except ImportError:
        return name.strip()
    return lookup(name) or name.strip()


def canonical_locality(name: str) -> str:
    try:
        from kirok.extract.places import canonical_locality as lookup
    except ImportError:
        return name.strip()
    return lookup(name) or name.strip()
