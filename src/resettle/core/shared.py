"""Reads shared by everyone who may see them: a prison's readiness dashboard, worklists and caseload (for
everyone who sees the whole prison), one man's record and readiness timeline. Staff open the same few
pages all day; each is read once and kept a minute, and made obsolete at once when the facts behind it
change (`forget`, called by the readiness refresh that every change of a man's facts runs, for him and
for his prisons).

What is kept belongs to an owner (`prison(pk)` or `person(pk)`), and every key carries its owner's
current generation, so forgetting one key makes all of them obsolete, however many pages were kept.
With a cache shared by every process (Redis, CACHE_URL) that is immediate everywhere; with each
process's own memory, another process may show a list up to a minute old.
"""

import hashlib
import pickle
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from typing import TypeVar

from django.core.cache import cache
from django.db import transaction
from django.db.models import Model, QuerySet

T = TypeVar("T")
SHARED_SECONDS = 60


def prison(pk: int) -> str:
    return f"prison:{pk}"


def person(pk: int) -> str:
    return f"person:{pk}"


def _generation_key(owner: str) -> str:
    return f"shared-generation:{owner}"


def _generation(owner: str) -> str:
    key = _generation_key(owner)
    generation = cache.get(key)
    if generation is None:
        cache.add(key, uuid.uuid4().hex, None)  # another process may have added one first: use that
        generation = cache.get(key)
    return generation


def forget(owners: Iterable[str]) -> None:
    """What is shared of these owners is out of date: read it again when next asked. Call it where the
    change is written: now, for this process's next read, and again once it commits, against a read made
    in between from what the database held before."""
    keys = [_generation_key(owner) for owner in owners]
    cache.delete_many(keys)
    transaction.on_commit(lambda: cache.delete_many(keys))


def key(owner: str, today: date, what: str) -> str:
    """The cache key of `what`, read for `owner` today: obsolete once the owner is forgotten, and on the
    next day. `what` may be long (a list's filters): it is hashed."""
    digest = hashlib.sha256(what.encode()).hexdigest()[:32]
    return f"shared:{owner}:{_generation(owner)}:{today.isoformat()}:{digest}"


def read(owner: str, today: date, what: str, compute: Callable[[], T]) -> T:
    """`compute()`, kept SHARED_SECONDS or until the owner is forgotten."""
    kept_as = key(owner, today, what)
    value = cache.get(kept_as)
    if value is None:
        value = compute()
        cache.set(kept_as, value, SHARED_SECONDS)
    return value


class KeptRows(Sequence):
    """A kept page of rows, with the prison numbers of the men on it at hand. The rows (model instances)
    stay pickled until something reads them: a page whose table is kept drawn needs only its length and,
    for the audit, its men's numbers, and unpickling 50 rows and their related rows was a millisecond or
    more of every list's request."""

    def __init__(self, rows: list, prison_numbers: list[str]):
        self._rows, self._pickled, self.prison_numbers = rows, None, prison_numbers
        self._length = len(rows)

    def __getstate__(self) -> dict:
        pickled = self._pickled if self._rows is None else pickle.dumps(self._rows, pickle.HIGHEST_PROTOCOL)
        return {"pickled": pickled, "prison_numbers": self.prison_numbers, "length": self._length}

    def __setstate__(self, state: dict) -> None:
        self._rows, self._pickled = None, state["pickled"]
        self.prison_numbers, self._length = state["prison_numbers"], state["length"]

    @property
    def rows(self) -> list:
        if self._rows is None:
            self._rows = pickle.loads(self._pickled)
        return self._rows

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):
        return self.rows[index]


def prison_numbers(rows, number_of: Callable[[Model], str]) -> list[str]:
    """The prison numbers of the men on a page of rows, for its audit entry, each once: kept with a shared
    page, else read from its rows."""
    if isinstance(rows, KeptRows):
        return rows.prison_numbers
    return list(dict.fromkeys(number_of(row) for row in rows))


class SharedList:
    """A list of a prison's rows as a paginator reads it: its length, and each page asked for, read once
    and shared (a page of 50 out of a prison's thousands is a sort of them all). `rows` makes the
    queryset, only when a read is not kept (building a list's filters and annotations cost more than
    reading it from the cache); `number_of` is a row's man's prison number."""

    def __init__(
        self,
        rows: Callable[[], QuerySet],
        owner: str,
        today: date,
        what: str,
        number_of: Callable[[Model], str],
    ):
        self._make_rows, self._rows = rows, None
        self.owner, self.today, self.what, self.number_of = owner, today, what, number_of

    @property
    def rows(self) -> QuerySet:
        if self._rows is None:
            self._rows = self._make_rows()
        return self._rows

    def count(self) -> int:
        return read(self.owner, self.today, f"{self.what}:count", lambda: self.rows.count())

    def __getitem__(self, page: slice) -> KeptRows:
        return read(self.owner, self.today, self._page(page), lambda: self._kept(page))

    def _kept(self, page: slice) -> KeptRows:
        rows = list(self.rows[page])
        return KeptRows(rows, prison_numbers(rows, self.number_of))

    def page_of(self, page) -> str:
        """What the paginator's `page` of this list is called, to draw it once (`drawn`)."""
        return self._page(slice(page.start_index() - 1, page.end_index()))

    def _page(self, page: slice) -> str:
        return f"{self.what}:{page.start}:{page.stop}"


# The template context of a page drawn for its viewer alone, each time.
NOT_DRAWN = {"drawn_key": None}


def drawn(owner: str, today: date, what: str) -> dict:
    """The template context under which what is drawn from a shared read is drawn once and kept as long as
    the read (`{% cache drawn_seconds name drawn_key %}`)."""
    return {"drawn_key": key(owner, today, f"{what}:drawn"), "drawn_seconds": SHARED_SECONDS}


def drawn_once(rows, page) -> dict:
    """`drawn` for a page of a shared list; for a viewer's own list, NOT_DRAWN."""
    if isinstance(rows, SharedList):
        return drawn(rows.owner, rows.today, rows.page_of(page))
    return NOT_DRAWN
