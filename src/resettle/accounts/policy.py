"""Who may see and change which people and prisons: the one access policy every screen, API, export and
import reads through. Each answer is a queryset filter (for lists) or a predicate built on the same
filter (for one record), so a list and a record can never disagree.

- POM, SPO, governor: every man in, or released from, his prison, and every man on a transfer to it (a proposed one for the SPO and governor only). A POM changes the cases allocated to
  him; an SPO changes any case in his prison; a governor changes none.
- COM: men allocated to him as COM, and men to be released to his probation delivery unit; he changes the
  ones allocated to him.
- MAPPA coordinator: MAPPA-eligible men (a MAPPA category recorded) held in or released to his region.
- Regional lead: men held in, or released from, his region's prisons. National lead: everyone. Both read
  only.
- Inspector: men held in, or released from, the prison he is inspecting, while the inspection lasts (the
  inspection measures are of the men it released as much as of those it holds); read only.
- Administrator: nobody, unless he also holds one of the roles above.
"""

from django.db.models import Q, QuerySet

from resettle.estate.models import Prison
from resettle.people.models import Booking, Person
from resettle.planning.models import OPEN_TRANSFER, PLANNED, Transfer
from resettle.staff.models import Allocation, AllocationRole

from .roles import PRISON_ROLES, Role
from .scope import Scope

NOTHING = Q(pk__in=[])
POM_ALLOCATIONS = (AllocationRole.PRIMARY_POM, AllocationRole.CO_WORKING_POM)


def _allocated_to(scope: Scope, roles) -> Q:
    if scope.staff_id is None:
        return NOTHING
    current = Allocation.objects.filter(staff_id=scope.staff_id, role__in=roles, ended_on__isnull=True)
    return Q(pk__in=current.values("person_id"))


def _in_or_released_from(prison_id: int | None) -> Q:
    if prison_id is None:
        return NOTHING
    released = Booking.objects.filter(released_from_id=prison_id).values("person_id")
    return Q(current_prison_id=prison_id) | Q(pk__in=released)


def _arriving(scope: Scope) -> Q:
    """Men on a transfer to his prison: its SPO and governor see a proposal, to accept or reject it; every
    POM, SPO and governor there sees an agreed move, to prepare for his arrival."""
    if scope.prison_id is None:
        return NOTHING
    statuses = OPEN_TRANSFER if scope.has(Role.SPO, Role.GOVERNOR) else PLANNED
    arriving = Transfer.objects.filter(to_prison_id=scope.prison_id, status__in=statuses)
    return Q(pk__in=arriving.values("person_id"))


def _seen(scope: Scope) -> Q:
    if scope.has(Role.NATIONAL_LEAD):
        return Q()
    seen = NOTHING
    if scope.roles & PRISON_ROLES:
        seen |= _in_or_released_from(scope.prison_id) | _arriving(scope)
    if scope.has(Role.COM):
        seen |= _allocated_to(scope, [AllocationRole.COM])
        if scope.pdu_id is not None:
            seen |= Q(release_area_id=scope.pdu_id)
    if scope.has(Role.MAPPA_COORDINATOR) and scope.region_id is not None:
        in_region = Q(current_prison__region_id=scope.region_id) | Q(release_area__region_id=scope.region_id)
        seen |= Q(risk__mappa_category__isnull=False) & in_region
    if scope.has(Role.REGIONAL_LEAD) and scope.region_id is not None:
        released = Booking.objects.filter(released_from__region_id=scope.region_id).values("person_id")
        seen |= Q(current_prison__region_id=scope.region_id) | Q(pk__in=released)
    if scope.has(Role.INSPECTOR) and scope.inspected_prison_id is not None:
        seen |= _in_or_released_from(scope.inspected_prison_id)
    return seen


def _editable(scope: Scope) -> Q:
    editable = NOTHING
    if scope.has(Role.SPO) and scope.prison_id is not None:
        editable |= Q(current_prison_id=scope.prison_id)
    if scope.has(Role.POM):
        editable |= _allocated_to(scope, POM_ALLOCATIONS)
    if scope.has(Role.COM):
        editable |= _allocated_to(scope, [AllocationRole.COM])
    return editable


def people_seen_by(scope: Scope) -> QuerySet[Person]:
    return Person.objects.filter(_seen(scope))


def people_editable_by(scope: Scope) -> QuerySet[Person]:
    return Person.objects.filter(_editable(scope))


def sees_whole_prison(scope: Scope, prison: Prison) -> bool:
    """Whether he sees every man held in `prison`, so that its caseload needs no narrowing per man."""
    return (
        scope.has(Role.NATIONAL_LEAD)
        or (bool(scope.roles & PRISON_ROLES) and scope.prison_id == prison.pk)
        or (scope.has(Role.REGIONAL_LEAD) and scope.region_id == prison.region_id)
        or (scope.has(Role.INSPECTOR) and scope.inspected_prison_id == prison.pk)
    )


def people_held_at(scope: Scope, prison: Prison) -> QuerySet[Person]:
    """The men at `prison` he may see: all of them, or (a COM, a MAPPA coordinator) his own among them."""
    held = Person.objects.filter(current_prison=prison)
    return held if sees_whole_prison(scope, prison) else held.filter(_seen(scope))


def prisons_seen_by(scope: Scope) -> QuerySet[Prison]:
    """The prisons whose lists he may open: his own, his region's, or those holding men he sees."""
    if scope.has(Role.NATIONAL_LEAD):
        return Prison.objects.all()
    seen = NOTHING
    if scope.roles & PRISON_ROLES and scope.prison_id is not None:
        seen |= Q(pk=scope.prison_id)
    if scope.has(Role.REGIONAL_LEAD) and scope.region_id is not None:
        seen |= Q(region_id=scope.region_id)
    if scope.inspected_prison_id is not None and scope.has(Role.INSPECTOR):
        seen |= Q(pk=scope.inspected_prison_id)
    if scope.has(Role.COM, Role.MAPPA_COORDINATOR):
        seen |= Q(pk__in=people_seen_by(scope).values("current_prison_id"))
    return Prison.objects.filter(seen)


def can_see_prison(scope: Scope, prison_code: str) -> bool:
    return prison_seen(scope, prison_code) is not None


def prison_seen(scope: Scope, prison_code: str) -> Prison | None:
    """The prison of that code, if he may open its lists (one of `prisons_seen_by`): read once, for the gate
    and the view alike. Whoever sees the whole prison is answered from his scope, without another query."""
    prison = Prison.objects.filter(code=prison_code).first()
    if prison is None:
        return None
    if sees_whole_prison(scope, prison) or prisons_seen_by(scope).filter(pk=prison.pk).exists():
        return prison
    return None


def can_view_person(scope: Scope, prison_number: str) -> bool:
    return person_seen(scope, prison_number) is not None


def person_seen(scope: Scope, prison_number: str) -> tuple[int, int | None] | None:
    """The id and current prison of the man of that prison number, if he may see him."""
    return _found(people_seen_by(scope), prison_number)


def person_editable(scope: Scope, prison_number: str) -> tuple[int, int | None] | None:
    """The id and current prison of the man of that prison number, if he may change his record."""
    return _found(people_editable_by(scope), prison_number)


def _found(people: QuerySet[Person], prison_number: str) -> tuple[int, int | None] | None:
    return people.filter(prison_number=prison_number).values_list("pk", "current_prison_id").first()


def can_edit_person_held_at(scope: Scope, prison_number: str, prison_id: int | None) -> bool:
    """`can_edit_person`, for a man known to be held at `prison_id`: an SPO of that prison may, and one
    who is neither his POM nor his COM may not, without a query; a POM's or COM's allocations are read."""
    if scope.has(Role.SPO) and scope.prison_id is not None and prison_id == scope.prison_id:
        return True
    if not scope.has(Role.POM, Role.COM):
        return False
    return can_edit_person(scope, prison_number)


def can_edit_person(scope: Scope, prison_number: str) -> bool:
    return people_editable_by(scope).filter(prison_number=prison_number).exists()
