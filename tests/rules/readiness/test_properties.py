"""Properties of any evaluation: exactly one status per check, and statuses consistent with their dates."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from resettle.rules.readiness import CATALOGUE, Status, evaluate_case
from resettle.rules.readiness.case import ComAllocation, KeyDates, RoshLevel

from .builders import BASE, with_

days = st.integers(min_value=-3000, max_value=3000)


@given(
    as_of=st.dates(min_value=date(2021, 6, 2), max_value=date(2029, 1, 1)),
    crd_shift=days,
    rosh=st.sampled_from([None, *RoshLevel]),
    registered=st.booleans(),
    level=st.sampled_from([None, 0, 1, 2, 3]),
    com=st.booleans(),
    screened=st.booleans(),
)
def test_every_check_gives_exactly_one_consistent_finding(
    as_of, crd_shift, rosh, registered, level, com, screened
):
    case = with_(
        BASE,
        dates__recorded=KeyDates(ssd=date(2021, 5, 20), crd=date(2027, 6, 1) + timedelta(days=crd_shift)),
        risk__rosh_level=rosh,
        risk__notification__subject_to_notification=registered,
        risk__mappa__level=level,
        allocations__com=ComAllocation(date(2026, 1, 1)) if com else None,
        plan__immediate_needs_screen_on=date(2021, 6, 3) if screened else None,
    )
    findings = evaluate_case(case, as_of).findings
    assert [finding.check for finding in findings] == [check.id for check in CATALOGUE]
    for finding in findings:
        if finding.status == Status.OVERDUE:  # never both done and overdue: overdue means past due, not done
            assert finding.due_date < as_of and finding.overdue_days == (as_of - finding.due_date).days
        elif finding.status == Status.DUE:
            assert finding.due_date >= as_of and finding.overdue_days is None
        elif finding.status == Status.NOT_APPLICABLE:
            assert finding.due_date is None and finding.reason.startswith("Not applicable")
        else:
            assert finding.status == Status.DONE and finding.overdue_days is None


@given(
    day=st.dates(min_value=date(1990, 1, 1), max_value=date(2090, 1, 1)),
    sign=st.sampled_from([-1, 0, 1]),
    years=st.integers(0, 3),
    months=st.integers(0, 18),
    offset_days=st.integers(0, 400),
)
def test_a_deadline_is_shifted_by_calendar_arithmetic_whether_or_not_its_offset_is_only_days(
    day, sign, years, months, offset_days
):
    """rules.readiness.check._shifted: its shortcut for offsets of days alone agrees with relativedelta's."""
    from dateutil.relativedelta import relativedelta

    from resettle.rules.readiness.check import _shifted

    offset = relativedelta(years=years, months=months, days=offset_days)
    assert _shifted(day, sign, offset) == day + sign * offset
