"""The extractor's version, derived from what makes its records.

A stored record names the extractor that made it; the name is the release plus a hash
of the extractor's code, its knowledge files and the learned filter in use, so that two
records with one version were truly made the same way.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import spacy

RELEASE = "0.4.0"
EXTRACT = Path(__file__).parent
KNOWLEDGE = EXTRACT.parent / "knowledge"


def inputs() -> list[Path]:
    files = sorted(EXTRACT.glob("*.py")) + sorted(
        p for p in KNOWLEDGE.rglob("*") if p.is_file() and p.suffix in (".csv", ".json", ".tsv")
    )
    chosen = os.environ.get("KIROK_FILTER_MODEL")
    if chosen and Path(chosen).is_file():
        files.append(Path(chosen))
    return files


def extractor_version() -> str:
    digest = hashlib.sha256(f"spacy {spacy.__version__}".encode())
    for path in inputs():
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return f"{RELEASE}+{digest.hexdigest()[:10]}"
