"""The release-date engine: `calculate(booking, profile, toggles)` → the booking's dates and their reasons.

Steps, as in CRDS: identify each sentence; combine consecutive sentences into chains; allocate the
adjustments along the timeline; work out each sentence's dates under the default legislation and under
each early-release scheme in force (defaulting to tranche dates); add HDC, top-up supervision and early
removal; then extract the booking's dates."""

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from ..calendar import ENGLAND_AND_WALES, WorkingDays
from ..explained import ExplainedDate, long_date
from . import ersed, extraction, fixed_term_recall, hdced, lawful_order, movements, shpo, tused
from .adjustments import Applied
from .aggregation import MultiplierOf, Unit, build_units, single_terms
from .durations import plus_months
from .early_release import Scheme, default, schemes
from .extraction import extract
from .identification import identify, unit_date_types
from .legislation import (
    HDC_365_COMMENCEMENT_DATE,
    Profile,
    Toggles,
    Tranche,
    load_profile,
)
from .model import AdjustmentType, Booking, RecallType
from .recall import allocate_ftr56_tranche, ftr56_length, ftr56_switched, post_recall_release
from .refusals import (
    INVALID_DATA,
    check_booking,
    check_results,
    check_sds40_consecutive,
    check_toggled,
    check_unsupported_adjustments,
)
from .result import Calculation, Refused
from .sentence_dates import UnitDates, calculate_unit
from .timeline import allocate_grouped, check_units, custodial_periods, split_released_chains
from .tracks import TERM_TRACKS, DateType, Identified, Track

D = DateType
# The dates moved to a scheme's tranche date. Not the ARD: CRDS's final merge defaults CRD, ERSED, HDCED,
# PED and PRRD only (hard cases §0, §9.7). MTD is a DTO's, which no scheme changes.
SCHEME_DEFAULTED = (D.CRD, D.PED, D.HDCED, D.ERSED, D.MTD)


def calculate(
    booking: Booking,
    profile: Profile | None = None,
    toggles: Toggles | None = None,
    bank_holidays: Iterable[date] | None = None,
) -> Calculation:
    """Raises `Refused` for a booking that must be calculated by hand."""
    profile = profile or load_profile()
    toggles = toggles or Toggles()
    working_days = (
        ENGLAND_AND_WALES if bank_holidays is None else WorkingDays.with_bank_holidays(bank_holidays)
    )

    check_unsupported_adjustments(booking)
    check_toggled(booking, toggles)
    try:
        check_booking(booking)
        calculation = _Calculator(booking, profile, toggles, working_days).run()
    except Refused as refused:
        if refused.code in INVALID_DATA:
            _unsupported_first(_Calculator(booking, profile, toggles, working_days))
        raise
    lawful_order.check(calculation.dates, returned_to_custody=_first_return_to_custody(booking))
    return calculation


def _first_return_to_custody(booking: Booking) -> date | None:
    """The earliest day he came back to custody on a recall, where the booking says."""
    days = [booking.returned_to_custody(sentence) for sentence in booking.sentences]
    return min((day for day in days if day), default=None)


def _unsupported_first(calculator: "_Calculator") -> None:
    """Refuse as CRDS does when invalid data hides an unsupported booking: its unsupported post-calculation
    checks run before any invalid-data check (ValidationService.validate, hard cases §8.1). A calculation
    the invalid data breaks says nothing, and the invalid refusal stands."""
    try:
        calculator.check_unsupported(calculator.unit_results())
    except Refused:
        raise
    except Exception:  # noqa: BLE001 - broken by the invalid data: the caller's refusal stands
        return


@dataclass
class ActiveScheme:
    scheme: Scheme
    tranche: Tranche | None


class _Calculator:
    def __init__(self, booking: Booking, profile: Profile, toggles: Toggles, working_days: WorkingDays):
        self.booking = booking
        self.profile = profile
        self.toggles = toggles
        self.working_days = working_days
        self.units = build_units([identify(s, profile) for s in booking.sentences])
        self.active: list[ActiveScheme] = []
        self.ftr56_tranche: Tranche | None = None
        self._cache: dict[tuple[int, Applied], UnitDates] = {}
        self._group_released: dict[int, date] = {}
        self._groups: list = []

    @property
    def any_long_recall(self) -> bool:
        return any(u.parts[0].is_recall and fixed_term_recall.is_twelve_months_or_more(u) for u in self.units)

    def run(self, checked: bool = True) -> Calculation:
        results = self.unit_results()
        periods = custodial_periods(self.booking, results, self.working_days, self.evaluate)
        # Each sentence's custodial group, for the booking's ERSED (hard cases §6.4).
        for number, period in enumerate(periods):
            for member in period.members:
                results[member].group = number
                if results[member].pre_progression:
                    results[member].pre_progression.group = number
        if checked:
            # The unsupported checks run before the invalid-data ones (hard cases §8.1).
            self.check_unsupported(results)
            check_results(self.booking, results, periods)
        return self.booking_dates(results)

    def booking_dates(self, results: list[UnitDates]) -> Calculation:
        """The booking's dates from its sentences': extraction, then the schemes' final merges."""
        calculation = self._sds40_final_dates(self._extract(results))
        calculation = self._progression_model_final_dates(results, calculation)
        return self._pre_ers30_snapshot(results, calculation)

    def _extract(self, results: list[UnitDates]) -> Calculation:
        return extract(results, self.toggles, self.booking.offender.date_of_birth)

    def check_unsupported(self, results: list[UnitDates]) -> None:
        """The post-calculation checks CRDS classes as unsupported (validation order 1): they run before
        any invalid-data check (hard cases §8.1)."""
        shpo.check(results, self.profile)
        sds40 = next((a for a in self.active if a.scheme.is_sds40), None)
        check_sds40_consecutive(self.units, sds40.tranche if sds40 else None, self.profile)
        if (
            self.toggles.applyPostHdcedRepealRules
            and movements.still_out_on_hdc(self.booking)
            and D.HDCED in self.booking_dates(results).dates
        ):
            # HDC repealed: an HDCED for a man still out on HDC is for a person to decide (§5.6).
            raise Refused(
                "HDCED_REPEAL", "an HDC eligibility date while he is still out on HDC, after its repeal"
            )

    def _sds40_final_dates(self, calculation: Calculation) -> Calculation:
        """The SDS40 final merge removes the booking's HDCED and ERSED where they equal both its CRD or ARD
        and the SDS40 tranche date (hard cases §5.5, §6.6; §9.7 "then", step 3). The progression model's
        merge has no such step."""
        tranche = next((a.tranche for a in self.active if a.tranche and a.scheme.is_sds40), None)
        if tranche is None:
            return calculation
        releases = {calculation.dates[k] for k in ("CRD", "ARD") if k in calculation.dates}
        breakdown = {
            kind: explained
            for kind, explained in calculation.breakdown.items()
            if not (kind in ("HDCED", "ERSED") and explained.on == tranche.date and explained.on in releases)
        }
        return Calculation(breakdown, calculation.effective_sentence_length)

    def _progression_model_final_dates(
        self, results: list[UnitDates], calculation: Calculation
    ) -> Calculation:
        """CRDS's progression-model final merge of the booking's dates with the snapshot taken at the
        tranche date `T`, before the model applied (hard cases §9.8 final merge; §5.6, §6.6):
        1. the HDCED is the snapshot's whenever it has one: never recalculated at one third;
        2. the ERSED, with `A` the booking's added less restored days, is the snapshot's `σ` if `T > σ − A`;
           otherwise the final one `e`, raised to `T + A` if `T > e − A`."""
        tranche = next((a.tranche for a in self.active if a.scheme.is_progression_model and a.tranche), None)
        if tranche is None:
            return calculation
        snapshot = [r.pre_progression or r for r in results if r.unit.sentenced_at < tranche.date]
        # The snapshot has had the SDS40 final merge (§9.8 "at the allocated date", step 1).
        before = self._sds40_final_dates(self._extract(snapshot)).breakdown if snapshot else {}
        breakdown = dict(calculation.breakdown)
        model = f"the progression model, at its tranche date {long_date(tranche.date)}"
        hdced = before.get("HDCED")
        if hdced is not None:
            release = max(
                (calculation.dates[k] for k in ("CRD", "ARD", "PRRD") if k in calculation.dates),
                default=None,
            )
            if release is not None and hdced.on >= release:
                # Only with the repeal rules off (with them on the snapshot's HDCED is before 2026-09-02):
                # a long sentence's HDCED before the model can fall after its release under it. The rule
                # would copy it anyway; no lawful HDCED follows from it.
                raise Refused(
                    "HDCED_NOT_BEFORE_PROGRESSION_MODEL_RELEASE",
                    f"the HDC eligibility date before the progression model, {long_date(hdced.on)}, is not "
                    f"before the release under it, {long_date(release)}",
                )
            breakdown["HDCED"] = ExplainedDate(
                "HDCED", hdced.on, hdced.because + (f"As calculated before {model}",)
            )
        added = timedelta(
            days=sum(
                a.number_of_days for a in self.booking.adjustments_of(AdjustmentType.ADDITIONAL_DAYS_AWARDED)
            )
            - sum(
                a.number_of_days
                for a in self.booking.adjustments_of(AdjustmentType.RESTORATION_OF_ADDITIONAL_DAYS_AWARDED)
            )
        )
        old, new = before.get("ERSED"), breakdown.get("ERSED")
        if old is not None and tranche.date > old.on - added:
            breakdown["ERSED"] = ExplainedDate(
                "ERSED", old.on, old.because + (f"As calculated before {model}",)
            )
        elif new is not None and tranche.date > new.on - added:
            day = tranche.date + added
            breakdown["ERSED"] = ExplainedDate(
                "ERSED", day, new.because + (f"Not before {model}: {long_date(day)}",)
            )
        return Calculation(breakdown, calculation.effective_sentence_length)

    def _pre_ers30_snapshot(self, results: list[UnitDates], calculation: Calculation) -> Calculation:
        """Toggle `useLatestErsedFromPreErs30Snapshot` (hard cases §6.5): with a part passed after the ERS30
        commencement, the booking is also calculated as it stood that morning, before the day's other
        events. If the ERSED comes from a chain spanning the commencement and that earlier ERSED is later,
        it is the ERSED."""
        booking, commencement = self.booking, ersed.ERS30_COMMENCEMENT_DATE
        if not (
            self.toggles.useLatestErsedFromPreErs30Snapshot
            and booking.calculate_ersed
            and any(s.sentenced_at > commencement for s in booking.sentences)
        ):
            return calculation
        holder = extraction.ersed_holder(results)
        if holder is None or "ERSED" not in calculation.breakdown or not _spans(holder.unit, commencement):
            return calculation
        earlier = replace(
            booking,
            sentences=tuple(s for s in booking.sentences if s.sentenced_at < commencement),
            adjustments=tuple(a for a in booking.adjustments if a.on and a.on < commencement),
            external_movements=tuple(m for m in booking.external_movements if m.movement_date < commencement),
        )
        # A point on the same timeline, not another booking: the checks after the calculation are the
        # whole booking's (an award pending for a later sentence is not "after release" here).
        snapshot = _Calculator(earlier, self.profile, self.toggles, self.working_days).run(checked=False)
        before = snapshot.breakdown.get("ERSED")
        if before is None or before.on <= calculation.breakdown["ERSED"].on:
            return calculation
        breakdown = dict(calculation.breakdown)
        breakdown["ERSED"] = ExplainedDate(
            "ERSED",
            before.on,
            before.because + (f"As calculated before the ERS30 commencement, {long_date(commencement)}",),
        )
        return Calculation(breakdown, calculation.effective_sentence_length)

    def unit_results(self) -> list[UnitDates]:
        check_units(self.units)
        applied = self._allocate()
        units = split_released_chains(self.booking, self.units, applied, self.evaluate, self.working_days)
        if units is not self.units:
            self.units = units
            self._cache.clear()
            return self.unit_results()
        merged = single_terms(self.units, [g.members for g in self._groups])
        if merged is not None:
            # Concurrent sentences of one custodial group served as a single term (hard cases §9.4).
            self.units = merged
            self._cache.clear()
            return self.unit_results()
        self.active = self._active_schemes(applied)
        # When his custodial group leaves custody, for the schemes that judge the group (§9.6).
        self._group_released = {
            id(self.units[m]): group.released for group in self._groups for m in group.members
        }
        self._cache.clear()
        results = [self.evaluate(unit, a) for unit, a in zip(self.units, applied, strict=True)]
        tranche = self._allocate_ftr56(results)
        if tranche != self.ftr56_tranche:
            self.ftr56_tranche = tranche
            self._cache.clear()
            results = [self.evaluate(unit, a) for unit, a in zip(self.units, applied, strict=True)]
        return results

    def _allocate_ftr56(self, results: list[UnitDates]) -> Tranche | None:
        """One FTR56 tranche for the booking, judged on its FTR56 sentences (hard cases §2.5)."""
        tranches = self.profile.ftr56_tranches
        if not tranches:
            return None
        candidates = [
            (
                ftr56_length(r.unit.parts, tranches[0].date),
                r.get(D.SLED) or r.get(D.SED),
                self.booking.returned_to_custody(r.unit.parts[0].sentence),
            )
            for r in results
            if any(
                p.sentence.recall and p.sentence.recall.recall_type is RecallType.FTR_56 for p in r.unit.parts
            )
        ]
        return allocate_ftr56_tranche(candidates, self.booking, tranches)

    def _allocate(self) -> list[Applied]:
        self._group_released = {}
        self.active = self._active_schemes([Applied() for _ in self.units])
        applied, self._groups = allocate_grouped(self.booking, self.units, self.evaluate, self.working_days)
        return applied

    # -- early-release schemes -------------------------------------------------------------------------
    def _active_schemes(self, applied: list[Applied]) -> list[ActiveScheme]:
        active = []
        for scheme in schemes(self.profile, self.toggles):
            relevant, eligible = [], False
            for unit, adjustments in zip(self.units, applied, strict=True):
                if unit.sentenced_at >= scheme.commencement or unit.tracks <= TERM_TRACKS:
                    continue
                base = self._dates(unit, self._multiplier_of(active), adjustments)
                expiry = base.get(D.SLED) or base.get(D.SED)
                if expiry and expiry >= scheme.commencement:
                    relevant.append(base)
                    eligible = eligible or _eligible(scheme, unit, base, self.booking)
            if not eligible:
                relevant = []
            tranche = scheme.allocate(_tranche_lengths(scheme, relevant))
            if (
                relevant
                and scheme.is_progression_model
                and movements.out_at_commencement(self.booking, scheme.commencement)
            ):
                raise Refused(
                    "UNSUPPORTED_OUT_OF_CUSTODY_AT_PROGRESSION_MODEL_COMMENCEMENT",
                    f"out of custody when the progression model commenced, {long_date(scheme.commencement)}",
                )
            if (
                tranche
                and not scheme.is_progression_model
                and not scheme.reverts
                and not movements.in_custody_at_tranche(self.booking, tranche.date)
            ):
                # Out of custody at an SDS40 tranche (hard cases §7.3): no tranche is recorded for the
                # sentences he was serving, but the scheme has commenced, so sentences passed since are
                # under it (§1.3 step 4). The progression model's allocation never looks at movements
                # (§7.4); nor does the 2024-12-16 amendment (an order-30 event).
                tranche = None
            if (
                scheme.is_progression_model
                and self.toggles.progressionTrancheOneManualJourney
                and tranche is scheme.legislation.tranches[0]
            ):
                raise Refused(
                    "PROGRESSION_TRANCHE_ONE_ALLOCATION", "progression-model tranche 1 is calculated by hand"
                )
            active.append(ActiveScheme(scheme, tranche))
        return active

    def _multiplier_of(self, active: list[ActiveScheme], newer: Scheme | None = None) -> MultiplierOf:
        """Release fractions under the schemes in `active`, and under `newer` for the parts passed after it
        commenced. A scheme with no tranche reaches only the parts passed after it commenced (hard cases
        §1.3 step 4, §7.3)."""

        def multiplier_of(part: Identified):
            if newer and part.sentence.sentenced_at >= newer.commencement and newer.multiplier(part):
                return newer.multiplier(part)
            for item in reversed(active):
                if item.tranche is None and part.sentence.sentenced_at < item.scheme.commencement:
                    continue
                found = item.scheme.multiplier(part)
                if found:
                    return found
            return part.multiplier

        return multiplier_of

    # -- one unit ------------------------------------------------------------------------------------
    def evaluate(self, unit: Unit, applied: Applied) -> UnitDates:
        key = (id(unit), applied)
        if key not in self._cache:
            self._cache[key] = self._evaluate(unit, applied)
        return self._cache[key]

    def _evaluate(self, unit: Unit, applied: Applied) -> UnitDates:
        result = self._dates(unit, self._multiplier_of([]), applied)
        for depth, item in enumerate(self.active, start=1):
            if not any(item.scheme.applies_to(p) for p in unit.parts):
                continue
            early = self._dates(
                unit, self._multiplier_of(self.active[:depth]), applied, item.scheme.is_progression_model
            )
            if (
                item.scheme.is_progression_model
                and self.toggles.routePreProgressionExtinguishedSentenceToManual
            ):
                _refuse_extinguished(unit, result, early, item)
            if unit.sentenced_at >= item.scheme.commencement:
                result = early
            elif item.tranche is None:
                # No tranche (no sentence being served made him eligible): parts passed after the
                # commencement still take the scheme's fraction from the day they were passed (hard
                # cases §1.3 step 4), with no defaulting.
                if _spans(unit, item.scheme.commencement):
                    result = self._dates(
                        unit, self._multiplier_of(self.active[: depth - 1], item.scheme), applied
                    )
                continue
            elif item.scheme.reverts:
                # Taking the scheme back out (SDS40's additional exclusions): all new dates for the
                # sentences of the custodial group still in custody on its date; a group already out
                # keeps the old ones (hard cases §9.6).
                out = self._group_released.get(id(unit), result.release)
                result = result if out < item.tranche.date else early
            else:
                if _spans(unit, item.scheme.commencement):
                    # A chain with parts passed after the commencement: those parts were under the scheme
                    # from the start, the earlier ones move to it at the tranche date.
                    mixed = self._multiplier_of(self.active[: depth - 1], item.scheme)
                    result = self._dates(unit, mixed, applied)
                before = result
                result = _defaulted(result, early, item.tranche.date, item.scheme)
                if item.scheme.is_progression_model and result is not before:
                    result.pre_progression = before  # for the HDCED (hard cases §5.6)
        return result

    def _dates(
        self, unit: Unit, multiplier_of: MultiplierOf, applied: Applied, progression_model: bool = False
    ) -> UnitDates:
        total_days = unit.total_days()
        # Age at the adjusted release decides whether an under-18 gets a licence.
        estimate = max(
            unit.sentenced_at
            + timedelta(days=unit.release_days(multiplier_of) - 1 + applied.release_shift()),
            unit.sentenced_at,
        )
        types = unit_date_types(
            unit.parts, unit.sentenced_at, total_days, self.booking.offender, estimate, progression_model
        )
        result = calculate_unit(unit, types, multiplier_of, applied)
        if D.PRRD in types:
            self._recall(result)
        # Under the repeal rules the booking's HDCED goes if its HDC sentence is under the progression
        # model (extraction, hard cases §5.6).
        result.progression_model = progression_model
        self._hdced(result)
        self._tused(result)
        if self.booking.calculate_ersed and ersed.eligible(unit.parts):
            self._ersed(result, multiplier_of)
        return result

    def _recall(self, result: UnitDates) -> None:
        recalled = result.unit.parts[0].sentence
        recall = recalled.recall
        rtc = self.booking.returned_to_custody(recalled)
        expiry = result.get(D.SLED) or result.get(D.SED)
        prrd = post_recall_release(
            fixed_term_recall.length(recall.recall_type, result.unit, self.any_long_recall),
            licence_expiry=expiry,
            return_to_custody=rtc,
            ual_after_return=result.applied.ual_after_return,
            ada_after_release=result.applied.net_ada,
            ftr56_tranche=self.ftr56_tranche,
            ftr56_in_force=ftr56_switched(expiry, self.profile.ftr56_tranches),
        )
        result.set(D.PRRD, prrd.on, *prrd.because)

    def _hdced(self, result: UnitDates) -> None:
        offender = self.booking.offender
        if (
            offender.is_active_sex_offender
            # hard cases §5.1: a part that would be SDS+ if passed today; §5.4.1 (extraction) for the booking
            or any(p.sentence.release_arrangements.is_sds_plus_eligible for p in result.unit.parts)
            or not hdced.eligible_tracks(result.unit.parts)
        ):
            return
        release = result.get(D.CRD) or result.get(D.ARD)
        if release is None:
            return
        applied = result.applied
        found = hdced.calculate(
            sentenced_at=result.unit.sentenced_at,
            release_days=result.release_days,
            adjusted_release=release,
            deductions=applied.deductions,
            ual=applied.ual_in_custody,
            net_ada=applied.net_ada - result.unused_ada,
            hdc=self.profile.hdc,
            spans_hdc_365=_spans(result.unit, HDC_365_COMMENCEMENT_DATE),
        )
        if found is None:
            return
        # The repeal and suspension toggles judge the booking's HDCED (extraction, hard cases §5.6).
        result.set(D.HDCED, found[0], *found[1])

    def _tused(self, result: UnitDates) -> None:
        if self.toggles.applyPostRecallRepealRules:
            return
        tracks = {p.track for p in result.unit.parts}
        if tracks == {Track.BOTUS}:
            carried = tused.carried_over(result.unit.parts[0].sentence.latest_tused, result.get(D.SED))
            if carried:
                result.set(D.TUSED, carried[0], *carried[1])
            return
        if tracks == {Track.DTO}:
            mtd = result.get(D.MTD)
            if mtd and tused.dto_eligible(
                date_of_birth=self.booking.offender.date_of_birth,
                release=mtd,
                sentenced_at=result.unit.sentenced_at,
                total_days=result.total_days,
            ):
                day = plus_months(mtd, 12)
                result.set(
                    D.TUSED, day, f"Supervision to 12 months after the mid-term date: {long_date(day)}"
                )
            return
        if not tused.eligible(
            result.unit.parts,
            sentenced_at=result.unit.sentenced_at,
            total_days=result.total_days,
            release_days=result.release_days,
            date_of_birth=self.booking.offender.date_of_birth,
            release_without_ada=result.release_without_ada,
        ):
            return
        day, because = tused.calculate(
            release_without_ada=result.release_without_ada,
            sentenced_at=result.unit.sentenced_at,
            ual_after_release=result.applied.ual_after_release,
        )
        result.set(D.TUSED, day, *because)

    def _ersed(self, result: UnitDates, multiplier_of: MultiplierOf) -> None:
        ped = result.get(D.PED)
        effective = ped or result.get(D.CRD) or result.get(D.ARD)
        if effective is None:
            return
        unit, applied = result.unit, result.applied
        days = unit.ped_days(multiplier_of) if ped else result.release_days
        day, because = ersed.calculate(
            sentenced_at=unit.sentenced_at,
            spans_commencement=_spans(unit, ersed.ERS30_COMMENCEMENT_DATE),
            effective_release=effective,
            days_to_release=days,
            shift=applied.release_shift(),
            ual=applied.ual_in_custody,
            ada_during=applied.ada - applied.rada,
            net_ada=applied.net_ada - result.unused_ada,
            ers=self.profile.ers,
        )
        result.set(D.ERSED, day, *because)


def _eligible(scheme: Scheme, unit: Unit, base: UnitDates, booking: Booking) -> bool:
    """Whether a sentence being served when the scheme commenced makes the booking eligible for a
    tranche. SDS40 reads no exclusion markers here: a standard part passed before the commencement, on a
    sentence released after it (hard cases §9.7, allocation step 1). The progression model: a part passed
    before the commencement that the model applies to, on a sentence whose release (without added days,
    not floored, less time at large from the commencement on) is on or after it (§9.8 step 1)."""
    if scheme.is_progression_model:
        # Time at large from the commencement on has not happened yet when the first tranche is
        # allocated, so it is not in the release judged.
        at_large_later = sum(
            a.number_of_days
            for a in booking.adjustments_of(AdjustmentType.UNLAWFULLY_AT_LARGE)
            if a.on and scheme.commencement <= a.on <= base.release
        )
        release = base.release_without_ada - timedelta(days=at_large_later)
        return release >= scheme.commencement and any(
            scheme.applies_to(p) and p.sentence.sentenced_at < scheme.commencement for p in unit.parts
        )
    if not scheme.is_sds40:
        return any(scheme.applies_to(p) for p in unit.parts)
    return base.release > scheme.commencement and any(
        p.track in (Track.SDS, Track.SDS_PLUS) and p.sentence.sentenced_at < scheme.commencement
        for p in unit.parts
    )


def _spans(unit: Unit, commencement: date) -> bool:
    """A chain with parts passed both before and on or after a commencement date."""
    dates = [p.sentence.sentenced_at for p in unit.parts]
    return min(dates) < commencement <= max(dates)


def _refuse_extinguished(unit: Unit, before: UnitDates, after: UnitDates, item: ActiveScheme) -> None:
    """Time served that outlasts the progression-model custodial period, where the model would take
    effect, extinguishes the sentence: CRDS routes it to manual calculation."""
    if unit.sentenced_at >= item.scheme.commencement or not after.released_before_sentence:
        return
    if before.released_before_sentence or (item.tranche and before.release >= item.tranche.date):
        raise Refused(
            "PROGRESSION_MODEL_UNSUPPORTED_EXTINGUISHED_SENTENCE",
            "time already served exceeds the custodial period under the progression model",
        )


def _tranche_lengths(scheme: Scheme, results: list[UnitDates]) -> list[tuple[date, int]]:
    """What the tranche is judged on: each sentence or consecutive chain being served (or on licence)
    when the scheme commenced, on its own, by its whole length including any extended licence (CRDS
    `TrancheAllocationService`; hard cases §9.7 step 2, §9.8 step 2)."""
    if not results:
        return []
    return [(r.unit.sentenced_at, r.total_days) for r in results]


def _keep(result: UnitDates, kind: DateType, explained: ExplainedDate | None) -> None:
    if explained is None:
        result.dates.pop(kind, None)
    else:
        result.dates[kind] = explained


def _defaulted(before: UnitDates, after: UnitDates, tranche_date: date, scheme: Scheme) -> UnitDates:
    """Dates of a sentence already being served when the scheme commenced."""
    name = scheme.legislation.name
    if before.release < tranche_date and before.types != after.types:
        return before  # released under the old rules, with the old kinds of date
    old_tused, new_tused = before.dates.get(D.TUSED), after.dates.get(D.TUSED)
    # The progression model compares dates with its tranche before added days, then adds them back.
    ada = timedelta(days=after.applied.net_ada if scheme.is_progression_model else 0)
    for kind in SCHEME_DEFAULTED:
        old, new = before.dates.get(kind), after.dates.get(kind)
        if old is None and new is None:
            continue
        day = default(
            old.on - ada if old else None,
            new.on - ada if new else None,
            tranche_date,
            keep_new_only=scheme.is_sds40,
        )
        day = day + ada if day else None
        if day is None:
            after.dates.pop(kind, None)
        elif old is not None and day == old.on:
            after.dates[kind] = old
        elif new is not None and day == new.on:
            after.dates[kind] = new
        else:
            source = new or old
            after.dates[kind] = ExplainedDate(
                kind.value, day, source.because + (f"Not before the {name} tranche date, {long_date(day)}",)
            )
    # Top-up supervision follows the new fraction's release once the scheme reaches him.
    _keep(after, D.TUSED, old_tused if before.release < tranche_date else new_tused)
    if after.get(D.CRD) or after.get(D.ARD) or after.get(D.MTD):
        after.release = after.get(D.CRD) or after.get(D.ARD) or after.get(D.MTD)
    return after
