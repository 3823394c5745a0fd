"""Reading a report into paragraphs and sentences, keeping every offset into the text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from kirok.knowledge import read_table


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    text: str
    paragraph: int  # index of the paragraph it belongs to
    index: int  # position in the report


# A paragraph ends at a blank line; a single newline ends a sentence only after
# closing punctuation, because wrapped text (hard line breaks mid-sentence) is common.
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u00a0]*\n\s*")
_SENTENCE_END = re.compile(
    r"""(?<=[.!?])["”’')\]]*\s+(?=["“‘(]?[A-Z0-9"“‘])   # punctuation, then a capital
      | (?<=[.!?"”’:])[ \t]*\n\s*                        # a line ending in punctuation
    """,
    re.VERBOSE | re.MULTILINE,
)


# A short line without closing punctuation ends where it ends: a heading, a byline.
_SHORT_LINE = re.compile(r"(?m)^[^\n]{1,50}(?<![,;.!?\"”’:])(\n)(?=[A-Z“\"])")


_CLOSED = re.compile(r"[.!?\"”’:]\s*$")


@lru_cache(maxsize=1)
def _abbreviations() -> re.Pattern[str]:
    words = [row["abbreviation"] for row in read_table("abbreviations.csv")]
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:\b(?:{alternation})|\b[A-Z])\.$")


def paragraphs(text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    pos = 0
    for match in _PARAGRAPH_BREAK.finditer(text):
        spans.append((pos, match.start()))
        pos = match.end()
    spans.append((pos, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def _hard_wrapped(paragraph: str) -> bool:
    """Text broken into lines of a set width, where a short line is not a heading."""
    lines = paragraph.splitlines()
    if len(lines) < 3:
        return False
    wrapped = [ln for ln in lines if len(ln.rstrip()) >= 55 and not _CLOSED.search(ln)]
    return len(wrapped) * 2 >= len(lines)


def _split_paragraph(text: str, start: int, end: int) -> list[tuple[int, int]]:
    pieces: list[tuple[int, int]] = []
    pos = start
    abbreviation = _abbreviations()
    breaks = [(m.start(), m.end()) for m in _SENTENCE_END.finditer(text, start, end)]
    if not _hard_wrapped(text[start:end]):
        breaks += [(m.start(1), m.end(1)) for m in _SHORT_LINE.finditer(text, start, end)]
    breaks.sort()
    for b_start, b_end in breaks:
        if b_start < pos:
            continue
        head = text[pos:b_start]
        if abbreviation.search(head.rstrip("\"”’')]")):
            continue  # "Oct. 12", "Mr. Kim", "U.S. officials": not a sentence end
        pieces.append((pos, b_start))
        pos = b_end
    pieces.append((pos, end))
    return pieces


def sentences(text: str) -> list[Sentence]:
    """Sentences with offsets such that text[s.start:s.end] == s.text, stripped of edge space."""
    out: list[Sentence] = []
    for number, (p_start, p_end) in enumerate(paragraphs(text)):
        for s_start, s_end in _split_paragraph(text, p_start, p_end):
            chunk = text[s_start:s_end]
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk.rstrip())
            if trail <= lead:
                continue
            a, b = s_start + lead, s_start + trail
            out.append(Sentence(a, b, text[a:b], number, len(out)))
    return out
