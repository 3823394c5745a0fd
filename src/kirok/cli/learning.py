"""Training the learned filter: kirok train."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from kirok import evaluate as scoring
from kirok import training
from kirok.cli import ui
from kirok.cli.app import app, database, handled
from kirok.errors import KirokError


@app.command("train")
@handled
def train(
    ctx: typer.Context,
    folders: Annotated[
        list[Path] | None, typer.Argument(help="Gold folders (NAME.json + NAME.txt).")
    ] = None,
    samples: Annotated[
        bool, typer.Option("--samples", help="Train on the bundled examples' gold too.")
    ] = False,
    from_store: Annotated[
        bool,
        typer.Option(
            "--from-store", help="Train on the analyst's review decisions in the store too."
        ),
    ] = False,
    output: Annotated[
        Path, typer.Option("--output", "-o", help="Where to write the model (JSON).")
    ] = Path("filter_model.json"),
) -> None:
    """Train the filter that judges the rules' candidates; use it with KIROK_FILTER_MODEL."""
    cases = [c for folder in folders or [] for c in scoring.load_cases(folder)]
    if samples:
        from kirok.demo import SAMPLES_DIR

        cases += scoring.load_cases(SAMPLES_DIR / "gold")
    if not cases and not from_store:
        raise KirokError("give gold folders, --samples or --from-store to train on")
    examples = training.from_gold(cases)
    if from_store:
        examples = examples + training.from_store(database(ctx))
    model = training.train(examples)
    model.save(output)
    ui.out().print(
        f"trained on {model.trained_on['records']} records and "
        f"{model.trained_on['non_records']} non-records from {len(cases)} gold reports"
        f"{' and the store' if from_store else ''}; threshold {model.threshold:.2f}; "
        f"written to {output}. Use it with KIROK_FILTER_MODEL={output}; "
        "measure it first with kirok eval DIR --cv 5."
    )
