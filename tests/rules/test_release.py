"""Earliest release date: which key date Resettle plans a release to (rules/release.py).

Source: Manage POM Cases `calculate_earliest_release` (rulebook §3.1, anchors §1 "Earliest release date
used for handover"), with Resettle's one deliberate difference: a PED already passed falls back to CRD/ARD.
"""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from resettle.rules.explained import ExplainedDate
from resettle.rules.release import (
    COMPARED_DATES,
    DateDisagreement,
    KeyDates,
    date_disagreements,
    earliest_release,
    is_release_date,
    release_to_check,
)

TODAY = date(2026, 11, 27)


def erd(indeterminate=False, recalled=False, **dates):
    return earliest_release(KeyDates(**dates), indeterminate=indeterminate, recalled=recalled, today=TODAY)


def test_determinate_without_parole_uses_the_earlier_of_crd_and_ard():
    result = erd(crd=date(2027, 5, 1), ard=date(2027, 4, 1))
    assert (result.kind, result.on) == ("ARD", date(2027, 4, 1))


def test_parole_eligible_determinate_uses_the_ped():
    result = erd(crd=date(2028, 5, 1), ped=date(2027, 2, 1))
    assert (result.kind, result.on) == ("PED", date(2027, 2, 1))
    assert "Parole eligible" in result.because[0]


def test_ped_already_passed_falls_back_to_the_automatic_release_date():
    result = erd(crd=date(2027, 5, 1), ped=date(2026, 1, 1))
    assert (result.kind, result.on) == ("CRD", date(2027, 5, 1))
    assert "has passed" in result.because[0]


def test_recall_uses_the_post_recall_release_date():
    result = erd(recalled=True, crd=date(2025, 5, 1), prrd=date(2027, 1, 10))
    assert (result.kind, result.on) == ("PRRD", date(2027, 1, 10))


def test_indeterminate_prefers_a_future_tariff_expiry_date_over_the_hearing():
    result = erd(indeterminate=True, ted=date(2028, 1, 1), thd=date(2027, 6, 1))
    assert result.kind == "TED"


def test_indeterminate_past_tariff_uses_a_future_target_hearing_date():
    result = erd(indeterminate=True, ted=date(2020, 1, 1), thd=date(2027, 6, 1))
    assert result.kind == "THD"


def test_indeterminate_with_both_dates_past_takes_the_nearer_to_today():
    result = erd(indeterminate=True, ted=date(2020, 1, 1), thd=date(2026, 10, 1))
    assert (result.kind, result.on) == ("THD", date(2026, 10, 1))


def test_no_known_date_gives_no_earliest_release():
    assert erd() is None
    assert erd(indeterminate=True) is None


optional_day = st.one_of(st.none(), st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31)))


@given(crd=optional_day, ard=optional_day, ped=optional_day)
def test_determinate_release_is_never_after_crd_or_ard(crd, ard, ped):
    result = erd(crd=crd, ard=ard, ped=ped)
    automatic = [d for d in (crd, ard) if d]
    if result is None:
        assert not automatic and (ped is None or ped < TODAY)
    else:
        assert all(result.on <= d for d in automatic) or result.kind == "PED"
        assert result.because, "every earliest release date explains itself"


@given(ped=st.dates(min_value=TODAY, max_value=date(2060, 1, 1)), gap=st.integers(1, 5000))
def test_a_future_ped_always_comes_before_automatic_release(ped, gap):
    assert erd(ped=ped, crd=ped + timedelta(days=gap)).kind == "PED"


# Issue 17 item 5. MPC takes the TED or THD only "if in the future" (Rails' future?, strictly after today;
# anchors §1 "Earliest release date used for handover"): a date falling today has been reached.
def test_a_ted_falling_today_has_been_reached_so_a_future_hearing_is_the_target():
    result = erd(indeterminate=True, ted=TODAY, thd=TODAY + timedelta(days=90))
    assert (result.kind, result.on) == ("THD", TODAY + timedelta(days=90))
    tomorrow = erd(indeterminate=True, ted=TODAY + timedelta(days=1), thd=TODAY + timedelta(days=90))
    assert tomorrow.kind == "TED"


def test_a_thd_falling_today_is_not_in_the_future():
    result = erd(indeterminate=True, ted=TODAY - timedelta(days=400), thd=TODAY)
    assert (result.kind, result.on) == ("THD", TODAY)
    assert "has been reached" in result.because[0]
    ahead = erd(indeterminate=True, ted=TODAY - timedelta(days=400), thd=TODAY + timedelta(days=1))
    assert "next parole hearing" in ahead.because[0]


def test_a_ped_is_his_earliest_release_on_the_day_itself_and_passed_the_day_after():
    crd = date(2028, 1, 1)
    assert erd(crd=crd, ped=TODAY).kind == "PED"
    assert erd(crd=crd, ped=TODAY - timedelta(days=1)).kind == "CRD"


# Item 6: the prison record names a release on the same day as both CRD and ARD "ARD" (Prisoner Search
# nonDtoReleaseDateType, anchors §4).
def test_crd_and_ard_on_the_same_day_is_named_ard():
    same = date(2027, 5, 1)
    result = erd(crd=same, ard=same)
    assert (result.kind, result.on) == ("ARD", same)
    assert erd(crd=same, ard=same + timedelta(days=1)).kind == "CRD"


@given(ted=optional_day, thd=optional_day)
def test_an_indeterminate_target_is_after_today_whenever_a_date_after_today_is_known(ted, thd):
    """Item 5 as a property: if the TED or THD lies after today, the target does too (anchors §1)."""
    result = erd(indeterminate=True, ted=ted, thd=thd)
    if any(day and day > TODAY for day in (ted, thd)):
        assert result.on > TODAY
    elif ted or thd:
        assert result.on <= TODAY


@given(day=st.dates(min_value=date(2000, 1, 1), max_value=date(2060, 12, 31)))
def test_naming_a_crd_and_ard_of_the_same_day_never_moves_the_date(day):
    """Item 6: only the name changes where CRD and ARD coincide; the date is the same either way."""
    both, crd_only = erd(crd=day, ard=day), erd(crd=day)
    assert (both.kind, both.on) == ("ARD", crd_only.on)


# "Recorded and calculated dates disagree" (rules/release.py `date_disagreements`): one rule over one set of
# dates, read by the release-dates-agree readiness check and by the calculation shown on a man's page.


def test_dates_disagree_where_the_record_and_the_calculation_give_one_date_two_days():
    found = date_disagreements(
        {"CRD": date(2027, 6, 1), "HDCED": date(2027, 1, 17)},
        {"CRD": date(2027, 5, 1), "HDCED": date(2027, 1, 17)},
    )
    assert found == (DateDisagreement("CRD", date(2027, 5, 1), (("CRD", date(2027, 6, 1)),)),)


def test_a_date_only_one_side_has_is_not_a_disagreement():
    # The engine calculates no TED; a record may lack the HDCED the engine finds.
    assert date_disagreements({"TED": date(2030, 1, 1)}, {"HDCED": date(2027, 1, 17)}) == ()


def test_a_calculated_sled_is_compared_with_the_recorded_sed_and_led():
    found = date_disagreements(
        {"SED": date(2027, 2, 28), "LED": date(2027, 3, 1)}, {"SLED": date(2027, 2, 28)}
    )
    assert found == (DateDisagreement("SLED", date(2027, 2, 28), (("LED", date(2027, 3, 1)),)),)


def test_dates_resettle_does_not_calculate_are_never_compared():
    # SSD, THD and APD come from the court, the Parole Board and the prison, not from the engine.
    assert "SSD" not in COMPARED_DATES and "THD" not in COMPARED_DATES and "APD" not in COMPARED_DATES
    assert date_disagreements({"SSD": date(2021, 5, 20)}, {"SSD": date(2021, 5, 21)}) == ()


def test_disagreements_come_in_crds_order():
    recorded = KeyDates(crd=date(2027, 6, 1), sled=date(2029, 1, 1), hdced=date(2027, 1, 1))
    calculated = KeyDates(crd=date(2027, 5, 1), sled=date(2029, 2, 1), hdced=date(2027, 2, 1))
    found = date_disagreements(recorded.by_type(), calculated.by_type())
    assert [d.kind for d in found] == ["SLED", "CRD", "HDCED"]


def test_key_dates_by_type_names_each_known_date_as_crds_does():
    assert KeyDates(crd=date(2027, 5, 1), ersed=date(2026, 11, 1)).by_type() == {
        "CRD": date(2027, 5, 1),
        "ERSED": date(2026, 11, 1),
    }


# Issue 18 item 4: a status that agrees with itself. Automatic release (CRD, ARD; PRRD after recall) happens
# on the day (rulebook §6), so a man the prison still holds after it is a record to check, not a man who
# "was released automatically" while shown in custody.


def test_an_automatic_release_date_ahead_says_he_will_be_released_then():
    explained = earliest_release(
        KeyDates(crd=date(2027, 3, 1)), indeterminate=False, recalled=False, today=TODAY
    )
    assert explained.because == ("Released automatically at the CRD, 1 March 2027",)
    assert release_to_check(explained, today=TODAY) is None


def test_an_automatic_release_date_passed_in_custody_is_a_record_to_check_not_a_release():
    explained = earliest_release(
        KeyDates(crd=date(2026, 11, 10)), indeterminate=False, recalled=False, today=TODAY
    )
    assert not any(reason.startswith("Released") for reason in explained.because)
    assert explained.because == ("Automatic release was due at the CRD, 10 November 2026",)
    assert release_to_check(explained, today=TODAY) == (
        "His CRD, 10 November 2026, has passed but the prison still records him in custody. Check with "
        "the prison whether he has been released, or whether his release date has changed."
    )


def test_a_post_recall_release_date_passed_in_custody_is_a_record_to_check():
    explained = earliest_release(
        KeyDates(prrd=date(2026, 10, 1)), indeterminate=False, recalled=True, today=TODAY
    )
    assert release_to_check(explained, today=TODAY).startswith("His PRRD, 1 October 2026, has passed")


def test_an_automatic_release_due_today_is_not_yet_a_record_to_check():
    explained = earliest_release(KeyDates(ard=TODAY), indeterminate=False, recalled=False, today=TODAY)
    assert release_to_check(explained, today=TODAY) is None


def test_a_parole_date_passed_is_not_an_automatic_release_to_check():
    """A PED, TED or THD passed means the Parole Board has not (yet) directed release: nothing disagrees."""
    for kind in ("PED", "TED", "THD"):
        assert release_to_check(ExplainedDate(kind, date(2026, 1, 1), ()), today=TODAY) is None
    assert release_to_check(None, today=TODAY) is None


def test_a_tariff_expiry_or_target_hearing_date_is_not_a_release_date():
    """An indeterminate sentence is released only when the Parole Board directs it (then at the APD): the
    TED and THD he is planned to (rulebook §3.1) are when the Board may consider release, not release dates."""
    assert not is_release_date("TED") and not is_release_date("THD")
    assert all(is_release_date(kind) for kind in ("CRD", "ARD", "PED", "PRRD", "APD", "CONFIRMED"))
