"""Who acts in a sentence: the organs that did the act or gave the order, not those it
was addressed to or tasked."""

from __future__ import annotations

import re

from kirok.extract.lexicon import Hit
from kirok.extract.text import Sentence

_AGENT = re.compile(r"\b(?:by|from|of)\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$", re.I)
_BY = re.compile(r"\bby\s+(?:the\s+)?(?:[\w'’-]+\s+){0,3}$", re.I)
# an organ an order or report goes to: "reported it to the people's unit"
_ADDRESSED = re.compile(r"\b(?:to|on|upon)\s+(?:the\s+|all\s+|each\s+|every\s+)?$", re.I)
# an organ told what to do: "the heads of the people's units have been ordered to"
_TOLD = re.compile(
    r"[\w\s'’]{0,20}?\b(?:(?:have|has|had|were|was|are|is) (?:been )?|being )"
    r"(?:ordered|instructed|told|directed|tasked|mobili[sz]ed|required|urged|called on)\b",
    re.I,
)
# an organ as the subject of a relative clause after the order: "a crackdown that the
# Ministry launched", "an instruction the committee handed down"
_ISSUED = re.compile(
    r"\s*(?:had |has |have )?(?:launched|issued|handed down|ordered|announced|declared|passed|"
    r"adopted|imposed|introduced|began|started|set up|organi[sz]ed|decided|delivered|sent down)\b",
    re.I,
)


def acting(text: str, s: Sentence, organs: list[Hit], anchor: int, kind: str) -> list[Hit]:
    """The organs that act: those named before the trigger word (the subject), or after
    it as the agent ("... were executed by the People's Safety Agency") or as the one
    issuing it ("a crackdown that the Ministry launched"), not those the act or order is
    addressed to ("instructed trading companies to ..."). "The authorities" as the
    subject stay the actor even when an organ is named later. An order whose sentence
    names no issuer is the authorities', whichever organs it tasks."""
    at = s.start + anchor
    agent = _AGENT if kind == "incident" else _BY
    acting = [
        o
        for o in organs
        if (
            o.start < at
            or agent.search(text[max(s.start, o.start - 30) : o.start])
            or (kind == "measure" and _ISSUED.match(text, o.end))
        )
        and not (
            kind == "measure"
            and (
                _ADDRESSED.search(text[max(s.start, o.start - 12) : o.start])
                or _TOLD.match(text, o.end)
            )
        )
    ]
    if kind == "measure" and acting and all(o.value == "authorities" for o in acting):
        return acting[:1]
    if kind == "measure":
        return acting
    return acting or organs


