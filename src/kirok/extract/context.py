"""Where and when a record happened, when its own sentence does not say.

Reports state a place and date once ("in Hyesan on the 7th") and then go on about the
same event, so a record takes its sentence's place and date, else the nearest earlier
sentence's in the same paragraph, else the report's: its most-named province (and
locality, when one dominates) and the month its news happened in, else its publication
month.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from kirok.extract.date_roles import dates_an_act, given_as_example
from kirok.extract.dates import DateMention
from kirok.extract.events import Cues
from kirok.extract.lexicon import Index
from kirok.extract.metonymy import names_local_organ, places_nothing
from kirok.extract.places import PlaceMention, coordinates
from kirok.extract.text import Sentence
from kirok.model import Origin, Place

_SOURCE_IN = re.compile(
    r"(?:sources?|partners?|residents?|defectors?) (?:\w+ ){0,2}(?:in|from|based in|living in)"
    r"\s+(?:the (?:capital|city|county|province|border city|northern city) (?:of )?)?$",
    re.IGNORECASE,
)
NEWS_MONTHS = 11  # a report's news happened within the year before its publication
LOOKBACK = 2  # sentences of the same paragraph a place or date carries over to
HISTORY = Origin("dates", "history", note="none: the report tells of years past and gives no date")
UNDATED = Origin("dates", "publication", note="publication month (the text gives no date)")
# a measure's place when its sentence says neither where nor by whom: settled per report
UNPLACED = Origin("places", "unplaced", note="issued for the whole country")
_IN_SENTENCE = Origin("places", "sentence", note="named in the sentence")
_EARLIER = Origin("places", "earlier", note="named earlier in the paragraph")
_REPORT = Origin("places", "report", note="the place the report is about")
_TALLY = Origin(
    "places", "tally", note="none: acts summed over a span of time, told of the country at large"
)
_REACH = Origin("places", "reach", note="its reach is the place the report is about")
_CENTRAL = Origin("places", "central", note="issued by a central organ for the whole country")
_GOVERNMENT = Origin("places", "government", note="issued by the government for the whole country")
_BRANCH = Origin("places", "branch", note="issued by the organ of the place named with it")
_LOCAL = Origin("places", "local", note="issued by a local organ: the place the report is about")


@dataclass
class ReportContext:
    text: str
    sentences: list[Sentence]
    places: Index[PlaceMention]
    dates: Index[DateMention]
    default_place: Place
    default_date: str | None
    lead_date: str | None = None
    # in a head-final language (Korean) an act's date stands before its verb ("지난해 2월
    # 체포, 4월에 재판"): the nearest date before the trigger word is the act's
    dates_before_acts: bool = False
    # sentences that quote a law's own text ("…어긴 자는 노동단련형에 처한다"): a law's rule
    # has the law's date, which the sentence does not give, not the date of the report's news
    statutes: frozenset[int] = frozenset()
    # read by the report's lead date and again by each record's: sorted out once
    _event_dates: dict[int, list[DateMention]] = field(default_factory=dict)

    @classmethod
    def build(
        cls,
        text: str,
        sentences: list[Sentence],
        places: list[PlaceMention],
        dates: list[DateMention],
        published: str | None,
        habitual: frozenset[int] = frozenset(),
        dates_before_acts: bool = False,
        statutes: frozenset[int] = frozenset(),
    ) -> ReportContext:
        starts = [s.start for s in sentences]
        context = cls(
            text,
            sentences,
            Index(starts, places),
            Index(starts, dates),
            _dominant_place(text, places),
            published[:7] if published else None,
            dates_before_acts=dates_before_acts,
            statutes=statutes,
        )
        context.lead_date = context._lead_date(published, habitual)
        return context

    def _lead_date(self, published: str | None, habitual: frozenset[int]) -> str | None:
        """When the report's news happened: the month its event dates of the year before
        publication fall in most (the first such month on a tie), to the day when they
        all give the same day. A report's history, and dates in statements of habit or
        given as examples ("released on holidays such as Feb 16th"), do not count."""
        if not published or len(published) < 7:
            return None
        recent = [
            d
            for s in self.sentences
            if s.index not in habitual
            for d in self.event_dates(s)
            if len(d.value) >= 7
            and 0 <= _months_before(published, d.value) <= NEWS_MONTHS
            and not given_as_example(self.text, d)
        ]
        if not recent:
            return None
        months = Counter(d.value[:7] for d in recent)
        month = max(months, key=lambda m: months[m])  # the first seen wins a tie
        days = {d.value for d in recent if d.value.startswith(month)}
        return days.pop() if len(days) == 1 else month

    def _earlier(self, sentence: Sentence) -> list[Sentence]:
        """Sentences whose place and date carry over: up to LOOKBACK back in the same
        paragraph, or the one just before across a paragraph break."""
        back = self.sentences[max(0, sentence.index - LOOKBACK) : sentence.index]
        return [s for s in reversed(back) if s.paragraph == sentence.paragraph]

    def event_dates(self, sentence: Sentence) -> list[DateMention]:
        """Dates that say when something happened, not since or until when."""
        found = self._event_dates.get(sentence.index)
        if found is None:
            text = self.text
            found = self._event_dates[sentence.index] = [
                d
                for d in self.dates.in_sentence(sentence.index)
                if dates_an_act(text, d, sentence.end)
            ]
        return found

    def date_for(self, sentence: Sentence, anchor: int) -> tuple[str | None, Origin]:
        """The record's date and where it came from."""
        own = self.event_dates(sentence)
        if own:
            after = self.dates_before_acts
            best = min(own, key=lambda d: (after and d.start > anchor, abs(d.start - anchor)))
            return best.value, Origin("dates", "own", best.text, note=f"“{best.text}”")
        if sentence.index in self.statutes:
            return None, Origin("dates", "statute", note="a law's own text: dated by the law")
        for earlier in self._earlier(sentence):
            found = self.event_dates(earlier)
            if found:
                words = found[-1].text
                return found[-1].value, Origin(
                    "dates", "earlier", words, note=f"“{words}” earlier in the paragraph"
                )
        if self.lead_date:
            return self.lead_date, Origin(
                "dates", "lead", note="none in the text: when the report's news happened"
            )
        if self._tells_history():
            return None, HISTORY
        return self.default_date, UNDATED

    def _tells_history(self) -> bool:
        """A report whose dates are all years before its publication tells of the past
        (testimony, a retrospective): an act it does not date has no date of its own."""
        if not self.default_date:
            return False
        years = [int(d.value[:4]) for s in self.sentences for d in self.event_dates(s)]
        return bool(years) and max(years) < int(self.default_date[:4])

    def place_mentions(self, sentence: Sentence) -> list[PlaceMention]:
        """Places named in the sentence, leaving out "Pyongyang" standing for the
        government ("Pyongyang has ordered ...") and names in titles of laws or papers."""
        return [
            m for m in self.places.in_sentence(sentence.index) if not places_nothing(self.text, m)
        ]

    def incident_place(self, sentence: Sentence, anchor: int, tally: bool) -> tuple[Place, Origin]:
        own = self.place_mentions(sentence)
        if own:
            return _nearest(own, anchor, sentence.start), _IN_SENTENCE
        if tally:
            return Place(), _TALLY
        for earlier in self._earlier(sentence):
            found = self.place_mentions(earlier)
            if found:
                return _nearest(found, 10**9, 0), _EARLIER
        return self.default_place, _REPORT

    def measure_place(
        self, sentence: Sentence, cues: Cues, by_leader: bool
    ) -> tuple[Place, Origin]:
        """A central organ's order is nationwide, unless its reach is the report's place
        ("across the city"); the government's ("the authorities") is nationwide unless the
        sentence names a place; a local organ's is local."""
        own = [m for m in self.place_mentions(sentence) if not self._where_source_is(m)]
        branch = [m for m in own if names_local_organ(self.text, m)]
        if branch:
            return _nearest(branch, 0, 0), _BRANCH
        here = self.default_place.province is not None
        if cues.scope and here and not own:
            return self.local_place(), _REACH
        central = by_leader or cues.central
        if central and not cues.local and not cues.scope:
            return Place("national"), _CENTRAL
        if own:
            localities = {m.locality for m in own if m.locality}
            provinces = {m.province for m in own if m.province}
            if len(provinces) == 1:
                province = provinces.pop()
                locality = localities.pop() if len(localities) == 1 else None
                return with_coordinates(Place(province, locality)), _IN_SENTENCE
        if central or cues.government:
            return Place("national"), _GOVERNMENT
        if here and cues.local:
            return self.local_place(), _LOCAL
        return Place("national"), UNPLACED

    def local_place(self) -> Place:
        return Place(
            self.default_place.province, None, self.default_place.lat, self.default_place.lon
        )

    def _where_source_is(self, mention: PlaceMention) -> bool:
        """ "a source in Hyesan said ...": where the source is, not where the act was."""
        return bool(_SOURCE_IN.search(self.text[max(0, mention.start - 40) : mention.start]))


def _months_before(published: str, date: str) -> int:
    return (int(published[:4]) - int(date[:4])) * 12 + int(published[5:7]) - int(date[5:7])


def with_coordinates(place: Place) -> Place:
    point = coordinates(place.province, place.locality)
    if point:
        place.lat, place.lon = point
    return place


def _nearest(mentions: list[PlaceMention], anchor: int, offset: int) -> Place:
    """The most precise place mention closest to the trigger word."""
    ranked = sorted(mentions, key=lambda m: (m.locality is None, abs(m.start - offset - anchor)))
    best = ranked[0]
    return with_coordinates(Place(best.province, best.locality))


def _dominant_place(text: str, places: list[PlaceMention]) -> Place:
    """The province named more than any other (a source's province counts double; of
    two named as often, the first source's), and its locality when one locality of it
    is named at least twice. Two provinces named as often and no source: neither."""
    provinces: Counter[str] = Counter()
    localities: Counter[str] = Counter()
    sourced: list[str] = []
    for mention in places:
        if not mention.province or places_nothing(text, mention):
            continue
        source = bool(_SOURCE_IN.search(text[max(0, mention.start - 30) : mention.start]))
        provinces[mention.province] += 2 if source else 1
        if source:
            sourced.append(mention.province)
        if mention.locality:
            localities[mention.locality] += 1
    if not provinces:
        return Place()
    most = max(provinces.values())
    leading = [p for p, n in provinces.items() if n == most]
    if len(leading) > 1:
        leading = [p for p in sourced if p in leading][:1]
        if not leading:
            return Place()
    province = leading[0]
    in_province = [
        (name, n)
        for name, n in localities.most_common()
        if any(m.locality == name and m.province == province for m in places)
    ]
    locality = in_province[0][0] if in_province and in_province[0][1] >= 2 else None
    return with_coordinates(Place(province, locality))
