"""What ingest records about a report: hash of the bytes, title, and publication date."""

from __future__ import annotations

import hashlib

import pytest

from kirok.errors import BadInputError
from kirok.ingest import NO_PUBLICATION_DATE, ReadOptions, publication_date, read_path

TEXT = (
    "Police tighten checks on Hyesan market\n\n"
    "Police in Hyesan stopped traders at the market on the 4th and checked their papers, "
    "a source told us.\n"
)


def test_sha256_is_of_the_original_bytes(write_report):
    data = b"\xef\xbb\xbf" + TEXT.encode()
    report = read_path(write_report("r.txt", data))
    assert report.sha256 == hashlib.sha256(data).hexdigest()


def test_the_first_line_of_a_text_report_is_its_title(write_report):
    assert read_path(write_report("r.txt", TEXT)).title == "Police tighten checks on Hyesan market"


def test_options_beat_what_is_read(write_report):
    options = ReadOptions(outlet="Example Radio", published="2022-05-06", title="Checks",
                          url="https://example.org/a")
    report = read_path(write_report("r.txt", TEXT), options)
    assert (report.outlet, report.title, report.url) == ("Example Radio", "Checks",
                                                          "https://example.org/a")
    assert (report.published, report.published_from) == ("2022-05-06", "option")
    assert report.flags == []


def test_option_beats_metadata_which_beats_the_dateline():
    assert publication_date("2020-01-02", "2021-03-04", "x") == ("2020-01-02", "option")
    assert publication_date(None, "2021-03-04", "x") == ("2021-03-04", "metadata")


def test_a_report_with_no_date_anywhere_is_flagged(write_report):
    report = read_path(write_report("r.txt", TEXT))
    assert report.published is None and report.published_from == "none"
    assert NO_PUBLICATION_DATE in report.flags


def test_a_published_option_that_is_not_a_date_is_refused(write_report):
    with pytest.raises(BadInputError, match="not a date"):
        read_path(write_report("r.txt", TEXT), ReadOptions(published="last week"))


def test_korean_text_is_marked_korean(write_report):
    text = "회령시에서 주민 5명이 공개처형되었다고 소식통이 전했다.\n"
    report = read_path(write_report("k.txt", text))
    assert report.language == "ko"


def test_without_option_or_metadata_the_dateline_dates_the_report(monkeypatch):
    import kirok.ingest

    monkeypatch.setattr(kirok.ingest, "dateline", lambda text: "2019-05-21")
    assert publication_date(None, None, "HYESAN, May 21 — ...") == ("2019-05-21", "dateline")
