"""Keeping private persons' names out of what leaves the store.

Reports name the people they describe; the store keeps each report whole, for the
analyst, and everything that leaves it (CSV, JSON and GeoJSON exports, the JSON API)
passes its text through `redact_names`, this one step. A name is found three ways:

* the words reports introduce names with ("a woman surnamed Kim", "named …") — `leads`;
* the shape of Korean names, romanised or in Hangul, with the titles, words for persons
  and appositions around them ("Mr. KIM", "the smuggler Choe", "Kim, 34,", "김철수 씨") —
  `korean`, over the surname list in knowledge/korean_surnames.csv;
* spaCy's entity recogniser (PERSON), for the names of no set shape ("Zhang Wei") — `ner`.

What stays: leaders and officials named in office, and the people places and organs are
named after (knowledge/public_figures.csv); gazetteer places and organs ("Kim Chaek
City", "Kim Il Sung Square"). tests/fixtures/redaction measures it (bench/redaction.py).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from kirok.knowledge import read_table
from kirok.privacy import korean
from kirok.privacy.leads import lead_spans
from kirok.privacy.ner import person_spans

WITHHELD = "[name withheld]"
SLUG_WITHHELD = "name-withheld"
Span = tuple[int, int]


def redact_names(text: str) -> str:
    """`text` with private persons' names replaced by "[name withheld]" (in a URL slug,
    "name-withheld"); everything else unchanged."""
    return _redacted(text) if text else text


@lru_cache(maxsize=8192)  # exports repeat titles for every record of a report
def _redacted(text: str) -> str:
    out: list[str] = []
    last = 0
    for start, end in name_spans(text):
        out.append(text[last:start])
        in_slug = text[start:end].islower() and "-" in text[start:end]
        out.append(SLUG_WITHHELD if in_slug else WITHHELD)
        last = end
    out.append(text[last:])
    return "".join(out)


def name_spans(text: str) -> list[Span]:
    """Where private persons' names are in `text`: sorted, disjoint (start, end) spans."""
    public = _public_spans(text)
    protected = public + _place_and_organ_spans(text)
    found: list[Span] = []
    for span in [*lead_spans(text), *korean.romanised(text), *korean.titled(text),
                 *korean.after_person_word(text), *korean.with_apposition(text),
                 *korean.slugs(text), *korean.hangul(text)]:
        if _overlaps(span, public) or _inside(span, protected):
            continue
        if korean.named_after(text, span[1]):
            continue
        found.append(span)
    for span in person_spans(text):
        if not _overlaps(span, protected):
            found.append(span)
    return _merged(found)


@cache
def _public_pattern() -> re.Pattern[str]:
    names: list[str] = []
    for row in read_table("public_figures.csv"):
        words = re.split(r"[\s-]+", row["name"])
        names.append(r"[\s-]*".join(re.escape(w) for w in words))
        if row["hangul"]:
            names.append(re.escape(row["hangul"]))
    names.sort(key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(names) + r")(?![a-z])", re.IGNORECASE)


def _public_spans(text: str) -> list[Span]:
    return [m.span() for m in _public_pattern().finditer(text)]


def _place_and_organ_spans(text: str) -> list[Span]:
    # the extractor's own gazetteer and organ names: the knowledge is kept in one place
    from kirok.extract.organs import find_organs
    from kirok.extract.places import find_places

    spans = [(p.start, p.end) for p in find_places(text)]
    spans += [(o.start, o.end) for o in find_organs(text, None)]
    return spans


def _overlaps(span: Span, others: list[Span]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in others)


def _inside(span: Span, others: list[Span]) -> bool:
    return any(s <= span[0] and span[1] <= e for s, e in others)


def _merged(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out
