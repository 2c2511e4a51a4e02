from datetime import datetime, time, timedelta

from django import forms
from django.db.models import Q
from django.utils import timezone

from resettle.people.forms import DateField
from resettle.people.models import PRISON_NUMBER


class AuditFilterForm(forms.Form):
    """The audit viewer's filters; every one is optional and they combine."""

    user = forms.CharField(label="Username", required=False, max_length=150)
    person = forms.CharField(label="Prison number", required=False, max_length=7)
    since = DateField("date from", label="From", required=False)
    until = DateField("date to", label="To", required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, auto_id="%s", **kwargs)

    def clean_person(self) -> str:
        number = self.cleaned_data["person"].strip().upper()
        if number and not PRISON_NUMBER.regex.match(number):
            raise forms.ValidationError("Enter a prison number like A1234BC")
        return number

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
