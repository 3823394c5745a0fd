"""Hostile files mixed with good reports: every good one stored, every bad one named with
a reason, never a traceback (bench/hostile_ingest.py runs the full trial of issue 10)."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kirok.service import expand_inputs, ingest_batch
from kirok.store.db import Database

GOOD = "Five smugglers were executed publicly in Hoeryong in {n}, a source said.\n"
SUFFIXES = [".txt", ".md", ".html", ".htm"]
# bytes a hostile folder is made of: random, NUL-laden, wrongly encoded, tag soup
CONTENT = st.one_of(
    st.binary(max_size=3000),
    st.text(max_size=2000).map(lambda t: t.encode("utf-16")),
    st.text(max_size=2000).map(lambda t: t.encode("utf-8") + b"\x00"),
    st.text(alphabet="<>/=\"' abc!-&;", max_size=3000).map(str.encode),
    st.text(max_size=500).map(lambda t: ("é" + t).encode("latin-1", "replace")),
    st.just(b""),
)
KIND = st.sampled_from(["file", "fifo", "zero", "loop", "dangling", "folder"])


def _make(folder: Path, n: int, kind: str, suffix: str, content: bytes) -> Path:
    path = folder / f"bad-{n:03}{suffix}"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "zero":
        path.symlink_to("/dev/zero")
    elif kind == "loop":
        path.symlink_to(path.name)
    elif kind == "dangling":
        path.symlink_to(f"missing-{n}{suffix}")
    elif kind == "folder":
        path.mkdir()
    else:
        # one good report's bytes cannot be what a bad file holds by chance
        path.write_bytes(b"\x00" + content if content.startswith(b"Five") else content)
    return path


@settings(max_examples=6, deadline=None, suppress_health_check=list(HealthCheck))
@given(bad=st.lists(st.tuples(KIND, st.sampled_from(SUFFIXES), CONTENT), min_size=10,
                    max_size=30))
def test_bad_files_never_cost_a_good_report(bad, stub_extractor):
    with tempfile.TemporaryDirectory() as root:
        folder = Path(root) / "reports"
        folder.mkdir()
        good = [folder / f"good-{n}.txt" for n in range(5)]
        for n, path in enumerate(good):
            path.write_text(GOOD.format(n=2000 + n), encoding="utf-8")
        bad_paths = [_make(folder, n, *spec) for n, spec in enumerate(bad)]
        items, skipped = expand_inputs([str(folder)])
        db = Database(f"sqlite:///{Path(root) / 'store.db'}")
        result = ingest_batch(db, items, workers=2, timeout=20)
        db.dispose()
        stored = {s.source for s in result.stored}
        assert {str(p) for p in good} <= stored
        named = stored | {f.source for f in result.failures} | {str(s.path) for s in skipped}
        named |= {d.source for d in result.duplicates}
        assert {str(p) for p in bad_paths} <= named
        assert not any("Traceback" in f.reason for f in result.failures)
        assert all(f.reason for f in result.failures)
