"""A readiness check is a declarative object: who it applies to, when it falls due, what satisfies it.

    MAPPA_LEVEL_SET = Check(
        id="mappa-level-set",
        title="MAPPA level set",
        applies=to("MAPPA-eligible men", lambda f: f.mappa.eligible),
        due=before("earliest_release", "mappa_level_before_release"),
        done=recorded("risk.mappa.level_set_on"),
        severity=ALERT,
        source="MAPPA Guidance ch.15; PAROM1 guidance (rulebook R1.5-R1.6, §9 #15)",
    )

Evaluating a check against a case gives exactly one Finding: done, due (with its date), overdue (by how
many days) or not applicable (and why).
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from functools import lru_cache, reduce

from dateutil.relativedelta import relativedelta

from ..policy import in_words
from .facts import KEY_DATES, Facts, fmt_date


class Status(StrEnum):
    DONE = "done"
    DUE = "due"
    OVERDUE = "overdue"
    NOT_APPLICABLE = "not_applicable"


class Severity(StrEnum):
    BLOCKER = "BLOCKER"  # must be done before he is released
    ALERT = "ALERT"  # overdue against policy


BLOCKER, ALERT = Severity.BLOCKER, Severity.ALERT


@dataclass(frozen=True)
class Applies:
    who: str  # "MAPPA-eligible men": the not-applicable reason is "applies only to <who>"
    test: Callable[[Facts], bool]
    why_not: Callable[[Facts], str] | None = None  # a more specific reason, where the rule gives one


def to(who: str, test: Callable[[Facts], bool], why_not: Callable[[Facts], str] | None = None) -> Applies:
    return Applies(who, test, why_not)


EVERYONE = Applies("everyone", lambda facts: True)


@dataclass(frozen=True)
class Deadline:
    key: str  # a name in facts.KEY_DATES
    sign: int  # -1 before the key date, +1 after, 0 on it
    configured: str | None = None  # a field of the ReadinessSettings in force (rules.policy)
    # or an offset from another policy table, given the day of the evaluation (approved premises' notice)
    dated: Callable[[date], relativedelta] | None = None

    def offset(self, facts: Facts) -> relativedelta:
        if self.dated is not None:
            return _dated(self.dated, facts.as_of)
        if self.configured is None:
            return NO_OFFSET
        return _period(getattr(facts.settings, self.configured))

    def due_on(self, facts: Facts, offset: relativedelta | None = None) -> date | None:
        key_date = facts.key_date(self.key)
        if key_date is None:
            return None
        return _shifted(key_date, self.sign, self.offset(facts) if offset is None else offset)

    def describe(self, facts: Facts, offset: relativedelta | None = None) -> str:
        label = KEY_DATES[self.key][0]
        if self.sign == 0:
            return f"on {label}"
        period = _in_words(self.offset(facts) if offset is None else offset)
        return f"{period} {'before' if self.sign < 0 else 'after'} {label}"


NO_OFFSET = relativedelta()


# A national refresh works out some two million deadlines from a few thousand distinct days and a few dozen
# periods, and relativedelta's arithmetic was most of a check's cost: each sum is worked out once.
@lru_cache(maxsize=1024)
def _period(value: relativedelta | int) -> relativedelta:
    return value if isinstance(value, relativedelta) else relativedelta(days=value)


@lru_cache(maxsize=65536)
def _shifted(day: date, sign: int, offset: relativedelta) -> date:
    days = _in_days(offset)
    return day + timedelta(days=sign * days) if days is not None else day + sign * offset


@lru_cache(maxsize=1024)
def _in_days(offset: relativedelta) -> int | None:
    """The offset as a number of days, when it is only days (a calendar month is not): a new man's deadlines
    fall on days nobody's did before, and relativedelta's arithmetic costs ten times a timedelta's."""
    return offset.days if offset == relativedelta(days=offset.days) else None


# A dated offset is the same for every man evaluated on a day: worked out once, not once per man.
@lru_cache(maxsize=256)
def _dated(offset_on: Callable[[date], relativedelta], day: date) -> relativedelta:
    return offset_on(day)


_in_words = lru_cache(maxsize=256)(in_words)


def before(key: str, configured: str | None = None, *, dated: Callable[[date], relativedelta] | None = None):
    """Due a policy period before the key date: a ReadinessSettings field, or a `dated` offset."""
    return Deadline(key, -1, configured, dated)


def after(key: str, configured: str | None = None, *, dated: Callable[[date], relativedelta] | None = None):
    return Deadline(key, +1, configured, dated)


def on(key: str) -> Deadline:
    return Deadline(key, 0)


def recorded(path: str) -> Callable[[Facts], object]:
    """Done when the plan record at `path` (e.g. "plan.duty_to_refer_on") holds a value."""

    def done(facts: Facts):
        try:
            return reduce(getattr, path.split("."), facts.case)
        except AttributeError:  # a record higher up the path is absent (e.g. plan.licence is None)
            return None

    return done


def naming(prefix: str, items: Callable[[Facts], list[str]]) -> Callable[[Facts], str | None]:
    """An explanation that names what is left ("Outstanding: a, b."), or none when nothing is."""

    def explain(facts: Facts) -> str | None:
        left = items(facts)
        return f"{prefix}: {', '.join(left)}." if left else None

    return explain


@dataclass(frozen=True)
class Check:
    id: str  # kebab-case, stable: findings and worklists key on it
    title: str
    applies: Applies
    due: Deadline
    satisfied_by: str  # the plan record or field that satisfies it, for people and for the next engineer
    done: Callable[[Facts], object] | None  # a date or True when done; None for a recurring review
    severity: Severity
    source: str  # policy source, with the rulebook reference
    explain: Callable[[Facts], str | None] | None = None  # context added to every applicable finding


@dataclass(frozen=True)
class Finding:
    check: str
    title: str
    status: Status
    due_date: date | None
    overdue_days: int | None
    severity: Severity
    reason: str
    source: str


def evaluate(check: Check, facts: Facts) -> Finding:
    def finding(status: Status, reason: str, due: date | None = None, overdue: int | None = None) -> Finding:
        return Finding(check.id, check.title, status, due, overdue, check.severity, reason, check.source)

    if not check.applies.test(facts):
        why = (
            check.applies.why_not(facts) if check.applies.why_not else f"applies only to {check.applies.who}"
        )
        return finding(Status.NOT_APPLICABLE, f"Not applicable: {why}.")
    offset = check.due.offset(facts)
    due = check.due.due_on(facts, offset)
    if due is None:
        return finding(Status.NOT_APPLICABLE, f"Not applicable: no {KEY_DATES[check.due.key][0]} is known.")
    deadline = f"due {check.due.describe(facts, offset)}, {fmt_date(due)}"
    evidence = check.done(facts) if check.done else None
    if not evidence and passed_with_release(facts, due):
        released = fmt_date(facts.case.person.released_on)
        return finding(
            Status.NOT_APPLICABLE,
            f"Not applicable now: he was released on {released}, and this was due by {fmt_date(due)}; "
            "it was not recorded as done.",
        )
    if evidence:
        status, text = Status.DONE, _done_text(evidence, due)
    elif facts.as_of > due:
        status, text = Status.OVERDUE, f"Not done: {deadline}; {(facts.as_of - due).days} days overdue."
    else:
        status, text = Status.DUE, f"Not done yet: {deadline}."
    extra = check.explain(facts) if check.explain else None
    overdue = (facts.as_of - due).days if status == Status.OVERDUE else None
    return finding(status, " ".join(filter(None, (text, extra))), due, overdue)


def passed_with_release(facts: Facts, due: date) -> bool:
    """A step due by the day he was released can no longer be done (rulebook §9: a blocker "must be done
    before release"): missed, not overdue, so it is nobody's work now and does not make a released man Red.
    Steps due after his release (the outcome on the night, the first notification) stay his COM's."""
    released_on = facts.case.person.released_on
    return released_on is not None and due <= released_on


def _done_text(evidence: object, due: date) -> str:
    if not isinstance(evidence, date):
        return "Done."
    late = (evidence - due).days
    return f"Done on {fmt_date(evidence)}" + (f", {late} days after the deadline." if late > 0 else ".")
