"""The booking's dates from its sentences' dates (CRDS `BookingExtractionService`): mostly the latest of
each, with the interactions between concurrent sentences that the PSI describes."""

from datetime import date, timedelta

from ..explained import ExplainedDate
from .durations import is_shorter_than_months, long_date, period_between
from .result import Calculation
from .sds import age_in_years, is_ora
from .sentence_dates import UnitDates
from .tracks import DateType, Track

D = DateType


def _latest(results: list[UnitDates], kind: DateType) -> ExplainedDate | None:
    found = [r.dates[kind] for r in results if kind in r.dates]
    return max(found, key=lambda e: e.on) if found else None


def _relabel(explained: ExplainedDate, kind: DateType, *more: str) -> ExplainedDate:
    return ExplainedDate(kind.value, explained.on, explained.because + more)


def extract(results: list[UnitDates], date_of_birth: date | None = None) -> Calculation:
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
    _hdc(results, out, release)
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


def _hdc(results: list[UnitDates], out: dict, release: ExplainedDate | None) -> None:
    with_hdc = [r for r in results if D.HDCED in r.dates]
    if not with_hdc or release is None:
        return
    hdced = _latest(with_hdc, D.HDCED)
    # A sentence with no HDC of its own holds him until its release (unless that release was immediate).
    blocking = [
        (r.get(D.PRRD) or r.release, r.hdc_repealed)
        for r in results
        if D.HDCED not in r.dates
        and r.types & {D.CRD, D.ARD, D.PRRD}
        and (r.get(D.PRRD) or r.release) > r.unit.sentenced_at
    ]
    later, repealed = max((b for b in blocking if b[0] > hdced.on), default=(None, False))
    if repealed:
        return  # held until the release of a sentence whose HDC has been repealed: no HDC at all
    if later is not None:
        hdced = ExplainedDate(
            "HDCED", later, hdced.because + (f"Not before release on another sentence, {long_date(later)}",)
        )
    if hdced.on < release.on:
        out["HDCED"] = hdced


def _ersed(results: list[UnitDates], out: dict) -> None:
    """Early removal is judged on the sentence he is released from last, postponed by the other sentences'
    eligibility only where they were passed before that date (in CRDS a sentence passed once he is eligible
    does not postpone it). He cannot be removed while serving a fine default or a DTO, so ERSED is no
    earlier than their release."""
    with_ersed = [r for r in results if D.ERSED in r.dates]
    if not with_ersed:
        return
    governing = max(with_ersed, key=lambda r: (r.release, r.dates[D.ERSED].on)).dates[D.ERSED]
    ersed = max(
        (r.dates[D.ERSED] for r in with_ersed if r.unit.sentenced_at <= governing.on), key=lambda e: e.on
    )
    out["ERSED"] = ersed
    holds = [r.release for r in results if r.unit.tracks <= {Track.A_FINE, Track.DTO}]
    later = max((day for day in holds if day > ersed.on), default=None)
    if later is None:
        return
    if later >= _release_on(out):
        del out["ERSED"]  # no removal before release is possible
        return
    out["ERSED"] = ExplainedDate(
        "ERSED",
        later,
        ersed.because + (f"Not before release from a fine default or DTO, {long_date(later)}",),
    )


def _tused(results: list[UnitDates], out: dict) -> None:
    """A BOTUS's carried-over supervision counts only when no other sentence has top-up supervision."""
    own = [r for r in results if r.unit.tracks != {Track.BOTUS}]
    tused = _latest(own, D.TUSED) or _latest(results, D.TUSED)
    # Supervision only matters if it outlasts every sentence and licence.
    ends = [out[k].on for k in ("SLED", "SED", "LED") if k in out]
    if tused and all(tused.on > day for day in ends):
        out["TUSED"] = tused
