"""Finding places in report text: spellings, provinces, districts, word boundaries, ambiguity."""

from __future__ import annotations

import time

import pytest

from kirok.extract.places import (
    PlaceMention,
    canonical_locality,
    canonical_province,
    coordinates,
    find_places,
    province_of,
)


def places_in(text: str) -> list[tuple[str, str | None, str | None]]:
    return [(m.text, m.province, m.locality) for m in find_places(text)]


@pytest.mark.parametrize(
    "spelling",
    [
        "Hoeryong",
        "Hoiryeong",
        "Huiryung",
        "Hoeryŏng",
        "Hoeryeong",
        "Hoeryong City",
        "Hoeryong-si",
        "회령시",
    ],
)
def test_every_spelling_of_a_city_finds_the_same_place(spelling: str) -> None:
    text = f"Security agents arrested a trader in {spelling} last week."
    [mention] = find_places(text)
    assert (mention.province, mention.locality) == ("North Hamgyong", "Hoeryong")
    assert mention.text == spelling


@pytest.mark.parametrize(
    "spelling", ["Chongjin", "Cheongjin", "Chungjin", "Ch'ongjin", "Ch’ŏngjin"]
)
def test_press_spellings_of_chongjin(spelling: str) -> None:
    [mention] = find_places(f"Prices rose at the market in {spelling} this month.")
    assert mention.locality == "Chongjin"


@pytest.mark.parametrize(
    "spelling",
    [
        "North Hamgyong Province",
        "North Hamkyung Province",
        "N. Hamgyong",
        "Hamgyong-bukto",
        "Hamgyongbukto",
        "Hamgyeongbuk-do",
        "North Hamgyŏng",
        "Hambuk",
        "함경북도",
        "North Hamgyong province",
    ],
)
def test_province_spellings_give_a_province_only_mention(spelling: str) -> None:
    [mention] = find_places(f"A source in {spelling} said the order came down on Monday.")
    assert mention.province == "North Hamgyong"
    assert mention.locality is None
    assert mention.text == spelling


def test_yanggang_is_ryanggang() -> None:
    assert places_in("A resident of Yanggang Province told us.") == [
        ("Yanggang Province", "Ryanggang", None)
    ]


def test_city_and_province_are_two_mentions() -> None:
    text = "Two smugglers were tried in Musan, North Hamgyong Province, on the 3rd."
    assert places_in(text) == [
        ("Musan", "North Hamgyong", "Musan"),
        ("North Hamgyong Province", "North Hamgyong", None),
    ]


def test_city_alone_implies_its_province() -> None:
    assert places_in("Police in Hyesan searched homes.") == [("Hyesan", "Ryanggang", "Hyesan")]
    assert places_in("Inspectors reached Sinuiju.") == [("Sinuiju", "North Pyongan", "Sinuiju")]


def test_county_with_suffix_is_one_mention() -> None:
    assert places_in("Families were sent to Kim Jong Suk County.") == [
        ("Kim Jong Suk County", "Ryanggang", "Kimjongsuk")
    ]


def test_district_resolves_to_its_city_and_keeps_its_name() -> None:
    text = "A woman living in Nammun-dong, Hoeryong was detained."
    first, second = find_places(text)
    assert (first.province, first.locality, first.district) == (
        "North Hamgyong",
        "Hoeryong",
        "Nammun-dong",
    )
    assert (second.locality, second.district) == ("Hoeryong", None)


def test_capital_and_its_districts() -> None:
    [capital] = find_places("Officials in Pyongyang issued a new directive.")
    assert (capital.province, capital.locality) == ("Pyongyang", None)
    [district] = find_places("A lecture was held in Mangyongdae District.")
    assert (district.province, district.locality) == ("Pyongyang", "Mangyongdae")


@pytest.mark.parametrize(
    "text",
    [
        "The musan proletariat is an old phrase.",  # lower case: a common word
        "Businesses using music were raided.",  # 'Usi' inside other words
        "The Hwasong-17 missile was displayed again.",  # a missile, not the county
        "They praised Chollima speed at the rally.",  # a slogan, not the Nampo district
        "Kim Jong Suk was honoured at the ceremony.",  # a person, not the county
        "Shamusan and Hyesanese are not places.",  # names inside longer words
        "The Taedong River froze early.",  # a river, not Taedong County
    ],
)
def test_no_match_inside_words_or_on_common_words(text: str) -> None:
    assert find_places(text) == []


def test_offsets_point_at_the_matched_text() -> None:
    text = (
        "According to a source in South Hamgyong Province, the public trial in\n"
        "Hamhung’s stadium followed raids in Tanchon and Sinpo. (양강도 혜산시에서)"
    )
    mentions = find_places(text)
    assert len(mentions) == 6
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
    assert [m.start for m in mentions] == sorted(m.start for m in mentions)


def test_name_wrapped_across_a_line_break() -> None:
    [mention] = find_places("The source lives in North\nPyongan Province.")
    assert mention.province == "North Pyongan"


def test_longest_spelling_wins() -> None:
    [mention] = find_places("Goods move through Rajin-Sonbong by truck.")
    assert (mention.text, mention.province) == ("Rajin-Sonbong", "Rason")


def test_shared_name_is_decided_by_a_nearby_province() -> None:
    south = "Farm workers in Unsan, South Pyongan Province, were mobilised."
    [town, _] = find_places(south)
    assert (town.province, town.locality) == ("South Pyongan", "Unsan")
    north = "Gold miners in Unsan, North Pyongan Province, were fined."
    [town, _] = find_places(north)
    assert (town.province, town.locality) == ("North Pyongan", "Unsan")


def test_shared_name_without_context_takes_the_preferred_place() -> None:
    [town] = find_places("An inspection group arrived in Unsan in May.")
    assert town.province == "North Pyongan"


def test_province_far_away_does_not_decide() -> None:
    text = (
        "Prices fell in South Pyongan Province."
        + " Nothing else happened." * 12
        + (" Later, a raid in Unsan.")
    )
    town = find_places(text)[-1]
    assert town.province == "North Pyongan"


def test_mentions_carry_coordinates() -> None:
    [mention] = find_places("Arrests in Hoeryong.")
    assert mention.lat == pytest.approx(42.44, abs=0.1)
    assert mention.lon == pytest.approx(129.75, abs=0.1)


def test_mention_district_defaults_to_none() -> None:
    mention = PlaceMention(0, 6, "Hyesan", "Ryanggang", "Hyesan", 41.4, 128.2)
    assert mention.district is None


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("Hoiryeong", "Hoeryong"),
        ("Huiryung", "Hoeryong"),
        ("hoeryŏng", "Hoeryong"),
        ("Shinuiju", "Sinuiju"),
        ("Onsung", "Onsong"),
        ("Hyeisan", "Hyesan"),
        ("Cheongjin", "Chongjin"),
        ("Hamheung", "Hamhung"),
        ("Dancheon", "Tanchon"),
        ("Pyeongseong", "Pyongsong"),
        ("Hoeryong City", "Hoeryong"),
        ("Musan County", "Musan"),
        ("Kim Jong Suk County", "Kimjongsuk"),
        ("Nammun-dong", "Nammun-dong"),
        ("Hoeryong", "Hoeryong"),
    ],
)
def test_canonical_locality(spelling: str, canonical: str) -> None:
    assert canonical_locality(spelling) == canonical


def test_canonical_locality_rejects_provinces_and_unknowns() -> None:
    assert canonical_locality("North Hamgyong") is None
    assert canonical_locality("Seoul") is None


@pytest.mark.parametrize(
    ("spelling", "canonical"),
    [
        ("North Hamkyung Province", "North Hamgyong"),
        ("Hamgyong-bukto", "North Hamgyong"),
        ("Hamgyong-namdo", "South Hamgyong"),
        ("S. Hamgyong", "South Hamgyong"),
        ("Yanggang", "Ryanggang"),
        ("Yangkang Province", "Ryanggang"),
        ("Pyongan-bukto", "North Pyongan"),
        ("Hwanghae-namdo", "South Hwanghae"),
        ("Chagang-do", "Chagang"),
        ("Rajin-Sonbong", "Rason"),
        ("national", "national"),
        ("Pyongyang", "Pyongyang"),
    ],
)
def test_canonical_province(spelling: str, canonical: str) -> None:
    assert canonical_province(spelling) == canonical


def test_south_korean_gangwon_is_not_kangwon() -> None:
    assert canonical_province("Gangwon") is None
    assert canonical_province("Kangwon Province") == "Kangwon"


def test_province_of_locality() -> None:
    assert province_of("Hoiryeong") == "North Hamgyong"
    assert province_of("Yodok") == "South Hamgyong"
    assert province_of("Mangyongdae") == "Pyongyang"
    assert province_of("Atlantis") is None


def test_coordinates_fall_back_to_the_province_seat() -> None:
    hyesan = coordinates("Ryanggang", "Hyesan")
    assert hyesan is not None
    assert coordinates("Ryanggang", None) == hyesan  # Hyesan is the seat
    assert coordinates("national", None) is None
    assert coordinates(None, None) is None
    chongjin = coordinates("North Hamgyong", None)
    assert chongjin == pytest.approx((41.8, 129.8), abs=0.1)


def test_finding_places_in_a_long_report_is_fast() -> None:
    paragraph = (
        "A source in North Hamgyong Province told us on Tuesday that residents of "
        "Hoeryong and Musan were summoned to a public trial, while in Hyesan City "
        "security agents searched houses for Chinese phones and foreign videos. "
    )
    text = paragraph * 20  # about 4,000 characters
    find_places(text)
    started = time.perf_counter()
    for _ in range(50):
        find_places(text)
    per_call = (time.perf_counter() - started) / 50
    assert per_call < 0.01  # generous: ~0.5 ms on the dev machine
