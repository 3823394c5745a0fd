"""Restricted material: records and whole reports a team keeps out of every public
edition (for example when a source could be identified from them). The team still sees
them; a record's audit trail says who restricted it and when, as for any other change."""

from __future__ import annotations

import json

from sqlalchemy.orm import Session

from kirok.store import queries
from kirok.store.schema import Audit

KINDS = ("record", "report")


def set_restricted(session: Session, what: str, item_id: int, restricted: bool, who: str) -> bool:
    """Mark a record or report (un)restricted; returns whether anything changed."""
    item = (
        queries.get_record(session, item_id) if what == "record"
        else queries.get_report(session, item_id)
    )
    if item.restricted == restricted:
        return False
    records = [item] if what == "record" else []
    for record in records:
        session.add(
            Audit(
                record=record,
                who=who,
                action="restrict" if restricted else "unrestrict",
                before=json.dumps({"restricted": record.restricted}),
                after=json.dumps({"restricted": restricted}),
            )
        )
    item.restricted = restricted
    session.flush()
    return True
