"""Report text → incidents and measures, as the codebook defines them.

The pipeline reads a report once into sentences, then each component adds what it
knows: places, dates, organs, offences, victims; `events` decides which sentences state
an incident or a measure and assembles the records with their evidence.
"""

from kirok.extract.pipeline import EXTRACTOR_VERSION, extract

__all__ = ["EXTRACTOR_VERSION", "extract"]
