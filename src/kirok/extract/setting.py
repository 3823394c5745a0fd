"""Whose acts a report tells of: North Korea's, or another state's.

Reports on defectors arrested in China, or a trial in Minsk, use the same words as
reports on North Korea's own apparatus. A report whose names of other states and their
places (knowledge/foreign.csv) outnumber by far its North Korean places and organs is
set abroad: there a record stands only where its own sentence names a North Korean
place or organ.
"""

from __future__ import annotations

from functools import cache

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from kirok.extract import nlp
from kirok.knowledge import read_table

# organs only North Korea has; courts, prosecutors, police words in general and "the
# authorities" are every state's
NORTH_KOREAN_ORGANS = frozenset(
    {"leader", "party", "state_security", "task_force", "youth_league", "inminban",
     "trade_union"}
)
MIN_FOREIGN = 3  # fewer foreign names than this never set a report abroad
RATIO = 2  # foreign names must outnumber North Korean places and organs this many times


@cache
def _matcher() -> PhraseMatcher:
    english = nlp.english()
    matcher = PhraseMatcher(english.vocab, attr="LOWER")
    matcher.add("foreign", [english.make_doc(row["words"]) for row in read_table("foreign.csv")])
    return matcher


def foreign_mentions(doc: Doc) -> int:
    return len(_matcher()(doc))


def set_abroad(foreign: int, places: int, organs: list[str]) -> bool:
    home = places + sum(1 for o in organs if o in NORTH_KOREAN_ORGANS)
    return foreign >= MIN_FOREIGN and foreign > RATIO * home
