"""The projection API (issue 11): the runs, a national lead's request for one, and the figures of the
country, a region and a prison, with the screens' access rules and RFC 9457 problems for bad requests."""

import pytest

from resettle.accounts.roles import Role
from resettle.projections.models import ProjectionRun
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"
RUNS = "/api/v1/projections/runs/"


def test_the_runs_list_says_which_is_official_and_what_each_used(projected):
    answer = token_client(projected.users[Role.SPO]).get(RUNS)
    assert answer.status_code == 200
    [run] = answer.json()
    assert run["official"] and run["months"] == 12 and run["seed"] == 1
    assert set(run["rates"]["hdc_approval"]) == {"value", "source"}


def test_figures_of_the_country_a_region_and_a_prison(projected):
    client = token_client(projected.users[Role.NATIONAL_LEAD])
    national = client.get("/api/v1/projections/national/").json()
    region = client.get("/api/v1/projections/regions/south-west/").json()
    prison = client.get("/api/v1/prisons/DAI/projection/").json()
    assert (national["scope"], region["code"], prison["name"]) == ("NATIONAL", "south-west", "HMP Dartmoor")
    releases = prison["series"]["releases_total"]
    assert len(releases["mean"]) == len(prison["months"]) == 12
    assert set(releases) == {"mean", "p10", "p50", "p90", "low", "high"}
    assert len(prison["months_before"]) == 12 and len(prison["series"]["released_before"]) == 12
    assert client.get(f"/api/v1/projections/national/?run={projected.run.pk}").status_code == 200
    missing = client.get("/api/v1/projections/national/?run=999")
    assert missing.status_code == 404 and missing["Content-Type"] == PROBLEM
    assert client.get("/api/v1/projections/national/?run=x").status_code == 400


def test_a_prison_outside_his_scope_is_refused_like_on_the_screens(projected):
    governor_of_exeter = token_client(projected.users[Role.GOVERNOR])
    assert governor_of_exeter.get("/api/v1/prisons/DAI/projection/").status_code == 404
    assert token_client(projected.users[Role.POM]).get(RUNS).status_code == 403


def test_a_national_lead_queues_a_what_if_and_it_runs(projected):
    client = token_client(projected.users[Role.NATIONAL_LEAD])
    answer = client.post(
        RUNS,
        {"paths": 100, "months": 12, "profile": "sds-50", "changes": {"hdc_approval": 0.5}},
        format="json",
    )
    assert answer.status_code == 202 and answer.json()["status"] == "QUEUED"
    run = ProjectionRun.objects.get(pk=answer.json()["id"])
    assert (run.status, run.profile, run.changes) == ("FINISHED", "sds-50", {"hdc_approval": 0.5})
    listed = client.get(RUNS).json()
    assert [r["official"] for r in listed] == [False, True]


def test_a_bad_request_names_the_field_and_queues_nothing(projected):
    client = token_client(projected.users[Role.NATIONAL_LEAD])
    for body, field in (
        ({"profile": "sds-99"}, "profile"),
        ({"changes": {"bail": 1}}, "changes"),
        ({"changes": {"hdc_approval": 2}}, "changes"),
        ({"changes": {"parole_review_days": 10.5}}, "changes"),
        ({"paths": 5}, "paths"),
    ):
        answer = client.post(RUNS, body, format="json")
        assert answer.status_code == 400 and answer["Content-Type"] == PROBLEM, body
        assert any(error["pointer"] == f"#/{field}" for error in answer.json()["errors"]), answer.json()
    assert ProjectionRun.objects.count() == 1


def test_only_a_national_lead_may_queue_a_run(projected):
    answer = token_client(projected.users[Role.SPO]).post(RUNS, {}, format="json")
    assert answer.status_code == 403
    assert ProjectionRun.objects.count() == 1
