"""Plan records: optimistic concurrency, auditing, and the readiness cache kept fresh by one service."""

from datetime import timedelta

import pytest

from resettle.audit.models import AuditEntry
from resettle.people.models import RiskProfile
from resettle.plans.models import (
    AccommodationCategory,
    AccommodationPlan,
    MappaRecord,
    MeetingKind,
    ReadinessFinding,
    ReadinessSummary,
)
from resettle.plans.services import (
    Conflict,
    add_mappa_meeting,
    refresh_all_readiness,
    refresh_readiness,
    save_mappa,
    save_record,
)

from .conftest import TODAY, housed, man

pytestmark = pytest.mark.django_db


def test_a_new_record_starts_at_version_1_and_each_save_counts(prison):
    person = man(prison)
    plan = save_record(
        AccommodationPlan, person, version=0, values={"category": AccommodationCategory.SETTLED}
    )
    assert plan.version == 1
    plan = save_record(AccommodationPlan, person, version=1, values={"address": "1 High Street"})
    assert (plan.version, plan.category, plan.address) == (2, AccommodationCategory.SETTLED, "1 High Street")


def test_the_second_writer_from_the_same_version_gets_a_conflict_and_nothing_is_overwritten(prison):
    person = man(prison)
    save_record(AccommodationPlan, person, version=0, values={"category": AccommodationCategory.SETTLED})
    # Two people open version 1; the first saves.
    save_record(AccommodationPlan, person, version=1, values={"address": "First writer's address"})
    with pytest.raises(Conflict) as raised:
        save_record(AccommodationPlan, person, version=1, values={"address": "Second writer's address"})
    assert raised.value.current.address == "First writer's address"
    assert AccommodationPlan.objects.get(person=person).address == "First writer's address"
    assert AccommodationPlan.objects.get(person=person).version == 2


def test_two_people_creating_the_same_record_conflict(prison):
    person = man(prison)
    save_record(AccommodationPlan, person, version=0, values={"category": AccommodationCategory.CAS})
    with pytest.raises(Conflict):
        save_record(AccommodationPlan, person, version=0, values={"category": AccommodationCategory.SETTLED})
    assert AccommodationPlan.objects.get(person=person).category == AccommodationCategory.CAS


def test_every_save_is_audited_with_what_changed(prison):
    person = man(prison)
    save_record(AccommodationPlan, person, version=0, values={"category": AccommodationCategory.SETTLED})
    save_record(AccommodationPlan, person, version=1, values={"address": "2 Mill Lane"})
    change = AuditEntry.objects.filter(action="CHANGE", record__startswith="plans.AccommodationPlan").latest(
        "pk"
    )
    assert change.people == [person.prison_number]
    assert change.changes == {"address": ["", "2 Mill Lane"]}


def test_a_save_that_changes_nothing_writes_nothing(prison):
    """Issue 16 §6: no new version (which would make another writer's copy stale for nothing), no entry."""
    person = man(prison)
    save_record(AccommodationPlan, person, version=0, values={"category": AccommodationCategory.SETTLED})
    entries = AuditEntry.objects.count()

    same = save_record(
        AccommodationPlan, person, version=1, values={"category": AccommodationCategory.SETTLED}
    )
    nothing = save_record(AccommodationPlan, person, version=1, values={})

    assert (same.version, nothing.version) == (1, 1)
    assert AccommodationPlan.objects.get(person=person).version == 1
    assert AuditEntry.objects.count() == entries


def test_a_save_that_changes_nothing_from_a_stale_version_is_still_a_conflict(prison):
    person = man(prison)
    save_record(AccommodationPlan, person, version=0, values={"category": AccommodationCategory.SETTLED})
    save_record(AccommodationPlan, person, version=1, values={"address": "2 Mill Lane"})

    with pytest.raises(Conflict):
        save_record(AccommodationPlan, person, version=1, values={"address": "2 Mill Lane"})


def test_a_mappa_save_changing_only_the_risk_profile_still_counts_as_a_new_version(prison):
    """The MAPPA record's version guards the category and level kept on his risk profile too."""
    person = man(prison, days=150)
    save_mappa(person, version=0, values={"referral_on": TODAY}, risk_values={"mappa_category": 1})

    saved = save_mappa(person, version=1, values={"referral_on": TODAY}, risk_values={"mappa_category": 2})

    assert saved.version == 2 and RiskProfile.objects.get(person=person).mappa_category == 2


def test_a_mappa_meeting_is_audited_with_every_field_its_notes_included(prison):
    person = man(prison)

    meeting = add_mappa_meeting(person, held_on=TODAY, kind=MeetingKind.MEETING, notes="Agreed AP")

    created = AuditEntry.objects.get(action="CREATE", record=f"plans.MappaMeeting:{meeting.pk}")
    assert created.changes == {
        "held_on": [None, TODAY.isoformat()],
        "kind": [None, meeting.kind],
        "notes": [None, "Agreed AP"],
    }


def test_mappa_category_and_level_are_saved_on_the_risk_profile_their_one_home(prison):
    person = man(prison, days=150, risk={"subject_to_notification": True})
    save_mappa(
        person,
        version=0,
        values={"referral_on": TODAY - timedelta(days=3)},
        risk_values={"mappa_category": 1, "mappa_level": 2, "mappa_level_set_on": TODAY - timedelta(days=3)},
    )
    risk = RiskProfile.objects.get(person=person)
    assert (risk.mappa_category, risk.mappa_level) == (1, 2)
    assert MappaRecord.objects.get(person=person).referral_on == TODAY - timedelta(days=3)
    assert not ReadinessFinding.objects.filter(person=person, check_id="mappa-level-set").exists()


def test_a_plan_record_write_refreshes_the_findings(prison):
    person = man(prison, days=5)
    assert ReadinessFinding.objects.filter(person=person, check_id="first-night-accommodation").exists()
    housed(person)
    assert not ReadinessFinding.objects.filter(person=person, check_id="first-night-accommodation").exists()


def test_refresh_stores_only_outstanding_findings_and_a_summary(prison):
    person = man(prison, days=10)
    summary = ReadinessSummary.objects.get(person=person)
    stored = ReadinessFinding.objects.filter(person=person)
    assert set(stored.values_list("status", flat=True)) <= {"due", "overdue"}
    assert summary.overdue_count == stored.filter(status="overdue").count()
    assert summary.rag == "RED"
    assert summary.earliest_release == TODAY + timedelta(days=10)


def test_refresh_is_idempotent(prison):
    people = [man(prison, days=d) for d in (10, 90, 400)]
    before = sorted(
        ReadinessFinding.objects.values_list("person_id", "check_id", "status", "due_on", "reason")
    )
    assert refresh_all_readiness(today=TODAY) == 3
    assert refresh_all_readiness(today=TODAY) == 3
    after = sorted(
        ReadinessFinding.objects.values_list("person_id", "check_id", "status", "due_on", "reason")
    )
    assert before == after
    assert ReadinessSummary.objects.count() == len(people)


def test_the_passing_of_time_makes_a_due_finding_overdue_on_refresh(prison):
    person = man(prison, days=100)
    finding = ReadinessFinding.objects.get(person=person, check_id="day-one-appointment")
    assert finding.status == "due"
    refresh_readiness([person.pk], today=TODAY + timedelta(days=101))
    assert ReadinessFinding.objects.get(person=person, check_id="day-one-appointment").status == "overdue"


def test_a_man_released_long_ago_drops_out_of_the_cache(prison):
    person = man(prison, days=10)
    person.status, person.current_prison = "RELEASED", None
    person.save()
    booking = person.bookings.get()
    booking.is_active, booking.released_on = False, TODAY - timedelta(days=200)
    booking.save()
    refresh_all_readiness(today=TODAY)
    assert not ReadinessSummary.objects.filter(person=person).exists()
