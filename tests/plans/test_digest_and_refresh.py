"""The daily digest (locmem email), `resettle refresh` re-evaluating readiness, and the demo's plan records."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from resettle.plans.models import ReadinessFinding, ReadinessSummary
from resettle.staff.models import StaffRole
from tests import factories

from .conftest import TODAY, man

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_a_pom_is_told_what_became_overdue_for_his_men_only(prison):
    pom = factories.staff(StaffRole.PRISON_POM, prison=prison, email="pom@example.org", first_name="Sarah")
    mine = man(prison, days=5)
    theirs = man(prison, days=5)
    factories.allocate(mine, pom)
    # Something of his fell overdue yesterday.
    ReadinessFinding.objects.update_or_create(
        person=mine,
        check_id="pre-release-report",
        defaults={
            "prison": prison,
            "status": "overdue",
            "due_on": TODAY - timedelta(days=1),
            "severity": "ALERT",
            "reason": "Not done",
        },
    )
    call_command("digest", stdout=StringIO())
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["pom@example.org"]
    assert f"{mine.listed_name} ({mine.prison_number}): Pre-release report" in message.body
    assert "overdue since 26 Nov 2026" in message.body
    assert theirs.prison_number not in message.body


def test_nothing_new_sends_nothing(prison):
    pom = factories.staff(StaffRole.PRISON_POM, prison=prison, email="pom@example.org")
    mine = man(prison, days=3000, risk={"rosh_level": "LOW", "rosh_assessed_on": TODAY})
    factories.allocate(mine, pom)
    ReadinessFinding.objects.filter(person=mine).delete()
    call_command("digest", stdout=StringIO())
    assert mail.outbox == []


def test_an_spo_gets_his_whole_prison(prison):
    factories.staff(StaffRole.SPO, prison=prison, email="spo@example.org")
    first, second = man(prison, days=10), man(prison, days=10)
    for person in (first, second):
        ReadinessFinding.objects.update_or_create(
            person=person,
            check_id="duty-to-refer",
            defaults={
                "prison": prison,
                "status": "due",
                "due_on": TODAY + timedelta(days=28),
                "severity": "ALERT",
                "reason": "Not done",
            },
        )
    call_command("digest", stdout=StringIO())
    assert [m.to for m in mail.outbox] == [["spo@example.org"]]
    assert first.prison_number in mail.outbox[0].body and second.prison_number in mail.outbox[0].body
    assert "due by 25 Dec 2026" in mail.outbox[0].body


def test_refresh_re_evaluates_readiness_after_the_dates(prison):
    person = man(prison, days=50)
    ReadinessSummary.objects.all().delete()
    ReadinessFinding.objects.all().delete()
    call_command("refresh", verbosity=0, stdout=StringIO())
    assert ReadinessSummary.objects.filter(person=person).exists()
    first = sorted(ReadinessFinding.objects.values_list("check_id", "status", "due_on"))
    call_command("refresh", verbosity=0, stdout=StringIO())
    assert sorted(ReadinessFinding.objects.values_list("check_id", "status", "due_on")) == first
