"""The RAG rating (rules/readiness/rag.py): red if anything is overdue, amber if something falls due within
the "due soon" window (4 weeks in the readiness numbers of issue 5), else green."""

from datetime import date

from resettle.rules.readiness.check import ALERT, Finding, Status
from resettle.rules.readiness.rag import Rag, rag
from resettle.rules.readiness.settings import DEFAULT_SETTINGS

AS_OF = date(2026, 12, 1)


def step(status: Status, due: date | None) -> Finding:
    return Finding("a-check", "A check", status, due, None, ALERT, "", "")


def rating(*findings: Finding) -> Rag:
    return rag(findings, as_of=AS_OF, settings=DEFAULT_SETTINGS)


def test_anything_overdue_is_red_whatever_else_is_due():
    assert rating(step(Status.OVERDUE, date(2026, 11, 1)), step(Status.DONE, date(2026, 10, 1))) == Rag.RED


def test_a_step_due_within_4_weeks_is_amber():
    # 1 December + 28 days = 29 December: due that day is still "due soon", the day after is not.
    assert rating(step(Status.DUE, date(2026, 12, 29))) == Rag.AMBER
    assert rating(step(Status.DUE, date(2026, 12, 30))) == Rag.GREEN


def test_done_and_not_applicable_steps_leave_him_green():
    assert rating(step(Status.DONE, date(2026, 12, 2)), step(Status.NOT_APPLICABLE, None)) == Rag.GREEN
