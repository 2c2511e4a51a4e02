"""Derived data — calculated release dates, readiness findings — follows each single change through
signals. A bulk writer that refreshes everything it touched itself, once, at the end (an import) switches
the per-change refresh off for its run, so that N records cost one refresh and not N."""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_writing_in_bulk = ContextVar("resettle_writing_in_bulk", default=False)


@contextmanager
def bulk_write() -> Iterator[None]:
    """Within this block, saves do not schedule their own refresh: the caller must refresh afterwards."""
    token = _writing_in_bulk.set(True)
    try:
        yield
    finally:
        _writing_in_bulk.reset(token)


def refresh_each_change() -> bool:
    return not _writing_in_bulk.get()
