from datetime import datetime, time, timedelta

from django import forms
from django.db.models import Q
from django.utils import timezone

from resettle.people.forms import DateField, PrisonNumberField


class AuditFilterForm(forms.Form):
    """The audit viewer's filters; every one is optional and they combine."""

    user = forms.CharField(
        label="Username",
        required=False,
        max_length=150,
        error_messages={"max_length": "Username must be 150 characters or fewer"},
    )
    person = PrisonNumberField(label="Prison number")
    since = DateField("date from", label="From", required=False)
    until = DateField("date to", label="To", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="%s", **kwargs)

    def clean(self):
        since, until = self.cleaned_data.get("since"), self.cleaned_data.get("until")
        if since and until and until < since:
            self.add_error("until", "The date to must be the same as or after the date from")
        return self.cleaned_data

    def filters(self) -> Q:
        wanted = Q()
        data = self.cleaned_data
        if data.get("user"):
            wanted &= Q(username__iexact=data["user"].strip())
        if data.get("person"):
            # People are stored as a JSON list of prison numbers: match the quoted number exactly.
            wanted &= Q(people__icontains=f'"{data["person"]}"')
        if data.get("since"):
            wanted &= Q(at__gte=timezone.make_aware(datetime.combine(data["since"], time.min)))
        if data.get("until"):
            wanted &= Q(
                at__lt=timezone.make_aware(datetime.combine(data["until"] + timedelta(days=1), time.min))
            )
        return wanted
