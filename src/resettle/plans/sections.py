"""The parts of a man's release plan that are edited as one record each (accommodation, MAPPA, licence...):
their titles, models and forms, what each holds now, and how a validated form is saved. The screens and the
API both edit plan records through here, so they validate and save alike."""

from dataclasses import dataclass

from resettle.people.models import Person

from . import forms, services
from .models import (
    AccommodationPlan,
    ApprovedPremisesApplication,
    DayOneAppointment,
    HandoverRecord,
    Licence,
    MappaRecord,
    NotificationRecord,
    ReleaseOutcome,
    ResettlementPathways,
    ResettlementPlan,
    TransferPlan,
)


@dataclass(frozen=True)
class Section:
    title: str
    model: type
    form: type
    action: str = ""  # the link that leads to the form, e.g. "Update the accommodation plan"


SECTIONS = {
    "accommodation": Section(
        "Accommodation plan", AccommodationPlan, forms.AccommodationForm, "Update the accommodation plan"
    ),
    "approved-premises": Section(
        "Approved premises application",
        ApprovedPremisesApplication,
        forms.ApprovedPremisesForm,
        "Update the approved premises application",
    ),
    "mappa": Section("MAPPA", MappaRecord, forms.MappaForm, "Update the MAPPA record"),
    "notification": Section(
        "Sex-offender notification", NotificationRecord, forms.NotificationForm, "Update notification"
    ),
    "transfer": Section(
        "Resettlement prison or in-reach plan",
        TransferPlan,
        forms.TransferForm,
        "Update the transfer or in-reach plan",
    ),
    "resettlement": Section(
        "Screening, pre-release report, ID, bank account and HDC",
        ResettlementPlan,
        forms.ResettlementForm,
        "Update screening, pre-release report, ID, bank account and HDC",
    ),
    "pathways": Section(
        "Resettlement pathways", ResettlementPathways, forms.PathwaysForm, "Update the pathways"
    ),
    "handover": Section(
        "Handover, early allocation and parole",
        HandoverRecord,
        forms.HandoverForm,
        "Update handover and parole",
    ),
    "licence": Section("Licence", Licence, forms.LicenceForm, "Update the licence"),
    "day-one": Section(
        "Day-one appointment", DayOneAppointment, forms.DayOneForm, "Update the day-one appointment"
    ),
    "outcome": Section(
        "Outcome on release", ReleaseOutcome, forms.OutcomeForm, "Record the outcome on release"
    ),
}


def current_values(section_slug: str, record, person: Person) -> dict:
    form_class = SECTIONS[section_slug].form
    initial = {"version": record.version if record else 0}
    for name in form_class.base_fields:
        if name != "version" and record is not None and hasattr(record, name):
            initial[name] = getattr(record, name)
    risk = getattr(person, "risk", None)
    if section_slug == "mappa" and risk is not None:
        initial.update(
            category=risk.mappa_category, level=risk.mappa_level, level_set_on=risk.mappa_level_set_on
        )
    if section_slug == "notification" and risk is not None:
        initial["subject_to_notification"] = risk.subject_to_notification
    return initial


def save_section(section_slug: str, person: Person, form, user):
    section = SECTIONS[section_slug]
    version = form.cleaned_data["version"]
    if section_slug == "mappa":
        return services.save_mappa(
            person, version=version, values=form.values(), risk_values=form.risk_values(), by=user
        )
    if section_slug == "notification":
        return services.save_notification(
            person,
            version=version,
            values=form.values(),
            subject_to_notification=form.cleaned_data["subject_to_notification"],
            by=user,
        )
    values = form.values()
    if section_slug == "transfer":
        prison = values.pop("target_prison")
        values["target_prison_id"] = prison.pk if prison else None
    return services.save_record(section.model, person, version=version, values=values, by=user)
