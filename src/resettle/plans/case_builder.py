"""Build readiness `Case` objects (rules.readiness.case) from the database: for one man, or in bulk.

`cases_for(people)` reads a fixed number of queries however many people it is given (select_related for
every one-to-one record, prefetches for the rest, and one query for which release areas each prison
serves), so refreshing a prison of 2,000 men costs the same dozen queries as refreshing one.
"""

import dataclasses

from django.db.models import Prefetch, QuerySet

from resettle.estate.models import Prison
from resettle.people.models import Booking, CalculatedReleaseDates, Person, Sentence
from resettle.people.release_dates import calculation_reads
from resettle.people.services import key_dates_from_calculation, key_dates_from_record
from resettle.people.vocabulary import EXTENDED_CALC_TYPES, SentenceCalcType
from resettle.planning.models import Transfer
from resettle.rules.accommodation import AccommodationCategory as Mi014
from resettle.rules.handover import PomType
from resettle.rules.readiness import case as c
from resettle.staff.models import Allocation, AllocationRole, StaffRole

from .models import ResettlementPathways

# A proposal nobody has accepted changes nothing in his readiness, so a plan run never needs a refresh.
AGREED_OR_DONE = ("ACCEPTED", "BOOKED", "COMPLETED")

LIFE_TYPES = {
    SentenceCalcType.LIFE,
    SentenceCalcType.MLP,
    SentenceCalcType.ALP,
    SentenceCalcType.DLP,
    SentenceCalcType.HMPL,
}
IPP_TYPES = {SentenceCalcType.IPP, SentenceCalcType.DPP}
TERRORISM_MARKERS = {"TERRORISM", "NATIONAL_SECURITY"}
ONE_TO_ONE = (
    "current_prison",
    "release_area",
    "risk",
    "accommodation_plan",
    "approved_premises",
    "mappa_record",
    "notification_record",
    "transfer_plan",
    "resettlement_plan",
    "pathways",
    "handover_record",
    "licence",
    "day_one_appointment",
    "release_outcome",
)


def people_for_cases(people: QuerySet[Person]) -> QuerySet[Person]:
    """`people` with everything a Case reads, fetched in a fixed number of queries."""
    # Every prefetch lands in a list (to_attr): a related manager's cache costs a queryset per man and
    # relation, which at a national refresh was more than the queries themselves.
    # His bookings with what their release-date calculation reads too: the refresh recalculates them from
    # this very read (plans.services.refresh_facts).
    bookings = (
        Booking.objects.select_related("recorded_dates", "calculation")
        .prefetch_related(*calculation_reads())
        .order_by("-is_active", "-received_on")
    )
    current = Allocation.objects.filter(ended_on__isnull=True).select_related("staff")
    return people.select_related(*ONE_TO_ONE).prefetch_related(
        Prefetch("bookings", queryset=bookings, to_attr="bookings_latest_first"),
        Prefetch("allocations", queryset=current, to_attr="current_allocations"),
        Prefetch("mappa_meetings", to_attr="meeting_list"),
        Prefetch(
            "transfers",
            queryset=Transfer.objects.filter(status__in=AGREED_OR_DONE).select_related("to_prison"),
            to_attr="planned_transfers",
        ),
        Prefetch("intervention_offers", to_attr="offer_list"),
    )


def resettlement_pairs(prison_ids) -> set[tuple[int, int]]:
    """(prison id, PDU id) for every release area each resettlement prison serves: one query."""
    through = Prison.release_areas_served.through
    return set(
        through.objects.filter(prison_id__in=prison_ids, prison__is_resettlement_prison=True).values_list(
            "prison_id", "probationdeliveryunit_id"
        )
    )


def cases_for(people: QuerySet[Person]) -> list[tuple[Person, c.Case]]:
    """Every person in `people` with his Case; men with no booking at all are left out (nothing to plan)."""
    return cases_of(list(people_for_cases(people)))


def cases_of(rows: list[Person]) -> list[tuple[Person, c.Case]]:
    """cases_for() of men already read by people_for_cases()."""
    served = resettlement_pairs({person.current_prison_id for person in rows if person.current_prison_id})
    built = []
    for person in rows:
        case = build_case(person, served)
        if case is not None:
            built.append((person, case))
    return built


def case_for(person: Person) -> c.Case | None:
    found = cases_for(Person.objects.filter(pk=person.pk))
    return found[0][1] if found else None


def _one(person: Person, name: str):
    """A one-to-one record, or None when he has none (select_related caches the absence)."""
    return getattr(person, name, None)


def build_case(person: Person, served: set[tuple[int, int]]) -> c.Case | None:
    bookings = person.bookings_latest_first
    if not bookings:
        return None
    booking = bookings[0]  # the active booking, else the latest
    sentences = booking.sentence_list
    return c.Case(
        person=_person(person, booking, served),
        offending=_offending(booking, sentences),
        dates=_dates(booking),
        risk=_risk(person),
        allocations=_allocations(person),
        plan=_plan(person),
    )


def _person(person: Person, booking: Booking, served) -> c.Person:
    prison = person.current_prison
    return c.Person(
        prison_number=person.prison_number,
        date_of_birth=person.date_of_birth,
        received_on=booking.received_on,
        status=c.CustodyStatus(person.status),
        legal_status=c.LegalStatus(person.legal_status),
        current_prison=prison.code if prison else None,
        release_area=person.release_area.name if person.release_area_id else None,
        in_resettlement_prison_for_release_area=(person.current_prison_id, person.release_area_id) in served,
        security_category=person.security_category or None,
        womens_estate=bool(prison and prison.estate == Prison.Estate.FEMALE),
        in_open_conditions=_in_open_conditions(person, prison),
        moved_to_open_conditions_on=person.moved_to_open_conditions_on,
        released_on=booking.released_on if not booking.is_active else None,
    )


def _in_open_conditions(person: Person, prison: Prison | None) -> bool:
    """Men: held in an open prison. Women's prisons hold open and closed categories together, so in the
    women's estate it is her category that says so (anchors §1 "Handover start date")."""
    if prison is None:
        return False
    if prison.estate == Prison.Estate.FEMALE:
        return prison.category == Prison.Category.FEMALE_OPEN or person.security_category == "D"
    return prison.category == Prison.Category.D


def _months(sentence: Sentence) -> int:
    days = sentence.years * 365.25 + sentence.months * 30.44 + sentence.weeks * 7 + sentence.days
    return round(days / 30.44)


def _offending(booking: Booking, sentences: list[Sentence]) -> c.Offending:
    offences = [offence for sentence in sentences for offence in sentence.offence_list]
    types = {sentence.calc_type for sentence in sentences}
    kind = (
        c.SentenceKind.LIFE
        if types & LIFE_TYPES
        else c.SentenceKind.IPP
        if types & IPP_TYPES
        else c.SentenceKind.EXTENDED
        if types & EXTENDED_CALC_TYPES
        else c.SentenceKind.DETERMINATE
    )
    markers = {marker for sentence in sentences for marker in sentence.early_release_exclusions or ()}
    determinate = [s for s in sentences if s.calc_type not in LIFE_TYPES | IPP_TYPES]
    return c.Offending(
        convicted_on=min((s.sentence_date for s in sentences), default=booking.received_on),
        sentence_kind=kind,
        custodial_term_months=max((_months(s) for s in determinate), default=None),
        sds_plus=any(s.is_sds_plus for s in sentences),
        murder=SentenceCalcType.MLP in types or any("murder" in o.description.lower() for o in offences),
        schedule_15=any(o.is_schedule_15 for o in offences),
        schedule_3=any(o.is_schedule_3 for o in offences),
        sexual=any(o.is_sexual for o in offences),
        violent=any(o.is_violent for o in offences),
        terrorism=bool(markers & TERRORISM_MARKERS),
    )


def _dates(booking: Booking) -> c.Dates:
    calculation = getattr(booking, "calculation", None)
    refused = None
    if calculation is not None and calculation.outcome == CalculatedReleaseDates.Outcome.REFUSED:
        refused = calculation.refusal_reason or calculation.refusal_code or "refused"
    return c.Dates(
        recorded=key_dates_from_record(getattr(booking, "recorded_dates", None)),
        calculated=key_dates_from_calculation(calculation),
        calculation_refused=refused,
    )


def _risk(person: Person) -> c.Risk:
    risk = _one(person, "risk")
    record = _one(person, "mappa_record")
    notified = _one(person, "notification_record")
    mappa = c.Mappa(
        category=risk.mappa_category if risk else None,
        category_3_decision_on=_category_3_decision(risk, record),
        level=risk.mappa_level if risk else None,
        level_set_on=risk.mappa_level_set_on if risk else None,
        referral_on=record.referral_on if record else None,
        prison_report_on=record.prison_report_on if record else None,
        meetings=tuple(meeting.held_on for meeting in person.meeting_list),
        rmp_agreed_on=record.rmp_agreed_on if record else None,
        police_told_of_release_on=record.police_told_of_release_on if record else None,
    )
    if risk is None:
        return c.Risk(mappa=mappa)
    return c.Risk(
        rosh_level=c.RoshLevel(risk.rosh_level) if risk.rosh_level else None,
        rosh_assessed_on=risk.rosh_assessed_on,
        significant_event_on=risk.significant_event_on,
        significant_event=risk.significant_event,
        tier=risk.tier or None,
        mappa=mappa,
        notification=c.Notification(
            subject_to_notification=risk.subject_to_notification,
            initial_notification_on=notified.initial_notification_on if notified else None,
        ),
        # RiskProfile's flag is a plain boolean: it is always "recorded" (see docs/readiness.md).
        maintains_innocence=risk.maintains_innocence,
        appellant=risk.appellant,
    )


def _category_3_decision(risk, record):
    """Category 3 exists only by decision: the MAPPA record's date, or, where NOMIS records category 3
    without one, the date the level was set (else the day it was recorded is unknown: 1 January 1970 would
    lie, so the risk profile's last update stands in)."""
    if record is not None and record.category_3_decision_on:
        return record.category_3_decision_on
    if risk is not None and risk.mappa_category == 3:
        return risk.mappa_level_set_on or risk.updated_at.date()
    return None


def _allocations(person: Person) -> c.Allocations:
    by_role = {allocation.role: allocation for allocation in person.current_allocations}
    pom, com = by_role.get(AllocationRole.PRIMARY_POM), by_role.get(AllocationRole.COM)
    return c.Allocations(
        pom=c.PomAllocation(
            PomType.PROBATION if pom.staff.role == StaffRole.PROBATION_POM else PomType.PRISON,
            pom.allocated_on,
        )
        if pom
        else None,
        com=c.ComAllocation(com.allocated_on) if com else None,
    )


def _planned_transfer(person: Person) -> c.PlannedTransfer | None:
    """His latest move in the national plan that is open or completed (prefetched as `planned_transfers`)."""
    moves = sorted(
        person.planned_transfers, key=lambda t: (t.status == "COMPLETED", t.created_at), reverse=True
    )
    if not moves:
        return None
    move = moves[0]
    return c.PlannedTransfer(move.to_prison.code, move.proposed_on, c.PlannedTransferStatus(move.status))


def _same_named(kind, record):
    """A `kind` of flags read from the record's fields of the same names; the defaults when there is none."""
    if record is None:
        return kind()
    return kind(**{flag.name: getattr(record, flag.name) for flag in dataclasses.fields(kind)})


def _plan(person: Person) -> c.Plan:
    accommodation = _one(person, "accommodation_plan")
    ap = _one(person, "approved_premises")
    transfer = _one(person, "transfer_plan")
    resettlement = _one(person, "resettlement_plan")
    pathways = _one(person, "pathways")
    handover = _one(person, "handover_record")
    licence = _one(person, "licence")
    day_one = _one(person, "day_one_appointment")
    outcome = _one(person, "release_outcome")
    return c.Plan(
        immediate_needs_screen_on=resettlement and resettlement.immediate_needs_screen_on,
        early_allocation=c.EarlyAllocation(
            handover.early_allocation_screened_on, handover.early_allocation_accepted
        )
        if handover and handover.early_allocation_screened_on
        else None,
        handover_tasks=_same_named(c.HandoverTasks, handover),
        parole=c.Parole(handover.parom1_completed_on, handover.parole_refused_release)
        if handover
        else c.Parole(),
        intervention_offers=tuple(
            c.InterventionOffer(o.offered_on, o.intervention, o.outcome, o.rationale)
            for o in person.offer_list
        ),
        approved_premises=c.ApprovedPremisesApplication(
            ap.submitted_on, ap.arrival_on, c.ApplicationStatus(ap.status)
        )
        if ap
        else None,
        bank_account_applied_on=resettlement and resettlement.bank_account_applied_on,
        id_documents_obtained_on=resettlement and resettlement.id_documents_obtained_on,
        duty_to_refer_on=accommodation and accommodation.duty_to_refer_on,
        cas3_referral_on=accommodation and accommodation.cas3_referral_on,
        accommodation=c.AccommodationPlan(
            Mi014(accommodation.category), accommodation.address, accommodation.confirmed_on
        )
        if accommodation and accommodation.category
        else None,
        transfer=c.Transfer(transfer.target_prison.code, transfer.due_on, c.TransferStatus(transfer.status))
        if transfer and transfer.target_prison_id and transfer.status
        else None,
        planned_transfer=_planned_transfer(person),
        in_reach_plan_on=transfer and transfer.in_reach_plan_on,
        pre_release_report_on=resettlement and resettlement.pre_release_report_on,
        pathways=tuple(
            c.PathwayProgress(c.Pathway(name.upper()), c.PathwayStatus(getattr(pathways, name)))
            for name in ResettlementPathways.PATHWAY_FIELDS
            if getattr(pathways, name)
        )
        if pathways
        else (),
        licence=c.Licence(
            tuple(licence.conditions or ()), licence.issued_on, tuple(licence.required_conditions or ())
        )
        if licence
        else None,
        day_one_appointment_on=day_one and day_one.appointment_on,
        hdc_assessment=c.HdcAssessment(resettlement.hdc_assessment_on, resettlement.hdc_outcome)
        if resettlement and resettlement.hdc_assessment_on
        else None,
        hdc_decision_maker_approved_on=resettlement and resettlement.hdc_decision_maker_approved_on,
        release_day=_same_named(c.ReleaseDay, resettlement),
        outcome=c.ReleaseOutcome(
            Mi014(outcome.accommodation_on_release),
            outcome.recorded_on,
            Mi014(outcome.settled_at_3_months) if outcome.settled_at_3_months else None,
        )
        if outcome
        else None,
    )
