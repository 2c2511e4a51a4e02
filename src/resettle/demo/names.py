"""Plausible British names, for the people in custody and for staff."""

import random
from functools import cache

from .estate import DATA


@cache
def _names(filename: str) -> tuple[str, ...]:
    return tuple(
        line.strip() for line in (DATA / filename).read_text(encoding="utf-8").splitlines() if line.strip()
    )


def forename(rng: random.Random, female: bool) -> str:
    return rng.choice(_names("forenames_female.txt" if female else "forenames_male.txt"))


def surname(rng: random.Random) -> str:
    return rng.choice(_names("surnames.txt"))


def full_name(rng: random.Random, female: bool) -> tuple[str, str, str]:
    """First name, middle names (about half have one) and surname."""
    first = forename(rng, female)
    middle = ""
    if rng.random() < 0.5:
        middle = forename(rng, female)
        if middle == first:
            middle = ""
    return first, middle, surname(rng)
