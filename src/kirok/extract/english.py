"""The English front-end: spaCy's tokens and lemmas, and the words of knowledge/*.csv."""

from __future__ import annotations

from collections import defaultdict

from kirok.extract import nlp, phrases, setting
from kirok.extract.dates import find_dates
from kirok.extract.frontend import Reading
from kirok.extract.lexicon import Hit, all_words, triggers
from kirok.extract.places import find_places
from kirok.extract.text import sentences
from kirok.extract.victims import count_victims


class EnglishFrontend:
    language = "en"
    dates_before_acts = False  # "arrested on the 7th": the date follows the act as often

    def read(self, text: str, published: str | None) -> Reading:
        found: dict[str, list[Hit]] = defaultdict(list)
        for (what, value), a, b in all_words().find(text):
            found[what].append(Hit(value, a, b, text[a:b]))
        # trigger phrases, matched on lemmas: a hit's value is its row in triggers()
        doc = nlp.read(text)
        for p in phrases.find(doc):
            found["trigger"].append(Hit(str(p.row), p.start, p.end, text[p.start : p.end]))
        return Reading(
            sentences=sentences(text),
            found=dict(found),
            places=find_places(text),
            dates=find_dates(text, published),
            published=published,
            triggers=triggers(),
            count=count_victims,
            foreign=setting.foreign_mentions(doc),
        )
