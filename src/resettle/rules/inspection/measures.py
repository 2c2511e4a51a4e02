"""The inspection measures, one catalogue (rulebook §10), like the readiness checks: each says what it
counts, over whom, and where the measure comes from; `measure` evaluates one over the men of a period.

Four kinds: a COUNT of men; a SHARE (numerator over denominator, both counts of men, shown together); a
DISTRIBUTION over categories; a MEDIAN of a number per man. A share with no men in its denominator has no
value ("no men"), never 0%.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from statistics import median

from resettle.rules.approved_premises import NOTICE_RULES, NoticeType, notice_type, outside_national_standards
from resettle.rules.policy import in_words
from resettle.rules.readiness.settings import DEFAULT_SETTINGS as POLICY

from .facts import MAPPA_GROUP_WORDS, Held, Man, MappaGroup, OffenceGroup, Released
from .period import Period


class Population(StrEnum):
    RELEASED = "released"  # men released in the period
    HELD = "held"  # men held on the period's last day


class Kind(StrEnum):
    COUNT = "count"
    SHARE = "share"
    DISTRIBUTION = "distribution"
    MEDIAN = "median"


@dataclass(frozen=True)
class Measure:
    id: str
    title: str
    definition: str
    population: Population
    kind: Kind
    source: str
    numerator: str = ""  # SHARE: the men counted, in words
    denominator: str = ""  # SHARE and the rest: the men it is over
    # SHARE: None leaves him out; True counts him in the numerator, False in the denominator only.
    # COUNT: True counts him. DISTRIBUTION: his category key, or None. MEDIAN: his number, or None.
    of: Callable[[Man, Period], object] = lambda man, period: True
    categories: dict[str, str] = field(default_factory=dict)  # DISTRIBUTION: key -> words, in order
    unit: str = ""  # MEDIAN: what the number is


@dataclass(frozen=True)
class Figure:
    men: int  # in the denominator (COUNT: counted)
    numerator: int | None = None
    value: float | None = None  # SHARE: a fraction; MEDIAN: the median; None: no men
    categories: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict:
        return {
            "men": self.men,
            "numerator": self.numerator,
            "value": self.value,
            "categories": self.categories,
        }


def answers(metric: Measure, men: Iterable[Man], period: Period) -> list:
    """What the measure says of each man (see Measure.of), in order."""
    return [metric.of(man, period) for man in men]


def measure(metric: Measure, men: Iterable[Man], period: Period) -> Figure:
    return figure(metric, answers(metric, men, period))


def figure(metric: Measure, found: list) -> Figure:
    if metric.kind == Kind.COUNT:
        counted = sum(1 for answer in found if answer)
        return Figure(counted, value=counted)
    if metric.kind == Kind.SHARE:
        counted = [answer for answer in found if answer is not None]
        numerator = sum(1 for answer in counted if answer)
        return Figure(len(counted), numerator, numerator / len(counted) if counted else None)
    if metric.kind == Kind.DISTRIBUTION:
        keys = [answer for answer in found if answer is not None]
        return Figure(len(keys), categories={key: keys.count(key) for key in metric.categories})
    numbers = [answer for answer in found if answer is not None]
    return Figure(len(numbers), value=float(median(numbers)) if numbers else None)


def behind(metric: Measure, men: Iterable[Man], period: Period, part: str = "") -> list[Man]:
    """The men behind a figure: its numerator ("numerator"), a category (its key), or everyone counted."""
    chosen = []
    for man in men:
        answer = metric.of(man, period)
        if answer is None or answer is False and metric.kind == Kind.COUNT:
            continue
        if part == "numerator" and answer is not True:
            continue
        if part and part != "numerator" and answer != part:
            continue
        chosen.append(man)
    return chosen


# --- the men released in the period -------------------------------------------------------------------

ACCOMMODATION = {
    "SETTLED": "Settled",
    "OTHER_HOUSED": "Other housed (transient or temporary)",
    "APPROVED_PREMISES": "Approved premises",
    "CAS": "CAS2 or CAS3 (bail or probation)",
    "HOMELESS": "Homeless, not rough sleeping",
    "ROUGH_SLEEPING": "Rough sleeping",
    "UNKNOWN": "Not recorded",
}
# MI014: "housed" is any settled or temporary accommodation, AP and CAS included (rulebook §4.4).
HOUSED = {"SETTLED", "OTHER_HOUSED", "APPROVED_PREMISES", "CAS"}
# The measures count against the numbers the checks hold staff to (rules.policy), named as they are.
MAPPA_LEVEL_NOTICE = POLICY.mappa_level_before_release
SETTLED_AFTER = POLICY.settled_follow_up_after_release
AP_NOTICE = NOTICE_RULES[-1]
TRANSFER_NOTICE = POLICY.resettlement_transfer_days_before_release
MAPPA, SETTLED, AP, ROSH = (
    in_words(MAPPA_LEVEL_NOTICE),
    in_words(SETTLED_AFTER),
    in_words(AP_NOTICE.national_standards_notice),
    in_words(POLICY.rosh_review_every),
)


def _released(test: Callable[[Released, Period], object]) -> Callable[[Man, Period], object]:
    return lambda man, period: test(man, period) if isinstance(man, Released) else None


def _held(test: Callable[[Held, Period], object]) -> Callable[[Man, Period], object]:
    return lambda man, period: test(man, period) if isinstance(man, Held) else None


def _level_set_in_time(man: Released, period: Period) -> bool | None:
    if not man.under_mappa:
        return None
    return (
        man.mappa_level_set_on is not None and man.mappa_level_set_on <= man.released_on - MAPPA_LEVEL_NOTICE
    )


def _days_before_release_level_set(man: Released, period: Period) -> int | None:
    if not man.under_mappa or man.mappa_level_set_on is None:
        return None
    return (man.released_on - man.mappa_level_set_on).days


def _settled_at_3_months(man: Released, period: Period) -> bool | None:
    """Only men released at least the follow-up's months before the period's end can be asked about."""
    if man.released_on + SETTLED_AFTER > period.end:
        return None
    return man.accommodation_at_3_months == "SETTLED"


def _approved_premises_notice(man: Released, period: Period) -> str | None:
    """CAS1 notice: emergency, short notice or standard (rules.approved_premises); and whether a standard
    application still came later than National Standards ask."""
    if man.approved_premises_applied_on is None:
        return None
    arrival = man.approved_premises_arrival_on or man.released_on
    kind = notice_type(applied_on=man.approved_premises_applied_on, arrival_on=arrival)
    if kind == NoticeType.STANDARD and outside_national_standards(
        applied_on=man.approved_premises_applied_on, arrival_on=arrival
    ):
        return "late"
    return str(kind)


RELEASES = Measure(
    id="releases",
    title="Men released",
    definition="Releases from custody in the period, counted at the prison that released him.",
    population=Population.RELEASED,
    kind=Kind.COUNT,
    denominator="men released in the period",
    source="Rulebook §10.1 (Dartmoor 2017: over 200 in the year, A4)",
)
FROM_RESETTLEMENT_PRISON = Measure(
    id="released-from-resettlement-prison",
    title="Released from a resettlement prison serving his area",
    definition="Of men released with a release area recorded, those released from a designated resettlement "
    "prison that serves that area.",
    population=Population.RELEASED,
    kind=Kind.SHARE,
    numerator="released from a resettlement prison serving his release area",
    denominator="men released with a release area recorded",
    of=_released(lambda man, period: man.from_resettlement_prison_for_area),
    source="Rulebook §4.1 (MoJ target: at least 80% of adult men released from resettlement prisons)",
)
MAPPA_LEVEL_IN_TIME = Measure(
    id="mappa-level-set-in-time",
    title=f"MAPPA level set {MAPPA} or more before release",
    definition=f"Of MAPPA men released, those whose level was set at least {MAPPA} before release.",
    population=Population.RELEASED,
    kind=Kind.SHARE,
    numerator=f"level set on or before release − {MAPPA}",
    denominator="MAPPA men released",
    of=_released(_level_set_in_time),
    source="MAPPA Guidance ch.15; PAROM1 guidance R1.5-R1.6 (rulebook §10.2)",
)
MAPPA_LEVEL_DAYS = Measure(
    id="mappa-level-days-before-release",
    title="Days before release the MAPPA level was set (median)",
    definition="For MAPPA men released with the day their level was set, the median days from it to release.",
    population=Population.RELEASED,
    kind=Kind.MEDIAN,
    denominator="MAPPA men released with a level-set date",
    of=_released(_days_before_release_level_set),
    unit="days",
    source="Rulebook §10.2",
)
ACCOMMODATION_ON_RELEASE = Measure(
    id="accommodation-on-release",
    title="Accommodation on the night of release",
    definition="Where each man released slept on the night following release, in the MoJ's categories.",
    population=Population.RELEASED,
    kind=Kind.DISTRIBUTION,
    denominator="men released",
    of=_released(lambda man, period: man.accommodation_on_release or "UNKNOWN"),
    categories=ACCOMMODATION,
    source="MoJ accommodation outcomes, MI014 (rulebook §4.4, §10.6)",
)
HOUSED_ON_RELEASE = Measure(
    id="housed-on-release",
    title="Housed on the night of release",
    definition="Of men released, those in settled or temporary accommodation (AP and CAS included) on the "
    "night following release. A man whose accommodation was not recorded counts as not housed.",
    population=Population.RELEASED,
    kind=Kind.SHARE,
    numerator="settled, other housed, approved premises or CAS",
    denominator="men released",
    of=_released(lambda man, period: man.accommodation_on_release in HOUSED),
    source="MoJ accommodation outcomes, MI014: 85.7% nationally in 2023/24 (rulebook §4.4)",
)
SETTLED_AT_3_MONTHS = Measure(
    id="settled-at-3-months",
    title=f"In settled accommodation {SETTLED} after release",
    definition=f"Of men released at least {SETTLED} before the period's end, those in settled accommodation "
    f"{SETTLED} after release (not recorded counts as not settled).",
    population=Population.RELEASED,
    kind=Kind.SHARE,
    numerator=f"settled at {SETTLED}",
    denominator=f"men released {SETTLED} or more before the period's end",
    of=_released(_settled_at_3_months),
    source="MoJ accommodation outcomes, MI015: 73.5% nationally in 2023/24 (rulebook §4.4)",
)
APPROVED_PREMISES_NOTICE = Measure(
    id="approved-premises-notice",
    title="Approved-premises applications by notice",
    definition="For men released who applied for approved premises, the notice the application gave before "
    f"arrival: {AP} or more (National Standards), less (late), {AP_NOTICE.short_notice_days} days or less "
    f"(short notice), {AP_NOTICE.emergency_days} days or less (emergency).",
    population=Population.RELEASED,
    kind=Kind.DISTRIBUTION,
    denominator="men released with an approved-premises application",
    of=_released(_approved_premises_notice),
    categories={
        "standard": f"{AP} or more",
        "late": f"Under {AP}",
        "shortNotice": f"Short notice ({AP_NOTICE.short_notice_days} days or less)",
        "emergency": f"Emergency ({AP_NOTICE.emergency_days} days or less)",
    },
    source="CAS1 National Standards; noticeTypeFromApplication.ts (rulebook §5, §10.6)",
)
DAY_ONE = Measure(
    id="day-one-appointment",
    title="Day-one probation appointment booked",
    definition="Of men released, those with an appointment with probation booked for the day of release.",
    population=Population.RELEASED,
    kind=Kind.SHARE,
    numerator="appointment booked",
    denominator="men released",
    of=_released(lambda man, period: man.day_one_appointment),
    source="Rulebook §9 #27, §10.8",
)

# --- the men held on the period's last day ------------------------------------------------------------

UNDER_MAPPA = Measure(
    id="under-mappa",
    title="Held under MAPPA",
    definition="Of men held, those with a MAPPA category recorded.",
    population=Population.HELD,
    kind=Kind.SHARE,
    numerator="MAPPA category recorded",
    denominator="men held",
    of=_held(lambda man, period: man.under_mappa),
    source="Dartmoor 2017: 511 of 633 (nearly one in five not under MAPPA, A3; rulebook §10.2)",
)
ELIGIBLE_WITH_CATEGORY = Measure(
    id="mappa-eligible-with-category",
    title="MAPPA-eligible men with a category",
    definition="Of men held whose offence or sentence MAPPA covers, those with their category recorded.",
    population=Population.HELD,
    kind=Kind.SHARE,
    numerator="MAPPA category recorded",
    denominator="MAPPA-eligible men held",
    of=_held(lambda man, period: man.under_mappa if man.mappa_eligible else None),
    source="CJA 2003 s.325-327 (rulebook §1.2, §10.2)",
)
SEXUAL_NOT_MAPPA = Measure(
    id="sexual-offence-not-mappa",
    title="Convicted of a sexual offence, not recorded as MAPPA",
    definition="Of men held for a sexual offence, those with no MAPPA category recorded. The target is none.",
    population=Population.HELD,
    kind=Kind.SHARE,
    numerator="no MAPPA category recorded",
    denominator="men held for a sexual offence",
    of=_held(lambda man, period: not man.under_mappa if man.sexual_offence else None),
    source="Rulebook §10.2 (target 0)",
)
MAPPA_LEVELS = Measure(
    id="mappa-levels",
    title="MAPPA men by level",
    definition="Men held under MAPPA, by their management level.",
    population=Population.HELD,
    kind=Kind.DISTRIBUTION,
    denominator="MAPPA men held",
    of=_held(lambda man, period: str(man.mappa) if man.under_mappa else None),
    categories={
        str(group): MAPPA_GROUP_WORDS[group] for group in MappaGroup if group != MappaGroup.NOT_MAPPA
    },
    source="MAPPA Guidance ch.7 (rulebook §1.3, §10.2)",
)
COM_BY_HANDOVER = Measure(
    id="com-allocated-by-handover",
    title="COM allocated once the handover is due",
    definition="Of men held whose handover to probation is due by the period's end, those with a COM allocated.",
    population=Population.HELD,
    kind=Kind.SHARE,
    numerator="COM allocated",
    denominator="men held past their handover date",
    of=_held(
        lambda man, period: man.com_allocated if man.handover_on and man.handover_on <= period.end else None
    ),
    source="OMiC handover (rulebook §3.1, §10.3)",
)
# Manage POM Cases counts a handover overdue days after its date with no COM (rulebook §10.3), as the check.
HANDOVER_GRACE_DAYS = POLICY.com_allocation_overdue_after_handover.days
OVERDUE_HANDOVERS = Measure(
    id="overdue-handovers",
    title="Handovers overdue",
    definition=f"Men held more than {HANDOVER_GRACE_DAYS} days past their handover date with no COM allocated.",
    population=Population.HELD,
    kind=Kind.COUNT,
    denominator=f"men held past handover + {HANDOVER_GRACE_DAYS} days with no COM",
    of=_held(
        lambda man, period: bool(
            man.handover_on
            and not man.com_allocated
            and (period.end - man.handover_on).days > HANDOVER_GRACE_DAYS
        )
    ),
    source="Manage POM Cases (rulebook §10.3)",
)
ROSH_CURRENT = Measure(
    id="rosh-current",
    title=f"RoSH assessed in the last {ROSH}",
    definition=f"Of men held, those whose risk of serious harm was assessed in the {ROSH} to the period's "
    "end (none recorded counts as not current).",
    population=Population.HELD,
    kind=Kind.SHARE,
    numerator=f"RoSH assessed within {ROSH}",
    denominator="men held",
    of=_held(
        lambda man, period: (
            man.rosh_assessed_on is not None and man.rosh_assessed_on > period.end - POLICY.rosh_review_every
        )
    ),
    source=f"HMIP Expectations: RoSH reviewed every {ROSH} (rulebook §7, §10.4)",
)
OUT_OF_AREA = Measure(
    id="held-out-of-area-at-12-weeks",
    title=f"Held out of area within {in_words(TRANSFER_NOTICE)} of release",
    definition=f"Of men held within {in_words(TRANSFER_NOTICE)} of release with a release area recorded, those "
    "not in a resettlement prison serving that area.",
    population=Population.HELD,
    kind=Kind.SHARE,
    numerator="not in a resettlement prison serving his area",
    denominator=f"men within {in_words(TRANSFER_NOTICE)} of release, with a release area",
    of=_held(
        lambda man, period: (
            not man.in_resettlement_prison_for_area
            if man.earliest_release
            and man.in_resettlement_prison_for_area is not None
            and 0 <= (man.earliest_release - period.end).days <= TRANSFER_NOTICE
            else None
        )
    ),
    source=f"Resettlement prisons: moved there {in_words(TRANSFER_NOTICE)} before release (rulebook §4.1, §10.1)",
)
INNOCENCE_OFFERED = Measure(
    id="maintaining-innocence-offered",
    title="Men maintaining innocence with an intervention offered",
    definition="Of men held who maintain their innocence, those with an intervention offer recorded.",
    population=Population.HELD,
    kind=Kind.SHARE,
    numerator="intervention offer recorded",
    denominator="men held maintaining innocence",
    of=_held(lambda man, period: man.intervention_outcome is not None if man.maintains_innocence else None),
    source="Rulebook §8, §10.5 (Dartmoor 2017: little provision for men in denial, A10)",
)
INNOCENCE_OUTCOMES = Measure(
    id="maintaining-innocence-outcomes",
    title="What came of the offers to men maintaining innocence",
    definition="Men held who maintain their innocence, by the outcome of their latest intervention offer.",
    population=Population.HELD,
    kind=Kind.DISTRIBUTION,
    denominator="men held maintaining innocence",
    of=_held(
        lambda man, period: (
            ("none" if man.intervention_outcome is None else man.intervention_outcome.lower() or "open")
            if man.maintains_innocence
            else None
        )
    ),
    categories={
        "completed": "Completed",
        "accepted": "Accepted",
        "declined": "Declined",
        "open": "Offered, no outcome yet",
        "none": "No offer recorded",
    },
    source="Rulebook §8, §10.5",
)

CATALOGUE: tuple[Measure, ...] = (
    RELEASES,
    FROM_RESETTLEMENT_PRISON,
    MAPPA_LEVEL_IN_TIME,
    MAPPA_LEVEL_DAYS,
    ACCOMMODATION_ON_RELEASE,
    HOUSED_ON_RELEASE,
    SETTLED_AT_3_MONTHS,
    APPROVED_PREMISES_NOTICE,
    DAY_ONE,
    UNDER_MAPPA,
    ELIGIBLE_WITH_CATEGORY,
    SEXUAL_NOT_MAPPA,
    MAPPA_LEVELS,
    COM_BY_HANDOVER,
    OVERDUE_HANDOVERS,
    ROSH_CURRENT,
    OUT_OF_AREA,
    INNOCENCE_OFFERED,
    INNOCENCE_OUTCOMES,
)
BY_ID = {metric.id: metric for metric in CATALOGUE}


@dataclass(frozen=True)
class Result:
    """A measure over everyone, and split by offence group and by MAPPA group."""

    all: Figure
    by_offence: dict[str, Figure]
    by_mappa: dict[str, Figure]

    def as_dict(self) -> dict:
        return {
            "all": self.all.as_dict(),
            "by_offence": {key: figure.as_dict() for key, figure in self.by_offence.items()},
            "by_mappa": {key: figure.as_dict() for key, figure in self.by_mappa.items()},
        }


def result(metric: Measure, men: list[Man], found: list) -> Result:
    """The figure over `men` (with `found`, their answers) and split each way."""
    by_offence = {str(g): [] for g in OffenceGroup}
    by_mappa = {str(g): [] for g in MappaGroup}
    for man, answer in zip(men, found, strict=True):
        by_offence[man.offence].append(answer)
        by_mappa[man.mappa].append(answer)
    return Result(
        figure(metric, found),
        {key: figure(metric, split) for key, split in by_offence.items()},
        {key: figure(metric, split) for key, split in by_mappa.items()},
    )


def evaluate(metric: Measure, men: list[Man], period: Period) -> Result:
    return result(metric, men, answers(metric, men, period))


def evaluate_all(released: list[Released], held: list[Held], period: Period) -> dict[str, Result]:
    return {metric.id: evaluate(metric, population(metric, released, held), period) for metric in CATALOGUE}


def population(metric: Measure, released: list, held: list) -> list:
    return released if metric.population == Population.RELEASED else held
