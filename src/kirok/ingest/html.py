"""HTML pages → the article's main text and metadata, through trafilatura.

Navigation, share buttons, comment forms and related-article links are dropped here,
so they can never produce records. `text` is kept exactly as trafilatura returns it:
it is the stored text that evidence offsets point into.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import trafilatura

from kirok.errors import BadInputError

_TAG = re.compile(r"<\s*[A-Za-z!/]")
# libxml2 checks each attribute against the others of its element: time grows with the
# square of their number (80,000 on one element took minutes). No page needs a thousand.
MAX_ATTRIBUTES = 1000
_OPEN_TAG = re.compile(r"<[A-Za-z][^<>]*")
_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")
# Dates from the page's markup only: htmldate's extensive search would guess a date from
# the article body, which is the dateline reader's job and must stay visibly separate.
_DATE_PARAMS = {"extensive_search": False, "original_date": True}


@dataclass(frozen=True)
class HtmlPage:
    text: str
    title: str | None
    date: str | None
    sitename: str | None


def parse_html(html: str, url: str | None = None) -> HtmlPage:
    if not _TAG.search(html[:65536]):
        raise BadInputError("malformed HTML: no HTML tags found")
    most = most_attributes(html)
    if most > MAX_ATTRIBUTES:
        raise BadInputError(f"malformed HTML: an element with {most:,} attributes (more than "
                            f"{MAX_ATTRIBUTES:,}); refused before parsing, which would take "
                            "minutes")
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            include_links=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as exc:  # lxml and trafilatura raise a variety of parser errors
        raise BadInputError(f"malformed HTML: {exc.__class__.__name__}: {exc}") from exc
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        raise BadInputError("malformed HTML: no article text found in the page")
    return HtmlPage(
        text=text,
        title=_clean(getattr(doc, "title", None)),
        date=_clean(getattr(doc, "date", None)),
        sitename=_clean(getattr(doc, "sitename", None)),
    )


def most_attributes(html: str) -> int:
    """The most attributes any one start tag has, counted in one linear pass."""
    most = 0
    for match in _OPEN_TAG.finditer(html):
        # every attribute takes at least two characters (a blank and a name), so a short
        # tag cannot exceed the limit: only long ones are counted
        if match.end() - match.start() > 2 * MAX_ATTRIBUTES:
            tag = _QUOTED.sub("", match.group())
            most = max(most, len(tag.split()) - 1)
    return most


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = value.strip()
    return value or None
