"""The daily digest: for each POM, what became overdue or came due soon (within the readiness numbers' "due
soon" window) among the men allocated to him since the last digest; for each SPO or head of offender
management, the same for his whole prison. Read from the readiness cache by deadline, so a digest run late or twice says the same."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.urls import NoReverseMatch, reverse

from resettle.rules.explained import long_date, short_date
from resettle.rules.policy import in_words
from resettle.rules.readiness.checks import BY_ID
from resettle.rules.readiness.settings import DEFAULT_SETTINGS as POLICY
from resettle.staff.models import Allocation, AllocationRole, StaffMember, StaffRole

from .models import ReadinessFinding
from .selectors import IN_CUSTODY

POM_ROLES = (StaffRole.PRISON_POM, StaffRole.PROBATION_POM)
LEAD_ROLES = (StaffRole.SPO, StaffRole.HOMD)
LISTED = 60  # a prison-wide digest lists this many lines and counts the rest


@dataclass(frozen=True)
class DigestLine:
    name: str
    prison_number: str
    title: str
    due_on: date
    overdue: bool
    blocker: bool

    def text(self) -> str:
        when = (
            f"overdue since {short_date(self.due_on)}"
            if self.overdue
            else f"due by {short_date(self.due_on)}"
        )
        blocker = " [release blocker]" if self.blocker else ""
        return f"- {self.name} ({self.prison_number}): {self.title} – {when}{blocker}"


def changed_findings(people_filter: Q, *, since: date, today: date):
    """Findings that became overdue (deadline passed on or after `since`) or came due soon."""
    soon = POLICY.due_soon
    became = Q(due_on__gte=since, due_on__lt=today) | Q(due_on__gt=since + soon, due_on__lte=today + soon)
    return (
        ReadinessFinding.objects.filter(people_filter, became, person__status__in=IN_CUSTODY)
        .select_related("person")
        .order_by("due_on", "person__last_name", "check_id")
    )


def _lines(findings, today: date) -> list[DigestLine]:
    return [
        DigestLine(
            f.person.listed_name,
            f.person.prison_number,
            BY_ID[f.check_id].title if f.check_id in BY_ID else f.check_id,
            f.due_on,
            f.due_on < today,
            f.severity == "BLOCKER",
        )
        for f in findings
    ]


def _readiness_link(base_url: str) -> str:
    try:
        return f"{base_url}{reverse('my-caseload')}"
    except NoReverseMatch:
        return ""


def compose(
    member: StaffMember, lines: list[DigestLine], *, total: int, today: date, base_url: str, scope: str
):
    overdue = sum(line.overdue for line in lines)
    subject = (
        f"Resettle: {overdue} newly overdue, {len(lines) - overdue} due within {in_words(POLICY.due_soon)} – "
        f"{long_date(today)}"
    )
    body = [
        f"Dear {member.first_name},",
        "",
        "Release-readiness steps that became overdue or came within "
        f"{in_words(POLICY.due_soon)} of their deadline for {scope}:",
        "",
        *(line.text() for line in lines),
    ]
    if total > len(lines):
        body.append(f"... and {total - len(lines)} more: see the worklists in Resettle.")
    link = _readiness_link(base_url)
    body += ["", f"Open Resettle to act on them{': ' + link if link else ''}.", "", "Resettle"]
    return EmailMessage(subject, "\n".join(body), settings.DEFAULT_FROM_EMAIL, [member.email])


def build_digests(*, today: date, since: date | None = None, prison: str | None = None, base_url: str = ""):
    since = since or today - timedelta(days=1)
    staff = StaffMember.objects.filter(is_active=True).exclude(email="").select_related("prison")
    if prison:
        staff = staff.filter(
            Q(prison__code=prison) | Q(allocations__person__current_prison__code=prison)
        ).distinct()
    messages = []
    for member in staff.filter(role__in=POM_ROLES).order_by("pk"):
        mine = Allocation.objects.filter(
            staff=member,
            ended_on__isnull=True,
            role__in=(AllocationRole.PRIMARY_POM, AllocationRole.CO_WORKING_POM),
        ).values("person_id")
        findings = list(changed_findings(Q(person_id__in=mine), since=since, today=today))
        if findings:
            messages.append(
                compose(
                    member,
                    _lines(findings, today),
                    total=len(findings),
                    today=today,
                    base_url=base_url,
                    scope="the men allocated to you",
                )
            )
    for member in staff.filter(role__in=LEAD_ROLES, prison__isnull=False).order_by("pk"):
        findings = changed_findings(Q(person__current_prison_id=member.prison_id), since=since, today=today)
        total = findings.count()
        if total:
            messages.append(
                compose(
                    member,
                    _lines(findings[:LISTED], today),
                    total=total,
                    today=today,
                    base_url=base_url,
                    scope=member.prison.name,
                )
            )
    return messages


def send_digests(**options) -> int:
    messages = build_digests(**options)
    if messages:
        get_connection().send_messages(messages)
    return len(messages)
