"""Access rules: each view declares one with @access(RULE), and AccessPolicyMiddleware enforces it.

A view without a rule is refused (default deny), so a new screen, API endpoint, export or import cannot
be reachable by accident before someone has said who may use it. A rule names the roles it allows and,
where the URL names a prison or a person, the URL keyword the policy checks against the user's scope.
"""

from collections.abc import Callable
from dataclasses import dataclass

from .roles import USER_MANAGEMENT_APPS, Role
from .scope import Scope


@dataclass(frozen=True)
class Rule:
    name: str
    allows: Callable[[Scope], bool]
    sign_in: bool = True
    two_factor: bool = True
    # URL keywords naming a prison or a person the user must be in scope for (resettle.accounts.policy).
    prison: str = ""
    person: str = ""
    # The person must be one he may change, not only see.
    changes_person: bool = False
    # What the audit trail records for each use, for rules that name a person ("" for none).
    audit_as: str = ""
    # Admin site only: the Django apps the admin pages may be for; every other app's pages are refused.
    admin_apps: frozenset[str] = frozenset()


def anyone(scope: Scope) -> bool:
    return True


def case_roles(scope: Scope) -> bool:
    return scope.sees_case_data


def administrators(scope: Scope) -> bool:
    return scope.is_administrator


def planners(scope: Scope) -> bool:
    """Those who plan a prison's resources: its SPO and governor, the leads over it, and its inspectors."""
    return scope.has(Role.SPO, Role.GOVERNOR, Role.REGIONAL_LEAD, Role.NATIONAL_LEAD, Role.INSPECTOR)


def transfer_deciders(scope: Scope) -> bool:
    return scope.has(Role.SPO, Role.GOVERNOR)


def report_readers(scope: Scope) -> bool:
    return scope.has(Role.INSPECTOR, Role.GOVERNOR, Role.REGIONAL_LEAD, Role.NATIONAL_LEAD)


def national_leads(scope: Scope) -> bool:
    return scope.has(Role.NATIONAL_LEAD)


PUBLIC = Rule("public", anyone, sign_in=False, two_factor=False)
# Signed in with a password, before the second factor: signing out and the two-factor pages themselves.
SIGNING_IN = Rule("signing in", anyone, two_factor=False)
SIGNED_IN = Rule("signed in", anyone)
CASE_WORK = Rule("case work", case_roles)
PRISON_CASELOAD = Rule("a prison's caseload", case_roles, prison="prison_code")
PERSON_RECORD = Rule("a person's record", case_roles, person="prison_number", audit_as="VIEW")
PERSON_CHANGE = Rule(
    "change a person's record", case_roles, person="prison_number", changes_person=True, audit_as="VIEW"
)
# Transfer planning (issue 10): leads, governors, SPOs and inspectors read the plan; an SPO or a governor
# accepts or rejects the moves out of or into his prison (the service checks which); a national lead runs it.
TRANSFER_PLAN = Rule("the transfer plan", planners)
# The readiness figures of every prison he sees, side by side (issue 18 §5): counts, never a man's record,
# for those who oversee prisons.
PRISONS_OVERVIEW = Rule("readiness across prisons", planners)
PRISON_TRANSFERS = Rule("a prison's transfers", planners, prison="prison_code")
TRANSFER_DECISION = Rule("accept or reject a transfer", transfer_deciders)
RUN_TRANSFER_PLAN = Rule("run the national transfer plan", national_leads)
# Projections (issue 11): the same planners read them. The figures are counts, never a man's record: a
# region's or the country's are open to every planner, a prison's to those who may see that prison. A
# national lead runs the projection and its what-ifs.
PROJECTIONS = Rule("the projections", planners)
PRISON_PROJECTION = Rule("a prison's projection", planners, prison="prison_code")
RUN_PROJECTION = Rule("run a projection", national_leads)
# Inspection reports (issue 12): read by inspectors, governors and the leads; a region's and the country's
# by all of them (counts, for comparison), a prison's within their scope; the men behind a figure are
# listed only as far as he may see them, and audited. A national lead takes a snapshot of every scope.
REPORTS = Rule("the inspection reports", report_readers)
PRISON_REPORT = Rule("a prison's inspection report", report_readers, prison="prison_code")
TAKE_REPORT_SNAPSHOT = Rule("take a snapshot of the inspection measures", national_leads)
AUDIT_TRAIL = Rule("the audit trail", administrators)
# A subject access export is everything held about a man: an administrator may make one only for a man
# he could also see through a case role.
SUBJECT_ACCESS = Rule(
    "subject access export", administrators, person="prison_number", audit_as="SUBJECT_ACCESS"
)
# Importing prisoner, probation and booking files is data management: an administrator's job. The import
# report names only the records in the file he gave.
IMPORT = Rule("import records", administrators)
ADMIN_SITE = Rule("user administration", administrators, admin_apps=USER_MANAGEMENT_APPS)


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


def access(rule: Rule, *, writes: Rule | None = None):
    """Attach `rule` to a view function (or the result of a class-based view's as_view()).

    `writes`, if given, is the rule for requests that change something (POST, PUT, PATCH, DELETE), for an
    API resource that is read and written at one URL; `rule` then governs only the reads.
    """

    def attach(view):
        view.access_rule = rule
        if writes is not None:
            view.write_access_rule = writes
        if not rule.sign_in:
            view.login_required = False
        return view

    return attach


def rule_for(view, namespaces: list[str], method: str = "GET") -> Rule | None:
    """The rule for a resolved view and request method: its own, or the admin site's; None means nobody
    declared one."""
    if method not in SAFE_METHODS and getattr(view, "write_access_rule", None) is not None:
        return view.write_access_rule
    declared = getattr(view, "access_rule", None)
    if declared is not None:
        return declared
    if "admin" in namespaces:
        return ADMIN_SITE
    return None
