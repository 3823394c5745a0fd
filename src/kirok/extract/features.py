"""What the learned filter reads of a candidate record: the rule that proposed it, the
gates it failed, its sentence's cues and which fields the sentence itself gave."""

from __future__ import annotations

from kirok.extract import nlp
from kirok.extract.events import Cues, Proposal
from kirok.model import Record


def candidate_features(
    p: Proposal,
    cues: Cues,
    record: Record,
    own_place: bool,
    own_date: bool,
    *,
    offense_named: bool,
    lead: bool,
    triggers: int,
    long: bool,
) -> dict[str, float]:
    out: dict[str, float] = {
        f"type={p.kind}:{p.type}": 1.0,
        f"trigger={p.type}:{nlp.lemma(p.trigger.text)}": 1.0,
        "weight": p.weight,
        "own_place": float(own_place),
        "own_date": float(own_date),
        "organ_named": float(record.organs != ["authorities"]),
        "counted": float(record.victims_count is not None),
        "offense_named": float(offense_named),
        "lead": float(lead),
        "threat": float(bool(cues.threat)),
        "habit": float(cues.habit),
        "speculation": float(cues.speculation),
        "past": float(cues.past),
        "condition": float(cues.condition),
        "decree": float(cues.decree),
        "negation": float(bool(cues.negations)),
        "foreign": float(cues.foreign),
        "tally": float(cues.tally),
        "national": float(cues.central),
        "triggers_in_sentence": min(triggers, 5) / 5,
        "long_sentence": float(long),
    }
    for flag in p.flags:
        out[f"gate:{flag}"] = 1.0
        out[f"gate:{flag}:{p.type}"] = 1.0
    return out
