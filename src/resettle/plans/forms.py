"""GOV.UK forms for the plan records. Each carries the version of the record it was opened at (hidden), so
that the service can refuse a save over someone else's change, and names the field and the problem in
every error message."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError

from resettle.estate.models import Prison
from resettle.people.forms import DateField
from resettle.people.vocabulary import MappaCategory, MappaLevel
from resettle.rules.policy import in_words
from resettle.rules.readiness.settings import DEFAULT_SETTINGS as POLICY

from .models import (
    AccommodationCategory,
    ApplicationStatus,
    HdcOutcome,
    LicenceCondition,
    MeetingKind,
    PathwayStatus,
    ResettlementPathways,
    TransferStatus,
)

NOT_KNOWN = [("", "Not known yet")]


def _choice(label: str, choices, *, required=False, noun: str = "", widget=None) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        required=required,
        choices=([] if required else NOT_KNOWN) + list(choices),
        widget=widget or forms.Select,
        error_messages={
            "required": f"Select {noun or label.lower()}",
            "invalid_choice": f"Select {noun or label.lower()} from the list",
        },
    )


def _text(label: str, *, max_length: int, required=False, textarea=False) -> forms.CharField:
    return forms.CharField(
        label=label,
        required=required,
        max_length=max_length,
        widget=forms.Textarea if textarea else forms.TextInput,
        error_messages={
            "required": f"Enter {label.lower()}",
            "max_length": f"{label} must be {max_length} characters or fewer",
        },
    )


def _conditions(label: str, noun: str) -> forms.MultipleChoiceField:
    return forms.MultipleChoiceField(
        label=label,
        required=False,
        choices=LicenceCondition.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"invalid_choice": f"Select {noun} from the list"},
    )


def _date(label: str, noun: str, *, required=False) -> DateField:
    return DateField(noun, label=label, required=required)


class PlanRecordForm(forms.Form):
    """A form for one versioned plan record. `past_dates` are dates of things done: none may be in the future."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    past_dates: tuple[str, ...] = ()

    def __init__(self, *args, today: date, **kwargs):
        self.today = today
        super().__init__(*args, **kwargs)

    @property
    def error_anchors(self) -> dict[str, str]:
        first = next(name for name in self.fields if name != "version")
        widget = self.fields[first].widget
        anchor = self[first].auto_id + ("_day" if isinstance(widget, forms.MultiWidget) else "")
        return {"__all__": anchor, "version": anchor}

    def clean(self):
        data = super().clean()
        for name in self.past_dates:
            value = data.get(name)
            if value and value > self.today:
                noun = self.fields[name].noun
                self.add_error(name, f"{noun[0].upper()}{noun[1:]} must be today or in the past")
        return data

    def values(self) -> dict:
        return {name: value for name, value in self.cleaned_data.items() if name != "version"}


class AccommodationForm(PlanRecordForm):
    category = _choice(
        "Where he will live (MI014 category)", AccommodationCategory.choices, noun="where he will live"
    )
    address = _text("Address", max_length=500, textarea=True)
    confirmed_on = _date("Date the address was confirmed", "date the address was confirmed")
    duty_to_refer_on = _date("Duty to Refer made on", "date the Duty to Refer was made")
    cas3_referral_on = _date("CAS3 referral made on", "date of the CAS3 referral")
    past_dates = ("confirmed_on", "duty_to_refer_on", "cas3_referral_on")

    def clean(self):
        data = super().clean()
        if data.get("confirmed_on") and not data.get("category"):
            self.add_error("category", "Select where he will live before confirming the address")
        housed = {
            AccommodationCategory.SETTLED,
            AccommodationCategory.OTHER_HOUSED,
            AccommodationCategory.APPROVED_PREMISES,
            AccommodationCategory.CAS,
        }
        if (
            data.get("confirmed_on")
            and data.get("category") in housed
            and not data.get("address", "").strip()
        ):
            self.add_error(
                "address", "Enter the address he will live at, or leave the confirmation date blank"
            )
        return data


class ApprovedPremisesForm(PlanRecordForm):
    submitted_on = _date("Application submitted on", "date the application was submitted", required=True)
    arrival_on = _date("Expected arrival", "expected arrival date")
    status = _choice("Status", ApplicationStatus.choices, required=True, noun="the status of the application")
    past_dates = ("submitted_on",)

    def clean(self):
        data = super().clean()
        submitted, arrival = data.get("submitted_on"), data.get("arrival_on")
        if submitted and arrival and arrival < submitted:
            self.add_error(
                "arrival_on", "Expected arrival must be on or after the date the application was submitted"
            )
        return data


class MappaForm(PlanRecordForm):
    category = forms.TypedChoiceField(
        label="MAPPA category",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Not recorded")] + list(MappaCategory.choices),
        error_messages={"invalid_choice": "Select a MAPPA category from the list"},
    )
    level = forms.TypedChoiceField(
        label="MAPPA level",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "Not known")] + list(MappaLevel.choices),
        error_messages={"invalid_choice": "Select a MAPPA level from the list"},
    )
    level_set_on = _date("Level set on", "date the MAPPA level was set")
    category_3_decision_on = _date("Category 3 decision made on", "date of the category 3 decision")
    referral_on = _date("MAPPA A referral made on", "date of the MAPPA A referral")
    prison_report_on = _date("MAPPA F report supplied on", "date the MAPPA F report was supplied")
    rmp_agreed_on = _date("Risk management plan agreed on", "date the risk management plan was agreed")
    police_told_of_release_on = _date(
        "Police and ViSOR told of release on", "date the police and ViSOR were told"
    )
    past_dates = (
        "level_set_on",
        "category_3_decision_on",
        "referral_on",
        "prison_report_on",
        "rmp_agreed_on",
        "police_told_of_release_on",
    )

    def clean(self):
        data = super().clean()
        level, category = data.get("level"), data.get("category")
        if level in (1, 2, 3) and category is None:
            self.add_error(
                "category", "Select a MAPPA category: a level is set only for a MAPPA-eligible man"
            )
        if level in (1, 2, 3) and not data.get("level_set_on") and "level_set_on" not in self.errors:
            self.add_error("level_set_on", "Enter the date the MAPPA level was set")
        if data.get("level_set_on") and level not in (1, 2, 3):
            self.add_error("level", "Select the MAPPA level that was set on that date")
        if (
            category == 3
            and not data.get("category_3_decision_on")
            and "category_3_decision_on" not in self.errors
        ):
            self.add_error("category_3_decision_on", "Enter the date of the category 3 decision")
        return data

    def risk_values(self) -> dict:
        data = self.cleaned_data
        return {
            "mappa_category": data["category"],
            "mappa_level": data["level"],
            "mappa_level_set_on": data["level_set_on"],
        }

    def values(self) -> dict:
        skip = {"version", "category", "level", "level_set_on"}
        return {name: value for name, value in self.cleaned_data.items() if name not in skip}


class MappaMeetingForm(forms.Form):
    held_on = _date("Date held", "date the meeting was held", required=True)
    kind = _choice(
        "Meeting or review",
        MeetingKind.choices,
        required=True,
        noun="a meeting or a review",
        widget=forms.RadioSelect,
    )
    notes = _text("Notes (optional)", max_length=200)

    def __init__(self, *args, today: date, **kwargs):
        self.today = today
        super().__init__(*args, **kwargs)

    def clean_held_on(self):
        held = self.cleaned_data["held_on"]
        if held and held > self.today:
            raise ValidationError("Date the meeting was held must be today or in the past")
        return held


class NotificationForm(PlanRecordForm):
    subject_to_notification = forms.BooleanField(label="Subject to sex-offender notification", required=False)
    initial_notification_on = _date(
        "First notified at a police station on", "date he first notified at a police station"
    )
    police_station = _text("Police station", max_length=120)
    past_dates = ("initial_notification_on",)

    def clean(self):
        data = super().clean()
        if data.get("initial_notification_on") and not data.get("subject_to_notification"):
            self.add_error(
                "subject_to_notification",
                "Select subject to sex-offender notification, or leave the notification date blank",
            )
        return data

    def values(self) -> dict:
        data = self.cleaned_data
        return {
            "initial_notification_on": data["initial_notification_on"],
            "police_station": data["police_station"],
        }


class TransferForm(PlanRecordForm):
    target_prison = forms.ModelChoiceField(
        label="Resettlement prison",
        required=False,
        queryset=Prison.objects.filter(is_resettlement_prison=True).order_by("name"),
        empty_label="No transfer planned",
        error_messages={"invalid_choice": "Select a resettlement prison from the list"},
    )
    due_on = _date("Transfer due by", "date the transfer is due")
    status = _choice("Transfer status", TransferStatus.choices, noun="the status of the transfer")
    in_reach_plan_on = _date(
        "In-reach plan agreed on (if he stays here)", "date the in-reach plan was agreed"
    )
    past_dates = ("in_reach_plan_on",)

    def clean(self):
        data = super().clean()
        if data.get("target_prison") and not data.get("status"):
            self.add_error("status", "Select the status of the transfer")
        if data.get("status") and not data.get("target_prison"):
            self.add_error("target_prison", "Select the resettlement prison he is to transfer to")
        return data


class ResettlementForm(PlanRecordForm):
    immediate_needs_screen_on = _date(
        "Immediate needs screen (BCST1) on", "date of the immediate needs screen"
    )
    pre_release_report_on = _date("Pre-release report (BCST3) on", "date of the pre-release report")
    id_documents_obtained_on = _date("ID obtained on", "date ID was obtained")
    bank_account_applied_on = _date("Bank account applied for on", "date the bank account was applied for")
    hdc_assessment_on = _date("HDC assessment completed on", "date the HDC assessment was completed")
    hdc_outcome = _choice("HDC outcome", HdcOutcome.choices, noun="the HDC outcome")
    hdc_decision_maker_approved_on = _date(
        f"Decision-maker approved continuing HDC on (less than {in_words(POLICY.hdc_decision_maker_before_crd)} "
        "to the CRD)",
        "date the decision-maker approved continuing HDC",
    )
    travel_arranged = forms.BooleanField(label="Travel on the day of release arranged", required=False)
    property_ready = forms.BooleanField(label="Property ready to return", required=False)
    money_ready = forms.BooleanField(label="Money ready to return", required=False)
    discharge_grant_arranged = forms.BooleanField(label="Discharge grant arranged", required=False)
    past_dates = (
        "immediate_needs_screen_on",
        "pre_release_report_on",
        "id_documents_obtained_on",
        "bank_account_applied_on",
        "hdc_assessment_on",
        "hdc_decision_maker_approved_on",
    )

    def clean(self):
        data = super().clean()
        if (
            data.get("hdc_outcome")
            and not data.get("hdc_assessment_on")
            and "hdc_assessment_on" not in self.errors
        ):
            self.add_error("hdc_assessment_on", "Enter the date the HDC assessment was completed")
        return data


class PathwaysForm(PlanRecordForm):
    accommodation = _choice("Accommodation", PathwayStatus.choices)
    attitudes_thinking_and_behaviour = _choice("Attitudes, thinking and behaviour", PathwayStatus.choices)
    children_families_and_community = _choice("Children, families and community", PathwayStatus.choices)
    drugs_and_alcohol = _choice("Drugs and alcohol", PathwayStatus.choices)
    education_skills_and_work = _choice("Education, skills and work", PathwayStatus.choices)
    finance_and_id = _choice("Finance and ID", PathwayStatus.choices)
    health = _choice("Health", PathwayStatus.choices)

    assert tuple(ResettlementPathways.PATHWAY_FIELDS) == (
        "accommodation",
        "attitudes_thinking_and_behaviour",
        "children_families_and_community",
        "drugs_and_alcohol",
        "education_skills_and_work",
        "finance_and_id",
        "health",
    )


class HandoverForm(PlanRecordForm):
    reviewed_oasys = forms.BooleanField(label="Last OASys reviewed", required=False)
    contacted_com = forms.BooleanField(label="Contact from the COM", required=False)
    attended_handover_meeting = forms.BooleanField(label="Handover meeting attended", required=False)
    sent_handover_report = forms.BooleanField(label="Handover report sent", required=False)
    early_allocation_screened_on = _date("Early allocation screened on", "date early allocation was screened")
    early_allocation_accepted = forms.BooleanField(label="Accepted for early allocation", required=False)
    parom1_completed_on = _date("PAROM1 completed on", "date the PAROM1 was completed")
    parole_refused_release = forms.BooleanField(
        label="The Parole Board refused release at the last hearing", required=False
    )
    past_dates = ("early_allocation_screened_on", "parom1_completed_on")

    def clean(self):
        data = super().clean()
        if (
            data.get("early_allocation_accepted")
            and not data.get("early_allocation_screened_on")
            and "early_allocation_screened_on" not in self.errors
        ):
            self.add_error("early_allocation_screened_on", "Enter the date early allocation was screened")
        return data


class LicenceForm(PlanRecordForm):
    conditions = _conditions("Licence conditions", "licence conditions")
    required_conditions = _conditions(
        "Conditions required by the COM and the risk management plan", "required licence conditions"
    )
    issued_on = _date("Licence issued on", "date the licence was issued")
    past_dates = ("issued_on",)


class DayOneForm(PlanRecordForm):
    appointment_on = _date("Appointment on", "date of the appointment", required=True)
    location = _text("Where (probation office)", max_length=200)


class InterventionForm(PlanRecordForm):
    offered_on = _date("Offered on", "date the intervention was offered", required=True)
    intervention = _text("Intervention", max_length=100, required=True)
    outcome = _choice(
        "Outcome",
        [
            ("accepted", "Accepted"),
            ("declined", "Declined"),
            ("completed", "Completed"),
            ("withdrawn", "Withdrawn"),
        ],
        noun="the outcome",
    )
    rationale = _text("Risk-management rationale", max_length=2000, textarea=True)
    past_dates = ("offered_on",)

    def clean(self):
        data = super().clean()
        if data.get("outcome") == "declined" and not data.get("rationale", "").strip():
            self.add_error(
                "rationale", "Enter the risk-management rationale when he declines the intervention"
            )
        return data


class OutcomeForm(PlanRecordForm):
    accommodation_on_release = _choice(
        "Accommodation on the night of release (MI014)",
        AccommodationCategory.choices,
        required=True,
        noun="where he stayed on the night of release",
    )
    recorded_on = _date("Recorded on", "date the outcome was recorded", required=True)
    settled_at_3_months = _choice(
        f"Accommodation {in_words(POLICY.settled_follow_up_after_release)} after release (MI015)",
        AccommodationCategory.choices,
        noun=f"accommodation at {in_words(POLICY.settled_follow_up_after_release)}",
    )
    past_dates = ("recorded_on",)
