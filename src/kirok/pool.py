"""Worker processes with a time budget per job: a job that overruns has its worker killed
and replaced, so one pathological file cannot stall a batch.

A thread cannot be stopped in Python, and lxml or a regular expression holds the
interpreter while it runs; only a process can be stopped from outside. So reading,
parsing and extracting run in workers, one job each at a time over a pipe, and the parent
(the one writer to the store) waits on their pipes and process handles with the nearest
deadline as its timeout. concurrent.futures cannot kill one task without breaking the
whole pool, hence this small pool.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from typing import Any

from kirok.errors import KirokError

Task = Callable[..., Any]
# seconds one file may take to read and extract, in a batch or the web app (a 5 kB report
# takes 15 ms)
DEFAULT_BUDGET_S = 60.0


@dataclass(frozen=True)
class Done:
    """A job's end: `ok` with the task's value, or not with the one-line reason."""

    tag: Any
    ok: bool
    value: Any = None
    reason: str = ""
    overran: bool = False  # stopped at its budget, as opposed to failing on its own
    started: float = 0.0  # time.monotonic() when the job was given


def cores() -> int:
    """The cores this process may run on (a container's share, not the machine's)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _context() -> multiprocessing.context.BaseContext:
    # fork where there is one: workers start at once with what the parent has loaded
    # (and a test's stand-ins); elsewhere spawn, which re-imports Kirok in each worker.
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _die_with_parent() -> None:
    """On Linux, have the kernel kill this worker when the parent dies: a parent killed
    mid-batch must not leave a worker spinning on a pathological file."""
    try:
        import ctypes

        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: the worker ends at its next job
        pass


def _serve(conn: Connection) -> None:
    """A worker's life: run each job it is sent, send back its value or reason."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _die_with_parent()
    while True:
        try:
            task, args = conn.recv()
        except (EOFError, OSError):  # the parent is gone: so are we
            return
        try:
            answer: tuple[bool, Any] = (True, task(*args))
        except KirokError as exc:
            answer = (False, str(exc))
        except Exception as exc:  # a bug on one file must not cost the others
            answer = (False, f"{exc.__class__.__name__}: {exc}")
        try:
            conn.send(answer)
        except Exception as exc:  # e.g. a value that cannot be pickled
            conn.send((False, f"{exc.__class__.__name__}: {exc}"))


class _Worker:
    def __init__(self, ctx: multiprocessing.context.BaseContext) -> None:
        self.conn, child = ctx.Pipe()
        process = ctx.Process(target=_serve, args=(child,), daemon=True)  # type: ignore[attr-defined]
        self.process: BaseProcess = process
        self.process.start()
        child.close()
        self.tag: Any = None
        self.deadline = 0.0
        self.budget = 0.0
        self.started = 0.0

    @property
    def busy(self) -> bool:
        return self.deadline > 0

    def give(self, tag: Any, task: Task, args: tuple[Any, ...], budget: float) -> None:
        self.tag, self.budget, self.started = tag, budget, time.monotonic()
        self.deadline = self.started + budget
        self.conn.send((task, args))

    def stop(self) -> None:
        if self.process.is_alive():
            self.process.kill()
        self.process.join()
        self.conn.close()


class Pool:
    """`size` workers; `submit` a job to an idle one, then iterate `finished()`."""

    def __init__(self, size: int) -> None:
        self._ctx = _context()
        self._workers = [_Worker(self._ctx) for _ in range(max(1, size))]

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def idle(self) -> int:
        return sum(not w.busy for w in self._workers)

    @property
    def busy(self) -> int:
        return sum(w.busy for w in self._workers)

    def submit(self, tag: Any, task: Task, args: tuple[Any, ...], budget: float) -> None:
        """Run task(*args) in an idle worker; it is stopped after `budget` seconds."""
        worker = next(w for w in self._workers if not w.busy)
        worker.give(tag, task, args, budget)

    def finished(self) -> Iterator[Done]:
        """Wait until at least one job ends (or overruns), and yield every ended one."""
        busy = [w for w in self._workers if w.busy]
        if not busy:
            return
        nearest = min(w.deadline for w in busy)
        handles: list[Any] = [w.conn for w in busy] + [w.process.sentinel for w in busy]
        ready = set(wait(handles, timeout=max(0.0, nearest - time.monotonic())))
        now = time.monotonic()
        for worker in busy:
            if worker.conn in ready or worker.process.sentinel in ready:
                yield self._collect(worker)
            elif now >= worker.deadline:
                yield self._replace(worker, f"took longer than {worker.budget:g} s", overran=True)

    def _collect(self, worker: _Worker) -> Done:
        tag = worker.tag
        try:
            ok, value = worker.conn.recv()
        except (EOFError, OSError):
            worker.process.join()
            code = worker.process.exitcode
            why = (f"killed by signal {-code}" if code is not None and code < 0
                   else f"exit code {code}")
            return self._replace(worker, f"the worker reading it stopped ({why})")
        worker.deadline = 0.0
        if ok:
            return Done(tag, True, value, started=worker.started)
        return Done(tag, False, reason=value, started=worker.started)

    def _replace(self, worker: _Worker, reason: str, overran: bool = False) -> Done:
        tag = worker.tag
        worker.stop()
        self._workers[self._workers.index(worker)] = _Worker(self._ctx)
        return Done(tag, False, reason=reason, overran=overran, started=worker.started)

    def close(self) -> None:
        for worker in self._workers:
            try:
                worker.conn.close()  # an idle worker sees EOF and returns
            except OSError:
                pass
        for worker in self._workers:
            worker.process.join(timeout=1.0 if not worker.busy else 0)
            if worker.process.is_alive():
                worker.process.kill()
                worker.process.join()
