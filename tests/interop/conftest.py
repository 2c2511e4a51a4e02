import json
from pathlib import Path

import pytest

from tests import factories
from tests.crd_fixtures import CRD_FIXTURES

CRDS_BOOKING = (
    CRD_FIXTURES
    / "overall_calculation"
    / "custom-examples"
    / "consecutive-sentences-one-hdced-one-without.json"
)


def prisoner(number="A1234BC", **fields) -> dict:
    """A Prisoner Search record, as few fields as a real one might have."""
    return {
        "prisonerNumber": number,
        "bookingId": "1200001",
        "bookNumber": "38412A",
        "firstName": "Rob",
        "lastName": "Ryan",
        "dateOfBirth": "1985-03-04",
        "status": "ACTIVE IN",
        "legalStatus": "SENTENCED",
        "prisonId": "MDI",
        "cellLocation": "A-1-002",
        "category": "C",
        "receptionDate": "2025-06-01",
        "sentenceStartDate": "2025-06-01",
        "conditionalReleaseDate": "2027-06-01",
        "sentenceExpiryDate": "2029-06-01",
        "licenceExpiryDate": "2029-06-01",
        **fields,
    }


def probation_block(number="A1234BC", **fields) -> dict:
    return {
        "prisonerNumber": number,
        "crn": "X123456",
        "comName": "Jane Probation",
        "comEmail": "jane.probation@justice.gov.uk",
        "comTeam": "Leeds North",
        "tier": "B2",
        "mappaCategory": 2,
        "mappaLevel": 1,
        "mappaReviewDate": "2026-12-01",
        "roshLevel": "HIGH",
        "roshDate": "2025-09-01",
        **fields,
    }


@pytest.fixture
def moorland():
    return factories.prison(code="MDI", name="HMP Moorland")


@pytest.fixture
def write(tmp_path):
    def write(name: str, content) -> Path:
        path = tmp_path / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif isinstance(content, str):
            path.write_text(content, encoding="utf-8")
        else:
            path.write_text(json.dumps(content), encoding="utf-8")
        return path

    return write
