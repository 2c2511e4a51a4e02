"""A stored booking as the release-date engine's input (resettle.rules.sentencing.model).

The mapping from NOMIS sentence types to the engine's kinds follows CRDS
`model/external/SentenceCalculationType.kt`. Indeterminate sentences have no engine kind: they are refused
here with the reason CRDS gives (they go to manual entry).

`engine_booking` is the mapping itself and reads nothing from the database: each sentence comes with its
offences and a key the adjustments and consecutive sentences refer to, so unsaved rows (the demo
generator's) can be calculated too. `booking_input` resolves those from saved rows.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from resettle.rules.sentencing import Refused
from resettle.rules.sentencing import model as engine
from resettle.rules.sentencing.durations import Duration

from .models import Adjustment, Booking, Offence, Person, Sentence
from .vocabulary import INDETERMINATE_CALC_TYPES
from .vocabulary import SentenceCalcType as T

KIND = {
    **dict.fromkeys(
        (
            T.ADIMP,
            T.ADIMP_ORA,
            T.YOI,
            T.YOI_ORA,
            T.SEC250,
            T.SEC250_ORA,
            T.SEC91_03,
            T.SEC91_03_ORA,
            T.LR,
            T.LR_ORA,
            T.FTR,
            T.FTR_ORA,
            T.FTR_14_ORA,
            T.FTR_56_ORA,
        ),
        engine.SentenceKind.STANDARD,
    ),
    **dict.fromkeys(
        (T.EDS18, T.EDS21, T.EDSU18, T.LASPO_AR, T.LASPO_DR, T.LR_EDS18, T.LR_EDS21),
        engine.SentenceKind.EXTENDED,
    ),
    **dict.fromkeys(
        (T.SOPC18, T.SOPC21, T.SEC236A, T.SDOPCU18, T.LR_SOPC18, T.LR_SOPC21), engine.SentenceKind.SOPC
    ),
    T.DTO: engine.SentenceKind.DTO,
    T.DTO_ORA: engine.SentenceKind.DTO,
    T.A_FINE: engine.SentenceKind.A_FINE,
    T.BOTUS: engine.SentenceKind.BOTUS,
}
SECTION_250 = frozenset({T.SEC250, T.SEC250_ORA, T.SEC91_03, T.SEC91_03_ORA})
# The recall a sentence type implies when the recall type itself was not recorded.
RECALL_OF_TYPE = {
    **dict.fromkeys(
        (T.LR, T.LR_ORA, T.LR_EDS18, T.LR_EDS21, T.LR_SOPC18, T.LR_SOPC21), engine.RecallType.STANDARD
    ),
    T.FTR: engine.RecallType.FTR_28,
    T.FTR_ORA: engine.RecallType.FTR_28,
    T.FTR_14_ORA: engine.RecallType.FTR_14,
    T.FTR_56_ORA: engine.RecallType.FTR_56,
}


def _duration(years: int, months: int, weeks: int, days: int) -> Duration:
    return Duration(years=years, months=months, weeks=weeks, days=days)


@dataclass(frozen=True)
class SentenceLine:
    """A sentence with what the mapping reads beyond its own fields, resolved by the caller."""

    sentence: Sentence
    key: str  # the engine's sentence identifier, which adjustments and consecutive sentences refer to
    offences: Sequence[Offence]
    consecutive_to: str | None = None


def _offence(sentence: Sentence, offences: Sequence[Offence]) -> engine.Offence:
    if not offences:
        return engine.Offence(committed_at=sentence.sentence_date)
    # CRDS takes NOMIS's offence end date, else its start; of several offences the latest governs, as it
    # decides whether the ORA 2014 licence rules apply.
    latest = max(offences, key=lambda o: o.committed_to or o.committed_on)
    return engine.Offence(
        committed_at=latest.committed_to or latest.committed_on, offence_code=latest.offence_code or None
    )


NO_DURATION = Duration()


def engine_sentence(
    *,
    calc_type: str,
    identifier: str,
    sentenced_at: date,
    offence: engine.Offence,
    term: Duration,
    extension: Duration = NO_DURATION,
    consecutive_to: str | None = None,
    recall_type: str = "",
    revocation_date: date | None = None,
    return_to_custody_date: date | None = None,
    is_sds_plus: bool = False,
    is_sds_plus_eligible: bool = False,
    is_section_250: bool = False,
    fine_amount: float | None = None,
    early_release_exclusions=(),
) -> engine.Sentence:
    """The one mapping of a sentence's recorded facts to the engine's input: the stored calculation and the
    calculation page both call it, so the same facts give the same answer on both."""
    kind = KIND[T(calc_type)]
    extended = kind in (engine.SentenceKind.EXTENDED, engine.SentenceKind.SOPC)
    recall = engine.RecallType(recall_type) if recall_type else RECALL_OF_TYPE.get(T(calc_type))
    return engine.Sentence(
        kind=kind,
        offence=offence,
        sentenced_at=sentenced_at,
        identifier=identifier,
        duration=Duration() if extended else term,
        custodial_duration=term if extended else Duration(),
        extension_duration=extension,
        automatic_release=calc_type == T.LASPO_AR,
        sdopcu18=calc_type == T.SDOPCU18,
        fine_amount=fine_amount,
        consecutive_to=consecutive_to,
        recall=engine.Recall(recall, revocation_date, return_to_custody_date) if recall else None,
        release_arrangements=engine.ReleaseArrangements(
            is_sds_plus=is_sds_plus,
            is_sds_plus_eligible=is_sds_plus_eligible,
            is_section_250=is_section_250 or calc_type in SECTION_250,
            early_release_exclusions=frozenset(early_release_exclusions or ()),
        ),
    )


def _sentence(line: SentenceLine) -> engine.Sentence:
    sentence = line.sentence
    return engine_sentence(
        calc_type=sentence.calc_type,
        identifier=line.key,
        sentenced_at=sentence.sentence_date,
        offence=_offence(sentence, line.offences),
        term=_duration(sentence.years, sentence.months, sentence.weeks, sentence.days),
        extension=_duration(
            sentence.extension_years,
            sentence.extension_months,
            sentence.extension_weeks,
            sentence.extension_days,
        ),
        consecutive_to=line.consecutive_to,
        recall_type=sentence.recall_type,
        revocation_date=sentence.revocation_date,
        return_to_custody_date=sentence.return_to_custody_date,
        is_sds_plus=sentence.is_sds_plus,
        is_sds_plus_eligible=sentence.is_sds_plus_eligible,
        is_section_250=sentence.is_section_250,
        fine_amount=float(sentence.fine_amount) if sentence.fine_amount is not None else None,
        early_release_exclusions=sentence.early_release_exclusions,
    )


def _adjustment(adjustment: Adjustment, applies_from: date) -> engine.Adjustment:
    return engine.Adjustment(
        type=engine.AdjustmentType(adjustment.adjustment_type),
        number_of_days=adjustment.days,
        applies_to_sentences_from=applies_from,
        from_date=adjustment.from_date,
        to_date=adjustment.to_date,
    )


def engine_booking(
    person: Person,
    lines: Sequence[SentenceLine],
    adjustments: Sequence[tuple[Adjustment, str | None]],
    *,
    subject_to_notification: bool,
) -> engine.Booking:
    """The engine's booking from rows already resolved: each adjustment with the key of the sentence it was
    recorded against (None for the booking). Pure. Raises Refused for indeterminate sentences."""
    indeterminate = [line.sentence for line in lines if line.sentence.calc_type in INDETERMINATE_CALC_TYPES]
    if indeterminate:
        raise Refused(
            "INDETERMINATE_SENTENCE",
            f"{indeterminate[0].get_calc_type_display()}: release is decided by the Parole Board after the "
            "tariff, so there are no automatic release dates to calculate. Use the tariff expiry date.",
        )
    sentence_dates = {line.key: line.sentence.sentence_date for line in lines}
    first_sentenced = min(sentence_dates.values())
    returns = [line.sentence.return_to_custody_date for line in lines if line.sentence.return_to_custody_date]
    return engine.Booking(
        offender=engine.Offender(
            date_of_birth=person.date_of_birth,
            is_active_sex_offender=subject_to_notification,
            reference=person.prison_number,
        ),
        sentences=tuple(_sentence(line) for line in lines),
        adjustments=tuple(
            _adjustment(adjustment, sentence_dates.get(key, first_sentenced))
            for adjustment, key in adjustments
        ),
        return_to_custody_date=max(returns) if returns else None,
    )


def booking_input(
    booking: Booking,
    person: Person,
    *,
    sentences: list[Sentence],
    adjustments: list[Adjustment],
    subject_to_notification: bool,
) -> engine.Booking:
    """The engine's booking. Raises Refused for what the engine cannot calculate (indeterminate sentences).
    Each sentence comes with its offences prefetched as `offence_list` (release_dates.calculation_reads)."""
    lines = [
        SentenceLine(
            sentence,
            str(sentence.pk),
            sentence.offence_list,
            str(sentence.consecutive_to_id) if sentence.consecutive_to_id else None,
        )
        for sentence in sentences
    ]
    return engine_booking(
        person,
        lines,
        [(a, str(a.sentence_id) if a.sentence_id else None) for a in adjustments],
        subject_to_notification=subject_to_notification,
    )
