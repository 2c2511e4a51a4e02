"""Generation without the database: the same seed gives the same people."""

from datetime import date
from itertools import islice

from dateutil.relativedelta import relativedelta

from resettle.demo import staff
from resettle.demo.estate import estate_rows
from resettle.demo.loader import generate_people, generate_staff, headcounts
from resettle.people.vocabulary import LegalStatus

TODAY = date(2026, 11, 27)


def dartmoor_sample(seed: int, today: date = TODAY, size: int = 150):
    estate = estate_rows()
    plan = [count for count in headcounts("prison", seed) if count.spec.code == "DAI"]
    pools = staff.pools_from(generate_staff(seed, estate, plan))
    return list(islice(generate_people(seed, today, estate, plan, pools), size))


def fingerprint(records):
    return [
        (
            r.person.prison_number,
            r.person.last_name,
            r.person.date_of_birth,
            r.person.earliest_release_date,
            r.custody.dates.conditional_release_date if r.custody.dates else None,
            [a.allocated_on for a in r.allocations],
        )
        for r in records
    ]


def test_same_seed_same_people():
    assert fingerprint(dartmoor_sample(3)) == fingerprint(dartmoor_sample(3))


def test_different_seed_different_people():
    assert fingerprint(dartmoor_sample(3)) != fingerprint(dartmoor_sample(4))


def test_dartmoor_holds_no_one_on_remand_and_every_sentenced_man_has_dates():
    for record in dartmoor_sample(5):
        assert record.person.legal_status != LegalStatus.REMAND
        assert record.custody.sentences
        assert record.person.earliest_release_date is not None


def test_men_in_custody_are_not_yet_due_for_release():
    for record in dartmoor_sample(6, size=400):
        assert record.person.earliest_release_date >= TODAY
        assert record.custody.booking.received_on <= TODAY


def test_no_hdc_for_men_subject_to_notification():
    for record in dartmoor_sample(7, size=400):
        if record.custody.notification:
            assert record.custody.dates.home_detention_curfew_eligibility_date is None


def test_no_man_is_received_into_custody_before_his_15th_birthday():
    """Issue 18 §2: moving a timeline back to land the engine's release on its target once put receptions
    before birth, and a "POM allocated" step 11,400 days overdue at the top of the worklist."""
    for record in dartmoor_sample(1, size=800):
        fifteenth = record.person.date_of_birth + relativedelta(years=15)
        assert record.custody.booking.received_on >= fifteenth, record.person.prison_number
