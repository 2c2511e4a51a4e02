from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.views.decorators.cache import never_cache


@never_cache
@login_not_required
def healthz(request):
    """Liveness: the process answers. Also the bare Django page that benchmarks compare against."""
    return HttpResponse("ok", content_type="text/plain")


def home(request):
    prison = request.user.caseload_prison
    if prison is None:
        return redirect("prison-list")
    return redirect("caseload", prison_code=prison.code)
