"""Names after the words English-language reports use to introduce them: "a woman
surnamed Kim", "identified by his surname of Ri", "named …", "called …", "(pseudonym: …)".
Whatever follows such words is a name, Korean or not."""

from __future__ import annotations

import re
from collections.abc import Iterator

# A personal name as reports romanise it: one to three capitalised words, each possibly
# hyphenated ("Kim", "Ri Chol-su", "Pak Yong Nam"), in capitals ("KIM") or one letter ("O").
_PART = r"[A-Z](?:[a-z]+|[A-Z]+)?(?:-[A-Za-z][a-z]*)*"
_NAME = _PART + r"(?:\s+" + _PART + r"){0,2}"
_PERSON = (
    r"(?:man|woman|person|resident|student|teenager|girl|boy|worker|trader|farmer|soldier|"
    r"official|cadre|defector|smuggler|mother|father|wife|husband|son|daughter|driver|"
    r"merchant|youth|teacher|doctor|victim|source|individual|people|persons|nurse|broker)"
)
_PATTERNS = [
    # "identified by his surname of Kim", "identified only by the surname Ri"
    re.compile(
        r"\bidentified\s+(?:only\s+)?(?:by|as)\s+(?:(?:his|her|their|the)\s+)?"
        r"(?:(?:sur|last\s+|family\s+)?names?,?\s+(?:of\s+)?)?(?P<name>" + _NAME + ")"
    ),
    # "surnamed Kim", "surname Ri", "last name Pak", "family name is Choe"
    re.compile(
        r"\b(?:surnamed|surname|(?:last|family)\s+name)(?:\s+(?:of|is|was))?,?\s+"
        r"(?P<name>" + _NAME + ")"
    ),
    # "named Kim Chol-su": almost always a person in this genre
    re.compile(r"\bnamed\s+(?P<name>" + _NAME + ")"),
    # "a woman called Ri": only after a word for a person, so "so-called Group 109" stays
    re.compile(
        r"\b" + _PERSON + r"(?:\s+in\s+(?:his|her|their)\s+\d0s)?,?\s+"
        r"(?:called|known\s+as)\s+(?P<name>" + _NAME + ")"
    ),
    # "(surname: Kim)", "(pseudonym: Ri)": sources' aliases are names too
    re.compile(r"\((?:(?:sur)?name|pseudonym):\s*(?P<name>" + _NAME + ")"),
]
# words a lead may be followed by that are not names ("named in the indictment")
_NOT_A_NAME = re.compile(r"(?:In|On|At|By|For|The|A|An|As|After|Before)\b")


def lead_spans(text: str) -> Iterator[tuple[int, int]]:
    for pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if not _NOT_A_NAME.fullmatch(match.group("name").split()[0]):
                yield match.start("name"), match.end("name")
