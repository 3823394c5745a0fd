"""Clauses: one sentence stating two rules or two acts gives one record for each."""

from __future__ import annotations

from kirok.extract import extract
from kirok.extract.clauses import clause_spans


def test_two_rules_joined_by_a_semicolon_are_two_measures_each_quoting_its_clause() -> None:
    text = (
        "The Ryanggang provincial security department banned the sale of Chinese phones "
        "in Hyesan; residents are also forbidden to travel to Pyongyang without a permit."
    )
    measures = extract(text, "2023-03-02").measures
    assert [m.type for m in measures] == ["prohibition", "prohibition"]
    quotes = [m.evidence[0].text for m in measures]
    assert quotes[0].endswith("in Hyesan") and quotes[1].startswith("residents are")


def test_one_act_told_in_one_clause_stays_one_record_quoting_the_sentence() -> None:
    text = "Police in Musan arrested four smugglers near the river and took them to the station."
    records = extract(text, "2023-03-02").records
    assert len(records) == 1 and records[0].evidence[0].text == text.rstrip(".") + "."


def test_short_pieces_are_not_clauses() -> None:
    assert clause_spans("Hair dye; jeans; and short skirts were banned.") == [(0, 46)]
