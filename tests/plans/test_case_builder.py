"""Building readiness Cases from the database: the facts arrive, and bulk reads do not grow with people."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resettle.estate.models import Prison
from resettle.people.models import Offence, Person
from resettle.plans.case_builder import case_for, cases_for
from resettle.plans.models import (
    AccommodationCategory,
    AccommodationPlan,
    ApprovedPremisesApplication,
    Licence,
    MappaMeeting,
    MappaRecord,
    ResettlementPlan,
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


# Issue 17 items 2-3: the estate is the prison's; in the women's estate, open conditions are her category.
def test_a_woman_in_open_category_carries_the_estate_and_the_day_her_category_changed():
    womens = factories.prison(
        name="HMP Send", code="SDI", estate=Prison.Estate.FEMALE, category=Prison.Category.FEMALE_CLOSED
    )
    moved = TODAY - timedelta(days=40)
    person = man(womens, security_category="D", moved_to_open_conditions_on=moved, gender="Female")
    case = case_for(person)
    assert case.person.womens_estate and case.person.in_open_conditions
    assert case.person.moved_to_open_conditions_on == moved
    closed = case_for(man(womens, security_category="C"))
    assert closed.person.womens_estate and not closed.person.in_open_conditions


def test_a_man_in_an_open_prison_is_in_open_conditions_and_in_the_mens_estate(prison):
    open_prison = factories.prison(name="HMP Leyhill", code="LYI", category=Prison.Category.D)
    case = case_for(man(open_prison))
    assert case.person.in_open_conditions and not case.person.womens_estate
    assert case.person.moved_to_open_conditions_on is None
    assert not case_for(man(prison)).person.in_open_conditions


# Item 8: the new facts reach the checks (rulebook §9 #5, #24, #26, #27).
def test_significant_event_release_day_hdc_approval_and_required_conditions_reach_the_case(prison):
    event = TODAY - timedelta(days=3)
    person = man(prison, risk={"significant_event_on": event, "significant_event": "Further charge"})
    ResettlementPlan.objects.create(
        person=person,
        hdc_decision_maker_approved_on=TODAY,
        travel_arranged=True,
        money_ready=True,
    )
    Licence.objects.create(person=person, conditions=["NO_CONTACT"], required_conditions=["EXCLUSION_ZONE"])
    case = case_for(person)
    assert (case.risk.significant_event_on, case.risk.significant_event) == (event, "Further charge")
    assert case.plan.hdc_decision_maker_approved_on == TODAY
    assert case.plan.release_day.travel_arranged and case.plan.release_day.money_ready
    assert not case.plan.release_day.property_ready
    assert case.plan.licence.required_conditions == ("EXCLUSION_ZONE",)


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
