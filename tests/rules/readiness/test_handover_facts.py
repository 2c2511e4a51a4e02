"""The handover and release dates readiness derives from a case (rules/readiness/facts.py), for the parity
cases of issue 17: Manage POM Cases' handover (rulebook §3.1; anchors §1) and the prison record's naming."""

from datetime import date

from resettle.rules.handover import Responsibility
from resettle.rules.readiness import DEFAULT_SETTINGS
from resettle.rules.readiness.case import KeyDates, LegalStatus, SentenceKind
from resettle.rules.readiness.facts import Facts

from .builders import BASE, with_

AS_OF = date(2027, 1, 4)


def facts(case, as_of=AS_OF):
    return Facts.of(case, as_of=as_of, settings=DEFAULT_SETTINGS)


# Item 4: anchors §1, MPC's is_determinate_parole is parole_eligibility_date.present?. Release is planned to
# the CRD once the PED has passed, but the case stays a parole case and the COM keeps it.
def test_a_passed_ped_plans_release_to_the_crd_but_leaves_the_com_responsible():
    case = with_(
        BASE, dates__recorded=KeyDates(ssd=date(2021, 5, 20), ped=date(2026, 6, 1), crd=date(2029, 6, 1))
    )
    derived = facts(case)
    assert (derived.earliest_release.kind, derived.earliest_release.on) == ("CRD", date(2029, 6, 1))
    assert derived.handover.reason == "determinate_parole"
    assert derived.handover.handover_date == date(2025, 6, 1)
    assert derived.handover.responsibility == Responsibility.COMMUNITY


def test_the_day_before_the_ped_passes_the_handover_is_the_same():
    case = with_(
        BASE, dates__recorded=KeyDates(ssd=date(2021, 5, 20), ped=date(2027, 1, 4), crd=date(2029, 6, 1))
    )
    on_the_day, after = facts(case, date(2027, 1, 4)), facts(case, date(2027, 1, 5))
    assert (on_the_day.earliest_release.kind, after.earliest_release.kind) == ("PED", "CRD")
    assert on_the_day.handover.handover_date == after.handover.handover_date == date(2026, 1, 4)
    assert on_the_day.handover.responsibility == after.handover.responsibility == Responsibility.COMMUNITY


# Items 2 and 3: rulebook §3.1 "a COM supports from arrival in open prison (men) or from the category change
# (women)"; anchors §1 "Handover start date".
LIFER = {
    "offending__sentence_kind": SentenceKind.LIFE,
    "person__legal_status": LegalStatus.INDETERMINATE_SENTENCE,
    "dates__recorded": KeyDates(ted=date(2028, 3, 1)),
}


def test_a_woman_moved_to_open_conditions_has_a_com_supporting_from_her_category_change():
    case = with_(
        BASE,
        person__womens_estate=True,
        person__in_open_conditions=True,
        person__moved_to_open_conditions_on=date(2026, 11, 2),
        **LIFER,
    )
    handover = facts(case).handover
    assert (handover.reason, handover.start_date) == ("indeterminate_open", date(2026, 11, 2))
    assert handover.responsibility == Responsibility.CUSTODY_WITH_COM


def test_a_man_in_open_conditions_before_the_open_prison_rules_keeps_the_handover_date_as_start():
    case = with_(
        BASE,
        person__in_open_conditions=True,
        person__moved_to_open_conditions_on=date(2021, 3, 1),
        **LIFER,
    )
    handover = facts(case).handover
    assert (handover.reason, handover.start_date) == ("indeterminate_open", date(2027, 3, 1))
    assert handover.responsibility == Responsibility.CUSTODY_ONLY


# Item 6: the prison record names a release on a day that is both CRD and ARD "ARD" (anchors §4).
def test_crd_and_ard_on_the_same_day_are_named_ard_for_both_release_dates():
    same = date(2027, 6, 1)
    derived = facts(with_(BASE, dates__recorded=KeyDates(crd=same, ard=same)))
    assert (derived.earliest_release.kind, derived.expected_release.kind) == ("ARD", "ARD")
    assert derived.earliest_release.on == derived.expected_release.on == same
