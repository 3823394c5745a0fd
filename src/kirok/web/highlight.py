"""Evidence shown inside the report text. The report is untrusted, so every piece of it is
escaped on its own and only our <mark> tags are joined around the escaped pieces."""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from markupsafe import Markup, escape

# Bidirectional controls reorder what follows them: "report\u202etxt.exe" displays as
# "reportexe.txt". They are shown as their code point so a reader sees what is there.
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_REVEAL = {ord(c): f"\u27e8U+{ord(c):04X}\u27e9" for c in BIDI_CONTROLS}


def reveal(text: str) -> str:
    """`text` with every bidirectional control replaced by a visible ⟨U+202E⟩."""
    return text.translate(_REVEAL)


def merge_spans(spans: Iterable[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Clip spans to the text and merge overlaps, so marks never nest or cross."""
    clipped = sorted((max(0, s), min(length, e)) for s, e in spans if min(length, e) > max(0, s))
    merged: list[tuple[int, int]] = []
    for start, end in clipped:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def linked_spans(
    spans: Iterable[tuple[int, int, int]], length: int
) -> list[tuple[int, int, list[int]]]:
    """(start, end, record ids) with overlapping evidence of several records merged into one
    span that names them all, so marks never nest or cross."""
    merged: list[tuple[int, int, list[int]]] = []
    for start, end, rid in sorted(spans):
        start, end = max(0, start), min(length, end)
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            last = merged[-1]
            merged[-1] = (last[0], max(end, last[1]), [*last[2], rid])
        else:
            merged.append((start, end, [rid]))
    return merged


def highlight_records(text: str, spans: Iterable[tuple[int, int, int]]) -> Markup:
    """The report with every record's evidence marked, each mark a link to its record (to
    the first, when several records quote the same words; the title names them all)."""
    parts: list[str] = []
    cursor = 0
    for start, end, ids in linked_spans(spans, len(text)):
        parts.append(str(escape(reveal(text[cursor:start]))))
        names = ", ".join(f"#{rid}" for rid in dict.fromkeys(ids))
        parts.append(
            f'<a class="evidence-link" href="/records/{int(ids[0])}" title="record {names}">'
            f'<mark class="evidence">{escape(reveal(text[start:end]))}</mark></a>'
        )
        cursor = end
    parts.append(str(escape(reveal(text[cursor:]))))
    return Markup("".join(parts))


def highlight(text: str, spans: Iterable[tuple[int, int]]) -> Markup:
    parts: list[str] = []
    cursor = 0
    for start, end in merge_spans(spans, len(text)):
        parts.append(str(escape(reveal(text[cursor:start]))))
        parts.append(f'<mark class="evidence">{escape(reveal(text[start:end]))}</mark>')
        cursor = end
    parts.append(str(escape(reveal(text[cursor:]))))
    return Markup("".join(parts))


def safe_url(url: str | None) -> str | None:
    """A link target only for http(s) URLs; javascript:, data: and the rest stay plain text."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url.strip()
    return None


def marked_snippet(snippet: str, start: str, end: str) -> Markup:
    """A search snippet with the matched words (between `start` and `end`) in <mark>; the
    text around them is escaped like any report text."""
    pieces = escape(reveal(snippet))
    if pieces.count(start) != pieces.count(end):  # the report itself held a marker
        return Markup(str(pieces).replace(start, "").replace(end, ""))
    return Markup(str(pieces).replace(start, '<mark class="hit">').replace(end, "</mark>"))
