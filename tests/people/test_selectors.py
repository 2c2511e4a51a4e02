from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from resettle.people import selectors
from resettle.people.models import Booking, Person, RecordedKeyDates
from resettle.people.release_dates import Outcomes, recalculate
from resettle.people.selectors import CaseloadQuery, KeyDate
from resettle.people.vocabulary import CustodyStatus, RoshLevel
from resettle.staff.models import AllocationRole
from tests import factories

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 27)


def numbers(people) -> list[str]:
    return [man.prison_number for man in people]


@pytest.fixture
def prison():
    return factories.prison()


def test_release_window_includes_its_last_day_and_dates_passed(prison):
    last_day = factories.person(at=prison, recorded={"conditional_release_date": TODAY + timedelta(days=84)})
    passed = factories.person(at=prison, recorded={"conditional_release_date": TODAY - timedelta(days=1)})
    factories.person(at=prison, recorded={"conditional_release_date": TODAY + timedelta(days=85)})
    factories.person(at=prison)

    found = selectors.caseload(prison, CaseloadQuery(release_within_days=84), today=TODAY)

    assert numbers(found) == [passed.prison_number, last_day.prison_number]


@pytest.mark.parametrize("descending", [False, True])
def test_people_without_a_value_sort_last_either_way(prison, descending):
    factories.person(at=prison, last_name="Dated", recorded={"conditional_release_date": TODAY})
    factories.person(
        at=prison, last_name="Dated", recorded={"conditional_release_date": TODAY + timedelta(days=9)}
    )
    undated = factories.person(at=prison, last_name="Undated")

    for sort in ("release_date", "rosh", "mappa_level"):
        found = selectors.caseload(prison, CaseloadQuery(sort=sort, descending=descending), today=TODAY)
        assert numbers(found)[-1] == undated.prison_number, sort


def test_rosh_sorts_by_severity_not_alphabetically(prison):
    for level in (RoshLevel.MEDIUM, RoshLevel.VERY_HIGH, RoshLevel.LOW, RoshLevel.HIGH):
        factories.person(at=prison, risk={"rosh_level": level})

    found = selectors.caseload(prison, CaseloadQuery(sort="rosh"), today=TODAY)

    assert [man.risk.rosh_level for man in found] == ["LOW", "MEDIUM", "HIGH", "VERY_HIGH"]


def test_equal_keys_fall_back_to_name_so_pages_are_stable(prison):
    for name in ("Cole", "Able", "Best"):
        factories.person(at=prison, last_name=name, risk={"rosh_level": RoshLevel.HIGH})

    found = selectors.caseload(prison, CaseloadQuery(sort="rosh", descending=True), today=TODAY)

    assert [man.last_name for man in found] == ["Able", "Best", "Cole"]


def test_search_needs_every_word_to_match_a_name(prison):
    mark = factories.person(at=prison, first_name="Mark", last_name="Taylor")
    factories.person(at=prison, first_name="Mark", last_name="Smith")

    found = selectors.caseload(prison, CaseloadQuery(search="mark TAYLOR"), today=TODAY)

    assert numbers(found) == [mark.prison_number]


def test_current_pom_and_com_come_from_open_allocations(prison):
    man = factories.person(at=prison)
    factories.allocate(man, factories.staff(first_name="Old", last_name="Pom"), ended_on=date(2026, 2, 1))
    factories.allocate(man, factories.staff(first_name="New", last_name="Pom"), allocated_on=date(2026, 2, 2))
    factories.allocate(
        man, factories.staff(first_name="Co", last_name="Worker"), role=AllocationRole.CO_WORKING_POM
    )

    (found,) = selectors.caseload(prison, CaseloadQuery(), today=TODAY)

    assert (found.pom_name, found.com_name) == ("New Pom", None)


def test_prisons_count_only_people_in_custody(prison):
    factories.person(at=prison)
    factories.person(at=prison, status=CustodyStatus.RECALLED)
    factories.person(at=prison, status=CustodyStatus.RELEASED)

    assert selectors.prisons_with_population().get(pk=prison.pk).in_custody == 2


class TestPersonRecord:
    def test_released_man_shows_his_last_booking(self, prison):
        man = factories.person(at=prison, current_prison=None, status=CustodyStatus.RELEASED)
        Booking.objects.create(person=man, booking_id="OLDER", received_on=date(2015, 1, 1), is_active=False)

        record = selectors.person_record(man.prison_number, today=TODAY)

        assert record.booking.received_on == date(2023, 1, 1)
        assert record.earliest_release is None

    def test_key_dates_name_each_field_and_skip_empty_ones(self):
        man = factories.person(
            recorded={
                "conditional_release_date": date(2027, 1, 4),
                "confirmed_release_date": date(2027, 1, 4),
            }
        )

        record = selectors.person_record(man.prison_number, today=TODAY)

        assert [(d.abbreviation, d.name) for d in record.key_dates] == [
            ("CRD", "Conditional release date"),
            ("", "Confirmed release date"),
        ]

    def test_every_recorded_date_field_has_a_full_name(self):
        abbreviations = {
            str(f.verbose_name)
            for f in RecordedKeyDates._meta.get_fields()
            if f.get_internal_type() == "DateField" and str(f.verbose_name).isupper()
        }

        assert abbreviations == set(selectors.KEY_DATE_NAMES)

    def test_age_counts_whole_years(self):
        man = factories.person(date_of_birth=date(2000, 11, 28))

        assert selectors.person_record(man.prison_number, today=TODAY).age == 25

    def test_unknown_prison_number(self):
        with pytest.raises(Person.DoesNotExist):
            selectors.person_record("Z9999ZZ", today=TODAY)


class TestCalculationShown:
    def test_the_calculation_comes_with_the_booking_not_in_a_query_of_its_own(self):
        man = factories.person()
        factories.sentence(man)

        def queries():
            with CaptureQueriesContext(connection) as captured:
                record = selectors.person_record(man.prison_number, today=TODAY)
            return len(captured), record

        without, _ = queries()
        recalculate(man.active_booking)
        with_calculation, record = queries()

        assert record.calculation is not None and record.calculation.dates
        assert with_calculation == without

    def test_dates_in_crds_order_compared_with_the_recorded_ones(self):
        outcomes = Outcomes(
            "CALCULATED",
            {"ESED": "2027-02-28", "CRD": "2024-10-05", "SLED": "2027-02-28", "HDCED": "2024-09-02"},
            {"CRD": ["Released at 40%"], "SLED": ["Four years"]},
            effective_sentence_length="P4Y2M1D",
        )
        recorded = [
            KeyDate("CRD", "Conditional release date", date(2024, 10, 5)),
            KeyDate("SED", "Sentence expiry date", date(2027, 2, 28)),
            KeyDate("LED", "Licence expiry date", date(2027, 3, 1)),
            KeyDate("HDCED", "Home detention curfew eligibility date", date(2024, 9, 3)),
        ]

        shown = selectors.shown_calculation(outcomes, rules="sds-50; toggles: none", recorded=recorded)

        assert [d.kind for d in shown.dates] == ["SLED", "CRD", "HDCED", "ESED"]
        assert shown.dates[0].name == "Sentence and licence expiry date"
        assert shown.dates[1].because == ("Released at 40%",) and shown.dates[3].because == ()
        assert [d.kind for d in shown.disagreements] == ["SLED", "HDCED"]
        assert [k.abbreviation for k in shown.dates[0].recorded_otherwise] == ["LED"]
        assert shown.effective_sentence_length == "4 years, 2 months, 1 day"

    @pytest.mark.parametrize(
        ("iso", "words"), [("P3Y", "3 years"), ("P1Y26D", "1 year, 26 days"), ("P0D", "0 days"), ("", "")]
    )
    def test_period_in_words(self, iso, words):
        assert selectors.period_in_words(iso) == words
