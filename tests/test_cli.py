"""Every command end to end on a temporary store, with a stand-in extractor so that what is
checked is Kirok's plumbing (ingest, store, browse, export), not extraction quality."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from kirok.ingest import files

EXECUTION = (
    "Five women were publicly executed in Hoeryong, North Hamgyong Province on October 7, 2020, "
    "a source told us.\nThe source said residents were made to watch.\n"
)
BAN = "The party banned foreign films in Hyesan in 2021, a source in Ryanggang Province said.\n"
PAGE = (
    "<html><head><title>Ban on films</title><meta property='og:site_name' content='Example Daily'>"
    "<meta property='article:published_time' content='2021-03-02'></head><body><article>"
    f"<p>{BAN}</p><p>Residents were told to hand in their USB sticks.</p></article>"
    "<div class='share'>Share this story</div></body></html>"
)

pytestmark = pytest.mark.usefixtures("stub_extractor")


@pytest.fixture
def folder(write_report, tmp_path) -> Path:
    write_report("a-execution.txt", EXECUTION)
    write_report("b-ban.html", PAGE)
    return tmp_path / "reports"


@pytest.fixture
def ingested(cli, folder) -> Path:
    result = cli("ingest", str(folder), "--outlet", "Example Daily", "--published", "2020-10-21")
    assert result.exit_code == 0, result.output
    return folder


# ------------------------------------------------------------------ ingest


def test_ingest_a_folder_stores_each_report_with_its_records(cli, folder):
    result = cli("ingest", str(folder), "--published", "2020-10-21")
    assert result.exit_code == 0, result.output
    assert "2 stored (2 records), 0 already stored, 0 failed" in result.output
    listing = cli("reports").output
    assert "Ban on films" in listing and "Example Daily" in listing


def test_ingesting_the_same_bytes_again_is_a_no_op_that_says_so(cli, ingested):
    result = cli("ingest", str(ingested / "a-execution.txt"))
    assert result.exit_code == 0
    assert "already stored as report 1" in result.output
    assert "0 stored" in result.output


def test_bad_files_are_named_with_a_reason_and_the_good_ones_still_stored(
    cli, write_report, folder, monkeypatch, tmp_path
):
    monkeypatch.setattr(files, "MAX_BYTES", 2000)
    write_report("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00")
    write_report("empty.md", b"")
    write_report("big.txt", "x" * 3000)
    write_report("latin1.txt", "Ch\xf6ngjin report".encode("latin-1"))
    write_report("broken.html", "no markup at all, just words")
    (folder / "gone.txt").symlink_to(tmp_path / "missing.txt")
    result = cli("ingest", str(folder))
    assert result.exit_code == 2
    out = result.output
    for name, why in [("binary.txt", "binary"), ("empty.md", "empty file"),
                      ("big.txt", "too large"), ("latin1.txt", "not valid UTF-8"),
                      ("broken.html", "malformed HTML"), ("gone.txt", "unreadable")]:
        line = next(x for x in out.splitlines() if name in x and "error" in x)
        assert why in line, out
    assert "2 stored" in out and "6 failed" in out
    assert "2 reports" in cli("reports").output


def test_a_report_that_fails_to_extract_leaves_nothing_behind(
    cli, write_report, monkeypatch, stub_extractor
):
    import kirok.extract

    stub_extract = stub_extractor

    def flaky(text: str, published: str | None = None, title: str | None = None):
        if "Onsong" in text:
            raise RuntimeError("extractor crashed")
        return stub_extract(text, published, title)

    monkeypatch.setattr(kirok.extract, "extract", flaky)
    write_report("a.txt", EXECUTION)
    write_report("b.txt", "Police executed a broker in Onsong in 2019.\n")
    write_report("c.txt", BAN)
    result = cli("ingest", str(Path(write_report("a.txt", EXECUTION)).parent))
    assert result.exit_code == 2
    assert "b.txt: RuntimeError: extractor crashed" in result.output
    assert "2 reports" in cli("reports").output
    assert "No report mentions" in cli("search", "Onsong").output


def test_a_failure_inside_the_transaction_rolls_the_whole_report_back(
    cli, write_report, monkeypatch
):
    # The report row and its full-text entry are written before its records; a failure
    # while storing a record must take them back out too.
    from kirok.store import queries

    real = queries.to_row

    def failing(extracted, version):
        if "Onsong" in extracted.evidence[0].text:
            raise RuntimeError("disk full")
        return real(extracted, version)

    monkeypatch.setattr(queries, "to_row", failing)
    path = write_report("onsong.txt", "Police executed a broker in Onsong in 2019.\n")
    write_report("ok.txt", EXECUTION)
    result = cli("ingest", str(path.parent))
    assert result.exit_code == 2 and "disk full" in result.output
    assert "1 reports" in cli("reports").output
    assert "No report mentions" in cli("search", "Onsong").output
    assert cli("ingest", str(path)).exit_code == 2  # not "already stored": nothing was kept


def test_url_and_title_name_a_single_report(cli, folder):
    result = cli("ingest", str(folder), "--url", "https://example.org/x")
    assert result.exit_code == 1 and "single file" in result.output


def test_a_report_without_a_publication_date_is_flagged(cli, write_report):
    result = cli("ingest", str(write_report("undated.txt", BAN)))
    assert result.exit_code == 0 and "has no publication date" in result.output
    assert "no_publication_date" in cli("show", "report", "1").output


def test_a_published_date_that_is_not_a_date_stops_the_batch_before_it_starts(cli, folder):
    result = cli("ingest", str(folder), "--published", "yesterday-ish")
    assert result.exit_code == 1 and "is not a date" in result.output
    assert "No reports yet" in cli("reports").output


def test_nothing_to_ingest_is_an_error(cli, tmp_path):
    result = cli("ingest", str(tmp_path))
    assert result.exit_code == 1 and "nothing to ingest" in result.output


def test_ingest_a_url_stores_its_capture_time_and_versions(cli, http_server):
    address = http_server.put("ban.html", PAGE)
    first = cli("ingest", address)
    assert first.exit_code == 0, first.output
    shown = cli("show", "report", "1").output
    assert address in shown and "captured" in shown and "Example Daily" in shown
    assert "already stored as report 1" in cli("ingest", address).output
    http_server.put("ban.html", PAGE.replace("USB sticks", "USB sticks and SD cards"))
    changed = cli("ingest", address)
    assert "stored report 2" in changed.output and "new version of report 1" in changed.output


def test_a_page_whose_line_endings_alone_changed_is_no_new_version(cli, http_server):
    address = http_server.put("ban.html", PAGE)
    assert cli("ingest", address).exit_code == 0
    http_server.put("ban.html", PAGE.replace("\n", "\r\n"))
    again = cli("ingest", address)
    assert "already stored as report 1" in again.output
    assert "line endings" in again.output and "stored report 2" not in again.output


# ------------------------------------------------------------------ browse


def test_incidents_filter_by_type_province_and_year(cli, ingested):
    result = cli("incidents", "--type", "execution", "--province", "North Hamgyong",
                 "--since", "2019")
    assert result.exit_code == 0
    assert "execution" in result.output and "Hoeryong" in result.output
    assert "of 1" in result.output
    none = cli("incidents", "--since", "2021")
    assert "No incidents match" in none.output


def test_measures_list_prohibitions(cli, ingested):
    result = cli("measures", "--type", "prohibition")
    assert result.exit_code == 0 and "prohibition" in result.output and "party" in result.output


def test_unknown_codebook_values_are_refused(cli, ingested):
    result = cli("incidents", "--type", "prohibition")
    assert result.exit_code == 1 and "unknown type 'prohibition'" in result.output


def test_show_quotes_the_evidence_and_the_report(cli, ingested):
    result = cli("show", "incident", "1")
    assert result.exit_code == 0
    assert "Five women were publicly executed in Hoeryong" in result.output
    assert "Example Daily" in result.output and "social_security" in result.output


def test_show_of_the_wrong_kind_or_a_missing_id_is_one_red_line(cli, ingested):
    wrong = cli("show", "measure", "1")
    assert wrong.exit_code == 1 and "kirok show incident 1" in wrong.output
    missing = cli("show", "record", "999")
    assert missing.exit_code == 1 and missing.output.strip().startswith("error: no record 999")
    assert len(missing.output.strip().splitlines()) == 1


def test_show_report_can_print_the_whole_text(cli, ingested):
    result = cli("show", "report", "1", "--text")
    assert "residents were made to watch" in result.output


def test_search_finds_reports_with_snippets(cli, ingested):
    result = cli("search", "USB sticks")
    assert result.exit_code == 0 and "Ban on films" in result.output and "USB" in result.output
    assert "No report mentions" in cli("search", "kwanliso").output


# ------------------------------------------------------------------ export


def test_export_csv_to_a_file(cli, ingested, tmp_path):
    target = tmp_path / "out.csv"
    result = cli("export", "--format", "csv", "-o", str(target))
    assert result.exit_code == 0 and "wrote 2 records" in result.output
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert {r["type"] for r in rows} == {"execution", "prohibition"}


def test_export_json_and_geojson_to_stdout(cli, ingested):
    items = json.loads(cli("export", "--format", "json", "--kind", "incident").stdout)
    assert [i["type"] for i in items] == ["execution"]
    geo = json.loads(cli("export", "--format", "geojson").stdout)
    assert [f["properties"]["type"] for f in geo["features"]] == ["execution"]


# ------------------------------------------------------------------ stateless tools


def test_extract_prints_codebook_json(cli, write_report):
    path = write_report("r.txt", EXECUTION)
    result = cli("extract", str(path), "--published", "2020-10-21", "--format", "json")
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert set(doc) == {"report", "incidents", "measures"}
    assert doc["report"]["published"] == "2020-10-21" and len(doc["report"]["sha256"]) == 64
    (incident,) = doc["incidents"]
    span = incident["evidence"][0]
    assert EXECUTION[span["start"]:span["end"]] == span["text"]
    assert {"perpetrators", "victims", "offenses", "public"} <= set(incident)


def test_extract_reads_html_through_the_page_reader(cli, write_report):
    result = cli("extract", str(write_report("p.html", PAGE)))
    doc = json.loads(result.stdout)
    assert doc["report"]["title"] == "Ban on films"
    assert doc["report"]["published"] == "2021-03-02"
    assert [m["type"] for m in doc["measures"]] == ["prohibition"]


def test_extract_as_a_table(cli, write_report):
    result = cli("extract", str(write_report("r.txt", EXECUTION)), "--format", "table")
    assert result.exit_code == 0 and "execution" in result.output


def test_extract_of_a_bad_file_is_one_red_line(cli, write_report):
    result = cli("extract", str(write_report("x.txt", b"\x00\x01")))
    assert result.exit_code == 1 and "binary" in result.output


def test_eval_scores_a_gold_folder(cli, tmp_path):
    gold_dir = tmp_path / "gold"
    gold_dir.mkdir()
    (gold_dir / "r1.txt").write_text(EXECUTION, encoding="utf-8")
    gold = {"published": "2020-10-21", "measures": [], "incidents": [
        {"type": "execution", "quote": "publicly executed in Hoeryong", "date": "2020",
         "place": {"province": "North Hamgyong", "locality": "Hoeryong"},
         "perpetrators": ["social_security"], "victims": {"count": 5, "groups": ["women"]},
         "offenses": ["smuggling"], "public": True},
        {"type": "violence", "quote": "residents were made to watch", "date": None,
         "place": {"province": None, "locality": None}, "perpetrators": [],
         "victims": {"count": None, "groups": []}, "offenses": [], "public": False}]}
    (gold_dir / "r1.json").write_text(json.dumps(gold), encoding="utf-8")
    scores = json.loads(cli("eval", str(gold_dir), "--json").stdout)
    incident = scores["kinds"]["incident"]
    assert (incident["precision"], incident["recall"]) == (1.0, 0.5)
    assert incident["fields"]["date"] == 1.0 and incident["fields"]["count"] == 1.0
    table = cli("eval", str(gold_dir), "--verbose").output
    assert "Precision" in table and "missed incident violence" in table


def test_eval_needs_a_folder(cli):
    result = cli("eval")
    assert result.exit_code == 1 and "--samples" in result.output


def test_eval_on_the_bundled_samples_runs(cli):
    scores = json.loads(cli("eval", "--samples", "--json").stdout)
    assert scores["reports"] >= 10 and scores["kinds"]["all"]["gold"] > 0


# ------------------------------------------------------------------ maintenance


def test_reextract_one_report_or_all(cli, ingested):
    assert "report 1: 1 records" in cli("reextract", "1").output
    result = cli("reextract", "--all")
    assert "report 1:" in result.output and "report 2:" in result.output
    assert cli("reextract").exit_code == 1


def test_serve_starts_the_web_app_on_this_store(cli, db_url, monkeypatch):
    import kirok.web.app

    calls: list[tuple] = []
    monkeypatch.setattr(kirok.web.app, "serve", lambda *args: calls.append(args))
    result = cli("serve", "--port", "8765", "--open", "--timeout", "5")
    assert result.exit_code == 0
    assert calls == [(db_url, "127.0.0.1", 8765, True, False, None, 5.0)]


def test_serve_on_every_interface_says_why_it_refuses(cli):
    result = cli("serve", "--host", "0.0.0.0")
    assert result.exit_code == 1 and "--allow-remote" in result.output
    assert "no accounts" in result.output


def test_version_names_the_extractor_and_the_store(cli, db_url):
    result = cli("version")
    assert result.exit_code == 0 and "extractor" in result.output and db_url in result.output


def test_the_store_can_be_chosen_with_kirok_db(tmp_path, monkeypatch):
    from typer.testing import CliRunner

    from kirok.cli import app

    target = tmp_path / "elsewhere.db"
    result = CliRunner(env={"KIROK_DB": str(target)}).invoke(app, ["version"])
    assert str(target) in result.output


# ------------------------------------------------------------------ demo


@pytest.fixture
def tiny_samples(tmp_path, monkeypatch) -> Path:
    import kirok.demo

    folder = tmp_path / "samples"
    folder.mkdir()
    (folder / "one.txt").write_text(EXECUTION, encoding="utf-8")
    (folder / "two.html").write_text(PAGE, encoding="utf-8")
    (folder / "manifest.csv").write_text(
        "# file: sample file; outlet; url; title; published; language\n"
        "file,outlet,url,title,published,language\n"
        "one.txt,Example Daily,https://example.org/one,Hoeryong executions,2020-10-21,en\n"
        "two.html,Example Radio,https://example.org/two,,,en\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(kirok.demo, "SAMPLES_DIR", folder)
    return folder


def test_demo_ingests_the_samples_and_says_what_next(cli, tiny_samples):
    result = cli("demo")
    assert result.exit_code == 0, result.output
    assert "2 stored" in result.output
    assert "Records by type" in result.output
    row = next(line for line in result.output.splitlines() if "execution" in line)
    assert [cell.strip() for cell in row.split("│")[1:4]] == ["execution", "1", "0"]
    assert "kirok incidents" in result.output and "kirok serve --open" in result.output
    again = cli("demo")
    assert "0 stored" in again.output and "2 already stored" in again.output


def test_demo_with_the_bundled_samples(cli):
    result = cli("demo")
    assert result.exit_code == 0, result.output
    stored = int(result.output.split(" stored (")[0].rsplit("\n", 1)[-1])
    assert stored >= 10
    assert "0 stored" in cli("demo").output
