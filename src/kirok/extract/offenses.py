"""What the victims of an act were accused of, or what a measure bans.

A sentence often names more than one kind of conduct: the setting ("during the pandemic"),
the victims' background and the accusation itself. Where the report says what the act
was *for* ("arrested ten women for wearing shorts", "executed on charges of smuggling"),
only the conduct in that accusation is the offence; otherwise every offence the
sentence names counts. An act that names none borrows from its paragraph, then from
what the report is about.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence

from kirok.extract.lexicon import Hit

# The words that introduce an accusation after the act: "for", "over", "on charges of",
# "accused of", "caught ...", "because they had ...". Only the link words themselves: the
# conduct after them is what the offence lexicon names.
_ACCUSATION = re.compile(
    r"\b(?:for|over|because|caught|found|accus\w*|charge[ds]?|convict\w*|guilty|suspect\w*)\b",
    re.IGNORECASE,
)
UNSPECIFIED = "anti_socialist"  # the codebook's "non-socialist conduct, unspecified"
ACCUSATION_REACH = 5  # words between the link and the conduct it introduces, at most


def in_accusation(sentence: str, hit: Hit) -> bool:
    """Whether an offence is introduced as what someone was accused or caught of, after
    the act ("arrested for ...") or on its victims ("those caught selling ... were fined").
    Offsets are relative to the sentence."""
    before = sentence[: hit.start]
    links = [m.end() for m in _ACCUSATION.finditer(before)]
    return bool(links) and len(before[links[-1] :].split()) <= ACCUSATION_REACH


def accused(sentence: str, hits: Sequence[Hit]) -> list[str]:
    """The offence codes of a sentence, narrowed to its accusation where it states one.
    Words inside longer offence words are part of them ("families of those who defected"
    is guilt by association, not a crossing), and the catch-all for non-socialist
    conduct gives way to the conduct the sentence names."""
    hits = [h for h in hits if not any(_within(h, other) for other in hits)]
    values = _unique(h.value for h in hits)
    if len(values) > 1:
        values = _unique(h.value for h in hits if in_accusation(sentence, h)) or values
    return specific(values)


def specific(values: list[str]) -> list[str]:
    """The offences less the catch-all where a specific conduct is named."""
    if UNSPECIFIED in values and len(values) > 1:
        return [v for v in values if v != UNSPECIFIED]
    return values


def _within(hit: Hit, other: Hit) -> bool:
    return other.start <= hit.start and hit.end <= other.end and (
        other.end - other.start > hit.end - hit.start
    )


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
