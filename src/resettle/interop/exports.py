"""What the exports contain: a caseload or a worklist as CSV rows, a man's whole record as a dict."""

import csv
from collections.abc import Iterable

from resettle.audit.subject_access import everything_held_about
from resettle.people.models import Person
from resettle.plans.selectors import WorklistRow

# A cell starting with one of these is run as a formula by spreadsheet programs: a name typed as
# =HYPERLINK(...) in the source system must arrive as text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

CASELOAD_COLUMNS = (
    "Prison number",
    "Surname",
    "First name",
    "Date of birth",
    "Status",
    "Earliest release date",
    "Release type",
    "Cell",
    "RoSH",
    "Tier",
    "MAPPA category",
    "MAPPA level",
    "POM",
    "COM",
)
WORKLIST_COLUMNS = (
    "Prison number",
    "Surname",
    "First name",
    "Step",
    "Status",
    "Due on",
    "Days overdue",
    "Severity",
    "Reason",
    "POM",
)


def cell(value) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def write_rows(out, columns: Iterable[str], rows: Iterable[Iterable]) -> None:
    writer = csv.writer(out)
    writer.writerow(columns)
    writer.writerows([cell(value) for value in row] for row in rows)


def caseload_rows(people: Iterable[Person]) -> Iterable[list]:
    for man in people:
        risk = getattr(man, "risk", None)
        yield [
            man.prison_number,
            man.last_name,
            man.first_name,
            man.date_of_birth,
            man.get_status_display(),
            man.earliest_release_date,
            man.earliest_release_type,
            man.cell_location,
            risk.get_rosh_level_display() if risk else "",
            risk.tier if risk else "",
            risk.mappa_category if risk else "",
            risk.mappa_level if risk else "",
            man.pom_name,
            man.com_name,
        ]


def worklist_rows(rows: Iterable[WorklistRow]) -> Iterable[list]:
    for row in rows:
        finding, man = row.finding, row.finding.person
        yield [
            man.prison_number,
            man.last_name,
            man.first_name,
            row.title,
            finding.status,
            finding.due_on,
            max(row.days, 0),
            finding.severity,
            finding.reason,
            finding.pom_name,
        ]


def person_record(person: Person) -> dict:
    """Every row held about him, found as the subject access export finds them; without the audit trail,
    which is for an administrator's subject access export, not for case work."""
    record = everything_held_about(person)
    del record["audit_trail"]
    return record
