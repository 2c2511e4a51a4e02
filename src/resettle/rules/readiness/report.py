"""Evaluating a case: one Finding per check, plus the derived values a page shows beside them."""

from dataclasses import dataclass
from datetime import date

from ..explained import ExplainedDate
from ..handover import Handover
from ..protection import HdcExclusion, MappaCategoryResult, NotificationPeriod, initial_notification_due
from .case import Case
from .check import Check, Finding, evaluate
from .checks import CATALOGUE
from .facts import Facts
from .settings import ReadinessSettings, settings_in_force


@dataclass(frozen=True)
class Report:
    as_of: date
    findings: tuple[Finding, ...]
    earliest_release: ExplainedDate | None
    expected_release: ExplainedDate | None
    handover: Handover
    mappa: MappaCategoryResult
    notification_period: NotificationPeriod | None
    initial_notification_due: ExplainedDate | None
    hdc: HdcExclusion

    def finding(self, check_id: str) -> Finding:
        return next(finding for finding in self.findings if finding.check == check_id)


def evaluate_case(
    case: Case,
    as_of: date,
    *,
    settings: ReadinessSettings | None = None,
    checks: tuple[Check, ...] = CATALOGUE,
) -> Report:
    """Every check of `checks` on `case` as of a day, under the readiness numbers in force that day unless
    `settings` says otherwise."""
    facts = Facts.of(case, as_of=as_of, settings=settings or settings_in_force(as_of))
    notify = (
        initial_notification_due(facts.expected_release.on)
        if facts.subject_to_notification and facts.expected_release
        else None
    )
    return Report(
        as_of=as_of,
        findings=tuple(evaluate(check, facts) for check in checks),
        earliest_release=facts.earliest_release,
        expected_release=facts.expected_release,
        handover=facts.handover,
        mappa=facts.mappa,
        notification_period=facts.notification_period,
        initial_notification_due=notify,
        hdc=facts.hdc,
    )


def report_to_json(report: Report) -> dict:
    """The JSON shape `resettle readiness --json` prints (documented in docs/readiness.md)."""
    handover = report.handover
    period = report.notification_period
    return {
        "as_of": report.as_of.isoformat(),
        "derived": {
            "earliest_release": _explained(report.earliest_release),
            "expected_release": _explained(report.expected_release),
            "handover": {
                "handover_date": _iso(handover.handover_date),
                "start_date": _iso(handover.start_date),
                "responsibility": str(handover.responsibility),
                "reason": handover.reason,
                "rules": handover.rules.name,
                "because": list(handover.because),
            },
            "mappa_category": {"category": report.mappa.category, "because": list(report.mappa.because)},
            "notification_period": (
                {"period": period.describe(), "years": period.years, "because": list(period.because)}
                if period
                else None
            ),
            "initial_notification_due": _explained(report.initial_notification_due),
            "hdc": {"status": str(report.hdc.status), "because": list(report.hdc.because)},
        },
        "findings": [
            {
                "check": finding.check,
                "title": finding.title,
                "status": str(finding.status),
                "due_date": _iso(finding.due_date),
                "overdue_days": finding.overdue_days,
                "severity": str(finding.severity),
                "reason": finding.reason,
                "source": finding.source,
            }
            for finding in report.findings
        ],
    }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _explained(explained: ExplainedDate | None) -> dict | None:
    if explained is None:
        return None
    return {"date": explained.on.isoformat(), "kind": explained.kind, "because": list(explained.because)}
