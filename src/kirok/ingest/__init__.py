"""Reading reports: a file or a URL → ReportText, the text kept whole with what is known.

Publication date, in order of trust: the analyst's --published, the page's metadata,
a dateline in the text. When none is found the report is flagged "no_publication_date",
and the extractor resolves dates only as far as the text itself allows.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kirok.errors import BadInputError
from kirok.ingest.files import RawFile, decode_flagged, display_name, read_file
from kirok.ingest.html import parse_html
from kirok.ingest.url import fetch, strip_credentials
from kirok.model import ReportText

NO_PUBLICATION_DATE = "no_publication_date"
_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_HANGUL = re.compile(r"[\uac00-\ud7a3]")
_LETTER = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class ReadOptions:
    """What the analyst says about a report, which beats anything read from it."""

    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    title: str | None = None
    language: str | None = None


def read_path(path: str | Path, options: ReadOptions | None = None) -> ReportText:
    options = options or ReadOptions()
    raw = read_file(Path(path))
    return read_raw(raw, options)


def read_url(url: str, options: ReadOptions | None = None) -> ReportText:
    options = options or ReadOptions()
    fetched = fetch(url)
    text, flags = decode_flagged(fetched.data, fetched.format, fetched.charset)
    source = strip_credentials(url)
    report = _build(fetched.data, text, fetched.format, source, fetched.url, options)
    report.flags.extend(flags)
    report.captured_at = fetched.captured_at
    return report


def read_raw(raw: RawFile, options: ReadOptions | None = None) -> ReportText:
    options = options or ReadOptions()
    report = _build(raw.data, raw.text, raw.format, display_name(raw.path), options.url, options)
    report.flags.extend(raw.flags)
    return report


def shown_source(source: str) -> str:
    """How a source is printed and stored: no credentials in a URL, no odd bytes in a name."""
    return strip_credentials(source) if is_url(source) else display_name(source)


def is_url(item: str) -> bool:
    return item.startswith(("http://", "https://"))


def _build(
    data: bytes, text: str, fmt: str, source: str, url: str | None, options: ReadOptions
) -> ReportText:
    title = outlet = meta_date = None
    if fmt == "html":
        page = parse_html(text, url)
        text, title, outlet, meta_date = page.text, page.title, page.sitename, page.date
    elif not text.strip():
        raise BadInputError("empty file")
    report = ReportText(
        text=text,
        sha256=hashlib.sha256(data).hexdigest(),
        format=fmt,
        title=options.title or title or _first_line_title(text, fmt),
        outlet=options.outlet or outlet,
        url=url,
        source=source,
        language=options.language or guess_language(text),
    )
    report.published, report.published_from = publication_date(options.published, meta_date, text)
    if report.published is None:
        report.flags.append(NO_PUBLICATION_DATE)
    return report


def publication_date(
    option: str | None, metadata: str | None, text: str
) -> tuple[str | None, str]:
    """The date and where it came from: option, metadata, dateline or none."""
    if option:
        parsed = parse_published(option)
        if parsed is None:
            raise BadInputError(f"--published {option!r} is not a date (use YYYY-MM-DD)")
        return parsed, "option"
    from_meta = parse_published(metadata) if metadata else None
    if from_meta:
        return from_meta, "metadata"
    from_text = dateline(text)
    if from_text:
        return from_text, "dateline"
    return None, "none"


def parse_published(value: str | None) -> str | None:
    """A partial ISO date (YYYY, YYYY-MM or YYYY-MM-DD) from a date as pages or people write it."""
    parser = _dates_function("parse_published")
    if parser is not None:
        return parser(value)
    match = _ISO.match((value or "").strip())
    return match.group(0) if match else None


def dateline(text: str) -> str | None:
    finder = _dates_function("dateline")
    return finder(text) if finder is not None else None


def _dates_function(name: str) -> Callable[..., str | None] | None:
    # kirok.extract.dates is written alongside this module; until it lands, ISO dates only.
    try:
        from kirok.extract import dates
    except ImportError:
        return None
    found: Callable[..., str | None] | None = getattr(dates, name, None)
    return found


def guess_language(text: str) -> str:
    sample = text[:5000]
    letters = len(_LETTER.findall(sample)) or 1
    return "ko" if len(_HANGUL.findall(sample)) / letters > 0.3 else "en"


def _first_line_title(text: str, fmt: str) -> str | None:
    """A plain-text report's first line is its headline when it looks like one."""
    first = next((line.strip() for line in text.splitlines() if line.strip()), "")
    if fmt == "md":
        first = first.lstrip("#").strip()
    return first if 0 < len(first) <= 200 and not first.endswith((".", ":")) else None
