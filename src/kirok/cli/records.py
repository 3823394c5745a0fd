"""Browsing the record: incidents, measures, show, search, reports."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

import typer
from rich.text import Text
from sqlalchemy.orm import object_session

from kirok.cli import filters as f
from kirok.cli import ui
from kirok.cli.app import app, database, handled
from kirok.errors import NotFoundError
from kirok.store import captures, fts, queries
from kirok.store.schema import Record, Report


def _list(
    ctx: typer.Context, kind: str, query_args: dict[str, Any], limit: int, offset: int, sort: str
) -> None:
    query = f.build(kind, **query_args)
    with database(ctx).session() as session:
        total = queries.count_records(session, query)
        rows = queries.select_records(session, query, f.check_sort(sort), limit, offset)
        # Review state is only worth a column once someone has reviewed something.
        with_status = bool(query.status) or any(r.status != "unreviewed" for r in rows)
        table = ui.table(None, _columns(kind, with_status), [_row(r, with_status) for r in rows])
    console = ui.out()
    if not total:
        console.print(f"No {kind}s match: ingest reports (`kirok ingest`) or relax the filters.")
        return
    console.print(table)
    shown = f"{offset + 1}–{offset + len(rows)}" if rows else "none"
    console.print(f"{kind}s {shown} of {total}; `kirok show {kind} ID` quotes the evidence.")


def _columns(kind: str, with_status: bool) -> list[str]:
    who = "Perpetrators" if kind == "incident" else "Issuers"
    extra = ["Victims"] if kind == "incident" else ["Penalties"]
    return ["ID", "Date", "Type", "Place", who, "Offenses", *extra] + (
        ["Status"] if with_status else [])


def _place(r: Record) -> str:
    return ", ".join(p for p in (r.locality, r.province) if p)


def _row(r: Record, with_status: bool) -> list[object]:
    kind = f"{r.type} (public)" if r.public else r.type
    base: list[object] = [r.id, r.date, kind, _place(r), r.organs, r.offenses]
    if r.kind == "incident":
        victims = " ".join(x for x in (str(r.victims_count or ""), ", ".join(r.victim_groups)) if x)
        base.append(victims)
    else:
        base.append(r.penalties)
    return [*base, r.status] if with_status else base


@app.command()
@handled
def incidents(
    ctx: typer.Context,
    type: f.Type = None, province: f.Province = None, locality: f.Locality = None,
    year: f.Year = None, since: f.Since = None, until: f.Until = None, organ: f.Organ = None,
    offense: f.Offense = None, victim_group: f.VictimGroup = None, outlet: f.Outlet = None,
    status: f.Status = None, history: f.History = False, limit: f.Limit = 50,
    offset: f.Offset = 0, sort: f.Sort = "date",
) -> None:
    """List incidents: what the apparatus did to people."""
    args = dict(type=type, province=province, locality=locality, year=year, since=since,
                until=until, organ=organ, offense=offense, victim_group=victim_group,
                outlet=outlet, status=status, history=history)
    _list(ctx, "incident", args, limit, offset, sort)


@app.command()
@handled
def measures(
    ctx: typer.Context,
    type: f.Type = None, province: f.Province = None, locality: f.Locality = None,
    year: f.Year = None, since: f.Since = None, until: f.Until = None, organ: f.Organ = None,
    offense: f.Offense = None, victim_group: f.VictimGroup = None, outlet: f.Outlet = None,
    status: f.Status = None, history: f.History = False, limit: f.Limit = 50,
    offset: f.Offset = 0, sort: f.Sort = "date",
) -> None:
    """List measures: what the apparatus decreed."""
    args = dict(type=type, province=province, locality=locality, year=year, since=since,
                until=until, organ=organ, offense=offense, victim_group=victim_group,
                outlet=outlet, status=status, history=history)
    _list(ctx, "measure", args, limit, offset, sort)


class Shown(StrEnum):
    incident = "incident"
    measure = "measure"
    record = "record"
    report = "report"


@app.command()
@handled
def show(
    ctx: typer.Context,
    what: Annotated[Shown, typer.Argument(help="incident, measure, record or report.")],
    id: Annotated[int, typer.Argument(help="Its number, as listings show it.")],
    text: Annotated[bool, typer.Option("--text", help="With a report, print its whole text.")]
    = False,
) -> None:
    """One record with its evidence in the report's own words, or one report."""
    with database(ctx).session() as session:
        if what is Shown.report:
            _show_report(queries.get_report(session, id), text)
            return
        record = queries.get_record(session, id)
        if what.value in ("incident", "measure") and record.kind != what.value:
            raise NotFoundError(
                f"record {id} is a {record.kind}, not {_a(what.value)}: "
                f"`kirok show {record.kind} {id}`"
            )
        _show_record(record)


def _a(word: str) -> str:
    return ("an " if word[0] in "aeiou" else "a ") + word


def _show_record(r: Record) -> None:
    console = ui.out()
    who = "perpetrators" if r.kind == "incident" else "issuers"
    rows: list[tuple[str, object]] = [
        ("type", r.type), ("date", f"{r.date or '—'} ({r.date_precision or 'unknown'})"),
        ("province", r.province), ("locality", r.locality),
        ("coordinates", f"{r.lat}, {r.lon}" if r.lat is not None else None),
        (who, r.organs), ("offenses", r.offenses),
    ]
    if r.kind == "incident":
        rows += [("victims", r.victims_count), ("victim groups", r.victim_groups),
                 ("public", r.public)]
    else:
        rows += [("penalties", r.penalties)]
    rows += [("confidence", f"{r.confidence:.2f}"), ("status", r.status),
             ("extractor", r.extractor_version)]
    console.print(ui.table(f"{r.kind.capitalize()} {r.id}", ["Field", "Value"], rows))
    console.print(Text("Evidence, in the report's words:", style="bold"))
    for e in r.evidence:
        console.print(ui.in_context(r.report.text, e.start, e.end))
        console.print(Text(f"  characters {e.start}–{e.end} of report {r.report_id}", style="dim"))
    _report_meta(r.report)


def _report_meta(report: Report) -> None:
    rows = [
        ("title", report.title), ("outlet", report.outlet), ("url", report.url),
        ("published", f"{report.published or '—'} (from {report.published_from})"),
        ("captured", report.captured_at.strftime("%Y-%m-%d %H:%M UTC")),
        ("source", report.source), ("sha256", report.sha256), ("format", report.format),
        ("language", report.language), ("previous version", report.previous_id),
        ("flags", report.flags),
    ]
    session = object_session(report)
    history = captures.page_history(session, report) if session is not None else None
    if history is not None and history.captures:
        rows.append(("captures", history.describe()))
        if report.superseded:
            rows.append(("superseded", "the page no longer shows this version's text"))
    ui.out().print(ui.table(f"Report {report.id}", ["Field", "Value"], rows))


def _show_report(report: Report, with_text: bool) -> None:
    _report_meta(report)
    rows = [(r.id, r.kind, r.type, r.date, r.province, r.status) for r in report.records]
    console = ui.out()
    if rows:
        console.print(ui.table("Records", ["ID", "Kind", "Type", "Date", "Province", "Status"],
                               rows))
    else:
        console.print("No records were extracted from this report.")
    if with_text:
        console.print(Text(report.text))
    else:
        console.print(f"`kirok show report {report.id} --text` prints the whole text.")


@app.command()
@handled
def search(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help='Words, or a "quoted phrase".')],
    limit: f.Limit = 20,
) -> None:
    """Full-text search over the stored reports, with snippets."""
    with database(ctx).session() as session:
        hits = fts.search(session, query, limit)
    if not hits:
        ui.out().print(f"No report mentions {query!r}.")
        return
    rows = [(h.report_id, h.title, ui.snippet(h.snippet)) for h in hits]
    ui.out().print(ui.table(f"Reports matching {query!r}", ["Report", "Title", "Snippet"], rows))


@app.command()
@handled
def reports(ctx: typer.Context, limit: f.Limit = 50, offset: f.Offset = 0) -> None:
    """List the stored reports, newest first."""
    with database(ctx).session() as session:
        total = queries.count_reports(session)
        rows = [
            (r.id, r.published, r.outlet, r.title, len(r.records), r.previous_id,
             [*r.flags, "superseded"] if r.superseded else r.flags)
            for r in queries.list_reports(session, limit, offset)
        ]
    if not total:
        ui.out().print("No reports yet: `kirok ingest FOLDER` or `kirok demo`.")
        return
    columns = ["ID", "Published", "Outlet", "Title", "Records", "Previous", "Flags"]
    ui.out().print(ui.table(f"{total} reports", columns, rows))
