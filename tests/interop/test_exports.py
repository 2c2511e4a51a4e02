import csv
import io
import json

import pytest
from django.test import Client

from resettle.accounts.roles import Role
from resettle.audit.models import Action, AuditEntry
from tests.security.conftest import estate  # noqa: F401  (the estate every case role reaches one man in)
from tests.security.users import sign_in

pytestmark = pytest.mark.django_db


def client_for(estate, role: Role) -> Client:  # noqa: F811
    return sign_in(Client(), estate.users[role])


def read_csv(response) -> list[dict]:
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.DictReader(io.StringIO(response.content.decode())))


def test_the_caseload_csv_lists_the_prisons_men_and_is_audited_as_an_export(estate):  # noqa: F811
    response = client_for(estate, Role.SPO).get(f"/prisons/{estate.prison.code}/caseload.csv")
    assert [row["Prison number"] for row in read_csv(response)] == [estate.man.prison_number]
    entry = AuditEntry.objects.get(action=Action.EXPORT)
    assert entry.people == [estate.man.prison_number] and "caseload" in entry.detail


def test_a_cell_a_spreadsheet_would_run_as_a_formula_arrives_as_text(estate):  # noqa: F811
    estate.man.last_name = '=HYPERLINK("http://evil")'
    estate.man.save()
    response = client_for(estate, Role.SPO).get(f"/prisons/{estate.prison.code}/caseload.csv")
    assert read_csv(response)[0]["Surname"] == "'" + estate.man.last_name


def test_the_caseload_csv_of_another_prison_is_refused(estate):  # noqa: F811
    response = client_for(estate, Role.SPO).get(f"/prisons/{estate.other_prison.code}/caseload.csv")
    assert response.status_code in (403, 404)
    assert not AuditEntry.objects.filter(action=Action.EXPORT).exists()


def test_a_worklist_csv_has_its_columns_and_an_unknown_worklist_is_not_found(estate):  # noqa: F811
    client = client_for(estate, Role.POM)
    response = client.get(f"/prisons/{estate.prison.code}/worklists/overdue.csv")
    assert response.status_code == 200
    assert response.content.decode().splitlines()[0].startswith("Prison number,Surname")
    assert client.get(f"/prisons/{estate.prison.code}/worklists/nothing.csv").status_code == 404


def test_a_persons_record_is_exported_whole_as_json_to_those_who_see_him(estate):  # noqa: F811
    response = client_for(estate, Role.NATIONAL_LEAD).get(
        f"/people/{estate.other_man.prison_number}/record.json"
    )
    record = json.loads(response.content)
    assert record["prison_number"] == estate.other_man.prison_number
    assert "people.Booking" in record["records"] and "audit_trail" not in record
    refused = client_for(estate, Role.POM).get(f"/people/{estate.other_man.prison_number}/record.json")
    assert refused.status_code in (403, 404)
