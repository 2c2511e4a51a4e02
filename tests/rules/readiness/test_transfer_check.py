"""The transfer check (rulebook §4.1, §9 #19; issue 10): a man held out of his release area must arrive at
a resettlement prison for it by release − 12 weeks, by a move someone has agreed."""

from datetime import date

from resettle.rules.readiness import Status, evaluate_case
from resettle.rules.readiness.case import PlannedTransfer, PlannedTransferStatus

from .builders import BASE, with_

DUE = date(2027, 3, 9)  # 84 days before his CRD of 1 June 2027


def finding(case, as_of):
    return next(f for f in evaluate_case(case, as_of).findings if f.check == "transferred-by-12-weeks")


def moved(arrives_on, status=PlannedTransferStatus.ACCEPTED):
    return with_(BASE, plan__planned_transfer=PlannedTransfer("EXI", arrives_on, status))


def test_overdue_once_release_minus_12_weeks_passes_with_no_agreed_move():
    result = finding(BASE, date(2027, 3, 10))
    assert (result.status, result.due_date, result.overdue_days) == (Status.OVERDUE, DUE, 1)


def test_an_accepted_move_that_arrives_in_time_satisfies_it():
    assert finding(moved(date(2027, 3, 1)), date(2027, 3, 5)).status == Status.DONE


def test_an_accepted_move_arriving_after_the_deadline_does_not():
    result = finding(moved(date(2027, 3, 15)), date(2027, 3, 10))
    assert result.status == Status.OVERDUE and "after the deadline" in result.reason


def test_a_man_in_a_resettlement_prison_for_his_area_or_with_an_in_reach_plan_is_not_asked():
    in_area = with_(BASE, person__in_resettlement_prison_for_release_area=True)
    in_reach = with_(BASE, plan__in_reach_plan_on=date(2027, 1, 2))
    assert finding(in_area, date(2027, 1, 4)).status == Status.NOT_APPLICABLE
    assert finding(in_reach, date(2027, 1, 4)).status == Status.NOT_APPLICABLE


def test_an_agreed_move_whose_week_has_passed_uncompleted_no_longer_counts():
    result = finding(moved(date(2027, 2, 1)), date(2027, 2, 20))
    assert result.status == Status.DUE and "not recorded as completed" in result.reason
    done = moved(date(2027, 2, 1), PlannedTransferStatus.COMPLETED)
    assert finding(done, date(2027, 2, 20)).status == Status.DONE
