"""The import page: an administrator uploads files, the importer stores what it can, and the report says
what was stored and what was rejected, with the rejected records to download and correct."""

from django.contrib.humanize.templatetags.humanize import intcomma
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.defaultfilters import pluralize
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from resettle.accounts.access import IMPORT, access
from resettle.audit import recorder
from resettle.core.jobs import Job, RunStatus

from .fields import PRISON_NUMBER
from .forms import ImportForm
from .models import LastImport
from .uploads import SizeLimit, max_megabytes, queue_upload

# The report lists this many rejected records; the download has them all.
REJECTIONS_SHOWN = 200
# How often the page of an import in progress asks again.
POLL_SECONDS = 2


@access(IMPORT)
@csrf_exempt
def import_records(request):
    # Django reads the upload when the CSRF check asks for the token: the size limit must come first.
    request.upload_handlers.insert(0, SizeLimit(request))
    return _import_records(request)


@csrf_protect
def _import_records(request):
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, too_large=getattr(request, "upload_too_large", False))
        if form.is_valid():
            job = queue_upload(
                form.cleaned_data["files"], person=form.cleaned_data["person"] or None, user=request.user
            )
            return redirect("import-progress", job=job.pk)
    else:
        form = ImportForm()
    return render(request, "interop/import.html", {"form": form, "max_megabytes": max_megabytes()})


@access(IMPORT)
def import_progress(request, job: int):
    """An import the user uploaded, while its job runs: the page asks again every few seconds, and goes on
    to the report when the job has finished. Another user's import is not found."""
    job = _own_import(request, job)
    if job.status == RunStatus.FINISHED:
        return redirect("import-report")
    return render(
        request,
        "interop/import_progress.html",
        {"job": job, "progress": _progress(job), "poll_seconds": POLL_SECONDS},
    )


@access(IMPORT)
def import_progress_json(request, job: int):
    """What the progress page's script asks every few seconds: how far, and where to go when it is over."""
    job = _own_import(request, job)
    over_to = (
        reverse("import-report")
        if job.status == RunStatus.FINISHED
        else reverse("import-progress", args=[job.pk])
    )
    return JsonResponse(
        {
            "status": job.status,
            "done": job.done,
            "total": job.total,
            "progress": _progress(job),
            "over": job.is_over,
            "next": over_to,
        }
    )


def _own_import(request, pk: int) -> Job:
    """The user's own import job: another user's is not found."""
    return get_object_or_404(Job, pk=pk, command="import", requested_by=request.user)


def _progress(job: Job) -> str:
    if job.status == RunStatus.QUEUED:
        return "Waiting for a worker to start the import."
    read = f"{intcomma(job.done)} record{pluralize(job.done)} read"
    return f"{read} of {intcomma(job.total)}." if job.total else f"{read}."


def _last_import(request) -> LastImport | None:
    return LastImport.objects.filter(user=request.user).first()


@access(IMPORT)
def import_report(request):
    last = _last_import(request)
    if last is None:
        return redirect("import")
    return render(
        request,
        "interop/import_report.html",
        {"last": last, "rejections": last.rejections[:REJECTIONS_SHOWN], "shown": REJECTIONS_SHOWN},
    )


@access(IMPORT)
def import_rejected(request):
    """The rejected records of the user's own last import, whole: each names the man it is about."""
    last = _last_import(request)
    if last is None:
        return redirect("import")
    response = JsonResponse(last.rejections, safe=False, json_dumps_params={"indent": 2})
    response["Content-Disposition"] = (
        f'attachment; filename="import-rejected-{last.imported_at:%Y%m%d-%H%M%S}.json"'
    )
    recorder.exported(
        request, what="the rejected records of an import, as JSON", people=_prison_numbers(last.rejections)
    )
    return response


def _prison_numbers(rejections: list[dict]) -> list[str]:
    named = {r["data"].get("prisonerNumber") for r in rejections if isinstance(r["data"], dict)}
    return sorted(n.upper() for n in named if isinstance(n, str) and PRISON_NUMBER.match(n.upper()))
