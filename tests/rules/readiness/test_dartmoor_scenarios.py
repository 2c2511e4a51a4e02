"""The Dartmoor 2017 failures (rulebook §A), as scenario files in docs/examples, each caught by a check."""

import json
from datetime import date
from pathlib import Path

from resettle.rules.readiness import Status, case_from_json, evaluate_case

EXAMPLES = Path(__file__).parents[3] / "docs" / "examples"
CRD = date(2027, 6, 1)


def report(name: str, as_of: date):
    return evaluate_case(case_from_json(json.loads((EXAMPLES / name).read_text())), as_of)


def test_registered_sex_offender_5_months_before_release_without_mappa_level_is_overdue():
    result = report("dartmoor-rso-no-mappa-level.json", date(2027, 1, 1))
    assert result.mappa.category == 1
    finding = result.finding("mappa-level-set")
    assert (finding.status, finding.due_date, finding.overdue_days) == (Status.OVERDUE, date(2026, 12, 1), 31)


def test_man_10_weeks_from_release_out_of_area_without_in_reach_plan_is_overdue_for_transfer():
    ten_weeks_before = date(2027, 3, 23)
    finding = report("dartmoor-out-of-area-no-in-reach.json", ten_weeks_before).finding(
        "resettlement-prison-or-in-reach"
    )
    assert (finding.status, finding.due_date, finding.overdue_days) == (Status.OVERDUE, date(2027, 3, 9), 14)
    assert "no transfer requested and no in-reach plan" in finding.reason


def test_high_rosh_without_approved_premises_application_at_5_months_is_overdue():
    finding = report("dartmoor-high-rosh-no-ap-application.json", date(2027, 1, 1)).finding(
        "approved-premises-application"
    )
    assert (finding.status, finding.due_date) == (Status.OVERDUE, date(2026, 12, 1))


def test_released_homeless_shows_in_the_accommodation_outcome():
    result = report("dartmoor-released-homeless.json", date(2027, 6, 10))
    outcome = result.finding("accommodation-outcome-recorded")
    assert outcome.status == Status.DONE
    assert "homeless, not rough sleeping (not housed under MI014)" in outcome.reason
    # Missed, not overdue: he left without it, and it can no longer be done (issue 18 item 4).
    first_night = result.finding("first-night-accommodation")
    assert (first_night.status, first_night.severity) == (Status.NOT_APPLICABLE, "BLOCKER")
    assert "he was released on" in first_night.reason and "not recorded as done" in first_night.reason
    assert "weekly" in result.finding("rso-initial-notification").reason
