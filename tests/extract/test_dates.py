"""Date finding and resolution: what an analyst reading the report would write in `date`."""

from __future__ import annotations

import datetime as dt
import re
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kirok.extract.dates import DateMention, dateline, find_dates, parse_published


def values(text: str, published: str | None) -> list[str]:
    return [m.value for m in find_dates(text, published)]


def only(text: str, published: str | None) -> DateMention:
    mentions = find_dates(text, published)
    assert len(mentions) == 1, mentions
    return mentions[0]


def is_partial_iso(value: str) -> bool:
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", value):
        return False
    parts = [int(p) for p in value.split("-")]
    try:
        dt.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        return False
    return True


# ---------------------------------------------------------------- explicit dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The trial was held on October 12, 2020 in the city.", "2020-10-12"),
        ("Guards detained him on Oct. 3, 2019.", "2019-10-03"),
        ("The order came down on 14 March 2016.", "2016-03-14"),
        ("It began in September 2008 after the harvest.", "2008-09"),
        ("It began in September, 2013.", "2013-09"),
        ("Agents raided the market on 2021-05-09.", "2021-05-09"),
        ("The notice is dated 2020.10.12 in the county office.", "2020-10-12"),
        ("The notice is dated 2020/10/12.", "2020-10-12"),
        ("Daily NK 1/25/2007", "2007-01-25"),
        ("회의는 2020년 10월 12일 열렸다.", "2020-10-12"),
        ("He was sent to the camp in 1997.", "1997"),
        ("The campaign was launched in the spring of 2019.", "2019"),
        ("Public trials resumed in early 2017.", "2017"),
    ],
)
def test_explicit_dates_keep_their_own_year(text: str, expected: str) -> None:
    mention = only(text, "2022-03-01")
    assert mention.value == expected
    assert not mention.relative


def test_weekday_before_a_full_date_is_part_of_it() -> None:
    mention = only("Friday, February 6, 2026", None)
    assert (mention.text, mention.value) == ("Friday, February 6, 2026", "2026-02-06")


def test_day_list_gives_one_mention_per_day_with_the_shared_year() -> None:
    text = "footage of the shootings from March 1st and 2nd in 2005 was broadcast"
    mentions = find_dates(text, "2008-10")
    assert [m.value for m in mentions] == ["2005-03-01", "2005-03-02"]
    assert mentions[0].text == "March 1st"


def test_month_named_with_that_year_takes_the_last_year_written() -> None:
    text = "Executions took place in 2005. The footage aired in April of that year."
    assert values(text, "2008-10") == ["2005", "2005-04"]


# ---------------------------------------------------------------- month and day without a year


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("He was arrested on October 12 after complaining.", "2020-10-21", "2020-10-12"),
        ("Study materials were sent on Jan. 19.", "2024-01", "2024-01-19"),
        ("The meeting was held on 12 October.", "2020-10-21", "2020-10-12"),
        ("Four were shot on the 29th of September.", "2008-10", "2008-09-29"),
        # A December date in a January report is last year's December.
        ("Kim gave the order on December 23.", "2018-01", "2017-12-23"),
        # Later in the month than a dated report: still to come would be odd, so last year's.
        ("The raid came on October 28.", "2020-10-21", "2019-10-28"),
        ("The order went out on June 27.", "2018", "2018-06-27"),
        ("정부는 10월 3일 지시를 내렸다.", "2020-10-21", "2020-10-03"),
    ],
)
def test_month_and_day_take_the_year_of_publication(
    text: str, published: str, expected: str
) -> None:
    mention = only(text, published)
    assert mention.value == expected
    assert mention.relative


def test_a_coming_anniversary_stays_in_the_publication_year() -> None:
    text = "The crackdown intensified ahead of the anniversary of the founding in September."
    assert values(text, "2018-08-17") == ["2018-09"]
    assert values("The anniversary falls on October 10.", "2015-07") == ["2015-10-10"]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("Five people were executed on the 7th.", "2008-10", "2008-10-07"),
        ("Five people were executed on the 7th.", "2008-10-21", "2008-10-07"),
        # The 27th has not come yet on October 21: it was September's.
        ("Five people were executed on the 27th.", "2008-10-21", "2008-09-27"),
        ("The source spoke to us on the 9th, saying more.", "2008-10", "2008-10-09"),
        ("Arrests have continued since the 3rd of this month.", "2021-06", "2021-06-03"),
    ],
)
def test_bare_day_of_month_is_in_the_publication_month(
    text: str, published: str, expected: str
) -> None:
    assert values(text, published) == [expected]


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("In June, the border was sealed.", "2020-12-05", "2020-06"),
        # June comes after the March publication month: it must be last year's June.
        ("In June, the border was sealed.", "2020-03-05", "2019-06"),
        ("The order was issued in June last year.", "2020-12-05", "2019-06"),
        ("The order was issued in June this year.", "2020-12-05", "2020-06"),
        ("Inspections were stepped up in mid-August.", "2020-09-05", "2020-08"),
        ("Inspections were stepped up in late July.", "2020-09-05", "2020-07"),
        ("Controls tightened toward the end of August.", "2008-09", "2008-08"),
        ("The November shooting frightened traders.", "2020-12-05", "2020-11"),
    ],
)
def test_month_without_year_is_the_latest_one_not_after_publication(
    text: str, published: str, expected: str
) -> None:
    mention = only(text, published)
    assert (mention.value, mention.relative) == (expected, True)


# ---------------------------------------------------------------- relative expressions


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        ("A source told us last Thursday that ...", "2020-10-21", "2020-10-15"),
        ("A source said on Wednesday that ...", "2020-10-21", "2020-10-14"),
        # Strictly before publication: a Wednesday report's "Wednesday" is a week earlier.
        ("A source said on Wednesday that ...", "2020-10-14", "2020-10-07"),
        ("A source said Thursday that ...", "2020-10", "2020-10"),
        ("Police raided the house yesterday.", "2020-10-21", "2020-10-20"),
        ("Police raided the house yesterday.", "2020-10", "2020-10"),
        ("A meeting was held earlier this month.", "2020-10-21", "2020-10"),
        ("A meeting was held early this month.", "2020-10-21", "2020-10"),
        ("It began at the beginning of the month.", "2020-10-21", "2020-10"),
        ("Officials were shot late last month.", "2024-09-04", "2024-08"),
        ("Measures were enacted last month.", "2021-01-05", "2020-12"),
        ("Drug cases rose sharply this year.", "2024-01", "2024"),
        ("The campaign has run since last year.", "2007-01-25", "2006"),
        ("A war on drugs was declared early this year.", "2024-03", "2024"),
        ("Lectures started at the beginning of the year.", "2024-03", "2024"),
        ("Many were caught over the past year.", "2022-02-21", "2021"),
        ("He fled two years ago.", "2020-10-21", "2018"),
        ("He was detained a month ago.", "2020-10-21", "2020-09"),
        ("He was detained three days ago.", "2020-10-21", "2020-10-18"),
        ("On the first day of the new year, he gave a speech.", "2018-01", "2018-01-01"),
    ],
)
def test_relative_expressions_resolve_against_publication(
    text: str, published: str, expected: str
) -> None:
    mention = only(text, published)
    assert (mention.value, mention.relative) == (expected, True)


def test_weekday_span_includes_last() -> None:
    assert only("He said last Thursday that", "2020-10-21").text == "last Thursday"


def test_relative_expressions_are_no_finer_than_publication() -> None:
    assert values("It happened last month.", "2018") == []
    assert values("It happened this month.", "2018") == ["2018"]
    assert values("A source said Tuesday that", "2018") == ["2018"]


@pytest.mark.parametrize(
    "text",
    [
        "Five women were executed on the 7th.",
        "The order went out on June 27.",
        "It was issued in June.",
        "It happened last month.",
        "A source said last Thursday that",
        "Executions increased this year.",
        "He fled two years ago.",
        "Police came yesterday.",
        "The meeting was held on 12 October.",
        "정부는 10월 3일 지시를 내렸다.",
    ],
)
def test_never_invents_a_year_without_publication(text: str) -> None:
    assert find_dates(text, None) == []


def test_explicit_dates_need_no_publication() -> None:
    assert values("He was arrested on October 12, 2020.", None) == ["2020-10-12"]


# ---------------------------------------------------------------- things that are not dates


@pytest.mark.parametrize(
    "text",
    [
        "More than 2,000 people were mobilised.",
        "Each was fined 1,000 yuan.",
        "Traders paid 2000 yuan in bribes.",
        "Group 109 agents searched the house.",
        "Group 1118 inspectors arrived.",
        "The 3-12 Operations unit was formed.",
        "With the 63rd anniversary approaching, executions continued.",
        "Residents were mobilised for the 70-day battle.",
        "Residents were mobilised for the 80-day battle.",
        "The trial began at 3 in the afternoon.",
        "Public executions were common in the 1990s.",
        "The 2000s brought markets.",
        "People endured the Arduous March.",
        "Officials may face punishment.",
        "They meet every Sunday.",
        "The committee scheduled a Sunday session.",
        "The meeting was on the 7th floor.",
        "Shortages grew in the spring.",
    ],
)
def test_numbers_and_words_that_are_not_dates(text: str) -> None:
    assert find_dates(text, "2020-10-21") == []


# ---------------------------------------------------------------- mentions as a list


def test_mentions_are_sorted_and_do_not_overlap() -> None:
    text = (
        "Since last year, raids rose. On October 12, 2020 and again on the 15th, "
        "in 2019 and in June, agents came; a source said Tuesday."
    )
    mentions = find_dates(text, "2020-10-21")
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)
    for first, second in zip(mentions, mentions[1:], strict=False):
        assert first.end <= second.start
    assert "2020-10-12" in [m.value for m in mentions]
    assert "2020" not in [m.value for m in mentions]  # the year belongs to October 12


# ---------------------------------------------------------------- publication dates


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2020-10-21", "2020-10-21"),
        ("2020/10/21", "2020-10-21"),
        ("October 21, 2020", "2020-10-21"),
        ("21 Oct 2020", "2020-10-21"),
        ("2020-10", "2020-10"),
        ("2018", "2018"),
        ("2020-10-21T09:00:00+09:00", "2020-10-21"),
        ("Wed, 21 Oct 2020 09:00:00 GMT", "2020-10-21"),
        ("2020-13-01", None),
        ("sometime", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_published(raw: str | None, expected: str | None) -> None:
    assert parse_published(raw) == expected


def test_published_in_any_accepted_form_resolves_relative_dates() -> None:
    assert values("He was arrested on the 7th.", "October 21, 2020") == ["2020-10-07"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("SEOUL, Oct. 21, 2020 (Yonhap) -- North Korea has ordered ...", "2020-10-21"),
        ("Regime tightens control\n\nPublished: 2020-10-21\n\nAuthorities ...", "2020-10-21"),
        ("Home > News\nDate : April 28, 2017\nRegime bans searches", "2017-04-28"),
        ("Headline\n\nOctober 25, 2020\n\nBody mentions May 3, 2019.", "2020-10-25"),
        ("Headline\nMonday, March 2, 2026\nBody", "2026-03-02"),
        ("Bulletin No. 12\nNo. 12 June 2009\nBody text follows.", "2009-06"),
        ("By a reporter\n2022.07.20\nBody", "2022-07-20"),
        (
            "Headline\nA file photo released on March 12, 2013, shows a rally.\n"
            "October 25, 2020\nBody",
            "2020-10-25",
        ),
    ],
)
def test_dateline_found_near_the_top(text: str, expected: str) -> None:
    assert dateline(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "SEOUL, Oct. 21 (Yonhap) -- North Korea has ordered ...",  # no year given
        "Headline\n\nA long first paragraph says arrests happened on October 12, 2019 in town.",
        "Headline\nA file photo from March 12, 2013.\nBody",
        "",
    ],
)
def test_no_dateline_when_none_is_stated(text: str) -> None:
    assert dateline(text) is None


# ---------------------------------------------------------------- properties and speed

_FRAGMENTS = st.sampled_from(
    [
        "on the 7th",
        "October 12",
        "Oct. 3, 2019",
        "in June",
        "last year",
        "2020-10-12",
        "2,000",
        "Group 1118",
        " ",
        ", ",
        ". ",
        "\n",
        "Thursday",
        "two years ago",
        "March 1st",
        " and 2nd in 2005",
        "2020년 10월",
        "31",
        "February 30",
        "the 29th of",
        "late last month",
        "1/25/2007",
        "99/99/2020",
        "2020.13.45",
        "mid-",
        "spring of 1999",
        "of that year",
    ]
)
_TEXTS = st.one_of(st.text(max_size=200), st.lists(_FRAGMENTS, max_size=12).map("".join))
_PUBLISHED = st.sampled_from([None, "2020", "2020-02", "2020-03-01", "2008-10-31", "2024-01-01"])


@settings(max_examples=300, deadline=None)
@given(text=_TEXTS, published=_PUBLISHED)
def test_every_mention_is_a_slice_with_a_valid_partial_iso_value(
    text: str, published: str | None
) -> None:
    mentions = find_dates(text, published)
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        assert is_partial_iso(mention.value)
    for first, second in zip(mentions, mentions[1:], strict=False):
        assert first.end <= second.start


def test_a_long_report_is_fast_enough_for_200_reports_a_second() -> None:
    paragraph = (
        "A source in North Hamgyong Province told Daily NK on Wednesday that 2,000 people "
        "were mobilised on the 7th for a public trial, where Group 109 agents read out charges "
        "from October 12, 2020. Since last year, inspections have intensified, and in June "
        "the provincial committee ordered another 70-day battle. "
    )
    text = (paragraph * (4000 // len(paragraph) + 1))[:4000]
    find_dates(text, "2020-10-21")
    began = time.perf_counter()
    for _ in range(20):
        find_dates(text, "2020-10-21")
    # The budget is 1 ms; the bound is loose so that a busy test machine does not fail it.
    assert (time.perf_counter() - began) / 20 < 0.005
