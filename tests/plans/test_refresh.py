"""Issue 15 §1: "this man's facts changed" is one explicit service — dates, then readiness, once per change,
after commit — and no signal receiver refreshes anything behind the writer's back."""

from datetime import date

import pytest
from django.contrib import admin
from django.test import RequestFactory

from resettle.people.models import CalculatedReleaseDates, Offence, Person, RiskProfile, Sentence
from resettle.plans import services
from resettle.plans.models import NotificationRecord, ReadinessSummary
from tests import factories

from .conftest import TODAY, man

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted(monkeypatch):
    """How many times the dates and the readiness of which men were refreshed."""
    calls = {"dates": [], "readiness": []}
    recalculate, refresh = services.recalculate_read, services._refresh_readiness_of

    def counting_recalculate(bookings, **kwargs):
        calls["dates"].append(sorted(booking.person_id for booking in bookings))
        return recalculate(bookings, **kwargs)

    def counting_refresh(people, ids, on):
        calls["readiness"].append(sorted(set(ids)))
        return refresh(people, ids, on)

    monkeypatch.setattr(services, "recalculate_read", counting_recalculate)
    monkeypatch.setattr(services, "_refresh_readiness_of", counting_refresh)
    return calls


def test_many_changes_to_a_man_in_one_transaction_refresh_him_once_after_commit(
    prison, counted, django_capture_on_commit_callbacks
):
    person = man(prison)
    factories.sentence(person, sentence_date=date(2025, 3, 2), years=3)
    counted["readiness"].clear()
    with django_capture_on_commit_callbacks(execute=True):
        for years in (4, 5, 6):
            Sentence.objects.filter(booking=person.active_booking).update(years=years)
            services.facts_changed([person.pk])
        assert counted == {"dates": [], "readiness": []}, "nothing runs before the commit"
    assert counted == {"dates": [[person.pk]], "readiness": [[person.pk]]}
    assert CalculatedReleaseDates.objects.get(booking=person.active_booking).dates["SLED"] == "2031-03-01"


def test_two_men_changed_in_one_transaction_are_refreshed_together_once(
    prison, counted, django_capture_on_commit_callbacks
):
    first, second = man(prison), man(prison)
    counted["readiness"].clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.facts_changed([first.pk])
        services.facts_changed([second.pk, first.pk])
    assert counted["readiness"] == [sorted([first.pk, second.pk])]
    assert len(counted["dates"]) == 1


def test_a_save_without_the_service_refreshes_nothing(prison, counted, django_capture_on_commit_callbacks):
    """No signal receivers: a writer that does not call the service changes no derived data."""
    person = man(prison)
    counted["readiness"].clear()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        Person.objects.get(pk=person.pk).save()
        RiskProfile.objects.get(person=person).save()
        factories.sentence(person)
    assert callbacks == []
    assert counted == {"dates": [], "readiness": []}


def test_saving_the_notification_record_refreshes_dates_then_readiness_once(
    prison, counted, django_capture_on_commit_callbacks
):
    """It moves a risk field the dates read; before, its RiskProfile.save() refreshed readiness a second
    time through a signal, after the service had already."""
    person = man(prison)
    factories.sentence(person)
    counted["readiness"].clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.save_notification(person, version=0, values={}, subject_to_notification=True, today=TODAY)
    assert counted == {"dates": [[person.pk]], "readiness": [[person.pk]]}
    assert NotificationRecord.objects.filter(person=person).exists()
    assert ReadinessSummary.objects.filter(person=person).exists()


def test_an_admin_edit_to_a_mans_facts_refreshes_him_once_committed(
    prison, counted, django_capture_on_commit_callbacks
):
    person = man(prison)
    sentence = factories.sentence(person)
    counted["readiness"].clear()
    offence = sentence.offences.get()
    request = RequestFactory().post("/")
    with django_capture_on_commit_callbacks(execute=True):
        admin.site.get_model_admin(Offence).delete_model(request, offence)
    assert counted["readiness"] == [[person.pk]]
    assert counted["dates"] == [[person.pk]]


def test_a_mans_findings_go_with_him_though_the_database_does_not_check_their_key(prison):
    """The readiness cache's keys are not checked by the database (plans.models.ReadinessFinding): the
    ORM's cascade still removes a man's findings with him."""
    from resettle.plans.models import ReadinessFinding

    person, other = man(prison), man(prison)
    assert ReadinessFinding.objects.filter(person=person).exists()
    person.delete()
    assert not ReadinessFinding.objects.filter(person_id=person.pk).exists()
    assert ReadinessFinding.objects.filter(person=other).exists()


def test_the_readiness_refreshed_runs_from_the_dates_just_recalculated_in_the_same_read(prison):
    """refresh_facts reads the men once: his readiness is built from the calculation it has just stored,
    not the one it read, and a second refresh finds nothing changed and recalculates nothing."""
    person = man(prison, days=None)
    factories.sentence(person, sentence_date=date(2025, 3, 2), years=3)
    services.refresh_facts([person.pk], today=TODAY)
    stored = CalculatedReleaseDates.objects.get(booking=person.active_booking)
    summary = ReadinessSummary.objects.get(person=person)
    assert summary.earliest_release == Person.objects.get(pk=person.pk).earliest_release_date
    assert summary.earliest_release is not None
    assert summary.earliest_release.isoformat() in stored.dates.values()

    services.refresh_facts([person.pk], today=TODAY)
    assert (
        CalculatedReleaseDates.objects.get(booking=person.active_booking).calculated_at
        == stored.calculated_at
    )
