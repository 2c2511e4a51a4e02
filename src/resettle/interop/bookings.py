"""A booking in CRDS's JSON shape (../shared/crd-fixtures/overall_calculation/), stored as the sentences,
offences and adjustments of a named man's active booking, so that Resettle calculates its dates.

The shape has no prison number: the importer is told whose it is (`--person`), or the record names him
in a top-level `prisonerNumber`.
"""

from dataclasses import dataclass
from decimal import Decimal

from resettle.people.models import Adjustment, Booking, Offence, Person, Sentence
from resettle.people.vocabulary import SentenceCalcType as T
from resettle.rules.sentencing import model as engine
from resettle.rules.sentencing.parse import parse_booking

from .fields import Invalid
from .rows import checked

# The NOMIS sentence type each engine kind is stored as. Which CRDS read it by does not matter for the
# dates: the kind and the release arrangements decide them, and both survive the round trip.
CALC_TYPE = {
    engine.SentenceKind.STANDARD: T.ADIMP_ORA,
    engine.SentenceKind.EXTENDED: T.EDS21,
    engine.SentenceKind.SOPC: T.SOPC21,
    engine.SentenceKind.DTO: T.DTO,
    engine.SentenceKind.A_FINE: T.A_FINE,
    engine.SentenceKind.BOTUS: T.BOTUS,
}
RECALL_CALC_TYPE = {
    engine.RecallType.STANDARD: T.LR_ORA,
    engine.RecallType.STANDARD_255: T.LR_ORA,
    engine.RecallType.FTR_14: T.FTR_14_ORA,
    engine.RecallType.FTR_28: T.FTR_ORA,
    engine.RecallType.FTR_56: T.FTR_56_ORA,
}


@dataclass(frozen=True)
class BookingRecord:
    prison_number: str
    booking: engine.Booking


def read(raw: dict, person: str | None) -> BookingRecord:
    number = str(raw.get("prisonerNumber") or person or "").upper()
    if not number:
        raise Invalid("prisonerNumber", "a CRDS booking names no one: give --person A1234BC")
    booking = raw.get("booking", raw)
    # A booking that cannot be read raises the importer's own field error (rules.field_input).
    parsed = parse_booking(
        booking, raw.get("userInputs") if isinstance(raw.get("userInputs"), dict) else None
    )
    _consecutive_links_end(parsed)
    return BookingRecord(number, parsed)


def _consecutive_links_end(booking: engine.Booking) -> None:
    """Each consecutive link points at a sentence of the booking, and following them never comes back."""
    follows = {s.identifier: s.consecutive_to for s in booking.sentences}
    for index, sentence in enumerate(booking.sentences):
        seen, current = {sentence.identifier}, sentence.consecutive_to
        while current is not None:
            if current not in follows:
                raise Invalid(
                    f"sentences[{index}].consecutiveSentenceUUIDs", f"{current!r} is not a sentence here"
                )
            if current in seen:
                raise Invalid(
                    f"sentences[{index}].consecutiveSentenceUUIDs", "the consecutive links form a loop"
                )
            seen.add(current)
            current = follows[current]


def _calc_type(sentence: engine.Sentence) -> str:
    if sentence.recall is not None:
        return RECALL_CALC_TYPE[sentence.recall.recall_type]
    if sentence.automatic_release:
        return T.LASPO_AR
    if sentence.sdopcu18:
        return T.SDOPCU18
    return CALC_TYPE[sentence.kind]


def _term(duration, prefix: str = "") -> dict:
    return {f"{prefix}{unit}": getattr(duration, unit) for unit in ("years", "months", "weeks", "days")}


def _sentence(row: Booking, line: int, sentence: engine.Sentence) -> Sentence:
    extended = sentence.kind in (engine.SentenceKind.EXTENDED, engine.SentenceKind.SOPC)
    recall, arrangements = sentence.recall, sentence.release_arrangements
    return Sentence(
        booking=row,
        line_sequence=line,
        calc_type=_calc_type(sentence),
        sentence_date=sentence.sentenced_at,
        **_term(sentence.custodial_duration if extended else sentence.duration),
        **_term(sentence.extension_duration, "extension_"),
        is_sds_plus=arrangements.is_sds_plus,
        is_sds_plus_eligible=arrangements.is_sds_plus_eligible,
        is_section_250=arrangements.is_section_250,
        early_release_exclusions=sorted(arrangements.early_release_exclusions),
        fine_amount=None if sentence.fine_amount is None else Decimal(str(round(sentence.fine_amount, 2))),
        recall_type=recall.recall_type.value if recall else "",
        revocation_date=recall.revocation_date if recall else None,
        return_to_custody_date=recall.return_to_custody_date if recall else None,
    )


def _shape(sentences, offences, adjustments) -> list:
    """What the stored rows say, without their ids: equal shapes mean a re-import would change nothing."""
    skip = {"id", "booking", "sentence", "consecutive_to"}

    def values(row):
        return [(f.attname, getattr(row, f.attname)) for f in row._meta.concrete_fields if f.name not in skip]

    return [[values(s) for s in sentences], [values(o) for o in offences], [values(a) for a in adjustments]]


def _applying_from(day, adjustment: Adjustment) -> Adjustment:
    adjustment.applies_from = day  # not a column: where _replace attaches it
    return adjustment


def _rows(row: Booking, booking: engine.Booking):
    sentences = [
        checked(_sentence(row, line, s), f"sentences[{line - 1}].", exclude=["booking"])
        for line, s in enumerate(booking.sentences, start=1)
    ]
    offences = [
        checked(
            Offence(
                committed_on=s.offence.committed_at,
                offence_code=s.offence.offence_code or "",
                description=s.offence.offence_code or "Offence (description not in the CRDS booking)",
            ),
            f"sentences[{index}].offence.",
            exclude=["sentence"],
        )
        for index, s in enumerate(booking.sentences)
    ]
    # CRDS reads a missing count as no days; Resettle stores only adjustments that have some.
    adjustments = [
        _applying_from(
            a.applies_to_sentences_from,
            checked(
                Adjustment(
                    booking=row,
                    adjustment_type=a.type.value,
                    days=a.number_of_days,
                    from_date=a.from_date,
                    to_date=a.to_date,
                ),
                f"adjustments.{a.type.value}.",
                exclude=["booking", "sentence"],
            ),
        )
        for a in booking.adjustments
        if a.number_of_days > 0
    ]
    return sentences, offences, adjustments


def store(record: BookingRecord) -> tuple[Person, bool]:
    person = Person.objects.filter(prison_number=record.prison_number).first()
    if person is None:
        raise Invalid("prisonerNumber", f"no person {record.prison_number}: import his prisoner record first")
    row = person.active_booking
    if row is None:
        raise Invalid("prisonerNumber", f"{record.prison_number} has no active booking to add sentences to")
    sentences, offences, adjustments = _rows(row, record.booking)
    stored = list(row.sentences.all())
    if _shape(sentences, offences, adjustments) == _shape(
        stored,
        Offence.objects.filter(sentence__booking=row).order_by("sentence__line_sequence", "id"),
        row.adjustments.order_by("id"),
    ) and _links(stored) == _wanted_links(record.booking):
        return person, False
    _replace(row, record.booking, sentences, offences, adjustments)
    return person, True


def _links(stored: list[Sentence]) -> list:
    lines = {s.pk: s.line_sequence for s in stored}
    return [lines.get(s.consecutive_to_id) for s in stored]


def _wanted_links(booking: engine.Booking) -> list:
    lines = {s.identifier: line for line, s in enumerate(booking.sentences, start=1)}
    return [lines.get(s.consecutive_to) for s in booking.sentences]


def _replace(row: Booking, booking: engine.Booking, sentences, offences, adjustments) -> None:
    """Swap the booking's sentences for the imported ones (the latest import wins), saving each row so
    that the change is audited."""
    row.adjustments.all().delete()
    for old in row.sentences.order_by("-line_sequence"):
        old.consecutive_sentences.update(consecutive_to=None)
        old.delete()
    by_identifier = {}
    for sentence, offence, source in zip(sentences, offences, booking.sentences, strict=True):
        sentence.save()
        offence.sentence = sentence
        offence.save()
        by_identifier[source.identifier] = sentence
    for sentence, source in zip(sentences, booking.sentences, strict=True):
        if source.consecutive_to:
            sentence.consecutive_to = by_identifier[source.consecutive_to]
            sentence.save(update_fields=["consecutive_to"])
    for adjustment in adjustments:
        # CRDS records an adjustment against the sentences from a date: the first sentence of that date.
        adjustment.sentence = next((s for s in sentences if s.sentence_date == adjustment.applies_from), None)
        adjustment.save()
