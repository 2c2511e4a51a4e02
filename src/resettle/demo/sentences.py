"""Bookings, sentences, adjustments and the key dates NOMIS would hold for them.

The prison system is simulated rather than the release-date engine: a sentence length is drawn from the
stock in custody, the release point follows from the sentence type (1/2 SDS, 40% SDS40, 2/3 SDS+, PED at
2/3 of an extended sentence's custodial term), and the man is placed somewhere in his custodial period, so
his recorded dates fall out as they would on a real record. Resettle's own engine later checks them.
"""

import math
import random
from dataclasses import dataclass, field, replace
from datetime import date, timedelta

from resettle.people.models import Adjustment, Booking, Offence, RecordedKeyDates, Sentence
from resettle.people.vocabulary import (
    AdjustmentType,
    CustodyStatus,
    LegalStatus,
    RecallType,
)
from resettle.people.vocabulary import SentenceCalcType as T

from .dates import add_months, previous_working_day, sentence_days
from .identifiers import Identifiers
from .offences import OTHER, OffenceSpec, offence_in, offence_row
from .profiles import Population

# Commencement dates the recorded dates depend on (rulebook section 6).
ORA_2014 = date(2015, 2, 1)
LASPO_EDS_END = date(2015, 4, 13)
SENTENCING_ACT_2020 = date(2020, 12, 1)
SDS_PLUS_LIST_A = date(2020, 4, 1)
PCSC_ACT_2022 = date(2022, 6, 28)
IPP_START, IPP_ABOLISHED = date(2005, 4, 4), date(2012, 12, 3)
# CRDS production toggles: adult HDCED removed from this date; TUSED repealed for releases from this date.
HDC_REPEAL = date(2026, 9, 2)
PSS_REPEAL = date(2026, 5, 11)
DAYS_PER_MONTH = 30.44
# Share of sentenced and recalled men in custody whose recorded dates were not updated after a change: they
# keep the simple simulation's dates, so the prison record and the engine's calculation disagree (the
# data-quality finding Resettle reports). Everyone else's recorded dates are the engine's.
STALE_RECORD_SHARE = 0.02
# The engine's date kinds and the recorded fields they fill; SLED is both licence and sentence expiry.
ENGINE_FIELDS = {
    "SLED": ("licence_expiry_date", "sentence_expiry_date"),
    "SED": ("sentence_expiry_date",),
    "LED": ("licence_expiry_date",),
    "CRD": ("conditional_release_date",),
    "ARD": ("automatic_release_date",),
    "PED": ("parole_eligibility_date",),
    "HDCED": ("home_detention_curfew_eligibility_date",),
    "TUSED": ("topup_supervision_expiry_date",),
    "PRRD": ("post_recall_release_date",),
    "ERSED": ("early_removal_scheme_eligibility_date",),
    "MTD": ("mid_term_date",),
}


@dataclass
class Custody:
    """One booking and everything recorded on it, as unsaved rows."""

    booking: Booking
    legal_status: str
    status: str = CustodyStatus.IN_CUSTODY
    sentences: list[Sentence] = field(default_factory=list)
    offences: list[Offence] = field(default_factory=list)
    adjustments: list[Adjustment] = field(default_factory=list)
    dates: RecordedKeyDates | None = None
    index_offence: OffenceSpec | None = None
    months: int = 0  # custodial term (the tariff for a life sentence), which MAPPA category 2 reads
    # The generator's own (simple-fraction) key dates, by RecordedKeyDates field, and the release it aims
    # for: the engine's earliest release is brought onto `target` (calculation.py) before dates are recorded.
    simulated: dict[str, date | None] | None = None
    target: date | None = None
    parole: bool = False  # the target is a PED
    recalled: bool = False  # the target is a PRRD
    directed_release: date | None = None  # re-release directed by the Parole Board, which no engine knows
    released_on: date | None = None
    reflected: bool = False  # the target was moved inside the engine's horizon (calculation.py)
    stale_record: bool = False  # the record keeps the simulated dates: not updated after a change
    calculated: dict[str, date] | None = None  # the engine's dates, once calculated
    engine_input: object = None

    def shift(self, days: int) -> None:
        """Move the whole timeline: reception, sentences, offences, adjustments, recall and simulated dates."""
        by = timedelta(days=days)
        self.booking.received_on += by
        for sentence in self.sentences:
            sentence.sentence_date += by
            if sentence.revocation_date:
                sentence.revocation_date += by
            if sentence.return_to_custody_date:
                sentence.return_to_custody_date += by
        for offence in self.offences:
            offence.committed_on += by
            if offence.committed_to:
                offence.committed_to += by
        for adjustment in self.adjustments:
            if adjustment.from_date:
                adjustment.from_date += by
            if adjustment.to_date:
                adjustment.to_date += by
        if self.simulated:
            self.simulated = {name: day + by if day else day for name, day in self.simulated.items()}

    def latest_event(self) -> date:
        """The last thing that has happened on the timeline, which must stay on or before today."""
        days = [self.booking.received_on]
        for sentence in self.sentences:
            days += [sentence.sentence_date, sentence.revocation_date, sentence.return_to_custody_date]
        for adjustment in self.adjustments:
            days += [adjustment.from_date, adjustment.to_date]
        return max(day for day in days if day)

    @property
    def notification(self) -> bool:
        """Subject to notification: convicted of a Schedule 3 offence (rulebook R2.1)."""
        return any(offence.is_schedule_3 for offence in self.offences)


@dataclass(frozen=True)
class Shape:
    """How a determinate sentence is released."""

    calc_type: str
    months: int
    release_fraction: float
    extension_months: int = 0
    parole_fraction: float | None = None  # PED at this fraction, CRD at the end of the custodial term
    sds_plus: bool = False
    exclusions: tuple[str, ...] = ()
    hdc_eligible: bool = False


@dataclass
class Credits:
    remand: int = 0
    tagged_bail: int = 0
    ual: int = 0
    ada: int = 0

    @property
    def net(self) -> int:
        return self.ual + self.ada - self.remand - self.tagged_bail


def draw_months(rng: random.Random, lengths) -> int:
    low, high, _ = rng.choices(lengths, weights=[bucket[2] for bucket in lengths])[0]
    return rng.randrange(low, high)


def shape_for(
    rng: random.Random,
    offence: OffenceSpec,
    months: int,
    sentenced_on: date,
    age: int,
    population: Population,
) -> Shape:
    exclusions = tuple(offence.exclusions(months))
    if (
        offence.schedule_15
        and (offence.sexual or offence.violent)
        and months >= 48
        and (rng.random() < population.extended_share)
    ):
        return _extended_shape(rng, offence, months, sentenced_on, exclusions)
    eligible = offence.sds_plus_offence and (
        (months >= 84 and sentenced_on >= SDS_PLUS_LIST_A) or (months >= 48 and sentenced_on >= PCSC_ACT_2022)
    )
    if eligible:
        fraction = 2 / 3
    elif exclusions:
        fraction = 1 / 2
    else:
        fraction = 0.4  # SDS40, in force for every standard sentence served since October 2024
    calc_type = T.YOI_ORA if age < 21 else T.ADIMP_ORA if sentenced_on >= ORA_2014 else T.ADIMP
    return Shape(
        calc_type=calc_type,
        months=months,
        release_fraction=fraction,
        sds_plus=eligible,
        exclusions=exclusions,
        hdc_eligible=not eligible and not offence.schedule_3 and months < 48,
    )


def _extended_shape(rng, offence: OffenceSpec, months: int, sentenced_on: date, exclusions) -> Shape:
    if offence.sexual and rng.random() < 0.3:
        calc_type = T.SOPC21 if sentenced_on >= SENTENCING_ACT_2020 else T.SEC236A
        parole = 2 / 3 if sentenced_on >= PCSC_ACT_2022 else 1 / 2
        extension = 12  # a SOPC carries a year's licence after the custodial term
    else:
        if sentenced_on < LASPO_EDS_END:
            calc_type = T.LASPO_DR
        else:
            calc_type = T.EDS21 if sentenced_on >= SENTENCING_ACT_2020 else T.EDS18
        parole = 2 / 3
        extension = rng.randint(2, 8) * 12 if offence.sexual else rng.randint(1, 5) * 12
    return Shape(
        calc_type=calc_type,
        months=months,
        release_fraction=1.0,
        extension_months=extension,
        parole_fraction=parole,
        exclusions=exclusions,
    )


def key_dates(start: date, shape: Shape, credits: Credits) -> dict[str, date | None]:
    """The dates NOMIS would hold for a determinate sentence starting on `start`."""
    term = sentence_days(start, shape.months)
    shift = timedelta(days=credits.net - 1)
    custodial = math.ceil(term * shape.release_fraction)
    crd = start + timedelta(days=custodial) + shift
    ped = None
    if shape.parole_fraction:
        ped = start + timedelta(days=math.ceil(term * shape.parole_fraction)) + shift
    expiry = start + timedelta(days=sentence_days(start, shape.months + shape.extension_months)) + shift
    hdced = None
    if shape.hdc_eligible and custodial >= 42:
        # HDC-365 rules (from June 2025): a quarter of the sentence below the threshold, else CRD - 364.
        if custodial < 730:
            hdced = start + timedelta(days=max(28, math.ceil(custodial / 2))) + shift
        else:
            hdced = crd - timedelta(days=364)
        hdced = max(hdced, start + timedelta(days=14))  # CRDS: never within 14 days of sentence
        if hdced >= HDC_REPEAL or hdced >= crd:
            hdced = None
    tused = None
    if shape.months < 24 and not shape.extension_months and crd < PSS_REPEAL:
        tused = add_months(crd, 12)
    return {
        "sentence_start_date": start,
        "conditional_release_date": crd,
        "parole_eligibility_date": ped,
        "home_detention_curfew_eligibility_date": hdced,
        "licence_expiry_date": expiry,
        "sentence_expiry_date": expiry,
        "topup_supervision_expiry_date": tused,
    }


def release_point(dates: dict, shape: Shape) -> date:
    return dates["parole_eligibility_date"] if shape.parole_fraction else dates["conditional_release_date"]


def _start_for(target: date, offset, shape: Shape, credits: Credits, pick=release_point) -> date:
    """The sentence start that puts `pick` of the key dates on `target`, `offset` giving a first guess."""
    start = target - timedelta(days=offset)
    for _ in range(3):  # month lengths differ a little with the start date, so settle it
        start += target - pick(key_dates(start, shape, credits), shape)
    return start


class Sentencing:
    """Builds bookings for one prison's men, drawing from that prison's population."""

    def __init__(
        self, rng: random.Random, ids: Identifiers, population: Population, courts: list[str], today: date
    ):
        self.rng, self.ids, self.population, self.courts, self.today = rng, ids, population, courts, today

    def _booking(self, received_on: date) -> Booking:
        booking_id, book_number = self.ids.booking()
        return Booking(booking_id=booking_id, book_number=book_number, received_on=received_on)

    def _credits(self, custodial_days: int) -> Credits:
        rng = self.rng
        credits = Credits()
        # Credit never reaches the whole custodial period: a man with that much would not be in custody.
        if rng.random() < 0.6:
            credits.remand = min(int(rng.expovariate(1 / 110)) + 1, max(custodial_days // 2, 1))
        left = custodial_days - credits.remand
        if left > 120 and rng.random() < 0.06:
            credits.tagged_bail = rng.randint(5, min(90, left // 3))
        return credits

    def _sentence(
        self,
        custody: Custody,
        shape: Shape,
        sentenced_on: date,
        offence: OffenceSpec,
        *,
        line: int = 1,
        months: int | None = None,
        **fields,
    ) -> Sentence:
        months = shape.months if months is None else months
        sentence = Sentence(
            booking=custody.booking,
            case_sequence=1,
            line_sequence=line,
            case_reference=custody.sentences[0].case_reference
            if custody.sentences
            else f"T{sentenced_on.year}{self.rng.randrange(1000, 10000)}",
            court=self.rng.choice(self.courts),
            calc_type=shape.calc_type,
            sentence_date=sentenced_on,
            years=months // 12,
            months=months % 12,
            extension_years=shape.extension_months // 12,
            extension_months=shape.extension_months % 12,
            is_sds_plus=shape.sds_plus,
            is_sds_plus_eligible=shape.sds_plus,
            early_release_exclusions=list(offence.exclusions(months)),
            **fields,
        )
        custody.sentences.append(sentence)
        # Sexual offending is often charged as several counts of the same offence.
        counts = 1 + (self.rng.choices((0, 1, 2, 3), weights=(70, 15, 10, 5))[0] if offence.sexual else 0)
        for _ in range(counts):
            row = offence_row(self.rng, offence, sentenced_on)
            row.sentence = sentence
            custody.offences.append(row)
        return sentence

    def _adjust(
        self, custody: Custody, kind: str, days: int, start: date | None = None, end: date | None = None
    ) -> None:
        custody.adjustments.append(
            Adjustment(
                booking=custody.booking,
                sentence=custody.sentences[0],
                adjustment_type=kind,
                days=days,
                from_date=start,
                to_date=end,
            )
        )

    def _record_credits(self, custody: Custody, credits: Credits, sentenced_on: date) -> None:
        if credits.remand:
            self._adjust(
                custody,
                AdjustmentType.REMAND,
                credits.remand,
                sentenced_on - timedelta(days=credits.remand),
                sentenced_on - timedelta(days=1),
            )
        if credits.tagged_bail:
            # Tagged bail credits half the days on a qualifying curfew.
            end = sentenced_on - timedelta(days=credits.remand + 1 + self.rng.randint(0, 60))
            self._adjust(
                custody,
                AdjustmentType.TAGGED_BAIL,
                credits.tagged_bail,
                end - timedelta(days=2 * credits.tagged_bail - 1),
                end,
            )

    def _served_additions(self, credits: Credits, served_days: int) -> list[tuple[str, int]]:
        """ADAs and UAL during the time already served; they push the release dates back."""
        rng, found = self.rng, []
        if served_days > 60 and rng.random() < 0.15:
            credits.ada = rng.randint(3, 42)
            found.append((AdjustmentType.ADDITIONAL_DAYS_AWARDED, credits.ada))
        if served_days > 90 and rng.random() < 0.02:
            credits.ual = rng.randint(1, 20)
            found.append((AdjustmentType.UNLAWFULLY_AT_LARGE, credits.ual))
        return found

    def _extra_sentence(self, shape: Shape, offence: OffenceSpec) -> tuple[OffenceSpec, int, bool] | None:
        """A second sentence for a lesser offence on the same case: concurrent for about a fifth of men,
        consecutive (lengthening the term the dates are worked from) for about one in twelve."""
        rng = self.rng
        if shape.parole_fraction:
            return None
        draw = rng.random()
        if draw > 0.28:
            return None
        lesser = offence_in(rng, offence.group if rng.random() < 0.6 else OTHER)
        months = lesser.clip(rng.randint(1, 24))
        consecutive = draw < 0.08
        return lesser, months if consecutive else min(months, shape.months), consecutive

    def determinate(self, offence: OffenceSpec, age: int, *, released_on: date | None = None) -> Custody:
        """A sentenced man, in custody today or released on `released_on`."""
        rng, today, population = self.rng, self.today, self.population
        months = offence.clip(draw_months(rng, population.lengths))
        # Whether SDS+ applies depends on the sentence date, known only roughly until the shape is settled.
        guessed_start = (released_on or today) - timedelta(days=int(months * DAYS_PER_MONTH / 2))
        shape = shape_for(rng, offence, months, guessed_start, age, population)
        extra = self._extra_sentence(shape, offence)
        dated = replace(shape, months=months + extra[1]) if extra and extra[2] else shape
        approx_release = int(
            dated.months * DAYS_PER_MONTH * (dated.parole_fraction or dated.release_fraction)
        )
        credits = self._credits(int(dated.months * DAYS_PER_MONTH * shape.release_fraction))
        # Time in custody runs from remand, so the men found today are spread over what is left after it.
        to_serve = max(approx_release + credits.net, 1)
        served = to_serve if released_on else int(to_serve * rng.uniform(population.served_from, 1))
        additions = self._served_additions(credits, served)
        if released_on:
            start = _start_for(released_on, approx_release, dated, credits)
        else:
            start = today - timedelta(days=served)
        dates = key_dates(start, dated, credits)
        if not released_on and release_point(dates, dated) <= today:
            start += today - release_point(dates, dated) + timedelta(days=rng.randint(1, 10))
            dates = key_dates(start, dated, credits)
        custody = Custody(
            booking=self._booking(start - timedelta(days=credits.remand)),
            legal_status=LegalStatus.SENTENCED,
            index_offence=offence,
            months=dated.months,
        )
        first = self._sentence(custody, shape, start, offence)
        if extra:
            lesser, extra_months, consecutive = extra
            self._sentence(
                custody,
                shape,
                start,
                lesser,
                line=2,
                months=extra_months,
                consecutive_to=first if consecutive else None,
            )
        self._record_credits(custody, credits, start)
        served_until = min(release_point(dates, dated), today)
        for kind, days in additions:
            on = start + timedelta(days=rng.randint(1, max(1, (served_until - start).days - days)))
            ended = on + timedelta(days=days - 1) if kind == AdjustmentType.UNLAWFULLY_AT_LARGE else None
            self._adjust(custody, kind, days, on, ended)
        custody.simulated = dates
        custody.target = release_point(dates, dated)
        custody.parole = bool(dated.parole_fraction)
        custody.released_on = released_on
        custody.stale_record = not released_on and rng.random() < STALE_RECORD_SHARE
        return custody

    def finish(self, custody: Custody) -> None:
        """Record the key dates once the engine has calculated them (calculation.Calculator.align): the
        engine's dates, as NOMIS holds what CRDS calculates, unless the engine refused the booking or the
        record is a stale one, which keep the simulated dates. Then the release or its confirmation."""
        if custody.simulated is None:
            return  # no sentence, or an indeterminate one with its tariff dates already recorded
        dates = dict(custody.simulated)
        if custody.calculated is not None and not custody.stale_record:
            dates.update(dict.fromkeys(name for names in ENGINE_FIELDS.values() for name in names))
            for kind, on in custody.calculated.items():
                for name in ENGINE_FIELDS.get(kind, ()):
                    dates[name] = on
        if custody.directed_release:  # no later than the licence ends
            calculated = dates["post_recall_release_date"]
            dates["post_recall_release_date"] = min(
                custody.directed_release, calculated or custody.directed_release
            )
        custody.dates = RecordedKeyDates(booking=custody.booking, **dates)
        if custody.released_on:
            self._release(custody, custody.released_on)
        elif custody.recalled:
            self._confirm_if_imminent(custody.dates, custody.dates.post_recall_release_date)
        else:
            automatic = [dates.get(name) for name in ("conditional_release_date", "automatic_release_date")]
            automatic = [day for day in automatic if day]
            if automatic:
                self._confirm_if_imminent(custody.dates, min(automatic))

    def _release(self, custody: Custody, released_on: date) -> None:
        custody.booking.is_active = False
        custody.status = CustodyStatus.RELEASED
        dates = custody.dates
        if dates.parole_eligibility_date:
            dates.actual_parole_date = released_on
        elif dates.home_detention_curfew_eligibility_date and self.rng.random() < 0.3:
            dates.home_detention_curfew_actual_date = max(
                dates.home_detention_curfew_eligibility_date, released_on - timedelta(days=60)
            )
        dates.confirmed_release_date = max(
            previous_working_day(dates.home_detention_curfew_actual_date or released_on),
            custody.booking.received_on,
        )
        custody.booking.released_on = dates.confirmed_release_date

    def _confirm_if_imminent(self, dates: RecordedKeyDates, release_on: date) -> None:
        """The prison confirms the release day a week or two ahead, moving a weekend release to the Friday."""
        if (
            (release_on - self.today).days <= 14
            and not dates.parole_eligibility_date
            and self.rng.random() < 0.8
        ):
            dates.confirmed_release_date = max(previous_working_day(release_on), self.today)

    def recall(self, offence: OffenceSpec, age: int) -> Custody:
        """A man recalled on licence: standard recall to licence end, fixed-term recall for 14 or 28 days."""
        rng, today = self.rng, self.today
        while True:
            months = offence.clip(draw_months(rng, self.population.lengths))
            shape = shape_for(
                rng, offence, months, today - timedelta(days=int(months * 20)), age, self.population
            )
            if shape.parole_fraction:
                continue
            licence = int(months * DAYS_PER_MONTH * (1 - shape.release_fraction))
            fixed_term = rng.random() < 0.25
            term = 14 if months < 12 else 28
            back = rng.randint(0, term - 2) if fixed_term else min(int(rng.expovariate(1 / 150)) + 1, 700)
            gap = rng.randint(0, 20) if rng.random() < 0.4 else 0
            if licence - back - gap - 28 > (term if fixed_term else 7):
                break
        returned = today - timedelta(days=back)
        ual = max(gap - 1, 0)
        credits = Credits(remand=0, ual=ual)
        expires = today + timedelta(days=rng.randint(term if fixed_term else 7, licence - back - gap - 28))
        start = _start_for(
            expires, int(months * DAYS_PER_MONTH), shape, credits, pick=lambda d, _: d["licence_expiry_date"]
        )
        dates = key_dates(start, shape, credits)
        dates["home_detention_curfew_eligibility_date"] = None  # a recall replaces the HDCED with the PRRD
        directed = None
        if fixed_term:
            prrd = min(returned + timedelta(days=term - 1), dates["licence_expiry_date"])
        else:
            prrd = dates["licence_expiry_date"]
            if rng.random() < 0.15:
                directed = today + timedelta(
                    days=rng.randint(14, 180)
                )  # re-release directed by the Parole Board
        if not fixed_term:
            recall_type, calc_type = RecallType.STANDARD_RECALL, T.LR_ORA
        elif term == 14:
            recall_type, calc_type = RecallType.FIXED_TERM_RECALL_14, T.FTR_14_ORA
        else:
            recall_type, calc_type = RecallType.FIXED_TERM_RECALL_28, T.FTR_ORA
        custody = Custody(
            booking=self._booking(returned),
            legal_status=LegalStatus.RECALL,
            status=CustodyStatus.RECALLED,
            index_offence=offence,
            months=months,
        )
        self._sentence(
            custody,
            Shape(
                calc_type=calc_type,
                months=months,
                release_fraction=shape.release_fraction,
                sds_plus=shape.sds_plus,
            ),
            start,
            offence,
            recall_type=recall_type,
            revocation_date=returned - timedelta(days=gap),
            return_to_custody_date=returned,
        )
        if ual:
            self._adjust(
                custody,
                AdjustmentType.UNLAWFULLY_AT_LARGE,
                ual,
                returned - timedelta(days=ual),
                returned - timedelta(days=1),
            )
        custody.simulated = {**dates, "post_recall_release_date": prrd}
        custody.target, custody.recalled, custody.directed_release = prrd, True, directed
        custody.stale_record = rng.random() < STALE_RECORD_SHARE
        return custody

    def indeterminate(self, offence: OffenceSpec) -> Custody:
        """A life or IPP sentence: the tariff expiry date, and a parole hearing once it has passed."""
        rng, today = self.rng, self.today
        if offence.is_murder or rng.random() < 0.45:
            calc_type = T.MLP if offence.is_murder else T.LIFE
            tariff = rng.randint(12, 30) * 12 if offence.is_murder else rng.randint(4, 15) * 12
            if rng.random() < 0.35:
                start = add_months(today, -tariff) - timedelta(days=rng.randint(1, 3650))
            else:
                start = add_months(today, -tariff) + timedelta(
                    days=rng.randint(1, int(tariff * DAYS_PER_MONTH))
                )
        else:
            calc_type = T.IPP
            tariff = rng.randint(12, 84)
            start = IPP_START + timedelta(days=rng.randint(0, (IPP_ABOLISHED - IPP_START).days - 1))
        remand = rng.randint(60, 400)
        tariff_expires = add_months(start, tariff) - timedelta(days=remand + 1)
        hearing = None
        if tariff_expires < today:
            hearing = today + timedelta(days=rng.randint(14, 730))
        elif (tariff_expires - today).days < 365 and rng.random() < 0.5:
            hearing = tariff_expires
        custody = Custody(
            booking=self._booking(start - timedelta(days=remand)),
            legal_status=LegalStatus.INDETERMINATE_SENTENCE,
            index_offence=offence,
            months=tariff,
        )
        self._sentence(
            custody, Shape(calc_type=calc_type, months=tariff, release_fraction=1.0), start, offence
        )
        self._adjust(
            custody, AdjustmentType.REMAND, remand, start - timedelta(days=remand), start - timedelta(days=1)
        )
        custody.dates = RecordedKeyDates(
            booking=custody.booking,
            sentence_start_date=start,
            tariff_date=tariff_expires,
            target_hearing_date=hearing,
        )
        return custody

    def unsentenced(self, kind: str) -> Custody:
        """On remand, convicted awaiting sentence, or held under immigration powers: no sentence, no dates."""
        held = min(int(self.rng.expovariate(1 / 150)) + 1, 900)
        return Custody(booking=self._booking(self.today - timedelta(days=held)), legal_status=kind)
