"""The self-check every calculation passes (issue 13 §3): dates in the order the law puts them, or a
refusal naming the two dates and the rule, never a stored wrong date."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resettle.rules.sentencing import Refused
from resettle.rules.sentencing.lawful_order import CODE, ORDER, check

# A lawful set: HDC, then PED, CRD, the licence and sentence ending, top-up after.
LAWFUL = {
    "HDCED": date(2027, 1, 10),
    "PED": date(2027, 2, 1),
    "ERSED": date(2027, 1, 20),
    "CRD": date(2027, 3, 1),
    "ARD": date(2027, 3, 1),
    "PRRD": date(2027, 6, 1),
    "SLED": date(2028, 3, 1),
    "SED": date(2028, 3, 1),
    "TUSED": date(2029, 3, 1),
}


def test_a_lawful_set_of_dates_passes():
    check(LAWFUL, returned_to_custody=date(2027, 5, 1))


@pytest.mark.parametrize(("earlier", "later", "strictly", "law"), ORDER)
def test_each_rule_refuses_its_two_dates_the_wrong_way_round(earlier, later, strictly, law):
    dates = {earlier: date(2027, 6, 2), later: date(2027, 6, 1)}
    with pytest.raises(Refused) as refused:
        check(dates)
    assert refused.value.code == CODE
    assert refused.value.reason.startswith(f"{earlier} 2027-06-02 is not") and law in refused.value.reason


@pytest.mark.parametrize(("earlier", "later"), [(e, later) for e, later, strictly, _ in ORDER if strictly])
def test_a_strict_rule_refuses_the_same_day(earlier, later):
    with pytest.raises(Refused):
        check({earlier: date(2027, 6, 1), later: date(2027, 6, 1)})


def test_release_after_recall_before_his_return_to_custody_is_refused():
    with pytest.raises(Refused, match="PRRD 2027-06-01 is before his return to custody on 2027-06-15"):
        check({"PRRD": date(2027, 6, 1)}, returned_to_custody=date(2027, 6, 15))


@given(st.integers(min_value=-3000, max_value=3000))
def test_moving_every_date_by_the_same_days_keeps_a_lawful_set_lawful(days):
    moved = {kind: day + timedelta(days=days) for kind, day in LAWFUL.items()}
    check(moved, returned_to_custody=date(2027, 5, 1) + timedelta(days=days))
