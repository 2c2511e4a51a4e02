from django.conf import settings
from django.contrib.auth import views as auth
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_http_methods

from . import two_factor
from .access import PUBLIC, SIGNING_IN, access
from .forms import SignInForm, TwoFactorCodeForm

sign_in = access(PUBLIC)(
    auth.LoginView.as_view(
        template_name="accounts/sign_in.html",
        authentication_form=SignInForm,
        redirect_authenticated_user=True,
    )
)
sign_out = access(SIGNING_IN)(auth.LogoutView.as_view())


def _next_page(request) -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    safe = url_has_allowed_host_and_scheme(wanted, {request.get_host()}, require_https=request.is_secure())
    return wanted if safe else settings.LOGIN_REDIRECT_URL


@access(SIGNING_IN)
@require_http_methods(["GET", "POST"])
def two_factor_setup(request):
    if two_factor.is_enrolled(request.user):
        # A second device is added, or a lost one replaced, by an administrator resetting the old one.
        return redirect("two-factor-verify")
    device = two_factor.device_being_enrolled(request.user)
    form = TwoFactorCodeForm(
        lambda code: device if two_factor.confirm(request, device, code) else None, request.POST or None
    )
    if form.is_valid():
        return redirect(_next_page(request))
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "form": form,
            "qr_code": two_factor.qr_code_svg(device),
            "setup_key": two_factor.setup_key(device),
            "next": _next_page(request),
        },
    )


@access(SIGNING_IN)
@require_http_methods(["GET", "POST"])
def two_factor_verify(request):
    if not two_factor.is_enrolled(request.user):
        return redirect("two-factor-setup")
    form = TwoFactorCodeForm(lambda code: two_factor.verify(request, code), request.POST or None)
    if form.is_valid():
        return redirect(_next_page(request))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _next_page(request)})
