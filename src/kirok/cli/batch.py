"""Filling the store: ingest, demo, reextract."""

from __future__ import annotations

import sys
from typing import Annotated

import typer
from rich.text import Text

from kirok import demo as samples
from kirok.cli import ui
from kirok.cli.app import app, database, handled
from kirok.errors import KirokError
from kirok.ingest import NO_PUBLICATION_DATE, ReadOptions, parse_published
from kirok.ingest.files import CHARSET_GUESSED, display_name
from kirok.service import (
    DEFAULT_TIMEOUT,
    BatchResult,
    Duplicate,
    Outcome,
    Stored,
    all_report_ids,
    check_single,
    expand_inputs,
    ingest_batch,
)
from kirok.service import reextract as run_reextract
from kirok.store import queries

BATCH_EXIT = 2  # some inputs failed; the rest were stored


@app.command()
@handled
def ingest(
    ctx: typer.Context,
    inputs: Annotated[
        list[str], typer.Argument(help="Files, folders, globs or http(s) URLs.", show_default=False)
    ],
    outlet: Annotated[str | None, typer.Option("--outlet", help="Who published it.")] = None,
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date, YYYY-MM-DD.")
    ] = None,
    url: Annotated[str | None, typer.Option("--url", help="Where a file was published.")] = None,
    title: Annotated[str | None, typer.Option("--title", help="The report's headline.")] = None,
    follow_links: Annotated[
        bool, typer.Option("--follow-links", help="Follow links out of a folder, and to folders.")
    ] = False,
    workers: Annotated[
        int | None,
        typer.Option("--workers", min=1, help="Processes reading and extracting (default: cores).",
                     show_default=False),
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="Seconds one file may take.")
    ] = DEFAULT_TIMEOUT,
) -> None:
    """Store reports and the incidents and measures they state."""
    if published and parse_published(published) is None:
        raise KirokError(f"--published {published!r} is not a date (use YYYY-MM-DD)")
    options = ReadOptions(outlet=outlet, published=published, url=url, title=title)
    items, skipped = expand_inputs(inputs, follow_links)
    for skip in skipped:
        ui.warn(f"skipped {display_name(skip.path)}: {skip.reason}")
    if not items:
        raise KirokError("nothing to ingest: no report files (.txt, .md, .html, .htm) found")
    check_single(items, options)
    db = database(ctx)
    # each file's line as soon as it is done, so that a batch stopped midway has said
    # what it stored
    result = ingest_batch(db, items, options, on_item=_say, workers=workers, timeout=timeout)
    _summary(result)
    if result.failures:
        raise typer.Exit(BATCH_EXIT)


def _say(outcome: Outcome) -> None:
    console = ui.out()
    if isinstance(outcome, Stored):
        line = (f"stored report {outcome.report_id} ({outcome.records} records) "
                f"from {outcome.source}")
        if outcome.previous_id:
            line += f"; a new version of report {outcome.previous_id}"
        console.print(Text(line), soft_wrap=True)
        if CHARSET_GUESSED in outcome.flags:
            ui.warn(f"report {outcome.report_id}: the page's declared character set did not fit "
                    "its bytes; the text was decoded with a detected one (check it reads right)")
        if NO_PUBLICATION_DATE in outcome.flags:
            ui.warn(f"report {outcome.report_id} has no publication date: dates are resolved "
                    "only as far as the text allows (give --published)")
    elif isinstance(outcome, Duplicate):
        why = f" ({outcome.why})" if outcome.why else ""
        console.print(
            Text(f"already stored as report {outcome.report_id}: {outcome.source}{why}"),
            soft_wrap=True,
        )
    else:
        ui.error(f"{outcome.source}: {outcome.reason}")
    for stream in (sys.stdout, sys.stderr):
        stream.flush()


def _report(result: BatchResult) -> None:
    outcomes: list[Outcome] = [*result.stored, *result.duplicates, *result.failures]
    for outcome in outcomes:
        _say(outcome)
    _summary(result)


def _summary(result: BatchResult) -> None:
    console = ui.out()
    records = sum(s.records for s in result.stored)
    summary = (f"{len(result.stored)} stored ({records} records), "
               f"{len(result.duplicates)} already stored, {len(result.failures)} failed")
    console.print(Text(summary, style="bold"), soft_wrap=True)


@app.command()
@handled
def demo(ctx: typer.Context) -> None:
    """Ingest the bundled example reports and show what the record holds."""
    db = database(ctx)
    rows = samples.manifest()
    with ui.progress("Ingesting examples", len(rows)) as tick:
        result = samples.ingest_samples(db, on_item=lambda outcome: tick(outcome.source))
    _report(result)
    with db.session() as session:
        summary = queries.summary(session)
    console = ui.out()
    for label, counts in summary.items():
        columns = [label.capitalize(), "Incidents", "Measures"]
        console.print(ui.table(f"Records by {label}", columns, _by_kind(counts)))
    console.print(Text("Next:", style="bold"))
    for line in (
        "kirok incidents                       # the incidents, newest first",
        "kirok measures --type prohibition     # bans and their penalties",
        "kirok show incident ID                # a record with its evidence",
        'kirok search "struggle session"       # full text over the reports',
        "kirok export --format csv -o out.csv  # everything, in codebook columns",
        "kirok serve --open                    # browse, map and review in the browser",
    ):
        console.print(Text("  " + line))
    if result.failures:
        raise typer.Exit(BATCH_EXIT)


def _by_kind(counts: list[tuple[str, int]]) -> list[tuple[str, int, int]]:
    """queries.summary's "kind:value" counts as one row per value, a column per kind."""
    table: dict[str, dict[str, int]] = {}
    for key, n in counts:
        kind, _, value = key.partition(":")
        table.setdefault(value, {})[kind] = n
    return [(value, row.get("incident", 0), row.get("measure", 0))
            for value, row in sorted(table.items())]


@app.command()
@handled
def reextract(
    ctx: typer.Context,
    report_id: Annotated[int | None, typer.Argument(help="One report's id.")] = None,
    all_: Annotated[bool, typer.Option("--all", help="Every stored report.")] = False,
) -> None:
    """Run the current extractor again; reviewed records are kept as reviewed."""
    if (report_id is None) == (not all_):
        raise KirokError("give one REPORT_ID or --all")
    db = database(ctx)
    ids = all_report_ids(db) if all_ else [report_id or 0]
    with ui.progress("Re-extracting", len(ids), enabled=len(ids) > 1) as tick:
        done = run_reextract(db, ids, on_item=tick)
    for rid, outcome in done:
        ui.out().print(
            f"report {rid}: {outcome.added + outcome.kept} records from the current extractor "
            f"({outcome.added} added, {outcome.kept} kept, {outcome.removed} removed)"
        )
