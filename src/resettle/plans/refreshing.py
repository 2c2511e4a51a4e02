"""Bringing many men's dates and readiness up to date while more of them are still being changed: an
import's refresh, in processes of its own beside the import.

A national import changes 85,000 men. Refreshed after the last record, one batch after another in the
importer's process, their dates and readiness took longer than storing them. Here each batch of men is
handed, as soon as it is complete, to a pool of processes that refresh it while the importer stores the
next records; the importer waits only for what is left when it has finished.

A man changed again after his batch was handed over (a later record of the file about him) is refreshed
once more at the end, after every batch has finished, so that the last refresh of each man reads his last
change and no two refreshes of one man ever run at once.

The pool is used only where it can see what the importer committed and write beside it: on PostgreSQL,
and outside a transaction (a test's, say, whose rows no other connection sees). Elsewhere, and with
`RESETTLE_REFRESH_PROCESSES` at 0, the same batches are refreshed here, one after another, at the end.
It is Celery's own process pool (billiard), which, unlike the standard library's, may be started from a
Celery worker's process, where an uploaded import runs.
"""

import logging
from collections.abc import Callable, Iterable

import billiard
from billiard.pool import ApplyResult, Pool
from django.conf import settings
from django.db import connection, connections

from .services import refresh_facts

logger = logging.getLogger(__name__)

# Men refreshed together: the release-date recalculation's own batch.
BATCH = 2000


def _pool_possible() -> bool:
    return connection.vendor == "postgresql" and not connection.in_atomic_block


class Refreshing:
    """`changed(ids)` as men are stored; `finish()` once all are. Use as a context manager, so that the
    pool is shut down whatever happens."""

    def __init__(
        self,
        processes: int | None = None,
        *,
        batch: int = BATCH,
        work: Callable = refresh_facts,
        progress=None,
    ):
        """`work(ids)` refreshes a batch and returns how many men it evaluated: by default their dates then
        their readiness; a module-level function, or a partial of one, to be sent to the processes.
        `progress` (tqdm-like) is told each batch once it is done."""
        self.batch, self.work, self.progress = batch, work, progress
        wanted = settings.RESETTLE_REFRESH_PROCESSES if processes is None else processes
        self.processes = wanted if wanted > 0 and _pool_possible() else 0
        self.pending: dict[int, None] = {}  # in the order they changed
        self.handed_over: set[int] = set()
        self.again: set[int] = set()
        self.running: list[tuple[list[int], ApplyResult]] = []
        self.pool: Pool | None = None
        self.refreshed = 0

    def __enter__(self) -> "Refreshing":
        if self.processes:
            self.pool = _forked_pool(self.processes)
        return self

    def __exit__(self, *exc) -> None:
        if self.pool is not None:
            self.pool.terminate()  # every batch handed over has been waited for, unless it is failing
            self.pool.join()

    def changed(self, ids: Iterable[int]) -> None:
        for pk in ids:
            if pk in self.handed_over:
                self.again.add(pk)
            else:
                self.pending[pk] = None
        if self.processes:
            while len(self.pending) >= self.batch:
                self._hand_over(self._take(self.batch))

    def finish(self) -> int:
        """Refresh what is left, wait for every batch, then refresh again the men changed since their batch
        was handed over. Returns how many men's readiness was evaluated."""
        while self.pending:
            batch = self._take(self.batch)
            if self.processes:
                self._hand_over(batch)
            else:
                self._done(batch, self.work(batch))
        for batch, result in self.running:
            try:
                self._done(batch, result.get())
            except Exception:  # raised in its process: the batch is tried once more, here, and logged
                logger.exception("A refresh process failed on %s men; refreshing them here", len(batch))
                self._done(batch, self.work(batch))
        self.running.clear()
        again = sorted(self.again)
        for start in range(0, len(again), self.batch):
            self.refreshed += self.work(again[start : start + self.batch])
        return self.refreshed

    def _done(self, batch: list[int], refreshed: int) -> None:
        self.refreshed += refreshed
        if self.progress is not None:
            self.progress.update(len(batch))

    def _take(self, count: int) -> list[int]:
        taken = list(self.pending)[:count]
        for pk in taken:
            del self.pending[pk]
        return taken

    def _hand_over(self, batch: list[int]) -> None:
        self.handed_over.update(batch)
        self.running.append((batch, self.pool.apply_async(self.work, (batch,))))


def _forked_pool(processes: int) -> Pool:
    """Processes forked now, while this one holds no database connection: each starts with this process's
    settings and database (a test's too) and opens a connection of its own. (A connection inherited through
    the fork would share its socket with this process's, and either's use of it corrupt the other's.)"""
    connections.close_all()
    return billiard.get_context("fork").Pool(processes)
