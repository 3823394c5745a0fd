"""Search finds English word forms (FTS5's porter tokenizer, PostgreSQL's english
configuration) and shows where each report matched, the words marked and the rest
escaped."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_a_word_finds_its_other_forms(client: TestClient) -> None:
    # The report says "shot", "accused", "smuggling"; the analyst types other forms.
    assert client.get("/api/records?q=accuse").json()["total"] == 1
    assert client.get("/api/records?q=smuggled").json()["total"] == 1
    assert client.get("/api/records?q=detain").json()["total"] >= 2  # "detained"


def test_results_show_the_matched_words_marked(client: TestClient) -> None:
    page = client.get("/incidents?q=smuggled").text
    snippet = page.split('<tr class="snippet">', 1)[1].split("</tr>", 1)[0]
    assert '<mark class="hit">smuggling</mark>' in snippet
    assert "copper" in snippet


def test_a_snippet_of_crafted_text_stays_text(client: TestClient) -> None:
    page = client.get("/incidents?q=reader").text
    snippet = page.split('<tr class="snippet">', 1)[1].split("</tr>", 1)[0]
    assert '<mark class="hit">reader</mark>' in snippet
    assert "<script>" not in snippet and "&lt;script&gt;" in snippet


def test_an_older_store_is_reindexed_by_word_forms(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from alembic import command
    from sqlalchemy import create_engine, text

    from kirok.store import fts
    from kirok.store.db import Database, _alembic_config

    url = f"sqlite:///{tmp_path / 'old.db'}"
    engine = create_engine(url)
    config = _alembic_config()
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0002")
        conn.execute(text(
            "INSERT INTO reports (id, sha256, text, title, format, published_from, language, "
            "captured_at, flags) VALUES (1, 'x', 'Two men were executed in Hyesan.', 'Note', "
            "'txt', 'none', 'en', '2024-01-01', '')"
        ))
        conn.execute(text("INSERT INTO reports_fts(rowid, title, text) VALUES "
                          "(1, 'Note', 'Two men were executed in Hyesan.')"))
    engine.dispose()
    db = Database(url)  # 0002 → head: the index is rebuilt with the porter tokenizer
    with db.session() as session:
        assert [hit.report_id for hit in fts.search(session, "execute")] == [1]
    db.dispose()
