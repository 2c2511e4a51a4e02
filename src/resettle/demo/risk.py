"""Risk of serious harm, tier and MAPPA, as OASys, the tiering service and ViSOR would record them."""

import random
from datetime import date, timedelta

from resettle.people.models import RiskProfile
from resettle.people.vocabulary import MappaCategory, MappaLevel, RoshLevel

from .profiles import Practice
from .sentences import Custody

# RoSH mix by index offence: (low, medium, high, very high). Assumption, skewed high for sexual offences.
ROSH_MIX = {
    "sexual": (0.04, 0.46, 0.45, 0.05),
    "violent": (0.08, 0.52, 0.37, 0.03),
    "other": (0.35, 0.55, 0.10, 0.0),
}
ROSH_LEVELS = (RoshLevel.LOW, RoshLevel.MEDIUM, RoshLevel.HIGH, RoshLevel.VERY_HIGH)
# hmpps-tier's protect points (rulebook 1.6) and the bands they fall in.
ROSH_POINTS = {RoshLevel.VERY_HIGH: 150, RoshLevel.HIGH: 20, RoshLevel.MEDIUM: 10, RoshLevel.LOW: 0}
V3_LETTERS = {"A": "AB", "B": "C", "C": "DE", "D": "FG"}


def rosh(rng: random.Random, custody: Custody) -> str:
    if custody.index_offence is None:
        return ""
    return rng.choices(ROSH_LEVELS, weights=ROSH_MIX[custody.index_offence.group])[0]


def mappa_category(rng: random.Random, custody: Custody, level: str, practice: Practice) -> int | None:
    """Category 1 for every man subject to notification; 2 for a Schedule 15 offence with 12 months or more
    (rulebook 1.2); 3 now and then for another high-risk man. A few category 1 cases go unrecorded: the
    data-quality gap the rulebook says to alert on."""
    offence = custody.index_offence
    if offence is None:
        return None
    if custody.notification:
        return None if rng.random() < practice.mappa_category_missing else MappaCategory.CATEGORY_1
    if offence.schedule_15 and (offence.violent or offence.sexual) and custody.months >= 12:
        return MappaCategory.CATEGORY_2
    if level in (RoshLevel.HIGH, RoshLevel.VERY_HIGH) and rng.random() < 0.03:
        return MappaCategory.CATEGORY_3
    return None


def mappa_level(rng: random.Random, level: str) -> int:
    weights = {
        RoshLevel.VERY_HIGH: (0.3, 0.5, 0.2),
        RoshLevel.HIGH: (0.8, 0.18, 0.02),
    }.get(level, (0.97, 0.03, 0.0))
    return rng.choices((MappaLevel.LEVEL_1, MappaLevel.LEVEL_2, MappaLevel.LEVEL_3), weights=weights)[0]


def level_is_set(rng: random.Random, days_to_release: int | None, practice: Practice) -> bool:
    """MAPPA levels are set as release approaches: due six months before it (rulebook R1.5, R1.6)."""
    if days_to_release is None:
        return False
    if days_to_release <= 183:
        chance = practice.mappa_level_within_6_months
    elif days_to_release <= 274:
        chance = practice.mappa_level_6_to_9_months
    else:
        chance = practice.mappa_level_earlier
    return rng.random() < chance


def tier(rng: random.Random, level: str, managed_level: int | None) -> str:
    """The tier as recorded: mostly v2 (protect letter and change digit, like B2), some v3 (A to G)."""
    points = ROSH_POINTS.get(level, 0)
    if managed_level in (MappaLevel.LEVEL_2, MappaLevel.LEVEL_3):
        points += 150
    elif managed_level == MappaLevel.LEVEL_1:
        points += 5
    letter = "A" if points >= 150 else "B" if points >= 20 else "C" if points >= 10 else "D"
    if rng.random() < 0.2:
        return rng.choice(V3_LETTERS[letter])
    return f"{letter}{rng.choices('0123', weights=(10, 30, 35, 25))[0]}"


def risk_profile(
    rng: random.Random, custody: Custody, *, days_to_release: int | None, practice: Practice, today: date
) -> RiskProfile:
    offence = custody.index_offence
    level = rosh(rng, custody)
    assessed = None
    if level and rng.random() < 0.06:
        level = ""  # no OASys yet: newly sentenced, or the assessment is overdue
    if level:
        assessed = today - timedelta(days=rng.randint(10, 700))
    category = mappa_category(rng, custody, level, practice)
    managed_level = set_on = review_on = None
    if category and level_is_set(rng, days_to_release, practice):
        managed_level = mappa_level(rng, level)
        lead = rng.randint(0, 120)
        set_on = today - timedelta(days=lead)
        if days_to_release < 0:
            # Released: the level was set before release, 6 months or more ahead as often as the prison
            # sets levels 6 to 9 months out (the same draw decides, so no other man's figures move).
            in_time = lead / 120 < practice.mappa_level_6_to_9_months
            set_on = today + timedelta(days=days_to_release) - timedelta(days=lead + (183 if in_time else 0))
        weeks = {MappaLevel.LEVEL_2: 16, MappaLevel.LEVEL_3: 8}.get(managed_level)
        review_on = set_on + timedelta(weeks=weeks) if weeks else None
    sexual = bool(offence and offence.sexual)
    return RiskProfile(
        rosh_level=level,
        rosh_assessed_on=assessed,
        tier=tier(rng, level, managed_level) if offence else "",
        mappa_category=category,
        mappa_level=managed_level,
        mappa_level_set_on=set_on,
        mappa_review_on=review_on,
        subject_to_notification=custody.notification,
        maintains_innocence=rng.random() < (0.3 if sexual else 0.04),
        appellant=bool(offence) and rng.random() < 0.03,
    )
