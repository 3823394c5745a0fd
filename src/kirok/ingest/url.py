"""Fetching a report from the web: once, with the time it was captured."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlsplit, urlunsplit

import httpx

from kirok import __version__
from kirok.errors import IngestError
from kirok.ingest.files import check_size

TIMEOUT_SECONDS = 20.0  # for each connect and read
DEADLINE_SECONDS = 60.0  # for the whole fetch: a server trickling bytes is stopped too
MAX_REDIRECTS = 5
FORMATS = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/plain": "txt",
    "text/markdown": "md",
    "text/x-markdown": "md",
}


@dataclass(frozen=True)
class Fetched:
    url: str  # after redirects: the address the bytes really came from
    data: bytes
    format: str
    charset: str | None
    captured_at: datetime


def strip_credentials(url: str) -> str:
    """The URL without a `user:secret@` part, which must never be stored or printed."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if "@" not in parts.netloc:
        return url
    return urlunsplit(parts._replace(netloc=parts.netloc.rsplit("@", 1)[1]))


def fetch(
    url: str, timeout: float = TIMEOUT_SECONDS, deadline: float | None = None
) -> Fetched:
    """GET `url` once; every failure becomes an IngestError saying what went wrong."""
    headers = {"User-Agent": f"kirok/{__version__} (+report archiving)"}
    overall = DEADLINE_SECONDS if deadline is None else deadline
    ends = time.monotonic() + overall
    try:
        with httpx.Client(
            follow_redirects=True, max_redirects=MAX_REDIRECTS, timeout=min(timeout, overall),
            headers=headers,
        ) as client, client.stream("GET", url) as response:
            captured = datetime.now(UTC).replace(tzinfo=None)
            _check_status(response)
            fmt = _format_of(response)
            data = _read_capped(response, ends, overall)
            final = strip_credentials(str(response.url))
            return Fetched(final, data, fmt, response.charset_encoding, captured)
    except httpx.TimeoutException as exc:
        raise IngestError(f"timed out after {min(timeout, overall):g} s") from exc
    except httpx.TooManyRedirects as exc:
        raise IngestError(f"more than {MAX_REDIRECTS} redirects") from exc
    except httpx.UnsupportedProtocol as exc:
        raise IngestError("not an http(s) URL") from exc
    except httpx.InvalidURL as exc:
        raise IngestError(f"invalid URL: {exc}") from exc
    except httpx.DecodingError as exc:
        raise IngestError(f"the server sent a malformed compressed body: {exc}") from exc
    except httpx.HTTPError as exc:
        raise IngestError(f"could not fetch: {exc.__class__.__name__}: {exc}") from exc


def _check_status(response: httpx.Response) -> None:
    if response.status_code >= 400:
        raise IngestError(f"HTTP {response.status_code} {response.reason_phrase}".strip())


def _format_of(response: httpx.Response) -> str:
    mime = response.headers.get("content-type", "").split(";")[0].strip().lower()
    if not mime:
        return "html"  # servers that omit it almost always serve pages
    fmt = FORMATS.get(mime)
    if fmt is None:
        raise IngestError(f"unsupported content type {mime}; Kirok reads HTML and plain text")
    return fmt


def _read_capped(response: httpx.Response, ends: float, overall: float) -> bytes:
    """The decompressed body, refused as soon as it passes the size limit (a small gzip
    body can inflate a thousandfold) or the fetch passes its overall deadline."""
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and not response.headers.get("content-encoding"):
        check_size(int(declared))
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        check_size(size)
        chunks.append(chunk)
        if time.monotonic() > ends:
            raise IngestError(f"took longer than {overall:g} s overall; gave up")
    return b"".join(chunks)
