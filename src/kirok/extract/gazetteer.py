"""The gazetteer as a list and a look-up for place pickers: the review form offers every
spelling of every locality, and a correction resolves what was typed to the canonical place."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kirok.extract.places import (
    _best,
    _load_places,
    _places_named,
    _provinces,
    _split,
    canonical_province,
)


@dataclass(frozen=True)
class GazetteerPlace:
    """A city, county or district as a place picker offers it: every spelling it answers to."""

    name: str
    kind: str
    province: str
    spellings: tuple[str, ...]  # name first, then Hangul and the variants reports use


@lru_cache(maxsize=1)
def gazetteer_places() -> tuple[GazetteerPlace, ...]:
    """Every locality of the gazetteer, by province and name."""
    provinces = {place.name: place for place, _ in _provinces()}
    out = []
    for place, row in _load_places(provinces):
        spellings = dict.fromkeys([row["name"], row["hangul"], *_split(row["variants"])])
        out.append(GazetteerPlace(place.name, place.kind, place.province, tuple(spellings)))
    return tuple(sorted(out, key=lambda p: (p.province, p.name)))


def locality_named(name: str, province: str | None = None) -> tuple[str, str] | None:
    """(canonical locality, its province) for any spelling of a city, county or district;
    the one in `province` when two places share the name. None when the gazetteer lacks it."""
    named = [p for p in _places_named(name) if p.kind != "province"]
    canonical = canonical_province(province) if province else None
    place = _best([p for p in named if p.province == canonical] or named)
    return (place.name, place.province) if place else None
