"""Readiness pages: a prison's dashboard and worklists, a POM's caseload, one man's readiness timeline and the
forms that edit his plan records, which return to his page (planning.views.person) once saved. Thin: parse,
call a selector or service, render. Access is declared per view (resettle.accounts.access) and every list
chooses among the people the viewer's scope allows."""

from functools import cache

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_http_methods

from resettle.accounts import policy
from resettle.accounts.access import (
    CASE_WORK,
    PERSON_CHANGE,
    PERSON_RECORD,
    PRISON_CASELOAD,
    PRISONS_OVERVIEW,
    access,
)
from resettle.audit import recorder
from resettle.core import shared
from resettle.core.clock import today
from resettle.people.models import Person, RiskProfile
from resettle.rules.readiness.checks import BY_ID

from . import forms, selectors, services
from .models import InterventionOffer
from .sections import SECTIONS, Section, current_values, save_section


def _person(request) -> Person:
    """The man the access gate allowed: one he may see, or change under a rule that changes him."""
    return Person.objects.select_related("current_prison", "risk").get(pk=request.person_id)


# --- one man -----------------------------------------------------------------------------------------------

# The parts of his plan his page shows as a card of their own; a form for any other part returns to his checks.
ON_HIS_PAGE = ("mappa", "handover", "approved-premises", "accommodation")


def _back_to_his_page(request, prison_number: str, part: str, saved: str):
    messages.success(request, saved)
    anchor = part if part in ON_HIS_PAGE else "readiness"
    return redirect(f"{reverse('person', args=[prison_number])}#{anchor}")


@access(PERSON_RECORD)
def readiness(request, prison_number):
    on, owner = today(), shared.person(request.person_id)
    can_edit = policy.can_edit_person_held_at(request.scope, prison_number, request.person_held_at)
    # Read only where the page is drawn, not where it is kept drawn: the same for everyone who may see him,
    # kept until his facts next change (resettle.core.shared).
    his_row = cache(lambda: _person(request))
    timeline = SimpleLazyObject(
        lambda: shared.read(owner, on, "timeline", lambda: selectors.timeline(his_row(), today=on))
    )
    person = SimpleLazyObject(his_row)
    return render(
        request,
        "plans/readiness.html",
        {
            "person": person,
            "timeline": timeline,
            "today": on,
            "sections": SECTIONS,
            "can_edit": can_edit,
            **shared.drawn(owner, on, f"readiness:{can_edit}"),
        },
    )


def _shown(form, record, person: Person, section_slug: str) -> list[tuple[str, str]]:
    """The record as it now stands, field by field, for the writer who lost a race to read."""
    values = current_values(section_slug, record, person)
    shown = []
    for name, field in form.fields.items():
        if name == "version":
            continue
        value = values.get(name)
        if hasattr(field, "choices") and not isinstance(value, list | tuple):
            value = dict(field.choices).get(value if value is not None else "", value)
        elif isinstance(value, list | tuple):
            labels = dict(field.choices)
            value = ", ".join(str(labels.get(v, v)) for v in value)
        elif isinstance(value, bool):
            value = "Yes" if value else "No"
        shown.append((str(field.label), "Not recorded" if value in (None, "") else str(value)))
    return shown


@access(PERSON_CHANGE)
@require_http_methods(["GET", "POST"])
def edit_section(request, prison_number, section):
    if section not in SECTIONS:
        raise Http404("No such part of the plan")
    person = _person(request)
    model = SECTIONS[section].model
    record = model.objects.filter(person=person).first()
    form_class, on = SECTIONS[section].form, today()
    current = None
    if request.method == "POST":
        form = form_class(request.POST, today=on)
        if form.is_valid():
            try:
                save_section(section, person, form, request.user)
            except services.Conflict as conflict:
                current = _shown(form, conflict.current, _reloaded(person), section)
                data = request.POST.copy()
                data["version"] = conflict.current.version if conflict.current else 0
                form = form_class(data, today=on)
                form.is_valid()
                form.add_error(None, services.CONFLICT_MESSAGE)
            else:
                return _back_to_his_page(request, prison_number, section, f"{SECTIONS[section].title}: saved")
    else:
        form = form_class(initial=current_values(section, record, person), today=on)
    return render(
        request,
        "plans/edit.html",
        {"person": person, "form": form, "section": SECTIONS[section], "slug": section, "current": current},
    )


def _reloaded(person: Person) -> Person:
    person.risk = RiskProfile.objects.filter(person=person).first() or RiskProfile(person=person)
    return person


@access(PERSON_CHANGE)
@require_http_methods(["GET", "POST"])
def add_mappa_meeting(request, prison_number):
    person = _person(request)
    form = forms.MappaMeetingForm(request.POST or None, today=today())
    if request.method == "POST" and form.is_valid():
        services.add_mappa_meeting(person, by=request.user, **form.cleaned_data)
        return _back_to_his_page(request, prison_number, "mappa", "MAPPA meeting recorded")
    meetings = person.mappa_meetings.all()
    return render(request, "plans/mappa_meeting.html", {"person": person, "form": form, "meetings": meetings})


@access(PERSON_CHANGE)
@require_http_methods(["GET", "POST"])
def edit_intervention(request, prison_number, offer_id=None):
    person = _person(request)
    offer = get_object_or_404(InterventionOffer, person=person, pk=offer_id) if offer_id else None
    on, current = today(), None
    if request.method == "POST":
        form = forms.InterventionForm(request.POST, today=on)
        if form.is_valid():
            try:
                services.save_intervention_offer(
                    person,
                    pk=offer_id,
                    version=form.cleaned_data["version"],
                    values=form.values(),
                    by=request.user,
                )
            except services.Conflict as conflict:
                current = [
                    (str(f.label), str(getattr(conflict.current, n, "") or "Not recorded"))
                    for n, f in form.fields.items()
                    if n != "version"
                ]
                data = request.POST.copy()
                data["version"] = conflict.current.version if conflict.current else 0
                form = forms.InterventionForm(data, today=on)
                form.is_valid()
                form.add_error(None, services.CONFLICT_MESSAGE)
            else:
                return _back_to_his_page(request, prison_number, "interventions", "Intervention offer saved")
    else:
        initial = {"version": offer.version if offer else 0}
        if offer:
            initial.update(
                offered_on=offer.offered_on,
                intervention=offer.intervention,
                outcome=offer.outcome,
                rationale=offer.rationale,
            )
        form = forms.InterventionForm(initial=initial, today=on)
    section = Section(
        "Intervention offered (maintaining innocence)", InterventionOffer, forms.InterventionForm
    )
    return render(
        request,
        "plans/edit.html",
        {"person": person, "form": form, "section": section, "slug": "interventions", "current": current},
    )


# --- a prison ----------------------------------------------------------------------------------------------


@access(PRISONS_OVERVIEW)
def overview(request):
    figures = selectors.overview(policy.prisons_seen_by(request.scope), today=today())
    return render(request, "plans/overview.html", {"figures": figures})


@access(PRISON_CASELOAD)
def dashboard(request, prison_code):
    prison = request.prison
    on = today()
    board = selectors.dashboard(prison, request.scope, today=on)
    whole = policy.sees_whole_prison(request.scope, prison)
    drawn = shared.drawn(shared.prison(prison.pk), on, "dashboard") if whole else shared.NOT_DRAWN
    return render(request, "plans/dashboard.html", {"prison": prison, "board": board, "today": on, **drawn})


@access(PRISON_CASELOAD)
def worklist(request, prison_code, name):
    prison = request.prison
    definition = selectors.WORKLISTS.get(name)
    if definition is None:
        raise Http404("No such worklist")
    on, check = today(), selectors.chosen_check(request.GET)
    findings = selectors.worklist_pages(name, prison, request.scope, today=on, check=check)
    page = Paginator(findings, settings.CASELOAD_PAGE_SIZE).get_page(request.GET.get("page"))
    recorder.numbers_listed(
        request,
        shared.prison_numbers(page.object_list, selectors.finding_man_number),
        query={"prison": prison.code, "worklist": name, "check": check},
    )
    return render(
        request,
        "plans/worklist.html",
        {
            "prison": prison,
            "worklist": definition,
            "page": page,
            # Read only where the table is drawn, not where it is kept drawn (`drawn_once`).
            "rows": SimpleLazyObject(lambda: selectors.rows(page.object_list, today=on)),
            "today": on,
            "worklists": selectors.WORKLISTS.values(),
            "check": BY_ID[check] if check else None,
            **shared.drawn_once(findings, page),
        },
    )


@access(CASE_WORK)
def my_caseload(request):
    staff_id = request.scope.staff_id
    people = selectors.my_caseload(staff_id, policy.people_seen_by(request.scope))
    page = Paginator(people, settings.CASELOAD_PAGE_SIZE).get_page(request.GET.get("page"))
    recorder.people_listed(request, page.object_list, query={"my_caseload": staff_id})
    return render(
        request,
        "plans/my_caseload.html",
        {"page": page, "has_staff_record": staff_id is not None, "today": today()},
    )
