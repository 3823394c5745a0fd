"""Trigger phrases written as lemmas (knowledge/trigger_phrases.csv), matched by spaCy.

Each phrase is a few words; a word matches a token whose form or lemma it is ("put
behind bar" matches "were put behind bars"), `*` is any one word, `*?` at most one,
`...` up to eight words or commas within the sentence (what an object or an aside puts
between a verb and its particle: "warned high officials not to", "the lockdown in
Hyesan, imposed in March, was lifted") and `#` a number ("80", "500,000", "ten": a sum
or a count that no list of words could hold). A word written after `=` matches that form
only, for where the tense tells the act ("=were catch": "were caught", not "are caught").
Phrases of plain words are compiled into a spaCy `PhraseMatcher` over the tokens'
lemmas (a hash look-up per token), those with wildcards into a `Matcher`; the lemmas
are the keys `kirok.extract.nlp` chooses among each word's.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.matcher import Matcher, PhraseMatcher
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


# what a wildcard may stand for: a word or a comma, not the end of a sentence or clause
_IN_SENTENCE = {"TEXT": {"NOT_IN": [".", "!", "?", ";", ":"]}, "IS_SPACE": False}
GAP = 8  # words and commas `...` stands for, at most
NUMBER = "#"  # a number, in figures or in words
FORM = "="  # before a word: that form only, not its other inflections


def token_pattern(word: str) -> dict[str, Any]:
    if word == "*":
        return dict(_IN_SENTENCE)
    if word == "*?":
        return {**_IN_SENTENCE, "OP": "?"}
    if word == "...":
        return {**_IN_SENTENCE, "OP": f"{{0,{GAP}}}"}
    if word == NUMBER:
        return {"LIKE_NUM": True}
    if _is_form(word):
        return {"LOWER": word[1:].lower()}
    # the lemma a token of this word is given, so that spaCy compares one value natively
    return {"LEMMA": nlp.lemma_for(word)}


@cache
def vocabulary() -> frozenset[str]:
    """Every key of every word the phrases are written with."""
    words = {w for p in phrases() for w in p.words.split() if not _is_wildcard(w)}
    return frozenset(k for w in words for k in nlp.word_keys(w))


@dataclass(frozen=True)
class Matchers:
    plain: PhraseMatcher  # phrases of plain words
    wild: Matcher  # phrases with wildcards

    def __len__(self) -> int:
        return len(self.plain) + len(self.wild)


def _is_form(word: str) -> bool:
    return word.startswith(FORM) and len(word) > 1


def _is_wildcard(word: str) -> bool:
    """A word that is no lemma: compiled into the Matcher rather than the PhraseMatcher."""
    return word.startswith("*") or word in ("...", NUMBER) or _is_form(word)


def _is_gap(word: str) -> bool:
    """A wildcard that stands for words of any kind: none can begin or end a phrase,
    where it would only stretch the match (a number or a form can: "# - day battle")."""
    return _is_wildcard(word) and word != NUMBER and not _is_form(word)


@cache
def matcher() -> Matchers:
    vocab = nlp.english().vocab
    plain, wild = PhraseMatcher(vocab, attr="LEMMA"), Matcher(vocab, validate=True)
    for number, phrase in enumerate(phrases()):
        words = phrase.words.split()
        if not words or _is_gap(words[0]) or _is_gap(words[-1]):
            raise ValueError(f"{FILE}: phrase {phrase.words!r} must begin and end with a word")
        if any(_is_wildcard(w) for w in words):
            wild.add(str(number), [[token_pattern(w) for w in words]])
        else:
            lemmas = [nlp.lemma_for(w) for w in words]
            plain.add(str(number), [Doc(vocab, words=words, lemmas=lemmas)])
    return Matchers(plain, wild)


def find(doc: Doc) -> list[PhraseHit]:
    """Every phrase in the document, the longest where several start at one token."""
    vocab = doc.vocab.strings
    spans: dict[int, PhraseHit] = {}
    compiled = matcher()
    for match_id, start, end in [*compiled.plain(doc), *compiled.wild(doc)]:
        hit = PhraseHit(int(vocab[match_id]), doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
        held = spans.get(hit.start)
        if held is None or hit.end > held.end:
            spans[hit.start] = hit
    return sorted(spans.values(), key=lambda h: h.start)
