from django.core.serializers.json import DjangoJSONEncoder
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render

from resettle.accounts import policy
from resettle.accounts.access import AUDIT_TRAIL, SUBJECT_ACCESS, access
from resettle.core.keyset import newest_first

from .forms import AuditFilterForm
from .models import AuditEntry
from .subject_access import everything_held_about

PAGE_SIZE = 50


@access(AUDIT_TRAIL)
def audit_trail(request):
    form = AuditFilterForm(request.GET or None)
    entries = AuditEntry.objects.select_related("actor")
    if form.is_bound:
        entries = entries.filter(form.filters()) if form.is_valid() else entries.none()
    page = newest_first(
        entries, before=request.GET.get("before"), after=request.GET.get("after"), size=PAGE_SIZE
    )
    person = form.cleaned_data.get("person") if form.is_bound and form.is_valid() else ""
    return render(request, "audit/trail.html", {"form": form, "page": page, "person": person})


@access(SUBJECT_ACCESS)
def subject_access(request, prison_number):
    person = get_object_or_404(policy.people_seen_by(request.scope), prison_number=prison_number)
    response = JsonResponse(
        everything_held_about(person), encoder=DjangoJSONEncoder, json_dumps_params={"indent": 2}
    )
    response["Content-Disposition"] = f'attachment; filename="subject-access-{prison_number}.json"'
    return response
