"""The inspection measures (issue 12; rulebook §10) on hand-made populations whose figures are known,
empty denominators included ("no men": no value, never 0%)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from resettle.rules.inspection.facts import (
    Held,
    MappaGroup,
    OffenceGroup,
    Released,
    mappa_group,
    offence_group,
)
from resettle.rules.inspection.measures import BY_ID, CATALOGUE, Kind, behind, evaluate, measure
from resettle.rules.inspection.period import Period
from resettle.rules.inspection.targets import Rag, targets

YEAR = Period.twelve_months_to(date(2026, 11, 30))
SEXUAL, OTHER = OffenceGroup.SEXUAL, OffenceGroup.OTHER


def released(n=0, *, offence=OTHER, mappa=MappaGroup.NOT_MAPPA, on=date(2026, 6, 1), **facts):
    return Released(person_id=n, offence=offence, mappa=mappa, released_on=on, **facts)


def held(n=0, *, offence=OTHER, mappa=MappaGroup.NOT_MAPPA, **facts):
    return Held(person_id=n, offence=offence, mappa=mappa, **facts)


def test_the_twelve_months_to_a_day_include_both_ends():
    assert (YEAR.start, YEAR.end) == (date(2025, 12, 1), date(2026, 11, 30))
    assert Period.parse("2026-Q3", today=date(2026, 12, 3)) == Period(date(2026, 7, 1), date(2026, 9, 30))
    assert Period.parse("2026-02", today=date(2026, 12, 3)).end == date(2026, 2, 28)
    assert Period.parse("12m", today=date(2026, 12, 3)).end == date(2026, 12, 3)
    with pytest.raises(ValueError, match="period: 'last year' is not"):
        Period.parse("last year", today=date(2026, 12, 3))


def test_groups_put_a_sexual_offence_first_and_level_0_is_not_a_level():
    assert offence_group(sexual=True, violent=True) == OffenceGroup.SEXUAL
    assert offence_group(sexual=False, violent=True) == OffenceGroup.VIOLENT
    assert mappa_group(None, None) == MappaGroup.NOT_MAPPA
    assert mappa_group(1, 0) == mappa_group(2, None) == MappaGroup.LEVEL_NOT_SET
    assert mappa_group(1, 3) == MappaGroup.LEVEL_3


def test_a_share_counts_its_numerator_over_its_denominator_and_no_men_is_no_value():
    """From a resettlement prison for his area: 2 of the 3 with a release area (one has none)."""
    men = [
        released(1, from_resettlement_prison_for_area=True),
        released(2, from_resettlement_prison_for_area=True),
        released(3, from_resettlement_prison_for_area=False),
        released(4, from_resettlement_prison_for_area=None),
    ]
    figure = measure(BY_ID["released-from-resettlement-prison"], men, YEAR)
    assert (figure.numerator, figure.men, figure.value) == (2, 3, pytest.approx(2 / 3))
    empty = measure(BY_ID["released-from-resettlement-prison"], [], YEAR)
    assert (empty.men, empty.value) == (0, None)


def test_mappa_level_in_time_is_6_months_before_release_and_the_median_of_days():
    """Released 1 June 2026: set 1 Dec 2025 (6 months, in time, 182 days), 1 Mar 2026 (late, 92 days), never
    (late, no days). A man not under MAPPA is not counted."""
    on = date(2026, 6, 1)
    men = [
        released(1, mappa=MappaGroup.LEVEL_1, on=on, mappa_level_set_on=date(2025, 12, 1)),
        released(2, mappa=MappaGroup.LEVEL_2, on=on, mappa_level_set_on=date(2026, 3, 1)),
        released(3, mappa=MappaGroup.LEVEL_NOT_SET, on=on),
        released(4, on=on),
    ]
    in_time = measure(BY_ID["mappa-level-set-in-time"], men, YEAR)
    assert (in_time.numerator, in_time.men) == (1, 3)
    days = measure(BY_ID["mappa-level-days-before-release"], men, YEAR)
    assert (days.men, days.value) == (2, (182 + 92) / 2)


def test_accommodation_on_release_counts_every_category_and_housed_is_mi014():
    men = [
        released(1, accommodation_on_release="SETTLED"),
        released(2, accommodation_on_release="APPROVED_PREMISES"),
        released(3, accommodation_on_release="HOMELESS"),
        released(4, accommodation_on_release="ROUGH_SLEEPING"),
        released(5),  # not recorded
    ]
    spread = measure(BY_ID["accommodation-on-release"], men, YEAR)
    assert spread.men == 5 and spread.categories["UNKNOWN"] == 1 and spread.categories["OTHER_HOUSED"] == 0
    housed = measure(BY_ID["housed-on-release"], men, YEAR)
    assert (housed.numerator, housed.men) == (2, 5)  # the unrecorded man is not housed


def test_settled_at_3_months_asks_only_men_released_3_months_before_the_end():
    men = [
        released(1, on=date(2026, 8, 30), accommodation_at_3_months="SETTLED"),  # 3 months to 30 Nov: asked
        released(2, on=date(2026, 9, 1), accommodation_at_3_months="SETTLED"),  # too recent
        released(3, on=date(2026, 1, 5)),  # asked, not recorded
    ]
    figure = measure(BY_ID["settled-at-3-months"], men, YEAR)
    assert (figure.numerator, figure.men) == (1, 2)


def test_approved_premises_notice_by_the_cas1_thresholds():
    """Arrival 1 June 2026: applied 1 Nov 2025 (standard), 1 Feb (under 6 months), 10 May (22 days: short
    notice), 28 May (4 days: emergency)."""
    arrival = date(2026, 6, 1)
    men = [
        released(n, on=arrival, approved_premises_applied_on=applied, approved_premises_arrival_on=arrival)
        for n, applied in enumerate(
            [date(2025, 11, 1), date(2026, 2, 1), date(2026, 5, 10), date(2026, 5, 28)]
        )
    ] + [released(9)]
    figure = measure(BY_ID["approved-premises-notice"], men, YEAR)
    assert figure.men == 4
    assert figure.categories == {"standard": 1, "late": 1, "shortNotice": 1, "emergency": 1}


def test_held_under_mappa_reproduces_one_in_five_not():
    """Dartmoor 2017 (A3): 511 of 633 under MAPPA."""
    men = [held(n, mappa=MappaGroup.LEVEL_1) for n in range(511)] + [held(n) for n in range(511, 633)]
    figure = measure(BY_ID["under-mappa"], men, YEAR)
    assert (figure.numerator, figure.men) == (511, 633) and round(1 - figure.value, 3) == 0.193


def test_sexual_offence_not_mappa_counts_only_men_held_for_a_sexual_offence():
    men = [
        held(1, offence=SEXUAL, sexual_offence=True, mappa=MappaGroup.LEVEL_1),
        held(2, offence=SEXUAL, sexual_offence=True),
        held(3),
    ]
    figure = measure(BY_ID["sexual-offence-not-mappa"], men, YEAR)
    assert (figure.numerator, figure.men) == (1, 2)
    assert targets()["sexual-offence-not-mappa"].rag(figure.value) == Rag.RED
    assert targets()["sexual-offence-not-mappa"].rag(0.0) == Rag.GREEN


def test_handover_measures_count_men_past_their_date_and_overdue_after_two_days():
    end = YEAR.end
    men = [
        held(1, handover_on=end - timedelta(days=10), com_allocated=True),
        held(2, handover_on=end - timedelta(days=10)),  # overdue
        held(3, handover_on=end - timedelta(days=2)),  # due, within the 2 days' grace
        held(4, handover_on=end + timedelta(days=30)),  # not yet due
        held(5),
    ]
    by_handover = measure(BY_ID["com-allocated-by-handover"], men, YEAR)
    assert (by_handover.numerator, by_handover.men) == (1, 3)
    assert measure(BY_ID["overdue-handovers"], men, YEAR).value == 1
    assert [m.person_id for m in behind(BY_ID["overdue-handovers"], men, YEAR)] == [2]


def test_out_of_area_asks_men_within_12_weeks_with_an_area():
    end = YEAR.end
    men = [
        held(1, earliest_release=end + timedelta(days=30), in_resettlement_prison_for_area=False),
        held(2, earliest_release=end + timedelta(days=84), in_resettlement_prison_for_area=True),
        held(3, earliest_release=end + timedelta(days=85), in_resettlement_prison_for_area=False),  # too far
        held(4, earliest_release=end + timedelta(days=30), in_resettlement_prison_for_area=None),  # no area
    ]
    figure = measure(BY_ID["held-out-of-area-at-12-weeks"], men, YEAR)
    assert (figure.numerator, figure.men) == (1, 2)


def test_men_maintaining_innocence_by_offer_and_outcome():
    men = [
        held(1, maintains_innocence=True, intervention_outcome="Completed"),
        held(2, maintains_innocence=True, intervention_outcome=""),
        held(3, maintains_innocence=True),
        held(4, intervention_outcome="accepted"),  # not maintaining innocence: not counted
    ]
    offered = measure(BY_ID["maintaining-innocence-offered"], men, YEAR)
    assert (offered.numerator, offered.men) == (2, 3)
    outcomes = measure(BY_ID["maintaining-innocence-outcomes"], men, YEAR)
    assert outcomes.categories == {"completed": 1, "accepted": 0, "declined": 0, "open": 1, "none": 1}
    assert [m.person_id for m in behind(BY_ID["maintaining-innocence-outcomes"], men, YEAR, "none")] == [3]


def test_the_splits_add_up_to_the_whole():
    men = [
        released(1, offence=SEXUAL, mappa=MappaGroup.LEVEL_2, day_one_appointment=True),
        released(2, offence=SEXUAL, mappa=MappaGroup.LEVEL_1),
        released(3, day_one_appointment=True),
    ]
    result = evaluate(BY_ID["day-one-appointment"], men, YEAR)
    assert (result.all.numerator, result.all.men) == (2, 3)
    assert (result.by_offence["sexual"].numerator, result.by_offence["sexual"].men) == (1, 2)
    assert result.by_offence["violent"].value is None  # no men
    assert sum(f.men for f in result.by_mappa.values()) == 3


@given(st.lists(st.booleans() | st.none(), max_size=40))
def test_a_share_is_between_0_and_1_and_its_numerator_within_its_denominator(flags):
    men = [released(n, from_resettlement_prison_for_area=flag) for n, flag in enumerate(flags)]
    figure = measure(BY_ID["released-from-resettlement-prison"], men, YEAR)
    assert 0 <= figure.numerator <= figure.men == sum(flag is not None for flag in flags)
    assert figure.value is None if not figure.men else 0 <= figure.value <= 1


def test_every_measure_says_what_it_counts_and_where_it_comes_from_and_ids_are_unique():
    assert len(BY_ID) == len(CATALOGUE)
    for metric in CATALOGUE:
        assert metric.title and metric.definition and metric.source and metric.denominator
        assert (metric.kind == Kind.SHARE) == bool(metric.numerator)
        assert (metric.kind == Kind.DISTRIBUTION) == bool(metric.categories)
    assert set(targets()) <= {m.id for m in CATALOGUE if m.kind == Kind.SHARE}
