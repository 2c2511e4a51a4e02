"""`resettle transfers plan` prints the counts and the solve time; --dry-run stores nothing."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from resettle.planning.models import TransferPlanRun

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("transfers", "plan", "--as-of", "2027-01-04", *args, stdout=out)
    return out.getvalue()


def test_plan_prints_needs_placed_unplaced_and_solve_time(planning_estate):
    out = run()
    assert "men in need of a transfer: 2" in out and "placed: 2" in out and "unplaced: 0" in out
    assert "solve time:" in out and "stored as plan run" in out
    assert TransferPlanRun.objects.count() == 1


def test_a_dry_run_stores_nothing(planning_estate):
    assert "dry run: nothing stored" in run("--dry-run")
    assert not TransferPlanRun.objects.exists()


def test_a_short_horizon_is_refused_with_the_field(planning_estate):
    with pytest.raises(CommandError, match="horizon-weeks"):
        run("--horizon-weeks", "4")
