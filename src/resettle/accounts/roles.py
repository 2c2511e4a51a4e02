"""The roles a user can hold, as Django groups of these names, and what kind of access each gives.

Where a role applies (which prison, region, delivery unit or inspection) is the user's scope; what the
role and scope together let him see and change is decided in resettle.accounts.policy.
"""

from enum import StrEnum


class Role(StrEnum):
    POM = "POM"
    SPO = "SPO"
    COM = "COM"
    MAPPA_COORDINATOR = "MAPPA coordinator"
    GOVERNOR = "Governor"
    REGIONAL_LEAD = "Regional lead"
    NATIONAL_LEAD = "National lead"
    INSPECTOR = "Inspector"
    ADMINISTRATOR = "Administrator"


# Roles that see the records of some people in custody.
CASE_ROLES = frozenset(Role) - {Role.ADMINISTRATOR}

# Roles whose holder sees every man in his own prison.
PRISON_ROLES = frozenset({Role.POM, Role.SPO, Role.GOVERNOR})

# Django apps an administrator manages through the admin site: users, roles, devices, lockouts, and the
# list of background jobs (core). Case data (people, staff, plans, the estate) is not among them,
# whatever his Django permissions say.
USER_MANAGEMENT_APPS = frozenset({"accounts", "auth", "otp_totp", "axes", "core"})
