"""Sealing the audit trail within seconds of each write, in the process that wrote it.

An entry is protected by its own keyed digest against being changed, but only the chain shows that one was
deleted, and only once it is sealed. So each process that writes entries seals them soon after its commit:
one timer a process at a time, however many entries it writes meanwhile, so that page views still never
wait on one another (resettle.audit.chain). The schedule's `audit seal` every minute stays, for entries of
a process killed before its timer ran; one that ends normally first (a command: `resettle demo`, an
import) seals as it stops, since `make run` has no schedule.

RESETTLE_AUDIT_SEAL_SECONDS is the delay: 0 seals at the commit itself, None not at all (the tests, which
seal when they mean to).
"""

import atexit
import logging
import threading

from django.conf import settings
from django.db import connection, transaction

from . import chain

logger = logging.getLogger(__name__)

_timer_lock = threading.Lock()
_timer: threading.Timer | None = None


def seal_soon() -> None:
    """Seal what was just written, once the transaction writing it commits."""
    if settings.RESETTLE_AUDIT_SEAL_SECONDS is not None:
        transaction.on_commit(_after_commit)


def _after_commit() -> None:
    global _timer
    delay = settings.RESETTLE_AUDIT_SEAL_SECONDS
    if delay is None:
        return
    if delay == 0:
        chain.seal()
        return
    with _timer_lock:
        if _timer is not None and _timer.is_alive():
            return  # the timer already waiting seals this entry too
        _timer = threading.Timer(delay, _seal_in_the_background)
        _timer.daemon = True
        _timer.start()


@atexit.register
def seal_before_exit() -> None:
    """Seal now what a waiting timer would have, as the process ends: its thread would die with it."""
    timer = _timer
    if timer is None or timer.finished.is_set():
        return  # nothing written since the last sealing
    timer.cancel()
    timer.join()  # a sealing already under way finishes first
    _seal_logging_failure()


def _seal_in_the_background() -> None:
    try:
        _seal_logging_failure()
    finally:
        connection.close()  # this thread's own connection, not a request's


def _seal_logging_failure() -> None:
    try:
        chain.seal()
    except Exception:  # the schedule's sealing will catch up; a request must never see this fail
        logger.exception("Sealing the audit trail failed")
