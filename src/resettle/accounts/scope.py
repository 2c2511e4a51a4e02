"""A signed-in user's scope: his roles and where they apply, read once per request."""

from dataclasses import dataclass
from datetime import date

from resettle.staff.models import StaffMember

from .models import InspectionGrant
from .principal import principal
from .roles import CASE_ROLES, Role


@dataclass(frozen=True)
class Scope:
    user_id: int | None = None
    roles: frozenset[Role] = frozenset()
    prison_id: int | None = None
    region_id: int | None = None
    pdu_id: int | None = None
    # The member of staff he signs in as: a POM's or COM's allocations are made to this record.
    staff_id: int | None = None
    # The prison of an inspection under way today; none before it starts or after it ends.
    inspected_prison_id: int | None = None

    def has(self, *roles: Role) -> bool:
        return any(role in self.roles for role in roles)

    @property
    def sees_case_data(self) -> bool:
        return bool(self.roles & CASE_ROLES)

    @property
    def is_administrator(self) -> bool:
        return Role.ADMINISTRATOR in self.roles


NOBODY = Scope()


def scope_for(user, *, today: date) -> Scope:
    if not (user.is_authenticated and user.is_active):
        return NOBODY
    known = {role.value for role in Role}
    roles = frozenset(Role(name) for name in principal(user).role_names if name in known)
    staff_id = (
        StaffMember.objects.filter(user=user, is_active=True).values_list("id", flat=True).first()
        if roles & {Role.POM, Role.COM}
        else None
    )
    inspected = (
        InspectionGrant.objects.filter(inspector=user, starts_on__lte=today, ends_on__gte=today)
        .values_list("prison_id", flat=True)
        .first()
        if Role.INSPECTOR in roles
        else None
    )
    return Scope(
        user_id=user.pk,
        roles=roles,
        prison_id=user.caseload_prison_id,
        region_id=user.region_id,
        pdu_id=user.pdu_id,
        staff_id=staff_id,
        inspected_prison_id=inspected,
    )
