"""Reads for the readiness pages: a prison's dashboard, its worklists, a POM's caseload, one man's timeline.

Lists read the stored cache (ReadinessSummary, ReadinessFinding), never evaluate checks per row, so each
page costs a fixed number of queries whatever the prison's size. Whether a stored finding is overdue is
decided against today's date here, so a list is right even on a day the nightly refresh has not run yet.
Every read takes the people the viewer may see (resettle.accounts.policy) and chooses among them.
"""

from dataclasses import dataclass, field
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta
from django.db.models import (
    Case,
    CharField,
    Count,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Concat, TruncMonth
from django.http import Http404

from resettle.accounts import policy
from resettle.core import shared
from resettle.estate.models import Prison
from resettle.people.models import Person
from resettle.people.selectors import open_transfer, prisons_with_population
from resettle.people.vocabulary import CustodyStatus, RoshLevel
from resettle.rules.planning.needs import DEFAULT_HORIZON_WEEKS
from resettle.rules.policy import in_words
from resettle.rules.readiness import Status, evaluate_case
from resettle.rules.readiness.checks import BY_ID
from resettle.rules.readiness.settings import DEFAULT_SETTINGS as POLICY
from resettle.rules.readiness.urgency import ROSH_URGENCY, UNKNOWN_ROSH
from resettle.rules.release import PAROLE_CONSIDERATION_DATES
from resettle.staff.models import Allocation, AllocationRole

from .case_builder import case_for
from .models import Rag, ReadinessFinding, ReadinessSummary

IN_CUSTODY = (CustodyStatus.IN_CUSTODY, CustodyStatus.RECALLED)
HIGH_RISK = (RoshLevel.HIGH, RoshLevel.VERY_HIGH)
# The parts of a release plan whose lateness puts a high-risk man at risk of an unplanned release.
PLAN_CHECKS = (
    "mappa-level-set",
    "approved-premises-application",
    "resettlement-prison-or-in-reach",
    "pre-release-report",
    "duty-to-refer",
    "first-night-accommodation",
    "licence-issued",
)


@dataclass(frozen=True)
class Worklist:
    slug: str
    title: str
    description: str
    per_person: bool = False  # one row per man (his first matching finding) rather than per finding
    shows_transfer: bool = False  # a column for his move to a resettlement prison (resettle.planning)

    def counted(self, n: int) -> str:
        """`n` rows of the list in words that say what a row is: "1 man", "1,149 steps"."""
        one, many = ("man", "men") if self.per_person else ("step", "steps")
        return f"{n:,} {one if n == 1 else many}"


WORKLISTS = {
    w.slug: w
    for w in (
        Worklist(
            "overdue",
            "Overdue",
            "Every pre-release step past its deadline, for the men released soonest first.",
        ),
        Worklist(
            "due-4-weeks",
            f"Due in the next {in_words(POLICY.due_soon)}",
            f"Steps not yet done that fall due in {POLICY.due_soon.days} days.",
        ),
        Worklist("due-12-weeks", "Due in the next 12 weeks", "Steps not yet done that fall due in 84 days."),
        Worklist(
            "no-accommodation",
            "Releases in 12 weeks without confirmed accommodation",
            "Men expected out within 84 days with no first-night accommodation confirmed (housed under MI014).",
            per_person=True,
        ),
        Worklist(
            "mappa-no-level",
            f"MAPPA-eligible, no level {in_words(POLICY.mappa_level_before_release)} before release",
            "MAPPA-eligible men whose level should have been set "
            f"{in_words(POLICY.mappa_level_before_release)} before the earliest release date.",
            per_person=True,
        ),
        Worklist(
            "high-risk-no-plan",
            "High-risk men without a timely plan",
            "High or very high RoSH men with a release-plan step overdue: MAPPA level, approved premises, "
            "resettlement prison or in-reach, pre-release report, Duty to Refer, accommodation, licence. "
            "Each man once, with the step that fell due first.",
            per_person=True,
        ),
        Worklist(
            "transfer",
            "Transfer to a resettlement prison",
            "Men released within 26 weeks, held out of their release area with no in-reach plan, and no move "
            "agreed that arrives by 12 weeks before release. The transfer plan proposes each move; the "
            "Transfer column says whether one is proposed.",
            per_person=True,
            shows_transfer=True,
        ),
        Worklist(
            "maintaining-innocence",
            "Men maintaining innocence",
            "Men who maintain their innocence without a denial-compatible intervention offered and its "
            "outcome recorded.",
            per_person=True,
        ),
        Worklist(
            "com-not-allocated",
            "COM not allocated at handover",
            f"Men within {in_words(POLICY.upcoming_handover_window)} of their handover date, or past it, with no "
            "community offender manager.",
            per_person=True,
        ),
    )
}


def _current_pom() -> Subquery:
    return Subquery(
        Allocation.objects.filter(
            person=OuterRef("person_id"), role=AllocationRole.PRIMARY_POM, ended_on__isnull=True
        )
        .annotate(name=Concat("staff__first_name", Value(" "), "staff__last_name", output_field=CharField()))
        .values("name")[:1]
    )


def _of_men_held(rows: QuerySet, prison: Prison, scope) -> QuerySet:
    """Rows about a man (findings, summaries) of the men in custody at `prison` whom the viewer may see.
    For one who sees the whole prison, by the man's own row alone (one join, on the index of prison and
    custody status): narrowing by the men he may see as well would make PostgreSQL scan every man in the
    country to match the two."""
    rows = rows.filter(person__current_prison=prison, person__status__in=IN_CUSTODY)
    if policy.sees_whole_prison(scope, prison):
        return rows
    return rows.filter(person__in=policy.people_seen_by(scope))


# The planning horizon of transfers to resettlement prisons (docs/transfers.md): men released within it.
TRANSFER_HORIZON = timedelta(weeks=DEFAULT_HORIZON_WEEKS)


def worklist(
    slug: str, prison: Prison, scope, *, today: date, check: str | None = None
) -> QuerySet[ReadinessFinding]:
    """The findings of worklist `slug` among the men held at `prison` whom the viewer (`scope`) may see,
    most urgent first (rules.readiness.urgency): the page, its CSV and the API alike. A list of men shows
    each man once, by the matching step that fell due first. `check` narrows it to one check's steps (the
    dashboard's rows link so)."""
    findings = _of_men_held(ReadinessFinding.objects.all(), prison, scope)
    if slug == "overdue":
        findings = findings.filter(due_on__lt=today)
    elif slug == "due-4-weeks":
        findings = findings.filter(due_on__gte=today, due_on__lte=today + POLICY.due_soon)
    elif slug == "due-12-weeks":
        findings = findings.filter(due_on__gte=today, due_on__lte=today + timedelta(days=84))
    elif slug == "no-accommodation":
        findings = findings.filter(
            check_id="first-night-accommodation",
            person__readiness__expected_release__lte=today + timedelta(days=84),
        )
    elif slug == "mappa-no-level":
        findings = findings.filter(check_id="mappa-level-set", due_on__lt=today)
    elif slug == "high-risk-no-plan":
        findings = findings.filter(
            check_id__in=PLAN_CHECKS, due_on__lt=today, person__risk__rosh_level__in=HIGH_RISK
        )
    elif slug == "com-not-allocated":
        findings = findings.filter(check_id="com-allocated-before-handover", due_on__lt=today)
    elif slug == "transfer":
        findings = findings.filter(
            check_id="transferred-by-12-weeks",
            person__readiness__earliest_release__lte=today + TRANSFER_HORIZON,
        ).annotate(**open_transfer("person__"))
    elif slug == "maintaining-innocence":
        findings = findings.filter(
            check_id="innocence-intervention-offered", person__risk__maintains_innocence=True
        )
    else:
        raise KeyError(slug)
    if check is not None:
        findings = findings.filter(check_id=check)
    if WORKLISTS[slug].per_person:
        first = findings.filter(person=OuterRef("person")).order_by("due_on", "check_id").values("pk")[:1]
        findings = findings.filter(pk=Subquery(first))
    return (
        findings.select_related("person", "person__risk", "person__readiness")
        .annotate(pom_name=_current_pom())
        .order_by(*_most_urgent_first())
    )


def chosen_check(query) -> str | None:
    """The one check a worklist is narrowed to (`?check=`), if any: a link from the dashboard's rows. One
    the catalogue does not know is refused, naming it, rather than shown as an empty list."""
    check = query.get("check") or None
    if check is not None and check not in BY_ID:
        raise Http404(f"No readiness check called {check[:60]}")
    return check


def _men_most_urgent_first(man: str = "") -> list:
    """rules.readiness.urgency.urgency's order of men as the database sorts: release, RoSH, MAPPA level.
    `man` is the path to the Person from the rows sorted ("person__" from a finding)."""
    rosh = Case(
        *(
            When(**{f"{man}risk__rosh_level": level.value}, then=Value(n))
            for n, level in enumerate(ROSH_URGENCY)
        ),
        default=Value(UNKNOWN_ROSH),
    )
    return [
        F(f"{man}readiness__earliest_release").asc(nulls_last=True),
        rosh.asc(),
        F(f"{man}risk__mappa_level").desc(nulls_last=True),
    ]


def _most_urgent_first() -> list:
    """rules.readiness.urgency.urgency as the database sorts a worklist: the man's urgency, then the deadline."""
    return [
        *_men_most_urgent_first("person__"),
        "due_on",
        "person__last_name",
        "person__first_name",
        "check_id",
    ]


@dataclass(frozen=True)
class WorklistRow:
    finding: ReadinessFinding
    title: str
    days: int  # days overdue (positive) or until due (negative or zero)

    @property
    def overdue(self) -> bool:
        return self.days > 0

    @property
    def days_left(self) -> int:
        return -self.days


def finding_man_number(finding: ReadinessFinding) -> str:
    return finding.person.prison_number


def rows(findings, *, today: date) -> list[WorklistRow]:
    return [WorklistRow(f, BY_ID[f.check_id].title, (today - f.due_on).days) for f in findings]


# --- dashboard ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthBar:
    month: date
    red: int
    amber: int
    green: int

    @property
    def total(self) -> int:
        return self.red + self.amber + self.green


@dataclass(frozen=True)
class CheckCount:
    check_id: str
    title: str
    overdue: int
    due_soon: int


@dataclass
class Dashboard:
    prison: Prison
    in_custody: int
    rag: dict[str, int]
    not_evaluated: int
    months: list[MonthBar]
    by_check: list[CheckCount]
    mappa_eligible: int = 0  # the men a share of "MAPPA-eligible, no level" is of
    worklists: list[tuple[Worklist, int]] = field(default_factory=list)

    @property
    def worklists_with_shares(self) -> list[tuple[Worklist, int, int | None]]:
        """Each worklist's count and the number it is a share of, where one means something: the
        MAPPA-eligible men for those without a level, the men in custody for the other lists of men, none
        for a list of steps (a man may have several)."""
        return [(definition, n, self._whole_of(definition)) for definition, n in self.worklists]

    def _whole_of(self, definition: Worklist) -> int | None:
        if definition.slug == "mappa-no-level":
            return self.mappa_eligible
        return self.in_custody if definition.per_person else None

    @property
    def busiest_month(self) -> int:
        return max((bar.total for bar in self.months), default=0)


def worklist_pages(
    slug: str, prison: Prison, scope, *, today: date, check: str | None = None
) -> QuerySet | shared.SharedList:
    """The worklist to page through: shared by all who see the whole prison, else the viewer's own."""

    def findings():
        return worklist(slug, prison, scope, today=today, check=check)

    if policy.sees_whole_prison(scope, prison):
        return shared.SharedList(
            findings, shared.prison(prison.pk), today, f"worklist:{slug}:{check}", finding_man_number
        )
    return findings()


def dashboard(prison: Prison, scope, *, today: date) -> Dashboard:
    """The prison's figures among the men the viewer (`scope`) may see there. Those of the whole prison,
    which every SPO, governor and lead there reads, are counted once a minute (or after a refresh) and
    shared; a narrower view is counted for its viewer alone."""
    if not policy.sees_whole_prison(scope, prison):
        return _count_dashboard(prison, scope, today=today)
    return shared.read(
        shared.prison(prison.pk), today, "dashboard", lambda: _count_dashboard(prison, scope, today=today)
    )


def _count_dashboard(prison: Prison, scope, *, today: date) -> Dashboard:
    summaries = _of_men_held(ReadinessSummary.objects.all(), prison, scope)
    rag = {choice: 0 for choice in Rag.values}
    rag.update(dict(summaries.values_list("rag").annotate(n=Count("pk")).values_list("rag", "n")))
    in_custody = policy.people_held_at(scope, prison).filter(status__in=IN_CUSTODY).count()
    first = today.replace(day=1)
    last = first + relativedelta(months=12)
    # Releases by month: a TED or THD is when the Parole Board may consider release, not a release.
    per_month = (
        summaries.filter(earliest_release__gte=today, earliest_release__lt=last)
        .exclude(person__earliest_release_type__in=PAROLE_CONSIDERATION_DATES)
        .annotate(month=TruncMonth("earliest_release"))
        .values("month", "rag")
        .annotate(n=Count("pk"))
    )
    counts: dict[tuple[date, str], int] = {}
    for row in per_month:
        month = row["month"].date() if hasattr(row["month"], "date") else row["month"]
        counts[(month, row["rag"])] = row["n"]
    months = []
    for offset in range(12):
        month = first + relativedelta(months=offset)
        months.append(
            MonthBar(
                month,
                counts.get((month, Rag.RED), 0),
                counts.get((month, Rag.AMBER), 0),
                counts.get((month, Rag.GREEN), 0),
            )
        )
    soon = today + POLICY.due_soon
    per_check = (
        _of_men_held(ReadinessFinding.objects.all(), prison, scope)
        .filter(due_on__lte=soon)
        .values("check_id")
        .annotate(
            overdue=Count("pk", filter=Q(due_on__lt=today)), due_soon=Count("pk", filter=Q(due_on__gte=today))
        )
        .order_by("-overdue", "-due_soon", "check_id")
    )
    by_check = [
        CheckCount(row["check_id"], BY_ID[row["check_id"]].title, row["overdue"], row["due_soon"])
        for row in per_check
        if row["check_id"] in BY_ID
    ]
    board = Dashboard(
        prison=prison,
        in_custody=in_custody,
        rag=rag,
        not_evaluated=max(in_custody - sum(rag.values()), 0),
        months=months,
        by_check=by_check,
        mappa_eligible=summaries.filter(mappa_eligible=True).count(),
    )
    board.worklists = worklist_counts(prison, scope, today=today)
    return board


def worklist_counts(prison: Prison, scope, *, today: date) -> list[tuple[Worklist, int]]:
    """How many rows each worklist has: one query per list, whatever the prison's size."""
    return [
        (definition, worklist(slug, prison, scope, today=today).order_by().count())
        for slug, definition in WORKLISTS.items()
    ]


# --- a POM's caseload ----------------------------------------------------------------------------------


def my_caseload(staff_id: int | None, people: QuerySet[Person]) -> QuerySet[Person]:
    """The men allocated to this member of staff (as POM or co-working POM, or COM), the most urgent first,
    as a worklist orders them (rules.readiness.urgency): who leaves soonest, then the riskiest."""
    if staff_id is None:
        return Person.objects.none()
    mine = Allocation.objects.filter(staff_id=staff_id, ended_on__isnull=True).values("person_id")
    return (
        people.filter(pk__in=mine)
        .select_related("readiness", "risk", "current_prison")
        .order_by(*_men_most_urgent_first(), "last_name", "first_name")
    )


# --- one man's timeline ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimelineItem:
    finding: object  # rules.readiness.Finding
    section: str | None  # the plan record that satisfies it (views.SECTIONS), if one can be edited here
    source: str
    first_after_today: bool = False  # the "today" marker goes before this one

    @property
    def status(self) -> str:
        return str(self.finding.status)


@dataclass
class Timeline:
    person: Person
    report: object | None  # rules.readiness.Report, None when there is no booking
    items: list[TimelineItem]
    not_applicable: list[TimelineItem]
    today: date

    @property
    def counts(self) -> dict[str, int]:
        found = {status: 0 for status in ("overdue", "due", "done")}
        for item in self.items:
            found[item.status] += 1
        return found

    @property
    def overdue(self) -> list[TimelineItem]:
        """The steps past their deadline, the longest overdue first: what his page puts first."""
        return [item for item in self.items if item.status == Status.OVERDUE]

    @property
    def due_soon(self) -> list[TimelineItem]:
        """The steps not yet done that fall due within the window that makes him Amber, soonest first."""
        soon = self.today + POLICY.due_soon
        return [item for item in self.items if item.status == Status.DUE and item.finding.due_date <= soon]

    @property
    def due_later(self) -> int:
        """How many steps fall due after that window (they are on his full timeline)."""
        return self.counts["due"] - len(self.due_soon)


# Which plan-record form satisfies a check: the link from a timeline entry to the form that fixes it.
CHECK_SECTIONS = {
    "immediate-needs-screen": "resettlement",
    "innocence-intervention-offered": "interventions",
    "early-allocation-screened": "handover",
    "early-allocation-handover": "handover",
    "parole-handover": "handover",
    "handover-tasks-complete": "handover",
    "mappa-category-recorded": "mappa",
    "mappa-level-set": "mappa",
    "mappa-referral-made": "mappa",
    "mappa-prison-report-supplied": "mappa",
    "mappa-rmp-agreed": "mappa",
    "police-told-of-release": "mappa",
    "mappa-pre-release-meeting": "mappa-meeting",
    "mappa-level-2-review": "mappa-meeting",
    "mappa-level-3-review": "mappa-meeting",
    "notification-recorded": "notification",
    "rso-initial-notification": "notification",
    "resettlement-prison-or-in-reach": "transfer",
    "pre-release-report": "resettlement",
    "bank-account-application": "resettlement",
    "id-documents-obtained": "resettlement",
    "hdc-assessment": "resettlement",
    "hdc-decision-maker-approval": "resettlement",
    "release-day-arrangements": "resettlement",
    "resettlement-pathways-assessed": "pathways",
    "duty-to-refer": "accommodation",
    "cas3-referral": "accommodation",
    "first-night-accommodation": "accommodation",
    "approved-premises-application": "approved-premises",
    "licence-issued": "licence",
    "licence-conditions-as-required": "licence",
    "day-one-appointment": "day-one",
    "accommodation-outcome-recorded": "outcome",
    "settled-accommodation-follow-up": "outcome",
}


def timeline(person: Person, *, today: date) -> Timeline:
    """Every check for one man, evaluated now: applicable ones in date order, then those that do not apply."""
    case = case_for(person)
    if case is None:
        return Timeline(person, None, [], [], today)
    report = evaluate_case(case, today)
    items, not_applicable = [], []
    for finding in report.findings:
        item = TimelineItem(finding, CHECK_SECTIONS.get(finding.check), finding.source)
        (not_applicable if finding.status == Status.NOT_APPLICABLE else items).append(item)
    items.sort(key=lambda item: (item.finding.due_date, item.finding.check))
    ahead = next((n for n, item in enumerate(items) if item.finding.due_date > today), None)
    if ahead is not None:
        items[ahead] = TimelineItem(items[ahead].finding, items[ahead].section, items[ahead].source, True)
    return Timeline(person, report, items, not_applicable, today)


# --- across prisons --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PrisonFigures:
    """One prison's line of the roll-up: men, and what is late among them."""

    prison: Prison
    in_custody: int
    red: int
    amber: int
    green: int
    releasing_in_12_weeks: int
    mappa_eligible: int
    mappa_without_level: int  # men whose MAPPA level is overdue (the mappa-no-level worklist)
    overdue_steps: int


def overview(prisons: QuerySet[Prison], *, today: date) -> list[PrisonFigures]:
    """The readiness figures of every prison in `prisons`, each prison's men counted as its own dashboard
    counts them, in three queries whatever the number of prisons: the prisons with their men in custody,
    the summaries by prison, the findings by prison."""
    listed = list(prisons_with_population(prisons).order_by("name"))
    held = {"person__current_prison__in": [p.pk for p in listed], "person__status__in": IN_CUSTODY}
    by_prison = "person__current_prison"
    summaries = {
        row[by_prison]: row
        for row in ReadinessSummary.objects.filter(**held)
        .values(by_prison)
        .annotate(
            red=Count("pk", filter=Q(rag=Rag.RED)),
            amber=Count("pk", filter=Q(rag=Rag.AMBER)),
            green=Count("pk", filter=Q(rag=Rag.GREEN)),
            # As the caseload's window counts them: a TED or THD is no release (rules.release.is_release_date).
            releasing=Count(
                "pk",
                filter=Q(earliest_release__gte=today, earliest_release__lte=today + timedelta(days=84))
                & ~Q(person__earliest_release_type__in=PAROLE_CONSIDERATION_DATES),
            ),
            mappa_eligible=Count("pk", filter=Q(mappa_eligible=True)),
        )
        .order_by()
    }
    findings = {
        row[by_prison]: row
        for row in ReadinessFinding.objects.filter(due_on__lt=today, **held)
        .values(by_prison)
        .annotate(overdue=Count("pk"), mappa=Count("pk", filter=Q(check_id="mappa-level-set")))
        .order_by()
    }
    figures = []
    for prison in listed:
        summary, late = summaries.get(prison.pk, {}), findings.get(prison.pk, {})
        figures.append(
            PrisonFigures(
                prison=prison,
                in_custody=prison.in_custody,
                red=summary.get("red", 0),
                amber=summary.get("amber", 0),
                green=summary.get("green", 0),
                releasing_in_12_weeks=summary.get("releasing", 0),
                mappa_eligible=summary.get("mappa_eligible", 0),
                mappa_without_level=late.get("mappa", 0),
                overdue_steps=late.get("overdue", 0),
            )
        )
    return figures
