"""The extractor as an analyst sees it: which records a report yields, and their fields."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kirok.extract import extract
from kirok.model import Record

FIXTURES = Path(__file__).parent.parent / "fixtures" / "reports"


def kinds(records: list[Record]) -> list[tuple[str, str]]:
    return sorted((r.kind, r.type) for r in records)


def incident(text: str, type_: str) -> Record:
    """The first incident of the type that the text yields."""
    found = [r for r in extract(text, "2021-06-15").incidents if r.type == type_]
    assert found, f"no {type_} in {text!r}"
    return found[0]


def only(text: str, published: str | None = "2021-06-15") -> Record:
    records = extract(text, published).records
    assert len(records) == 1, [(r.kind, r.type, r.evidence[0].text) for r in records]
    return records[0]


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.txt")), ids=lambda p: p.stem)
def test_each_fixture_yields_exactly_its_gold_records(path: Path) -> None:
    gold = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    found = extract(path.read_text(encoding="utf-8"), gold.get("published")).records
    expected = [("incident", r["type"]) for r in gold["incidents"]]
    expected += [("measure", r["type"]) for r in gold["measures"]]
    assert kinds(found) == sorted(expected)


def test_public_execution_with_place_date_organ_victims_and_offence() -> None:
    record = only(
        "A source in North Hamkyung Province told Daily NK that three men were publicly "
        "executed at the Hoiryeong stadium on the 4th by the People's Safety Agency for "
        "smuggling copper to China."
    )
    assert (record.kind, record.type) == ("incident", "execution")
    assert record.public is True
    assert record.date == "2021-06-04"
    assert (record.place.province, record.place.locality) == ("North Hamgyong", "Hoeryong")
    assert record.organs == ["social_security"]
    assert record.victims_count == 3
    assert "smuggling" in record.offenses


def test_a_threat_is_a_measure_with_its_penalty_not_an_incident() -> None:
    record = only(
        "The city party committee warned that anyone caught selling Chinese clothes in the "
        "market will be fined 50,000 won and have the goods confiscated."
    )
    assert (record.kind, record.type) == ("measure", "prohibition")
    assert set(record.penalties) == {"fine", "confiscation"}


def test_a_public_trial_ending_in_death_is_one_execution() -> None:
    text = "Last week a public trial was held in Hyesan and two smugglers were shot afterwards."
    assert kinds(extract(text, "2021-06-15").records) == [("incident", "execution")]


def test_arrest_then_sentence_are_two_incidents() -> None:
    text = (
        "Police in Musan arrested a woman in her 40s on May 3 for making calls to her son in "
        "South Korea. She was later sentenced to five years in a kyohwaso."
    )
    assert kinds(extract(text, "2021-06-15").records) == [
        ("incident", "detention"),
        ("incident", "sentencing"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Executions are not rare in the border regions, residents say.",
        "Chinese police detained six North Korean women in Shenyang last week.",
        "South Korean police arrested a man in Seoul on drug charges on Tuesday.",
        "KCNA denounced the puppet warmongers and their reptile press for a smear campaign.",
        "The provincial party committee met on Monday to discuss the harvest.",
        "Residents fear that more people might be arrested if the crackdown continues.",
        "The inminban head is responsible for conveying central directives to residents.",
        "Officials met on the 3rd to discuss how to keep order at the station.",
        "The county committee met on the 3rd, but no new instructions have come down yet.",
    ],
)
def test_statements_of_habit_foreign_acts_rhetoric_and_meetings_yield_nothing(text: str) -> None:
    assert extract(text, "2021-06-15").records == []


def test_a_later_sentence_restating_the_act_does_not_add_a_record() -> None:
    text = (
        "Security agents arrested four traders in Hyesan on the 2nd. "
        "The arrests have frightened other merchants, the source said. "
        "Market prices rose the next day."
    )
    records = extract(text, "2021-06-15").incidents
    assert kinds(records) == [("incident", "detention")]
    assert len(records[0].evidence) == 2


def test_place_and_date_carry_over_within_a_paragraph() -> None:
    text = (
        "On the 10th, police officers in Onsong raided a house where people were watching "
        "South Korean dramas. All five viewers were beaten."
    )
    violence = incident(text, "violence")
    assert violence.date == "2021-06-10"
    assert violence.place.locality == "Onsong"


def test_without_a_publication_date_no_year_is_invented() -> None:
    record = only("Bowibu agents arrested a broker in Hyesan on the 7th.", None)
    assert record.date is None


@pytest.mark.parametrize(
    ("text", "organ"),
    [
        ("Bowibu agents arrested a broker in Hyesan on the 7th.", "state_security"),
        ("Anjeonbu officers arrested a broker in Hyesan on the 7th.", "social_security"),
        ("Group 109 inspectors arrested a broker in Hyesan on the 7th.", "task_force"),
        ("Border guards arrested a broker in Hyesan on the 7th.", "military"),
    ],
)
def test_organs_are_resolved_from_their_many_names(text: str, organ: str) -> None:
    assert only(text).organs == [organ]


def test_mss_means_the_ministry_the_report_spells_out() -> None:
    text = (
        "The Ministry of Social Security has expanded its patrols. "
        "MSS officers arrested two vendors in Hamhung on the 3rd."
    )
    assert incident(text, "detention").organs == ["social_security"]


def test_every_record_points_at_the_words_that_state_it() -> None:
    text = (FIXTURES / "pos-execution-sunchon-ox.txt").read_text(encoding="utf-8")
    for record in extract(text, "2021-06-15").records:
        for span in record.evidence:
            assert text[span.start : span.end] == span.text


def test_weak_evidence_is_kept_but_flagged_by_low_confidence() -> None:
    strong = only("Police in Musan arrested three women on the 2nd for smuggling.")
    weak = only("Some people were caught, residents said in June.")
    assert weak.confidence < strong.confidence


words = st.sampled_from(
    "police arrested executed Hyesan on the 7th women five were fined . banned , "
    "“ ” will be the party Kim Jong Un ordered crackdown\n \n\n".split(" ")
)


@settings(max_examples=150, deadline=None)
@given(st.lists(words, max_size=60).map(" ".join))
def test_evidence_offsets_hold_for_any_text(text: str) -> None:
    for record in extract(text, "2020-10-21").records:
        assert record.evidence
        for span in record.evidence:
            assert text[span.start : span.end] == span.text
        assert 0.0 <= record.confidence <= 1.0


def test_an_act_named_as_a_purpose_is_not_reported_as_done() -> None:
    text = "Youth league patrols were sent to the markets last month to warn or detain vendors."
    assert "detention" not in [r.type for r in extract(text, "2021-06-15").incidents]


def test_what_an_easing_forbids_is_not_an_incident() -> None:
    text = (
        "The Ministry of State Security told its branches in April that house searches "
        "without a warrant cannot be permitted any longer."
    )
    assert kinds(extract(text, "2021-06-15").records) == [("measure", "relaxation")]


def test_an_order_restated_by_reference_is_one_measure() -> None:
    text = (
        "Kim Jong Un ordered all provincial party committees in March to report every case "
        "of foreign media viewing. Officials said these orders were read out at every "
        "enterprise the following week."
    )
    measures = extract(text, "2021-06-15").measures
    assert [m.type for m in measures] == ["directive"]
    assert len(measures[0].evidence) == 2
    assert measures[0].organs == ["leader"]


def test_the_extractor_reads_our_own_example_reports_as_their_annotators_did() -> None:
    """A floor under the extractor's quality on the bundled examples' gold, so that a
    change that makes it read the genre worse fails here, not in a user's record."""
    from kirok import evaluate

    samples = Path(__file__).resolve().parents[2] / "src" / "kirok" / "samples" / "gold"
    kinds = evaluate.summarise(evaluate.run(evaluate.load_cases(samples)))["kinds"]
    assert kinds["all"]["f1"] >= 0.8
    assert kinds["incident"]["f1"] >= 0.75 and kinds["measure"]["f1"] >= 0.75


def test_the_leader_named_once_in_full_is_kim_after() -> None:
    text = (
        "Kim Jong Un spoke at a plenary meeting last week. "
        "Kim ordered party cells in March to root out foreign songs. "
        "By Jieun Kim."
    )
    measure = only(text)
    assert measure.organs == ["leader"]
    assert measure.place.province == "national"


def test_kim_is_not_the_leader_where_someone_else_is_called_kim() -> None:
    text = (
        "Kim Jong Un spoke at a plenary meeting last week. Kim Young-soon, a trader, "
        "said Kim was arrested by police officers in Hyesan on the 3rd."
    )
    assert only(text).organs == ["social_security"]


def test_a_measure_without_a_central_organ_applies_where_the_report_is() -> None:
    local = (
        "A source in Ryanggang Province said inspections of homes have been stepped up. "
        "Inminban leaders were ordered last month to check every household's radio."
    )
    places = {m.place.province for m in extract(local, "2021-06-15").measures}
    assert places == {"Ryanggang"}
    central = (
        "A source in Ryanggang Province said Kim Jong Un ordered a campaign against "
        "foreign dress last month.\n\nMarkets were told to stop selling jeans in May."
    )
    places = {m.place.province for m in extract(central, "2021-06-15").measures}
    assert places == {"national"}


@pytest.mark.parametrize(
    ("text", "type_"),
    [
        # acts summed over a span of time are told of the country at large
        (
            "A source in Hyesan said police detained two smugglers on the 3rd.\n\n"
            "Many traders have been sent to labour camps over the past year.",
            "sentencing",
        ),
        # two provinces named as often, and no source in either: the report is about neither
        (
            "Floods hit Chagang Province in July and aid was stored in Pyongyang.\n\n"
            "Several officials were executed late last month.",
            "execution",
        ),
    ],
)
def test_an_act_takes_no_place_from_a_report_that_gives_none_for_it(
    text: str, type_: str
) -> None:
    assert incident(text, type_).place.province is None


@pytest.mark.parametrize(
    ("text", "organs"),
    [
        (
            "Since May, traders have faced a crackdown that the Ministry of Social Security "
            "launched against smuggling.",
            ["social_security"],
        ),
        (
            "Inminban heads have been ordered to write down the names of visitors.",
            ["authorities"],
        ),
        (
            "Last year the authorities tasked Group 109 with searching homes for USB sticks.",
            ["authorities"],
        ),
        (
            "An order was sent to the provincial party committee to ban the sale of jeans.",
            ["authorities"],
        ),
    ],
)
def test_an_orders_issuer_is_who_gave_it_not_who_must_carry_it_out(
    text: str, organs: list[str]
) -> None:
    measures = extract(text, "2021-06-15").measures
    assert measures and measures[0].organs == organs


def test_the_regime_named_for_its_leader_is_the_state() -> None:
    text = "Two smugglers were executed in Hyesan on the 3rd by the Kim Jong Un regime."
    assert only(text).organs == ["authorities"]


def test_an_act_with_no_organ_named_is_put_to_the_organ_the_report_is_about() -> None:
    text = (
        "Bowibu agents have stepped up searches in Hyesan. A Bowibu official said phone "
        "users would be punished. The Bowibu has set up checkpoints.\n\n"
        "Three women were detained on the 3rd."
    )
    detention = incident(text, "detention")
    assert detention.organs == ["state_security"]


@pytest.mark.parametrize(
    ("text", "province"),
    [
        (
            "A source in Hamhung said the Ministry of Social Security ordered a crackdown on "
            "drug dealers across the city in May.",
            "South Hamgyong",
        ),
        (
            "A source in Hyesan said the county's Ministry of Social Security station told "
            "traders last month that alley selling would be let off with a warning.",
            "Ryanggang",
        ),
        (
            "The authorities lifted a ban on food stalls in Kalma in August.",
            "Kangwon",
        ),
        (
            "The Ministry of State Security ordered all border guards to shoot smugglers "
            "on sight, a source in Hyesan said.",
            "national",
        ),
    ],
)
def test_a_measures_place_is_its_reach_not_who_issued_it(text: str, province: str) -> None:
    measures = extract(text, "2021-06-15").measures
    assert measures and measures[0].place.province == province


def test_an_undated_act_happened_when_the_reports_news_did() -> None:
    text = (
        "Police in Hyesan searched the market on March 3 and again on March 5.\n\n"
        "Vendors were detained and their goods were seized."
    )
    detention = incident(text, "detention")
    assert detention.date == "2021-03"


def test_the_pages_date_on_a_line_of_its_own_dates_no_act() -> None:
    text = (
        "Daily NK\n1/25/2007\n\n"
        "Since last year, the authorities have waged a campaign against foreign videos."
    )
    assert only(text, "2007-01-25").date == "2006"


def test_the_day_of_a_phone_call_with_the_source_is_not_the_acts() -> None:
    text = (
        "In a phone call with Daily NK on June 9, a source said police arrested three "
        "smugglers in Hyesan on June 2."
    )
    assert only(text).date == "2021-06-02"


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Bowibu agents arrested a family of four in Sariwon on the 3rd.", 4),
        ("Police searched homes in Hyesan on the 3rd, a resident of the city told RFA.", None),
        ("Police arrested a trader in Hyesan on the 3rd, a resident of the city said.", 1),
    ],
)
def test_victims_are_counted_but_not_the_source_who_tells_of_them(
    text: str, count: int | None
) -> None:
    assert extract(text, "2021-06-15").incidents[0].victims_count == count


def test_taking_people_off_a_watch_list_is_a_relaxation() -> None:
    text = (
        "In May the Ministry of State Security told its branches to take former "
        "smugglers off the 'special control' watch list."
    )
    assert only(text).type == "relaxation"


def test_an_act_abroad_does_not_hide_the_north_korean_act_beside_it() -> None:
    text = (
        "Bowibu agents detained the broker in Hyesan on the 3rd, weeks after a woman he "
        "had guided was caught in Shenyang and sent back."
    )
    assert only(text).type == "detention"


def test_a_family_taken_away_to_a_camp_is_a_sentencing() -> None:
    assert only("The whole family was taken away to a political prison camp in May.").type == (
        "sentencing"
    )


def test_a_hedge_bears_on_the_act_it_hedges_not_on_a_later_clause() -> None:
    done = (
        "A student was executed by firing squad in Hyesan in March, the source said, for "
        "films that viewers are thought to have shared."
    )
    assert only(done).type == "execution"
    for hedged in (
        "Two brokers are believed to have been executed in Hyesan in March.",
        "Executions are expected in Hyesan next month.",
    ):
        assert extract(hedged, "2021-06-15").incidents == []


def test_an_act_in_the_present_after_a_rules_condition_is_the_rules_penalty() -> None:
    text = (
        "Under the new rules in Hyesan, if residents are found carrying Chinese phones, "
        "they are detained at once, a source in Ryanggang Province said."
    )
    record = only(text)
    assert (record.kind, record.type) == ("measure", "prohibition")
    assert record.penalties == ["detention"]


def test_an_act_in_the_present_without_a_condition_is_a_statement_of_habit() -> None:
    text = "In the border towns, smugglers are detained by the police, a source said."
    assert extract(text, "2021-06-15").records == []


def test_a_sentence_repeated_as_a_pull_quote_is_one_record_with_both_places_quoted() -> None:
    quote = "Security agents in Hoeryong are cracking down on residents with relatives abroad."
    filler = "The agents questioned dozens of families last week, the source said.\n\n" * 5
    text = f"{quote}\n\nA source described the searches at length.\n\n" * 2 + filler + quote
    records = [r for r in extract(text, "2021-06-15").records if r.type == "campaign"]
    assert len(records) == 1 and len(records[0].evidence) >= 2


def test_a_box_of_related_links_inside_the_article_does_not_end_it() -> None:
    text = (
        "Read in Korean\n\n"
        "Police in Hyesan arrested seven traders on March 3 for selling Chinese phones.\n\n"
        "RELATED STORIES\n\nMarket crackdown widens\n\n"
        "A court in Hyesan sentenced two of the traders to five years of hard labor on March 20, "
        "a source in Ryanggang Province said.\n\n" + "The source described the market. " * 12
        + "\n\nRELATED STORIES\n\n"
        + "Police in Hyesan executed a smuggler on March 28, a source said."
    )
    types = {r.type for r in extract(text, "2021-04-02").incidents}
    assert {"detention", "sentencing"} <= types and "execution" not in types


def test_such_as_introduces_a_new_rule_not_a_restatement() -> None:
    text = (
        "The Pyongyang People's Committee banned street vending in Pyongyang in May.\n\n"
        "Our traders had a bad month. The market was quiet for days on end.\n\n"
        "Rules became stricter, such as prohibiting visits to Pyongyang from the provinces."
    )
    measures = [m for m in extract(text, "2021-06-15").measures if m.type == "prohibition"]
    assert len(measures) == 2


def test_an_order_that_threatens_a_penalty_is_a_prohibition() -> None:
    text = (
        "The Hyesan city party committee ordered residents to hand in their radios, and "
        "those who refuse will be sent to a labor camp, a source said on May 2."
    )
    measures = extract(text, "2021-05-20").measures
    assert [(m.type, m.penalties) for m in measures] == [("prohibition", ["sentencing"])]


def test_one_act_in_places_of_two_provinces_is_one_record_per_place() -> None:
    text = (
        "On March 9 the Ministry of Social Security held struggle sessions against "
        "residents of Hamhung and Pyongsong accused of selling drugs, a source said."
    )
    records = [r for r in extract(text, "2024-03-20").incidents if r.type == "public_denunciation"]
    assert sorted(r.place.locality or "" for r in records) == ["Hamhung", "Pyongsong"]


def test_places_of_one_province_stay_one_record() -> None:
    text = "Police arrested 12 traders in Hoeryong and Musan on March 9, a source said."
    assert [r.type for r in extract(text, "2024-03-20").incidents] == ["detention"]


def test_what_held_until_now_is_background_not_a_new_rule() -> None:
    text = "Until now, traders in Sinuiju were not allowed to sell Chinese rice in the market."
    assert extract(text, "2021-06-15").records == []
