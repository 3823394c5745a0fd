"""Which front-end reads a report: the language its letters are in.

A report is Korean when a good share of its letters are Hangul: English reports quote a
Korean word now and then (혜산), Korean ones an English name now and then (USB, RFA).
"""

from __future__ import annotations

import re
from functools import cache

from kirok.extract.english import EnglishFrontend
from kirok.extract.frontend import Frontend
from kirok.extract.korean import KoreanFrontend

HANGUL_SHARE = 0.3  # of the letters in a report's first SAMPLE characters
SAMPLE = 5000


_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LETTER = re.compile(r"[^\W\d_]")


def language_of(text: str) -> str:
    sample = text[:SAMPLE]
    letters = len(_LETTER.findall(sample))
    if not letters:
        return "en"
    return "ko" if len(_HANGUL.findall(sample)) / letters >= HANGUL_SHARE else "en"


@cache
def _frontends() -> dict[str, Frontend]:
    return {f.language: f for f in (EnglishFrontend(), KoreanFrontend())}


def frontend_for(text: str) -> Frontend:
    """The front-end for the report's language."""
    return _frontends()[language_of(text)]
