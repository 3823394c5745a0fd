"""Fetching reports from the web, against a local HTTP server."""

from __future__ import annotations

import hashlib
from datetime import UTC, datetime

import pytest

from kirok.errors import IngestError
from kirok.ingest import read_url
from kirok.ingest.url import fetch

PAGE = """<html><head><title>Campaign against phones | Example Daily</title>
<meta property="og:site_name" content="Example Daily">
<meta property="article:published_time" content="2020-11-03">
</head><body><article><h1>Campaign against phones</h1>
<p>Authorities in Hyesan launched a campaign against Chinese mobile phones last month, a
source in Ryanggang Province told Example Daily, and residents caught with one face a year
in a labour camp.</p></article></body></html>"""


def test_a_page_is_fetched_once_with_its_capture_time(http_server):
    address = http_server.put("news/phones.html", PAGE)
    before = datetime.now(UTC).replace(tzinfo=None)
    report = read_url(address)
    after = datetime.now(UTC).replace(tzinfo=None)
    assert report.url == address and report.source == address
    assert report.captured_at is not None and before <= report.captured_at <= after
    assert report.sha256 == hashlib.sha256(PAGE.encode()).hexdigest()
    assert "campaign against Chinese mobile phones" in report.text
    assert (report.outlet, report.published) == ("Example Daily", "2020-11-03")


def test_redirects_are_followed_and_the_final_address_kept(http_server):
    final = http_server.put("final.html", PAGE)
    report = read_url(http_server.url("redirect/final.html"))
    assert report.url == final


def test_plain_text_urls_are_read_as_text(http_server):
    address = http_server.put("note.txt", "Two brokers were detained in Musan on the 2nd.\n")
    report = read_url(address)
    assert report.format == "txt" and report.text.startswith("Two brokers")


def test_a_missing_page_is_an_ingest_error(http_server):
    with pytest.raises(IngestError, match="HTTP 404"):
        fetch(http_server.url("nothing-here.html"))


def test_images_are_refused_by_content_type(http_server):
    address = http_server.put("photo.png", b"\x89PNG\r\n\x1a\n")
    with pytest.raises(IngestError, match="unsupported content type image/png"):
        fetch(address)


def test_a_slow_server_times_out(http_server):
    address = http_server.put("slow.html", PAGE)
    with pytest.raises(IngestError, match="timed out"):
        fetch(address, timeout=0.2)


def test_a_closed_port_is_an_ingest_error(http_server):
    with pytest.raises(IngestError, match="could not fetch"):
        fetch("http://127.0.0.1:9/x.html", timeout=2)


def test_oversize_downloads_are_refused(http_server, monkeypatch):
    from kirok.ingest import files

    monkeypatch.setattr(files, "MAX_BYTES", 100)
    with pytest.raises(IngestError, match="too large"):
        fetch(http_server.put("big.html", PAGE))


def test_non_http_addresses_are_refused():
    with pytest.raises(IngestError):
        fetch("ftp://127.0.0.1/x.html")



def test_a_server_trickling_bytes_is_stopped_at_the_overall_deadline(http_server):
    http_server.put("page.html", PAGE)
    with pytest.raises(IngestError, match="took longer than 0.3 s overall"):
        fetch(http_server.url("trickle/page.html"), deadline=0.3)


def test_a_compressed_body_is_capped_by_its_inflated_size(http_server, monkeypatch):
    from kirok.ingest import files

    monkeypatch.setattr(files, "MAX_BYTES", 10_000)
    http_server.put("bomb.html", "<p>" + " " * 1_000_000 + "</p>")  # ~1 kB when gzipped
    with pytest.raises(IngestError, match="too large"):
        fetch(http_server.url("gzip/bomb.html"))


def test_a_small_compressed_page_is_read(http_server):
    http_server.put("page.html", PAGE)
    assert fetch(http_server.url("gzip/page.html")).data == PAGE.encode()


def test_credentials_in_a_url_are_never_stored_or_printed(http_server, cli):
    http_server.put("page.html", PAGE)
    address = http_server.url("page.html").replace("://", "://analyst:hunter2@")
    report = read_url(address)
    assert "hunter2" not in f"{report.url} {report.source}"
    assert report.url == http_server.url("page.html")
    result = cli("ingest", address)
    assert result.exit_code == 0 and "hunter2" not in result.output
    assert "hunter2" not in cli("show", "report", "1").output
