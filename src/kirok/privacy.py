"""Keeping victims' names out of what Kirok publishes.

Reports sometimes name the people they describe ("a woman surnamed Kim", "identified by
his surname of Ri"). The store keeps the report whole, for the analyst; every export
passes evidence text through `redact_names` first, because an export leaves our hands.
"""

from __future__ import annotations

import re

WITHHELD = "[name withheld]"

# A personal name as English-language reports romanise it: one to three capitalised
# words, each possibly hyphenated ("Kim", "Ri Chol-su", "Pak Yong Nam").
_NAME = r"[A-Z][a-z]+(?:-[A-Za-z][a-z]*)*(?:\s+[A-Z][a-z]+(?:-[A-Za-z][a-z]*)*){0,2}"
_PERSON = (
    r"(?:man|woman|person|resident|student|teenager|girl|boy|worker|trader|farmer|soldier|"
    r"official|cadre|defector|smuggler|mother|father|wife|husband|son|daughter|driver|"
    r"merchant|youth|teacher|doctor|victim|source|individual|people|persons)"
)
_PATTERNS = [
    # "identified by his surname of Kim", "identified only by the surname Ri"
    re.compile(
        r"(?P<lead>\bidentified\s+(?:only\s+)?(?:by|as)\s+(?:(?:his|her|their|the)\s+)?"
        r"(?:(?:sur|last\s+|family\s+)?names?,?\s+(?:of\s+)?)?)(?P<name>" + _NAME + ")"
    ),
    # "surnamed Kim", "surname Ri", "last name Pak", "family name Choe"
    re.compile(
        r"(?P<lead>\b(?:surnamed|surname|(?:last|family)\s+name)(?:\s+(?:of|is|was))?,?\s+)"
        r"(?P<name>" + _NAME + ")"
    ),
    # "named Kim Chol-su": almost always a person in this genre
    re.compile(r"(?P<lead>\bnamed\s+)(?P<name>" + _NAME + ")"),
    # "a woman called Ri": only after a word for a person, so "so-called Group 109" stays
    re.compile(
        r"(?P<lead>\b" + _PERSON + r"(?:\s+in\s+(?:his|her|their)\s+\d0s)?,?\s+"
        r"(?:called|known\s+as)\s+)(?P<name>" + _NAME + ")"
    ),
    # "Mr. Kim", "Ms Ri", "Mrs. Pak", "Miss Choe"
    re.compile(r"(?P<lead>\b(?:Mr|Mrs|Ms|Miss|Mx)\.?\s+)(?P<name>" + _NAME + ")"),
    # "(surname: Kim)", "(pseudonym: Ri)" — sources' aliases are names too
    re.compile(r"(?P<lead>\((?:sur)?name:\s*|\(pseudonym:\s*)(?P<name>" + _NAME + ")"),
]


def redact_names(text: str) -> str:
    """`text` with people's names replaced by "[name withheld]", everything else unchanged."""
    for pattern in _PATTERNS:
        text = pattern.sub(lambda m: m.group("lead") + WITHHELD, text)
    return text
