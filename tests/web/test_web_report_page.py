"""The report page marks every record's evidence in the text, each mark a link to its
record; the crafted report's marks stay text."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from web_store import Store


def test_every_records_evidence_is_marked_and_linked(
    client: TestClient, store: Store, record_of: Callable[..., int]
) -> None:
    page = client.get(f"/reports/{store.ids['detention']}").text
    for kind, words in (("incident", "detained three university students in March 2023"),
                        ("measure", "ordered inminban heads to check every household")):
        rid = record_of("detention", kind)
        assert (f'<a class="evidence-link" href="/records/{rid}" title="record #{rid}">'
                f'<mark class="evidence">{words}</mark></a>') in page


def test_a_rejected_records_words_are_not_marked(
    client: TestClient, store: Store, record_of: Callable[..., int]
) -> None:
    rid = record_of("execution")
    client.post(f"/records/{rid}/review", data={"reviewer": "lee", "action": "reject"})
    assert "evidence-link" not in client.get(f"/reports/{store.ids['execution']}").text


def test_crafted_evidence_stays_text_inside_its_mark(client: TestClient, store: Store) -> None:
    page = client.get(f"/reports/{store.ids['xss']}").text
    assert '<mark class="evidence">detained two traders &lt;img src=x onerror=' in page
    assert "<img src=x" not in page
