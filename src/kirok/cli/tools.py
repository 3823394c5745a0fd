"""Getting things out: extract (stateless), eval, export, serve, version."""

from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TextIO

import typer
from rich.text import Text

from kirok import __version__
from kirok import evaluate as scoring
from kirok import export as exporting
from kirok.cli import filters as f
from kirok.cli import ui
from kirok.cli.app import app, database, handled, settings
from kirok.errors import KirokError
from kirok.ingest import ReadOptions, read_path
from kirok.model import Extraction, Record
from kirok.pool import DEFAULT_BUDGET_S

PROGRESS_FROM = 1000  # records; smaller exports finish before a bar would be read


class ExtractFormat(StrEnum):
    json = "json"
    table = "table"


class ExportFormat(StrEnum):
    csv = "csv"
    json = "json"
    geojson = "geojson"


@app.command()
@handled
def extract(
    file: Annotated[Path, typer.Argument(help="A .txt, .md or .html report.")],
    published: Annotated[
        str | None, typer.Option("--published", help="Publication date, YYYY-MM-DD.")
    ] = None,
    title: Annotated[str | None, typer.Option("--title", help="The report's headline.")] = None,
    format: Annotated[ExtractFormat, typer.Option("--format")] = ExtractFormat.json,
    explain: Annotated[bool, typer.Option("--explain", help="Say why each field was set.")]
    = False,
) -> None:
    """Extract records from one file without storing anything (codebook JSON on stdout)."""
    from kirok.extract import extract as run

    read = read_path(file, ReadOptions(published=published, title=title))
    extraction = run(read.text, published=read.published, title=read.title)
    if format is ExtractFormat.json:
        doc = {
            "report": {"title": read.title, "published": read.published,
                       "sha256": read.sha256, "language": read.language},
            "incidents": [r.to_codebook(explain) for r in extraction.incidents],
            "measures": [r.to_codebook(explain) for r in extraction.measures],
        }
        typer.echo(json.dumps(doc, ensure_ascii=False, indent=2))
    else:
        _extraction_table(extraction, read.text, explain)


def _extraction_table(extraction: Extraction, text: str, explain: bool) -> None:
    console = ui.out()
    if not extraction.records:
        console.print("No incidents or measures found in this report.")
    for n, r in enumerate(extraction.records, 1):
        console.print(ui.table(f"{n}. {r.kind} · {r.type}", ["Field", "Value"], _fields(r)))
        for span in r.evidence:
            console.print(ui.in_context(text, span.start, span.end, width=80))
        if explain and r.origins:
            rows = sorted(r.reasons().items())
            console.print(ui.table("Why", ["Field", "Reason"], rows))


def _fields(r: Record) -> list[tuple[str, object]]:
    rows: list[tuple[str, object]] = [
        ("date", r.date), ("province", r.place.province), ("locality", r.place.locality),
        ("perpetrators" if r.kind == "incident" else "issuers", r.organs),
        ("offenses", r.offenses),
    ]
    if r.kind == "incident":
        rows += [("victims", r.victims_count), ("victim groups", r.victim_groups),
                 ("public", r.public)]
    else:
        rows += [("penalties", r.penalties)]
    return [*rows, ("confidence", f"{r.confidence:.2f}")]


@app.command("eval")
@handled
def eval_(
    folder: Annotated[
        Path | None, typer.Argument(help="Gold annotations: NAME.json + NAME.txt.")
    ] = None,
    samples: Annotated[
        bool, typer.Option("--samples", help="Score against the bundled examples' gold.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Machine-readable scores.")] = False,
    verbose: Annotated[
        bool, typer.Option("--verbose", "-v", help="List misses and false positives.")
    ] = False,
    cv: Annotated[
        int | None,
        typer.Option(
            "--cv",
            help="Cross-validate the learned filter: train on K-1 folds of the reports, "
            "score the rest.",
        ),
    ] = None,
) -> None:
    """Score the extractor against gold annotations, as the codebook says."""
    if folder is None:
        if not samples:
            raise KirokError("give a gold folder, or --samples for the bundled examples")
        from kirok.demo import SAMPLES_DIR

        folder = SAMPLES_DIR / "gold"
    cases = scoring.load_cases(folder)
    if cv is None:
        results = scoring.run(cases)
    else:
        from kirok import training

        results = training.cross_validate(cases, cv)
    summary = scoring.summarise(results)
    if as_json:
        if verbose:
            summary["per_report"] = scoring.details(results)
        typer.echo(json.dumps(summary, indent=2))
        return
    _score_tables(summary)
    if verbose:
        _misses(scoring.details(results))


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f}"


def _score_tables(summary: dict[str, Any]) -> None:
    kinds = summary["kinds"]
    rows = [(k, v["gold"], v["extracted"], v["matched"], _pct(v["precision"]),
             _pct(v["recall"]), _pct(v["f1"])) for k, v in kinds.items()]
    console = ui.out()
    title = f"Extractor against gold ({summary['reports']} reports)"
    columns = ["Kind", "Gold", "Extracted", "Matched", "Precision", "Recall", "F1"]
    console.print(ui.table(title, columns, rows))
    fields = [(name, *[_pct(kinds[k]["fields"][name]) for k in kinds])
              for name in scoring.FIELDS]
    console.print(ui.table("Field accuracy on matched records", ["Field", *kinds], fields))


def _misses(per_report: list[dict[str, Any]]) -> None:
    console = ui.out()
    for item in per_report:
        if not item["misses"] and not item["false_positives"]:
            continue
        console.print(Text(item["report"], style="bold"))
        for miss in item["misses"]:
            console.print(Text(f"  missed {miss['kind']} {miss['type']}: {miss['quote']}",
                               style="red"), soft_wrap=True)
        for extra in item["false_positives"]:
            said = " | ".join(extra["evidence"])
            console.print(Text(f"  extra  {extra['kind']} {extra['type']}: {said}",
                               style="yellow"), soft_wrap=True)


@app.command()
@handled
def export(
    ctx: typer.Context,
    format: Annotated[ExportFormat, typer.Option("--format", help="csv, json or geojson.")]
    = ExportFormat.csv,
    output: Annotated[str, typer.Option("--output", "-o", help="File to write; - for stdout.")]
    = "-",
    kind: Annotated[str | None, typer.Option("--kind", help="incident or measure.")] = None,
    type: f.Type = None, province: f.Province = None, locality: f.Locality = None,
    year: f.Year = None, since: f.Since = None, until: f.Until = None, organ: f.Organ = None,
    offense: f.Offense = None, victim_group: f.VictimGroup = None, outlet: f.Outlet = None,
    status: f.Status = None, history: f.History = False,
    public: Annotated[
        bool,
        typer.Option(
            "--public",
            help="The public edition: only confirmed or corrected, unrestricted records, "
            "without report text, reviewers or scores (filters do not apply).",
        ),
    ] = False,
    coarsen: f.Coarsen = False,
    include_restricted: Annotated[
        bool,
        typer.Option(
            "--include-restricted",
            help="Export restricted records too (for the team only: never publish them).",
        ),
    ] = False,
) -> None:
    """Export records in the codebook's field names; victims' names are withheld."""
    if public:
        _export_public(ctx, format.value, output, coarsen)
        return
    if kind not in (None, "incident", "measure"):
        raise KirokError(f"unknown kind {kind!r}; choose incident or measure")
    query = f.build(kind, type=type, province=province, locality=locality, year=year,
                    since=since, until=until, organ=organ, offense=offense,
                    victim_group=victim_group, outlet=outlet, status=status,
                    history=history)
    # an export is a file that can leave the team: restricted records stay out unless asked
    query.unrestricted = not include_restricted
    db = database(ctx)
    total = exporting.count(db, query)
    target = nullcontext(sys.stdout) if output == "-" else _open(output)
    with target as out, ui.progress("Exporting", total, enabled=total >= PROGRESS_FROM) as tick:
        written = exporting.write(db, query, format.value, out, lambda n: tick(str(n)))
    if output != "-":
        ui.err().print(Text(f"wrote {written} records to {output}"), soft_wrap=True)


def _export_public(ctx: typer.Context, fmt: str, output: str, coarsen: bool) -> None:
    from kirok import public

    items = public.public_items(database(ctx), public.Options(coarsen=coarsen))
    target = nullcontext(sys.stdout) if output == "-" else _open(output)
    with target as out:
        written = exporting.write_items(items, fmt, out)
    if output != "-":
        ui.err().print(Text(f"wrote {written} public records to {output}"), soft_wrap=True)


@app.command()
@handled
def publish(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("--output", "-o", help="The folder to write.")],
    coarsen: Annotated[
        bool, typer.Option("--coarsen", help="Day dates of localities become months.")
    ] = False,
) -> None:
    """Write the public edition: a static read-only site with its data files."""
    from kirok import public

    count = public.publish(database(ctx), output, public.Options(coarsen=coarsen))
    ui.out().print(Text(f"published {count} records to {output}/ (open index.html)"))


def _open(path: str) -> TextIO:
    try:
        return open(path, "w", encoding="utf-8", newline="")  # noqa: SIM115 - closed by `with`
    except OSError as exc:
        raise KirokError(f"cannot write {path}: {exc.strerror}") from exc


@app.command()
@handled
def serve(
    ctx: typer.Context,
    host: Annotated[str, typer.Option("--host", help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port to listen on.")] = 8000,
    open_browser: Annotated[bool, typer.Option("--open", help="Open it in a browser.")] = False,
    allow_remote: Annotated[
        bool,
        typer.Option(
            "--allow-remote",
            help="Listen on a non-loopback --host although the store has no accounts "
            "(a trusted network: no login).",
        ),
    ] = False,
    public_url: Annotated[
        str | None,
        typer.Option(
            "--public-url",
            help="The address the team reaches it at (behind a proxy); https: secure cookies.",
        ),
    ] = None,
    public: Annotated[
        bool,
        typer.Option(
            "--public",
            help="Serve the public edition only: read-only, reviewed and unrestricted "
            "records, names withheld.",
        ),
    ] = False,
    coarsen: f.Coarsen = False,
    timeout: Annotated[
        float,
        typer.Option("--timeout", min=0.1,
                     help="Seconds an uploaded file or a re-extraction may take."),
    ] = DEFAULT_BUDGET_S,
) -> None:
    """Browse, map and review the record in a web browser."""
    if public:
        from kirok.web.public import serve_public

        serve_public(settings(ctx).db_url, host, port, coarsen)
        return
    try:
        from kirok.web.app import serve as run
    except ImportError as exc:
        raise KirokError(f"the web app cannot start: {exc}") from exc
    run(settings(ctx).db_url, host, port, open_browser, allow_remote, public_url or None,
        timeout)


@app.command()
def version(ctx: typer.Context) -> None:
    """Print the versions of Kirok and its extractor, and where the store is."""
    from kirok.extract import EXTRACTOR_VERSION

    typer.echo(f"kirok {__version__} (extractor {EXTRACTOR_VERSION})")
    typer.echo(f"store: {settings(ctx).db_url}")
