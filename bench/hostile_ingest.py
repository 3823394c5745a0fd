"""The trials of issue 10, re-run: hostile files, kills, concurrent ingests.

1. A folder of 500+ generated bad files (seeded: binary, NUL bytes, huge lines, broken and
   attribute-bombed HTML, deep nesting, FIFOs, links to /dev/zero, to a FIFO, out of the
   folder, in loops, empty and oversize files, wrong charsets, odd file names) mixed with
   20 good reports, ingested by `kirok ingest` in a subprocess: no traceback, every good
   report stored, every bad file named in the output, the batch's time.
2. 30 SIGKILLs during a new store's first open (bench/migration_kills.py), and 10 during a
   batch: every store opens afterwards and the batch, run again, completes.
3. Two `kirok ingest` of one folder at once: both exit 0, each report stored once.

    .venv/bin/python bench/hostile_ingest.py [--bad 534] [--timeout 20] [--workers N]
"""

from __future__ import annotations

import argparse
import os
import random
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from extract_speed import build_corpus, own_sentences  # noqa: E402
from migration_kills import main as migration_kills  # noqa: E402

from kirok.store.db import Database  # noqa: E402
from kirok.store.queries import count_reports  # noqa: E402

KIROK = [str(Path(sys.executable).parent / "kirok")]
ENV = {**os.environ, "COLUMNS": "400", "NO_COLOR": "1", "KIROK_DB": ""}


def good_reports(folder: Path, count: int, seed: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n, text in enumerate(build_corpus(own_sentences(), count, seed)):
        path = folder / f"good-{seed}-{n:03}.txt"
        path.write_text(f"Report {seed}-{n}\n\n{text}\n", encoding="utf-8")
        paths.append(path)
    return paths


def bad_files(folder: Path, count: int, rng: random.Random) -> list[Path]:
    """`count` hostile inputs of every kind in turn; returns the paths the walk will see."""
    folder.mkdir(parents=True, exist_ok=True)
    outside = folder.parent / "outside.txt"
    outside.write_text("A file outside the folder: never to be stored.\n", encoding="utf-8")
    kinds = [_binary, _nul_text, _huge_line, _broken_html, _attribute_bomb, _deep_html,
             _fifo, _link_to_zero, _link_to_fifo, _link_outside, _link_loop, _broken_link,
             _empty, _blank, _oversize, _latin1, _utf16, _utf16_bomless, _wrong_charset,
             _unknown_charset, _folder_named_txt, _deep_folder, _odd_name, _dense_triggers,
             _random_bytes, _no_tags_html]
    paths: list[Path] = []
    for n in range(count):
        kind = kinds[n % len(kinds)]
        paths.append(kind(folder, n, rng, outside))
    return paths


def _binary(folder: Path, n: int, rng: random.Random, _: Path) -> Path:
    path = folder / f"bad-{n:03}-binary.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + rng.randbytes(rng.randint(100, 5000)))
    return path


def _nul_text(folder: Path, n: int, rng: random.Random, _: Path) -> Path:
    path = folder / f"bad-{n:03}-nul.md"
    path.write_bytes(b"Police arrested a trader.\x00\x00" * rng.randint(1, 50))
    return path


def _huge_line(folder: Path, n: int, rng: random.Random, _: Path) -> Path:
    path = folder / f"bad-{n:03}-hugeline.txt"
    words = ["arrested", "market", "the", "security", "in", "Hyesan", "was", "of"]
    path.write_text(" ".join(rng.choice(words) for _ in range(rng.randint(50_000, 300_000))))
    return path


def _broken_html(folder: Path, n: int, rng: random.Random, _: Path) -> Path:
    path = folder / f"bad-{n:03}-broken.html"
    soup = "".join(rng.choice(["<div", "<p>", "</span>", "<<", ">", "<!--", "&amp", "<a href='",
                               "text ", "<script>", "]]>", "<![CDATA["]) for _ in range(2000))
    path.write_text(soup)
    return path


def _attribute_bomb(folder: Path, n: int, rng: random.Random, _: Path) -> Path:
    path = folder / f"bad-{n:03}-attributes.html"
    attributes = " ".join(f'a{i}="{i}"' for i in range(80_000))
    path.write_text(f"<html><body><div {attributes}>x</div><p>Police arrested two traders "
                    "in Hyesan last week, a source said.</p></body></html>")
    return path


def _deep_html(folder: Path, n: int, rng: random.Random, _: Path) -> Path:
    path = folder / f"bad-{n:03}-deep.html"
    depth = rng.randint(5_000, 50_000)
    path.write_text("<html><body>" + "<div>" * depth + "Police arrested a trader in Hyesan."
                    + "</div>" * depth + "</body></html>")
    return path


def _fifo(folder: Path, n: int, rng: random.Random, _: Path) -> Path:
    path = folder / f"bad-{n:03}-fifo.txt"
    os.mkfifo(path)
    return path


def _link_to_zero(folder: Path, n: int, rng: random.Random, _: Path) -> Path:
    path = folder / f"bad-{n:03}-zero.txt"
    path.symlink_to("/dev/zero")
    return path


def _link_to_fifo(folder: Path, n: int, rng: random.Random, _: Path) -> Path:
    fifo = folder / f"bad-{n:03}-pipe"
    os.mkfifo(fifo)
    path = folder / f"bad-{n:03}-tofifo.txt"
    path.symlink_to(fifo.name)
    return path


def _link_outside(folder: Path, n: int, rng: random.Random, outside: Path) -> Path:
    path = folder / f"bad-{n:03}-outside.txt"
    path.symlink_to(outside)
    return path


def _link_loop(folder: Path, n: int, rng: random.Random, _: Path) -> Path:
    path = folder / f"bad-{n:03}-loop.txt"
    other = folder / f"bad-{n:03}-loop-b.txt"
    path.symlink_to(other.name)
    other.symlink_to(path.name)
    return path


def _broken_link(folder: Path, n: int, rng: random.Random, _: Path) -> Path:
    path = folder / f"bad-{n:03}-dangling.txt"
    path.symlink_to(f"missing-{n}.txt")
    return path


def _empty(folder: Path, n: int, rng: random.Random, _: Path) -> Path:
    path = folder / f"bad-{n:03}-empty.txt"
    path.write_bytes(b"")
    return path


def _blank(folder: Path, n: int, rng: random.Random, _: Path) -> Path:
    path = folder / f"bad-{n:03}-blank.md"
    path.write_text(" \n\t\n" * rng.randint(1, 100))
    return path


def _oversize(folder: Path, n: int, rng: random.Random, _: Path) -> Path:
    path = folder / f"bad-{n:03}-oversize.txt"
    with path.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)  # sparse: 21 MB of NULs without the disk
    return path


def _latin1(folder: Path, n: int, rng: random.Random, _: Path) -> Path:
    path = folder / f"bad-{n:03}-latin1.txt"
    path.write_bytes("Café owners in Hyesan were fined — déjà vu.".encode("latin-1", "replace"))
    return path


def _utf16(folder: Path, n: int, rng: random.Random, _: Path) -> Path:
    path = folder / f"bad-{n:03}-utf16.txt"
    path.write_bytes("Police arrested two traders in Hyesan.".encode("utf-16"))
    return path


def _utf16_bomless(folder: Path, n: int, rng: random.Random, _: Path) -> Path:
    path = folder / f"bad-{n:03}-utf16le.txt"
    path.write_bytes("Police arrested two traders in Hyesan.".encode("utf-16-le"))
    return path


def _wrong_charset(folder: Path, n: int, rng: random.Random, _: Path) -> Path:
    path = folder / f"bad-{n:03}-charset.html"
    body = "<p>혜산에서 주민 두 명이 체포됐다고 소식통이 전했다. 단속이 강화됐다.</p>"
    path.write_bytes(('<html><head><meta charset="utf-8"></head><body>' + body
                      + "</body></html>").encode("euc-kr"))
    return path


def _unknown_charset(folder: Path, n: int, rng: random.Random, _: Path) -> Path:
    path = folder / f"bad-{n:03}-nocharset.html"
    path.write_text('<html><head><meta charset="x-kirok-none"></head><body><p>Police '
                    "arrested a trader.</p></body></html>")
    return path


def _folder_named_txt(folder: Path, n: int, rng: random.Random, _: Path) -> Path:
    path = folder / f"bad-{n:03}-folder.txt"
    path.mkdir()
    return path


def _deep_folder(folder: Path, n: int, rng: random.Random, _: Path) -> Path:
    deep = folder / f"bad-{n:03}-deep"
    for level in range(40):
        deep = deep / f"d{level}"
    deep.mkdir(parents=True)
    path = deep / "bottom.txt"
    path.write_bytes(b"\xff\xfe\x00junk")
    return path


def _odd_name(folder: Path, n: int, rng: random.Random, _: Path) -> Path:
    path = Path(os.fsdecode(bytes(folder) + f"/bad-{n:03}-".encode() + b"\xff\xfe.txt"))
    path.write_bytes(b"\x00\x01\x02")
    return path


def _dense_triggers(folder: Path, n: int, rng: random.Random, _: Path) -> Path:
    from extract_growth import dense_text

    path = folder / f"bad-{n:03}-dense.txt"
    path.write_text(dense_text(400_000, seed=n))
    return path


def _random_bytes(folder: Path, n: int, rng: random.Random, _: Path) -> Path:
    path = folder / f"bad-{n:03}-random.htm"
    path.write_bytes(rng.randbytes(rng.randint(1, 20_000)))
    return path


def _no_tags_html(folder: Path, n: int, rng: random.Random, _: Path) -> Path:
    path = folder / f"bad-{n:03}-notags.html"
    path.write_text("just words, no markup at all " * rng.randint(1, 100))
    return path


def ingest(db: str, *args: str, timeout: float = 3600) -> tuple[int, str, float]:
    started = time.monotonic()
    run = subprocess.run([*KIROK, "--db", db, "ingest", *args], capture_output=True, text=True,
                         env=ENV, timeout=timeout, errors="backslashreplace")
    return run.returncode, run.stdout + run.stderr, time.monotonic() - started


def trial_bad_files(root: Path, bad: int, timeout: float, workers: str) -> None:
    rng = random.Random(10)
    folder = root / "hostile"
    good = good_reports(folder, 20, seed=1)
    bads = bad_files(folder, bad, rng)
    db = f"sqlite:///{root / 'hostile.db'}"
    code, out, seconds = ingest(db, str(folder), "--timeout", str(timeout), *workers)
    lines = out.splitlines()
    stored = [p for p in good if any(line.startswith("stored report") and line.endswith(str(p))
                                     for line in lines)]
    unnamed = [p for p in bads if not any(os.fsencode(p).decode("utf-8", "backslashreplace")
                                          in line for line in lines)]
    over = [line for line in lines if "took longer than" in line]
    print(f"hostile batch: {len(bads)} bad files + {len(good)} good reports, exit {code}, "
          f"{seconds:.0f} s; tracebacks: {out.count('Traceback')}; good stored "
          f"{len(stored)}/{len(good)}; bad files not named: {len(unnamed)}; stopped at the "
          f"budget: {len(over)}", flush=True)
    for path in unnamed[:10]:
        print(f"  not named: {path}")
    kinds: dict[str, int] = {}
    for line in lines:
        reason = re.sub(r"^.*?bad-\d+[^:]*: ", "", line) if "bad-" in line else ""
        if reason:
            key = re.sub(r"\d+", "N", reason)[:70]
            kinds[key] = kinds.get(key, 0) + 1
    for reason, n in sorted(kinds.items(), key=lambda kv: -kv[1])[:30]:
        print(f"  {n:4} × {reason}")


def trial_batch_kills(root: Path, kills: int, workers: str) -> None:
    """Kill a batch after a random number of its reports are printed as stored; the store
    must open, hold at least what was printed, and complete when the batch is run again."""
    rng = random.Random(40)
    folder = root / "killed"
    good = good_reports(folder, 200, seed=2)
    broken = incomplete = unprinted = 0
    for attempt in range(kills):
        db = f"sqlite:///{root / f'killed-{attempt}.db'}"
        Database(db).dispose()
        run = subprocess.Popen([*KIROK, "--db", db, "ingest", str(folder), *workers],
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=ENV,
                               text=True)
        assert run.stdout is not None
        wanted, printed = rng.randint(1, 150), 0
        while printed < wanted:
            line = run.stdout.readline()
            if not line:
                break
            printed += line.startswith("stored report")
        run.send_signal(signal.SIGKILL)
        run.wait()
        run.stdout.close()
        try:
            store = Database(db)
            with store.session() as session:
                before = count_reports(session)
            store.dispose()
        except Exception as exc:  # what the trial is looking for
            broken += 1
            print(f"  kill {attempt}: store unopenable: {exc}")
            continue
        unprinted += before < printed
        code, out, _ = ingest(db, str(folder), *workers)
        store = Database(db)
        with store.session() as session:
            after = count_reports(session)
        store.dispose()
        if code != 0 or after != len(good):
            incomplete += 1
            print(f"  kill {attempt}: rerun exit {code}, {after} reports\n{out[-500:]}")
        else:
            print(f"  kill {attempt}: killed after {printed} printed, {before} in the store; "
                  f"{after} after the rerun", flush=True)
    print(f"{kills} kills during a batch: {broken} stores unopenable, {incomplete} reruns "
          f"incomplete, {unprinted} stores holding less than was printed", flush=True)


def trial_concurrent(root: Path, workers: str) -> None:
    folder = root / "concurrent"
    good = good_reports(folder, 30, seed=3)
    db = f"sqlite:///{root / 'concurrent.db'}"
    runs = [subprocess.Popen([*KIROK, "--db", db, "ingest", str(folder), *workers],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
            for _ in range(2)]
    outs = [run.communicate(timeout=1800) for run in runs]
    codes = [run.returncode for run in runs]
    stored = sum(out.count("stored report") for out, _ in outs)
    duplicates = sum(out.count("already stored as report") for out, _ in outs)
    failed = sum(err.count("Error") + err.count("Traceback") for _, err in outs)
    print(f"two concurrent ingests of {len(good)} reports: exits {codes}, {stored} stored, "
          f"{duplicates} duplicates, {failed} errors", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bad", type=int, default=534)
    parser.add_argument("--timeout", type=float, default=20.0)
    parser.add_argument("--workers", default="", help="passed to kirok ingest --workers")
    parser.add_argument("--kills", type=int, default=10)
    args = parser.parse_args()
    workers = ["--workers", args.workers] if args.workers else []
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        trial_bad_files(root, args.bad, args.timeout, workers)
        migration_kills(30)
        trial_batch_kills(root, args.kills, workers)
        trial_concurrent(root, workers)


if __name__ == "__main__":
    main()
