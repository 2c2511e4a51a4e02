from django import forms

from .models import NEXT_STATUSES, TransferStatus
from .services import MINIMUM_HORIZON_WEEKS, TOO_SHORT

ACTIONS = {
    TransferStatus.ACCEPTED: "Accept the transfer",
    TransferStatus.REJECTED: "Reject it",
    TransferStatus.BOOKED: "Booked: transport arranged",
    TransferStatus.COMPLETED: "Completed: he has arrived",
    TransferStatus.CANCELLED: "Cancel it",
}


class RunPlanForm(forms.Form):
    horizon_weeks = forms.IntegerField(
        label="Horizon in weeks",
        min_value=MINIMUM_HORIZON_WEEKS,
        max_value=104,
        error_messages={
            "required": "Enter the horizon in weeks",
            "min_value": TOO_SHORT,
            "max_value": "The horizon can be at most 104 weeks",
            "invalid": "Enter the horizon as a whole number of weeks",
        },
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        widget=forms.RadioSelect,
        error_messages={
            "required": "Select what to do with the transfer",
            "invalid_choice": "Select one of the things that can be done with the transfer now",
        },
    )
    note = forms.CharField(
        label="Reason (needed to reject or cancel)",
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"max_length": "Reason must be 1,000 characters or fewer"},
    )

    def __init__(self, *args, transfer, **kwargs):
        super().__init__(*args, **kwargs)
        allowed = NEXT_STATUSES.get(transfer.status, set())
        self.fields["decision"].choices = [
            (status.value, label) for status, label in ACTIONS.items() if status in allowed
        ]

    def clean(self):
        cleaned = super().clean()
        if (
            cleaned.get("decision") in (TransferStatus.REJECTED, TransferStatus.CANCELLED)
            and not cleaned.get("note", "").strip()
        ):
            self.add_error("note", "Give the reason: the next plan will not offer this prison again")
        return cleaned

    def decision_label(self) -> str:
        return TransferStatus(self.cleaned_data["decision"]).label.lower()


class HoldForm(forms.Form):
    reason = forms.CharField(
        label="Why he is not to be moved",
        max_length=200,
        error_messages={
            "required": "Enter why he is not to be moved",
            "max_length": "Keep the reason to 200 characters",
        },
        help_text="For example, on hold for court: trial listed 3 March 2027",
    )
