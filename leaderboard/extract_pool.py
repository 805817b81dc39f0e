"""Extraction on all cores: ordered, deterministic, started only when the work is worth it.

The database writes stay in the calling process; worker processes only run the pure extractor.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor

from .extract import extract
from .extract.types import Result

Extractor = Callable[[str, str], list[Result]]
Pair = tuple[str, str]  # (title, abstract)

CHUNK = 32  # abstracts per task sent to a worker
START_AT = 256  # start the workers once a run has this many abstracts to extract


def default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def _context():
    # fork on Linux: no re-import of the caller's main script (which may lack a __main__ guard);
    # workers touch no inherited connection. spawn elsewhere (fork is unsafe on macOS).
    return multiprocessing.get_context("fork" if sys.platform.startswith("linux") else "spawn")


def _init_worker(parent_pid: int) -> None:
    """Ctrl-C is for the main process (it stops between batches and shuts the workers down).

    A worker must not outlive a main process that was killed: forked workers hold copies of its
    database connection and pipes, so a survivor would block the next run (PostgreSQL waits on
    the dead run's transaction). On Linux the kernel kills the worker when its parent dies.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if sys.platform.startswith("linux"):
        try:
            import ctypes

            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent_pid:  # the parent died before the line above took effect
        os._exit(1)


def extract_many(extractor: Extractor, pairs: list[Pair]) -> list[list[Result]]:
    return [extractor(title, abstract) for title, abstract in pairs]


class Pending:
    """Extraction of a list of abstracts, in flight in the workers or deferred to get()."""

    def __init__(self, extractor: Extractor, pairs: list[Pair], futures: list[Future] | None):
        self._extractor, self._pairs, self._futures = extractor, pairs, futures

    def get(self) -> list[list[Result]]:
        if self._futures is None:
            return extract_many(self._extractor, self._pairs)
        out: list[list[Result]] = []
        for f in self._futures:
            out.extend(f.result())
        return out


class ExtractionPool:
    """submit(pairs) -> Pending whose get() returns the rows of each pair, in order.

    With workers=1, or while the run is small, extraction happens in this process at get().
    The extractor must be a module-level function (it is pickled to the workers).
    """

    def __init__(self, workers: int | None = None, extractor: Extractor = extract):
        self.workers = default_workers() if workers is None else max(1, workers)
        self.extractor = extractor
        self._executor: ProcessPoolExecutor | None = None
        self._seen = 0

    @property
    def started(self) -> bool:
        return self._executor is not None

    def start(self) -> None:
        if self._executor is None and self.workers > 1:
            self._executor = ProcessPoolExecutor(self.workers, mp_context=_context(), initializer=_init_worker,
                                                 initargs=(os.getpid(),))

    def submit(self, pairs: list[Pair]) -> Pending:
        self._seen += len(pairs)
        if self._executor is None and self.workers > 1 and self._seen >= START_AT:
            self.start()
        if self._executor is None or len(pairs) < 2:
            return Pending(self.extractor, pairs, None)
        size = max(1, min(CHUNK, -(-len(pairs) // (4 * self.workers))))  # small inputs: still every worker busy
        futures = [self._executor.submit(extract_many, self.extractor, pairs[i:i + size])
                   for i in range(0, len(pairs), size)]
        return Pending(self.extractor, pairs, futures)

    def map(self, pairs: list[Pair]) -> list[list[Result]]:
        return self.submit(pairs).get()

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None

    def __enter__(self) -> ExtractionPool:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
