"""Writes to release-plan records, and the one service that keeps the readiness cache fresh.

Plan records are saved with optimistic concurrency: the form carries the version it was opened at, and the
save is `UPDATE ... WHERE version = expected`. If someone else saved in between, nothing is written and
`Conflict` is raised with the record as it now stands, so the second writer never silently overwrites the
first. Every save is audited (who, what changed) and re-evaluates the man's readiness in the same
transaction.

`refresh_readiness(person_ids)` is the one place findings are computed and stored; `refresh_all_readiness`
runs it for every man in custody (and recently released) in batches, for `resettle refresh`.

"This man's facts changed" is one service too, called explicitly by every writer of a fact the derived data
reads (there are no signal receivers): his release dates are recalculated, then his readiness, once.
It lives here, in plans, the lowest app that sees both halves: people owns the release-date calculation,
plans the findings that run from the dates.

- `facts_changed(person_ids)`: schedule that refresh for when the current transaction commits (at once
  outside one); however many times it is called in one transaction, each man is refreshed once.
- `refresh_facts(person_ids)`: the same refresh now, inside the caller's transaction (the importer, the
  plan services whose write must read back at once, and the on-commit callback itself).
"""

import threading
from collections.abc import Iterable
from datetime import date, timedelta
from functools import partial

from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from resettle.audit.models import Action
from resettle.audit.recorder import record as audit
from resettle.core import bulk, shared
from resettle.core.clock import today as clock_today
from resettle.people.models import Booking, Person, RiskProfile
from resettle.people.release_dates import recalculate_read
from resettle.people.vocabulary import CustodyStatus
from resettle.rules.readiness import Severity, Status, evaluate_case
from resettle.rules.readiness.rag import rag
from resettle.rules.readiness.settings import settings_in_force

from .case_builder import cases_of, people_for_cases
from .models import (
    InterventionOffer,
    MappaMeeting,
    MappaRecord,
    NotificationRecord,
    Rag,
    ReadinessFinding,
    ReadinessSummary,
    VersionedRecord,
)

CONFLICT_MESSAGE = (
    "Someone else changed this record since you opened it. Their changes are shown below: check them, "
    "then make your changes again and save"
)
# Released men stay in the cache this long, for the night-of-release outcome and its follow-up.
KEEP_RELEASED_DAYS = 120
IN_CUSTODY = (CustodyStatus.IN_CUSTODY, CustodyStatus.RECALLED)


class Conflict(Exception):
    """The record changed since the writer opened it. `current` is the record as it now stands."""

    def __init__(self, current):
        super().__init__(CONFLICT_MESSAGE)
        self.current = current


def _fields(model) -> list[str]:
    return [
        f.attname
        for f in model._meta.concrete_fields
        if f.editable and not f.primary_key and f.name not in ("person", "updated_by", "updated_at")
    ]


def save_record(
    model: type[VersionedRecord],
    person: Person,
    *,
    version: int,
    values: dict,
    by=None,
    pk: int | None = None,
    today: date | None = None,
    refresh: bool = True,
    changes_elsewhere: bool = False,
) -> VersionedRecord:
    """Create (version 0) or update (the version the writer opened) one plan record of `person`.

    One-to-one records are found by person; records a man has many of (intervention offers) by `pk`.
    Raises Conflict when the record is not at `version` any more, or was created by someone else first.
    An update that changes no value writes nothing, not even a new version, unless `changes_elsewhere`
    says the same write changes fields kept on another row that this record's version guards.
    """
    rows = model.objects.filter(person=person) if pk is None else model.objects.filter(person=person, pk=pk)
    label = model._meta.label
    with transaction.atomic():
        if version == 0:
            try:
                with transaction.atomic():
                    saved = model.objects.create(person=person, updated_by=by, **values)
            except IntegrityError:
                current = rows.first()
                if current is None:
                    raise
                raise Conflict(current) from None
            audit(
                Action.CREATE,
                user=by,
                record=f"{label}:{saved.pk}",
                changes={name: [None, value] for name, value in values.items()},
                people=[person.prison_number],
            )
        else:
            names = _fields(model)
            before = rows.filter(version=version).values(*names).first()
            if before is None:
                raise Conflict(rows.first())
            changes = {
                name: [before.get(name), value] for name, value in values.items() if before.get(name) != value
            }
            if not changes and not changes_elsewhere:
                return rows.get()
            updated = rows.filter(version=version).update(
                version=F("version") + 1, updated_by=by, updated_at=timezone.now(), **values
            )
            if not updated:
                raise Conflict(rows.first())
            saved = rows.get()
            audit(
                Action.CHANGE,
                user=by,
                record=f"{label}:{saved.pk}",
                changes=changes,
                people=[person.prison_number],
            )
        if refresh:
            refresh_readiness([person.pk], today=today)
    return saved


RISK_MAPPA_FIELDS = ("mappa_category", "mappa_level", "mappa_level_set_on")


def save_mappa(
    person: Person, *, version: int, values: dict, risk_values: dict, by=None, today: date | None = None
) -> MappaRecord:
    """The MAPPA record: category, level and date set go to his RiskProfile (their one home), the rest to
    his MappaRecord. The MappaRecord's version guards both."""
    return _save_with_risk(MappaRecord, person, version, values, risk_values, by=by, today=today)


def save_notification(
    person: Person,
    *,
    version: int,
    values: dict,
    subject_to_notification: bool,
    by=None,
    today: date | None = None,
) -> NotificationRecord:
    risk_values = {"subject_to_notification": subject_to_notification}
    return _save_with_risk(NotificationRecord, person, version, values, risk_values, by=by, today=today)


def _save_with_risk(model, person: Person, version: int, values: dict, risk_values: dict, *, by, today):
    """A plan record some of whose fields live on his RiskProfile: both saved together, under the record's
    version, and his facts (dates, then readiness) refreshed once."""
    with transaction.atomic():
        saved = save_record(
            model,
            person,
            version=version,
            values=values,
            by=by,
            refresh=False,
            changes_elsewhere=_risk_differs(person, risk_values),
        )
        _save_risk(person, risk_values)
        refresh_facts([person.pk], today=today)
    return saved


def _risk_differs(person: Person, values: dict) -> bool:
    risk = RiskProfile.objects.filter(person=person).first() or RiskProfile(person=person)
    return any(getattr(risk, name) != value for name, value in values.items())


def _save_risk(person: Person, values: dict) -> None:
    """RiskProfile through save(), so its audit trail sees the change; the caller refreshes his facts (the
    notification moves his dates)."""
    risk, _ = RiskProfile.objects.get_or_create(person=person)
    changed = [name for name, value in values.items() if getattr(risk, name) != value]
    if changed:
        for name in changed:
            setattr(risk, name, values[name])
        risk.save(update_fields=[*changed, "updated_at"])


def add_mappa_meeting(person: Person, *, held_on: date, kind: str, notes: str = "", by=None) -> MappaMeeting:
    """Meetings are only ever added: two people adding one each lose nothing, so no version is needed."""
    with transaction.atomic():
        meeting = MappaMeeting.objects.create(
            person=person, held_on=held_on, kind=kind, notes=notes, recorded_by=by
        )
        audit(
            Action.CREATE,
            user=by,
            record=f"plans.MappaMeeting:{meeting.pk}",
            changes={"held_on": [None, held_on], "kind": [None, kind], "notes": [None, notes]},
            people=[person.prison_number],
        )
        refresh_readiness([person.pk])
    return meeting


def save_intervention_offer(
    person: Person, *, pk: int | None, version: int, values: dict, by=None
) -> InterventionOffer:
    return save_record(InterventionOffer, person, version=version if pk else 0, values=values, by=by, pk=pk)


# --- the readiness cache -----------------------------------------------------------------------------------


def _summary_and_findings(person: Person, report, today: date):
    outstanding = [f for f in report.findings if f.status in (Status.DUE, Status.OVERDUE)]
    overdue = [f for f in outstanding if f.status == Status.OVERDUE]
    upcoming = [f.due_date for f in outstanding if f.status == Status.DUE]
    summary = ReadinessSummary(
        person=person,
        prison_id=person.current_prison_id,
        evaluated_on=today,
        earliest_release=report.earliest_release.on if report.earliest_release else None,
        expected_release=report.expected_release.on if report.expected_release else None,
        handover_date=report.handover.handover_date,
        mappa_eligible=report.mappa.eligible,
        done_count=sum(f.status == Status.DONE for f in report.findings),
        due_count=len(upcoming),
        overdue_count=len(overdue),
        blockers_overdue=sum(f.severity == Severity.BLOCKER for f in overdue),
        next_due_on=min(upcoming, default=None),
        rag=Rag(rag(report.findings, as_of=today, settings=settings_in_force(today))),
    )
    findings = [
        (person.pk, person.current_prison_id, f.check, str(f.status), f.due_date, str(f.severity), f.reason)
        for f in outstanding
    ]
    return summary, findings


FINDING_COLUMNS = ["person_id", "prison_id", "check_id", "status", "due_on", "severity", "reason"]
SUMMARY_FIELDS = [
    "prison",
    "evaluated_on",
    "earliest_release",
    "expected_release",
    "handover_date",
    "mappa_eligible",
    "done_count",
    "due_count",
    "overdue_count",
    "blockers_overdue",
    "next_due_on",
    "rag",
]


def refresh_readiness(person_ids: Iterable[int], *, today: date | None = None) -> int:
    """Re-evaluate every readiness check for these people and store the results. Idempotent.

    Call it whenever an input of a man's Case changes: his plan records (every service here does), his
    dates (the release-date recalculation), his risk, his allocations. Returns how many were evaluated.
    """
    ids = list(set(person_ids))
    if not ids:
        return 0
    return _refresh_readiness_of(_read(ids), ids, today or clock_today())


def _read(ids: list[int]) -> list[Person]:
    return list(people_for_cases(Person.objects.filter(pk__in=ids)))


def _refresh_readiness_of(people: list[Person], ids: list[int], on: date) -> int:
    """refresh_readiness() of men already read (people_for_cases); `ids` are all the men asked for, some of
    whom may no longer exist or have no booking."""
    summaries, findings = [], []
    for person, case in cases_of(people):
        summary, outstanding = _summary_and_findings(person, evaluate_case(case, on), on)
        summaries.append(summary)
        findings.extend(outstanding)
    kept = {summary.person_id for summary in summaries}
    stored = dict(ReadinessSummary.objects.filter(person_id__in=ids).values_list("person_id", "prison_id"))
    prisons = {s.prison_id for s in summaries} | set(stored.values())
    with transaction.atomic():
        bulk.derived_commit_not_waiting_for_the_disk()
        ReadinessFinding.objects.filter(person_id__in=ids).delete()
        ReadinessSummary.objects.filter(person_id__in=set(ids) - kept).delete()
        bulk.insert(ReadinessFinding, FINDING_COLUMNS, findings)
        bulk.upsert(
            ReadinessSummary,
            summaries,
            unique_field="person",
            known=set(stored),
            update_fields=SUMMARY_FIELDS,
        )
    # Now, for this process's next read, and once committed, against a read in between.
    owners = [*(shared.prison(pk) for pk in prisons if pk is not None), *(shared.person(pk) for pk in ids)]
    shared.forget(owners)
    return len(summaries)


def people_to_evaluate(today: date):
    """Men in custody, and men released in the last 120 days (their outcome on release is still due)."""
    recently_released = Booking.objects.filter(released_on__gte=today - timedelta(days=KEEP_RELEASED_DAYS))
    return Person.objects.filter(
        Q(status__in=IN_CUSTODY) | Q(pk__in=recently_released.values("person_id"))
    ).order_by("pk")


def refresh_all_readiness(
    *, prison: str | None = None, today: date | None = None, batch_size: int = 2000, progress=None
) -> int:
    """Re-evaluate everyone (or one prison's men) for date-driven changes; drop the cache of the rest.

    Idempotent and safe to run nightly: the stored findings are a function of the records and the day.
    """
    from .refreshing import Refreshing  # which runs this module's refreshes in processes of their own

    on = today or clock_today()
    people = people_to_evaluate(on)
    if prison:
        people = people.filter(current_prison__code=prison)
    ids = list(people.values_list("pk", flat=True))
    work = partial(refresh_readiness, today=on)
    with Refreshing(batch=batch_size, work=work, progress=progress) as refreshing:
        refreshing.changed(ids)
        total = refreshing.finish()
    if not prison:
        stale = ReadinessSummary.objects.exclude(person_id__in=people.values("pk"))
        ReadinessFinding.objects.filter(person_id__in=stale.values("person_id")).delete()
        stale.delete()
    return total


# --- "this man's facts changed" ----------------------------------------------------------------------------

_pending = threading.local()


def _pending_people() -> set[int]:
    if not hasattr(_pending, "people"):
        _pending.people = set()
    return _pending.people


def refresh_facts(person_ids: Iterable[int], *, today: date | None = None) -> int:
    """Recalculate these men's release dates, then re-evaluate their readiness, now. Returns how many men's
    readiness was evaluated."""
    ids = sorted({pk for pk in person_ids if pk is not None})
    if not ids:
        return 0
    on = today or clock_today()
    # One read of the men serves both: their dates are recalculated from it, then their readiness built.
    people = _read(ids)
    recalculate_read([b for man in people for b in man.bookings_latest_first if b.is_active], today=on)
    return _refresh_readiness_of(people, ids, on)


def facts_changed(person_ids: Iterable[int], *, today: date | None = None) -> None:
    """Something these men's dates or readiness read changed: refresh them once the change commits."""
    ids = {pk for pk in person_ids if pk is not None}
    if not ids:
        return
    _pending_people().update(ids)
    # One callback per call; the first to run takes every man pending and the rest find none. (The
    # callbacks of a transaction rolled back are dropped; its men are refreshed with the next commit.)
    transaction.on_commit(lambda: _refresh_pending(today))


def _refresh_pending(today: date | None) -> None:
    pending = _pending_people()
    ids = set(pending)
    pending.clear()
    if ids:
        refresh_facts(ids, today=today)
