"""Who needs a transfer, by when, and where he may go (rulebook §4.1; issue 10).

A man needs a transfer when his planning release date (the earliest lawful date readiness plans to) falls
within the horizon and he is not already in a resettlement prison serving his release area. He must arrive
no later than release − the resettlement-prison notice (12 weeks, in READINESS_POLICY). His destinations are resettlement prisons that may hold him, ranked: one
serving his release area, then one in his region, then the nearest few elsewhere that are closer to home
than where he is now. A move is offered only if it improves on where he is held.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum, StrEnum

from ..explained import long_date
from ..policy import in_words
from ..readiness.settings import DEFAULT_SETTINGS as POLICY
from .estate import ManFacts, PrisonFacts, distance_km, why_unsuitable

# The notice the readiness check holds him to (rulebook §4.1), as the plan's words name it.
TRANSFER_NOTICE = in_words(POLICY.resettlement_transfer_days_before_release)

DAYS_PER_WEEK = 7
# Men due for release within this many weeks are planned a move (docs/transfers.md; a run may choose another).
DEFAULT_HORIZON_WEEKS = 26
# How many prisons outside his region to offer, nearest first: enough to find a free place, few enough
# that a man is not sent across the country to save a week.
NEAREST_OUTSIDE_REGION = 3


class Rank(IntEnum):
    """Preference among destinations; lower is better."""

    SERVES_RELEASE_AREA = 1
    IN_RELEASE_REGION = 2
    NEAREST_ELSEWHERE = 3


RANK_WORDS = {
    Rank.SERVES_RELEASE_AREA: "a resettlement prison serving his release area",
    Rank.IN_RELEASE_REGION: "a resettlement prison in his release region",
    Rank.NEAREST_ELSEWHERE: "the nearest suitable resettlement prison outside his region",
}


class UnplacedReason(StrEnum):
    NO_SUITABLE_PRISON = "NO_SUITABLE_PRISON"
    ALL_FULL = "ALL_FULL"
    TOO_LATE = "TOO_LATE"
    EXCLUDED = "EXCLUDED"
    NO_RELEASE_AREA = "NO_RELEASE_AREA"


UNPLACED_WORDS = {
    UnplacedReason.NO_SUITABLE_PRISON: "No suitable prison serves his area",
    UnplacedReason.ALL_FULL: "Every suitable prison full in his window",
    UnplacedReason.TOO_LATE: f"Too late: already inside {TRANSFER_NOTICE} of release",
    UnplacedReason.EXCLUDED: "Excluded from transfer",
    UnplacedReason.NO_RELEASE_AREA: "No release area recorded",
}


@dataclass(frozen=True)
class Destination:
    prison: str
    rank: Rank
    distance_km: float | None  # from his release area; None when a place has no coordinates


@dataclass(frozen=True)
class Need:
    """One man's transfer need: by when he must arrive and where he may go."""

    prison_number: str
    current_prison: str
    release_area: str | None
    release_on: date
    latest_arrival: date
    latest_week: int  # the last week of the plan he may arrive in; negative when already too late
    destinations: tuple[Destination, ...] = ()
    # Set when he cannot be placed whatever the capacity: the reason and the words for it.
    refused: UnplacedReason | None = None
    refused_because: str = ""


@dataclass(frozen=True)
class Horizon:
    as_of: date
    weeks: int = 26
    days_before_release: int = POLICY.resettlement_transfer_days_before_release

    @property
    def ends_on(self) -> date:
        return self.as_of + timedelta(weeks=self.weeks)

    def week_of(self, day: date) -> int:
        """The plan week a date falls in (week 0 starts on as_of); negative before it."""
        return (day - self.as_of).days // DAYS_PER_WEEK

    def week_starts(self, week: int) -> date:
        return self.as_of + timedelta(weeks=week)


def serves_release_area(man: ManFacts, prison: PrisonFacts) -> bool:
    return prison.is_resettlement_prison and man.release_area in prison.serves


def rank_of(man: ManFacts, prison: PrisonFacts) -> Rank | None:
    """His standing in `prison`: how good a place it is to be released from; None for no standing."""
    if not prison.is_resettlement_prison:
        return None
    if man.release_area in prison.serves:
        return Rank.SERVES_RELEASE_AREA
    if man.release_region is not None and prison.region == man.release_region:
        return Rank.IN_RELEASE_REGION
    return Rank.NEAREST_ELSEWHERE


def transfer_need(
    man: ManFacts,
    *,
    release_on: date,
    prisons: dict[str, PrisonFacts],
    horizon: Horizon,
    excluded_because: str = "",
    rejected: frozenset[str] = frozenset(),
) -> Need | None:
    """His transfer need, or None when he needs none (released beyond the horizon, or already held in a
    resettlement prison serving his release area)."""
    if release_on > horizon.ends_on:
        return None
    current = prisons.get(man.current_prison)
    if current is not None and serves_release_area(man, current):
        return None
    latest_arrival = release_on - timedelta(days=horizon.days_before_release)
    need = Need(
        prison_number=man.prison_number,
        current_prison=man.current_prison,
        release_area=man.release_area,
        release_on=release_on,
        latest_arrival=latest_arrival,
        latest_week=horizon.week_of(latest_arrival),
    )
    refusal = _refusal(man, need, excluded_because)
    if refusal:
        return _refused(need, *refusal)
    destinations, ruled_out = _destinations(man, current, prisons, rejected)
    if not destinations:
        return _refused(need, UnplacedReason.NO_SUITABLE_PRISON, _no_destination_words(man, ruled_out))
    return Need(**{**need.__dict__, "destinations": destinations})


def _refused(need: Need, reason: UnplacedReason, because: str) -> Need:
    return Need(**{**need.__dict__, "refused": reason, "refused_because": because})


def _refusal(man: ManFacts, need: Need, excluded_because: str) -> tuple[UnplacedReason, str] | None:
    if excluded_because:
        return UnplacedReason.EXCLUDED, excluded_because
    if man.security_category == "A":
        return UnplacedReason.EXCLUDED, "Category A: his moves are decided by the Category A team."
    if man.sex not in ("MALE", "FEMALE"):
        return (
            UnplacedReason.EXCLUDED,
            "Sex not recorded as male or female: his placement is decided case by case.",
        )
    if not man.security_category:
        return UnplacedReason.EXCLUDED, "No security category recorded: a receiving prison cannot be chosen."
    if man.release_area is None:
        return UnplacedReason.NO_RELEASE_AREA, "No release area (probation delivery unit) recorded."
    if need.latest_week < 0:
        return UnplacedReason.TOO_LATE, (
            f"He had to arrive by {long_date(need.latest_arrival)} (release − {TRANSFER_NOTICE}), before this plan "
            "starts."
        )
    return None


def _destinations(man, current, prisons, rejected) -> tuple[tuple[Destination, ...], Counter]:
    current_rank = rank_of(man, current) if current is not None else None
    current_km = distance_km(current.location, man.release_area_location) if current is not None else None
    ruled_out: Counter = Counter()
    near: list[Destination] = []
    by_rank: list[Destination] = []
    for prison in prisons.values():
        if prison.code == man.current_prison or not prison.is_resettlement_prison:
            continue
        why = why_unsuitable(man, prison)
        if why is None and prison.code in rejected:
            why = "were rejected for him by the prison"
        if why is None and prison.operational_capacity is None:
            why = "have no operational capacity recorded"
        if why:
            ruled_out[why] += 1
            continue
        rank = rank_of(man, prison)
        if current_rank is not None and rank >= current_rank:
            ruled_out["would not bring him nearer his release area"] += 1
            continue
        km = distance_km(prison.location, man.release_area_location)
        destination = Destination(prison.code, rank, km)
        if rank < Rank.NEAREST_ELSEWHERE:
            by_rank.append(destination)
        elif km is not None and (current_km is None or km < current_km):
            near.append(destination)
        else:
            ruled_out["would not bring him nearer his release area"] += 1
    near.sort(key=lambda d: (d.distance_km, d.prison))
    ruled_out["are further away than the nearest few"] += max(0, len(near) - NEAREST_OUTSIDE_REGION)
    chosen = sorted(by_rank, key=lambda d: (d.rank, d.distance_km or 0, d.prison))
    return tuple(chosen + near[:NEAREST_OUTSIDE_REGION]), ruled_out


def _no_destination_words(man: ManFacts, ruled_out: Counter) -> str:
    if not ruled_out:
        return "There is no other resettlement prison on the estate."
    parts = "; ".join(f"{count} {why}" for why, count in ruled_out.most_common())
    return f"No resettlement prison may take him nearer home ({man.release_area}): {parts}."
