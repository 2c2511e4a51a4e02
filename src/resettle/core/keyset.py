"""Pages of a long list by where the last page ended (keyset pagination), not by how many rows came first.

The audit trail gains an entry with every page anyone views, so nationally it runs to millions of rows: a
numbered page would count them all for its "of N" and skip every row before it (OFFSET); a page here reads
one page of rows and one more along the primary-key index, however long the list is.
"""

from dataclasses import dataclass

from django.db.models import QuerySet


@dataclass(frozen=True)
class KeysetPage:
    object_list: list
    newer: int | None  # the key to ask for the page of newer rows with (?after=), if there are any
    older: int | None  # and for the older rows (?before=)


def _key(raw: str | None) -> int | None:
    """A key from the query string; anything else is the first page, not an error page."""
    return int(raw) if raw and raw.isdigit() else None


def newest_first(rows: QuerySet, *, before: str | None, after: str | None, size: int) -> KeysetPage:
    """The page of `rows`, newest (highest key) first: the newest `size`, or those just older than
    `before`, or just newer than `after`."""
    before, after = _key(before), _key(after)
    if after is not None:
        page = list(rows.filter(pk__gt=after).order_by("pk")[: size + 1])
        more_newer = len(page) > size
        page = page[:size][::-1]
        more_older = bool(page) and rows.filter(pk__lt=page[-1].pk).exists()
    else:
        newest = rows.filter(pk__lt=before) if before is not None else rows
        page = list(newest.order_by("-pk")[: size + 1])
        more_older = len(page) > size
        page = page[:size]
        more_newer = before is not None and bool(page) and rows.filter(pk__gt=page[0].pk).exists()
    return KeysetPage(
        page,
        newer=page[0].pk if more_newer else None,
        older=page[-1].pk if more_older else None,
    )
