"""Importing files of prisoner, probation and CRDS booking records: each record stored in its own
transaction or quarantined with the reason, then the dates and readiness of everyone changed refreshed.

A record is never half-written: it is read and checked in full, then written inside one transaction that
any problem rolls back. Re-importing a file changes nothing, because every write compares before it saves.
"""

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import DatabaseError, transaction

from resettle.audit import recorder
from resettle.core.freshness import bulk_write
from resettle.people.release_dates import bookings_for_calculation, recalculate_bookings
from resettle.plans.services import refresh_readiness

from . import bookings, prisoners, probation
from .fields import Invalid
from .reading import FileUnreadable, Item, items

# Which reader and writer a record goes to, told apart by the fields only that kind has.
KINDS = {"prisoner": prisoners, "probation": probation, "booking": bookings}
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

    def reject(self, rejection: Rejection) -> None:
        self.rejections.append(rejection)
        self.counts["rejected"] += 1

    def write_rejections(self, path: Path) -> None:
        listed = [
            {"file": r.file, "record": r.record, "field": r.field, "problem": r.problem, "data": r.raw}
            for r in self.rejections
        ]
        path.write_text(json.dumps(listed, indent=2, default=str), encoding="utf-8")


def _label(item: Item) -> str:
    number = item.raw.get("prisonerNumber") if isinstance(item.raw, dict) else None
    suffix = f" ({str(number)[:20]})" if isinstance(number, str) and number else ""
    return f"record {item.number}{suffix}"


def _kept(raw) -> object:
    return raw if len(json.dumps(raw, default=str)) <= MAX_KEPT_RECORD else "(too large to keep)"


def _duplicates(records: list[Item]) -> dict[int, str]:
    """Prisoner records whose prison number is in the file more than once: which to believe is not known,
    so none of them is stored. Maps the record number to the complaint."""
    seen: dict[str, list[int]] = {}
    for item in records:
        if isinstance(item.raw, dict) and kind_of(item.raw) == "prisoner":
            number = str(item.raw.get("prisonerNumber") or "").upper()
            if number:
                seen.setdefault(number, []).append(item.number)
    return {
        n: f"{number} is in this file {len(numbers)} times (records {', '.join(map(str, numbers))})"
        for number, numbers in seen.items()
        if len(numbers) > 1
        for n in numbers
    }


def _store(raw: dict, person: str | None):
    kind = kind_of(raw)
    module = KINDS[kind]
    record = module.read(raw, person) if kind == "booking" else module.read(raw)
    with transaction.atomic():
        stored, changed = module.store(record)
    return kind, stored, changed


def import_record(item: Item, name: str, report: ImportReport, *, person: str | None, duplicate: str) -> None:
    label = _label(item)
    if item.raw is None:
        report.reject(Rejection(name, label, "(record)", item.problem))
        return
    if not isinstance(item.raw, dict):
        report.reject(Rejection(name, label, "(record)", f"must be an object, not {type(item.raw).__name__}"))
        return
    if duplicate:
        report.reject(Rejection(name, label, "prisonerNumber", duplicate, _kept(item.raw)))
        return
    try:
        kind, stored, changed = _store(item.raw, person)
    except Invalid as error:
        report.reject(Rejection(name, label, error.field, error.problem, _kept(item.raw)))
        return
    except DatabaseError as error:  # a constraint the checks above did not foresee: still one record only
        report.reject(
            Rejection(name, label, "(record)", f"the database refused it: {error}", _kept(item.raw))
        )
        return
    report.counts[f"{kind} {'stored' if changed else 'unchanged'}"] += 1
    if changed:
        report.changed_people[stored.pk] = stored.prison_number


def import_file(path: Path, report: ImportReport, *, person: str | None = None, progress=None) -> None:
    try:
        records = list(items(path))
    except (FileUnreadable, OSError) as error:
        report.reject(Rejection(path.name, "the whole file", "(file)", str(error)))
        return
    duplicates = _duplicates(records)
    # refresh_changed() brings every man changed up to date once, after all the files.
    with bulk_write():
        for item in records:
            import_record(item, path.name, report, person=person, duplicate=duplicates.get(item.number, ""))
            if progress is not None:
                progress.update(1)


def refresh_changed(report: ImportReport) -> None:
    """Dates first, then the readiness findings that run from them; only for the people changed."""
    ids = list(report.changed_people)
    if ids:
        recalculate_bookings(bookings_for_calculation().filter(person_id__in=ids))
        refresh_readiness(ids)


def import_files(
    paths: Iterable[Path], *, person: str | None = None, user=None, progress=None
) -> ImportReport:
    report = ImportReport()
    paths = list(paths)
    for path in paths:
        import_file(path, report, person=person, progress=progress)
    refresh_changed(report)
    recorder.imported(
        what=f"{', '.join(p.name for p in paths)}: {dict(report.counts)}"[:500],
        people=sorted(report.changed_people.values()),
        user=user,
    )
    return report
