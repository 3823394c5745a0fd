"""Person names found by spaCy's entity recogniser, for names of no set shape.

The extractor's pipeline (kirok.extract.nlp) loads only the tokenizer: the recogniser is
loaded here, once and only when something is redacted, without the tagger and parser it
does not need (en_core_web_sm's recogniser has its own token vectors).
"""

from __future__ import annotations

import re
from functools import cache

import spacy
from spacy.language import Language

from kirok.extract.nlp import MODEL
from kirok.privacy import korean

_HANGUL = re.compile(r"[\uac00-\ud7a3]")
# Chinese surnames whose romanisation looks Korean: a Korean-looking name led by one of
# these is a Chinese person's ("Li Ming"), not a Korean word the recogniser took for one
_CHINESE_SURNAMES = frozenset(
    "li lin liu wang yang ma sun hu he han jin song tang cao xu deng feng".split()
)
# a capital after a word's first letter or after a blank: something a name could be
_CAPITALISED = re.compile(r"(?<=[\s(\"'“‘])[A-Z]")


@cache
def recogniser() -> Language:
    nlp = spacy.load(
        MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "senter"]
    )
    nlp.max_length = 50_000_000  # no parser loaded: its memory is what the cap guards
    return nlp


def person_spans(text: str) -> list[tuple[int, int]]:
    # The English model reads English; a text with no capitalised word but its first has
    # no name for it to find, and skipping it keeps exports fast.
    if _HANGUL.search(text) and len(_HANGUL.findall(text)) * 3 > len(text):
        return []
    if not _CAPITALISED.search(text) and not text[:1].isupper():
        return []
    words = re.findall(r"[A-Za-z][\w'’-]*", text)
    if len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.6 * len(words):
        # a headline in title case ("Korean Dramas Regulated"): every word looks like a
        # name to the recogniser; the patterns still read it
        return []
    known = korean.surnames()
    spans: list[tuple[int, int]] = []
    for ent in recogniser()(text).ents:
        if ent.label_ != "PERSON":
            continue
        words = ent.text.split()
        # one word alone is a surname, too often the leader's ("Kim's orders"), or a word
        # the recogniser mistook ("Chollima"): the patterns judge surnames with context
        if len(words) < 2:
            continue
        if any(ch.isdigit() for ch in ent.text) or ent.text.isupper():
            continue
        if any(korean.INSTITUTION_WORD.fullmatch(w) for w in words[1:]):
            continue  # "Mansudae Art Studio": an institution
        # Korean words that are no name ("Rodong Sinmun"): a Korean name opens with a surname
        first = words[0].lower()
        if (first not in known and first not in _CHINESE_SURNAMES
                and all(korean.syllables_of(w) for w in words)):
            continue
        spans.append((ent.start_char, ent.end_char))
    return spans
