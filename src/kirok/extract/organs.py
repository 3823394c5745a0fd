"""Which organs of the apparatus a report names, including the ambiguous "MSS".

English press writes "MSS" for both the Ministry of State Security (so named since
2016) and the Ministry of Social Security (the police, so named since 2020). We read
it as the ministry the report spells out in full, else from nearby police or secret-
police words, else from the report's date.
"""

from __future__ import annotations

import re

from kirok.extract.lexicon import Hit, scan, vocabulary

_MSS = re.compile(r"(?<![\w-])MSS(?!\w)")
_STATE_FULL = re.compile(r"ministry of state security|state security ministry", re.IGNORECASE)
_SOCIAL_FULL = re.compile(r"ministry of social security|social security ministry", re.IGNORECASE)
_POLICE_NEAR = re.compile(r"police|safety agent|anjeon|law enforcement|traffic", re.IGNORECASE)
_SECRET_NEAR = re.compile(
    r"secret police|bowibu|spy|spies|political crimes|state security", re.IGNORECASE
)
SOCIAL_SECURITY_RENAMED = "2020-05"
_LEADER_NAMED = re.compile(r"\bKim (?:Jong[ -]?[Uu]n|Jong[ -]?Il|Il[ -]?Sung)\b")
# someone else called Kim: "Kim Young-soon", "a woman surnamed Kim", "Ms. Kim"
_OTHER_KIM = re.compile(
    r"\bKim (?!Jong[ -]?[Uu]n\b|Jong[ -]?Il\b|Il[ -]?Sung\b|Yo[ -]?[Jj]ong\b|Ju[ -]?[Aa]e\b)[A-Z]"
    r"|\b(?:named|surnamed|family name(?: of)?|Mr\.?|Mrs\.?|Ms\.?|Miss|Dr\.?) Kim\b"
)
_BARE_KIM = re.compile(r"(?<![\w-])Kim(?![\w-]|\s+[A-Z])")
# a given name before "Kim": a by-line's "By Jieun Kim", or mid-sentence "analyst Sung Kim"
_GIVEN_NAME = re.compile(r"(?:\b[Bb]y|[a-z,]) [A-Z][\w'’-]+ $")


def resolve_mss(text: str, at: int, published: str | None) -> str:
    states, socials = bool(_STATE_FULL.search(text)), bool(_SOCIAL_FULL.search(text))
    if states != socials:
        return "state_security" if states else "social_security"
    near = text[max(0, at - 150) : at + 150]
    if _POLICE_NEAR.search(near) and not _SECRET_NEAR.search(near):
        return "social_security"
    if _SECRET_NEAR.search(near):
        return "state_security"
    if published and published < SOCIAL_SECURITY_RENAMED:
        return "state_security"
    return "state_security"


def find_organs(text: str, published: str | None, named: list[Hit] | None = None) -> list[Hit]:
    """Organs named in the text; `named` are the lexicon's hits when already found."""
    hits = list(named) if named is not None else scan(text, vocabulary("organs.csv", "organ"))
    hits += [
        Hit(resolve_mss(text, m.start(), published), m.start(), m.end(), m.group(0))
        for m in _MSS.finditer(text)
    ]
    hits += _leader_by_surname(text)
    hits.sort(key=lambda h: (h.start, -h.end))
    return _drop_nested(hits)


def _leader_by_surname(text: str) -> list[Hit]:
    """ "Kim" alone, once a report has named the leader and nobody else called Kim: news
    style names him in full once and by surname after."""
    if "Kim" not in text or not _LEADER_NAMED.search(text) or _OTHER_KIM.search(text):
        return []
    return [
        Hit("leader", m.start(), m.end(), m.group(0))
        for m in _BARE_KIM.finditer(text)
        if not _GIVEN_NAME.search(text[max(0, m.start() - 30) : m.start()])
    ]


def _drop_nested(hits: list[Hit]) -> list[Hit]:
    """Keep the first, longest name where names overlap ("secret police agents" is the
    secret police, not also the police), so a single mention counts as one organ."""
    kept: list[Hit] = []
    for hit in hits:
        if kept and hit.start < kept[-1].end:
            continue
        kept.append(hit)
    return kept
