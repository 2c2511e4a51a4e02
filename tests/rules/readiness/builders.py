"""A plain adult man serving a determinate sentence, with nothing yet done, and a way to change any field."""

import dataclasses
from datetime import date

from resettle.rules.readiness.case import Case, Dates, KeyDates, Offending, Person

CRD = date(2027, 6, 1)
RECEIVED = date(2021, 6, 2)

BASE = Case(
    person=Person(
        prison_number="A1234BC", date_of_birth=date(1971, 3, 14), received_on=RECEIVED, current_prison="DAI"
    ),
    offending=Offending(convicted_on=date(2021, 5, 20), custodial_term_months=84),
    dates=Dates(recorded=KeyDates(ssd=date(2021, 5, 20), crd=CRD, sled=date(2028, 5, 19))),
)


def with_(case: Case = BASE, **changes) -> Case:
    """with_(risk__mappa__level=2): replace a nested field, creating absent records is the caller's job."""
    for path, value in changes.items():
        case = _replace(case, path.split("__"), value)
    return case


def _replace(record, names, value):
    head, *rest = names
    return dataclasses.replace(
        record, **{head: _replace(getattr(record, head), rest, value) if rest else value}
    )
