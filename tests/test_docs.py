"""The documentation keeps up with the code: every command in the README, every codebook
value in docs/codebook.md."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import typer

from kirok import codebook
from kirok.cli import app

ROOT = Path(__file__).resolve().parents[1]


def command_names() -> list[str]:
    group = typer.main.get_command(app)
    return sorted(group.commands)  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", command_names())
def test_every_command_is_in_the_readme(name):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"\bkirok {name}\b", readme), f"`kirok {name}` is not in README.md"


def test_the_readme_opens_with_the_demo_and_test_commands():
    head = (ROOT / "README.md").read_text(encoding="utf-8")[:400]
    assert "make demo" in head and "make test" in head


VOCABULARIES = {
    "KINDS": codebook.KINDS,
    "INCIDENT_TYPES": codebook.INCIDENT_TYPES,
    "MEASURE_TYPES": codebook.MEASURE_TYPES,
    "PROVINCES": codebook.PROVINCES,
    "ORGANS": codebook.ORGANS,
    "OFFENSES": codebook.OFFENSES,
    "VICTIM_GROUPS": codebook.VICTIM_GROUPS,
    "PENALTIES": codebook.PENALTIES,
    "REVIEW_STATUSES": codebook.REVIEW_STATUSES,
}


@pytest.mark.parametrize("vocabulary", sorted(VOCABULARIES))
def test_every_codebook_value_is_documented(vocabulary):
    doc = (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8")
    missing = [v for v in VOCABULARIES[vocabulary] if not documented(v, vocabulary, doc)]
    assert not missing, f"{vocabulary} values missing from docs/codebook.md: {missing}"


def documented(value: str, vocabulary: str, doc: str) -> bool:
    """Codebook values are written as code (`fine`); place names may also stand in a table."""
    if f"`{value}`" in doc:
        return True
    return vocabulary == "PROVINCES" and re.search(rf"\b{re.escape(value)}\b", doc) is not None


def codebook_examples() -> list[tuple[str, str]]:
    doc = (ROOT / "docs" / "codebook.md").read_text(encoding="utf-8")
    return re.findall(r"<!-- example (\w+) -->(.*?) \|", doc)


def test_the_codebook_gives_an_example_for_every_type():
    documented_types = {t for t, _ in codebook_examples()}
    assert documented_types == set(codebook.INCIDENT_TYPES) | set(codebook.MEASURE_TYPES)


@pytest.mark.parametrize(("type_", "sentence"), codebook_examples(), ids=lambda v: v[:20])
def test_each_codebook_example_yields_its_type(type_, sentence):
    from kirok.extract import extract

    found = [r.type for r in extract(sentence, "2021-06-15").records]
    assert found == [type_]
