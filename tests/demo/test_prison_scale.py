"""The prison-scale demo, loaded once for the module: what a new user sees at HMP Dartmoor."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import Exists, OuterRef

from resettle.accounts.models import User
from resettle.demo import loader
from resettle.demo.users import DEMO_PASSWORD, DEMO_USERS
from resettle.people.models import (
    Adjustment,
    Booking,
    CalculatedReleaseDates,
    Offence,
    Person,
    RecordedKeyDates,
    RiskProfile,
    Sentence,
)
from resettle.people.release_dates import recalculate_bookings
from resettle.people.services import release_summary_for
from resettle.people.vocabulary import CustodyStatus, LegalStatus, MappaCategory
from resettle.planning.models import Transfer, TransferOutcome, TransferPlanRun
from resettle.plans.models import AccommodationPlan
from resettle.staff.models import Allocation, AllocationRole, StaffMember

TODAY = date(2026, 11, 27)
pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module", autouse=True)
def prison_scale(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        output = StringIO()
        call_command(
            "demo",
            "--scale",
            "prison",
            "--seed",
            "11",
            "--today",
            TODAY.isoformat(),
            verbosity=0,
            stdout=output,
        )
        yield output.getvalue()
        loader.wipe()
        # The wipe keeps the demo users the audit trail names (the demo's plan records are written as
        # them); rename them out of the way of the tests this process runs next, which make users called
        # "pom" or "spo" of their own.
        for kept in User.objects.filter(username__in=[demo.username for demo in DEMO_USERS]):
            kept.username = f"{kept.username}.kept"
            kept.save(update_fields=["username"])


def dartmoor_men():
    return Person.objects.filter(current_prison__code="DAI").exclude(status=CustodyStatus.RELEASED)


def within(days: int):
    return dartmoor_men().filter(
        earliest_release_date__gte=TODAY, earliest_release_date__lte=TODAY + timedelta(days=days)
    )


def current(role):
    return Allocation.objects.filter(person=OuterRef("pk"), role=role, ended_on=None)


def test_only_dartmoor_and_its_two_neighbours_hold_people():
    held = set(Person.objects.exclude(current_prison=None).values_list("current_prison__code", flat=True))
    assert held == {"DAI", "EXI", "CWI"}


def test_dartmoor_holds_about_630_men():
    assert 600 <= dartmoor_men().count() <= 660


def test_about_seventy_percent_of_dartmoor_men_are_convicted_of_sexual_offences():
    sexual = Offence.objects.filter(
        sentence__booking__person=OuterRef("pk"), sentence__booking__is_active=True, is_sexual=True
    )
    share = dartmoor_men().filter(Exists(sexual)).count() / dartmoor_men().count()
    assert 0.65 <= share <= 0.75


def test_about_200_releases_due_at_dartmoor_in_the_next_12_months():
    assert 170 <= within(365).count() <= 240


def test_over_200_men_released_from_dartmoor_in_the_last_year():
    released = Booking.objects.filter(
        released_from__code="DAI",
        released_on__gte=TODAY - timedelta(days=365),
        is_active=False,
        person__status=CustodyStatus.RELEASED,
        person__current_prison=None,
    )
    assert released.count() > 200


def test_about_four_in_five_dartmoor_men_are_under_mappa():
    share = dartmoor_men().exclude(risk__mappa_category=None).count() / dartmoor_men().count()
    assert 0.75 <= share <= 0.88


def test_the_late_planning_gaps_exist_at_dartmoor():
    soon = within(183)
    assert soon.exclude(risk__mappa_category=None).filter(risk__mappa_level=None).count() > 10
    confirmed = AccommodationPlan.objects.filter(person=OuterRef("pk")).exclude(confirmed_on=None)
    assert soon.exclude(Exists(confirmed)).count() > 10
    assert soon.exclude(Exists(current(AllocationRole.COM))).count() > 10


def test_notification_means_mappa_category_1_apart_from_the_documented_gap():
    notified = RiskProfile.objects.filter(subject_to_notification=True)
    missing = notified.filter(mappa_category=None).count()
    assert notified.exclude(mappa_category=None).exclude(mappa_category=MappaCategory.CATEGORY_1).count() == 0
    assert 0 < missing <= 0.07 * notified.count()


def test_cached_earliest_release_matches_the_recorded_and_calculated_dates():
    for person in Person.objects.order_by("id")[::25]:
        booking = person.bookings.filter(is_active=True).first()
        recorded = RecordedKeyDates.objects.filter(booking=booking).first() if booking else None
        calculation = CalculatedReleaseDates.objects.filter(booking=booking).first() if booking else None
        explained = release_summary_for(person, recorded, today=TODAY, calculation=calculation)
        assert person.earliest_release_date == (explained.on if explained else None)


def test_every_active_booking_has_its_stored_calculation():
    active = Booking.objects.filter(is_active=True)
    assert not active.filter(calculation=None).exists()
    calculated = active.filter(calculation__outcome=CalculatedReleaseDates.Outcome.CALCULATED)
    assert calculated.count() > 0.6 * active.count()


def test_generation_and_the_stored_calculation_agree_on_the_earliest_release():
    """The loader's own earliest release dates are those the stored calculation re-derives: running it
    again over the loaded estate changes no one."""
    before = dict(Person.objects.values_list("id", "earliest_release_date"))
    assert recalculate_bookings(today=TODAY)["changed"] == 0
    assert dict(Person.objects.values_list("id", "earliest_release_date")) == before


RECORDED = {
    "CRD": "conditional_release_date",
    "ARD": "automatic_release_date",
    "PED": "parole_eligibility_date",
    "PRRD": "post_recall_release_date",
}


def disagreements():
    """Active calculated bookings whose recorded CRD, ARD, PED or PRRD differs from the calculation."""
    found = []
    calculated = CalculatedReleaseDates.objects.filter(
        booking__is_active=True, outcome=CalculatedReleaseDates.Outcome.CALCULATED
    ).select_related("booking__recorded_dates")
    for calculation in calculated:
        recorded = calculation.booking.recorded_dates
        for kind, name in RECORDED.items():
            value = getattr(recorded, name)
            if (value.isoformat() if value else None) != calculation.dates.get(kind):
                found.append(calculation.booking)
                break
    return found, calculated.count()


def test_recorded_dates_are_the_engines_but_for_a_small_share_of_stale_records():
    found, total = disagreements()
    assert 0.005 <= len(found) / total <= 0.05, (len(found), total)


def test_no_one_in_custody_is_past_his_release_date_but_for_the_documented_discrepancies():
    found, _ = disagreements()
    stale = {booking.person_id for booking in found}
    overdue = (
        Person.objects.exclude(status=CustodyStatus.RELEASED)
        .exclude(legal_status=LegalStatus.INDETERMINATE_SENTENCE)
        .filter(earliest_release_date__lt=TODAY - timedelta(days=30))
    )
    assert not overdue.exclude(id__in=stale).exists()


def test_remand_prisoners_have_no_sentence_and_recalls_a_recall_sentence():
    assert not Sentence.objects.filter(booking__person__legal_status=LegalStatus.REMAND).exists()
    recalls = Sentence.objects.filter(booking__person__legal_status=LegalStatus.RECALL)
    assert recalls.exists()
    assert not recalls.filter(recall_type="").exists()
    assert not recalls.filter(return_to_custody_date=None).exists()


def test_sampled_rows_pass_full_clean():
    for model in (
        Person,
        Booking,
        Sentence,
        Offence,
        Adjustment,
        RecordedKeyDates,
        RiskProfile,
        Allocation,
        AccommodationPlan,
        StaffMember,
    ):
        rows = list(model.objects.order_by("id")[:40]) + list(model.objects.order_by("-id")[:40])
        assert rows, model
        for row in rows:
            row.full_clean()


def test_demo_users_one_per_role():
    for demo in DEMO_USERS:
        user = User.objects.get(username=demo.username)
        assert user.check_password(DEMO_PASSWORD)
        assert list(user.groups.values_list("name", flat=True)) == [demo.group]
        assert user.caseload_prison.code == "DAI"
    assert User.objects.get(username="admin").is_superuser


def test_the_pom_and_com_users_have_dartmoor_caseloads():
    pom = StaffMember.objects.get(user__username="pom")
    assert pom.prison.code == "DAI"
    assert pom.allocations.filter(ended_on=None).count() >= 20
    com = StaffMember.objects.get(user__username="com")
    assert com.allocations.filter(ended_on=None, person__current_prison__code="DAI").exists()


def test_the_command_prints_the_users_and_the_password(prison_scale):
    assert DEMO_PASSWORD in prison_scale
    assert "people a second" in prison_scale


def test_dartmoor_shows_the_2017_transfer_picture():
    """Rulebook A5: Dartmoor, not a resettlement prison, could not move men home. The demo ends by running the
    transfer plan: every Dartmoor man due for release within 26 weeks needs a move, and the plan says how many
    can still arrive 12 weeks before release and why the others cannot."""
    run = TransferPlanRun.objects.get()
    outcomes = TransferOutcome.objects.filter(run=run, from_prison__code="DAI")
    due = within(26 * 7).count()
    assert outcomes.count() >= due * 0.9  # all but men with no release area or released already
    placed = outcomes.filter(reason="").count()
    reasons = set(outcomes.exclude(reason="").values_list("reason", flat=True))
    assert placed > 0 and "TOO_LATE" in reasons
    assert Transfer.objects.filter(from_prison__code="DAI", status="PROPOSED").count() == placed
    assert all(o.because for o in outcomes)


def test_a_projection_of_the_demo_stores_every_scope_and_reproduces_by_seed():
    from resettle.projections.models import ProjectionFigures
    from resettle.projections.services import run_projection

    first = run_projection(as_of=TODAY, months=12, paths=40, seed=5)
    again = run_projection(as_of=TODAY, months=12, paths=40, seed=5)
    assert first.figures.count() == 120 + 12 + 1
    national = first.figures.get(scope=ProjectionFigures.Scope.NATIONAL).series["releases_total"]
    assert national == again.figures.get(scope=ProjectionFigures.Scope.NATIONAL).series["releases_total"]
    prisons = first.figures.filter(scope=ProjectionFigures.Scope.PRISON)
    by_prison = sum(sum(f.series["releases_total"]["mean"]) for f in prisons)
    assert abs(sum(national["mean"]) - by_prison) < 1  # each prison's mean adds up to the country's
    assert all(
        lo <= mid <= hi for lo, mid, hi in zip(national["p10"], national["p50"], national["p90"], strict=True)
    )
    assert first.men > 1000 and first.undated > 0
    assert "stored history" in first.rates["hdc_approval"]["source"]  # the demo holds enough HDC cases


def test_the_project_command_sets_dartmoors_next_year_against_its_last():
    output = StringIO()
    call_command("project", "--paths", "20", "--as-of", TODAY.isoformat(), verbosity=0, stdout=output)
    lines = output.getvalue().splitlines()
    projected = next(
        line for line in lines if line.startswith("HMP Dartmoor: releases in the next 12 months")
    )
    last = next(line for line in lines if line.startswith("HMP Dartmoor: released in the last 12 months"))
    next_year = int(projected.split("months ")[1].split(" ")[0].replace(",", ""))
    last_year = int(last.rsplit(" ", 1)[1].replace(",", ""))
    assert last_year > 200  # "over 200 men released" (rulebook A4)
    assert 0.5 * last_year < next_year < 2 * last_year


def test_the_backtest_reports_an_error_for_each_month_ahead():
    from resettle.projections.services import back_test

    results = back_test(as_of=TODAY, origins_months_back=(6,), paths=20)
    assert [error.months_ahead for error in results[0].national] == [1, 2, 3, 4, 5, 6]
    assert all(error.cells == 1 and error.mape >= 0 for error in results[0].national)


def test_a_what_if_rate_is_used_and_recorded_and_a_bad_one_refused_by_name():
    from django.core.management.base import CommandError

    from resettle.projections.models import ProjectionRun

    call_command(
        "project",
        "--paths",
        "10",
        "--months",
        "6",
        "--rate",
        "parole_release_per_hearing=1",
        verbosity=0,
        stdout=StringIO(),
    )
    run = ProjectionRun.objects.latest()
    assert run.rates["parole_release_per_hearing"] == {"value": 1.0, "source": "changed for this run"}
    with pytest.raises(CommandError, match="parole_release_per_hearing: a share must be between 0 and 1"):
        call_command("project", "--paths", "10", "--rate", "parole_release_per_hearing=2", stdout=StringIO())
    with pytest.raises(CommandError, match="unknown rate 'bail'"):
        call_command("project", "--rate", "bail=1", stdout=StringIO())


def test_a_profile_what_if_moves_releases_and_counts_the_deadlines_still_in_time():
    """sds-50 (release at half) against the live progression model (SDS40): fewer releases in the next
    12 months under sds-50, and the men the live rules release earlier are counted with their deadlines."""
    from resettle.projections.models import ProjectionFigures, ProjectionRun
    from resettle.projections.services import run_projection

    live = run_projection(as_of=TODAY, months=12, paths=20, seed=3)
    what_if = run_projection(as_of=TODAY, months=12, paths=20, seed=3, profile="sds-50")

    def next_year(run):
        national = run.figures.get(scope=ProjectionFigures.Scope.NATIONAL)
        return sum(national.series["releases_total"]["mean"])

    assert next_year(what_if) < next_year(live)
    surge = what_if.profile_effect["earlier_under_live"]
    assert surge["earlier"] > 0 and surge["brought_in"] <= surge["earlier"]
    for deadline in ("mappa_level_set", "com_at_handover", "approved_premises_application"):
        assert 0 <= surge[deadline]["met"] <= surge[deadline]["applies"] <= surge["earlier"]
    assert what_if.profile_effect["earlier_under_profile"]["earlier"] == 0
    assert live.profile_effect == {} and not live.is_what_if and what_if.is_what_if
    dartmoor = live.figures.get(scope=ProjectionFigures.Scope.PRISON, code="DAI")
    year = Booking.objects.filter(
        released_from__code="DAI", released_on__gte=date(2025, 11, 1), released_on__lt=date(2026, 11, 1)
    )
    assert dartmoor.months_before == "November 2025 to October 2026"  # the whole months before TODAY's
    assert sum(dartmoor.series["released_before"]) == year.count() > 200

    with pytest.raises(ValueError, match="no rule profile 'sds-99'"):
        run_projection(as_of=TODAY, months=6, paths=5, profile="sds-99")
    failed = ProjectionRun.objects.latest()
    assert failed.status == ProjectionRun.Status.FAILED and "sds-99" in failed.error
    assert not failed.figures.exists()


def test_the_dartmoor_report_reproduces_the_2017_findings_from_the_records():
    """Rulebook A3-A10, each computed by its measure from the generated records, not written in: over 200
    released in the year with more projected; none released from a resettlement prison for his area (it is
    not one); nearly one in five held not under MAPPA; many released homeless or to temporary accommodation;
    few men maintaining innocence offered anything."""
    from resettle.reports.models import ReportSnapshot
    from resettle.reports.report import Scope, build, default_period

    assert ReportSnapshot.objects.filter(status="FINISHED").count() == 12  # a year of trend, from the load
    report = build(Scope.PRISON, "DAI", "HMP Dartmoor", default_period(TODAY))
    released = report.line("releases").here["men"]
    assert released > 200 and report.projected_next_12_months > 150
    assert report.line("released-from-resettlement-prison").here["value"] < 0.1
    not_under_mappa = 1 - report.line("under-mappa").here["value"]
    assert 0.1 < not_under_mappa < 0.3
    nights = report.line("accommodation-on-release").here["categories"]
    recorded = sum(count for key, count in nights.items() if key != "UNKNOWN")
    unsettled = nights["HOMELESS"] + nights["ROUGH_SLEEPING"] + nights["OTHER_HOUSED"]
    assert unsettled / recorded > 0.3
    assert report.line("maintaining-innocence-offered").here["value"] < 0.3
    assert len(report.line("under-mappa").trend) == 12


def test_the_command_says_what_its_counts_mean_and_why_most_prisons_are_empty(prison_scale):
    """Issue 18 §8: `make run` printed "off target 51, refused 22" without meaning, and 3 of 120 prisons
    held people without a word why."""
    assert "off target: men whose release the engine puts a few days from that date" in prison_scale
    assert "refused: bookings the engine cannot calculate" in prison_scale
    assert (
        "People are in 3 of the 120 prisons only: HMP Dartmoor, HMP Exeter and HMP Channings Wood"
        in prison_scale
    )
