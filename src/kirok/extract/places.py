"""Place names in report text → provinces and localities of the gazetteer.

The gazetteer is data (knowledge/provinces.csv, knowledge/places.csv). This module expands
each entry into the spellings reports use ("Hoiryeong", "North Hamkyung Province",
"Hyesan City", "Hamgyong-bukto"), finds them with one Aho-Corasick pass over the text,
and resolves names that two places share from the provinces mentioned nearby.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache

import ahocorasick

from kirok.knowledge import read_table

NATIONAL = "national"
# How far (in characters) a province mention may be from an ambiguous name to decide it.
CONTEXT_CHARS = 200

# One-to-one character folds applied to the text before matching, so offsets stay valid.
_FOLDS = {
    "ŏ": "o",
    "Ŏ": "O",
    "ŭ": "u",
    "Ŭ": "U",
    "ǒ": "o",
    "Ǒ": "O",
    "ǔ": "u",
    "Ǔ": "U",
    "’": "'",
    "‘": "'",
    "ʼ": "'",
    "`": "'",
    "´": "'",
    "‐": "-",
    "‑": "-",
    "–": "-",
    "—": "-",
    # A name may be wrapped across lines ("North\nPyongan Province").
    "\n": " ",
    "\r": " ",
    "\t": " ",
    "\xa0": " ",
}
_CHAR_FOLD = str.maketrans(_FOLDS)
# str.translate walks every character in Python; a regex touches only the rare ones.
_FOLD_RE = re.compile("[" + "".join(_FOLDS) + "]")
_KIND_SUFFIXES = {
    "province": (" province", " prov.", "-do"),
    "city": (" city", "-si", "-shi"),
    "county": (" county", "-gun", "-kun"),
    "district": (" district", "-guyok", "-kuyok", "-guyeok", " workers' district"),
}
_NORTH_FORMS = ("north {}", "n. {}", "northern {}", "{}-bukto", "{}-bukdo", "{}-pukto", "{}buk-do")
_SOUTH_FORMS = ("south {}", "s. {}", "southern {}", "{}-namdo", "{}-namto", "{}nam-do")
_HANGUL_SUFFIXES = (
    "로동자구",
    "노동자구",
    "직할시",
    "특별시",
    "특급시",
    "구역",
    "지구",
    "시",
    "군",
)


@dataclass(frozen=True)
class PlaceMention:
    start: int  # char offset in text
    end: int
    text: str  # text[start:end]
    province: str | None  # canonical first-level unit; never "national"
    locality: str | None  # canonical city/county/district; None for a province-only mention
    lat: float | None
    lon: float | None
    district: str | None = None  # a dong/ri named under `locality`, e.g. "Nammun-dong"


@dataclass(frozen=True)
class _Place:
    name: str
    kind: str  # province | city | county | district
    province: str
    locality: str | None
    district: str | None
    lat: float | None
    lon: float | None
    preferred: bool


@dataclass
class _Gazetteer:
    places: list[_Place]
    lookup: dict[str, list[int]]  # folded spelling → place indices
    automaton: ahocorasick.Automaton  # lowered surface form → (length, indices, is_hangul)


def _is_hangul(text: str) -> bool:
    return any("\uac00" <= char <= "\ud7a3" for char in text)


def _fold_text(text: str) -> str:
    """Lower-cased, diacritic-folded copy of `text` with the same length."""
    folded = _FOLD_RE.sub(lambda m: _FOLDS[m.group()], text)
    lowered = folded.lower()
    if len(lowered) == len(folded):
        return lowered
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in folded)


def _key(spelling: str) -> str:
    """Lookup key: no case, diacritics, apostrophes, hyphens, dots or spaces."""
    out = []
    for char in unicodedata.normalize("NFC", spelling).translate(_CHAR_FOLD).lower():
        if ord(char) < 0x3000:  # decompose Latin letters only; hangul would fall apart
            char = "".join(
                c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
            )
        out.append(char)
    return "".join(c for c in "".join(out) if c.isalnum())


def _split(cell: str) -> list[str]:
    return [part.strip() for part in cell.split("|") if part.strip()]


def _coord(cell: str) -> float | None:
    return float(cell) if cell.strip() else None


def _surface_forms(spellings: Iterable[str], kind: str) -> set[str]:
    """Every lowered form a spelling takes in text: hyphen/space variants and kind suffixes."""
    forms: set[str] = set()
    for spelling in spellings:
        if _is_hangul(spelling):
            forms.add(spelling)
            continue
        base = _fold_text(spelling)
        shapes = {base, base.replace("'", "")}
        shapes |= {s.replace("-", " ") for s in shapes} | {s.replace("-", "") for s in shapes}
        for shape in shapes:
            forms.add(shape)
            forms.update(shape + suffix for suffix in _KIND_SUFFIXES[kind])
    return forms


def _province_spellings(row: dict[str, str]) -> list[str]:
    spellings = [row["name"], row["hangul"], *_split(row["variants"])]
    templates = {"north": _NORTH_FORMS, "south": _SOUTH_FORMS}.get(row["direction"], ())
    for stem in _split(row["stems"]):
        spellings.extend(template.format(stem) for template in templates)
    return spellings


def _hangul_stem(hangul: str) -> str:
    for suffix in _HANGUL_SUFFIXES:
        if hangul.endswith(suffix):
            return hangul[: -len(suffix)]
    return hangul


def _locality_spellings(row: dict[str, str]) -> tuple[list[str], list[str]]:
    """(spellings matched in running text, extra spellings only used for lookups)."""
    matched = [*_split(row["variants"]), row["hangul"]]
    stem = _hangul_stem(row["hangul"])
    lookup_only = [row["name"], stem]
    if row["bare"] == "1":
        matched.append(row["name"])
        if len(stem) >= 3:  # two-syllable stems are often ordinary Korean words
            matched.append(stem)
    return matched, lookup_only


def _place_for(
    row: dict[str, str], provinces: dict[str, _Place], parents: dict[str, _Place]
) -> _Place:
    lat, lon = _coord(row["lat"]), _coord(row["lon"])
    parent = row["parent"]
    if parent in provinces:
        seat = provinces[parent]
        province, locality, district = parent, row["name"], None
    else:
        seat = parents[parent]
        province, locality, district = seat.province, seat.name, row["name"]
    if lat is None or lon is None:
        lat, lon = seat.lat, seat.lon
    return _Place(
        row["name"], row["kind"], province, locality, district, lat, lon, row["preferred"] == "1"
    )


def _load_places(provinces: dict[str, _Place]) -> Iterator[tuple[_Place, dict[str, str]]]:
    """Places in an order where every district comes after the locality it belongs to."""
    rows = read_table("places.csv")
    parents: dict[str, _Place] = {}
    for row in sorted(rows, key=lambda r: r["kind"] == "district"):
        place = _place_for(row, provinces, parents)
        if place.kind != "district" and (place.preferred or place.name not in parents):
            parents[place.name] = place
        yield place, row


class _Builder:
    def __init__(self) -> None:
        self.places: list[_Place] = []
        self.lookup: dict[str, list[int]] = {}
        self.surfaces: dict[str, set[int]] = {}

    def add(
        self, place: _Place, matched: list[str], lookup_only: list[str], exclude: list[str]
    ) -> None:
        index = len(self.places)
        self.places.append(place)
        banned = {_key(spelling) for spelling in exclude}
        for form in _surface_forms(matched, place.kind):
            if _key(form) not in banned:
                self.surfaces.setdefault(form, set()).add(index)
        keys = {_key(form) for form in _surface_forms([*matched, *lookup_only], place.kind)}
        for key in keys - banned:
            self.lookup.setdefault(key, []).append(index)

    def build(self) -> _Gazetteer:
        automaton = ahocorasick.Automaton()
        for form, indices in self.surfaces.items():
            automaton.add_word(form, (len(form), tuple(sorted(indices)), _is_hangul(form)))
        automaton.make_automaton()
        return _Gazetteer(self.places, self.lookup, automaton)


def _provinces() -> Iterator[tuple[_Place, dict[str, str]]]:
    for row in read_table("provinces.csv"):
        lat, lon = _coord(row["lat"]), _coord(row["lon"])
        yield _Place(row["name"], "province", row["name"], None, None, lat, lon, True), row


@lru_cache(maxsize=1)
def _gazetteer() -> _Gazetteer:
    builder = _Builder()
    provinces: dict[str, _Place] = {}
    for place, row in _provinces():
        provinces[place.name] = place
        builder.add(place, _province_spellings(row), [], _split(row["exclude"]))
    for place, row in _load_places(provinces):
        matched, lookup_only = _locality_spellings(row)
        builder.add(place, matched, lookup_only, _split(row["exclude"]))
    return builder.build()


# ---- finding mentions -------------------------------------------------------------------


def _boundaries_ok(text: str, start: int, end: int, hangul: bool) -> bool:
    if start > 0 and text[start - 1].isalnum():
        return False
    if hangul:
        return True  # Korean particles attach directly to the name (회령에서)
    if not text[start].isupper():
        return False  # place names are capitalised; lower case means a common word
    if end < len(text) and text[end].isalnum():
        return False
    # "Hwasong-15" is a missile, not the county.
    return not (end + 1 < len(text) and text[end] == "-" and text[end + 1].isdigit())


def _raw_matches(text: str) -> list[tuple[int, int, tuple[int, ...]]]:
    found = []
    for last, (length, indices, hangul) in _gazetteer().automaton.iter(_fold_text(text)):
        start, end = last - length + 1, last + 1
        if _boundaries_ok(text, start, end, hangul):
            found.append((start, end, indices))
    return found


def _longest(
    matches: list[tuple[int, int, tuple[int, ...]]],
) -> list[tuple[int, int, tuple[int, ...]]]:
    # longest first, each kept if it overlaps none kept so far; the kept spans are disjoint,
    # so sorted, and only the neighbours on either side need checking (linear, not all)
    chosen: list[tuple[int, int, tuple[int, ...]]] = []
    for match in sorted(matches, key=lambda m: (m[0] - m[1], m[0])):
        at = bisect.bisect_left(chosen, match)
        before_ok = at == 0 or chosen[at - 1][1] <= match[0]
        after_ok = at == len(chosen) or match[1] <= chosen[at][0]
        if before_ok and after_ok:
            chosen.insert(at, match)
    return chosen


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(b[0] - a[1], a[0] - b[1], 0)


def _context_province(
    span: tuple[int, int], known: list[tuple[int, int, _Place]], options: set[str]
) -> str | None:
    """Of the provinces in `options`, the one named nearest, province mentions first."""
    near = [
        (p.kind != "province", _distance(span, (s, e)), p.province)
        for s, e, p in known
        if p.province in options and _distance(span, (s, e)) <= CONTEXT_CHARS
    ]
    return min(near)[2] if near else None


def _choose(candidates: list[_Place], province: str | None) -> _Place | None:
    for pool in ([c for c in candidates if c.province == province], candidates):
        preferred = [c for c in pool if c.preferred]
        if len(pool) == 1 or len(preferred) == 1:
            return pool[0] if len(pool) == 1 else preferred[0]
    return None


def _mention(text: str, start: int, end: int, place: _Place) -> PlaceMention:
    return PlaceMention(
        start,
        end,
        text[start:end],
        place.province,
        place.locality,
        place.lat,
        place.lon,
        place.district,
    )


def find_places(text: str) -> list[PlaceMention]:
    """Every gazetteer place named in `text`, by position; the longest spelling wins."""
    places = _gazetteer().places
    matches = _longest(_raw_matches(text))
    known = [
        (s, e, places[ix[0]])
        for s, e, ix in matches
        if len({(places[i].province, places[i].locality) for i in ix}) == 1
    ]
    mentions = []
    for start, end, indices in matches:
        candidates = [places[i] for i in indices]
        if len({(c.province, c.locality, c.district) for c in candidates}) == 1:
            mentions.append(_mention(text, start, end, candidates[0]))
            continue
        options = {c.province for c in candidates}
        chosen = _choose(candidates, _context_province((start, end), known, options))
        if chosen is not None:
            mentions.append(_mention(text, start, end, chosen))
        else:
            names = {c.locality for c in candidates}
            locality = names.pop() if len(names) == 1 else None
            mentions.append(PlaceMention(start, end, text[start:end], None, locality, None, None))
    return mentions


# ---- normalising names --------------------------------------------------------------------


def _places_named(name: str) -> list[_Place]:
    gazetteer = _gazetteer()
    return [gazetteer.places[i] for i in gazetteer.lookup.get(_key(name), [])]


def _best(places: list[_Place]) -> _Place | None:
    if not places:
        return None
    return next((p for p in places if p.preferred), places[0])


def canonical_province(name: str) -> str | None:
    """Canonical first-level unit for any spelling ("North Hamkyung Province", "Yanggang")."""
    if name.strip().lower() == NATIONAL:
        return NATIONAL
    place = _best([p for p in _places_named(name) if p.kind == "province"])
    return place.name if place else None


def canonical_locality(name: str) -> str | None:
    """Canonical city, county or district for any spelling; None for provinces and unknowns."""
    place = _best([p for p in _places_named(name) if p.kind != "province"])
    return place.name if place else None


def province_of(locality: str) -> str | None:
    """The first-level unit a city, county or district lies in (the commonly meant one)."""
    place = _best(_places_named(locality))
    return place.province if place else None


@lru_cache(maxsize=4096)
def coordinates(province: str | None, locality: str | None) -> tuple[float, float] | None:
    """The locality's coordinates, else the province seat's; None if neither is known."""
    if locality:
        canonical = canonical_province(province) if province else None
        named = [p for p in _places_named(locality) if p.kind != "province"]
        place = _best([p for p in named if p.province == canonical] or named)
        if place and place.lat is not None and place.lon is not None:
            return place.lat, place.lon
    if province:
        seat = _best([p for p in _places_named(province) if p.kind == "province"])
        if seat and seat.lat is not None and seat.lon is not None:
            return seat.lat, seat.lon
    return None

