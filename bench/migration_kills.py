"""Kill a store's first open 30 times at random moments; count stores that fail to open.

    .venv/bin/python bench/migration_kills.py
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from kirok.errors import StoreError
from kirok.store.db import Database

OPENER = """
import sys
from kirok.store.db import Database
print("ready", flush=True)
Database(sys.argv[1]).dispose()
"""


def main(kills: int = 30) -> None:
    rng = random.Random(30)
    broken = 0
    with tempfile.TemporaryDirectory() as folder:
        for attempt in range(kills):
            url = f"sqlite:///{Path(folder) / f'store-{attempt}.db'}"
            child = subprocess.Popen([sys.executable, "-c", OPENER, url], text=True,
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            assert child.stdout is not None
            child.stdout.readline()
            time.sleep(rng.uniform(0, 0.08))
            child.send_signal(signal.SIGKILL)
            child.communicate()
            try:
                Database(url).dispose()
            except StoreError as exc:
                broken += 1
                print(f"kill {attempt}: {exc}", file=sys.stderr)
    print(f"{kills} kills during the first open: {broken} stores unopenable afterwards")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)
