"""Report text → incidents and measures, as the codebook defines them.

The pipeline reads a report once into sentences, then each component adds what it
knows: places, dates, organs, offences, victims; `events` decides which sentences state
an incident or a measure and assembles the records with their evidence.

The pipeline (and spaCy with it) is imported on first use, so that reading the gazetteer
(`kirok.extract.places`, `kirok.extract.gazetteer`), as the web app's pages do, does not
load a language model.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from kirok.extract.pipeline import EXTRACTOR_VERSION, extract

__all__ = ["EXTRACTOR_VERSION", "extract"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from kirok.extract import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
