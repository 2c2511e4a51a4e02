"""Importing files of prisoner, probation and CRDS booking records: each record stored in its own
transaction or quarantined with the reason, then the dates and readiness of everyone changed refreshed.

A record is never half-written: it is read and checked in full, then written inside one transaction that
any problem rolls back. Re-importing a file changes nothing, because every write compares before it saves.
"""

import json
import logging
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import groupby
from pathlib import Path

from django.db import DatabaseError, connection, transaction

from resettle.audit import recorder
from resettle.estate.models import Prison
from resettle.plans.refreshing import Refreshing

from . import bookings, prisoners, probation
from .fields import Invalid
from .reading import FileUnreadable, Item, items

logger = logging.getLogger(__name__)

# Which reader and writer a record goes to, told apart by the fields only that kind has.
KINDS = {"prisoner": prisoners, "probation": probation, "booking": bookings}
# Records read, and their existing rows looked up, together.
READ_BATCH = 500
# Rejected records are kept whole in the rejection list up to this size, so that it stays readable.
MAX_KEPT_RECORD = 10_000


def kind_of(raw: dict) -> str:
    if "booking" in raw or "sentences" in raw:
        return "booking"
    if "crn" in raw and "firstName" not in raw:
        return "probation"
    return "prisoner"


@dataclass
class Rejection:
    file: str
    record: str
    field: str
    problem: str
    raw: object = None

    def __str__(self) -> str:
        return f"{self.file}, {self.record}: {self.field}: {self.problem}"


@dataclass
class ImportReport:
    counts: Counter = field(default_factory=Counter)
    rejections: list[Rejection] = field(default_factory=list)
    changed_people: dict[int, str] = field(default_factory=dict)  # id → prison number
    # The men changed since the refresh was last told, in the order they changed.
    unrefreshed: list[int] = field(default_factory=list)

    def changed(self, person) -> None:
        self.changed_people[person.pk] = person.prison_number
        self.unrefreshed.append(person.pk)

    def reject(self, rejection: Rejection) -> None:
        self.rejections.append(rejection)
        self.counts["rejected"] += 1

    def rejected_records(self) -> list[dict]:
        """Each rejection: where it was, what was wrong, and the record itself, as JSON holds it (with NaN,
        which Python's JSON reader lets through but JSON has not, as text)."""
        listed = [
            {"file": r.file, "record": r.record, "field": r.field, "problem": r.problem, "data": r.raw}
            for r in self.rejections
        ]
        return json.loads(json.dumps(listed, default=str), parse_constant=str)

    def write_rejections(self, path: Path) -> None:
        path.write_text(json.dumps(self.rejected_records(), indent=2), encoding="utf-8")


def _label(item: Item) -> str:
    number = item.raw.get("prisonerNumber") if isinstance(item.raw, dict) else None
    suffix = f" ({str(number)[:20]})" if isinstance(number, str) and number else ""
    return f"record {item.number}{suffix}"


def _kept(raw) -> object:
    return raw if len(json.dumps(raw, default=str)) <= MAX_KEPT_RECORD else "(too large to keep)"


def _is_prisoner(item: Item) -> bool:
    return isinstance(item.raw, dict) and kind_of(item.raw) == "prisoner"


def _duplicates(records: list[Item]) -> dict[int, Invalid]:
    """Prisoner records whose prison number, or booking id, is in the file more than once: which to believe
    is not known, so none of them is stored. Maps the record number to the complaint."""
    seen: dict[tuple[str, str], list[int]] = {}
    for item in filter(_is_prisoner, records):
        for name in ("prisonerNumber", "bookingId"):
            value = str(item.raw.get(name) or "").strip().upper()
            if value:
                seen.setdefault((name, value), []).append(item.number)
    return {
        n: Invalid(
            name, f"{value} is in this file {len(numbers)} times (records {', '.join(map(str, numbers))})"
        )
        for (name, value), numbers in seen.items()
        if len(numbers) > 1
        for n in numbers
    }


@contextmanager
def commits_not_waiting_for_the_disk():
    """On PostgreSQL, each record's commit returns without waiting for the disk, which costs more than the
    record itself. The import's audit entry, written last with an ordinary commit, waits for every commit
    before it: once the report is out, all it counts is on disk. A crash in the middle may lose the last
    records stored, each whole or not at all, and the import can be run again. (SQLite already commits
    so, in WAL mode with synchronous=NORMAL.)"""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET synchronous_commit TO OFF")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET synchronous_commit")


@dataclass(frozen=True)
class Context:
    """What every record of one import is read against, looked up once rather than once a record."""

    person: str | None  # the prison number CRDS bookings belong to (`--person`)
    prisons: dict[str, Prison]

    @classmethod
    def load(cls, person: str | None) -> "Context":
        return cls(person, {prison.code: prison for prison in Prison.objects.all()})


@dataclass(frozen=True)
class Readable:
    item: Item
    kind: str
    record: object


def _read(item: Item, context: Context, duplicate: Invalid | None) -> Readable:
    """The record read and checked in full, or Invalid saying why it cannot be stored."""
    if item.raw is None:
        raise Invalid("(record)", item.problem)
    if not isinstance(item.raw, dict):
        raise Invalid("(record)", f"must be an object, not {type(item.raw).__name__}")
    if duplicate:
        raise duplicate
    kind = kind_of(item.raw)
    if kind == "booking":
        return Readable(item, kind, bookings.read(item.raw, context.person))
    if kind == "prisoner":
        return Readable(item, kind, prisoners.read(item.raw, context.prisons))
    return Readable(item, kind, probation.read(item.raw))


def _store(readable: Readable, existing: prisoners.Existing):
    with transaction.atomic():
        if readable.kind == "prisoner":
            return prisoners.store(readable.record, existing)
        return KINDS[readable.kind].store(readable.record)


def _batches(records: list[Item]) -> Iterator[list[Item]]:
    """Runs of up to READ_BATCH records in file order, prisoner records apart from the others: a probation
    block or booking between two prisoner records could change a man after the batch had read him."""
    for _, run in groupby(records, key=_is_prisoner):
        run = list(run)
        for start in range(0, len(run), READ_BATCH):
            yield run[start : start + READ_BATCH]


def _import_batch(
    batch: list[Item], name: str, report: ImportReport, *, context: Context, duplicates
) -> None:
    """Read every record of the batch, look up the rows its prisoner records may change in a few queries,
    then write each record in its own transaction."""

    def reject(item: Item, field: str, problem: str) -> None:
        report.reject(Rejection(name, _label(item), field, problem, _kept(item.raw)))

    readable = []
    for item in batch:
        try:
            readable.append(_read(item, context, duplicates.get(item.number)))
        except Invalid as error:
            reject(item, error.field, error.problem)
    existing = prisoners.Existing([r.record for r in readable if r.kind == "prisoner"])
    new = [r for r in readable if r.kind == "prisoner" and prisoners.is_new(r.record, existing)]
    if new:
        apart = {id(r) for r in new}
        readable = [r for r in readable if id(r) not in apart] + _store_new_men(new, reject, report)
    for one in readable:
        try:
            stored, changed = _store(one, existing)
        except Invalid as error:
            reject(one.item, error.field, error.problem)
            continue
        except DatabaseError as error:  # a constraint the checks above did not foresee: still one record only
            reject(one.item, "(record)", f"the database refused it: {error}")
            continue
        except Exception as error:  # a fault of ours: the record is rolled back and refused, the rest go on
            logger.exception("Import of %s, %s failed", name, _label(one.item))
            reject(one.item, "(record)", f"could not be stored ({type(error).__name__}); the error is logged")
            continue
        report.counts[f"{one.kind} {'stored' if changed else 'unchanged'}"] += 1
        if changed:
            report.changed(stored)


def _store_new_men(new: list[Readable], reject, report: ImportReport) -> list[Readable]:
    """Store the batch's men not yet on file together, in one transaction. Each is checked first, and one
    at fault is rejected alone; if the database refuses the rest (a constraint no check foresaw), nothing of
    them is kept and they are returned, to be stored (or refused) one by one."""
    men = []
    for one in new:
        try:
            men.append((one, prisoners.new_man(one.record)))
        except Invalid as error:
            reject(one.item, error.field, error.problem)
    try:
        with transaction.atomic():
            prisoners.store_new([man for _, man in men])
    except DatabaseError:
        return [one for one, _ in men]
    for _, man in men:
        report.counts["prisoner stored"] += 1
        report.changed(man.person)
    return []


def import_file(
    path: Path, report: ImportReport, *, context: Context, refreshing: Refreshing, progress=None
) -> None:
    try:
        records = list(items(path))
    except (FileUnreadable, OSError) as error:
        report.reject(Rejection(path.name, "the whole file", "(file)", str(error)))
        return
    duplicates = _duplicates(records)
    with commits_not_waiting_for_the_disk():
        for batch in _batches(records):
            _import_batch(batch, path.name, report, context=context, duplicates=duplicates)
            # Committed: the men of the batch can be refreshed while the next is stored.
            refreshing.changed(report.unrefreshed)
            report.unrefreshed.clear()
            if progress is not None:
                progress.update(len(batch))


def import_files(
    paths: Iterable[Path],
    *,
    person: str | None = None,
    user=None,
    progress=None,
    refreshing: Refreshing | None = None,
) -> ImportReport:
    """Store every record of the files, bring the men changed up to date (dates first, then the readiness
    that runs from them, a batch at a time beside the storing: plans.refreshing) and audit the import."""
    report = ImportReport()
    paths = list(paths)
    context = Context.load(person)
    try:
        with refreshing or Refreshing() as refresher:
            for path in paths:
                import_file(path, report, context=context, refreshing=refresher, progress=progress)
            refresher.finish()
    finally:
        # What was stored stays stored, so the audit trail says so even if the import stopped part way.
        recorder.imported(
            what=f"{', '.join(p.name for p in paths)}: {dict(report.counts)}"[:500],
            people=sorted(report.changed_people.values()),
            user=user,
        )
    return report
