"""The REST API: the same people and the same permissions as the screens, errors as RFC 9457 problems,
and plan records written only over the version the writer read (ETag / If-Match)."""

import json
from datetime import timedelta

import pytest
from rest_framework.test import APIClient

from resettle.accounts.roles import CASE_ROLES, Role
from resettle.api import tokens
from resettle.api.models import ApiToken
from resettle.audit.models import Action, AuditEntry
from resettle.core.clock import today
from resettle.people.models import Booking, CalculatedReleaseDates
from resettle.plans.models import AccommodationPlan
from tests.api.conftest import token_client
from tests.security.users import sign_in

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"


def _person_url(man, rest: str = "") -> str:
    return f"/api/v1/people/{man.prison_number}/{rest}"


# --- who is asking --------------------------------------------------------------------------------------------


def test_no_credentials_is_a_401_problem_not_a_redirect_to_sign_in(estate):
    response = APIClient().get("/api/v1/people/")

    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert response.json()["status"] == 401 and response.json()["instance"] == "/api/v1/people/"


@pytest.mark.parametrize("spoil", ["wrong", "revoked", "expired", "inactive user"])
def test_a_bad_token_is_refused_outright(estate, spoil):
    user = estate.users[Role.SPO]
    token, secret = tokens.issue(user, "tests")
    if spoil == "wrong":
        secret += "x"
    elif spoil == "revoked":
        ApiToken.objects.filter(pk=token.pk).update(revoked_at=token.created_at)
    elif spoil == "expired":
        ApiToken.objects.filter(pk=token.pk).update(expires_on=today() - timedelta(days=1))
    else:
        user.is_active = False
        user.save()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")

    response = client.get("/api/v1/people/")

    assert response.status_code == 401 and "not valid" in response.json()["detail"]


def test_only_a_hash_of_the_token_is_stored(estate):
    token, secret = tokens.issue(estate.users[Role.SPO], "tests")

    assert (
        secret.startswith("rst_") and secret not in token.key_hash and token.key_hash == tokens.digest(secret)
    )


def test_a_signed_in_session_may_read_but_must_send_the_csrf_token_to_write(estate, man):
    client = sign_in(APIClient(enforce_csrf_checks=True), estate.users[Role.SPO])

    assert client.get(_person_url(man)).status_code == 200
    refused = client.put(
        _person_url(man, "plan/accommodation/"),
        {"category": "SETTLED"},
        format="json",
        HTTP_IF_NONE_MATCH="*",
    )
    assert refused.status_code == 403 and "CSRF" in refused.json()["detail"]


def test_a_session_that_still_owes_its_second_factor_is_refused(estate, settings):
    settings.RESETTLE_REQUIRE_TWO_FACTOR = True
    client = APIClient()
    client.force_login(estate.users[Role.SPO])

    response = client.get("/api/v1/people/")

    assert response.status_code == 401 and "second factor" in response.json()["detail"]


# --- reading ----------------------------------------------------------------------------------------------------


def test_people_lists_only_the_men_he_may_see_and_is_audited(spo, estate):
    response = spo.get("/api/v1/people/", {"prison": ""})

    numbers = [row["prison_number"] for row in response.json()["results"]]
    assert estate.man.prison_number in numbers and estate.other_man.prison_number not in numbers
    listed = AuditEntry.objects.filter(action=Action.LIST).latest("id")
    assert listed.people == numbers and listed.actor == estate.users[Role.SPO]


def test_people_search_filters_by_name_or_number_and_paginates(spo, estate):
    by_number = spo.get("/api/v1/people/", {"q": estate.man.prison_number.lower()}).json()
    by_name = spo.get("/api/v1/people/", {"q": "nobody-has-this-name"}).json()
    paged = spo.get("/api/v1/people/", {"page_size": 1}).json()

    assert [p["prison_number"] for p in by_number["results"]] == [estate.man.prison_number]
    assert by_name["count"] == 0
    assert len(paged["results"]) == 1 and paged["count"] >= 1


def test_a_bad_filter_names_the_parameter(spo):
    response = spo.get("/api/v1/people/", {"release_from": "31/02/2027"})

    assert response.status_code == 400 and response["Content-Type"] == PROBLEM
    assert response.json()["errors"][0]["field"] == "release_from"


def test_person_detail_shows_risk_and_offender_managers_and_audits_the_view(spo, estate):
    body = spo.get(_person_url(estate.man)).json()

    assert body["prison"] == "DAI" and body["risk"]["mappa_category"] == 2
    assert {m["role"] for m in body["offender_managers"]} == {"PRIMARY_POM", "COM"}
    assert AuditEntry.objects.filter(action=Action.VIEW, people=[estate.man.prison_number]).exists()


def test_a_man_out_of_scope_is_a_404_problem_as_if_he_did_not_exist(spo, estate):
    response = spo.get(_person_url(estate.other_man))

    assert response.status_code == 404 and response["Content-Type"] == PROBLEM
    assert AuditEntry.objects.filter(action=Action.ACCESS_REFUSED).exists()


def test_bookings_sentences_and_adjustments(spo, man):
    bookings = spo.get(_person_url(man, "bookings/")).json()
    sentences = spo.get(_person_url(man, "sentences/")).json()
    adjustments = spo.get(_person_url(man, "adjustments/")).json()

    assert bookings[0]["booking_id"] == man.active_booking.booking_id
    assert bookings[0]["sentences"][0]["years"] == 4
    assert sentences[0]["offences"][0]["description"] == "Burglary (dwelling)"
    assert adjustments == []


def test_release_dates_come_with_their_reasons(spo, man):
    body = spo.get(_person_url(man, "release-dates/")).json()

    assert body["outcome"] == "CALCULATED"
    crd = next(d for d in body["dates"] if d["type"] == "CRD")
    assert crd["date"] and crd["because"] and "4 years" in crd["because"][0]


def test_readiness_lists_the_steps_due_with_their_source(spo, man):
    from resettle.plans.services import refresh_readiness

    refresh_readiness([man.pk])
    body = spo.get(_person_url(man, "readiness/")).json()

    assert body["rag"] in ("RED", "AMBER", "GREEN")
    assert all(f["source"] and f["status"] in ("due", "overdue") for f in body["findings"])


def test_worklists_are_a_prisons_and_an_unknown_one_is_a_404(spo, estate):
    assert spo.get("/api/v1/prisons/DAI/worklists/overdue/").status_code == 200
    unknown = spo.get("/api/v1/prisons/DAI/worklists/nothing/")
    assert unknown.status_code == 404 and "overdue" in unknown.json()["detail"]
    assert spo.get(f"/api/v1/prisons/{estate.other_prison.code}/worklists/overdue/").status_code == 404


def test_a_worklist_narrowed_to_one_check_lists_its_steps_alone_and_an_unknown_check_is_named(spo, estate):
    from resettle.people.models import Person
    from resettle.plans.services import refresh_readiness

    refresh_readiness(list(Person.objects.values_list("pk", flat=True)))
    everything = spo.get("/api/v1/prisons/DAI/worklists/overdue/").json()["results"]
    check = everything[0]["check_id"]
    narrowed = spo.get("/api/v1/prisons/DAI/worklists/overdue/", {"check": check}).json()["results"]
    assert narrowed and {f["check_id"] for f in narrowed} == {check}
    assert len(narrowed) == sum(f["check_id"] == check for f in everything)
    unknown = spo.get("/api/v1/prisons/DAI/worklists/overdue/", {"check": "no-such-check"})
    assert unknown.status_code == 404 and "no-such-check" in unknown.json()["detail"]


@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug (make run)"])
def test_an_unknown_api_address_is_a_404_problem(spo, settings, debug):
    """In every mode: with DEBUG on, Django would answer its HTML debug page (issue 16 §7)."""
    settings.DEBUG = debug

    response = spo.get("/api/v1/nothing-here/")

    assert response.status_code == 404 and response["Content-Type"] == PROBLEM
    assert response.json()["instance"] == "/api/v1/nothing-here/"


def test_a_man_out_of_scope_with_debug_on_is_still_a_404_problem_with_its_reason(spo, estate, settings):
    settings.DEBUG = True

    response = spo.get(_person_url(estate.other_man))

    assert response.status_code == 404 and response["Content-Type"] == PROBLEM
    assert "No person with that prison number" in response.json()["detail"]


def test_a_fault_on_our_side_with_debug_on_is_still_a_problem(estate, man, monkeypatch, settings):
    from resettle.api import views

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    settings.DEBUG = True
    monkeypatch.setattr(views.PersonDetail, "get", broken)
    client = token_client(estate.users[Role.SPO])
    client.raise_request_exception = False

    response = client.get(_person_url(man))

    assert response.status_code == 500 and response["Content-Type"] == PROBLEM


# --- the calculation endpoint ------------------------------------------------------------------------------


BOOKING = {
    "offender": {"dateOfBirth": "1980-01-01"},
    "sentences": [
        {
            "offence": {"committedAt": "2022-06-01"},
            "duration": {"durationElements": {"YEARS": 4}},
            "sentencedAt": "2023-03-01",
        }
    ],
}


def test_calculation_answers_with_dates_and_reasons_and_stores_nothing(spo):
    before = (Booking.objects.count(), CalculatedReleaseDates.objects.count())

    response = spo.post("/api/v1/calculations/", BOOKING, format="json")

    body = response.json()
    assert response.status_code == 200 and body["outcome"] == "CALCULATED"
    assert {d["type"] for d in body["dates"]} >= {"CRD", "SLED"}
    assert body["rules"]
    assert (Booking.objects.count(), CalculatedReleaseDates.objects.count()) == before


@pytest.mark.parametrize(
    ("body", "params", "field", "words"),
    [
        ({"offender": {"dateOfBirth": "1980-01-01"}}, {}, "booking", "sentences"),
        ([1, 2], {}, "booking", "must be an object"),
        (BOOKING, {"profile": "made-up"}, "profile", "Unknown rule profile"),
    ],
)
def test_a_booking_that_cannot_be_read_is_a_400_naming_the_field(spo, body, params, field, words):
    response = spo.post(
        f"/api/v1/calculations/?{'&'.join(f'{k}={v}' for k, v in params.items())}", body, format="json"
    )

    assert response.status_code == 400 and response["Content-Type"] == PROBLEM
    problem = response.json()
    assert problem["type"] == "urn:resettle:problem:validation-error"
    assert problem["errors"][0]["field"] == field and words in problem["errors"][0]["detail"]


def test_malformed_json_is_a_400_problem(spo):
    response = spo.post("/api/v1/calculations/", '{"offender": ', content_type="application/json")

    assert response.status_code == 400 and response["Content-Type"] == PROBLEM


NESTED_TOO_DEEP = "[" * 1000 + "]" * 1000


def test_json_nested_too_deep_is_a_400_problem_naming_the_depth(spo):
    response = spo.post("/api/v1/calculations/", NESTED_TOO_DEEP, content_type="application/json")

    assert response.status_code == 400 and response["Content-Type"] == PROBLEM
    assert "nested more than 32 levels deep" in response.json()["detail"]


def test_json_as_deep_as_allowed_is_read_and_judged_on_its_content(spo):
    """Depth is counted right: 32 levels is read (then refused as not a booking), 33 is refused unread."""
    at_limit = spo.post("/api/v1/calculations/", "[" * 32 + "]" * 32, content_type="application/json")
    beyond = spo.post("/api/v1/calculations/", "[" * 33 + "]" * 33, content_type="application/json")

    assert at_limit.status_code == 400 and "nested" not in at_limit.json()["detail"]
    assert beyond.status_code == 400 and "nested more than 32 levels" in beyond.json()["detail"]


def test_brackets_inside_strings_are_not_nesting(spo):
    body = json.dumps({"offender": {"dateOfBirth": "[" * 100 + "{" * 100}})
    response = spo.post("/api/v1/calculations/", body, content_type="application/json")

    assert response.status_code == 400 and "nested" not in response.json()["detail"]


# --- plan records: conditional writes ------------------------------------------------------------------------


ACCOMMODATION = "plan/accommodation/"


def test_a_plan_write_nested_too_deep_is_a_400_problem_and_writes_nothing(spo, man):
    response = spo.generic(
        "PATCH",
        _person_url(man, ACCOMMODATION),
        NESTED_TOO_DEEP,
        content_type="application/json",
        HTTP_IF_NONE_MATCH="*",
    )

    assert response.status_code == 400 and response["Content-Type"] == PROBLEM
    assert "nested more than 32 levels deep" in response.json()["detail"]
    assert not AccommodationPlan.objects.exists()


def test_a_write_with_no_precondition_is_refused_with_428(spo, man):
    response = spo.put(_person_url(man, ACCOMMODATION), {"category": "SETTLED"}, format="json")

    assert response.status_code == 428 and "If-Match" in response.json()["detail"]
    assert not AccommodationPlan.objects.exists()


def test_create_then_read_then_change_with_the_etag(spo, man):
    created = spo.put(
        _person_url(man, ACCOMMODATION),
        {"category": "SETTLED", "address": "1 High Street, Exeter"},
        format="json",
        HTTP_IF_NONE_MATCH="*",
    )
    assert created.status_code == 201 and created["ETag"] == '"1"'

    read = spo.get(_person_url(man, ACCOMMODATION))
    assert read.json()["address"] == "1 High Street, Exeter" and read["ETag"] == '"1"'

    changed = spo.patch(
        _person_url(man, ACCOMMODATION),
        {"confirmed_on": today().isoformat()},
        format="json",
        HTTP_IF_MATCH=read["ETag"],
    )
    assert changed.status_code == 200 and changed["ETag"] == '"2"'
    plan = AccommodationPlan.objects.get(person=man)
    assert plan.confirmed_on == today() and plan.address == "1 High Street, Exeter"  # PATCH kept the rest


def test_an_empty_patch_changes_nothing_not_even_the_version(spo, man):
    spo.put(_person_url(man, ACCOMMODATION), {"category": "SETTLED"}, format="json", HTTP_IF_NONE_MATCH="*")
    entries = AuditEntry.objects.filter(action=Action.CHANGE).count()

    response = spo.patch(_person_url(man, ACCOMMODATION), {}, format="json", HTTP_IF_MATCH='"1"')

    assert response.status_code == 200 and response["ETag"] == '"1"'
    assert AccommodationPlan.objects.get(person=man).version == 1
    assert AuditEntry.objects.filter(action=Action.CHANGE).count() == entries


def test_the_second_of_two_writers_gets_412_and_nothing_of_his_is_written(spo, estate, man):
    pom = token_client(estate.users[Role.POM])
    spo.put(_person_url(man, ACCOMMODATION), {"category": "SETTLED"}, format="json", HTTP_IF_NONE_MATCH="*")
    etag = spo.get(_person_url(man, ACCOMMODATION))["ETag"]

    first = spo.patch(
        _person_url(man, ACCOMMODATION), {"address": "First"}, format="json", HTTP_IF_MATCH=etag
    )
    second = pom.patch(
        _person_url(man, ACCOMMODATION), {"address": "Second"}, format="json", HTTP_IF_MATCH=etag
    )

    assert first.status_code == 200
    assert second.status_code == 412 and second.json()["type"] == "urn:resettle:problem:edit-conflict"
    assert AccommodationPlan.objects.get(person=man).address == "First"


def test_a_record_not_made_yet_reads_as_version_0_and_is_made_with_that_etag(spo, man):
    blank = spo.get(_person_url(man, ACCOMMODATION))

    made = spo.put(
        _person_url(man, ACCOMMODATION), {"category": "CAS"}, format="json", HTTP_IF_MATCH=blank["ETag"]
    )

    assert blank["ETag"] == '"0"' and blank.json()["category"] == ""
    assert made.status_code == 201 and made["ETag"] == '"1"'


def test_creating_a_record_someone_else_created_is_a_conflict(spo, man):
    spo.put(_person_url(man, ACCOMMODATION), {"category": "SETTLED"}, format="json", HTTP_IF_NONE_MATCH="*")

    again = spo.put(
        _person_url(man, ACCOMMODATION), {"category": "CAS"}, format="json", HTTP_IF_NONE_MATCH="*"
    )

    assert again.status_code == 412
    assert AccommodationPlan.objects.get(person=man).category == "SETTLED"


def test_the_forms_rules_and_messages_apply_with_the_field_named(spo, man):
    tomorrow = (today() + timedelta(days=1)).isoformat()

    response = spo.put(
        _person_url(man, ACCOMMODATION),
        {"category": "SETTLED", "confirmed_on": tomorrow},
        format="json",
        HTTP_IF_NONE_MATCH="*",
    )

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert {"field": "confirmed_on", "pointer": "#/confirmed_on"}.items() <= errors[0].items()
    assert "today or in the past" in errors[0]["detail"]
    assert not AccommodationPlan.objects.exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"category": "PALACE"}, "category"),
        ({"confirmed_on": "2026-02-30"}, "confirmed_on"),
        ({"address": 12 * "x" * 100}, "address"),
    ],
)
def test_wrong_types_and_values_name_the_field(spo, man, body, field):
    response = spo.put(_person_url(man, ACCOMMODATION), body, format="json", HTTP_IF_NONE_MATCH="*")

    assert response.status_code == 400 and response.json()["errors"][0]["field"] == field


def test_mappa_through_the_api_sets_his_risk_profile_as_the_screen_does(spo, man):
    response = spo.put(
        _person_url(man, "plan/mappa/"),
        {"category": 2, "level": 2, "level_set_on": today().isoformat()},
        format="json",
        HTTP_IF_NONE_MATCH="*",
    )

    assert response.status_code == 201, response.json()
    man.risk.refresh_from_db()
    assert (man.risk.mappa_category, man.risk.mappa_level) == (2, 2)


def test_a_transfer_names_the_resettlement_prison_by_its_code(spo, man, estate):
    estate.other_prison.is_resettlement_prison = True
    estate.other_prison.save()

    made = spo.put(
        _person_url(man, "plan/transfer/"),
        {"target_prison": "lei", "status": "REQUESTED"},
        format="json",
        HTTP_IF_NONE_MATCH="*",
    )
    unknown = spo.patch(
        _person_url(man, "plan/transfer/"), {"target_prison": "XXX"}, format="json", HTTP_IF_MATCH='"1"'
    )

    assert made.status_code == 201 and made.json()["target_prison"] == "LEI"
    assert unknown.status_code == 400 and unknown.json()["errors"][0]["field"] == "target_prison"


def test_one_who_may_see_but_not_change_him_cannot_write(governor, man):
    assert governor.get(_person_url(man)).status_code == 200
    response = governor.put(
        _person_url(man, ACCOMMODATION), {"category": "SETTLED"}, format="json", HTTP_IF_NONE_MATCH="*"
    )

    assert response.status_code == 404 and not AccommodationPlan.objects.exists()


# --- the schema and its documentation ------------------------------------------------------------------------


def test_the_schema_is_openapi_3_and_names_every_endpoint(spo):
    schema = spo.get("/api/v1/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()

    assert schema["openapi"].startswith("3.")
    assert {"/api/v1/people/", "/api/v1/calculations/", "/api/v1/people/{prison_number}/plan/mappa/"} <= set(
        schema["paths"]
    )


def test_the_documentation_page_loads_its_assets_from_here(estate):
    client = sign_in(APIClient(), estate.users[Role.SPO])

    page = client.get("/api/v1/docs/")

    assert page.status_code == 200
    html = page.content.decode()
    assert "swagger-ui" in html and "cdn" not in html.lower() and "<script>" not in html


@pytest.mark.parametrize("role", list(Role))
def test_only_those_who_may_change_his_case_on_screen_may_write_his_plan(estate, man, role):
    """The screens' edit forms are for his POM, his COM and the SPO (tests/security); so are API writes. A
    stale If-Match shows who got past the access gate (412) without changing anything."""
    client = token_client(estate.users[role])

    response = client.put(
        _person_url(man, ACCOMMODATION), {"category": "SETTLED"}, format="json", HTTP_IF_MATCH='"999"'
    )

    expected = 412 if role in (Role.POM, Role.COM, Role.SPO) else (404 if role in CASE_ROLES else 403)
    assert response.status_code == expected


def test_a_fault_on_our_side_is_still_a_problem_and_shows_nothing_of_it(estate, man, monkeypatch):
    from resettle.api import views

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(views.PersonDetail, "get", broken)
    client = token_client(estate.users[Role.SPO])
    client.raise_request_exception = False

    response = client.get(_person_url(man))

    assert response.status_code == 500 and response["Content-Type"] == PROBLEM
    assert "secret internals" not in response.content.decode()
