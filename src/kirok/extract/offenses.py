"""What the victims of an act were accused of, or what a measure bans.

A sentence often names more than one kind of conduct: the setting ("during the pandemic"),
the victims' background and the accusation itself. Where the report says what the act
was *for* ("arrested ten women for wearing shorts", "executed on charges of smuggling"),
only the conduct in that accusation is the offence; otherwise every offence the
sentence names counts. An act that names none borrows from its paragraph, then from
what the report is about.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence

from kirok.extract.lexicon import Hit

UNSPECIFIED = "anti_socialist"  # the codebook's "non-socialist conduct, unspecified"
ACCUSATION_REACH = 5  # words between the link and the conduct it introduces, at most
ACCUSATION_SPAN = 80  # characters within which those words must lie


def in_accusation(sentence: str, hit: Hit, links: Sequence[int]) -> bool:
    """Whether an offence is introduced as what someone was accused or caught of, after
    the act ("arrested for ...") or on its victims ("those caught selling ... were fined").
    `links` are the sorted ends of the accusation cue words (knowledge/cues.csv); offsets
    are relative to the sentence."""
    last = bisect_right(links, hit.start) - 1
    if last < 0 or hit.start - links[last] > ACCUSATION_SPAN:
        return False
    return len(sentence[links[last] : hit.start].split()) <= ACCUSATION_REACH


def accused(sentence: str, hits: Sequence[Hit], links: Sequence[int] = ()) -> list[str]:
    """The offence codes of a sentence, narrowed to its accusation where it states one.
    Words inside longer offence words are part of them ("families of those who defected"
    is guilt by association, not a crossing), and the catch-all for non-socialist
    conduct gives way to the conduct the sentence names."""
    hits = _outermost(hits)
    values = _unique(h.value for h in hits)
    if len(values) > 1 and links:
        ends = sorted(links)
        values = _unique(h.value for h in hits if in_accusation(sentence, h, ends)) or values
    return specific(values)


def specific(values: list[str]) -> list[str]:
    """The offences less the catch-all where a specific conduct is named."""
    if UNSPECIFIED in values and len(values) > 1:
        return [v for v in values if v != UNSPECIFIED]
    return values


def _outermost(hits: Sequence[Hit]) -> list[Hit]:
    """The hits not inside the words of a longer one, in one pass by start (a sentence
    can hold thousands of offence words)."""
    kept: list[Hit] = []
    reach: tuple[int, int] = (-1, -1)  # the span reaching furthest so far
    for hit in sorted(hits, key=lambda h: (h.start, -h.end)):
        inside = reach[1] >= hit.end and reach != (hit.start, hit.end)
        if not inside:
            kept.append(hit)
        if hit.end > reach[1]:
            reach = (hit.start, hit.end)
    return kept


def offenses_for(
    own: list[str],
    neighbours: Callable[[], list[list[str]]],
    theme: str | None,
    widen: bool,
    on_officials: bool = False,
) -> list[str]:
    """The sentence's own offences; for an act that names none (`widen`), those of the
    nearest neighbouring sentence that does, else the report's theme. An act against
    officials that names no conduct is a purge, whose charge the codebook files as other."""
    if own or not widen:
        return own
    for found in neighbours():
        if found:
            return _unique(found)
    if on_officials:
        return ["other"]
    return [theme] if theme else []


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))
