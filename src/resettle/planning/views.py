"""Transfer-planning screens: the national plan, a prison's moves and bed pressure, the unplaced men with
their reasons, and the decision on one proposal; and a man's own page, which brings together his record
(people), his readiness and plan (plans) and his transfer (here), so it is served by the highest of the
three (tests/test_import_graph.py). Thin: parse, call a selector or service, render."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.functional import SimpleLazyObject
from django.views.decorators.http import require_http_methods, require_POST

from resettle.accounts import policy
from resettle.accounts.access import (
    PERSON_CHANGE,
    PERSON_RECORD,
    PRISON_TRANSFERS,
    RUN_TRANSFER_PLAN,
    TRANSFER_DECISION,
    TRANSFER_PLAN,
    access,
)
from resettle.accounts.roles import Role
from resettle.audit import recorder
from resettle.core import shared
from resettle.core.clock import today
from resettle.core.jobs import start_command
from resettle.people.models import Person
from resettle.people.selectors import person_record
from resettle.plans.sections import SECTIONS
from resettle.plans.selectors import timeline

from . import selectors
from .charts import pressure_chart
from .forms import DecisionForm, HoldForm, RunPlanForm
from .models import TransferPlanRun, UnplacedReason
from .services import DEFAULT_HORIZON_WEEKS, TransferChangeRefused, change_status, lift_holds, record_hold

PAGE_SIZE = 50


def _national_plan(request, form: RunPlanForm):
    run = selectors.latest_run()
    reasons = sorted((run.unplaced_by_reason if run else {}).items())
    context = {
        "run": run,
        "pending": selectors.pending_run(),
        "failed": selectors.failed_run(),
        "regions": selectors.plan_by_region(run),
        "weeks": selectors.moves_by_week(run),
        "reasons": [(UnplacedReason(code), count) for code, count in reasons],
        "can_run": request.scope.has(Role.NATIONAL_LEAD),
        "form": form,
    }
    return render(request, "planning/national_plan.html", context)


@access(TRANSFER_PLAN)
def national_plan(request):
    return _national_plan(request, RunPlanForm(initial={"horizon_weeks": DEFAULT_HORIZON_WEEKS}))


@access(RUN_TRANSFER_PLAN)
@require_POST
def run_plan(request):
    form = RunPlanForm(request.POST)
    if not form.is_valid():
        return _national_plan(request, form)
    if selectors.pending_run() is not None:
        messages.error(request, "A transfer plan is already running: wait for it to finish.")
        return redirect("transfer-plan")
    # From the page the plan is always of today: a plan of another day would still replace today's proposals.
    run = TransferPlanRun.objects.create(
        as_of=today(), horizon_weeks=form.cleaned_data["horizon_weeks"], run_by=request.user
    )
    start_command("transfers", "plan", "--run", str(run.pk), user=request.user)
    messages.success(
        request, "The transfer plan is running. Refresh this page to see it when it has finished."
    )
    return redirect("transfer-plan")


@access(PRISON_TRANSFERS)
def prison_transfers(request, prison_code):
    prison = request.prison
    run = selectors.latest_run()
    # A busy prison sends hundreds of men a plan: each list is paged, as any list of men is.
    moves_out, moves_in = selectors.prison_moves(request.scope, prison)
    outgoing = Paginator(moves_out, PAGE_SIZE).get_page(request.GET.get("out"))
    incoming = Paginator(moves_in, PAGE_SIZE).get_page(request.GET.get("in"))
    unplaced = list(selectors.unplaced_men(request.scope, run, prison=prison)[:PAGE_SIZE])
    pressure = selectors.bed_pressure(run, prison)
    shown = [*outgoing, *incoming]
    recorder.people_listed(
        request,
        [t.person for t in shown] + [o.person for o in unplaced],
        query={"prison": prison.code, "page": "transfers", "out": outgoing.number, "in": incoming.number},
    )
    context = {
        "prison": prison,
        "run": run,
        "outgoing": outgoing,
        "incoming": incoming,
        "unplaced": unplaced,
        "pressure": pressure,
        "chart": pressure_chart(pressure),
        "deciding": {t.pk for t in shown if selectors.can_decide(request.scope, t)},
    }
    return render(request, "planning/prison_transfers.html", context)


@access(TRANSFER_PLAN)
def unplaced(request):
    run = selectors.latest_run()
    reason = request.GET.get("reason", "")
    if reason and reason not in UnplacedReason.values:
        reason = ""
    page = Paginator(selectors.unplaced_men(request.scope, run, reason=reason), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    recorder.people_listed(request, [o.person for o in page], query={"reason": reason, "page": page.number})
    return render(
        request,
        "planning/unplaced.html",
        {"run": run, "page": page, "reason": reason, "reasons": UnplacedReason.choices},
    )


@access(TRANSFER_DECISION)
@require_http_methods(["GET", "POST"])
def decide(request, transfer_id):
    transfer = get_object_or_404(selectors.transfers_seen(request.scope), pk=transfer_id)
    if not selectors.can_decide(request.scope, transfer):
        raise Http404("Only the SPO or governor of either prison decides this transfer")
    form = DecisionForm(request.POST or None, transfer=transfer)
    if request.method == "POST" and form.is_valid():
        try:
            change_status(
                transfer, form.cleaned_data["decision"], by=request.user, note=form.cleaned_data["note"]
            )
        except TransferChangeRefused as refused:
            field, _, problem = str(refused).partition(": ")
            form.add_error(field if field in form.fields else None, problem)
        else:
            messages.success(request, f"Transfer of {transfer.person.full_name}: {form.decision_label()}.")
            return redirect(
                "prison-transfers",
                prison_code=transfer.from_prison.code
                if policy.can_see_prison(request.scope, transfer.from_prison.code)
                else transfer.to_prison.code,
            )
    recorder.person_accessed(request, transfer.person.prison_number, "VIEW")
    return render(
        request,
        "planning/decide.html",
        {"transfer": transfer, "form": form},
    )


@access(PERSON_CHANGE)
@require_http_methods(["GET", "POST"])
def hold(request, prison_number):
    """Record (or lift) a hold: a reason he is not to be moved, which the next plan respects."""
    person = get_object_or_404(policy.people_editable_by(request.scope), prison_number=prison_number)
    form = HoldForm(request.POST or None)
    if request.method == "POST" and "lift" in request.POST:
        lift_holds(person, by=request.user, on=today())
        messages.success(request, "Hold lifted: the next transfer plan will consider him.")
        return redirect("person", prison_number=prison_number)
    if request.method == "POST" and form.is_valid():
        record_hold(person, reason=form.cleaned_data["reason"], by=request.user, on=today())
        messages.success(request, "Hold recorded: the next transfer plan will not move him.")
        return redirect("person", prison_number=prison_number)
    return render(
        request,
        "planning/hold.html",
        {"person": person, "form": form, "transfer": selectors.person_transfer(person)},
    )


@access(PERSON_RECORD)
def person(request, prison_number):
    """A man's page: his readiness by urgency with the form for each step, his plan, his dates, his record."""
    pk = request.person_id  # one he may see: the access gate found him
    on, owner, run_id = today(), shared.person(pk), selectors.latest_run_id()
    can_change = policy.can_edit_person_held_at(request.scope, prison_number, request.person_held_at)

    # The same for everyone who may see him: kept until his facts next change (resettle.core.shared), and
    # read only where the page is drawn, not where it is kept drawn.
    def his_record():
        return shared.read(
            owner,
            on,
            "record",
            lambda: person_record(prison_number, today=on, people=Person.objects.filter(pk=pk)),
        )

    record = SimpleLazyObject(his_record)
    # Shared with his readiness page, which reads it under the same name.
    checks = SimpleLazyObject(
        lambda: shared.read(owner, on, "timeline", lambda: timeline(record.person, today=on))
    )
    # Kept as long as his record, and no longer than the transfer plan it was read from.
    transfer = SimpleLazyObject(
        lambda: shared.read(owner, on, f"transfer:{run_id}", lambda: selectors.person_transfer(record.person))
    )
    context = {
        "record": record,
        "person": SimpleLazyObject(lambda: record.person),
        "timeline": checks,
        "sections": SECTIONS,
        "transfer": transfer,
        "today": on,
        "can_change": can_change,
        # Drawn once for everyone who sees what he sees of him: the plan his transfer was read from, and
        # whether he may change him, are all the page's parts that are not the man's own.
        **shared.drawn(owner, on, f"page:{run_id}:{can_change}"),
    }
    return render(request, "people/person.html", context)
