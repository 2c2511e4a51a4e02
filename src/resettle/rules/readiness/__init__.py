"""Release readiness: a catalogue of declarative checks evaluated against one man's case.

    report = evaluate_case(case_from_json(data), date(2027, 1, 4))
    report.findings  # one Finding per check: done / due / overdue / not_applicable

Pure Python: the plans app builds a `Case` from the database and stores the findings.
"""

from .case import Case
from .check import Check, Finding, Severity, Status
from .checks import CATALOGUE
from .json_input import CaseInvalid, case_from_json
from .report import Report, evaluate_case, report_to_json
from .settings import DEFAULT_SETTINGS, ReadinessSettings

__all__ = [
    "CATALOGUE",
    "DEFAULT_SETTINGS",
    "Case",
    "CaseInvalid",
    "Check",
    "Finding",
    "ReadinessSettings",
    "Report",
    "Severity",
    "Status",
    "case_from_json",
    "evaluate_case",
    "report_to_json",
]
