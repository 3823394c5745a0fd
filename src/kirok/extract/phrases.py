"""Trigger phrases written as lemmas (knowledge/trigger_phrases.csv), matched by spaCy.

Each phrase is a few words; a word matches a token whose form or lemma it is ("put
behind bar" matches "were put behind bars"), `*` is any one word and `*?` at most one.
The phrases are compiled into one spaCy `Matcher` over the tokens' lemmas, which
`kirok.extract.nlp` chooses among each word's keys.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.matcher import Matcher
from spacy.tokens import Doc

from kirok.extract import nlp
from kirok.knowledge import read_table

FILE = "trigger_phrases.csv"


@dataclass(frozen=True)
class Phrase:
    kind: str
    type: str
    words: str
    weight: float
    needs: str


@dataclass(frozen=True)
class PhraseHit:
    row: int  # index into phrases()
    start: int  # character offsets into the text
    end: int


@cache
def phrases() -> tuple[Phrase, ...]:
    return tuple(
        Phrase(row["kind"], row["type"], row["phrase"], float(row["weight"]), row["needs"])
        for row in read_table(FILE)
    )


def token_pattern(word: str) -> dict[str, Any]:
    if word == "*":
        return {}
    if word == "*?":
        return {"OP": "?"}
    # the lemma a token of this word is given, so that spaCy compares one value natively
    return {"LEMMA": nlp.lemma_for(word)}


@cache
def vocabulary() -> frozenset[str]:
    """Every key of every word the phrases are written with."""
    words = {w for p in phrases() for w in p.words.split() if not w.startswith("*")}
    return frozenset(k for w in words for k in nlp.word_keys(w))


@cache
def matcher() -> Matcher:
    m = Matcher(nlp.english().vocab, validate=True)
    for number, phrase in enumerate(phrases()):
        words = phrase.words.split()
        if not words or words[0].startswith("*") or words[-1].startswith("*"):
            raise ValueError(f"{FILE}: phrase {phrase.words!r} must begin and end with a word")
        m.add(str(number), [[token_pattern(w) for w in words]])
    return m


def find(doc: Doc) -> list[PhraseHit]:
    """Every phrase in the document, the longest where several start at one token."""
    vocab = doc.vocab.strings
    spans: dict[int, PhraseHit] = {}
    for match_id, start, end in matcher()(doc):
        hit = PhraseHit(int(vocab[match_id]), doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
        held = spans.get(hit.start)
        if held is None or hit.end > held.end:
            spans[hit.start] = hit
    return sorted(spans.values(), key=lambda h: h.start)
