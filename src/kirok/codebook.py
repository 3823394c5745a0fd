"""The codebook's closed vocabularies (docs/codebook.md), the contract for records and exports."""

from typing import Final

INCIDENT_TYPES: Final = (
    "execution",
    "detention",
    "sentencing",
    "public_denunciation",
    "fine",
    "confiscation",
    "forced_relocation",
    "deprivation",
    "surveillance",
    "violence",
    "indoctrination",
)

MEASURE_TYPES: Final = ("prohibition", "campaign", "directive", "relaxation")

KINDS: Final = ("incident", "measure")

PROVINCES: Final = (
    "Pyongyang",
    "Rason",
    "Nampo",
    "Kaesong",
    "South Pyongan",
    "North Pyongan",
    "Chagang",
    "South Hwanghae",
    "North Hwanghae",
    "Kangwon",
    "South Hamgyong",
    "North Hamgyong",
    "Ryanggang",
)
NATIONAL: Final = "national"

ORGANS: Final = (
    "leader",
    "party",
    "state_security",
    "social_security",
    "prosecution",
    "court",
    "military",
    "task_force",
    "youth_league",
    "trade_union",
    "inminban",
    "workplace",
    "authorities",
)

OFFENSES: Final = (
    "foreign_media",
    "illegal_phone",
    "border_crossing",
    "smuggling",
    "drugs",
    "religion",
    "speech",
    "appearance",
    "music_dance",
    "illegal_trade",
    "gambling",
    "prostitution",
    "superstition",
    "corruption",
    "ordinary_crime",
    "labor_evasion",
    "ideological_laxity",
    "guilt_by_association",
    "quarantine",
    "anti_socialist",
    "other",
)

VICTIM_GROUPS: Final = (
    "youth",
    "students",
    "women",
    "children",
    "officials",
    "soldiers",
    "workers",
    "traders",
    "returnees",
    "defector_families",
    "party_members",
    "border_residents",
    "residents",
)

PENALTIES: Final = (
    "execution",
    "sentencing",
    "detention",
    "fine",
    "confiscation",
    "public_denunciation",
    "forced_relocation",
    "deprivation",
    "surveillance",
    "unspecified",
)

REVIEW_STATUSES: Final = ("unreviewed", "confirmed", "corrected", "rejected")


def types_of(kind: str) -> tuple[str, ...]:
    return INCIDENT_TYPES if kind == "incident" else MEASURE_TYPES
