"""The order in which staff work a list of men: who leaves soonest first, and among men leaving on the
same day, the most dangerous first (RoSH very high, then high; then the higher MAPPA level), and only then
the step whose deadline is oldest. A step missed years ago for a man with years to serve is less urgent
than one due this week for a man released this month (issue 18 §2).
"""

from datetime import date

from .case import RoshLevel

# Most urgent first; a man with no RoSH assessment comes after every assessed level.
ROSH_URGENCY = (RoshLevel.VERY_HIGH, RoshLevel.HIGH, RoshLevel.MEDIUM, RoshLevel.LOW)
UNKNOWN_ROSH = len(ROSH_URGENCY)
# MAPPA levels 1 to 3; a man with none is managed under no arrangement and comes after level 1.
NO_MAPPA_LEVEL = 0


def rosh_rank(level: str | None) -> int:
    """0 for very high RoSH, rising as the risk falls; an unknown level last."""
    return ROSH_URGENCY.index(RoshLevel(level)) if level else UNKNOWN_ROSH


def urgency(*, release: date | None, rosh_level: str | None, mappa_level: int | None, due_on: date) -> tuple:
    """The sort key of one worklist row, most urgent smallest. A man with no release date known (an
    indeterminate sentence before his tariff is set, say) comes after every man with one."""
    return (
        release is None,
        release or date.max,
        rosh_rank(rosh_level),
        -(mappa_level or NO_MAPPA_LEVEL),
        due_on,
    )
