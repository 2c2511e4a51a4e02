"""The projection screens (issue 11): the country's, a region's and a prison's figures with their charts
and tables, CSV, a run and a what-if started by a national lead, and who may see which."""

import csv
import io

import pytest
from django.urls import reverse

from resettle.accounts.roles import Role
from resettle.projections.models import ProjectionRun
from tests.security.users import sign_in

pytestmark = pytest.mark.django_db


def as_role(client, estate, role):
    return sign_in(client, estate.users[role])


def test_the_prison_page_shows_each_chart_with_its_table_and_the_staffing_line(client, projected):
    page = as_role(client, projected, Role.SPO).get(reverse("projection-prison", args=["DAI"]))
    text = page.content.decode()
    assert page.status_code == 200
    assert text.count("<svg") == 4 and text.count("as a table") >= 4  # every chart has its table
    assert "Releases projected in the next 12 months" in text
    assert "2 POMs on file × 50 cases each: 100 cases" in text
    assert "COMs work in probation delivery units" in text  # no COM count of a prison's own
    assert "How this projection was made" in text and "hdc_approval" in text


def test_the_region_page_lists_its_prisons_and_leaves_out_those_holding_no_one(client, projected):
    page = as_role(client, projected, Role.NATIONAL_LEAD).get(
        reverse("projection-region", args=["south-west"])
    )
    text = page.content.decode()
    assert "HMP Dartmoor" in text and "1 prison with no releases projected" in text
    assert "1 COMs on file × 45 cases each" in text  # COMs counted for a region


def test_the_national_page_offers_a_national_lead_the_run_and_nobody_else(client, projected):
    national = as_role(client, projected, Role.NATIONAL_LEAD).get(reverse("projections")).content.decode()
    assert "Run the projection" in national and "South West" in national
    spo = as_role(client, projected, Role.SPO).get(reverse("projections")).content.decode()
    assert "Run the projection" not in spo


def test_a_prison_page_is_refused_outside_the_users_prisons(client, projected):
    governor_of_exeter = as_role(client, projected, Role.GOVERNOR)
    assert governor_of_exeter.get(reverse("projection-prison", args=["DAI"])).status_code == 404
    assert governor_of_exeter.get(reverse("projection-prison-csv", args=["DAI"])).status_code == 404
    assert governor_of_exeter.get(reverse("projection-prison", args=["EXI"])).status_code == 200
    assert as_role(client, projected, Role.POM).get(reverse("projections")).status_code == 403


def test_the_csv_holds_every_measure_by_month_and_the_history(client, projected):
    response = as_role(client, projected, Role.SPO).get(reverse("projection-prison-csv", args=["DAI"]))
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert response["Content-Type"].startswith("text/csv")
    releases = [row for row in rows if row["measure"] == "Releases"]
    assert [row["month"] for row in releases][:2] == ["Jan 2027", "Feb 2027"] and len(releases) == 12
    assert sum(float(row["mean"]) for row in releases) == pytest.approx(5, abs=0.5)  # the five men
    assert any(row["measure"] == "Released (history)" for row in rows)
    assert {"POM caseload", "Approved-premises beds taken at month end"} <= {row["measure"] for row in rows}


def test_a_national_lead_runs_the_projection_in_the_background(client, projected):
    signed_in = as_role(client, projected, Role.NATIONAL_LEAD)
    page = signed_in.post(
        reverse("projection-run"), {"paths": "100", "months": "12", "seed": "4"}, follow=True
    )
    assert "The projection is running" in page.content.decode()
    newest = ProjectionRun.objects.first()
    assert (newest.status, newest.paths, newest.seed, newest.run_by) == (
        "FINISHED",
        100,
        4,
        projected.users[Role.NATIONAL_LEAD],
    )
    refused = signed_in.post(
        reverse("projection-run"), {"paths": "5", "months": "12", "seed": "0"}, follow=True
    )
    assert "The number of paths must be at least 100" in refused.content.decode()


def test_a_what_if_of_another_profile_is_shown_against_the_official_run(client, projected):
    signed_in = as_role(client, projected, Role.NATIONAL_LEAD)
    answer = signed_in.post(
        reverse("projection-what-if"),
        {"profile": "sds-50", "paths": "100", "months": "12", "seed": "0"},
        follow=True,
    )
    text = answer.content.decode()
    what_if = ProjectionRun.objects.first()
    assert what_if.profile == "sds-50" and what_if.status == "FINISHED" and what_if.is_what_if
    assert "The what-if is running" in text and f"What-if {what_if.pk}: sds-50" in text
    assert "Men released earlier within the next 12 months" in text and "Official projection" in text
    # The official run stays the one the pages show.
    national = signed_in.get(reverse("projections")).content.decode()
    assert f"Number {projected.run.pk}," in national


def test_a_what_if_needs_a_change_and_a_bad_rate_is_named(client, projected):
    signed_in = as_role(client, projected, Role.NATIONAL_LEAD)
    base = {"profile": "", "paths": "100", "months": "12", "seed": "0"}
    nothing = signed_in.post(reverse("projection-what-if"), base).content.decode()
    assert "Choose other release-date rules or change at least one rate" in nothing
    bad = signed_in.post(reverse("projection-what-if"), base | {"rate_hdc_approval": "1.5"}).content.decode()
    assert "A share must be between 0 and 1, not 1.5" in bad
    assert ProjectionRun.objects.count() == 1  # nothing queued


def test_only_a_national_lead_starts_a_what_if(client, projected):
    spo = as_role(client, projected, Role.SPO)
    assert spo.get(reverse("projection-what-if")).status_code == 200
    assert spo.post(reverse("projection-what-if"), {"rate_hdc_approval": "0.5"}).status_code == 404
    assert ProjectionRun.objects.count() == 1


def test_a_failed_run_is_shown_with_its_error(client, projected):
    ProjectionRun.objects.create(
        as_of=projected.run.as_of, seed=0, rates={}, status="FAILED", error="disk full"
    )
    page = as_role(client, projected, Role.SPO).get(reverse("projections")).content.decode()
    assert "The last projection run failed" in page and "disk full" in page


def test_the_prison_page_reads_a_fixed_number_of_queries(client, projected, django_assert_max_num_queries):
    signed_in = as_role(client, projected, Role.SPO)
    with django_assert_max_num_queries(25):
        signed_in.get(reverse("projection-prison", args=["DAI"]))
