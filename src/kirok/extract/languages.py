"""Which front-end reads a report: the language its letters are in.

A report is Korean when a good share of its letters are Hangul: English reports quote a
Korean word now and then (혜산), Korean ones an English name now and then (USB, RFA).
"""

from __future__ import annotations

from functools import cache

from kirok.extract.english import EnglishFrontend
from kirok.extract.frontend import Frontend
from kirok.extract.korean import KoreanFrontend

HANGUL_SHARE = 0.3  # of the letters in a report's first SAMPLE characters
SAMPLE = 5000


def language_of(text: str) -> str:
    letters = [c for c in text[:SAMPLE] if c.isalpha()]
    if not letters:
        return "en"
    hangul = sum(1 for c in letters if "\uac00" <= c <= "\ud7a3")
    return "ko" if hangul / len(letters) >= HANGUL_SHARE else "en"


@cache
def _frontends() -> dict[str, Frontend]:
    return {f.language: f for f in (EnglishFrontend(), KoreanFrontend())}


def frontend_for(text: str) -> Frontend:
    """The front-end for the report's language."""
    return _frontends()[language_of(text)]
