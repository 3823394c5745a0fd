"""Korean place names without their administrative suffix: 혜산 for 혜산시, 청진에서.

The shared gazetteer (kirok.extract.places) matches Hangul names with their suffix, and
bare only when three syllables or more. Korean reports mostly drop the suffix, and a
two-syllable name is a place only when a particle or a place word follows it (혜산에서,
청진과, 회령 일대); names after persons (김정숙군) need their suffix.
"""

from __future__ import annotations

import re
from functools import cache

from kirok.extract.places import PlaceMention, find_places
from kirok.knowledge import read_table

_SUFFIXES = ("시", "군")
# what follows a bare place name: a particle, a place word, or a break
_AFTER = (
    r"(?=(?:에서|에는|에도|에|의|을|를|과|와|으로|로|서|까지|부터|지역|일대|시내|시장|역|세관|"
    r"주민|소식통|[\s·,)’'\"”]|$))"
)


@cache
def _bare_names() -> tuple[re.Pattern[str], dict[str, PlaceMention]]:
    templates: dict[str, PlaceMention] = {}
    for row in read_table("places.csv"):
        hangul = row["hangul"]
        if row["bare"] != "1" or row["kind"] not in ("city", "county") or hangul.startswith("김"):
            continue
        stem = hangul[:-1] if hangul.endswith(_SUFFIXES) else ""
        found = find_places(hangul)
        if len(stem) >= 2 and found and stem not in templates:
            templates[stem] = found[0]
    names = "|".join(sorted(templates, key=len, reverse=True))
    return re.compile(rf"(?<![가-힣])(?:{names}){_AFTER}"), templates


def _named_after_a_person(text: str, m: PlaceMention) -> bool:
    """김정숙의 is the leader's mother, not 김정숙군."""
    return m.text.startswith("김") and not text[m.start : m.end].endswith("군")


def find_korean_places(text: str) -> list[PlaceMention]:
    """The gazetteer's places, and bare two-syllable names where a particle follows."""
    found = [m for m in find_places(text) if not _named_after_a_person(text, m)]
    pattern, templates = _bare_names()
    for match in pattern.finditer(text):
        a, b = match.start(), match.end()
        if any(m.start < b and a < m.end for m in found):
            continue
        t = templates[match.group(0)]
        found.append(
            PlaceMention(a, b, text[a:b], t.province, t.locality, t.lat, t.lon, t.district)
        )
    return sorted(found, key=lambda m: m.start)
