"""The booking's dates from its sentences' dates (CRDS `BookingExtractionService`): mostly the latest of
each, with the interactions between concurrent sentences that the PSI describes."""

from datetime import date, timedelta

from ..explained import ExplainedDate, long_date
from . import hdced as hdc_rules
from .durations import is_shorter_than_months, period_between
from .legislation import Toggles
from .result import Calculation
from .sds import age_in_years, is_ora
from .sentence_dates import UnitDates
from .tracks import DateType, Track

MINIMUM_DAYS_ON_HDC = 14  # CRDS `minimum-days-on-hdc`: the 14-day rule (hard cases §5.4 step 4)

D = DateType


def _latest(results: list[UnitDates], kind: DateType) -> ExplainedDate | None:
    found = [r.dates[kind] for r in results if kind in r.dates]
    return max(found, key=lambda e: e.on) if found else None


def _relabel(explained: ExplainedDate, kind: DateType, *more: str) -> ExplainedDate:
    return ExplainedDate(kind.value, explained.on, explained.because + more)


def extract(
    results: list[UnitDates], toggles: Toggles | None = None, date_of_birth: date | None = None
) -> Calculation:
    toggles = toggles or Toggles()
    out: dict[str, ExplainedDate] = {}
    prrd = _latest(results, D.PRRD)
    releases = [(r, r.dates[k]) for r in results for k in (D.CRD, D.ARD) if k in r.dates]
    holder, release = max(releases, key=lambda pair: pair[1].on, default=(None, None))
    esed = max(r.unadjusted_expiry for r in results)
    start = min(r.unit.sentenced_at for r in results)
    length = period_between(start, esed + timedelta(days=1))
    no_led = False
    if release:
        kind, no_led = _release_kind(results, holder, release.on, length, date_of_birth)
        if kind.value != release.kind:
            release = _relabel(release, kind)
    # The later of the two decides when he goes; on the same day CRDS reports both.
    if prrd and (release is None or prrd.on >= release.on):
        out["PRRD"] = prrd
    if release and (prrd is None or release.on >= prrd.on):
        out[release.kind] = release
    release = max((e for e in (prrd, release) if e), key=lambda e: e.on, default=None)
    _expiry(results, out)
    if no_led:
        out.pop("LED", None)
    _parole(results, out, release)
    _hdc(results, out, release, toggles)
    for kind in (D.MTD, D.ETD, D.LTD):
        latest = _latest(results, kind)
        if latest:
            out[kind.value] = latest
    _ersed(results, out)
    _tused(results, out)
    if not all(r.unit.tracks == {Track.BOTUS} for r in results):  # CRDS gives no ESED for BOTUS alone
        out["ESED"] = ExplainedDate("ESED", esed, ("Latest sentence expiry before any adjustment",))
    return Calculation(out, length)


SDS_TRACKS = frozenset({Track.SDS, Track.SDS_PLUS})


def _release_kind(
    results: list[UnitDates], holder: UnitDates, release: date, length, date_of_birth: date | None
) -> tuple[DateType, bool]:
    """Whether the booking's release is a CRD or an ARD, and whether it then has no LED (CRDS
    `BookingExtractionService.extractConcurrentOraAndNonOraDetails`, `OraExtraction`; hard cases §9.1),
    the rules tried in order."""
    # 1. Concurrent ORA and non-ORA sentences: the latest release is not a CRD, the effective sentence
    #    length is under 4 years, there is an ORA SDS and a non-ORA SDS under 12 months, and both a
    #    SED-typed and a SLED-typed sentence.
    sds = [r for r in results if r.unit.tracks <= SDS_TRACKS]
    ora = [r for r in sds if all(is_ora(p.sentence) for p in r.unit.parts)]
    short_non_ora = [
        r
        for r in sds
        if not any(is_ora(p.sentence) for p in r.unit.parts)
        and is_shorter_than_months(r.total_days, r.unit.sentenced_at, 12)
    ]
    sled_typed = [r for r in results if D.SLED in r.types and D.SLED in r.dates]
    sed_typed = [r for r in results if D.SED in r.types and D.SED in r.dates]
    if D.CRD not in holder.types and length.years < 4 and ora and short_non_ora and sled_typed and sed_typed:
        latest_expiry = max(results, key=lambda r: r.get(D.SLED) or r.get(D.SED) or date.min)
        latest_sled = max(r.get(D.SLED) for r in sled_typed)
        if D.SED in latest_expiry.types and release > latest_sled:
            return D.ARD, True
        return D.CRD, False
    # 2. A DTO among the sentences.
    if date_of_birth and any(r.unit.tracks == {Track.DTO} for r in results):
        adults = [age_in_years(date_of_birth, r.release) >= 18 for r in results]
        if not any(adults) and length.years == 0:
            return D.ARD, False
        if all(adults) and any(r.unit.tracks != {Track.DTO} for r in results):
            return D.CRD, False
    # 3. A licence still running on the latest release makes it conditional (PSI 03/2015 example 16).
    licences = [r.dates[k].on for r in results for k in (D.SLED, D.LED) if k in r.dates]
    return (D.CRD if any(day >= release for day in licences) else D.ARD), False


def _expiry(results: list[UnitDates], out: dict) -> None:
    """SLED only when the latest sentence expiry is also the latest licence expiry; else SED and LED."""
    expiry = max(
        (r.dates[k] for r in results for k in (D.SLED, D.SED) if k in r.dates),
        key=lambda e: (e.on, e.kind == "SLED"),
    )
    licence = max(
        (r.dates[k] for r in results for k in (D.SLED, D.LED) if k in r.dates),
        key=lambda e: e.on,
        default=None,
    )
    if licence and licence.on == expiry.on and expiry.kind == "SLED":
        out["SLED"] = _relabel(expiry, D.SLED)
        return
    out["SED"] = _relabel(expiry, D.SED)
    if licence and licence.on >= _release_on(out):
        out["LED"] = _relabel(licence, D.LED)


def _release_on(out: dict) -> date:
    return max((out[k].on for k in ("CRD", "ARD", "PRRD") if k in out), default=date.min)


def _parole(results: list[UnitDates], out: dict, release: ExplainedDate | None) -> None:
    """A PED gives way to a later release on another sentence, and goes if that release is after the
    parole sentence's own release (he must serve the other sentence anyway)."""
    with_ped = [r for r in results if D.PED in r.dates]
    if not with_ped:
        return
    holder = max(with_ped, key=lambda r: r.dates[D.PED].on)
    ped = holder.dates[D.PED]
    # A sentence released immediately on being passed holds him no longer.
    others = [
        r.release
        for r in results
        if D.PED not in r.dates and r.types & {D.CRD, D.ARD} and r.release > r.unit.sentenced_at
    ]
    # A recall's release ends the PED by outlasting the parole sentence's release, but does not delay it.
    recalls = [r.get(D.PRRD) for r in results if D.PED not in r.dates and D.PRRD in r.dates]
    if any(day >= holder.release for day in others + recalls if day > ped.on):
        return
    later = max((day for day in others if day > ped.on), default=None)
    if later is None:
        out["PED"] = ped
        return
    out["PED"] = ExplainedDate(
        "PED", later, ped.because + (f"Not before release on another sentence, {long_date(later)}",)
    )


def _hdc(results: list[UnitDates], out: dict, release: ExplainedDate | None, toggles: Toggles) -> None:
    """The booking's HDCED from its sentences' (hard cases §5.3, §5.4 and §2.4 step 4), in CRDS's order."""
    if release is None or not any(D.HDCED in r.dates for r in results):
        return
    # §5.4.1: a standard sentence on its own that would be SDS+ if passed today rules out HDC.
    if any(
        len(r.unit.parts) == 1
        and r.unit.parts[0].track in (Track.SDS, Track.SDS_PLUS)
        and r.unit.parts[0].sentence.release_arrangements.is_sds_plus_eligible
        for r in results
    ):
        return
    ordered = sorted(results, key=lambda r: r.unit.sentenced_at)  # ties go to the first, as in CRDS
    # §5.4.2: the sentence released last (not a recall, not a DTO) must have an HDCED of its own.
    releasing = [r for r in ordered if not _is_recall(r) and r.unit.tracks != {Track.DTO}]
    if releasing and D.HDCED not in max(releasing, key=lambda r: r.release).dates:
        return
    # §5.4.3 and §2.4: R is the release of the sentences released last; a recall among them ends HDC.
    latest = max(_defaulted_release(r) for r in ordered)
    if any(_is_recall(r) and _defaulted_release(r) == latest for r in ordered):
        return
    # §5.4.4: the HDC sentence has the latest HDCED among those passed at least 14 days before R.
    hdc = [
        r
        for r in ordered
        if D.HDCED in r.dates and latest >= r.unit.sentenced_at + timedelta(days=MINIMUM_DAYS_ON_HDC)
    ]
    if not hdc:
        return
    holder = max(hdc, key=lambda r: r.get(D.HDCED))
    hdced = holder.dates[D.HDCED]
    # §5.4.5: a sentence with no HDCED released after it holds him until then.
    conflicting = [
        r
        for r in ordered
        if D.HDCED not in r.dates and r.unit.tracks != {Track.DTO} and _defaulted_release(r) > hdced.on
    ]
    if conflicting:
        winner = max(conflicting, key=_defaulted_release)
        all_immediate = all(_is_immediate(r) and not _is_recall(r) for r in conflicting)
        if not all_immediate or (_is_immediate(winner) and not winner.released_before_sentence):
            later = _defaulted_release(winner)
            hdced = ExplainedDate(
                "HDCED",
                later,
                hdced.because + (f"Not before release on another sentence, {long_date(later)}",),
            )
    # §5.3, §5.4.6: only while the HDC sentence's own HDCED is before the release, and (§5.6) unless the
    # repeal or suspension toggles withdraw it.
    if (
        latest > holder.get(D.HDCED)
        and hdced.on < release.on
        and hdc_rules.withdrawn([r.unit for r in results], hdced.on, holder.progression_model, toggles)
        is None
    ):
        out["HDCED"] = hdced


def _is_recall(result: UnitDates) -> bool:
    return D.PRRD in result.types


def _defaulted_release(result: UnitDates) -> date:
    """The PRRD for a recall, else the release raised to any tranche date (hard cases §2.4 step 1)."""
    return result.get(D.PRRD) or result.release


def _is_immediate(result: UnitDates) -> bool:
    """Released on the day he was sentenced: his time served covers the custodial period."""
    return result.release <= result.unit.sentenced_at


def _ersed(results: list[UnitDates], out: dict) -> None:
    """The booking's ERSED (hard cases §6.4, CRDS `extractErsedAndNotApplicableDueToDtoLaterThanCrdFlag`).
    One sentence: its own. Several: the latest ERSED `e` of a sentence not released immediately; none if a
    fine default or BOTUS in its custodial group, not released immediately, is released after `e`'s
    sentence; else not before the latest release of a fine default in that group after `e`; else, with a
    DTO in the booking, not before the mid-term date, and none if that is not before the release."""
    holder = ersed_holder(results)
    if holder is None:
        return
    ersed = holder.dates[D.ERSED]
    if len(results) == 1:
        out["ERSED"] = ersed
        return
    group = [r for r in results if r.group is not None and r.group == holder.group]
    if any(
        r.unit.tracks in ({Track.A_FINE}, {Track.BOTUS})
        and not _is_immediate(r)
        and r.release > holder.release
        for r in group
    ):
        return  # §6.4 step 2: he is held on the fine default or BOTUS after his release from the sentence
    fines = [r.release for r in group if r.unit.tracks == {Track.A_FINE} and r.release > ersed.on]
    if fines:
        later = max(fines)
        out["ERSED"] = ExplainedDate(
            "ERSED", later, ersed.because + (f"Not before release from a fine default, {long_date(later)}",)
        )
        return
    if any(Track.DTO in r.unit.tracks for r in results):
        # §6.4 step 4: the booking's mid-term date must be before its CRD/ARD.
        mtd = _latest(results, D.MTD)
        release = max((out[k].on for k in ("CRD", "ARD") if k in out), default=None)
        if mtd is None or release is None or mtd.on >= release:
            return
        if mtd.on >= ersed.on:
            out["ERSED"] = ExplainedDate(
                "ERSED", mtd.on, ersed.because + (f"Not before the DTO's mid-term date, {long_date(mtd.on)}",)
            )
            return
    out["ERSED"] = ersed


def ersed_holder(results: list[UnitDates]) -> UnitDates | None:
    """The sentence whose early removal date the booking takes: the only one, or the one with the latest
    ERSED among those not released immediately (hard cases §6.4 step 1)."""
    with_ersed = [r for r in results if D.ERSED in r.dates]
    if len(results) == 1:
        return with_ersed[0] if with_ersed else None
    candidates = [r for r in with_ersed if not _is_immediate(r)]
    return max(candidates, key=lambda r: r.dates[D.ERSED].on, default=None)


def _tused(results: list[UnitDates], out: dict) -> None:
    """A BOTUS's carried-over supervision counts only when no other sentence has top-up supervision."""
    own = [r for r in results if r.unit.tracks != {Track.BOTUS}]
    tused = _latest(own, D.TUSED) or _latest(results, D.TUSED)
    # Supervision only matters if it outlasts every sentence and licence.
    ends = [out[k].on for k in ("SLED", "SED", "LED") if k in out]
    if tused and all(tused.on > day for day in ends):
        out["TUSED"] = tused
