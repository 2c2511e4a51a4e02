"""Demo sign-ins, one per role, on one password; the POM, SPO, COM and MAPPA users are staff with cases."""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import Group
from django.db.models import Count, Q

from resettle.accounts.models import InspectionGrant, User
from resettle.core.clock import today
from resettle.estate.models import Prison
from resettle.people.models import Person
from resettle.people.vocabulary import CustodyStatus
from resettle.staff.models import StaffMember, StaffRole

DEMO_PASSWORD = "dartmoor-demo-2017"
ROLE_GROUPS = (
    "POM",
    "SPO",
    "COM",
    "MAPPA coordinator",
    "Governor",
    "Regional lead",
    "National lead",
    "Inspector",
    "Administrator",
)


@dataclass(frozen=True)
class DemoUser:
    username: str
    group: str
    first_name: str
    last_name: str
    works_as: str


DEMO_USERS = (
    DemoUser("pom", "POM", "", "", "Prison offender manager, HMP Dartmoor"),
    DemoUser("spo", "SPO", "", "", "Senior probation officer, HMP Dartmoor offender management unit"),
    DemoUser("com", "COM", "", "", "Community offender manager in the PDU most Dartmoor men go to"),
    DemoUser("mappa", "MAPPA coordinator", "", "", "MAPPA coordinator, South West"),
    DemoUser("governor", "Governor", "Ruth", "Penhale", "Governing governor, HMP Dartmoor"),
    DemoUser("regional", "Regional lead", "Owen", "Tregear", "Prison group director, South West"),
    DemoUser("national", "National lead", "Alison", "Marsh", "National lead, HMPPS headquarters"),
    DemoUser(
        "inspector", "Inspector", "Martin", "Oldfield", "HM Inspectorate of Prisons, inspecting Dartmoor"
    ),
    DemoUser("admin", "Administrator", "Sam", "Ellery", "Service administrator"),
)
DEMO_USERNAMES = tuple(user.username for user in DEMO_USERS)
# The roles whose scope is a region: Dartmoor's, for the demo.
REGIONAL_GROUPS = ("MAPPA coordinator", "Regional lead")


def _busiest(members, men: Q | None = None) -> StaffMember | None:
    current = Q(allocations__ended_on__isnull=True) & (men or Q())
    return members.annotate(cases=Count("allocations", filter=current)).order_by("-cases", "id").first()


def _staff_for(username: str, dartmoor: Prison) -> StaffMember | None:
    """The member of staff each staff user signs in as: the busiest of his kind, so his lists are full."""
    at_dartmoor = StaffMember.objects.filter(prison=dartmoor)
    if username == "pom":
        return _busiest(at_dartmoor.filter(role=StaffRole.PRISON_POM))
    if username == "spo":
        return at_dartmoor.filter(role=StaffRole.SPO).order_by("id").first()
    if username == "com":
        busiest_area = (
            Person.objects.filter(current_prison=dartmoor)
            .exclude(status=CustodyStatus.RELEASED)
            .exclude(release_area=None)
            .values("release_area")
            .annotate(men=Count("id"))
            .order_by("-men", "release_area")
            .first()
        )
        if busiest_area is None:
            return None
        coms = StaffMember.objects.filter(role=StaffRole.COM, pdu_id=busiest_area["release_area"])
        return _busiest(coms, Q(allocations__person__current_prison=dartmoor))
    if username == "mappa":
        return (
            StaffMember.objects.filter(role=StaffRole.MAPPA_COORDINATOR, pdu__region=dartmoor.region)
            .order_by("id")
            .first()
        )
    return None


def create_demo_users() -> list[tuple[User, DemoUser]]:
    dartmoor = Prison.objects.get(code="DAI")
    groups = {name: Group.objects.get_or_create(name=name)[0] for name in ROLE_GROUPS}
    made = []
    for demo in DEMO_USERS:
        member = _staff_for(demo.username, dartmoor)
        first, last = (member.first_name, member.last_name) if member else (demo.first_name, demo.last_name)
        # A user kept from an earlier load (the audit trail names him) is given his role and scope again.
        user, _ = User.objects.update_or_create(
            username=demo.username,
            defaults={
                "first_name": first,
                "last_name": last,
                "caseload_prison": dartmoor,
                "region": dartmoor.region if demo.group in REGIONAL_GROUPS else None,
                "pdu": member.pdu if member and demo.group == "COM" else None,
                "is_staff": demo.username == "admin",
                "is_superuser": demo.username == "admin",
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        user.groups.add(groups[demo.group])
        if demo.group == "Inspector":
            # An inspection under way: a week in, three weeks to go.
            InspectionGrant.objects.create(
                inspector=user,
                prison=dartmoor,
                starts_on=today() - timedelta(days=7),
                ends_on=today() + timedelta(days=21),
            )
        if member:
            member.user = user
            member.save(update_fields=["user"])
        made.append((user, demo))
    return made
