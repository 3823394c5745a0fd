"""Which sentences state an incident or a measure, and of which type.

A sentence's trigger words propose types; cue words then decide how to read them:
an act that is threatened or ruled ("those caught will be fined") becomes a measure's
penalty, not an incident; general statements of habit, denials, acts of foreign police
and state media's rhetoric state nothing.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import groupby

from kirok.codebook import PENALTIES
from kirok.extract.lexicon import Hit, Trigger, lexicon
from kirok.extract.scope import bears_on, words_before

# The codebook's order of preference when one sentence proposes several measure types.
MEASURE_PREFERENCE = ("relaxation", "prohibition", "campaign", "directive")
# An act in a threat's reach becomes a penalty; these detention words are usually the
# threat's condition ("if caught"), not its penalty.
_CONDITION_WORDS = re.compile(r"^(?:caught|captured|investigated|punished|under)", re.I)
_BACKGROUND = re.compile(
    r"\b(?:who|which|that|after|for|since|while|when)\s+(?:\w+\s+){0,2}$", re.I
)
# a relative clause is the background of what the sentence reports: "dramas, which are
# banned", "a man who had been arrested before"
_RELATIVE = re.compile(r",\s*(?:who|which)\s+(?:\w+\s+){0,2}$", re.I)
BACKGROUND_WORDS = 4  # words before an act in which a relative clause or "after" shows
PURPOSE_WORDS = 6  # words before an act in which "to" or "tasked with" names it a purpose
# an act named as a purpose, not reported as done: "deployed to warn or detain", "tasked
# with seeking out and arresting violators"
_PURPOSE = re.compile(
    r"(?:\bto\s+(?:[\w-]+\s+or\s+)?|\bwith\s+(?:[\w-]+\s+){0,2}(?:and|or)\s+)$", re.I
)
_PUNISH = re.compile(r"punish|penalt|sanction|legal action|dealt with (?:severely|harshly)", re.I)


@dataclass
class Proposal:
    """A record a sentence proposes, before its fields are filled in."""

    kind: str
    type: str
    weight: float
    trigger: Hit
    penalties: list[str] = field(default_factory=list)
    why: str = ""
    flags: list[str] = field(default_factory=list)  # gates failed, in generous mode
    rule: str = "trigger"  # "trigger": the trigger's words; "threat": a rule's threat


@dataclass(frozen=True)
class Cues:
    threat: list[Hit]
    habit: bool
    negations: list[Hit]
    foreign: bool
    rhetoric: bool
    public: bool
    speculations: list[Hit]
    past: bool
    condition: bool
    decree: bool
    abstentions: list[Hit]
    abroad: list[Hit] = field(default_factory=list)
    conditions: list[Hit] = field(default_factory=list)
    present: list[Hit] = field(default_factory=list)
    national: list[Hit] = field(default_factory=list)
    government: bool = False
    local: list[Hit] = field(default_factory=list)
    scope: bool = False
    tally: bool = False

    @property
    def speculation(self) -> bool:
        return bool(self.speculations)

    @property
    def central(self) -> bool:
        """A central organ named in its own right, not inside a local organ's name."""
        return any(
            not any(lo.start <= n.start and n.end <= lo.end for lo in self.local)
            for n in self.national
        )


def cues_from(hits: list[Hit]) -> Cues:
    """A sentence's cues from the cue words found in it (offsets relative to it)."""
    found: dict[str, list[Hit]] = defaultdict(list)
    for hit in hits:
        found[hit.value].append(hit)
    return Cues(
        threat=found["threat"],
        habit=bool(found["habit"]) or bool(found["present"] and not found["condition"]),
        negations=found["negation"],
        foreign=bool(found["foreign"]),
        abroad=found["abroad"],
        rhetoric=bool(found["rhetoric"]),
        public=bool(found["public"]),
        speculations=found["speculation"],
        past=bool(found["past"]),
        condition=bool(found["condition"]),
        conditions=found["condition"],
        present=found["present"],
        decree=bool(found["decree"]),
        abstentions=found["abstain"],
        national=found["national"],
        government=bool(found["government"]),
        local=found["local"],
        scope=bool(found["scope"]),
        tally=bool(found["tally"]),
    )



def is_boilerplate(sentence: str) -> bool:
    return lexicon("cues.csv", "cue")["boilerplate"].search(sentence.strip()) is not None



def _abroad(hit: Hit, cues: Cues, sentence: str) -> bool:
    """Done abroad ("caught in Yanji"): only the clause about it, for the same sentence
    can go on about North Korea's own organs ("... and the Bowibu picked up the pair")."""
    return bears_on("abroad", cues.abroad, hit, sentence)


def _negated(hit: Hit, cues: Cues, sentence: str) -> bool:
    return bears_on("negation", cues.negations, hit, sentence) or bears_on(
        "abstain", cues.abstentions, hit, sentence
    )


def _hedged(hit: Hit, cues: Cues, sentence: str) -> bool:
    """A hedge bears on the act after it ("believed to have been executed") or right
    behind it ("executions are expected"), not on a clause further on ("citizens
    who are thought to have watched films")."""
    return bears_on("speculation", cues.speculations, hit, sentence)


def _threatened(hit: Hit, cues: Cues, sentence: str) -> bool:
    """An act stated after a threat cue in the same sentence ("will be fined")."""
    return bears_on("threat", cues.threat, hit, sentence)


def _ruled(hit: Hit, cues: Cues, sentence: str) -> bool:
    """An act in the present tense after a rule's condition: what is done to whoever
    meets it ("if strangers are found, they are detained at once"), a rule, not an act."""
    return bears_on("condition", cues.conditions, hit, sentence) and any(
        p.start < hit.end and hit.start < p.end for p in cues.present
    )


def _supported(trig: Trigger, cues: Cues, has_organ: bool, has_count: bool) -> bool:
    """Whether the sentence holds what the trigger's row says it needs."""
    if trig.kind == "measure" and cues.speculation and trig.type in ("campaign", "directive"):
        return False  # "authorities aim to root out ...": analysis, not an order
    if trig.needs == "condition":
        return cues.condition and not cues.speculation
    if trig.needs == "organ":
        return has_organ
    if trig.needs == "support":
        return (has_organ or has_count) if trig.kind == "incident" else (has_organ and cues.decree)
    return True


def _within_longer(hits: list[tuple[Trigger, Hit]]) -> set[int]:
    """Which hits lie inside the words of a longer hit of the same kind, found in one pass
    over the hits by start: testing every pair was quadratic in a sentence with thousands
    of trigger words."""
    out: set[int] = set()
    by_kind: dict[str, list[tuple[int, int, int]]] = {}
    for number, (trig, hit) in enumerate(hits):
        by_kind.setdefault(trig.kind, []).append((hit.start, -hit.end, number))
    for entries in by_kind.values():
        entries.sort()
        furthest = -1  # the furthest end of the spans before this one, identical ones apart
        for _span, group in groupby(entries, key=lambda e: e[:2]):
            same = list(group)
            end = -same[0][1]
            if furthest >= end:
                out.update(e[2] for e in same)
            furthest = max(furthest, end)
    return out


def _inside(hit: Hit, names: list[tuple[int, int]]) -> bool:
    return any(start <= hit.start and hit.end <= end for start, end in names)


def propose(
    sentence: str,
    hits: list[tuple[Trigger, Hit]],
    cues: Cues,
    has_organ: bool,
    has_count: bool,
    names: list[tuple[int, int]] | None = None,
    generous: bool = False,
) -> list[Proposal]:
    """The records a sentence states. Weak trigger words count only with support: an
    incident's, a named organ or a counted victim; a measure's, an organ and a verb of
    issuing or launching. `names` are spans of organ names ("joint inspection team"),
    inside which a trigger word names the organ rather than stating an act. Trigger
    and cue offsets are relative to the sentence."""
    if not hits:
        return []
    if cues.habit or cues.foreign or sentence.rstrip("”\"’' ").endswith("?"):
        return []
    incidents: dict[str, Proposal] = {}
    measures: dict[str, Proposal] = {}
    penalties: list[str] = []
    rules: list[Hit] = []  # acts in a rule's present tense
    within = _within_longer(hits)
    for number, (trig, hit) in enumerate(hits):
        if _negated(hit, cues, sentence) or _abroad(hit, cues, sentence):
            continue
        if _inside(hit, names or []):
            continue
        if number in within:
            continue  # "taken away" inside "taken away to a camp": the longer words say more
        # gates a rule must pass; in generous mode a failed gate is a flag for the
        # learned filter to weigh instead
        failed = []
        before = words_before(sentence, hit.start, BACKGROUND_WORDS)
        if (trig.weight < 0.6 and _BACKGROUND.search(before)) or _RELATIVE.search(before):
            failed.append("background")  # "women who had been caught ...": the act's reason
        if not _supported(trig, cues, has_organ, has_count):
            failed.append("unsupported")
        if failed and not generous:
            continue
        weight = trig.weight - (0.25 if cues.rhetoric else 0.0)
        ruled = trig.kind == "incident" and _ruled(hit, cues, sentence)
        if ruled:
            rules.append(hit)
        if trig.kind == "incident" and (_threatened(hit, cues, sentence) or ruled):
            if not failed and trig.type in PENALTIES and not (
                trig.type == "detention" and _CONDITION_WORDS.match(hit.text)
            ):
                penalties.append(trig.type)
            continue
        if trig.kind == "incident":
            if not cues.past:
                failed.append("not_past")
            # weak words (a camp's name) are no act of their own: any hedge bears on them
            if _hedged(hit, cues, sentence) if trig.weight >= 0.6 else cues.speculation:
                failed.append("hedged")
            if _PURPOSE.search(words_before(sentence, hit.start, PURPOSE_WORDS)):
                failed.append("purpose")
        if failed and not generous:
            continue
        bucket = incidents if trig.kind == "incident" else measures
        current = bucket.get(trig.type)
        if current is None or (not failed, weight) > (not current.flags, current.weight):
            bucket[trig.type] = Proposal(
                trig.kind, trig.type, weight, hit, why=f"“{hit.text}”", flags=failed
            )
    if penalties and not measures and cues.condition and not cues.speculation:
        first = min([*cues.threat, *rules], key=lambda h: h.start)
        measures["prohibition"] = Proposal(
            "measure", "prohibition", 0.6, first, why=f"threat “{first.text}”", rule="threat"
        )
    if "public_denunciation" in incidents and "execution" in incidents:
        del incidents["public_denunciation"]  # a public trial that ends in death is one execution
    if "relaxation" in measures:
        # "warrantless searches cannot be permitted": the act is what is to be refrained from
        eased = measures["relaxation"].trigger
        for type_, p in list(incidents.items()):
            if abs(p.trigger.start - eased.start) <= 40 or abs(p.trigger.end - eased.end) <= 40:
                del incidents[type_]
    if incidents and "directive" in measures and not cues.threat:
        del measures["directive"]  # "the shooting was ordered": the order is the act's provenance
    return [*incidents.values(), *_one_measure(measures, penalties, sentence)]


def _one_measure(
    measures: dict[str, Proposal], penalties: list[str], sentence: str
) -> list[Proposal]:
    """One measure per sentence, the most specific type the codebook allows."""
    for kind in MEASURE_PREFERENCE:
        if kind in measures:
            chosen = measures[kind]
            if chosen.type == "directive" and penalties:
                chosen.type = "prohibition"  # an order that threatens a penalty bans conduct
            if chosen.type == "prohibition" or penalties:
                chosen.penalties = sorted(set(penalties)) or (
                    ["unspecified"] if _PUNISH.search(sentence) else []
                )
            return [chosen]
    return []
