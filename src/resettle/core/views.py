from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache

from resettle.accounts.access import PUBLIC, SIGNED_IN, access


@access(PUBLIC)
@never_cache
def healthz(request):
    """Liveness: the process answers. Also the bare Django page that benchmarks compare against."""
    return HttpResponse("ok", content_type="text/plain")


@access(SIGNED_IN)
def home(request):
    scope = request.scope
    if scope.is_administrator and not scope.sees_case_data:
        return redirect("audit-trail")
    prison = request.user.caseload_prison
    if prison is None:
        return redirect("prison-list")
    return redirect("caseload", prison_code=prison.code)
