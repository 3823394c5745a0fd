"""Place names that do not say where something happened.

The genre writes "Pyongyang" for the government ("Pyongyang claimed…", "Pyongyang's
orders", "talks between Washington and Pyongyang") and place names inside the names of
laws and papers ("the Pyongyang Cultural Language Protection Act", "the Pyongyang
Times"). Neither places an act; "in Pyongyang", "Pyongyang's Sadong district" and
"Pyongyang residents" do.
"""

from __future__ import annotations

import re

from kirok.extract.places import PlaceMention

_AFTER = 80  # characters after a name read for what follows it
_BEFORE = 40

# the capital as the subject of a state's act: "Pyongyang has ordered", "Pyongyang claimed"
_ACTS = re.compile(
    r"^\s+(?:\w+ly\s+)?(?:has|have|had|is|was|will|would|may|might|must|could|should|"
    r"says|said|claims|insists|wants|seeks|continues|appears|refuses|"
    r"(?!based\b|born\b|located\b)[a-z]+ed)\b"
)
# "Pyongyang's orders", not "Pyongyang's Sadong district" or "Pyongyang's residents"
_POSSESSIVE = re.compile(
    r"^['’]s\s+(?![A-Z])(?!(?:\w+\s+)?(?:city|district|streets?|residents|"
    r"citizens|markets?|outskirts|suburbs|centre|center|downtown|people)\b)"
)
_STATES = (
    r"(?:washington|seoul|beijing|tokyo|moscow|the (?:united states|us|u\.s\.)|china|"
    r"south korea|japan|russia)"
)
# "between Washington and Pyongyang", "Beijing and Pyongyang closed the border"
_PAIRED_BEFORE = re.compile(rf"\b{_STATES}\s+and\s+$", re.IGNORECASE)
_PAIRED_AFTER = re.compile(rf"^\s+and\s+{_STATES}\b", re.IGNORECASE)
# the regime as the one acted on or spoken of: "critical of Pyongyang", "ties with Pyongyang"
_ADDRESSED = re.compile(
    r"\b(?:critical of|pressure (?:on|upon)|pressured|sanctions (?:on|against)|ties with|"
    r"talks with|relations with|toward|towards|against|accused)\s+$",
    re.IGNORECASE,
)
# a place name opening the title of a law, paper or broadcaster
_TITLE = re.compile(
    r"^(?:\s+[A-Z][\w'’-]*){0,5}\s+(?:Act|Law|Times|Declaration|Statement|Radio|Broadcasting)\b"
)

# "officials in Pyongyang had been sent": a place however the sentence goes on
_LOCATIVE = re.compile(r"\b(?:in|at|to|into|near|around|outside|inside|from)\s+$", re.IGNORECASE)
# a place's own organ: "the Pyongyang People's Committee", "Hyesan City Party Committee",
# "the North Hamgyong Provincial Security Bureau"
_BRANCH = re.compile(
    r"^\s+(?:(?:city|county|provincial|province|district|municipal)\s+)?"
    r"(?:(?:people['’]?s|party|security|safety|police|prosecutors?['’]?)\s+)?"
    r"(?:committee|bureau|department|office|station|branch)\b",
    re.IGNORECASE,
)


def stands_for_government(text: str, mention: PlaceMention) -> bool:
    """ "Pyongyang has ordered ...": the capital's name standing for the government."""
    if mention.province != "Pyongyang" or mention.locality:
        return False
    after = text[mention.end : mention.end + _AFTER]
    before = text[max(0, mention.start - _BEFORE) : mention.start]
    return bool(
        (_ACTS.match(after) and not _LOCATIVE.search(before))
        or _POSSESSIVE.match(after)
        or _PAIRED_BEFORE.search(before)
        or _PAIRED_AFTER.match(after)
        or _ADDRESSED.search(before)
    )


def names_a_title(text: str, mention: PlaceMention) -> bool:
    """ "the Pyongyang Cultural Language Protection Act": part of a title, not a place."""
    return bool(_TITLE.match(text[mention.end : mention.end + _AFTER]))


def places_nothing(text: str, mention: PlaceMention) -> bool:
    return stands_for_government(text, mention) or names_a_title(text, mention)


def names_local_organ(text: str, mention: PlaceMention) -> bool:
    """ "the Pyongyang People's Committee": the place's own organ, whose order is local."""
    return bool(_BRANCH.match(text[mention.end : mention.end + _AFTER]))
