from operator import attrgetter

from django.conf import settings
from django.core.paginator import Paginator
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from resettle.accounts import policy
from resettle.accounts.access import CASE_WORK, PRISON_CASELOAD, access
from resettle.audit import recorder
from resettle.core import shared
from resettle.core.clock import today

from . import selectors
from .forms import CaseloadFilterForm, EnteredBookingForm, PastedBookingForm
from .release_dates import run_engine


@access(CASE_WORK)
def prison_list(request):
    prisons = selectors.prisons_with_population(policy.prisons_seen_by(request.scope))
    return render(request, "people/prison_list.html", {"prisons": prisons})


@access(PRISON_CASELOAD)
def caseload(request, prison_code):
    prison = request.prison
    form = CaseloadFilterForm(request.GET)
    query, on = form.query(), today()
    people = selectors.caseload_pages(prison, query, request.scope, today=on)
    page = Paginator(people, settings.CASELOAD_PAGE_SIZE).get_page(request.GET.get("page"))
    recorder.numbers_listed(
        request,
        shared.prison_numbers(page.object_list, attrgetter("prison_number")),
        query={"prison": prison.code, **dict(request.GET.lists())},
    )
    return render(
        request,
        "people/caseload.html",
        {
            "prison": prison,
            "form": form,
            "query": query,
            "page": page,
            "today": on,
            **shared.drawn_once(people, page),
            # The filters as asked, whoever asks: the form is bound to the query string and nothing else.
            "filter_key": shared.key(
                shared.prison(prison.pk), on, f"caseload-filter:{request.GET.urlencode()}"
            ),
            "drawn_seconds": shared.SHARED_SECONDS,
        },
    )


def _calculation_page(request, form_class, tab: str):
    """Calculate a booking that is typed in or pasted, and show it; nothing is stored."""
    form = form_class(request.POST if request.method == "POST" else None)
    result = None
    if form.is_valid():
        rules = form.rules()
        result = selectors.shown_calculation(run_engine(form.engine_booking(), rules), rules=rules.label)
    return render(request, "people/calculate.html", {"form": form, "result": result, "tab": tab})


@access(CASE_WORK)
@require_http_methods(["GET", "POST"])
def calculate(request):
    return _calculation_page(request, EnteredBookingForm, "form")


@access(CASE_WORK)
@require_http_methods(["GET", "POST"])
def calculate_json(request):
    return _calculation_page(request, PastedBookingForm, "json")
