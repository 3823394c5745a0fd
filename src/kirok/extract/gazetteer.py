"""The gazetteer as a list and a look-up for place pickers: the review form offers every
spelling of every locality, and a correction resolves what was typed to the canonical place."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from kirok.extract.places import (
    NATIONAL,
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


@lru_cache(maxsize=1)
def _pinned() -> frozenset[tuple[str, str]]:
    """(province, locality) of the places with a point of their own, or (for a district)
    the point of the city or county it lies in. The rest borrow their province seat's."""
    rows = [(place, row) for place, row in _load_places({p.name: p for p, _ in _provinces()})]
    own = {(p.province, p.name) for p, row in rows if row["lat"].strip() and row["lon"].strip()}
    inherited = {
        (p.province, p.name)
        for p, row in rows
        if p.kind == "district" and p.locality and (p.province, p.locality) in own
    }
    return frozenset(own | inherited)


def geo_precision(province: str | None, locality: str | None) -> str | None:
    """How finely a record's point places it: "locality" only when the gazetteer has a point
    for that locality; one it lacks sits at its province seat and says "province"."""
    if province == NATIONAL and not locality:
        return NATIONAL
    if locality:
        found = locality_named(locality, province)
        if found is None or (found[1], found[0]) not in _pinned():
            return "province" if province else None
        return "locality"
    return "province" if province else None
