"""OMiC handover checks: the COM allocated in time and responsibility handed over (rulebook §3)."""

from ...policy import in_words
from ..check import ALERT, Check, after, before, on, to
from ..facts import Facts
from ..settings import DEFAULT_SETTINGS as POLICY

PAROLE_REASONS = frozenset({"determinate_parole", "indeterminate", "indeterminate_open"})


def _com_allocated(facts: Facts):
    com = facts.case.allocations.com
    return com.allocated_on if com else None


def _handed_over(facts: Facts):
    """Responsibility has passed: the handover date has come and a COM is there to take it."""
    if facts.as_of < facts.handover.handover_date:
        return None
    return _com_allocated(facts) and facts.handover.handover_date


def _handed_over_with_parom1(facts: Facts):
    parom1 = facts.case.plan.parole.parom1_completed_on
    return parom1 and _handed_over(facts)


def _handover_for(*reasons: str):
    return lambda facts: facts.handover.reason in reasons


def _has_handover(facts: Facts) -> bool:
    return facts.handover.handover_date is not None


def _handover_explained(facts: Facts) -> str:
    return " ".join(facts.handover.because[:-1]) + "."


# The handover offsets differ between the dated versions of rules.handover, so a title naming one would be
# wrong under another: the titles name the handover, and each finding's reason the offset applied to it.
EARLY_ALLOCATION_HANDOVER = Check(
    id="early-allocation-handover",
    title="COM responsible at the early-allocation handover",
    applies=to("men accepted for early allocation", _handover_for("early_allocation")),
    due=on("handover"),
    satisfied_by="allocations.com, on or after the handover date",
    done=_handed_over,
    severity=ALERT,
    source="Manage POM Cases handover_calculation.rb (rulebook §3.1, §9 #9)",
    explain=_handover_explained,
)

PAROLE_HANDOVER = Check(
    id="parole-handover",
    title="COM responsible at the parole handover (before PED or tariff), PAROM1 prepared",
    applies=to("parole-eligible and indeterminate cases", lambda f: f.handover.reason in PAROLE_REASONS),
    due=on("handover"),
    satisfied_by="allocations.com and plan.parole.parom1_completed_on",
    done=_handed_over_with_parom1,
    severity=ALERT,
    source="Manage POM Cases handover_calculation.rb; PAROM1 guidance (rulebook §3.1, §9 #10)",
    explain=_handover_explained,
)

DETERMINATE_HANDOVER = Check(
    id="determinate-handover",
    title="COM responsible at the determinate handover",
    applies=to("determinate sentences long enough for a handover", _handover_for("determinate")),
    due=on("handover"),
    satisfied_by="allocations.com, on or after the handover date",
    done=_handed_over,
    severity=ALERT,
    source="Manage POM Cases handover_calculation.rb (rulebook §3.1, §9 #12)",
    explain=_handover_explained,
)

COM_ALLOCATED_BEFORE_HANDOVER = Check(
    id="com-allocated-before-handover",
    title="COM allocated in the upcoming-handover window",
    applies=to("men with a handover date", _has_handover),
    due=before("handover", "upcoming_handover_window"),
    satisfied_by="allocations.com",
    done=_com_allocated,
    severity=ALERT,
    source="Manage POM Cases DEFAULT_UPCOMING_HANDOVER_WINDOW_DURATION (rulebook §3.2, §9 #11)",
)

COM_ALLOCATION_OVERDUE = Check(
    id="com-allocation-overdue",
    title=f"COM allocated by handover + {in_words(POLICY.com_allocation_overdue_after_handover)}",
    applies=to("men with a handover date", _has_handover),
    due=after("handover", "com_allocation_overdue_after_handover"),
    satisfied_by="allocations.com",
    done=_com_allocated,
    severity=ALERT,
    source="Manage POM Cases by_com_allocation_overdue (rulebook §3.2, §9 #13)",
)


def _handover_tasks(facts: Facts) -> dict[str, bool]:
    """The checklist for this handover's type (Manage POM Cases handover_progress_checklist.rb)."""
    tasks = facts.case.plan.handover_tasks
    com = facts.case.allocations.com
    if com is not None and com.enhanced_resourcing is False:
        return {
            "contact from the COM": tasks.contacted_com,
            "handover report sent": tasks.sent_handover_report,
        }
    checklist = {"last OASys reviewed": tasks.reviewed_oasys, "contact from the COM": tasks.contacted_com}
    simplified_from = facts.settings.simplified_enhanced_handover_from
    if simplified_from is None or facts.handover.handover_date < simplified_from:
        checklist["handover meeting attended"] = tasks.attended_handover_meeting
    return checklist


def _outstanding_tasks(facts: Facts) -> str | None:
    outstanding = [task for task, done in _handover_tasks(facts).items() if not done]
    return f"Outstanding: {', '.join(outstanding)}." if outstanding else None


HANDOVER_TASKS_COMPLETE = Check(
    id="handover-tasks-complete",
    title="Handover tasks complete",
    applies=to("men with a handover date", _has_handover),
    due=on("handover"),
    satisfied_by="plan.handover_tasks",
    done=lambda f: all(_handover_tasks(f).values()),
    severity=ALERT,
    source="Manage POM Cases handover_progress_checklist.rb: enhanced or standard (rulebook §3.2, §9 #14)",
    explain=_outstanding_tasks,
)

CHECKS = (
    EARLY_ALLOCATION_HANDOVER,
    PAROLE_HANDOVER,
    DETERMINATE_HANDOVER,
    COM_ALLOCATED_BEFORE_HANDOVER,
    COM_ALLOCATION_OVERDUE,
    HANDOVER_TASKS_COMPLETE,
)
