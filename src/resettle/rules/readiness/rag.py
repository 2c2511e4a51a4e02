"""A man's readiness as red, amber or green: the rating the caseload, the dashboard and the worklists show.

Red when any step is overdue; amber when a step not yet done falls due within the "due soon" window of the
readiness numbers in force (rules.readiness.settings); else green.
"""

from collections.abc import Iterable
from datetime import date
from enum import StrEnum

from .check import Finding, Status
from .settings import ReadinessSettings


class Rag(StrEnum):
    RED = "RED"
    AMBER = "AMBER"
    GREEN = "GREEN"


def rag(findings: Iterable[Finding], *, as_of: date, settings: ReadinessSettings) -> Rag:
    findings = list(findings)
    if any(finding.status == Status.OVERDUE for finding in findings):
        return Rag.RED
    soon = as_of + settings.due_soon
    if any(finding.status == Status.DUE and finding.due_date <= soon for finding in findings):
        return Rag.AMBER
    return Rag.GREEN
