"""The self-check every calculation passes before its dates are given (issue 13 §3): the dates stand in
the order the law puts them, or the booking is refused. A date out of that order is a sign the engine met a
shape of case it has no rule for; a refusal sends it to a person, a stored wrong date would not.

Every rule below holds in all of CRDS's own answers in the shared fixtures (checked when it was written).
"""

from datetime import date

from .result import Refused

CODE = "DATES_OUT_OF_LAWFUL_ORDER"

# (earlier, later, strictly, the law that orders them)
ORDER = (
    (
        "HDCED",
        "CRD",
        True,
        "home detention curfew is release before the conditional release date (CJA 2003 s.246)",
    ),
    (
        "HDCED",
        "ARD",
        True,
        "home detention curfew is release before the automatic release date (CJA 2003 s.246)",
    ),
    ("PED", "CRD", False, "parole eligibility falls within the custodial term (CJA 2003 s.246A, s.254)"),
    ("ERSED", "CRD", True, "early removal is before release (CJA 2003 s.260)"),
    ("ERSED", "ARD", True, "early removal is before release (CJA 2003 s.260)"),
    ("CRD", "SLED", False, "release on licence comes before the licence ends"),
    ("CRD", "SED", False, "release comes before the sentence expires"),
    ("ARD", "SED", False, "release comes before the sentence expires"),
    ("PED", "SED", False, "parole eligibility comes before the sentence expires"),
    ("PRRD", "SED", False, "release after recall comes before the sentence expires"),
    ("PRRD", "SLED", False, "release after recall comes before the licence ends"),
    ("SLED", "SED", False, "the licence ends with the sentence at the latest"),
    ("CRD", "TUSED", True, "top-up supervision follows release (CJA 2003 s.256AA)"),
    ("SLED", "TUSED", True, "top-up supervision follows the licence (CJA 2003 s.256AA)"),
)


def check(dates: dict[str, date], *, returned_to_custody: date | None = None) -> None:
    """Refuse a calculation whose dates break the lawful order, naming the two dates and the rule."""
    for earlier, later, strictly, law in ORDER:
        first, then = dates.get(earlier), dates.get(later)
        if first is None or then is None:
            continue
        if first > then or (strictly and first == then):
            raise Refused(
                CODE,
                f"{earlier} {first.isoformat()} is not {'before' if strictly else 'on or before'} "
                f"{later} {then.isoformat()}: {law}",
            )
    released = dates.get("PRRD")
    if released and returned_to_custody and released < returned_to_custody:
        raise Refused(
            CODE,
            f"PRRD {released.isoformat()} is before his return to custody on {returned_to_custody.isoformat()}: "
            "a man is released after a recall only once he is back in custody",
        )
