"""`resettle readiness`: a scenario file in, findings out, no database (pytest-django would refuse one)."""

import json
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from resettle.rules.readiness import CATALOGUE

EXAMPLE = Path(__file__).parents[3] / "docs" / "examples" / "dartmoor-rso-no-mappa-level.json"


def run(*args) -> str:
    out = StringIO()
    call_command("readiness", *args, stdout=out)
    return out.getvalue()


def test_valid_file_prints_findings_and_derived_values_as_json():
    report = json.loads(run("--input", str(EXAMPLE), "--as-of", "2027-01-01", "--json"))
    findings = {finding["check"]: finding for finding in report["findings"]}
    assert len(findings) == len(CATALOGUE)
    assert {"check", "title", "status", "due_date", "severity", "reason"} <= set(findings["mappa-level-set"])
    assert findings["mappa-level-set"]["status"] == "overdue"
    assert findings["mappa-level-set"]["due_date"] == "2026-12-01"
    derived = report["derived"]
    assert derived["earliest_release"]["date"] == "2027-06-01"
    assert derived["handover"]["responsibility"] == "Community"
    assert derived["mappa_category"]["category"] == 1
    assert derived["notification_period"]["period"] == "indefinite"
    # A registered sex offender is excluded by statute before any HDC date is looked at (issue 17 item 7).
    assert derived["hdc"]["status"] == "EXCLUDED"


def test_list_checks_prints_one_check_per_line_with_id_title_and_source():
    lines = run("--list-checks").splitlines()
    assert len(lines) == len(CATALOGUE)
    check_id, title, source = lines[0].split("\t")
    assert (check_id, title, source) == (CATALOGUE[0].id, CATALOGUE[0].title, CATALOGUE[0].source)


def test_invalid_field_exits_non_zero_naming_the_field(tmp_path):
    case = json.loads(EXAMPLE.read_text())
    case["risk"]["rosh_level"] = "HIGHISH"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(case))
    with pytest.raises(CommandError, match=r"risk\.rosh_level: 'HIGHISH' is not one of"):
        run("--input", str(bad), "--as-of", "2027-01-01")


def test_invalid_field_from_the_command_line_exits_with_status_1(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"person": {}}')
    with pytest.raises(SystemExit) as exit_:
        from resettle.cli import main

        main(["readiness", "--input", str(bad)])
    assert exit_.value.code == 1
