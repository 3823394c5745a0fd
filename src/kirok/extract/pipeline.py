"""The extractor's entry point (placeholder until the rule components land)."""

from kirok.model import Extraction

EXTRACTOR_VERSION = "0.1.0"


def extract(text: str, published: str | None = None, title: str | None = None) -> Extraction:
    """Every incident and measure the report states, with evidence offsets into `text`."""
    return Extraction()
