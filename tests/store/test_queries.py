"""The store's shared queries: dedupe, versions, filters, review, re-extraction, search."""

from __future__ import annotations

import hashlib

import pytest

from kirok.errors import NotFoundError
from kirok.model import Extraction, Place, Record, ReportText, Span
from kirok.store import fts, queries, reextraction
from kirok.store.db import Database
from kirok.store.queries import RecordQuery

TEXT = (
    "Security agents detained three traders in Hyesan in May 2021. "
    "The party banned South Korean dramas nationwide in June 2021."
)


def span(phrase: str, text: str = TEXT) -> Span:
    start = text.index(phrase)
    return Span(start, start + len(phrase), phrase)


def report(text: str = TEXT, url: str | None = "https://example.org/a") -> ReportText:
    return ReportText(text=text, sha256=hashlib.sha256(text.encode()).hexdigest(), format="txt",
                      title="Hyesan", outlet="Example Radio", url=url, published="2021-06-30",
                      published_from="option")


def extraction() -> Extraction:
    detention = Record(kind="incident", type="detention", evidence=[span("detained three traders")],
                       date="2021-05", place=Place("Ryanggang", "Hyesan"),
                       organs=["state_security"], offenses=["illegal_phone"], victims_count=3,
                       victim_groups=["traders"], confidence=0.8)
    ban = Record(kind="measure", type="prohibition", evidence=[span("banned South Korean dramas")],
                 date="2021-06", place=Place("national"), organs=["party"],
                 offenses=["foreign_media"], penalties=["unspecified"], confidence=0.3)
    return Extraction(incidents=[detention], measures=[ban])


@pytest.fixture
def db(store_url):
    database = Database(store_url)
    yield database
    database.dispose()


@pytest.fixture
def stored(db) -> int:
    with db.session() as session:
        return queries.add_report(session, report(), extraction(), "test-1").id


def test_a_report_is_stored_with_its_records_and_evidence(db, stored):
    with db.session() as session:
        row = queries.get_report(session, stored)
        assert [r.type for r in row.records] == ["detention", "prohibition"]
        detention = row.records[0]
        evidence = detention.evidence[0]
        assert TEXT[evidence.start:evidence.end] == "detained three traders"
        assert detention.extractor_version == "test-1" and detention.year == 2021
        assert row.records[1].needs_review  # low confidence is flagged for review


def test_reports_are_found_by_hash(db, stored):
    with db.session() as session:
        assert queries.report_by_sha(session, report().sha256).id == stored
        assert queries.report_by_sha(session, "0" * 64) is None


def test_a_changed_page_at_the_same_url_links_to_the_previous_version(db, stored):
    with db.session() as session:
        newer = queries.add_report(session, report(TEXT + " Updated."), Extraction(), "test-1")
        assert newer.previous_id == stored


def test_filters_combine(db, stored):
    with db.session() as session:
        def ids(**kw) -> list[str]:
            return [r.type for r in queries.select_records(session, RecordQuery(**kw))]
        assert ids(kind="incident") == ["detention"]
        assert ids(province="Ryanggang", since=2021, until=2021) == ["detention"]
        assert ids(organ="party") == ["prohibition"]
        assert ids(offense="illegal_phone", victim_group="traders") == ["detention"]
        assert ids(outlet="Example Radio", year=2020) == []
        assert queries.count_records(session, RecordQuery(status="unreviewed")) == 2


def test_facets_count_values(db, stored):
    with db.session() as session:
        assert sorted(queries.facet_counts(session, RecordQuery(), "type")) == [
            ("detention", 1), ("prohibition", 1)]
        assert queries.facet_counts(session, RecordQuery(), "offense") == [
            ("foreign_media", 1), ("illegal_phone", 1)]


def test_reextraction_keeps_reviewed_records(db, stored):
    with db.session() as session:
        row = queries.get_report(session, stored)
        queries.review_record(session, row.records[0].id, "analyst", "confirm")
    with db.session() as session:
        row = queries.get_report(session, stored)
        prohibition = next(r.id for r in row.records if r.type == "prohibition")
        outcome = reextraction.replace_extraction(session, row, extraction(), "test-2")
        # the detention restates a confirmed record and is not added again; the unreviewed
        # prohibition is the same statement, so it keeps its id with refreshed fields
        assert (outcome.added, outcome.kept, outcome.removed, outcome.settled) == (0, 1, 0, 1)
    with db.session() as session:
        records = queries.get_report(session, stored).records
        assert prohibition in [r.id for r in records]
        assert sorted((r.type, r.status, r.extractor_version) for r in records) == [
            ("detention", "confirmed", "test-1"), ("prohibition", "unreviewed", "test-2")]


def test_full_text_search_finds_words_with_snippets(db, stored):
    with db.session() as session:
        (hit,) = fts.search(session, "dramas")
        assert hit.report_id == stored and "[dramas]" in hit.snippet
        assert fts.search(session, '"three traders"')[0].report_id == stored
        assert fts.search(session, "kwanliso") == []


def test_summary_counts_by_type_province_and_year(db, stored):
    with db.session() as session:
        summary = queries.summary(session)
    assert ("incident:detention", 1) in summary["type"]
    assert ("incident:Ryanggang", 1) in summary["province"]
    assert ("measure:2021", 1) in summary["year"]


def test_unknown_ids_say_how_to_find_real_ones(db):
    with db.session() as session, pytest.raises(NotFoundError, match="kirok incidents"):
        queries.get_record(session, 999)


def test_lists_and_counts_hold_only_the_newest_version_of_a_page_unless_history(db, stored):
    updated = TEXT + " Updated."
    newer_extraction = Extraction(incidents=[Record(
        kind="incident", type="detention", evidence=[span("detained three traders", updated)],
        date="2021-05", place=Place("Ryanggang", "Hyesan"), confidence=0.8)])
    with db.session() as session:
        newer = queries.add_report(session, report(updated), newer_extraction, "test-1")
        newest = [r.report_id for r in queries.select_records(session, RecordQuery())]
        assert newest == [newer.id]
        assert queries.count_records(session, RecordQuery()) == 1
        assert queries.count_records(session, RecordQuery(history=True)) == 3
        # a report's own records are still there when asked for by the report
        assert queries.count_records(session, RecordQuery(report_id=stored)) == 2
