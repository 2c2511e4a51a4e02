"""Each man's projection route from his dates (issue 11): the same choice rules.release makes."""

from datetime import date

from resettle.projections.facts import RECORDED, man_of
from resettle.rules.projection.cohort import Mappa, Rosh, Route

AS_OF = date(2027, 1, 1)


def route(**dates):
    full = dict.fromkeys(RECORDED) | dates
    return man_of(0, full, rosh=Rosh.LOW, mappa=Mappa.NOT_MAPPA, sexual=False, handover_on=None, as_of=AS_OF)


def test_crd_only_is_automatic_and_an_hdced_before_it_is_kept():
    man = route(CRD=date(2027, 6, 1), HDCED=date(2027, 3, 1))
    assert man.route == Route.AUTOMATIC and man.hdced == date(2027, 3, 1)
    assert route(CRD=date(2027, 6, 1), HDCED=date(2027, 7, 1)).hdced is None


def test_a_ped_before_the_crd_is_a_parole_case_with_the_crd_as_backstop():
    man = route(CRD=date(2029, 1, 1), PED=date(2027, 6, 1))
    assert (man.route, man.hearing_on, man.released_by) == (Route.PAROLE, date(2027, 6, 1), date(2029, 1, 1))


def test_a_prrd_is_a_recall_the_com_holds():
    man = route(PRRD=date(2027, 2, 1))
    assert man.route == Route.RECALLED and man.com_from_start


def test_tariff_ahead_is_the_first_hearing_else_the_next_target_hearing():
    assert route(TED=date(2028, 1, 1)).hearing_on == date(2028, 1, 1)
    man = route(TED=date(2020, 1, 1), THD=date(2027, 9, 1))
    assert (man.route, man.hearing_on) == (Route.INDETERMINATE, date(2027, 9, 1))


def test_no_dates_is_undated():
    assert route().route == Route.UNDATED
