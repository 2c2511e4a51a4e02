"""The calculation page's engine input: a booking typed into the form or pasted as CRDS JSON, turned into
the engine's booking without touching the database. Pure: no queries, no writes."""

import json

from resettle.core import json_input
from resettle.core.json_input import NestedTooDeep
from resettle.rules.sentencing import BookingInvalid, parse_booking, profile_names
from resettle.rules.sentencing import model as engine
from resettle.rules.sentencing.durations import Duration

from .booking_input import engine_sentence
from .release_dates import Rules, live_rules

# The rule profiles shipped with the engine, so that a CRDS case can be checked under the profile it was
# calculated with rather than only under the one in force.
PROFILES = tuple(profile_names())

# The whole-booking adjustments the form offers, by the name of their field.
ADJUSTMENT_FIELDS = {
    "remand_days": engine.AdjustmentType.REMAND,
    "tagged_bail_days": engine.AdjustmentType.TAGGED_BAIL,
    "ual_days": engine.AdjustmentType.UNLAWFULLY_AT_LARGE,
    "ada_days": engine.AdjustmentType.ADDITIONAL_DAYS_AWARDED,
    "rada_days": engine.AdjustmentType.RESTORATION_OF_ADDITIONAL_DAYS_AWARDED,
}


def rules_under(profile: str) -> Rules:
    """The live rules, with the profile the user chose in place of the one in force."""
    return Rules(profile, live_rules().toggles)


def _length(row: dict, prefix: str = "") -> Duration:
    return Duration(*(row.get(f"{prefix}{unit}") or 0 for unit in ("years", "months", "weeks", "days")))


def _sentence(number: int, row: dict) -> engine.Sentence:
    return engine_sentence(
        calc_type=row["calc_type"],
        identifier=str(number),
        sentenced_at=row["sentence_date"],
        offence=engine.Offence(committed_at=row["offence_date"]),
        term=_length(row),
        extension=_length(row, "extension_"),
        consecutive_to=row.get("consecutive_to") or None,
        recall_type=row.get("recall_type") or "",
        return_to_custody_date=row.get("return_to_custody_date"),
        is_sds_plus=bool(row.get("is_sds_plus")),
        early_release_exclusions=row.get("early_release_exclusions") or (),
    )


def booking_from_form(details: dict, sentences: dict[int, dict]) -> engine.Booking:
    """The engine's booking from the form's cleaned data: `sentences` maps each row's number (from 1) to
    its fields, so "consecutive to sentence 2" names the same sentence the user saw."""
    first_sentenced = min(row["sentence_date"] for row in sentences.values())
    returns = [
        row["return_to_custody_date"] for row in sentences.values() if row.get("return_to_custody_date")
    ]
    return engine.Booking(
        offender=engine.Offender(
            date_of_birth=details["date_of_birth"],
            is_active_sex_offender=bool(details.get("subject_to_notification")),
        ),
        sentences=tuple(_sentence(number, row) for number, row in sorted(sentences.items())),
        # Whole-booking adjustments attach to the first sentence, as an unattached NOMIS adjustment does.
        adjustments=tuple(
            engine.Adjustment(kind, details[name], applies_to_sentences_from=first_sentenced)
            for name, kind in ADJUSTMENT_FIELDS.items()
            if details.get(name)
        ),
        return_to_custody_date=max(returns) if returns else None,
    )


class PastedBookingInvalid(ValueError):
    """Pasted JSON that cannot be read; the message names the place, a line or a field."""


def booking_from_json(text: str) -> engine.Booking:
    """The engine's booking from CRDS JSON: the fixtures' `booking` object, or a whole fixture with its
    `booking` and `userInputs`. Raises PastedBookingInvalid."""
    try:
        raw = json_input.loads(text)
    except NestedTooDeep as error:
        raise PastedBookingInvalid(f"The booking is {error}") from None
    except json.JSONDecodeError as error:
        raise PastedBookingInvalid(
            f"The booking is not valid JSON: line {error.lineno}, column {error.colno}: {error.msg}"
        ) from None
    return booking_from_data(raw)


def booking_from_data(raw) -> engine.Booking:
    """The engine's booking from CRDS JSON already parsed, in either shape booking_from_json reads."""
    user_inputs = None
    if isinstance(raw, dict) and "booking" in raw:
        raw, user_inputs = raw["booking"], raw.get("userInputs")
    try:
        return parse_booking(raw, user_inputs if isinstance(user_inputs, dict) else None)
    except BookingInvalid as error:
        raise PastedBookingInvalid(f"In the booking, {error.field}: {error.problem}") from None
