"""The service's own pages, which belong to no area: the home page and the health probes. They live here,
beside the access gate they declare themselves to, so that core imports no app."""

from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache

from resettle.core import health

from . import navigation
from .access import PUBLIC, SIGNED_IN, access


@access(PUBLIC)
@never_cache
def live(request):
    """Liveness: the process answers. Also the bare Django page that benchmarks compare against."""
    return HttpResponse("ok", content_type="text/plain")


@access(PUBLIC)
@never_cache
def ready(request):
    """Readiness: the database and the broker answer, so this process can serve (503 until they do)."""
    checks = health.readiness()
    return JsonResponse(
        {"status": "ok" if health.all_ok(checks) else "unavailable", "checks": checks},
        status=200 if health.all_ok(checks) else 503,
    )


@access(SIGNED_IN)
def home(request):
    prison = request.user.caseload_prison
    return redirect(navigation.home(request.scope, prison.code if prison else None))
