"""Record queries the web app needs beyond the store's: the listing with what a page
shows, and per-report counts. Aggregates (facets, map, timeline) build on the store's
`filtered`, so every page, API endpoint and CLI command agrees on a query.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kirok.store.schema import Record

TAG_COLUMNS = {
    "organ": Record.organs,
    "offense": Record.offenses,
    "victim_group": Record.victim_groups,
}


def record_counts(session: Session, report_ids: list[int]) -> dict[int, int]:
    """How many records each listed report holds, in one query for the whole page; rejected
    ones are not counted, as no list shows them by default."""
    if not report_ids:
        return {}
    stmt = (
        select(Record.report_id, func.count(Record.id))
        .where(Record.report_id.in_(report_ids), Record.status != "rejected")
        .group_by(Record.report_id)
    )
    return {int(rid): int(n) for rid, n in session.execute(stmt)}
