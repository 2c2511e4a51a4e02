"""Inspection reports (issue 12) end to end on a small estate: the facts read for a period, a snapshot of
every scope, the page with its comparisons, CSV and PDF, the men behind a figure (scoped and audited), the
API, the command, and who may do what."""

import shutil
import subprocess
from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from resettle.accounts.roles import Role
from resettle.audit.models import Action, AuditEntry
from resettle.reports import facts
from resettle.reports.models import ReportFigures, ReportSnapshot
from resettle.reports.services import take_snapshot
from resettle.rules.inspection.facts import OffenceGroup
from tests.api.conftest import token_client
from tests.security.users import sign_in

from .conftest import YEAR

pytestmark = pytest.mark.django_db
PERIOD = f"?period={YEAR.text}"


def test_the_year_reads_the_men_released_in_it_and_those_held_on_its_last_day(report_estate):
    men = facts.population(YEAR)
    assert len(men.released) == 4  # the man released the day before the year is not in it
    by_code = dict(zip([m.released_on for m in men.released], men.released_at, strict=True))
    assert by_code[date(2026, 5, 1)] == "EXI"
    from_exeter = next(m for m in men.released if m.released_on == date(2026, 5, 1))
    assert from_exeter.from_resettlement_prison_for_area and from_exeter.day_one_appointment
    sexual = next(m for m in men.released if m.released_on == date(2026, 3, 1))
    assert sexual.offence == OffenceGroup.SEXUAL and sexual.accommodation_on_release == "HOMELESS"
    assert len(men.held) == 3 and set(men.held_at) == {"DAI"}
    assert sum(m.com_allocated for m in men.held) == 1 and sum(m.maintains_innocence for m in men.held) == 1


def test_a_snapshot_keeps_every_scope_and_the_region_adds_up_its_prisons(report_estate):
    snapshot = take_snapshot(YEAR)
    assert snapshot.status == ReportSnapshot.Status.FINISHED
    assert snapshot.figures.count() == 2 + 1 + 1  # two prisons, the region, the country
    region = snapshot.figures.get(scope=ReportFigures.Scope.REGION).results
    dartmoor = snapshot.figures.get(code="DAI").results
    exeter = snapshot.figures.get(code="EXI").results
    assert (
        region["releases"]["all"]["men"]
        == dartmoor["releases"]["all"]["men"] + exeter["releases"]["all"]["men"]
        == 4
    )
    resettled = region["released-from-resettlement-prison"]["all"]
    assert (resettled["numerator"], resettled["men"]) == (1, 4)  # only Exeter serves the area
    assert dartmoor["releases"]["by_offence"]["sexual"]["men"] == 1


def test_the_prison_page_reads_now_without_a_snapshot_and_compares_with_one(client, report_estate):
    inspector = sign_in(client, report_estate.users[Role.INSPECTOR])
    before = inspector.get(reverse("report-prison", args=["DAI"]) + PERIOD).content.decode()
    assert "Read from the records now" in before and "no snapshot of this period has been taken" in before
    take_snapshot(YEAR)
    page = inspector.get(reverse("report-prison", args=["DAI"]) + PERIOD).content.decode()
    assert "Measures taken" in page and "South West" in page and "England and Wales" in page
    assert "0 of 3" in page or ">0</a> of <a" in page  # none released from a resettlement prison for his area
    assert "Red" in page


def test_a_region_or_the_country_without_a_snapshot_says_so(client, report_estate):
    lead = sign_in(client, report_estate.users[Role.NATIONAL_LEAD])
    page = lead.get(reverse("reports") + PERIOD).content.decode()
    assert "No snapshot of the measures for 1 December 2025 to 30 November 2026" in page
    assert "Take the measures for" in page
    assert lead.get(reverse("report-national-csv") + PERIOD).status_code == 404


def test_a_bad_period_is_named_and_the_default_shown(client, report_estate):
    page = sign_in(client, report_estate.users[Role.INSPECTOR]).get(
        reverse("report-prison", args=["DAI"]) + "?period=soon"
    )
    text = page.content.decode()
    assert page.status_code == 200 and "is not 12m, 12m:YYYY-MM-DD" in text and "govuk-error-message" in text


def test_a_national_lead_takes_a_snapshot_and_others_may_not(client, report_estate):
    lead = sign_in(client, report_estate.users[Role.NATIONAL_LEAD])
    answer = lead.post(reverse("report-snapshot"), {"period": YEAR.text}, follow=True)
    assert "are being taken" in answer.content.decode()
    assert ReportSnapshot.objects.get().status == ReportSnapshot.Status.FINISHED
    assert (
        sign_in(client, report_estate.users[Role.INSPECTOR]).post(reverse("report-snapshot")).status_code
        == 403
    )


def test_the_csv_holds_every_measure_split_by_group(client, report_estate):
    response = sign_in(client, report_estate.users[Role.INSPECTOR]).get(
        reverse("report-prison-csv", args=["DAI"]) + PERIOD
    )
    lines = response.content.decode().splitlines()
    assert lines[0] == "measure,title,split,group,numerator,men,value,category,count"
    assert any(line.startswith("releases,Men released,all,All,,3,3") for line in lines)
    assert any(
        line.startswith("housed-on-release,Housed on the night of release,by_offence,Sexual offence,0,1")
        for line in lines
    )


def test_the_pdf_renders_pages_that_say_what_the_page_says(client, report_estate, tmp_path):
    response = sign_in(client, report_estate.users[Role.INSPECTOR]).get(
        reverse("report-prison-pdf", args=["DAI"]) + PERIOD
    )
    assert response["Content-Type"] == "application/pdf" and response.content.startswith(b"%PDF")
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(response.content)
    assert shutil.which("pdftoppm"), "pdftoppm (poppler-utils) renders the PDF's pages to check them"
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", str(pdf), str(tmp_path / "page")], check=True
    )
    assert (tmp_path / "page-1.png").stat().st_size > 5_000
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Release planning: HMP Dartmoor" in text and "Housed on the night of release" in text


def test_the_men_behind_a_figure_are_listed_within_his_scope_and_audited(client, report_estate):
    inspector = sign_in(client, report_estate.users[Role.INSPECTOR])
    url = reverse("report-men-behind", args=["DAI", "housed-on-release"])
    page = inspector.get(url + PERIOD + "&part=numerator").content.decode()
    settled = report_estate.released[1]
    assert settled.prison_number in page and report_estate.released[0].prison_number not in page
    entry = AuditEntry.objects.filter(action=Action.LIST).latest("pk")
    assert entry.people == [settled.prison_number] and entry.query["measure"] == "housed-on-release"
    everyone = inspector.get(url + PERIOD + "&group=sexual").content.decode()
    assert report_estate.released[0].prison_number in everyone and settled.prison_number not in everyone
    assert inspector.get(reverse("report-men-behind", args=["DAI", "nonsense"])).status_code == 404
    assert inspector.get(url + "?part=nonsense").status_code == 404


def test_the_governor_of_another_prison_sees_its_figures_nowhere(client, report_estate):
    governor = sign_in(client, report_estate.users[Role.GOVERNOR])
    assert governor.get(reverse("report-prison", args=["DAI"])).status_code == 404
    assert governor.get(reverse("report-men-behind", args=["DAI", "releases"])).status_code == 404
    assert sign_in(client, report_estate.users[Role.POM]).get(reverse("reports")).status_code == 403


def test_the_api_answers_a_report_and_names_a_bad_period(report_estate):
    take_snapshot(YEAR)
    client = token_client(report_estate.users[Role.INSPECTOR])
    answer = client.get(f"/api/v1/prisons/DAI/report/{PERIOD}").json()
    measures = {m["id"]: m for m in answer["measures"]}
    assert answer["name"] == "HMP Dartmoor" and answer["snapshot"] is not None
    assert measures["releases"]["here"]["men"] == 3 and measures["releases"]["region"]["men"] == 4
    assert measures["housed-on-release"]["by_offence"]["sexual"]["men"] == 1
    assert measures["sexual-offence-not-mappa"]["rag"] is None  # no men held for a sexual offence
    bad = client.get("/api/v1/reports/national/?period=soon")
    assert bad.status_code == 400 and bad.json()["errors"][0]["pointer"] == "#/period"
    assert (
        token_client(report_estate.users[Role.NATIONAL_LEAD])
        .get("/api/v1/reports/national/?period=2026-Q1")
        .status_code
        == 404
    )


def test_the_command_prints_writes_and_refuses_by_name(report_estate, tmp_path):
    out = StringIO()
    call_command(
        "report", "--prison", "DAI", "--period", YEAR.text, "--pdf", str(tmp_path / "r.pdf"), stdout=out
    )
    assert "Men released: 3" in out.getvalue() and (tmp_path / "r.pdf").read_bytes().startswith(b"%PDF")
    with pytest.raises(CommandError, match="no prison 'XYZ'"):
        call_command("report", "--prison", "XYZ", stdout=StringIO())
    with pytest.raises(CommandError, match="no snapshot of"):
        call_command("report", "--national", "--period", YEAR.text, stdout=StringIO())
    call_command("report", "--snapshot", "--period", YEAR.text, "--trend", "2", stdout=StringIO())
    assert ReportSnapshot.objects.count() == 3


def test_the_report_page_from_a_snapshot_reads_a_fixed_number_of_queries(
    client, report_estate, django_assert_max_num_queries
):
    take_snapshot(YEAR)
    lead = sign_in(client, report_estate.users[Role.NATIONAL_LEAD])
    with django_assert_max_num_queries(25):
        assert lead.get(reverse("report-prison", args=["DAI"]) + PERIOD).status_code == 200
    with django_assert_max_num_queries(25):
        assert lead.get(reverse("reports") + PERIOD).status_code == 200


def test_a_failed_snapshot_is_shown_with_its_error(client, report_estate):
    ReportSnapshot.objects.create(
        period_start=YEAR.start, period_end=YEAR.end, status=ReportSnapshot.Status.FAILED, error="disk full"
    )
    page = sign_in(client, report_estate.users[Role.INSPECTOR]).get(reverse("reports")).content.decode()
    assert "The last snapshot failed" in page and "disk full" in page
