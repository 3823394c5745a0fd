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

from spacy.attrs import LEMMA, LOWER
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
    """The compiled phrases. spaCy's Matcher tries every one of its patterns at every
    token, which over a few hundred wildcard phrases was most of the extractor's time;
    so they are grouped by their first word's lemma (or form), and each group is tried
    only where a token has it, over the tokens the longest of them can reach."""

    plain: PhraseMatcher  # phrases of plain words
    by_first: dict[int, tuple[Matcher, int]]  # first lemma's hash → its phrases, their reach
    by_form: dict[int, tuple[Matcher, int]]  # the same for a first word's form (=word)
    rest: Matcher  # phrases that begin with a number, tried everywhere
    count: int

    def __len__(self) -> int:
        return self.count

    def matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        found = list(self.plain(doc))
        found += self.rest(doc)
        keys = doc.to_array([LEMMA, LOWER]).tolist()
        for start, (lemma, lower) in enumerate(keys):
            for group in (self.by_first.get(lemma), self.by_form.get(lower)):
                if group is not None:
                    wild, reach = group
                    found += [
                        (key, start, start + end)
                        for key, begin, end in wild(doc[start : start + reach])
                        if begin == 0
                    ]
        return found


def _reach(words: list[str]) -> int:
    """The most tokens a phrase can span."""
    return sum(GAP if w == "..." else 1 for w in words)


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
    plain, rest = PhraseMatcher(vocab, attr="LEMMA"), Matcher(vocab, validate=True)
    grouped: dict[int, tuple[Matcher, int]] = {}
    by_form: dict[int, tuple[Matcher, int]] = {}
    for number, phrase in enumerate(phrases()):
        words = phrase.words.split()
        if not words or _is_gap(words[0]) or _is_gap(words[-1]):
            raise ValueError(f"{FILE}: phrase {phrase.words!r} must begin and end with a word")
        pattern = [token_pattern(w) for w in words]
        if not any(_is_wildcard(w) for w in words):
            lemmas = [nlp.lemma_for(w) for w in words]
            plain.add(str(number), [Doc(vocab, words=words, lemmas=lemmas)])
        elif words[0] == NUMBER:
            rest.add(str(number), [pattern])
        else:
            groups, first = (
                (by_form, words[0][1:].lower())
                if _is_form(words[0])
                else (grouped, nlp.lemma_for(words[0]))
            )
            key = vocab.strings.add(first)
            wild, reach = groups.get(key) or (Matcher(vocab, validate=True), 0)
            wild.add(str(number), [pattern])
            groups[key] = (wild, max(reach, _reach(words)))
    return Matchers(plain, grouped, by_form, rest, len(phrases()))


NONE = "none"  # the kind of words that hold a trigger's words but state no record


def find(doc: Doc) -> list[PhraseHit]:
    """Every phrase in the document, the longest where several start at one token,
    less those inside words of kind `none` ("order" in "in order to")."""
    vocab = doc.vocab.strings
    spans: dict[int, PhraseHit] = {}
    compiled = matcher()
    rows = phrases()
    for match_id, start, end in compiled.matches(doc):
        hit = PhraseHit(int(vocab[match_id]), doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))
        held = spans.get(hit.start)
        if held is None or hit.end > held.end:
            spans[hit.start] = hit
    blank = [h for h in spans.values() if rows[h.row].kind == NONE]
    return sorted(
        (
            h
            for h in spans.values()
            if rows[h.row].kind != NONE
            and not any(b.start <= h.start and h.end <= b.end for b in blank)
        ),
        key=lambda h: h.start,
    )
