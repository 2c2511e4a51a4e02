"""Building readiness Cases from the database: the facts arrive, and bulk reads do not grow with people."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resettle.people.models import Offence, Person
from resettle.plans.case_builder import case_for, cases_for
from resettle.plans.models import (
    AccommodationCategory,
    AccommodationPlan,
    ApprovedPremisesApplication,
    MappaMeeting,
    MappaRecord,
    TransferPlan,
)
from resettle.plans.services import refresh_readiness
from resettle.rules.readiness.case import PomType, SentenceKind
from resettle.staff.models import AllocationRole, StaffRole
from tests import factories

from .conftest import TODAY, man

pytestmark = pytest.mark.django_db


def test_a_case_carries_dates_risk_allocations_and_plan(prison):
    pdu = factories.pdu(name="Plymouth")
    prison.is_resettlement_prison = True
    prison.save()
    prison.release_areas_served.add(pdu)
    person = man(
        prison,
        days=100,
        release_area=pdu,
        risk={
            "rosh_level": "HIGH",
            "tier": "B2",
            "mappa_category": 1,
            "mappa_level": 2,
            "mappa_level_set_on": TODAY,
            "subject_to_notification": True,
        },
    )
    sentence = factories.sentence(person, years=5)
    Offence.objects.create(
        sentence=sentence,
        description="Rape",
        committed_on=TODAY - timedelta(days=3000),
        is_sexual=True,
        is_schedule_3=True,
        is_schedule_15=True,
    )
    pom = factories.staff(StaffRole.PROBATION_POM, prison=prison)
    factories.allocate(person, pom)
    factories.allocate(person, factories.staff(StaffRole.COM), role=AllocationRole.COM)
    AccommodationPlan.objects.create(person=person, category=AccommodationCategory.APPROVED_PREMISES)
    ApprovedPremisesApplication.objects.create(person=person, submitted_on=TODAY - timedelta(days=10))
    MappaRecord.objects.create(person=person, referral_on=TODAY)
    MappaMeeting.objects.create(person=person, held_on=TODAY - timedelta(days=5))

    case = case_for(person)

    assert case.person.in_resettlement_prison_for_release_area
    assert case.dates.recorded.crd == TODAY + timedelta(days=100)
    assert case.offending.sexual and case.offending.schedule_3 and case.offending.custodial_term_months == 60
    assert case.offending.sentence_kind == SentenceKind.DETERMINATE
    assert case.risk.mappa.level == 2 and case.risk.mappa.referral_on == TODAY
    assert case.risk.mappa.meetings == (TODAY - timedelta(days=5),)
    assert case.allocations.pom.pom_type == PomType.PROBATION and case.allocations.com is not None
    assert case.plan.accommodation.category == "APPROVED_PREMISES"
    assert case.plan.approved_premises.submitted_on == TODAY - timedelta(days=10)


def test_a_transfer_needs_a_target_and_a_status_to_count(prison):
    person = man(prison)
    TransferPlan.objects.create(person=person, in_reach_plan_on=TODAY)
    case = case_for(person)
    assert case.plan.transfer is None and case.plan.in_reach_plan_on == TODAY


def _with_plans(prison, n):
    for _ in range(n):
        person = man(prison, risk={"rosh_level": "HIGH", "mappa_category": 2})
        factories.allocate(person, factories.staff(prison=prison))
        AccommodationPlan.objects.create(person=person, category=AccommodationCategory.SETTLED)
        MappaMeeting.objects.create(person=person, held_on=TODAY)
        factories.sentence(person)


def test_building_cases_in_bulk_costs_the_same_queries_for_3_or_30_people(prison):
    _with_plans(prison, 3)
    with CaptureQueriesContext(connection) as few:
        assert len(cases_for(Person.objects.filter(current_prison=prison))) == 3
    _with_plans(prison, 27)
    with CaptureQueriesContext(connection) as many:
        assert len(cases_for(Person.objects.filter(current_prison=prison))) == 30
    assert len(many) == len(few)


def _reads(captured) -> int:
    """Queries other than the batched INSERTs (SQLite splits a bulk insert by its parameter limit)."""
    return sum(not q["sql"].lstrip().upper().startswith("INSERT") for q in captured.captured_queries)


def test_refreshing_a_prison_reads_the_same_queries_for_3_or_30_people(prison):
    _with_plans(prison, 3)
    ids = list(Person.objects.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as few:
        refresh_readiness(ids, today=TODAY)
    _with_plans(prison, 27)
    ids = list(Person.objects.values_list("pk", flat=True))
    with CaptureQueriesContext(connection) as many:
        refresh_readiness(ids, today=TODAY)
    assert _reads(many) == _reads(few)
