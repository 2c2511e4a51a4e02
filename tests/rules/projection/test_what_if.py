"""A rule-profile what-if's effect on the coming releases and their deadlines (issue 11 §5): who the other
rules release earlier within the horizon, and whether MAPPA level setting (release − 6 months, readiness
R1.6), the COM at handover, and the approved-premises application (release − 6 months, CAS1 National
Standards) can still be done in time."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from resettle.rules.projection.cohort import Man, Mappa, Rosh, Route
from resettle.rules.projection.what_if import Moved, deadline_effect, planned_release, swapped

AS_OF = date(2027, 1, 1)
HORIZON_END = date(2028, 1, 1)


def man(released_by, *, mappa=Mappa.NOT_MAPPA, rosh=Rosh.LOW, handover_on=None, route=Route.AUTOMATIC):
    return Man(0, route, released_by=released_by, mappa=mappa, rosh=rosh, handover_on=handover_on)


def moved(live, what_if, *, com=False, applied=False):
    return Moved(live, what_if, com_allocated=com, approved_premises_applied=applied)


def effect(*men):
    return deadline_effect(list(men), as_of=AS_OF, horizon_end=HORIZON_END)


def test_only_men_released_earlier_within_the_horizon_are_counted():
    found = effect(
        moved(man(date(2027, 9, 1)), man(date(2027, 6, 1))),  # earlier, both within: counted
        moved(man(date(2028, 3, 1)), man(date(2027, 10, 1))),  # brought into the 12 months
        moved(man(date(2029, 3, 1)), man(date(2028, 6, 1))),  # earlier, but still beyond the horizon
        moved(man(date(2027, 3, 1)), man(date(2027, 8, 1))),  # later: not a surge
        moved(man(date(2027, 3, 1)), man(date(2027, 3, 1))),  # unmoved
    )
    assert (found.earlier, found.brought_in) == (2, 1)


def test_mappa_level_is_in_time_when_release_is_six_months_off_or_the_level_is_set():
    """R1.6: level set by release − 6 months. New release 1 Aug 2027: 1 Feb 2027 is still ahead of 1 Jan
    (met). New release 1 May 2027: the level was due 1 Nov 2026, passed (missed) unless already set."""
    found = effect(
        moved(
            man(date(2027, 12, 1), mappa=Mappa.LEVEL_NOT_SET),
            man(date(2027, 8, 1), mappa=Mappa.LEVEL_NOT_SET),
        ),
        moved(
            man(date(2027, 12, 1), mappa=Mappa.LEVEL_NOT_SET),
            man(date(2027, 5, 1), mappa=Mappa.LEVEL_NOT_SET),
        ),
        moved(man(date(2027, 12, 1), mappa=Mappa.LEVEL_2), man(date(2027, 5, 1), mappa=Mappa.LEVEL_2)),
        moved(man(date(2027, 12, 1)), man(date(2027, 5, 1))),  # not a MAPPA case: not counted
    )
    assert (found.mappa_level_set.applies, found.mappa_level_set.met) == (3, 2)
    assert found.mappa_level_set.missed == 1


def test_approved_premises_needs_six_months_notice_or_an_application_made():
    """National Standards: applied by arrival − 6 months. A high-RoSH man brought to 1 Apr 2027 needed an
    application by 1 Oct 2026: missed unless one is made; one brought to 1 Oct 2027 still has time."""
    high = {"rosh": Rosh.HIGH}
    found = effect(
        moved(man(date(2027, 12, 1), **high), man(date(2027, 4, 1), **high)),
        moved(man(date(2027, 12, 1), **high), man(date(2027, 4, 1), **high), applied=True),
        moved(man(date(2027, 12, 1), **high), man(date(2027, 10, 1), **high)),
    )
    assert (found.approved_premises_application.applies, found.approved_premises_application.met) == (3, 2)


def test_the_com_is_in_time_if_allocated_or_the_moved_handover_is_still_ahead():
    found = effect(
        moved(
            man(date(2027, 12, 1), handover_on=date(2027, 4, 1)),
            man(date(2027, 9, 1), handover_on=date(2027, 1, 1)),
        ),
        moved(
            man(date(2027, 12, 1), handover_on=date(2027, 4, 1)),
            man(date(2027, 8, 1), handover_on=date(2026, 12, 1)),
        ),
        moved(
            man(date(2027, 12, 1), handover_on=date(2027, 4, 1)),
            man(date(2027, 8, 1), handover_on=date(2026, 12, 1)),
            com=True,
        ),
        moved(man(date(2027, 12, 1)), man(date(2027, 8, 1))),  # no handover in custody: not counted
    )
    assert (found.com_at_handover.applies, found.com_at_handover.met) == (3, 2)


def test_a_parole_case_is_planned_to_his_first_hearing():
    parole = Man(0, Route.PAROLE, released_by=date(2028, 1, 1), hearing_on=date(2027, 5, 1))
    assert planned_release(parole) == date(2027, 5, 1)


days = st.integers(min_value=-400, max_value=900)


@given(st.lists(st.tuples(days, days), max_size=30))
def test_a_man_is_counted_as_earlier_one_way_at_most(shifts):
    """Swapping the rules counts the men moved the other way: nobody is counted both ways."""
    men = [
        moved(man(AS_OF + timedelta(days=a)), man(AS_OF + timedelta(days=b)))
        for a, b in shifts
        if a >= 0 and b >= 0
    ]
    one_way, other_way = effect(*men), deadline_effect(swapped(men), as_of=AS_OF, horizon_end=HORIZON_END)
    assert one_way.earlier + other_way.earlier <= len(men)
    assert one_way.brought_in <= one_way.earlier
