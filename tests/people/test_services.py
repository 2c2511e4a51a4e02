from datetime import date

import pytest

from resettle.people.models import RecordedKeyDates
from resettle.people.services import refresh_release_summary
from resettle.people.vocabulary import CustodyStatus, LegalStatus
from tests import factories

pytestmark = pytest.mark.django_db
TODAY = date(2026, 11, 27)


def test_refresh_release_summary_caches_the_earliest_release_date():
    man = factories.person(recorded={"conditional_release_date": date(2027, 3, 1)})
    assert (man.earliest_release_date, man.earliest_release_type) == (date(2027, 3, 1), "CRD")


def test_refresh_release_summary_follows_a_change_of_recorded_dates():
    man = factories.person(recorded={"conditional_release_date": date(2027, 3, 1)})
    RecordedKeyDates.objects.filter(booking__person=man).update(parole_eligibility_date=date(2027, 1, 1))
    assert refresh_release_summary(man, today=TODAY) is True
    man.refresh_from_db()
    assert (man.earliest_release_date, man.earliest_release_type) == (date(2027, 1, 1), "PED")
    assert refresh_release_summary(man, today=TODAY) is False, "refreshing again changes nothing"


def test_released_men_have_no_earliest_release_date():
    man = factories.person(recorded={"conditional_release_date": date(2026, 3, 1)})
    man.status, man.current_prison = CustodyStatus.RELEASED, None
    man.save()
    refresh_release_summary(man, today=TODAY)
    man.refresh_from_db()
    assert man.earliest_release_date is None


def test_indeterminate_legal_status_plans_to_the_tariff():
    man = factories.person(
        legal_status=LegalStatus.INDETERMINATE_SENTENCE,
        recorded={"tariff_date": date(2029, 1, 1), "conditional_release_date": date(2027, 1, 1)},
    )
    assert man.earliest_release_type == "TED"
