"""A page's captures: every fetch is recorded, and the version shown is the one whose bytes
were fetched last, also when a page goes back to an earlier version's bytes."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.usefixtures("stub_extractor")


def _page(sentence: str) -> str:
    return (
        "<html><head><title>Hoeryong notice</title>"
        "<meta property='article:published_time' content='2021-03-02'></head><body><article>"
        f"<p>{sentence}</p><p>Residents were told to hand in their USB sticks.</p>"
        "</article></body></html>"
    )


EXECUTED = _page("Five women were publicly executed in Hoeryong in 2020.")
BANNED = _page("Foreign films were banned in Hoeryong in 2020.")


def test_a_page_back_to_an_earlier_version_shows_that_version_again(cli, http_server):
    address = http_server.put("notice.html", EXECUTED)
    assert "stored report 1" in cli("ingest", address).output
    http_server.put("notice.html", BANNED)
    assert "stored report 2" in cli("ingest", address).output
    assert "No incidents match" in cli("incidents").output
    http_server.put("notice.html", EXECUTED)
    back = cli("ingest", address)
    assert back.exit_code == 0, back.output
    assert "back to report 1" in back.output and "stored report 3" not in back.output
    incidents = cli("incidents")
    assert "execution" in incidents.output and "of 1" in incidents.output
    assert "No measures match" in cli("measures").output


def test_a_return_in_other_line_endings_is_a_return_too(cli, http_server):
    address = http_server.put("notice.html", EXECUTED)
    cli("ingest", address)
    http_server.put("notice.html", BANNED)
    cli("ingest", address)
    http_server.put("notice.html", EXECUTED.replace("</p>", "</p>\r\n"))
    back = cli("ingest", address)
    assert "back to report 1" in back.output and "stored report 3" not in back.output
    assert "execution" in cli("incidents").output


def test_a_report_lists_its_captures(cli, http_server):
    address = http_server.put("notice.html", EXECUTED)
    cli("ingest", address)
    cli("ingest", address)
    http_server.put("notice.html", BANNED)
    cli("ingest", address)
    http_server.put("notice.html", EXECUTED)
    cli("ingest", address)
    shown = cli("show", "report", "1").output
    assert "captured 4 times" in shown and "versions 1, 2, 1" in shown
    assert "current" in shown
    listed = cli("reports").output
    assert "superseded" in listed  # report 2, no longer what the page shows


def test_the_same_file_ingested_again_is_a_duplicate_and_no_capture(cli, write_report):
    path = write_report("notice.txt", "Foreign films were banned in Hoeryong in 2020.\n")
    cli("ingest", str(path))
    again = cli("ingest", str(path))
    assert "already stored as report 1" in again.output and "back to" not in again.output
    assert "times" not in cli("show", "report", "1").output
