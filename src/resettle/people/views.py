from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, render

from resettle.core.clock import today
from resettle.estate.models import Prison

from . import selectors
from .forms import CaseloadFilterForm
from .models import Person


def prison_list(request):
    return render(request, "people/prison_list.html", {"prisons": selectors.prisons_with_population()})


def caseload(request, prison_code):
    prison = get_object_or_404(Prison, code=prison_code)
    form = CaseloadFilterForm(request.GET)
    query, on = form.query(), today()
    people = selectors.caseload(prison, query, today=on)
    page = Paginator(people, settings.CASELOAD_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "people/caseload.html",
        {"prison": prison, "form": form, "query": query, "page": page, "today": on},
    )


def person(request, prison_number):
    try:
        record = selectors.person_record(prison_number, today=today())
    except Person.DoesNotExist:
        raise Http404("No person with that prison number") from None
    return render(request, "people/person.html", {"record": record, "person": record.person})
