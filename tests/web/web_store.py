"""A small store of hand-written reports (our own words, modelled on the genre), including
one whose text, title, outlet, place and URL carry script and crafted markup."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from kirok.model import Extraction, Place, Record, ReportText, Span
from kirok.store import queries
from kirok.store.db import Database

XSS_TEXT = (
    "Hyesan, Ryanggang — A reader sent this note: <script>window.__pwned = 1; alert('x')</script>\n"
    'Agents of the state security department detained two traders <img src=x onerror="alert(2)"> '
    "at the market in Hyesan in April 2023 for selling phones.\n"
    "See javascript:alert(3) for details."
)


def span(text: str, phrase: str) -> Span:
    start = text.index(phrase)
    return Span(start, start + len(phrase), phrase)


def _report(
    text: str, title: str, outlet: str, published: str, url: str | None = None
) -> ReportText:
    return ReportText(
        text=text,
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        format="txt",
        title=title,
        outlet=outlet,
        url=url,
        source=f"{title}.txt",
        published=published,
        published_from="option",
    )


def _detention_report() -> tuple[ReportText, Extraction]:
    text = (
        "Hyesan students held over foreign dramas\n"
        "Officers of the state security department in Hyesan, Ryanggang Province, detained "
        "three university students in March 2023 after a search of their dormitory turned up "
        "memory sticks with foreign dramas.\n"
        "Local authorities have since ordered inminban heads to check every household for "
        "storage devices, and warned that anyone caught will face labour training."
    )
    incident = Record(
        kind="incident",
        type="detention",
        evidence=[span(text, "detained three university students in March 2023")],
        date="2023-03",
        place=Place("Ryanggang", "Hyesan", 41.40, 128.18),
        organs=["state_security"],
        offenses=["foreign_media"],
        victims_count=3,
        victim_groups=["students"],
        confidence=0.9,
    )
    measure = Record(
        kind="measure",
        type="campaign",
        evidence=[span(text, "ordered inminban heads to check every household")],
        date="2023-03",
        place=Place("Ryanggang", "Hyesan", 41.40, 128.18),
        organs=["authorities", "inminban"],
        offenses=["foreign_media"],
        penalties=["detention"],
        confidence=0.4,
    )
    read = _report(text, "Hyesan students held", "Border Letters", "2023-04-02",
                   "https://example.org/hyesan-students")
    return read, Extraction([incident], [measure])


def _execution_report() -> tuple[ReportText, Extraction]:
    text = (
        "Public execution in Chongjin\n"
        "Two men accused of smuggling copper were shot in front of a crowd at a riverside "
        "field in Chongjin, North Hamgyong, in November 2022, residents said."
    )
    incident = Record(
        kind="incident",
        type="execution",
        evidence=[span(text, "Two men accused of smuggling copper were shot in front of a crowd")],
        date="2022-11",
        place=Place("North Hamgyong", "Chongjin", 41.79, 129.78),
        organs=["state_security"],
        offenses=["smuggling"],
        victims_count=2,
        public=True,
        confidence=0.8,
    )
    read = _report(text, "Chongjin execution", "Northern Wire", "2022-12-01")
    return read, Extraction([incident])


def _second_detention_report() -> tuple[ReportText, Extraction]:
    text = (
        "Dormitory raid in Hyesan\n"
        "A source in Hyesan says security agents took students away in March 2023 after "
        "finding South Korean dramas in their rooms."
    )
    incident = Record(
        kind="incident",
        type="detention",
        evidence=[span(text, "security agents took students away in March 2023")],
        date="2023-03",
        place=Place("Ryanggang", "Hyesan", 41.40, 128.18),
        organs=["state_security"],
        offenses=["foreign_media"],
        victim_groups=["students"],
        confidence=0.7,
    )
    return _report(text, "Dormitory raid", "Northern Wire", "2023-03-20"), Extraction([incident])


def _xss_report() -> tuple[ReportText, Extraction]:
    incident = Record(
        kind="incident",
        type="detention",
        evidence=[span(XSS_TEXT, 'detained two traders <img src=x onerror="alert(2)">')],
        date="2023-04",
        place=Place("Ryanggang", "Hyesan<script>alert(4)</script>", 41.41, 128.19),
        organs=["state_security"],
        offenses=["illegal_phone"],
        victims_count=2,
        victim_groups=["traders"],
        confidence=0.6,
    )
    read = _report(XSS_TEXT, "<b onmouseover=alert(5)>Crafted</b>", "<i>Outlet</i>", "2023-05-01",
                   "javascript:alert(6)")
    return read, Extraction([incident])


@dataclass
class Store:
    url: str
    db: Database
    ids: dict[str, int]  # report name -> report id


def fill(db: Database) -> dict[str, int]:
    ids: dict[str, int] = {}
    builders = {
        "detention": _detention_report,
        "execution": _execution_report,
        "second": _second_detention_report,
        "xss": _xss_report,
    }
    with db.session() as session:
        for name, build in builders.items():
            read, extraction = build()
            ids[name] = queries.add_report(session, read, extraction, "test-1").id
    return ids
