"""The learned filter: training from gold and from review, cross-validation, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kirok import training
from kirok.demo import SAMPLES_DIR
from kirok.evaluate import load_cases, summarise
from kirok.extract import extract, learned
from kirok.extract.version import extractor_version
from kirok.ingest import ReadOptions
from kirok.model import Record, Span
from kirok.service import ingest_one
from kirok.store import queries
from kirok.store.db import Database
from kirok.store.schema import Record as StoredRecord


def candidate(**features: float) -> Record:
    return Record("incident", "detention", [Span(0, 5, "taken")], features=dict(features))


def test_a_model_keeps_what_scores_at_its_threshold_with_the_score_as_confidence() -> None:
    model = learned.Model({"gate:unsupported": -4.0, "organ_named": 2.0}, 0.0, 0.5)
    strong, weak = candidate(organ_named=1.0), candidate(**{"gate:unsupported": 1.0})
    kept = model.keep([strong, weak])
    assert kept == [strong]
    assert strong.confidence == pytest.approx(0.881, abs=0.001)


def test_fitting_learns_that_a_failed_gate_marks_a_non_record() -> None:
    records = [(candidate(organ_named=1.0, weight=0.8), True) for _ in range(20)]
    others = [(candidate(**{"gate:unsupported": 1.0, "weight": 0.5}), False) for _ in range(20)]
    model = learned.fit(records + others)
    assert model.score(candidate(organ_named=1.0, weight=0.8)) > model.threshold
    assert model.score(candidate(**{"gate:unsupported": 1.0, "weight": 0.5})) < model.threshold


def test_a_saved_model_loads_back_the_same(tmp_path: Path) -> None:
    model = learned.Model({"weight": 1.5}, -0.2, 0.3, {"records": 2, "non_records": 1})
    model.save(tmp_path / "m.json")
    assert learned.load(tmp_path / "m.json") == model


def test_cross_validation_scores_every_report_once_with_a_model_that_did_not_see_it() -> None:
    cases = load_cases(SAMPLES_DIR / "gold")
    folds = training.folds(cases, 3)
    names = [c.name for fold in folds for c in fold]
    assert sorted(names) == sorted(c.name for c in cases)
    results = training.cross_validate(cases, 3)
    assert len(results) == len(cases)
    assert summarise(results)["kinds"]["all"]["f1"] > 0.7


def test_a_rejected_record_teaches_the_filter_a_non_record(tmp_path: Path) -> None:
    db = Database(f"sqlite:///{tmp_path / 's.db'}")
    report = tmp_path / "r.txt"
    report.write_text(
        "The Ministry of State Security arrested three women in Hyesan on June 2 for "
        "watching South Korean dramas, a source in Ryanggang Province said.\n",
        encoding="utf-8",
    )
    ingest_one(db, str(report), ReadOptions(published="2021-06-15"))
    with db.session() as session:
        stored = session.query(StoredRecord).one()
        queries.review_record(session, stored.id, "analyst", "reject")
    examples = training.from_store(db)
    assert [(r.type, label) for r, label in examples.labelled] == [("detention", False)]


def test_the_version_changes_with_the_filter_in_use(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = extractor_version()
    model = tmp_path / "m.json"
    learned.Model({"weight": 1.0}, 0.0, 0.5).save(model)
    monkeypatch.setenv("KIROK_FILTER_MODEL", str(model))
    assert extractor_version() != before


def test_kirok_train_writes_a_model_that_kirok_extract_can_use(
    cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "filter.json"
    result = cli("train", "--samples", "-o", str(out))
    assert result.exit_code == 0, result.output
    model = learned.load(out)
    assert model.trained_on["records"] > 50
    text = "Police arrested two traders in Hyesan on June 2, a source said.\n"
    assert extract(text, "2021-06-15", model=model).incidents


def test_kirok_eval_cv_reports_the_cross_validated_scores(cli) -> None:
    result = cli("eval", "--samples", "--cv", "3", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["reports"] == 15


def test_kirok_train_with_nothing_to_learn_from_says_what_to_give(cli) -> None:
    result = cli("train")
    assert result.exit_code == 1
    assert "--samples" in result.output
