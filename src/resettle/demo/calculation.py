"""Puts each generated man's key dates where the release-date engine puts them, as NOMIS would hold them.

The generator draws a sentence and places the man in it so that his earliest release falls on an intended
date (the `target`), using simple fractions. The prison system holds the dates CRDS calculates, so here the
engine (under the live rules, as `resettle.people.release_dates` runs it) calculates each booking built
from the unsaved rows, and the man's whole timeline (sentence, offence, adjustment, recall and reception
dates) is moved by the difference until the engine's earliest release lands on the target. The engine's
dates then become the recorded ones (see `Sentencing.finish`).

A timeline is never moved so that a sentence, a recall or an adjustment falls after today, nor so that he
is received before his 15th birthday. When the
engine's release cannot reach the target without that (the engine releases earlier than the simulation,
so a man drawn as just sentenced would have to be sentenced in the future), the target is reflected back
inside the furthest release the engine allows (see `Calculator._step`); a few that still miss by a few
days, where month arithmetic makes the release jump, keep the engine's date. Bookings the
engine refuses (indeterminate sentences, anything it cannot calculate) keep the simulated dates.
"""

from collections import Counter, defaultdict
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from resettle.people.booking_input import SentenceLine, engine_booking
from resettle.people.models import CalculatedReleaseDates, Person
from resettle.people.release_dates import Rules, live_rules, run_engine
from resettle.rules.sentencing import Refused
from resettle.rules.sentencing import model as engine

from .sentences import Custody

# Engine runs per booking at most; the last one only confirms the dates on the final timeline.
ROUNDS = 7
# A target beyond the engine's furthest release is folded back inside it by this share of the shortfall.
FOLD = 0.25
ONE_DAY = timedelta(days=1)
YOUNGEST_RECEPTION_AGE = 15
# Fewer bookings than this are calculated in this process alone.
POOL_THRESHOLD = 200


def engine_input(custody: Custody, date_of_birth: date) -> engine.Booking:
    """The engine's booking for unsaved rows, through the same mapping as a stored booking's."""
    keys = {id(sentence): str(n) for n, sentence in enumerate(custody.sentences, 1)}
    offences = defaultdict(list)
    for offence in custody.offences:
        offences[id(offence.sentence)].append(offence)
    lines = [
        SentenceLine(
            sentence,
            keys[id(sentence)],
            offences[id(sentence)],
            keys[id(sentence.consecutive_to)] if sentence.consecutive_to is not None else None,
        )
        for sentence in custody.sentences
    ]
    adjustments = [
        (adjustment, keys.get(id(adjustment.sentence)) if adjustment.sentence is not None else None)
        for adjustment in custody.adjustments
    ]
    return engine_booking(
        Person(date_of_birth=date_of_birth),
        lines,
        adjustments,
        subject_to_notification=custody.notification,
    )


def _calculate(items: list[tuple[engine.Booking, Rules]]) -> list[dict[str, date] | None]:
    """The engine's dates for each booking, None where it refuses or fails."""
    found = []
    for booking, rules in items:
        try:
            outcome = run_engine(booking, rules)
        except Exception:  # noqa: BLE001 - an engine fault must not stop a demo load; the booking keeps
            # its simulated dates and the stored calculation (made after the load) shows the fault.
            found.append(None)
            continue
        if outcome.outcome != CalculatedReleaseDates.Outcome.CALCULATED:
            found.append(None)
            continue
        found.append({kind: date.fromisoformat(on) for kind, on in outcome.dates.items()})
    return found


def release_point(custody: Custody, dates: dict[str, date]) -> date | None:
    """Where the engine's dates put the release the generator aimed at (rules/release.py's choice, less the
    PED-passed fallback: the target is always a PED for a parole case)."""
    if custody.recalled:
        return dates.get("PRRD")
    if custody.parole and dates.get("PED"):
        return dates["PED"]
    automatic = [dates[kind] for kind in ("CRD", "ARD") if dates.get(kind)]
    return min(automatic) if automatic else None


class Calculator:
    """Runs the engine for batches of generated bookings, half of each batch in a second process if given."""

    def __init__(self, today: date, pool: ProcessPoolExecutor | None = None):
        self.today, self.pool, self.rules = today, pool, live_rules()
        self.counts: Counter = Counter()

    def _run(self, bookings: list[engine.Booking]) -> list[dict[str, date] | None]:
        items = [(booking, self.rules) for booking in bookings]
        if self.pool is None or len(items) < POOL_THRESHOLD:
            return _calculate(items)
        half = (len(items) + 1) // 2
        elsewhere = self.pool.submit(_calculate, items[:half])
        here = _calculate(items[half:])
        return [*elsewhere.result(), *here]

    def align(self, drafts: Sequence[tuple[Custody, date]]) -> None:
        """Move each custody's timeline until the engine's release lands on its target, and keep the
        engine's dates on the final timeline in `custody.calculated`."""
        pending: list[tuple[Custody, date]] = []
        for custody, born in drafts:
            if custody.target is None or custody.released_on:
                # Released men's bookings are closed: nothing calculates them again, and the record of a
                # past release is left as simulated, which saves the engine a third of its work.
                continue
            try:
                custody.engine_input = engine_input(custody, born)
            except Refused:
                self.counts["refused"] += 1
                continue
            pending.append((custody, born))
        # Each custody's timelines tried so far: total shift -> (release, the engine's dates).
        tried: dict[int, dict[int, tuple[date, dict[str, date]]]] = {}
        shifted: dict[int, int] = {}
        for round_ in range(ROUNDS):
            if not pending:
                break
            results = self._run([custody.engine_input for custody, _ in pending])
            self.counts["engine runs"] += len(pending)
            moving = []
            for (custody, born), dates in zip(pending, results, strict=True):
                key, total = id(custody), shifted.get(id(custody), 0)
                released = release_point(custody, dates) if dates else None
                if released is None:
                    if total:
                        custody.shift(-total)  # refused after a move: back to the simulated timeline
                    custody.calculated = None
                    self.counts["refused"] += 1
                    continue
                history = tried.setdefault(key, {})
                history[total] = (released, dates)
                following = None if round_ == ROUNDS - 1 else self._next(custody, born, total, history)
                if following is None:
                    best = self._best(custody, history)
                    custody.shift(best - total)
                    custody.calculated = history[best][1]
                    self.counts["on target" if history[best][0] == custody.target else "off target"] += 1
                    continue
                custody.shift(following - total)
                shifted[key] = following
                custody.engine_input = engine_input(custody, born)
                moving.append((custody, born))
            pending = moving

    def _next(self, custody: Custody, born: date, total: int, history: dict) -> int | None:
        """The total shift to try next, or None to stop. Moving the timeline moves the release one for one,
        except where a commencement date holds releases back (the progression model's tranches) or month
        arithmetic makes it jump; so the search keeps the tried shifts either side of the target and bisects
        between them when a step would leave that bracket."""
        released = history[total][0]
        gap = (custody.target - released).days
        if gap == 0:
            return None
        if gap > 0:  # never past today
            limit = max((self.today - custody.latest_event()).days, 0)
            if limit == 0 and not custody.reflected:
                # Sentenced today, his release is as far off as the engine's fractions allow, short of the
                # target drawn with the simulation's longer ones. Rather than pile such men up on today's
                # sentence date, fold the target back inside that horizon by a share of the shortfall: the
                # far end of the time left to serve is filled, and the next year's releases stay as
                # calibrated.
                custody.reflected = True
                custody.target = max(released - timedelta(days=round(gap * FOLD)), self.today + ONE_DAY)
                self.counts["target reflected"] += 1
                gap = (custody.target - released).days
                limit = 0
        else:
            limit = None
        below = [shift for shift, (on, _) in history.items() if on < custody.target]
        above = [shift for shift, (on, _) in history.items() if on > custody.target]
        low, high = max(below, default=None), min(above, default=None)
        candidate = total + gap
        if len(history) > 1 and candidate in history:  # stalled: the release did not move last time
            candidate = total + 2 * gap
        if low is not None and high is not None and not low < candidate < high:
            candidate = (low + high) // 2
        if limit is not None:
            candidate = min(candidate, total + limit)
        # Never back before his 15th birthday, the youngest a child is held in custody for years: moved
        # unbounded, a timeline once put a reception before the man was born.
        youngest = born + relativedelta(years=YOUNGEST_RECEPTION_AGE)
        candidate = max(candidate, total - max((custody.booking.received_on - youngest).days, 0))
        return None if candidate in history else candidate

    def _best(self, custody: Custody, history: dict) -> int:
        """The tried shift to keep: on target if any; else the nearest whose release is not already past for
        a man whose target is still ahead."""

        def miss(shift: int) -> tuple[bool, int]:
            on = history[shift][0]
            return (on < self.today <= custody.target, abs((custody.target - on).days))

        return min(history, key=miss)


def as_calculation(dates: dict[str, date] | None) -> CalculatedReleaseDates:
    """An unsaved calculation holding the engine's dates, so the earliest release date can be worked out
    from both sources before the rows are saved (the stored calculation is made after the load)."""
    if dates is None:
        return CalculatedReleaseDates(outcome=CalculatedReleaseDates.Outcome.REFUSED, dates={})
    return CalculatedReleaseDates(
        outcome=CalculatedReleaseDates.Outcome.CALCULATED,
        dates={kind: on.isoformat() for kind, on in dates.items()},
    )
