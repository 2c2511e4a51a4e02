"""Exports: a prison's caseload and its worklists as CSV, a man's whole record as JSON. Each lists only
what the user may see (resettle.accounts.policy) and is audited as an export, naming every man in it."""

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404

from resettle.accounts import policy
from resettle.accounts.access import PERSON_RECORD, PRISON_CASELOAD, access
from resettle.audit import recorder
from resettle.core.clock import today
from resettle.estate.models import Prison
from resettle.people import selectors as people_selectors
from resettle.people.forms import CaseloadFilterForm
from resettle.plans import selectors as plans_selectors

from . import exports


def _csv(filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@access(PRISON_CASELOAD)
def caseload_csv(request, prison_code):
    prison = get_object_or_404(Prison, code=prison_code)
    query = CaseloadFilterForm(request.GET).query()  # the same filters as the page it is linked from
    people = list(
        people_selectors.caseload(
            prison, query, today=today(), people=policy.people_held_at(request.scope, prison)
        )
    )
    response = _csv(f"caseload-{prison.code}-{today():%Y-%m-%d}.csv")
    exports.write_rows(response, exports.CASELOAD_COLUMNS, exports.caseload_rows(people))
    recorder.exported(
        request, what=f"caseload of {prison.code} as CSV", people=[m.prison_number for m in people]
    )
    return response


@access(PRISON_CASELOAD)
def worklist_csv(request, prison_code, name):
    prison = get_object_or_404(Prison, code=prison_code)
    if name not in plans_selectors.WORKLISTS:
        raise Http404("No such worklist")
    on = today()
    check = plans_selectors.chosen_check(request.GET)
    findings = plans_selectors.worklist(name, prison, request.scope, today=on, check=check)
    rows = plans_selectors.rows(findings, today=on)
    response = _csv(f"worklist-{name}-{prison.code}-{on:%Y-%m-%d}.csv")
    exports.write_rows(response, exports.WORKLIST_COLUMNS, exports.worklist_rows(rows))
    recorder.exported(
        request,
        what=f"worklist {name} of {prison.code} as CSV",
        people=sorted({row.finding.person.prison_number for row in rows}),
    )
    return response


@access(PERSON_RECORD)
def person_json(request, prison_number):
    person = get_object_or_404(policy.people_seen_by(request.scope), prison_number=prison_number)
    response = JsonResponse(
        exports.person_record(person), encoder=DjangoJSONEncoder, json_dumps_params={"indent": 2}
    )
    response["Content-Disposition"] = f'attachment; filename="record-{prison_number}.json"'
    recorder.exported(request, what="a person's whole record as JSON", people=[prison_number])
    return response
